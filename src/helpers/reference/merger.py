"""The 2025 merger as seen by DTI 2024 (data/reference/dti_successors.csv).

Part of the maintainers' reference build. The ministry computed each merged
province's DTI 2024 as the plain average of its predecessors' indices
(press_additions, Dân trí 21/10/2025). The predecessors are those named in that
row's note; the build recomputes every average from the 63-province table and
refuses a mismatch with the 34-province table, so the mapping cannot drift
from the scores.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from helpers.reference.common import ReferenceBuildError

SUCCESSOR_COLUMNS = ["successor", "predecessor", "assessment_year", "source_id", "url", "quote", "confidence"]
METHOD_INDICATOR = "dti_34_provinces_method"
# "new Cần Thơ 0.7030 = mean(Cần Thơ 0.7505, Sóc Trăng 0.6493, Hậu Giang 0.7093)"
_MEAN = re.compile(r"new (?P<successor>[^0-9=;]+?) (?P<score>\d\.\d+) = mean\((?P<parts>[^)]*)\)")
_PART = re.compile(r"(?P<province>[^,0-9]+?) (?P<score>\d\.\d+)")


def successor_rows(
    additions: Path, tables: list[dict], source_id_of, sources: dict[str, dict[str, str]]
) -> list[list[object]]:
    """One row per (successor, predecessor) named by the method row of `additions`."""
    with additions.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["indicator"] == METHOD_INDICATOR]
    if len(rows) != 1:
        raise ReferenceBuildError(f"{additions.name}: expected one {METHOD_INDICATOR} row, found {len(rows)}")
    method = rows[0]
    year = int(method["assessment_year"])
    by_scope = {t["scope"]: dict(t["rows"]) for t in tables if t["year"] == year}
    before, after = by_scope.get("63_provinces"), by_scope.get("34_provinces_post_merger")
    if before is None or after is None:
        raise ReferenceBuildError(f"DTI {year}: both the 63- and the 34-province tables are needed")
    source_id = source_id_of(method["source_url"], sources)
    out = []
    for m in _MEAN.finditer(method["note"]):
        successor = m["successor"].strip()
        parts = [p["province"].strip(" ,") for p in _PART.finditer(m["parts"])]
        missing = [p for p in [successor, *parts] if p not in before and p not in after]
        if successor not in after or any(p not in before for p in parts):
            raise ReferenceBuildError(f"{additions.name}: unknown province in {m.group(0)!r}: {missing}")
        mean = round(sum(before[p] for p in parts) / len(parts), 4)
        if mean != round(after[successor], 4):
            raise ReferenceBuildError(
                f"{additions.name}: mean of {parts} is {mean}, the 34-province table gives {successor} {after[successor]}"
            )
        for part in parts:
            out.append([successor, part, year, source_id, method["source_url"], method["quote"], method["confidence"]])
    if not out:
        raise ReferenceBuildError(f"{additions.name}: the {METHOD_INDICATOR} note names no 'new X s = mean(...)'")
    return sorted(out, key=lambda r: (r[0], r[1]))
