"""Curated notes and caveats, and the titles the project gives its own reference
sources, in the reader's language. The English text lives in its data table; the
Vietnamese one in data/notes_vi.csv, keyed by table, id and column, so that a
Vietnamese run shows every caveat an English run shows (`make validate` names
each note without a Vietnamese text)."""

from __future__ import annotations

import csv
from functools import cache

from helpers.data.paths import DATA

NOTES_VI = DATA / "notes_vi.csv"
COLUMNS = ["table", "id", "column", "text_vi"]
# Tables whose notes readers see, with their data file and id column: each note needs a Vietnamese text.
SHOWN = {
    "observations": ("data/observations.csv", "obs_id", "note"),
    "rate_definitions": ("data/rate_definitions.csv", "rate_id", "note"),
    "dti_calendar": ("data/reference/dti_calendar.csv", "assessment_year", "note"),
    "dti_press_facts": ("data/reference/dti_press_facts.csv", "fact_id", "note"),
}
# Titles of sources.csv that the project wrote itself (not the source's own title) may have one,
# and the comment in brackets after the locator of a public copy (copy_used).
OPTIONAL = {"sources": ("data/sources.csv", "source_id", ("title", "copy_used"))}


@cache
def texts() -> dict[tuple[str, str, str], str]:
    with NOTES_VI.open(encoding="utf-8", newline="") as handle:
        return {(r["table"], r["id"], r["column"]): r["text_vi"] for r in csv.DictReader(handle)}


def note(table: str, key, english: str, lang: str) -> str:
    """The note of row `key` of `table` in `lang` ("" stays "")."""
    if lang == "en" or not isinstance(english, str) or not english.strip():
        return english
    found = texts().get((table, str(key), SHOWN[table][2]))
    if found is None:
        raise KeyError(f"data/notes_vi.csv: no Vietnamese note for {table} {key}; add the row {table},{key},note,…")
    return found


def notes(table: str, keys, english, lang: str) -> list[str]:
    return [note(table, k, e, lang) for k, e in zip(keys, english)]


def source_copy(source_id: str, copy: str, lang: str) -> tuple[str, str]:
    """(locator, comment) of a source's public copy ("github:…csv (sub-criteria …)"): the
    comment in brackets after the locator, in Vietnamese where data/notes_vi.csv gives one."""
    locator, bracket, comment = copy.partition(" (")
    if not bracket or not comment.endswith(")"):
        return copy, ""
    comment = comment[:-1]
    return locator, comment if lang == "en" else texts().get(("sources", source_id, "copy_used"), comment)


def source_title(source_id: str, title: str, lang: str) -> str:
    """The title of a source; a title the project gave it, in Vietnamese where one is given."""
    return title if lang == "en" else texts().get(("sources", source_id, "title"), title)
