"""The verdict rule and the confidence rule: the one home of both (README, "How a verdict is called").

Every verdict of the collection (summary, scorecard, notebook titles and
conclusions, README Findings) is called by one of three rules:

1. **Scored comparison** (official DTI tables, PAPI survey years): both provinces
   have a score on the same scale in the same year. The gap is a *near tie* when
   |gap| < NEAR_TIE_SD × the sample standard deviation (ddof = 1) of that year's
   scores of every province scored (63 for DTI, the provinces PAPI scored that
   year); otherwise the higher score is *ahead*. Why 0.25 SD: a quarter of the
   spread is the conventional "small effect" threshold for a standardised
   difference (Cohen's d of 0.2–0.3), and in the DTI tables it is about 3–6 rank
   places in the middle of the field, the distance by which ranks move between
   adjacent provinces from year to year; a smaller band would call ties that a
   different weighting of the component indexes could reverse. SENSITIVITY shows
   which verdicts change at 0.1 and 0.5 SD (`sensitivity`).
2. **Rank-only comparison** (DTI 2020 and 2021: ranks from articles and press, no
   published scores): the better rank is *ranked above* by the rank gap only; no
   tie band can be drawn without scores, so the verdict never reads "ahead" and
   its confidence is at most RANK_ONLY_CONFIDENCE.
3. **Values with qualifiers** (shares and counts from articles and press): each
   value stands for an interval, exact = the value, "≥ x" = [x, ∞), "≤ x" =
   (−∞, x], approximate ("gần", "khoảng", "≈") = x ± APPROX_BAND × x. A leader is
   named only when the two intervals do not overlap, i.e. the gap exceeds the band.
   Why 5 %: an approximate figure in the press is a round number; at the
   magnitudes reported (tens of per cent, thousands of items) round numbers are 5
   apart per 100 (65, 70, 75 %), so a round figure stands for values within half
   a step either side at most, 2.5 % of 100, and 5 % of the value covers it with
   margin (gần 70 % → 66.5–73.5 %).

4. **Dates** (which values may be set against each other at all): an indicator of
   the articles is compared only for the same period (helpers.analysis.comparison.pairs);
   a digital-uptake share (a stock, press-reported or from the articles,
   helpers.analysis.society_pairs) is compared when both values are stocks of the same
   measure and unit dated at most MAX_DATE_GAP_MONTHS apart (MAX_DATE_GAP_DAYS; an
   uncertain date counts with the widest gap its window allows). Why twelve months: a
   share of households or adults is a slowly moving stock that the provinces report
   about once a year, so one reporting round apart is the nearest the sources allow;
   the gap in months is stated beside every such comparison.

Confidence is derived, never typed (`source_confidence`, `verdict_confidence`):
a source's confidence is the register's (`data/sources.csv`), lowered to
"medium" when its values were taken from a third-party copy (`copy_used`), and
raised back to the register's value when an independent source that used no copy
and is itself high (the publisher's own page, a stored article) states one of the
copy's values identically: the copy is then the publisher's table. A verdict's
confidence is the lowest of its sources' (and of its facts' own confidence, where
a reference row has one), capped at RANK_ONLY_CONFIDENCE for a rank-only verdict.
"""

from __future__ import annotations

import math

import pandas as pd

from helpers.data import loading

NEAR_TIE_SD = 0.25
SENSITIVITY = (0.1, 0.25, 0.5)
APPROX_BAND = 0.05
RANK_ONLY_CONFIDENCE = "low"
CONFIDENCE_ORDER = ["low", "medium", "high"]
COPY_CONFIDENCE = "medium"  # the most a third-party copy can carry without independent agreement
MAX_DATE_GAP_MONTHS = 12  # rule 4: stock shares dated at most this far apart are compared
MAX_DATE_GAP_DAYS = 366  # the same twelve months in days, a leap day included


# ---- 1. scored comparisons ---------------------------------------------------------------


def scored(gap: float, sd: float, a: str, b: str, k: float = NEAR_TIE_SD) -> tuple[str, str]:
    """(verdict, leader) of a score gap a − b against the sample SD of that year's scores:
    ('near_tie', '') when |gap| < k × sd, else ('ahead', the higher province)."""
    if abs(gap) < k * sd:
        return "near_tie", ""
    return "ahead", a if gap > 0 else b


def scored_rule_text(n: int | None = None, k: float = NEAR_TIE_SD) -> str:
    """The rule in words, language-neutral (ids and numbers only), for figure data and tests."""
    of = f"the {n} scores" if n else "the provinces scored"
    return f"near tie if |gap| < {k:g} × sample SD of {of} that year"


def sensitivity(frame: pd.DataFrame, thresholds=SENSITIVITY) -> pd.DataFrame:
    """For scored rows (columns province_a, province_b, topic, year, gap_in_sd): the verdict
    at each threshold and whether it differs from the one at NEAR_TIE_SD."""
    rows = []
    for r in frame.itertuples():
        calls = {k: scored(r.gap_in_sd, 1.0, r.province_a, r.province_b, k) for k in thresholds}
        base = calls[NEAR_TIE_SD]
        rows.append(
            {
                "topic": r.topic,
                "year": int(r.year),
                "province_a": r.province_a,
                "province_b": r.province_b,
                "gap_in_sd": float(r.gap_in_sd),
                **{f"verdict_{k:g}": calls[k][0] for k in thresholds},
                **{f"leader_{k:g}": calls[k][1] for k in thresholds},
                "changes": any(calls[k] != base for k in thresholds),
            }
        )
    return pd.DataFrame(rows)


