"""The scorecard's rows (notebook 05): one row per INDEPENDENT comparison.

Language-neutral. A national DTI rank and a Mekong Delta rank of the same year
come from the same official score, so that year is one row (the score gap in
points and in SD of the 63, the rank gap in places of 63, the Mekong Delta
ranks alongside). PAPI e-governance rows (comparable years where both provinces
have a score) join them. Every other same-indicator, same-period pair is its
own row. As in the summary, each province is compared with the first one listed.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis import comparison, verdict_rule, verdicts
from helpers.data import loading
from helpers.data.periods import Period

COLUMNS = [
    "kind",
    "indicator_id",
    "period",
    "unit",
    "n",
    "province_a",
    "province_b",
    "value_a",
    "value_b",
    "qualifier_a",
    "qualifier_b",
    "score_a",
    "score_b",
    "score_gap",  # DTI or PAPI score points (rows of a scored table)
    "value_gap",  # in the row's unit (a pair of curated values that are no ranks)
    "gap_in_sd",
    "rank_gap",
    "mekong_a",
    "mekong_b",
    "verdict",
    "leader",
    "tier_a",
    "tier_b",
    "confidence",
    "copy_used",
    "rule",
    "source_a",
    "source_b",
]
DTI_RANKS = ("dti_rank_overall", "dti_rank_mekong_delta")  # both from the one overall score


def leader(row, higher_is_better: bool) -> str | None:
    """Province with the better value by helpers.analysis.verdict_rule.qualified (the approximation
    band and bounds decide), or None when the intervals overlap."""
    _, who = verdict_rule.qualified(
        row["province_a"],
        row["value_a"],
        row["qualifier_a"],
        row["province_b"],
        row["value_b"],
        row["qualifier_b"],
        higher_is_better,
    )
    return who or None


def _call(r, higher_is_better: bool, rank: bool) -> tuple[str, str | None]:
    """A rank of N without a score: the rank-only rule; any other value: the qualifier rule."""
    if rank and r.qualifier_a == r.qualifier_b == "exact":
        verdict, who = verdict_rule.rank_only(r.value_a, r.value_b, r.province_a, r.province_b)
        return verdict, who or None
    who = leader(r._asdict(), higher_is_better)
    return ("ahead" if who else "no_leader"), who


def _scored(frame: pd.DataFrame, kind: str, indicator: str, tier: str, mekong=None) -> list[dict]:
    rows = []
    for r in frame.itertuples():
        extra = {}
        if mekong is not None:
            extra = {"mekong_a": mekong.get((r.province_a, r.year)), "mekong_b": mekong.get((r.province_b, r.year))}
        rows.append(
            {
                "kind": kind,
                "indicator_id": indicator,
                "period": Period.year(r.year),
                "unit": f"rank_of_{r.n_ranked}",
                "n": int(r.n_ranked),
                "province_a": r.province_a,
                "province_b": r.province_b,
                "value_a": float(r.rank_a),
                "value_b": float(r.rank_b),
                "qualifier_a": "exact",
                "qualifier_b": "exact",
                "score_a": r.value_a,
                "score_b": r.value_b,
                "score_gap": abs(r.gap),
                "gap_in_sd": abs(r.gap_in_sd),
                "rank_gap": abs(int(r.rank_b - r.rank_a)),
                "verdict": r.verdict,
                "leader": r.leader or None,
                "tier_a": tier,
                "tier_b": tier,
                "confidence": r.confidence,
                "copy_used": r.copy_used,
                "rule": r.rule,
                "source_a": r.source_a,
                "source_b": r.source_b,
                **extra,
            }
        )
    return rows


def independent(provinces: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(one row per independent comparison, values that cannot be compared with the other
    province, PAPI years where only one of a pair has a score)."""
    if len(provinces) < 2:
        return pd.DataFrame(columns=COLUMNS), pd.DataFrame(), pd.DataFrame()
    mekong = loading.load("dti_mekong_ranks").set_index(["province", "assessment_year"])["rank_in_mekong_delta"]
    official = verdicts.dti(provinces)
    rows = _scored(official, "dti_official", "dti_rank_overall", "official_table", mekong.to_dict())
    done = {(r.province_b, r.year) for r in official.itertuples()}
    comparable, rest = comparison.pairs(provinces)
    focus = set(verdicts.focus_pairs(provinces))
    better = loading.load("indicators").set_index("indicator_id")["higher_is_better"]
    if len(comparable):
        comparable = comparable[[(a, b) in focus for a, b in zip(comparable["province_a"], comparable["province_b"])]]
        overall_years = {
            (r.province_b, r.period.start.year) for r in comparable.itertuples() if r.indicator_id == "dti_rank_overall"
        }
        for r in comparable.itertuples():
            year = r.period.start.year
            if r.indicator_id in DTI_RANKS and (r.province_b, year) in done:
                continue  # the official score's row holds this rank
            if r.indicator_id == "dti_rank_mekong_delta" and (r.province_b, year) in overall_years:
                continue  # derived from the same overall score as that year's national rank
            n = int(r.unit.removeprefix("rank_of_")) if r.unit.startswith("rank_of_") else None
            verdict, who = _call(r, bool(better[r.indicator_id]), bool(n))
            rows.append(
                {
                    "kind": "pair",
                    "indicator_id": r.indicator_id,
                    "period": r.period,
                    "unit": r.unit,
                    "n": n,
                    "province_a": r.province_a,
                    "province_b": r.province_b,
                    "value_a": r.value_a,
                    "value_b": r.value_b,
                    "qualifier_a": r.qualifier_a,
                    "qualifier_b": r.qualifier_b,
                    "value_gap": abs(r.value_a - r.value_b) if n is None else None,
                    "rank_gap": abs(int(r.value_a - r.value_b)) if n else None,
                    "verdict": verdict,
                    "leader": who,
                    "tier_a": r.tier_a,
                    "tier_b": r.tier_b,
                    "confidence": verdict_rule.verdict_confidence([r.source_a, r.source_b], verdict),
                    "copy_used": ";".join(verdict_rule.copies_used([r.source_a, r.source_b])),
                    "rule": "rank_only" if verdict in ("ranked_above", "same_rank") else "qualified",
                    "source_a": r.source_a,
                    "source_b": r.source_b,
                }
            )
    papi, missing = verdicts.papi(provinces)
    rows += _scored(papi, "papi", "papi_egov_rank", "survey")
    out = pd.DataFrame(rows, columns=COLUMNS)
    if len(rest):
        rest = rest[[(a, b) in focus or (b, a) in focus for a, b in zip(rest["province_a"], rest["province_b"])]]
    return out.reset_index(drop=True), rest.reset_index(drop=True), missing
