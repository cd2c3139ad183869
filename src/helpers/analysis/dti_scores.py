"""DTI scores, not only ranks: gaps against the 63-province spread.

Language-neutral numbers for each assessment year with an official
63-province table: each chosen province's score, rank and change since the
previous table; the national median and standard deviation; and for every
pair of chosen provinces the score gap, in points and in standard deviations,
with a near-tie verdict from a stated rule.

Scores of different years are not strictly comparable (the indicator set
changed after 2020: 108 component indexes, 98 from 2021), so changes are
shown beside the rank change and the verdict is always within one year.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from helpers.analysis import verdict_rule
from helpers.analysis.comparison import _satisfies as satisfies
from helpers.analysis.comparison import dti_evidence
from helpers.analysis.verdict_rule import NEAR_TIE_SD  # noqa: F401  (the rule lives in helpers.analysis.verdict_rule)
from helpers.data import loading

SCOPE = "63_provinces"
# A claim resting on one source of these confidences is a lead, not a finding.
LEAD_CONFIDENCE = ("medium", "low")
METHOD_NOTE = (
    "DTI 2020 used 108 component indexes, 2021 onwards 98: scores of different years are not "
    "strictly comparable; ranks are the safer comparison across years"
)


def official(scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """The official 63-province scores: `scores` when given (a frame of those rows), else data/reference."""
    return loading.load("dti_scores").query("scope == @SCOPE") if scores is None else scores


def national_spread(scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per assessment year: number of provinces, median, mean and sample SD of the scores."""
    scores = official(scores)
    spread = scores.groupby("assessment_year")["score"].agg(["count", "median", "mean", "std"])
    return spread.rename(columns={"count": "n_provinces", "std": "sd"}).reset_index()


