"""Markdown narrative in Vietnamese: the runner replaces each markdown cell by
its translation from markdown_vi.yaml when lang="vi". The committed notebooks
stay English; the catalogue is keyed by the exact English cell text (not by
notebook), so renamed or reordered notebooks keep their translations."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from helpers.text import glossary

CATALOGUE = Path(__file__).with_name("markdown_vi.yaml")


@cache
def translations(path: Path = CATALOGUE) -> dict[str, str]:
    """English cell text -> Vietnamese; a malformed entry is named by its position."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of entries with keys 'en' and 'vi'")
    found: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: entry {number}"
        if not isinstance(entry, dict) or set(entry) != {"en", "vi"}:
            raise ValueError(f"{where}: expected exactly the keys 'en' and 'vi', got {entry!r:.80}")
        en, vi = entry["en"], entry["vi"]
        if not (isinstance(en, str) and isinstance(vi, str) and en.strip() and vi.strip()):
            raise ValueError(f"{where}: 'en' and 'vi' must be non-empty texts")
        if en in found:
            raise ValueError(f"{where}: the English text {en[:80]!r} is already translated above")
        found[en] = vi
    return found


def _narrative(cell) -> bool:
    """A markdown cell of the narrative (navigation cells are computed: helpers.text.navigation)."""
    return cell.cell_type == "markdown" and "navigation" not in cell.get("metadata", {}).get("tags", [])


def markdown_cells(nb) -> list[str]:
    return [cell.source for cell in nb.cells if _narrative(cell)]


def translate(nb, lang: str):
    """`nb` with its markdown in `lang` (unchanged for English). A cell without
    a translation stays English: tests/test_markdown_vi.py names it."""
    if lang != "vi":
        return nb
    cells = [cell for cell in nb.cells if _narrative(cell)]
    # glossary terms spelled out at their first use in the notebook (helpers.text.glossary)
    for cell, text in zip(cells, vietnamese([cell.source for cell in cells])):
        cell.source = text
    return nb


def vietnamese(english: list[str]) -> list[str]:
    """The Vietnamese texts of a notebook's markdown cells (English where none is given),
    with the glossary's short forms spelled out at their first use."""
    catalogue = translations()
    return glossary.spell_out([catalogue.get(text, text) for text in english])


def untranslated(notebooks: dict[str, object]) -> list[tuple[str, str]]:
    """(notebook name, first 80 characters) of each markdown cell with no translation."""
    catalogue = translations()
    return [(name, text[:80]) for name, nb in notebooks.items() for text in markdown_cells(nb) if text not in catalogue]


def unused(notebooks: dict[str, object]) -> list[str]:
    """First 80 characters of each catalogue entry that matches no markdown cell."""
    cells = {text for nb in notebooks.values() for text in markdown_cells(nb)}
    return [en[:80] for en in translations() if en not in cells]
