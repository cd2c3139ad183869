"""Province names as people type them: one reading rule for the runner, the
notebooks' setup line (plain papermill) and validation.

A name is compared after Unicode NFC normalisation (a name typed with
decomposed accents is the same name), then looked up, case-insensitively, in
data/province_aliases.csv (`alias`, `province`, `note`): Sài Gòn /
TP HCM -> TP. Hồ Chí Minh, Huế -> Thừa Thiên Huế, tone-mark variants. An alias
of a province formed by the 2025 merger ("Cần Thơ (mới)") lists its
predecessors, `;`-separated: the data hold the 63 provinces before the merger,
so such a name is refused with the predecessors to choose from, never expanded
silently. Raw articles are never rewritten.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ALIASES = "data/province_aliases.csv"
ALIAS_COLUMNS = ["alias", "province", "note"]
PREDECESSORS = ";"  # separates the predecessors of a merged province


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _key(name: str) -> str:
    return " ".join(nfc(name).split()).casefold()


@dataclass(frozen=True)
class Reading:
    """How a typed name was read: `how` is "exact", "normalised" (differs only in
    Unicode normalisation), "alias", "merged" (a post-2025 province: `provinces`
    are its predecessors) or "unknown"."""

    typed: str
    how: str
    provinces: tuple[str, ...] = ()
    note: str = ""

    @property
    def province(self) -> str:
        return self.provinces[0]


def read(name: str, official, aliases: dict[str, tuple[tuple[str, ...], str]]) -> Reading:
    """`name` read against the `official` names and the `aliases` of `alias_table`."""
    official = list(official)
    if name in official:
        return Reading(name, "exact", (name,))
    by_nfc = {nfc(p): p for p in official}
    if nfc(name) in by_nfc:
        return Reading(name, "normalised", (by_nfc[nfc(name)],))
    if _key(name) in aliases:
        provinces, note = aliases[_key(name)]
        return Reading(name, "alias" if len(provinces) == 1 else "merged", provinces, note)
    return Reading(name, "unknown")


def alias_table(root: Path) -> dict[str, tuple[tuple[str, ...], str]]:
    """{alias key: (official provinces, note)} from the alias file under `root` (empty if absent)."""
    path = Path(root) / ALIASES
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {_key(r["alias"]): (tuple(nfc(r["province"]).split(PREDECESSORS)), r["note"]) for r in rows if r["alias"]}


def merged_message(reading: Reading) -> str:
    """Why a post-2025 province name is refused, and what to write instead."""
    names = ", ".join(map(repr, reading.provinces))
    listed = ", ".join(reading.provinces)
    return (
        f"{reading.typed!r} is a province formed by the 2025 merger of {names}; the data hold the 63 "
        f"provinces before the merger (the DTI, PAPI and articles report those): name one or several of "
        f"them, e.g. -y 'provinces: [{listed}]' ({ALIASES})"
    )


def data_message(reading: Reading) -> str:
    """The fix for a name in a data file that is not an official spelling but is known."""
    if reading.how == "alias":
        return f" ({reading.typed!r} is another name for {reading.province!r}, {ALIASES}: write {reading.province!r})"
    if reading.how == "merged":
        return f" ({merged_message(reading)})"
    return ""


def check_alias_file(c, provinces: set[str]) -> None:
    """Validation of the alias table: its columns, provinces among the 63, no alias
    equal to an official name or listed twice."""
    table = c.read(ALIASES, ALIAS_COLUMNS)
    if table is None:
        return
    c.required(table, "alias", "province")
    official = {_key(p) for p in provinces}
    seen: dict[str, int] = {}
    for line, row in table.rows:
        key = _key(row["alias"])
        if key in official:
            c.add(table, line, "alias", f"{row['alias']!r} is an official name; an alias must differ from them")
        if key in seen:
            c.add(table, line, "alias", f"{row['alias']!r} is already listed on row {seen[key]}")
        seen.setdefault(key, line)
        unknown = [p for p in nfc(row["province"]).split(PREDECESSORS) if provinces and p not in provinces]
        if row["province"] and unknown:
            c.add(
                table,
                line,
                "province",
                f"{', '.join(map(repr, unknown))} not in data/reference/regions.csv; expected official names, "
                f"'{PREDECESSORS}'-separated for the predecessors of a merged province",
            )
