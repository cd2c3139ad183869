"""Everything a reader reads: one message catalogue per language, assembled from the modules
src/helpers/text/messages/<lang>/<topic>.py (key -> str.format template; the same modules and keys
in every language, a key in the module of its prefix), and the formatting of values, periods and
dates (helpers.text.formats). Findings and charts ask for a key; no module writes prose in two
languages inline."""

from __future__ import annotations

import importlib
import pkgutil

LANGS = ("en", "vi")
FOLDER = "src/helpers/text/messages"


def modules(lang: str) -> dict[str, dict[str, str]]:
    """The messages of each module of the `lang` catalogue, by module name."""
    package = importlib.import_module(f"helpers.text.messages.{lang}")
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__))
    return {name: importlib.import_module(f"{package.__name__}.{name}").MESSAGES for name in names}


def module_file(lang: str, module: str) -> str:
    return f"{FOLDER}/{lang}/{module}.py"


def assemble(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """The `lang` catalogue (key -> template) and the module of each key; a key in two modules is an error."""
    merged: dict[str, str] = {}
    home: dict[str, str] = {}
    for module, messages in modules(lang).items():
        for key, text in messages.items():
            if key in home:
                raise ValueError(
                    f"message {key!r} is defined in both {module_file(lang, home[key])} and "
                    f"{module_file(lang, module)}: keep it in one"
                )
            merged[key], home[key] = text, module
    return merged, home


CATALOGUES: dict[str, dict[str, str]] = {}
HOMES: dict[str, dict[str, str]] = {}
for _lang in LANGS:
    CATALOGUES[_lang], HOMES[_lang] = assemble(_lang)


def file_of(key: str, lang: str) -> str:
    """The catalogue module where `key` belongs in `lang`: where it is, else where it is in another
    language, else the module of the keys sharing its prefix (`exclusion.*`), else common.py."""
    for homes in (HOMES[lang], *(HOMES[other] for other in LANGS)):
        if key in homes:
            return module_file(lang, homes[key])
    prefix = key.split(".")[0]
    by_prefix = {k.split(".")[0]: module for k, module in HOMES[lang].items()}
    return module_file(lang, by_prefix.get(prefix, "common"))


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def say(key: str, lang: str, **values) -> str:
    """The message `key` in `lang`, with `values` filled in."""
    catalogue = CATALOGUES[check_lang(lang)]
    if key not in catalogue:
        raise KeyError(f"no message {key!r} in the {lang} catalogue (add it to {file_of(key, lang)})")
    return catalogue[key].format(**values)
