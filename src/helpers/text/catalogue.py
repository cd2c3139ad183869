"""Everything a reader reads: one message catalogue per language (en.py, vi.py,
key -> str.format template) and the formatting of values, periods and dates
(helpers.text.formats). Findings and charts ask for a key; no module writes
prose in two languages inline."""

from __future__ import annotations

from helpers.text import en, vi

LANGS = ("en", "vi")
CATALOGUES = {"en": en.MESSAGES, "vi": vi.MESSAGES}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def say(key: str, lang: str, **values) -> str:
    """The message `key` in `lang`, with `values` filled in."""
    catalogue = CATALOGUES[check_lang(lang)]
    if key not in catalogue:
        raise KeyError(f"no message {key!r} in the {lang} catalogue (src/helpers/text/{lang}.py)")
    return catalogue[key].format(**values)
