"""Every word a run will ask the catalogues for, checked before the run.

The notebooks word each exclusion reason, unit, qualifier, tier, theme,
stacked part and rate denominator through a catalogue key (`exclusion.<reason>`,
`unit.<unit>`, ...). A value in the data without its key in both catalogues
would stop `make run` with a KeyError; validation names the row and the key.
"""

from __future__ import annotations

from helpers.text.catalogue import CATALOGUES, LANGS, file_of
from helpers.text.formats import unit_key


def missing(key: str) -> str | None:
    """'add the key ... to <modules>' when `key` is absent from a catalogue, else None."""
    absent = [lang for lang in LANGS if key not in CATALOGUES[lang]]
    if not absent:
        return None
    return f"add the key {key!r} to " + " and ".join(file_of(key, lang) for lang in absent)


def require(c, tab, column: str, what: str, key_of) -> None:
    """For each row of `tab`, the key `key_of(row)` (None: nothing needed) exists in both catalogues."""
    for line, row in tab.rows:
        key = key_of(row)
        fix = missing(key) if key else None
        if fix:
            c.add(tab, line, column, f"no wording for {what} {row[column]!r}: {fix}")


def check(c, t: dict, parts: set[str]) -> None:
    """Wording checks on the tables `t` read by helpers.checks.validation (None: unreadable)."""
    if t.get("exclusion_reasons"):
        require(c, t["exclusion_reasons"], "reason", "exclusion reason", lambda r: f"exclusion.{r['reason']}")
    if t.get("sources"):
        require(c, t["sources"], "tier", "tier", lambda r: f"tier.{r['tier']}" if r["tier"] else None)
    if t.get("indicators"):
        tab = t["indicators"]
        require(c, tab, "theme", "theme", lambda r: f"theme.{r['theme']}" if r["theme"] else None)
        require(c, tab, "unit", "unit", lambda r: unit_key(r["unit"]) if r["unit"] else None)
        require(
            c,
            tab,
            "indicator_id",
            "the stacked-bar part",
            lambda r: f"stacked.part.{r['indicator_id']}" if r["indicator_id"] in parts else None,
        )
    if t.get("observations"):
        require(
            c,
            t["observations"],
            "qualifier",
            "qualifier",
            lambda r: f"hedged.{r['qualifier']}" if r["qualifier"] not in ("", "exact") else None,
        )
    for tab, line, column, key, what in c.wording:  # asked for by the lower layers' checks
        fix = missing(key)
        if fix:
            c.add(tab, line, column, f"no wording for {what}: {fix}")
