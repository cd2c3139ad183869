"""The answer first (notebook 00): one verdict per topic, computed from the data.

Language-neutral frames (helpers.text.summary_text words them). Each chosen
province after the first is compared with the first one listed (the focus), so
two provinces give one comparison and thirteen give twelve, never 78.

Topics and their evidence:
- dti: official DTI score tables (63 provinces), near-tie rule of helpers.analysis.dti_scores;
- online_services: PAPI e-governance (a citizen survey), comparable years only,
  the same near-tie rule on the spread of the provinces scored that year;
- ecommerce: curated article results of notebook 03 on the same indicator and period;
- digital_society: the comparable digital-uptake pairs of helpers.analysis.society_pairs
  (same measure, dates at most verdict_rule.MAX_DATE_GAP_MONTHS apart, the closest dates paired),
  exactly those notebook 04 shows first, plus article results of notebook 04 on
  the same indicator and period.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis import comparison, dti_scores, scope, society_pairs, verdict_rule
from helpers.analysis.verdict_rule import CONFIDENCE_ORDER  # noqa: F401  (re-exported)
from helpers.data import frames, loading

TOPICS = ("dti", "online_services", "ecommerce", "digital_society")
NOTEBOOKS = {
    "dti": "01_dti_rank",
    "online_services": "02_online_public_services",
    "ecommerce": "03_ecommerce_uptake",
    "digital_society": "04_digital_society_government",
}
COLUMNS = [
    "topic",
    "province_a",
    "province_b",
    "year",
    "measure",
    "value_a",
    "value_b",
    "qualifier_a",
    "qualifier_b",
    "period_a",
    "period_b",
    "basis_a",  # period_basis of each side: stated, inferred or uncertain (empty where not applicable)
    "basis_b",
    "period_gap_days",
    "gap",
    "gap_in_sd",
    "rank_a",
    "rank_b",
    "n_ranked",
    "verdict",
    "leader",
    "tier",
    "confidence",
    "copy_used",
    "rule",
    "source_a",
    "source_b",
]


# Which rule of helpers.analysis.verdict_rule calls each topic's verdicts.
RULES = {"dti": "scored", "online_services": "scored", "ecommerce": "qualified", "digital_society": "qualified"}
focus_pairs = society_pairs.focus_pairs  # (first province, each other chosen province)


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _provenance(verdict: str, *source_ids: str, facts=()) -> dict:
    """Derived confidence (helpers.analysis.verdict_rule) and the copies used, for one verdict."""
    return {
        "confidence": verdict_rule.verdict_confidence(source_ids, verdict, facts),
        "copy_used": ";".join(verdict_rule.copies_used(source_ids)),
    }


@loading.from_tables
def dti(provinces: list[str]) -> pd.DataFrame:
    """One row per official DTI table and focus pair: scores, gap in points and SD, ranks, verdict."""
    gaps = dti_scores.gaps(provinces)
    rows = []
    for a, b in focus_pairs(provinces):
        for g in gaps[(gaps["province_a"] == a) & (gaps["province_b"] == b)].itertuples():
            rows.append(
                {
                    "topic": "dti",
                    "province_a": a,
                    "province_b": b,
                    "year": int(g.assessment_year),
                    "measure": "dti_score",
                    "value_a": g.score_a,
                    "value_b": g.score_b,
                    "gap": g.gap,
                    "gap_in_sd": g.gap_in_sd,
                    "rank_a": g.rank_a,
                    "rank_b": g.rank_b,
                    "n_ranked": 63,
                    "verdict": g.verdict,
                    "leader": g.leader,
                    "tier": "official_table",
                    "rule": "scored",
                    **_provenance(g.verdict, g.source_id),
                    "source_a": g.source_id,
                    "source_b": g.source_id,
                }
            )
    return _frame(rows)


@loading.from_tables
def papi(provinces: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(comparable PAPI e-governance years per focus pair with the verdict, years where
    only one of the pair has a value). Higher score = more use of e-government."""
    scores = loading.load("papi_egov_scores")
    scores = scores[scores["comparable"]]
    spread = scores.dropna(subset=["score"]).groupby("year")["score"].agg(["std", "count"])
    rows, missing = [], []
    for a, b in focus_pairs(provinces):
        for year, group in scores.groupby("year", sort=True):
            values = group.set_index("province")
            have = {p: pd.notna(values["score"].get(p)) for p in (a, b)}
            if not all(have.values()):
                if any(have.values()):
                    missing.append(
                        {
                            "year": int(year),
                            "province_with": a if have[a] else b,
                            "province_without": b if have[a] else a,
                        }
                    )
                continue
            x, y = values.loc[a], values.loc[b]
            gap = float(x["score"] - y["score"])
            sd = float(spread.loc[year, "std"])
            verdict, leader = verdict_rule.scored(gap, sd, a, b)
            rows.append(
                {
                    "topic": "online_services",
                    "province_a": a,
                    "province_b": b,
                    "year": int(year),
                    "measure": "papi_egov_score",
                    "value_a": float(x["score"]),
                    "value_b": float(y["score"]),
                    "gap": gap,
                    "gap_in_sd": gap / sd,
                    "rank_a": int(x["rank"]),
                    "rank_b": int(y["rank"]),
                    "n_ranked": int(x["n_ranked"]),
                    "verdict": verdict,
                    "leader": leader,
                    "tier": "survey",
                    "rule": "scored",
                    **_provenance(verdict, x["source_id"], y["source_id"]),
                    "source_a": x["source_id"],
                    "source_b": y["source_id"],
                }
            )
    return _frame(rows), pd.DataFrame(missing, columns=["year", "province_with", "province_without"])


