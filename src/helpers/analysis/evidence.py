"""Evidence assembly for notebooks 02–04: the curated results and targets of a
notebook's indicators, and what a quote says around a number.

Everything reads the curated results (kind == "result"); targets are listed
apart and never plotted. A province with no value gets "not reported", never a zero.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.analysis import comparison, scope
from helpers.data import loading
from helpers.data.numbers import find_numbers
from helpers.data.periods import Period


def results(notebook: str, provinces: list[str]) -> pd.DataFrame:
    """Curated results (no targets) of the notebook's indicators for `provinces`,
    in province, indicator and period order."""
    ids = scope.indicators(notebook)
    res = comparison.results(provinces)
    res = res[res["indicator_id"].isin(ids)].copy()
    res["_p"] = res["province"].map({p: i for i, p in enumerate(provinces)})
    res["_i"] = res["indicator_id"].map({x: i for i, x in enumerate(ids)})
    return (
        res.sort_values(["_p", "_i", "period_start", "period_end", "obs_id"])
        .drop(columns=["_p", "_i"])
        .reset_index(drop=True)
    )


def best_rows(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per province, indicator and period of an observation frame (columns of
    `results`, possibly narrowed by a reader): the best tier first, then the source id,
    as comparison.best_evidence picks among article results."""
    data = observations.assign(_order=observations["tier"].map(comparison.TIER_ORDER))
    data = data.sort_values(["province", "indicator_id", "period", "_order", "source_id"], kind="stable")
    return data.drop_duplicates(["province", "indicator_id", "period"]).drop(columns="_order").reset_index(drop=True)


def targets(notebook: str, provinces: list[str]) -> pd.DataFrame:
    """Targets (kind == "target") of the notebook's indicators: listed, never plotted."""
    obs = loading.observations_with_indicators()
    obs = obs[
        (obs["kind"] == "target")
        & obs["indicator_id"].isin(scope.indicators(notebook))
        & obs["province"].isin(provinces)
    ]
    return obs.reset_index(drop=True)


def rows_of(res: pd.DataFrame, province: str, indicator: str) -> pd.DataFrame:
    return res[(res["province"] == province) & (res["indicator_id"] == indicator)]


def rows_lookup(res: pd.DataFrame):
    """`rows_of` for many (province, indicator) pairs: `res` is grouped once, so a
    loop over every two of 13 provinces does not filter the table thousands of times."""
    groups = dict(iter(res.groupby(["province", "indicator_id"], sort=False)))
    empty = res.iloc[0:0]
    return lambda province, indicator: groups.get((province, indicator), empty)


def latest(res: pd.DataFrame, province: str, indicator: str):
    rows = rows_of(res, province, indicator)
    return None if rows.empty else rows.iloc[-1]


def _next_break(mentions, i: int, length: int) -> int:
    """Where the clause of number i ends: at the next number that is not a service level."""
    later = [n for n in mentions[i + 1 :] if n.value >= 10 or n.kind == "percent"]
    return later[0].start if later else length


def own_words(quote: str, value: float) -> str:
    """The article's own words for a number: the number as written and the words
    that follow it, up to the next clause ("1.860 dịch vụ công trực tuyến");
    empty when no words follow it."""
    mentions = find_numbers(quote)
    for i, m in enumerate(mentions):
        if abs(m.value - value) < 1e-9:
            words = []
            for w in quote[m.end : _next_break(mentions, i, len(quote))].split()[:8]:
                if w.lower() in {"trong", "của", "lên", "và", "với", "đã", "đạt", "tại", "trên", "cho", "được"}:
                    break
                if not any(ch.isalpha() or ch.isdigit() for ch in w):
                    break
                words.append(w)
                if w.endswith((".", ";", ")")):
                    break
            words = " ".join(words).rstrip(",;.) ").split()
            return " ".join([m.text, *words]) if words else ""
    return ""


def excerpt(quote: str, value: float, width: int = 200) -> str:
    """The quote, or, when longer than `width`, the part around the number (marked with …)."""
    if len(quote) <= width:
        return quote
    for m in find_numbers(quote):
        if abs(m.value - value) < 1e-9:
            start = max(0, m.start - width // 2)
            end = min(len(quote), start + width)
            start = max(0, end - width)
            cut = quote[start:end]
            if start:
                cut = "…" + cut.split(" ", 1)[-1]
            if end < len(quote):
                cut = cut.rsplit(" ", 1)[0] + "…"
            return cut
    return quote[:width].rsplit(" ", 1)[0] + "…"


def service_levels(quote: str, value: float) -> list[int]:
    """Service levels the article attaches to a count ("648 dịch vụ ... mức độ 3,
    mức độ 4" -> [3, 4]); empty when it names none."""
    mentions = find_numbers(quote)
    for i, m in enumerate(mentions):
        if abs(m.value - value) < 1e-9:
            tail = quote[m.end : _next_break(mentions, i, len(quote))]
            return sorted({int(x) for x in re.findall(r"mức(?: độ)? ([1-4])\b", tail)})
    return []


def availability_cells(provinces: list[str]) -> pd.DataFrame:
    """Every value notebook 06's availability matrix shows, one row each: indicator_id, province, period, source_id
    (article indicators and DTI ranks: the best tier; then the reference rows' values)."""
    ev = comparison.best_evidence(provinces)[["indicator_id", "province", "period", "source_id"]]
    papi = loading.load("papi_egov_scores").dropna(subset=["score"])
    papi = papi[papi["comparable"] & papi["province"].isin(provinces)]
    facts = loading.load("province_facts")
    facts = facts[(facts["category"] == "digital_uptake") & (facts["unit"] == "percent")]
    facts = facts[facts["province"].isin(provinces)]
    extra = [
        {
            "indicator_id": "papi_egov_score",
            "province": r.province,
            "period": Period.year(int(r.year)),
            "source_id": r.source_id,
        }
        for r in papi.itertuples()
    ] + [
        {
            "indicator_id": f.measure,
            "province": f.province,
            "period": Period.of(f.period_start, f.period_end),
            "source_id": f.source_id,
        }
        for f in facts.itertuples()
    ]
    return pd.concat([ev, pd.DataFrame(extra, columns=ev.columns)], ignore_index=True)


def digital_economy_ranks(provinces: list[str]) -> pd.DataFrame:
    """Every DTI digital-economy pillar rank known for `provinces` (notebook 03), one row
    per province, year, source and value (rows of helpers.analysis.comparison.dti_evidence)."""
    ev = comparison.dti_evidence(provinces)
    ev = ev[ev["indicator_id"] == "dti_rank_digital_economy"]
    return ev.drop_duplicates(["province", "assessment_year", "source_id", "value"]).reset_index(drop=True)
