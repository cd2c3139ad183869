"""The Vietnamese glossary (data/glossary.csv): one official term per concept,
its short form, the variants it does not allow, and where the term comes from.

A Vietnamese notebook spells every short form out in its first cell ("Chữ viết tắt:
DTI – Chỉ số chuyển đổi số cấp tỉnh; …") and uses the short form afterwards; variants()
finds the forms the glossary rules out (mức 4 for mức độ 4, hoá for hóa, tỉ for tỷ,
"mã nguồn" for a source id) outside quotes, code and URLs."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from helpers.data.paths import DATA

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
    return [message for _, _, message in variant_spans(text)]


def variant_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, message) of each form of `text` the glossary does not allow."""
    found = []
    for term in terms():
        if not term.avoid_vi:
            continue
        pattern = re.compile(term.avoid_vi)
        for start, end in _outside_quotes(text):
            found += [
                (m.start(), m.end(), f"{m.group(0)!r} (use {term.term_vi!r})")
                for m in pattern.finditer(text, start, end)
            ]
    return found


def abbreviations() -> str:
    """The glossary's short forms, each with its full term, as the first use in a notebook
    ("Chữ viết tắt: DTI – Chỉ số chuyển đổi số cấp tỉnh; …"), in alphabetical order."""
    shorts = sorted((t for t in terms() if t.short_vi), key=lambda t: t.short_vi.replace("Đ", "D~"))
    return "*Chữ viết tắt:* " + "; ".join(f"{t.short_vi} – {t.term_vi}" for t in shorts) + "."


def spell_out(cells: list[str]) -> list[str]:
    """The markdown of one notebook with the list of abbreviations right under its title (a
    title may use a short form, as official report titles do), so that each short form is
    spelled out before its first use in tables, charts and prose."""
    if not cells:
        return cells
    title, newline, rest = cells[0].partition("\n")
    return [f"{title}\n\n{abbreviations()}{newline}{rest}", *cells[1:]]