def province_scores(provinces: list[str], scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Score, rank and change since the previous official table, per province and year."""
    everyone = official(scores)
    scores = everyone.sort_values("assessment_year")
    scores = scores.assign(
        score_change=scores.groupby("province")["score"].diff(),
        rank_change=-scores.groupby("province")["rank"].diff(),  # positive = moved up
        previous_year=scores.groupby("province")["assessment_year"].shift(),
    )
    out = scores[scores["province"].isin(provinces)]
    out = out.merge(national_spread(everyone).drop(columns="n_provinces"), on="assessment_year", how="left")
    out["score_vs_median"] = out["score"] - out["median"]
    columns = [
        "assessment_year",
        "province",
        "score",
        "rank",
        "n_provinces",
        "score_change",
        "rank_change",
        "previous_year",
        "median",
        "sd",
        "score_vs_median",
        "source_id",
    ]
    order = {p: i for i, p in enumerate(provinces)}
    return (
        out[columns]
        .sort_values(["assessment_year", "province"], key=lambda s: s.map(order) if s.name == "province" else s)
        .reset_index(drop=True)
    )


def verdict(gap: float, sd: float) -> str:
    """'near_tie' or 'ahead' by helpers.analysis.verdict_rule.scored."""
    return verdict_rule.scored(gap, sd, "a", "b")[0]


def year_pairs(per: pd.DataFrame, year_column: str, provinces: list[str]):
    """(year, a, b, row of a, row of b) for every pair of chosen provinces
    that both have a row in a year (rows indexed by province)."""
    for year, group in per.groupby(year_column, sort=True):
        values = group.set_index("province")
        for a, b in combinations(provinces, 2):
            if a in values.index and b in values.index:
                yield year, a, b, values.loc[a], values.loc[b]


def pair_gap(a: str, b: str, x: pd.Series, y: pd.Series) -> dict:
    """Both scores, the gap (a − b) in points and in SD of the year, the verdict and the leader."""
    gap, sd = float(x["score"] - y["score"]), float(x["sd"])
    call, leader = verdict_rule.scored(gap, sd, a, b)
    return {
        "province_a": a,
        "province_b": b,
        "score_a": float(x["score"]),
        "score_b": float(y["score"]),
        "gap": gap,
        "gap_in_sd": gap / sd,
        "sd": sd,
        "verdict": call,
        "leader": leader,
    }


GAP_COLUMNS = [
    "assessment_year",
    "province_a",
    "province_b",
    "score_a",
    "score_b",
    "gap",
    "gap_in_sd",
    "sd",
    "median",
    "rank_a",
    "rank_b",
    "rank_gap",
    "verdict",
    "leader",
    "rule",
    "source_id",
]


def gaps(provinces: list[str], scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each year and each pair of chosen provinces: both scores, the gap
    (a − b), the gap in SD units (SD of all provinces in `scores`, by default the
    63 official ones), the rank gap, the verdict and the leader."""
    rows = [
        {
            "assessment_year": year,
            **pair_gap(a, b, x, y),
            "median": float(x["median"]),
            "rank_a": int(x["rank"]),
            "rank_b": int(y["rank"]),
            "rank_gap": int(y["rank"] - x["rank"]),
            "rule": verdict_rule.scored_rule_text(int(x["n_provinces"])),
            "source_id": x["source_id"],
        }
        for year, a, b, x, y in year_pairs(province_scores(provinces, scores), "assessment_year", provinces)
    ]
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def regional_change(region: list[str], first: int, last: int, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Score and rank of every province of `region` in two official tables,
    with the change (rank_change > 0 = moved up) and the direction
    ('improved', 'fell', 'unchanged' by rank). Sorted by the later rank."""
    scores = official(scores)
    scores = scores[scores["province"].isin(region)]
    wide = scores.pivot(index="province", columns="assessment_year", values=["score", "rank"])
    missing = [y for y in (first, last) if y not in wide.columns.get_level_values(1)]
    if missing:
        raise ValueError(f"years: no official {SCOPE} DTI table for {missing}")
    out = pd.DataFrame(
        {
            "province": wide.index,
            "score_first": wide[("score", first)].to_numpy(),
            "score_last": wide[("score", last)].to_numpy(),
            "rank_first": wide[("rank", first)].to_numpy(),
            "rank_last": wide[("rank", last)].to_numpy(),
        }
    ).dropna()
    out[["rank_first", "rank_last"]] = out[["rank_first", "rank_last"]].astype(int)
    out["rank_change"] = out["rank_first"] - out["rank_last"]
    out["direction"] = ["improved" if c > 0 else "fell" if c < 0 else "unchanged" for c in out["rank_change"]]
    out.insert(1, "first_year", first)
    out.insert(2, "last_year", last)
    return out.sort_values(["rank_last", "province"]).reset_index(drop=True)


def claim_confidence(ev: pd.DataFrame) -> list[str]:
    """The derived confidence of each claim of `ev` (rows of dti_evidence): its source's
    (helpers.analysis.verdict_rule.source_confidence), lowered by a press fact's own level."""
    keys = ["province", "indicator_id", "assessment_year", "source_id"]
    press = loading.load("dti_press_facts").drop_duplicates(keys).set_index(keys)["confidence"]

    def level(r) -> str:
        stated = verdict_rule.source_confidence(r.source_id)["confidence"]
        fact = press.get((r.province, r.indicator_id, r.assessment_year, r.source_id))
        return verdict_rule.lowest(stated, fact) if isinstance(fact, str) else stated

    return [level(r) for r in ev.itertuples()]


def lone_claims(provinces: list[str]) -> pd.DataFrame:
    """Rank claims (province, indicator, assessment year) that rest on one
    source whose derived confidence (claim_confidence) is below high, and no
    official table (e.g. a lone dataset row): leads, not findings. One row per claim."""
    ev = dti_evidence(provinces)
    counts = ev.groupby(["province", "indicator_id", "assessment_year"])["source_id"].transform("nunique")
    lone = ev[(counts == 1) & (ev["tier"] != "official_table")]
    lone = lone.assign(confidence=claim_confidence(lone))
    lone = lone[lone["confidence"].isin(LEAD_CONFIDENCE)]
    return lone.drop_duplicates(["province", "indicator_id", "assessment_year"]).reset_index(drop=True)


AGREEMENT = ("official", "agrees", "disagrees", "cannot be checked")


@loading.whole_frame
def evidence(provinces: list[str]) -> pd.DataFrame:
    """Every DTI claim (ranks, and the scores press pages report) for `provinces` (helpers.analysis.comparison.dti_evidence), one
    row per province, indicator, year, source and value, with its confidence (the
    confidence rule of helpers.analysis.verdict_rule; a press fact's own confidence
    lowers its source's), whether it is a lone lead (lone_claims), and its agreement
    with the official table of that year: 'official' for the table itself, else
    'agrees', 'disagrees' or 'cannot be checked' (no official table for it)."""
    keys = ["province", "indicator_id", "assessment_year"]
    ev = dti_evidence(provinces).drop_duplicates([*keys, "source_id", "value"])
    official = ev[ev["tier"] == "official_table"].set_index(keys)["value"]
    lone = set(map(tuple, lone_claims(provinces)[keys].to_numpy()))

    def agreement(r) -> str:
        if r.tier == "official_table":
            return "official"
        key = (r.province, r.indicator_id, r.assessment_year)
        if key not in official.index:
            return "cannot be checked"
        return "agrees" if satisfies(float(official[key]), r.value, r.qualifier) else "disagrees"

    rows = list(ev.itertuples())
    out = ev[[*keys, "value", "qualifier", "tier", "source_id", "period_label"]].assign(
        confidence=claim_confidence(ev),
        agreement=[agreement(r) for r in rows],
        lone=[(r.province, r.indicator_id, r.assessment_year) in lone for r in rows],
    )
    return out.reset_index(drop=True)
