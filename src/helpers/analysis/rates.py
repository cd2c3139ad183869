"""Rates with denominators: counts made comparable across provinces of different size.

Language-neutral: every rate carries its formula, its inputs (ids), the years
of numerator and denominator and the gap between them. The rates to compute
are curated in data/rate_definitions.csv (a rate exists only where a
denominator of the same definition exists); `no_denominator` lists the counts
left without one, so a reader sees "no denominator" rather than an estimate.
"""

from __future__ import annotations

import pandas as pd

from helpers.data import loading

COLUMNS = [
    "rate_id",
    "province",
    "indicator_id",
    "numerator",
    "numerator_qualifier",
    "numerator_period_end",
    "denominator_label",
    "denominator",
    "denominator_year",
    "denominator_source",
    "scale",
    "value",
    "qualifier",
    "bound",
    "year_gap",
    "formula",
    "inputs",
    "note",
]

# How a qualifier of the numerator carries into the rate (the denominator is exact or approximate).
_CARRIED = {"exact": "exact", "approx": "approx", "at_least": "at_least", "at_most": "at_most"}


def population_thousand(province: str, year: int) -> tuple[float, str] | None:
    """(average population in thousands, source id) for a province and year, if stored."""
    pop = loading.load("population")
    row = pop[(pop["province"] == province) & (pop["year"] == year)]
    if row.empty:
        return None
    return float(row["average_population_thousand"].iloc[0]), str(row["source_id"].iloc[0])


def _denominator(definition, numerator: pd.Series, observations: pd.DataFrame, facts: pd.DataFrame) -> dict:
    """Denominator value, label, year, source and input id for one rate definition."""
    name, year = definition["denominator"], int(definition["denominator_year"])
    if name == "average_population":
        found = population_thousand(numerator["province"], year)
        if found is None:
            raise ValueError(
                f"data/rate_definitions.csv: {definition['rate_id']}: no average population of "
                f"{numerator['province']} for {year} in data/reference/population.csv"
            )
        value, source = found
        return {
            "value": value * 1000,
            "label": "average_population",
            "year": year,
            "source": source,
            "input": f"population {numerator['province']} {year}",
            "qualifier": "exact",
        }
    if name.startswith("obs:"):
        row = observations.set_index("obs_id").loc[name.removeprefix("obs:")]
        return {
            "value": float(row["value"]),
            "label": row["indicator_id"],
            "year": row["period_end"].year,
            "source": row["source_id"],
            "input": name.removeprefix("obs:"),
            "qualifier": row["qualifier"],
        }
    row = facts.set_index("fact_id").loc[name]
    return {
        "value": float(row["value"]),
        "label": row["measure"],
        "year": row["period_end"].year,
        "source": row["source_id"],
        "input": name,
        "qualifier": row["qualifier"],
    }


def rates(provinces: list[str]) -> pd.DataFrame:
    """Every curated rate for `provinces`, computed, with formula and years."""
    observations = loading.load("observations")
    facts = loading.load("province_facts")
    by_id = observations.set_index("obs_id")
    rows = []
    for definition in loading.load("rate_definitions").to_dict("records"):
        numerator = by_id.loc[definition["numerator_obs"]].copy()
        numerator["obs_id"] = definition["numerator_obs"]
        if numerator["province"] not in provinces:
            continue
        den = _denominator(definition, numerator, observations, facts)
        count, qualifier = float(numerator["value"]), _CARRIED[numerator["qualifier"]]
        if den["qualifier"] == "approx" and qualifier == "exact":
            qualifier = "approx"
        if definition["scale"] == "implied_total":
            # count = share% × total  ⇒  total = count / (share / 100)
            value = count / (den["value"] / 100)
            formula = f"{count:.12g} / ({den['value']:.12g} / 100)"
        else:
            scale = float(definition["scale"])
            value = count / den["value"] * scale
            formula = f"{count:.12g} / {den['value']:.12g} × {scale:.12g}"
        rows.append(
            {
                "rate_id": definition["rate_id"],
                "province": numerator["province"],
                "indicator_id": numerator["indicator_id"],
                "numerator": count,
                "numerator_qualifier": numerator["qualifier"],
                "numerator_period_end": numerator["period_end"],
                "denominator_label": den["label"],
                "denominator": den["value"],
                "denominator_year": den["year"],
                "denominator_source": den["source"],
                "scale": definition["scale"],
                "value": value,
                "qualifier": qualifier,
                "bound": definition["bound"],
                "year_gap": abs(numerator["period_end"].year - den["year"]),
                "formula": formula,
                "inputs": f"{numerator['obs_id']}, {den['input']}",
                "note": definition["note"],
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def no_denominator(provinces: list[str], indicator_ids: list[str]) -> pd.DataFrame:
    """Count results among `indicator_ids` for which no rate is defined: listed, never estimated."""
    obs = loading.observations_with_indicators()
    counts = obs[
        obs["province"].isin(provinces)
        & obs["indicator_id"].isin(indicator_ids)
        & obs["unit"].eq("count")
        & obs["kind"].eq("result")
    ]
    with_rate = set(loading.load("rate_definitions")["numerator_obs"])
    left = counts[~counts["obs_id"].isin(with_rate)]
    return left[["obs_id", "province", "indicator_id", "value", "qualifier", "period_end"]].reset_index(drop=True)
