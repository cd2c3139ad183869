"""Online-service counts across the 2022 change of classification (derived numbers).

Decree 42/2022/NĐ-CP (issued 24 June 2022) replaced the levels 1–4 of Decree
43/2011/NĐ-CP with two kinds of online public service, "toàn trình" (full
process, the old level 4) and "một phần" (partial, the old level 3); a level-2
service (forms to download) is no longer an online public service. A province
whose total is reported on both sides of that date may be counting different
things. Language-neutral; wording lives in the catalogues.
"""

from __future__ import annotations

import pandas as pd

from helpers import loading

DECREE_42_ISSUED = pd.Timestamp("2022-06-24")
LEVELS = ("online_services_level2", "online_services_level3", "online_services_level4")


def across_decree_42(provinces: list[str]) -> pd.DataFrame:
    """One row per province whose online-service total is reported before and
    after the decree: both totals and dates, the level counts at each date
    (NaN if not reported), the services at levels 3 + 4 after, and the change
    of the level-4 count."""
    obs = loading.load("observations")
    obs = obs[obs["province"].isin(provinces) & obs["kind"].eq("result")]
    rows = []
    for province in provinces:
        mine = obs[obs["province"] == province]
        totals = mine[mine["indicator_id"] == "online_services_total"].sort_values("period_end")
        before = totals[totals["period_end"] < DECREE_42_ISSUED]
        after = totals[totals["period_end"] >= DECREE_42_ISSUED]
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
