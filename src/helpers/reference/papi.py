"""PAPI e-governance tables for data/reference/, built from the shared folder.

Part of the maintainers' reference build (`python -m helpers.reference.build`).
The shared sub-dimension file is re-expressed as two tidy tables: one row per
province, year and sub-dimension, and one row per province and year with the
dimension score (the sum of its sub-dimensions) and the project's own rank.
"""

from __future__ import annotations

import csv
from pathlib import Path

from helpers.reference.common import ReferenceBuildError, competition_rank
from helpers.reference.press import press_source_id

SOURCE_ID = "papi-egov-dataset"
SUBDIMENSIONS = ("egov_portal_access", "internet_access", "e_responsiveness")
# 2018 has no e-responsiveness sub-dimension; 2019 scores it on another scale.
FIRST_COMPARABLE_YEAR = 2020
# PAPI publishes dimension scores with four decimals ("2,6972").
DECIMALS = 4

SUB_COLUMNS = ["source_id", "year", "province", "subdimension", "score"]
SCORE_COLUMNS = ["source_id", "year", "province", "score", "rank", "n_ranked", "comparable"]
PRESS_COLUMNS = [
    "fact_id",
    "province",
    "measure",
    "year",
    "value",
    "n_provinces",
    "source_id",
    "url",
    "quote",
    "confidence",
    "note",
]
MEASURES = {"papi_egov_score", "papi_overall_score", "papi_overall_rank"}


def _rows(shared: Path) -> list[dict[str, str]]:
    path = shared / "papi_egov" / "papi_egov_subdimensions_2018_2024.csv"
    if not path.is_file():
        raise ReferenceBuildError(f"missing PAPI table {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def subdimensions_present(year: int) -> tuple[str, ...]:
    """The sub-dimensions PAPI had in `year` (2018: no e-responsiveness)."""
    return SUBDIMENSIONS[:2] if year < 2019 else SUBDIMENSIONS


def subdimension_rows(shared: Path, provinces: set[str]) -> list[list[object]]:
    out = []
    for line, row in enumerate(_rows(shared), start=2):
        if row["province"] not in provinces:
            raise ReferenceBuildError(
                f"papi_egov_subdimensions_2018_2024.csv:{line}: province {row['province']!r} "
                "is not one of the 63 official names"
            )
        year = int(row["year"])
        for name in subdimensions_present(year):
            value = row[name].strip()
            if value:
                score = float(value)
                if not 0 <= score <= 10:
                    raise ReferenceBuildError(
                        f"papi_egov_subdimensions_2018_2024.csv:{line}: {name} {value} is outside 0..10"
                    )
            out.append([SOURCE_ID, year, row["province"], name, value])
    return sorted(out, key=lambda r: (r[1], r[2], SUBDIMENSIONS.index(r[3])))


def dimension_score(parts: list[str]) -> str:
    """Sum of the sub-dimension scores, or '' when any part is unpublished."""
    if not parts or any(p == "" for p in parts):
        return ""
    return f"{round(sum(float(p) for p in parts), DECIMALS):.{DECIMALS}f}"


def score_rows(sub_rows: list[list[object]]) -> list[list[object]]:
    by_key: dict[tuple[int, str], list[str]] = {}
    for _, year, province, _, value in sub_rows:
        by_key.setdefault((year, province), []).append(value)
    out = []
    for year in sorted({y for y, _ in by_key}):
        keys = sorted(k for k in by_key if k[0] == year)
        scores = {k: dimension_score(by_key[k]) for k in keys}
        ranked = [k for k in keys if scores[k]]
        ranks = dict(zip(ranked, competition_rank([float(scores[k]) for k in ranked])))
        for key in keys:
            out.append(
                [
                    SOURCE_ID,
                    year,
                    key[1],
                    scores[key],
                    ranks.get(key, ""),
                    len(ranked) if key in ranks else "",
                    "true" if year >= FIRST_COMPARABLE_YEAR else "false",
                ]
            )
    return out


def press_rows(shared: Path, sources: dict[str, dict[str, str]]) -> list[list[object]]:
    path = shared / "papi_egov" / "papi_press_facts.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        facts = list(csv.DictReader(handle))
    out = []
    for i, fact in enumerate(facts, start=1):
        if fact["measure"] not in MEASURES:
            raise ReferenceBuildError(f"papi_press_facts.csv:{i + 1}: unknown measure {fact['measure']!r}")
        out.append(
            [
                f"papi{i:02d}",
                fact["province"],
                fact["measure"],
                int(fact["year"]),
                fact["value"],
                fact["n_provinces"],
                press_source_id(fact["url"], sources),
                fact["url"],
                fact["quote"],
                fact["confidence"],
                fact["note"],
            ]
        )
    return out


def outputs(shared: Path, sources: dict[str, dict[str, str]], provinces: set[str]) -> dict:
    """File name -> (header, rows) of the PAPI tables."""
    subs = subdimension_rows(shared, provinces)
    return {
        "papi_egov_subdimensions.csv": (SUB_COLUMNS, subs),
        "papi_egov_scores.csv": (SCORE_COLUMNS, score_rows(subs)),
        "papi_press_facts.csv": (PRESS_COLUMNS, press_rows(shared, sources)),
    }
