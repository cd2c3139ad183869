"""The notebooks' parameters: canonical values, the checks shared by the
notebooks and the runner, and where a run's figures go.

Every client (the runner, plain papermill, JupyterLab) runs the same setup line,
`provinces, lang = parameters.use(provinces, lang)`, so the notebook itself
decides: canonical parameters write figures/; any other choice writes
out/<variant>/figures/, never over the committed figures. An explicit
DX_FIGURES_DIR (the runner's staging folder, tests) still wins.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from helpers.data import paths, province_names
from helpers.data.loading import check_provinces, read_provinces
from helpers.text.catalogue import LANGS as CANONICAL_LANGS
from helpers.text.catalogue import check_lang, say

# The values the committed notebooks and figures/ are made with; a test checks
# that every notebook's parameters cell declares exactly these defaults.
CANONICAL: dict[str, object] = {"provinces": ["Hậu Giang", "Tiền Giang"], "lang": "en"}
CHECKS = {"provinces": check_provinces, "lang": check_lang}
# Renditions committed beside the canonical one: the study's provinces in another
# language, as notebooks/<lang>/ and figures/<lang>/ (made by `make run` too).
PUBLISHED = ("vi",)
ALIASES = province_names.ALIASES
_MAX_VARIANT = 60  # longer folder names are shortened with a hash


def check(name: str, value: object) -> object:
    """`value` normalised (one province name -> a list); ValueError naming `name` otherwise."""
    try:
        return CHECKS[name](value)
    except ValueError as exc:
        raise ValueError(f"parameter {name!r}: {exc}") from None


def check_all(values: dict[str, object]) -> dict[str, object]:
    return {name: check(name, value) if name in CHECKS else value for name, value in values.items()}


def _slug(text: str) -> str:
    """ASCII, lower case, hyphens: 'TP. Hồ Chí Minh' -> 'tp-ho-chi-minh'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in decomposed if c.isascii()).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def variant_name(values: dict[str, object]) -> str:
    """Folder name for checked, non-canonical values; '' for the canonical ones.

    One part per parameter that differs from CANONICAL, in name order, joined by
    '__': `lang-vi`, `provinces-tien-giang`, `lang-vi__provinces-tien-giang_hau-giang`.
    A part longer than 60 characters keeps its first 40 and a hash of the whole.
    """
    parts = []
    for name in sorted(values):
        value = values[name]
        if value == CANONICAL.get(name):
            continue
        shown = "_".join(_slug(str(v)) for v in value) if isinstance(value, list) else _slug(str(value))
        part = f"{name}-{shown}"
        if len(part) > _MAX_VARIANT:
            part = f"{part[:40].rstrip('-_')}-{hashlib.sha256(part.encode()).hexdigest()[:10]}"
        parts.append(part)
    return "__".join(parts)


def variant_dir(values: dict[str, object]) -> Path:
    """out/<variant>/ for non-canonical values (the runner's default --output-dir)."""
    name = variant_name(values)
    if not name:
        raise ValueError("canonical parameters have no variant folder: their figures go to figures/")
    return paths.VARIANTS / name


def published_lang(values: dict[str, object]) -> str | None:
    """The language of a published rendition when `values` differ from CANONICAL
    in a published language only (the study's provinces); None otherwise."""
    differing = {name for name, value in values.items() if value != CANONICAL.get(name)}
    lang = values.get("lang")
    return lang if differing == {"lang"} and lang in PUBLISHED else None


def figures_dir_for(values: dict[str, object]) -> Path:
    """figures/ for the canonical values, figures/<lang>/ for a published
    rendition, out/<variant>/figures/ otherwise."""
    lang = published_lang(values)
    if lang:
        return paths.FIGURES / lang
    return variant_dir(values) / "figures" if variant_name(values) else paths.FIGURES


def province_notes(provinces: object, lang: str) -> list[str]:
    """One line per name read otherwise than as typed (Unicode normalisation, an
    alias of data/province_aliases.csv), in `lang`; empty when none was."""
    notes = []
    for reading in read_provinces(provinces):
        if reading.how == "normalised":
            notes.append(say("parameters.province_normalised", lang, typed=reading.typed, province=reading.province))
        elif reading.how == "alias":
            notes.append(
                say("parameters.province_alias", lang, typed=reading.typed, province=reading.province, file=ALIASES)
            )
    return notes


def print_province_notes(provinces: object, lang: object) -> None:
    for note in province_notes(provinces, lang if lang in CANONICAL_LANGS else "en"):
        print(note, flush=True)


def use(provinces: object, lang: object) -> tuple[list[str], str]:
    """The notebooks' setup line: check the parameters, say how names were read, and
    send figures where they belong."""
    values = check_all({"provinces": provinces, "lang": lang})
    print_province_notes(provinces, values["lang"])
    target = figures_dir_for(values)
    paths.choose_figures_dir(target)
    if paths.VARIANTS in target.parents and not os.environ.get(paths.FIGURES_ENV):
        # Relative to the repository, so that the output is the same in every clone.
        print(say("parameters.variant_folder", values["lang"], folder=target.relative_to(paths.ROOT).as_posix()))
    return values["provinces"], values["lang"]
