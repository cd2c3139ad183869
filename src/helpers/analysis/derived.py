"""Derived numbers: every number computed from two curated numbers of the same
source and period, language-neutral, with its formula key, operands and the
obs_ids used (worded for the reader by helpers.text.formats.formula_text)."""

from __future__ import annotations

import pandas as pd

from helpers.analysis.comparison import DTI_PREFIX, results
from helpers.data import loading

# How each derived number is computed from its inputs (in order); numbers are
# formatted for the reader by helpers.text.catalogue.formula_text.
FORMULAS = {
    "integration_rate": "100 × {0} / {1}",  # integrated / services offered, same article and date
    "implied_denominator": "{0} / {1}%",  # integrated / stated rate: the denominator it implies
    "level4_share": "100 × {0} / {1}",  # level-4 services / all services, same article and date
    "eligible_share": "100 × {0} / {1}",  # accounts eligible to trade / household accounts
    "products_sum": "{0} OCOP + {1}",  # OCOP + other agricultural products listed
    "implied_households": "{0} / {1}%",  # households with a digital address / their share
}
DERIVED_COLUMNS = [
    "key",
    "province",
    "indicator_id",
    "period",
    "value",
    "decimals",
    "unit",
    "qualifier",
    "operands",
    "operand_decimals",
    "inputs",
    "input_qualifiers",
    "source_id",
]


@loading.from_tables
def derived_numbers(provinces: list[str]) -> pd.DataFrame:
    """Numbers computed from two curated numbers of the same source and period,
    language-neutral: the value, the formula key (FORMULAS), its operands and the
    obs_ids used. `indicator_id` is the first input's (it places the number in a notebook)."""
    art = results(provinces)
    art = art[~art["indicator_id"].str.startswith(DTI_PREFIX)]
    rows = []

    def add(key, first, second, value, decimals, unit, qualifier="exact", operand_decimals=(0, 0)):
        rows.append(
            {
                "key": key,
                "province": first.province,
                "indicator_id": first.indicator_id,
                "period": first.period,
                "value": value,
                "decimals": decimals,
                "unit": unit,
                "qualifier": qualifier,
                "operands": (first.value, second.value),
                "operand_decimals": operand_decimals,
                "inputs": (first.obs_id, second.obs_id),
                "input_qualifiers": (first.qualifier, second.qualifier),
                "source_id": first.source_id,
            }
        )

    def matched(group, a, b):
        for x in group[group["indicator_id"] == a].itertuples():
            for y in group[(group["indicator_id"] == b) & (group["period"] == x.period)].itertuples():
                yield x, y

    for _, group in art.groupby(["province", "source_id"], sort=True):
        has = set(group["indicator_id"])
        for i, t in matched(group, "online_services_national_portal_integrated", "online_services_total"):
            add("integration_rate", i, t, round(100 * i.value / t.value, 1), 1, "percent")
        if "online_services_total" not in has:
            for i, r in matched(
                group, "online_services_national_portal_integrated", "online_services_national_portal_integration_rate"
            ):
                add("implied_denominator", i, r, round(i.value / (r.value / 100)), 0, "count", "approx", (0, 2))
        for l4, t in matched(group, "online_services_level4", "online_services_total"):
            add("level4_share", l4, t, round(100 * l4.value / t.value, 1), 1, "percent")
        for e, a in matched(group, "ecommerce_accounts_eligible", "ecommerce_household_accounts"):
            add("eligible_share", e, a, round(100 * e.value / a.value, 1), 1, "percent")
        for o, g in matched(group, "ecommerce_products_ocop", "ecommerce_products_agricultural"):
            add("products_sum", o, g, o.value + g.value, 0, "count")
        for n, s in matched(group, "digital_address_households", "digital_address_household_share"):
            add("implied_households", n, s, round(n.value / (s.value / 100), -3), 0, "count", "approx", (0, 2))
    order = {k: i for i, k in enumerate(FORMULAS)}
    out = pd.DataFrame(rows, columns=DERIVED_COLUMNS)
    if len(out):
        out = (
            out.assign(_p=out["province"].map({p: i for i, p in enumerate(provinces)}), _k=out["key"].map(order))
            .sort_values(["_p", "_k", "period"])
            .drop(columns=["_p", "_k"])
        )
    return out.reset_index(drop=True)