# ---- 2. rank-only comparisons --------------------------------------------------------------


def rank_only(rank_a: float, rank_b: float, a: str, b: str) -> tuple[str, str]:
    """(verdict, leader) from ranks alone: ('ranked_above', better) or ('same_rank', '')."""
    if rank_a == rank_b:
        return "same_rank", ""
    return "ranked_above", a if rank_a < rank_b else b


# ---- 3. values with qualifiers -------------------------------------------------------------


def interval(value: float, qualifier: str) -> tuple[float, float]:
    """The values a reported number stands for (APPROX_BAND for an approximation)."""
    if qualifier == "at_least":
        return value, math.inf
    if qualifier == "at_most":
        return -math.inf, value
    if qualifier == "approx":
        return value - APPROX_BAND * abs(value), value + APPROX_BAND * abs(value)
    return value, value


def qualified(
    a: str, value_a: float, qualifier_a: str, b: str, value_b: float, qualifier_b: str, higher_is_better: bool = True
) -> tuple[str, str]:
    """(verdict, leader): ('ahead', leader) when the intervals do not overlap, else ('no_leader', '')."""
    lo_a, hi_a = interval(value_a, qualifier_a)
    lo_b, hi_b = interval(value_b, qualifier_b)
    if lo_a > hi_b:
        return "ahead", a if higher_is_better else b
    if lo_b > hi_a:
        return "ahead", b if higher_is_better else a
    return "no_leader", ""


# ---- confidence ----------------------------------------------------------------------------


def lowest(*levels: str) -> str:
    return min(levels, key=CONFIDENCE_ORDER.index)


@loading.from_tables
def _confirmed_sources() -> set[str]:
    """Copied tables one of whose values an independent, uncopied, high-confidence source
    states identically (DTI ranks: press facts and stored articles; PAPI scores: press facts)."""
    register = loading.load("sources")
    plain = set(
        register.loc[(register["copy_used"].fillna("") == "") & (register["confidence"] == "high"), "source_id"]
    )
    dti = loading.load("dti_scores")
    press = loading.load("dti_press_facts")
    press = press[(press["indicator_id"] == "dti_rank_overall") & (press["confidence"] == "high")]
    art = loading.load("observations")
    art = art[(art["indicator_id"] == "dti_rank_overall") & (art["kind"] == "result")]
    art = art.assign(assessment_year=pd.to_datetime(art["period_start"]).dt.year)
    columns = ["province", "assessment_year", "value", "source_id"]
    claims = pd.concat([press[columns], art[columns]], ignore_index=True)
    claims = claims[claims["source_id"].isin(plain)]
    hits = dti.merge(claims, on=["province", "assessment_year"], suffixes=("", "_claim"))
    found = set(hits.loc[hits["rank"].astype(float) == hits["value"].astype(float), "source_id"])
    papi = loading.load("papi_egov_scores")
    pp = loading.load("papi_press_facts")
    pp = pp[(pp["measure"] == "papi_egov_score") & (pp["confidence"] == "high") & pp["source_id"].isin(plain)]
    hits = papi.merge(pp, on=["province", "year"], suffixes=("", "_claim"))
    return found | set(hits.loc[(hits["score"] - hits["value"]).abs() < 0.005, "source_id"])


@loading.from_tables
def source_confidence(source_id: str) -> dict:
    """{'confidence', 'copy_used', 'confirmed'} of one source, by the rule above."""
    register = loading.load("sources").set_index("source_id")
    if source_id not in register.index:
        raise KeyError(f"data/sources.csv: no row with source_id {source_id!r}; add it to the register")
    row = register.loc[source_id]
    stated = row["confidence"]
    copy = "" if pd.isna(row["copy_used"]) else str(row["copy_used"])
    if not copy:
        return {"confidence": stated, "copy_used": "", "confirmed": False}
    confirmed = source_id in _confirmed_sources()
    level = stated if confirmed else lowest(stated, COPY_CONFIDENCE)
    return {"confidence": level, "copy_used": copy, "confirmed": confirmed}


def verdict_confidence(source_ids, verdict: str = "", facts=()) -> str:
    """The lowest confidence of the sources (and facts) behind a verdict; a rank-only
    verdict is capped at RANK_ONLY_CONFIDENCE."""
    levels = [source_confidence(s)["confidence"] for s in dict.fromkeys(source_ids) if isinstance(s, str) and s]
    levels += [c for c in facts if isinstance(c, str) and c in CONFIDENCE_ORDER]
    if verdict in ("ranked_above", "same_rank"):
        levels.append(RANK_ONLY_CONFIDENCE)
    return lowest(*levels) if levels else "none"


def copies_used(source_ids) -> list[str]:
    """Source ids among `source_ids` whose values came from a third-party copy."""
    return [s for s in dict.fromkeys(source_ids) if isinstance(s, str) and s and source_confidence(s)["copy_used"]]