def article_pairs(notebook: str, provinces: list[str], found=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Comparable and not-comparable article results of one notebook's indicators, focus pairs only
    (`found`: the result of comparison.pairs, when already computed)."""
    comparable, rest = found if found is not None else comparison.pairs(provinces)
    ids = set(scope.indicators(notebook))
    focus = set(focus_pairs(provinces))

    def keep(frame):
        if frame.empty:
            return frame
        pair = pd.Series(
            [(a, b) in focus or (b, a) in focus for a, b in zip(frame["province_a"], frame["province_b"])],
            index=frame.index,
        )
        return frame[frame["indicator_id"].isin(ids) & pair].reset_index(drop=True)

    return keep(comparable), keep(rest)


def one_sided(notebook: str, provinces: list[str]) -> pd.DataFrame:
    """Per chosen province: how many of the notebook's indicators it reports (article results)."""
    res = comparison.results(provinces)
    res = res[res["indicator_id"].isin(scope.indicators(notebook))]
    counts = res.groupby("province")["indicator_id"].nunique()
    return pd.DataFrame({"province": provinces, "indicators": [int(counts.get(p, 0)) for p in provinces]})


def uptake_shares(provinces: list[str]) -> pd.DataFrame:
    """The comparable digital-uptake pairs of helpers.analysis.society_pairs (the ones notebook 04
    shows first): same measure, dates at most society_pairs.MAX_PERIOD_GAP_MONTHS apart;
    a ≈ value names no leader."""
    found = society_pairs.pairs(provinces)
    found = found[(found["role"] == "pair") & found["comparable"]]
    rows = [
        {
            "topic": "digital_society",
            "province_a": r.province_a,
            "province_b": r.province_b,
            "year": int(max(r.period_a.end, r.period_b.end).year),
            "measure": r.measure,
            "value_a": r.value_a,
            "value_b": r.value_b,
            "qualifier_a": r.qualifier_a,
            "qualifier_b": r.qualifier_b,
            "period_a": pd.Timestamp(r.period_a.end),
            "period_b": pd.Timestamp(r.period_b.end),
            "basis_a": r.basis_a,
            "basis_b": r.basis_b,
            "period_gap_days": r.period_gap_days,
            "gap": r.gap_points,
            "verdict": "ahead" if r.leader else "no_leader",
            "leader": r.leader,
            "tier": r.tier,
            "rule": "qualified",
            **_provenance("", r.source_a, r.source_b, facts=[r.confidence]),
            "source_a": r.source_a,
            "source_b": r.source_b,
        }
        for r in found.itertuples()
    ]
    return _frame(rows)


def runs(frame: pd.DataFrame) -> pd.DataFrame:
    """Consecutive years of one pair with the same verdict and leader, as one run:
    province_a, province_b, first, last, years (count), verdict, leader, max |gap in SD|."""
    rows = []
    for (a, b), group in frame.groupby(["province_a", "province_b"], sort=False):
        current = None
        for r in group.sort_values("year").itertuples():
            key = (r.verdict, r.leader)
            if current and current["key"] == key and r.year == current["last"] + 1:
                current.update(last=r.year, years=current["years"] + 1, max_sd=max(current["max_sd"], abs(r.gap_in_sd)))
                continue
            current = {
                "province_a": a,
                "province_b": b,
                "first": r.year,
                "last": r.year,
                "years": 1,
                "key": key,
                "verdict": r.verdict,
                "leader": r.leader,
                "max_sd": abs(r.gap_in_sd),
            }
            rows.append(current)
    out = pd.DataFrame(
        rows, columns=["province_a", "province_b", "first", "last", "years", "key", "verdict", "leader", "max_sd"]
    )
    return out.drop(columns="key")


def strength(topic: str, pairs_found: pd.DataFrame) -> dict:
    """Evidence behind a topic's verdict: tier, number of comparable pairs, confidence
    (the lowest derived confidence of the pairs used; 'none' without a pair), rule, copies used."""
    tier = {
        "dti": "official_table",
        "online_services": "survey",
        "ecommerce": "article",
        "digital_society": "press_reference",
    }[topic]
    rule = RULES[topic]
    if pairs_found.empty:
        return {"topic": topic, "tier": tier, "pairs": 0, "confidence": "none", "rule": rule, "copy_used": ""}
    tiers = list(dict.fromkeys(pairs_found["tier"])) if "tier" in pairs_found else [tier]
    confidence = (
        min(pairs_found["confidence"], key=CONFIDENCE_ORDER.index)
        if "confidence" in pairs_found and pairs_found["confidence"].notna().all()
        else "medium"
    )
    copies = sorted(
        {c for cell in pairs_found.get("copy_used", pd.Series(dtype=str)).dropna() for c in cell.split(";") if c}
    )
    return {
        "topic": topic,
        "tier": "+".join(tiers),
        "pairs": len(pairs_found),
        "confidence": confidence,
        "rule": rule,
        "copy_used": ";".join(copies),
    }


def summary(provinces: list[str]) -> dict:
    """Everything the summary states, as frames: per topic its comparable pairs,
    runs, the strength of evidence and what stays one-sided."""
    papi_rows, papi_missing = papi(provinces)
    found = comparison.pairs(provinces)  # once: the slow part with many provinces
    eco, eco_rest = article_pairs("03", provinces, found)
    soc_articles, _ = article_pairs("04", provinces, found)
    shares = uptake_shares(provinces)
    if len(soc_articles):
        soc_articles = soc_articles.assign(
            confidence=[
                verdict_rule.verdict_confidence([x, y])
                for x, y in zip(soc_articles["source_a"], soc_articles["source_b"])
            ],
            tier="article",
        )
    services_articles, services_rest = article_pairs("02", provinces, found)
    dti_rows = dti(provinces)
    return {
        "dti": {"pairs": dti_rows, "runs": runs(dti_rows), "strength": strength("dti", dti_rows)},
        "online_services": {
            "pairs": papi_rows,
            "runs": runs(papi_rows),
            "missing": papi_missing,
            "strength": strength("online_services", papi_rows),
            "article_pairs": services_articles,
            "article_rest": services_rest,
        },
        "ecommerce": {
            "pairs": eco,
            "rest": eco_rest,
            "one_sided": one_sided("03", provinces),
            "strength": strength("ecommerce", eco),
        },
        "digital_society": {
            "pairs": frames.mark_whole(shares),  # the frame notebook 00 draws (helpers.data.frames)
            "article_pairs": soc_articles,
            "one_sided": one_sided("04", provinces),
            "strength": strength("digital_society", shares),
        },
    }


def sources(provinces: list[str], found: dict | None = None) -> list[str]:
    """Source ids behind the summary's verdicts (the maps' official tables included);
    `found`: the result of summary(provinces), when already computed."""
    ids = list(loading.load("dti_scores").query("scope == '63_provinces'")["source_id"].unique())
    for part in (found or summary(provinces)).values():
        for key in ("pairs", "article_pairs"):
            frame = part.get(key, pd.DataFrame())
            for column in ("source_a", "source_b"):
                ids += list(frame.get(column, []))
    return ids


@loading.from_tables
def sensitivity(provinces: list[str]) -> pd.DataFrame:
    """The scored verdicts (official DTI tables, PAPI years) called at each threshold of
    verdict_rule.SENSITIVITY; `changes` marks a verdict that depends on the threshold."""
    scored = pd.concat([dti(provinces), papi(provinces)[0]], ignore_index=True)
    return verdict_rule.sensitivity(scored)


def frame(found: dict) -> pd.DataFrame:
    """Every comparison behind summary()'s verdicts, one row per pair (and year or
    measure), in COLUMNS: the pairs each topic's verdict is called on, then article pairs."""
    parts = [
        part[key].assign(topic=topic).reindex(columns=COLUMNS)
        for topic, part in found.items()
        for key in ("pairs", "article_pairs")
        if key in part and len(part[key])
    ]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)


def strengths(found: dict) -> pd.DataFrame:
    """One row per topic of summary(): evidence tier, comparable pairs, rule, confidence, copies used."""
    return pd.DataFrame([found[topic]["strength"] for topic in TOPICS])
