"""The scorecard's rows (notebook 05): one row per INDEPENDENT comparison.

Language-neutral. A national DTI rank and a Mekong Delta rank of the same year
come from the same official score, so that year is one row (the score gap in
points and in SD of the 63, the rank gap in places of 63, the Mekong Delta
ranks alongside). PAPI e-governance rows (comparable years where both provinces
have a score) join them. Every other same-indicator, same-period pair is its
own row, and so is every comparable digital-uptake share pair of
helpers.analysis.society_pairs (kind "share": stocks dated at most
verdict_rule.MAX_DATE_GAP_MONTHS apart, rule 4; `period` is A's date, `period_b`
B's). As in the summary, each province is compared with the first one listed.

`doubts` (a tuple of (kind, province, fields)) carries, for a row that is not an
official score, what notebook 01 surfaces about either value: the disagreements of
helpers.analysis.comparison.conflicts on the same province, indicator and period
(kind: the conflict's type) and the leads of helpers.analysis.dti_scores.lone_claims
(kind "lead"). A row with a doubt in IN_DOUBT is not counted in the scorecard's tallies.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis import comparison, verdict_rule, verdicts
from helpers.data import frames, loading
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
    "doubts",
    "period_b",
    "period_gap_months",
]
DTI_RANKS = ("dti_rank_overall", "dti_rank_mekong_delta")  # both from the one overall score
# Doubts that leave a row out of the tallies: a year or value two sources disagree on, or a lead.
# A year label the announcement calendar settles ("year_label") stays a caveat only.
IN_DOUBT = ("year_assignment", "value", "lead")


def doubts(rows: pd.DataFrame, provinces: list[str]) -> list[tuple]:
    """For each row of `rows` (columns kind, indicator_id, period, province_a, province_b):
    the doubts notebook 01 surfaces about its values, as (kind, province, fields) tuples."""
    from helpers.analysis import dti_scores

    found = comparison.conflicts(provinces)
    lone = dti_scores.lone_claims(provinces)
    out = []
    for r in rows.itertuples():
        mine = []
        if r.kind == "pair":
            for side in (r.province_a, r.province_b):
                hits = found[
                    (found["province"] == side)
                    & (found["indicator_id"] == r.indicator_id)
                    & (found["period"] == r.period)
                ]
                mine += [(c.type, side, dict(c.b[1])) for c in hits.itertuples()]
                led = lone[
                    (lone["province"] == side)
                    & (lone["indicator_id"] == r.indicator_id)
                    & (lone["assessment_year"] == r.period.start.year)
                ]
                mine += [
                    ("lead", side, {"source": s, "confidence": c}) for s, c in zip(led["source_id"], led["confidence"])
                ]
        out.append(tuple(dict.fromkeys((k, p, tuple(sorted(f.items()))) for k, p, f in mine)))
    return out


def in_doubt(frame: pd.DataFrame) -> pd.Series:
    """True for the rows of `frame` (independent's rows) with a doubt in IN_DOUBT."""
    return pd.Series([any(d[0] in IN_DOUBT for d in ds) for ds in frame["doubts"]], index=frame.index, dtype=bool)


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


def _shares(provinces: list[str]) -> list[dict]:
    """The comparable digital-uptake share pairs (the pairs of the summary's digital-society verdict)."""
    from helpers.analysis import society_pairs

    rows = []
    for r in society_pairs.comparable(provinces).itertuples():
        verdict = "ahead" if r.leader else "no_leader"
        rows.append(
            {
                "kind": "share",
                "indicator_id": r.measure,
                "period": r.period_a,
                "period_b": r.period_b,
                "period_gap_months": int(r.period_gap_months),
                "unit": r.unit,
                "n": None,
                "province_a": r.province_a,
                "province_b": r.province_b,
                "value_a": r.value_a,
                "value_b": r.value_b,
                "qualifier_a": r.qualifier_a,
                "qualifier_b": r.qualifier_b,
                "value_gap": abs(r.gap_points),  # percentage points: a share pair
                "verdict": verdict,
                "leader": r.leader or None,
                "tier_a": r.tier.split("+")[0],
                "tier_b": r.tier.split("+")[-1],
                "confidence": verdict_rule.verdict_confidence([r.source_a, r.source_b], verdict, facts=[r.confidence]),
                "copy_used": ";".join(verdict_rule.copies_used([r.source_a, r.source_b])),
                "rule": "qualified",
                "source_a": r.source_a,
                "source_b": r.source_b,
            }
        )
    return rows


@loading.from_tables
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
    rows += _shares(provinces)
    papi, missing = verdicts.papi(provinces)
    rows += _scored(papi, "papi", "papi_egov_rank", "survey")
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["doubts"] = doubts(out, provinces) if len(out) else []
    out = out.astype({"n": "Int64", "rank_gap": "Int64"})  # counts stay whole beside a share row's blanks
    if len(rest):
        rest = rest[[(a, b) in focus or (b, a) in focus for a, b in zip(rest["province_a"], rest["province_b"])]]
    return frames.mark_whole(out.reset_index(drop=True)), rest.reset_index(drop=True), missing
