"""Digital-uptake shares of two provinces set side by side (notebooks 04 and 00).

Language-neutral frames; helpers.text.society_tables words them. Each chosen province
after the first is compared with the first one listed (helpers.analysis.verdicts.focus_pairs).

Where the shares come from:
- `data/reference/province_facts.csv`, category `digital_uptake`, unit `percent`
  (province-reported shares relayed by the press: tier press_reference);
- the article results of notebook 04 in `data/observations.csv` with unit
  `percent` that both provinces report under the same indicator (tier article).

Rules (one row per measure and focus pair, `role` "pair"):
- same measure, same unit; both values are stocks (or flows of the same length),
  otherwise not comparable (`reason` "period_kind");
- a province with several values of a measure: the one whose date is closest to
  the other province's value is paired (ties: both exact first, then the later
  date, then the id); every other value is kept as a row of `role` "other_value"
  with `reason` "farther_date" and `other_of` naming its province, set against
  the same partner, never dropped;
- dates more than MAX_PERIOD_GAP_MONTHS apart (MAX_PERIOD_GAP_DAYS; rule 4 of
  helpers.analysis.verdict_rule): listed, not
  comparable (`reason` "period_gap"); the gap in months is always stated. A stock
  whose date is uncertain (`period_basis` "uncertain": somewhere in its period)
  is a stock; its gap is the largest the window allows;
- a measure one province reports while the other reports only a related measure
  of a different definition (`related_measures` in notebook_scope.yaml): one row
  of `reason` "different_definition", never compared;
- a leader is named only for a comparable pair of two exact values that differ.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis import comparison, scope, verdict_rule
from helpers.analysis.verdict_rule import CONFIDENCE_ORDER
from helpers.data import frames, loading
from helpers.data.periods import Period

# rule 4 of helpers.analysis.verdict_rule, its one home
MAX_PERIOD_GAP_MONTHS = verdict_rule.MAX_DATE_GAP_MONTHS
MAX_PERIOD_GAP_DAYS = verdict_rule.MAX_DATE_GAP_DAYS
DAYS_PER_MONTH = 365.25 / 12
SIDE = ["measure", "value", "qualifier", "period", "basis", "source_id", "id", "tier", "confidence"]
COLUMNS = [
    "role",
    "measure",
    "measure_b",
    "unit",
    "province_a",
    "value_a",
    "qualifier_a",
    "period_a",
    "basis_a",
    "source_a",
    "id_a",
    "province_b",
    "value_b",
    "qualifier_b",
    "period_b",
    "basis_b",
    "source_b",
    "id_b",
    "gap_points",
    "period_gap_days",
    "period_gap_months",
    "comparable",
    "reason",
    "other_of",
    "leader",
    "tier",
    "confidence",
]


def focus_pairs(provinces: list[str]) -> list[tuple[str, str]]:
    """(first province, each other chosen province)."""
    return [(provinces[0], other) for other in provinces[1:]]


def shares(provinces: list[str]) -> pd.DataFrame:
    """Every share value of the chosen provinces that can enter a pair, one row each:
    province + SIDE columns (period: helpers.data.periods.Period)."""
    facts = loading.load("province_facts")
    facts = facts[
        (facts["category"] == "digital_uptake") & (facts["unit"] == "percent") & facts["province"].isin(provinces)
    ]
    rows = [
        {
            "province": f.province,
            "measure": f.measure,
            "value": float(f.value),
            "qualifier": f.qualifier,
            "period": Period.of(f.period_start, f.period_end),
            "basis": f.period_basis,
            "source_id": f.source_id,
            "id": f.fact_id,
            "tier": "press_reference",
            "confidence": verdict_rule.verdict_confidence([f.source_id], facts=[f.confidence]),
        }
        for f in facts.itertuples()
    ]
    res = comparison.results(provinces)
    res = res[res["indicator_id"].isin(scope.indicators("04")) & (res["unit"] == "percent")]
    reported_by = res.groupby("indicator_id")["province"].nunique()
    rows += [
        {
            "province": r.province,
            "measure": r.indicator_id,
            "value": float(r.value),
            "qualifier": r.qualifier,
            "period": r.period,
            "basis": r.period_basis,
            "source_id": r.source_id,
            "id": r.obs_id,
            "tier": "article",
            "confidence": verdict_rule.source_confidence(r.source_id)["confidence"],
        }
        for r in res.itertuples()
        if reported_by[r.indicator_id] > 1  # a share only one province reports stays one-sided
    ]
    return pd.DataFrame(rows, columns=["province", *SIDE])


def _dates(x) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Earliest and latest date a value may refer to: its end, or its whole window when uncertain."""
    end = pd.Timestamp(x.period.end)
    return (pd.Timestamp(x.period.start), end) if x.basis == "uncertain" else (end, end)


def _gap_days(x, y) -> int:
    """Days between two values' dates; the largest gap their windows allow."""
    (a0, a1), (b0, b1) = _dates(x), _dates(y)
    return max(abs((a1 - b0).days), abs((b1 - a0).days))


