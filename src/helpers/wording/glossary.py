"""The Vietnamese glossary (data/glossary.csv): one official term per concept,
its short form, the variants it does not allow, and where the term comes from.

A Vietnamese notebook spells a short form out at its first use ("Chỉ số chuyển
đổi số cấp tỉnh (DTI)") and uses the short form afterwards (spell_out); variants()
finds the forms the glossary rules out (mức 4 for mức độ 4, hoá for hóa, tỉ for tỷ,
"mã nguồn" for a source id) outside quotes, code and URLs."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from helpers.paths import DATA

GLOSSARY = DATA / "glossary.csv"
COLUMNS = ["term_en", "term_vi", "short_vi", "avoid_vi", "source"]
# What stays as written: quotes, code and URLs.
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"|`[^`\n]*`|<[^>\n]*>|https?://[^\s)]+|\(\w+/[^\s)]*\)")


@dataclass(frozen=True)
class Term:
    term_en: str
    term_vi: str
    short_vi: str
    avoid_vi: str
    source: str


@cache
def terms() -> tuple[Term, ...]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{GLOSSARY.name}: expected columns {','.join(COLUMNS)}; found {reader.fieldnames}")
        return tuple(Term(**row) for row in reader)


def _outside_quotes(text: str):
    """(start, end) of each stretch of `text` outside quotes, code and URLs."""
    start = 0
    for m in QUOTED.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def variants(text: str) -> list[str]:
    """Each form of `text` the glossary does not allow, with the term to use instead."""
    found = []
    for term in terms():
        if not term.avoid_vi:
            continue
        pattern = re.compile(term.avoid_vi)
        for start, end in _outside_quotes(text):
            found += [f"{m.group(0)!r} (use {term.term_vi!r})" for m in pattern.finditer(text, start, end)]
    return found


def _short(term: Term) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(term.short_vi)}(?![\w-])")


def spell_out(cells: list[str]) -> list[str]:
    """The texts of one notebook, in reading order, with each short form spelled out at
    its first use (unless the full term came first): "Chỉ số chuyển đổi số cấp tỉnh (DTI)",
    or "(DTI: Chỉ số chuyển đổi số cấp tỉnh)" inside parentheses."""
    cells = list(cells)
    for term in (t for t in terms() if t.short_vi):
        short, full = _short(term), term.term_vi.casefold()
        for index, text in enumerate(cells):
            first = next((m for s, e in _outside_quotes(text) for m in [short.search(text, s, e)] if m), None)
            if full in text.casefold() and (first is None or text.casefold().index(full) < first.start()):
                break  # spelled out already
            if first is None:
                continue
            if text[first.start() - 1 : first.start()] == "(":
                spelled = f"{term.short_vi}: {term.term_vi}"
            else:
                spelled = f"{term.term_vi} ({term.short_vi})"
            cells[index] = text[: first.start()] + spelled + text[first.end() :]
            break
    return cells
