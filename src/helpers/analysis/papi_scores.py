"""PAPI e-governance (Quản trị điện tử), the comparable core of online public
services: both provinces measured by the same citizen survey in every year.

Language-neutral numbers from data/reference/papi_egov_scores.csv (score,
the project's own competition rank, n_ranked, `comparable` flag) and
papi_egov_subdimensions.csv. Only years flagged comparable (2020 onwards) are
used; a province without a score in a year simply has no row. The near-tie
rule is the DTI one (helpers.analysis.dti_scores.NEAR_TIE_SD × SD of the year's scores).
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.dti_scores import pair_gap, year_pairs
from helpers.analysis.map_frames import papi_comparable_years
from helpers.data import loading

SUBDIMENSIONS = ("internet_access", "egov_portal_access", "e_responsiveness")


@loading.whole_frame
def papi_frame() -> pd.DataFrame:
    """Every province's e-governance score, rank and n_ranked in each comparable year, its
    sub-dimension scores (one column each, NaN where not published) and whether it is in the
    Mekong Delta: the frame notebook 02 analyses (a province without a score keeps a NaN row)."""
    scores = loading.load("papi_egov_scores")
    scores = scores[scores["year"].isin(papi_comparable_years())]
    subs = loading.load("papi_egov_subdimensions")
    wide = subs.pivot_table(index=["year", "province"], columns="subdimension", values="score", aggfunc="first")
    wide = wide.reindex(columns=list(SUBDIMENSIONS)).reset_index()
    regions = loading.load("regions")[["province", "in_mekong_delta"]].rename(
        columns={"in_mekong_delta": "mekong_delta"}
    )
    out = scores.merge(wide, on=["year", "province"], how="left").merge(regions, on="province", how="left")
    out = out.sort_values(["year", "province"], kind="stable")
    columns = ["year", "province", "score", "rank", "n_ranked", *SUBDIMENSIONS, "mekong_delta", "source_id"]
    return out[columns].astype({"rank": "Int64"}).reset_index(drop=True)


def _scores(scores: pd.DataFrame | None) -> pd.DataFrame:
    """The comparable years of `scores` (a papi_frame, possibly narrowed), or of the reference table."""
    scores = loading.load("papi_egov_scores") if scores is None else scores
    return scores[scores["year"].isin(papi_comparable_years())]


def spread(scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per comparable year: provinces with a score, median and sample SD of the scores."""
    scores = _scores(scores)
    scores = scores[scores["score"].notna()]
    out = scores.groupby("year")["score"].agg(["count", "median", "std"])
    return out.rename(columns={"count": "n_scored", "std": "sd"}).reset_index()