def _is_stock(x) -> bool:
    return x.period.is_stock or x.basis == "uncertain"


def _same_kind(x, y) -> bool:
    if _is_stock(x) or _is_stock(y):
        return _is_stock(x) and _is_stock(y)
    return (x.period.end - x.period.start) == (y.period.end - y.period.start)


def _row(role: str, a: str, b: str, x, y, reason: str = "", other_of: str = "") -> dict:
    days = _gap_days(x, y)
    if not reason:
        reason = "period_kind" if not _same_kind(x, y) else "period_gap" if days > MAX_PERIOD_GAP_DAYS else ""
    comparable = reason == ""
    gap = round(float(x.value - y.value), 2)
    leader = verdict_rule.qualified(a, x.value, x.qualifier, b, y.value, y.qualifier)[1] if comparable else ""
    return {
        "role": role,
        "measure": x.measure,
        "measure_b": y.measure,
        "unit": "percent",
        "province_a": a,
        "value_a": x.value,
        "qualifier_a": x.qualifier,
        "period_a": x.period,
        "basis_a": x.basis,
        "source_a": x.source_id,
        "id_a": x.id,
        "province_b": b,
        "value_b": y.value,
        "qualifier_b": y.qualifier,
        "period_b": y.period,
        "basis_b": y.basis,
        "source_b": y.source_id,
        "id_b": y.id,
        "gap_points": gap,
        "period_gap_days": days,
        "period_gap_months": round(days / DAYS_PER_MONTH),
        "comparable": comparable,
        "reason": reason,
        "other_of": other_of,
        "leader": leader,
        "tier": x.tier if x.tier == y.tier else f"{x.tier}+{y.tier}",
        "confidence": min(x.confidence, y.confidence, key=CONFIDENCE_ORDER.index),
    }


def _pick(left: list, right: list):
    """The closest dates; ties: both exact, then the later date, then the ids."""
    return min(
        ((x, y) for x in left for y in right),
        key=lambda p: (
            _gap_days(*p),
            not (p[0].qualifier == p[1].qualifier == "exact"),
            -max(pd.Timestamp(p[0].period.end), pd.Timestamp(p[1].period.end)).value,
            p[0].id,
            p[1].id,
        ),
    )


@frames.whole
def pairs(provinces: list[str]) -> pd.DataFrame:
    """One row per measure and focus pair (role "pair"), plus one row per value not
    picked (role "other_value", set against the same partner). Columns: COLUMNS."""
    values = shares(provinces)
    related = {}
    for r in scope.related_measures():
        related[r["a"]] = r["b"]
        related[r["b"]] = r["a"]
    rows, seen = [], set()
    for a, b in focus_pairs(provinces):
        mine = {p: values[values["province"] == p] for p in (a, b)}
        for measure in sorted(set(mine[a]["measure"]) | set(mine[b]["measure"])):
            left = list(mine[a][mine[a]["measure"] == measure].itertuples())
            right = list(mine[b][mine[b]["measure"] == measure].itertuples())
            if left and right:
                x, y = _pick(left, right)
                rows.append(_row("pair", a, b, x, y))
                rows += [_row("other_value", a, b, o, y, "farther_date", a) for o in left if o is not x]
                rows += [_row("other_value", a, b, x, o, "farther_date", b) for o in right if o is not y]
            other = related.get(measure)
            if other is None or (left and right):
                continue
            # one province reports this measure, the other only a related one of another definition
            x_all = left or list(mine[a][mine[a]["measure"] == other].itertuples())
            y_all = right or list(mine[b][mine[b]["measure"] == other].itertuples())
            if x_all and y_all:
                x, y = _pick(x_all, y_all)
                if (x.id, y.id) not in seen:
                    seen.add((x.id, y.id))
                    rows.append(_row("pair", a, b, x, y, "different_definition"))
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.astype({"comparable": bool})


def comparable(provinces: list[str]) -> pd.DataFrame:
    """The rows of `pairs` that may be compared (same measure, close dates)."""
    found = pairs(provinces)
    return found[found["comparable"]].reset_index(drop=True)


def one_sided(provinces: list[str]) -> pd.DataFrame:
    """Digital-uptake facts of the chosen provinces in no pair row (any unit):
    province + SIDE columns plus unit."""
    found = pairs(provinces)
    used = set(found["id_a"]) | set(found["id_b"])
    facts = loading.load("province_facts")
    facts = facts[(facts["category"] == "digital_uptake") & facts["province"].isin(provinces)]
    facts = facts[~facts["fact_id"].isin(used)]
    return pd.DataFrame(
        {
            "province": facts["province"],
            "measure": facts["measure"],
            "value": facts["value"].astype(float),
            "qualifier": facts["qualifier"],
            "unit": facts["unit"],
            "period": [Period.of(s, e) for s, e in zip(facts["period_start"], facts["period_end"])],
            "basis": facts["period_basis"],
            "source_id": facts["source_id"],
            "id": facts["fact_id"],
        }
    ).reset_index(drop=True)
