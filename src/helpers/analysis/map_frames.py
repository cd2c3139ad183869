"""Tidy rank frames for the province maps (evidence side; no drawing, no wording).

A frame has one row per province and panel: province, panel (e.g. the
assessment year), value (the score behind the rank), rank (1 = best),
n_ranked (provinces ranked in that panel) and source_id. Provinces without a
value simply have no row; the map draws them as "no data". Any ranked table
(DTI now, PAPI e-governance later) becomes a frame through `rank_frame`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.data import loading

__all__ = ["FRAME_COLUMNS", "DTI_MAP_YEARS", "WITH_REGION_PLACES", "rank_frame", "dti_rank_frame", "regional_shift"]

FRAME_COLUMNS = ["province", "panel", "value", "rank", "n_ranked", "source_id"]
# Assessment years with an official 63-province DTI table.
DTI_MAP_YEARS = (2022, 2023, 2024)
# A province "moved with its region" when its rank change is within this many
# places of the change of the region's median rank.
WITH_REGION_PLACES = 5


def rank_frame(
    table: pd.DataFrame,
    *,
    panel: str,
    value: str,
    rank: str,
    n_ranked: str | None = None,
    source: str = "source_id",
    name: str = "table",
) -> pd.DataFrame:
    """Re-express a ranked table as a map frame; `n_ranked` defaults to the
    number of ranked provinces per panel. A duplicate province or a rank
    outside 1..n_ranked raises ValueError as `name:line:column`, the line
    being the CSV line of a table as loaded (index + 2; the header is line 1)."""
    missing = [
        c for c in ["province", panel, value, rank, source, *([n_ranked] if n_ranked else [])] if c not in table.columns
    ]
    if missing:
        raise ValueError(f"{name}: missing column(s) {missing}")
    frame = pd.DataFrame(
        {
            "province": table["province"].astype(str),
            "panel": table[panel],
            "value": pd.to_numeric(table[value], errors="coerce"),
            "rank": pd.to_numeric(table[rank], errors="coerce"),
            "source_id": table[source].astype(str),
        }
    )
    frame["n_ranked"] = (
        pd.to_numeric(table[n_ranked], errors="coerce")
        if n_ranked
        else frame.groupby("panel")["province"].transform("size")
    )
    duplicated = frame.duplicated(["province", "panel"])
    if duplicated.any():
        i = duplicated.idxmax()
        raise ValueError(
            f"{name}:{i + 2}:province: {frame.at[i, 'province']!r} appears twice in panel {frame.at[i, 'panel']}"
        )
    bad = ~frame["rank"].between(1, frame["n_ranked"]) | (frame["rank"] % 1 != 0)
    if bad.any():
        i = bad.idxmax()
        raise ValueError(
            f"{name}:{i + 2}:{rank}: expected a whole rank from 1 to {frame.at[i, 'n_ranked']}, got {table.at[i, rank]}"
        )
    frame[["rank", "n_ranked"]] = frame[["rank", "n_ranked"]].astype(int)
    return frame[FRAME_COLUMNS].sort_values(["panel", "rank", "province"]).reset_index(drop=True)


def dti_rank_frame(years: Sequence[int] = DTI_MAP_YEARS) -> pd.DataFrame:
    """Official DTI ranks of the 63 provinces (data/reference/dti_scores.csv), one panel per year."""
    scores = loading.load("dti_scores").query("scope == '63_provinces'")
    available = sorted(scores["assessment_year"].astype(int).unique())
    unknown = [y for y in years if y not in available]
    if unknown:
        raise ValueError(f"years: no official 63-province DTI table for {unknown}; available: {available}")
    chosen = scores[scores["assessment_year"].isin(list(years))]  # index kept: errors name the CSV line
    return rank_frame(
        chosen,
        panel="assessment_year",
        value="score",
        rank="rank",
        n_ranked="n_provinces",
        name="data/reference/dti_scores.csv",
    )


def regional_shift(frame: pd.DataFrame, provinces: Sequence[str], region: Sequence[str]) -> pd.DataFrame:
    """Each province's rank in the first and last panel beside the region's
    median rank in the same panels: is a province's move its own or regional?

    `versus_region` = own change minus the median's change (positive = lost
    more places than the region); `verdict` is with_region, worse_than_region
    or better_than_region (threshold WITH_REGION_PLACES)."""
    panels = sorted(frame["panel"].unique())
    first, last = panels[0], panels[-1]
    ranks = frame.pivot(index="province", columns="panel", values="rank")
    median = ranks.loc[ranks.index.intersection(list(region))].median()
    rows = []
    for p in provinces:
        if p not in ranks.index or pd.isna(ranks.at[p, first]) or pd.isna(ranks.at[p, last]):
            continue
        own = int(ranks.at[p, last]) - int(ranks.at[p, first])
        versus = own - (float(median[last]) - float(median[first]))
        verdict = (
            "with_region"
            if abs(versus) <= WITH_REGION_PLACES
            else "worse_than_region"
            if versus > 0
            else "better_than_region"
        )
        rows.append(
            {
                "province": p,
                "first_panel": first,
                "last_panel": last,
                "rank_first": int(ranks.at[p, first]),
                "rank_last": int(ranks.at[p, last]),
                "region_median_first": float(median[first]),
                "region_median_last": float(median[last]),
                "versus_region": versus,
                "verdict": verdict,
            }
        )
    return pd.DataFrame(rows)


def papi_comparable_years() -> list[int]:
    """PAPI survey years whose e-governance scores are comparable (the `comparable` flag)."""
    scores = loading.load("papi_egov_scores")
    return sorted(int(y) for y in scores.loc[scores["comparable"].astype(bool), "year"].unique())


def papi_rank_frame(years: Sequence[int] | None = None, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """PAPI e-governance ranks (data/reference/papi_egov_scores.csv, the project's
    own ranks with n_ranked, or `scores`, a frame with its columns), one panel per year;
    provinces without a score that year have no row (drawn as no data). Default: the comparable years."""
    scores = loading.load("papi_egov_scores") if scores is None else scores
    comparable = papi_comparable_years()
    years = list(years) if years is not None else comparable
    unknown = [y for y in years if y not in comparable]
    if unknown:
        raise ValueError(f"years: PAPI e-governance years {unknown} are not comparable; comparable: {comparable}")
    chosen = scores[scores["year"].isin(years) & scores["rank"].notna()]
    return rank_frame(
        chosen,
        panel="year",
        value="score",
        rank="rank",
        n_ranked="n_ranked",
        name="data/reference/papi_egov_scores.csv",
    )