def province_ranks(provinces: list[str], scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per chosen province and comparable year (missing score kept as NaN):
    score, rank, n_ranked, rank change since the previous comparable year
    (positive = moved up), the year's median and SD (of `scores`: default every province)."""
    scores = _scores(scores).sort_values("year", kind="stable")
    scores = scores.assign(rank_change=-scores.groupby("province")["rank"].diff().astype("Float64"))
    out = scores[scores["province"].isin(provinces)].merge(spread(scores), on="year", how="left")
    order = {p: i for i, p in enumerate(provinces)}
    out = out.assign(_o=out["province"].map(order)).sort_values(["year", "_o"]).drop(columns="_o")
    return out[
        ["year", "province", "score", "rank", "n_ranked", "rank_change", "median", "sd", "source_id"]
    ].reset_index(drop=True)


GAP_COLUMNS = [
    "year",
    "province_a",
    "province_b",
    "score_a",
    "score_b",
    "rank_a",
    "rank_b",
    "n_ranked",
    "gap",
    "gap_in_sd",
    "sd",
    "verdict",
    "leader",
    "source_id",
]


def gaps(provinces: list[str], scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each comparable year where both have a score, each pair of chosen
    provinces: both scores and ranks, the gap, the gap in SD, the verdict, the leader.
    `scores`: a papi_frame (default every province), frame in, frame out."""
    per = province_ranks(provinces, scores).dropna(subset=["score"])
    rows = [
        {
            "year": int(year),
            **pair_gap(a, b, x, y),
            "rank_a": int(x["rank"]),
            "rank_b": int(y["rank"]),
            "n_ranked": int(x["n_ranked"]),
            "source_id": x["source_id"],
        }
        for year, a, b, x, y in year_pairs(per, "year", provinces)
    ]
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def lead_counts(provinces: list[str]) -> pd.DataFrame:
    """Per pair: comparable years with both scores, and how many each led or tied."""
    g = gaps(provinces)
    if g.empty:
        return g
    rows = []
    for (a, b), pair in g.groupby(["province_a", "province_b"], sort=False):
        rows.append(
            {
                "province_a": a,
                "province_b": b,
                "years": len(pair),
                "first_year": int(pair["year"].min()),
                "last_year": int(pair["year"].max()),
                "a_ahead": int((pair["leader"] == a).sum()),
                "b_ahead": int((pair["leader"] == b).sum()),
                "near_tie": int((pair["verdict"] == "near_tie").sum()),
            }
        )
    return pd.DataFrame(rows)


def subdimensions(provinces: list[str], scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sub-dimension scores of the chosen provinces in the comparable years, each
    with its competition rank among the provinces with a value that year (of `scores`,
    a papi_frame, when given: one column per sub-dimension)."""
    if scores is None:
        subs = loading.load("papi_egov_subdimensions")
    else:
        subs = scores[["year", "province", "source_id", *SUBDIMENSIONS]].melt(
            id_vars=["year", "province", "source_id"],
            value_vars=list(SUBDIMENSIONS),
            var_name="subdimension",
            value_name="score",
        )
    subs = subs[subs["year"].isin(papi_comparable_years()) & subs["score"].notna()].copy()
    subs["rank"] = subs.groupby(["year", "subdimension"])["score"].rank(method="min", ascending=False).astype(int)
    subs["n_ranked"] = subs.groupby(["year", "subdimension"])["score"].transform("size")
    out = subs[subs["province"].isin(provinces)]
    order = {p: i for i, p in enumerate(provinces)}
    sub_order = {s: i for i, s in enumerate(SUBDIMENSIONS)}
    out = out.assign(_p=out["province"].map(order), _s=out["subdimension"].map(sub_order))
    return (
        out.sort_values(["_s", "year", "_p"])
        .drop(columns=["_p", "_s"])[["subdimension", "year", "province", "score", "rank", "n_ranked", "source_id"]]
        .reset_index(drop=True)
    )


def benchmarks() -> pd.DataFrame:
    """Per comparable year: the national median (every province with a score) and the
    Mekong Delta median (its provinces with a score), with how many provinces each counts."""
    scores = loading.load("papi_egov_scores")
    scores = scores[scores["year"].isin(papi_comparable_years()) & scores["score"].notna()]
    mekong = set(loading.load("regions").query("in_mekong_delta")["province"])
    delta = scores[scores["province"].isin(mekong)]
    out = pd.DataFrame(
        {
            "national_median": scores.groupby("year")["score"].median(),
            "n_national": scores.groupby("year")["score"].size(),
            "mekong_median": delta.groupby("year")["score"].median(),
            "n_mekong": delta.groupby("year")["score"].size(),
        }
    )
    return out.reset_index()


def against_benchmarks(provinces: list[str]) -> pd.DataFrame:
    """Per chosen province and comparable year with a score: the score, both medians
    and whether it is above them (True/False)."""
    ranks = province_ranks(provinces).dropna(subset=["score"])
    out = ranks[["year", "province", "score"]].merge(benchmarks(), on="year", how="left")
    out["above_national"] = out["score"] > out["national_median"]
    out["above_mekong"] = out["score"] > out["mekong_median"]
    return out.reset_index(drop=True)


def drivers(provinces: list[str]) -> pd.DataFrame:
    """Per comparable year and pair of chosen provinces with all sub-dimension values:
    each sub-dimension's gap (a − b), the total, each part's share of the total gap
    and the main driver (the part with the largest share)."""
    subs = loading.load("papi_egov_subdimensions")
    subs = subs[subs["year"].isin(papi_comparable_years()) & subs["score"].notna()]
    wide = subs.pivot_table(index=["year", "province"], columns="subdimension", values="score")
    rows = []
    for a in provinces[:1]:
        for b in provinces[1:]:
            for year in sorted(subs["year"].unique()):
                if (year, a) not in wide.index or (year, b) not in wide.index:
                    continue
                x, y = wide.loc[(year, a)], wide.loc[(year, b)]
                parts = {s: float(x[s] - y[s]) for s in SUBDIMENSIONS if pd.notna(x.get(s)) and pd.notna(y.get(s))}
                if len(parts) < len(SUBDIMENSIONS):
                    continue
                total = sum(parts.values())
                share = {s: (g / total if total else float("nan")) for s, g in parts.items()}
                main = max(share, key=lambda s: share[s]) if total else ""
                rows.append(
                    {
                        "year": int(year),
                        "province_a": a,
                        "province_b": b,
                        **{f"score_a.{s}": float(x[s]) for s in SUBDIMENSIONS},
                        **{f"score_b.{s}": float(y[s]) for s in SUBDIMENSIONS},
                        **{f"gap.{s}": parts[s] for s in SUBDIMENSIONS},
                        **{f"share.{s}": share[s] for s in SUBDIMENSIONS},
                        "gap": total,
                        "driver": main,
                    }
                )
    return pd.DataFrame(rows)


def percentile(rank: float, n_ranked: float) -> float:
    """Position among the provinces ranked that year on a 0–100 scale (first = 100,
    last = 0), so years with different numbers of ranked provinces compare."""
    if pd.isna(rank) or pd.isna(n_ranked) or n_ranked < 2:
        return float("nan")
    return 100 * (n_ranked - rank) / (n_ranked - 1)
