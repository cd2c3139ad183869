"""Online-service counts across the 2022 change of classification (derived numbers).

Decree 42/2022/NĐ-CP defines two levels of online public service, "toàn trình"
(the whole procedure online) and "một phần" (any other online service), where
Decree 43/2011/NĐ-CP had levels 1–4. Its dates, what it defines and what could
not be verified (how the old levels map onto the new two) are data:
data/legal_facts.csv, with URLs and confidence. A province whose total
is reported on both sides of the decree may be counting different things.
Language-neutral; wording lives in the catalogues.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis import comparison, scope
from helpers.analysis.evidence import best_rows
from helpers.data import loading

DECREE_42 = "42/2022/NĐ-CP"


def decree_42() -> dict[str, dict]:
    """fact -> {value, quote, url, confidence, note} for Decree 42/2022/NĐ-CP."""
    facts = loading.load("legal_facts")
    return {r["fact"]: r for r in facts[facts["act"] == DECREE_42].drop(columns="act").to_dict("records")}


def decree_42_signed() -> pd.Timestamp:
    return pd.Timestamp(decree_42()["signed"]["value"])


LEVELS = ("online_services_level2", "online_services_level3", "online_services_level4")


def across_decree_42(provinces: list[str]) -> pd.DataFrame:
    """One row per province whose online-service total is reported before and
    after the decree was signed: both totals and dates, the level counts at each date
    (NaN if not reported), the services at levels 3 + 4 after, and the change
    of the level-4 count."""
    obs = loading.load("observations")
    obs = obs[obs["province"].isin(provinces) & obs["kind"].eq("result")]
    rows = []
    for province in provinces:
        mine = obs[obs["province"] == province]
        totals = mine[mine["indicator_id"] == "online_services_total"].sort_values("period_end")
        before = totals[totals["period_end"] < decree_42_signed()]
        after = totals[totals["period_end"] >= decree_42_signed()]
        if before.empty or after.empty:
            continue
        b, a = before.iloc[-1], after.iloc[-1]

        def level(indicator: str, when, mine=mine) -> float:
            found = mine[(mine["indicator_id"] == indicator) & (mine["period_end"] == when)]
            return float(found["value"].iloc[0]) if len(found) else float("nan")

        row = {
            "province": province,
            "date_before": b["period_end"],
            "total_before": float(b["value"]),
            "date_after": a["period_end"],
            "total_after": float(a["value"]),
            "source_before": b["source_id"],
            "source_after": a["source_id"],
        }
        for indicator in LEVELS:
            short = indicator.removeprefix("online_services_")
            row[f"{short}_before"] = level(indicator, b["period_end"])
            row[f"{short}_after"] = level(indicator, a["period_end"])
        row["levels_3_4_after"] = row["level3_after"] + row["level4_after"]
        row["level4_change"] = row["level4_after"] - row["level4_before"]
        row["total_change"] = row["total_after"] - row["total_before"]
        rows.append(row)
    return pd.DataFrame(rows)


# --- Parts of a whole: one stacked bar per province and date -----------------------------

STACKED_COLUMNS = [
    "bar",
    "role",
    "indicator_id",
    "province",
    "value",
    "qualifier",
    "unit",
    "period",
    "tier",
    "source_id",
    "segment_start",
    "segment_end",
    "check",
]
REMAINDER = "not_broken_down"


def stacked_parts(name: str) -> tuple[str, list[str]] | None:
    """(total, parts) when chart `name` draws a total and exactly the parts that
    notebook_scope.yaml says make it up; else None (the chart is not a whole)."""
    ids = scope.chart(name)
    total, rest = ids[0], ids[1:]
    parts = scope.parts().get(total)
    return (total, parts) if parts and list(parts) == rest else None


def _check(total, parts: pd.DataFrame) -> str:
    """How the parts relate to the reported total at one date."""
    if total is None:
        return "no_total"
    if parts.empty:
        return "no_parts" if total["qualifier"] == "exact" else "unexplained"
    gap = float(total["value"]) - float(parts["value"].sum())
    if gap == 0:
        return "sums"
    exact = total["qualifier"] == "exact" and parts["qualifier"].eq("exact").all()
    if gap > 0 and exact:
        return "remainder"
    return "exceeds" if gap < 0 else "unexplained"


def stacked_frame(name: str, provinces: list[str], observations: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per segment of each stacked bar (a province at one date): the
    parts reported at that date in the order of notebook_scope.yaml, each
    starting where the previous ended; the reported total (role "total", no
    segment); and, only when the exact parts fall short of an exact total, the
    remainder as a segment of its own (role "remainder": part of the total the
    source does not break down, total minus the stated parts). `check` says how
    the parts relate to the total: sums, remainder, exceeds, unexplained (a
    hedged value), no_total, no_parts. A province with no value at all gets one
    row of role "not_reported" (value NaN), never a bar."""
    total_id, part_ids = stacked_parts(name)
    # `observations`: an observation frame a notebook shows (helpers.analysis.comparison.results columns)
    evidence = comparison.best_evidence(provinces) if observations is None else best_rows(observations)
    units = loading.load("indicators").set_index("indicator_id")["unit"]
    rows, bar = [], 0

    def row(role, r, indicator, value, start=float("nan"), end=float("nan"), check="", **over):
        base = {
            "bar": bar,
            "role": role,
            "indicator_id": indicator,
            "province": province,
            "value": value,
            "qualifier": getattr(r, "qualifier", ""),
            "unit": units[total_id],
            "period": getattr(r, "period", None),
            "tier": getattr(r, "tier", ""),
            "source_id": getattr(r, "source_id", ""),
            "segment_start": start,
            "segment_end": end,
            "check": check,
        }
        return {**base, **over}

    for province in provinces:
        mine = evidence[(evidence["province"] == province) & evidence["indicator_id"].isin([total_id, *part_ids])]
        if mine.empty:
            rows.append(row("not_reported", None, total_id, float("nan"), bar=None))
            continue
        for period in sorted(set(mine["period"])):
            here = mine[mine["period"] == period]
            totals = here[here["indicator_id"] == total_id]
            total = totals.iloc[0] if len(totals) else None
            parts = here[here["indicator_id"].isin(part_ids)].copy()
            parts["_order"] = parts["indicator_id"].map(part_ids.index)
            parts = parts.sort_values("_order")
            check = _check(total, parts)
            start = 0.0
            for r in parts.itertuples():
                rows.append(row("part", r, r.indicator_id, float(r.value), start, start + float(r.value), check))
                start += float(r.value)
            if check in ("remainder", "no_parts"):
                gap = float(total["value"]) - start
                rows.append(row("remainder", total, REMAINDER, gap, start, start + gap, check, qualifier="derived"))
            if total is not None:
                rows.append(row("total", total, total_id, float(total["value"]), check=check))
            bar += 1
    return pd.DataFrame(rows, columns=STACKED_COLUMNS).astype({"bar": "Int64"})
