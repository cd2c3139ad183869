"""Typed tables for the notebooks. Run validation first (the runner does)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers.paths import DATA, REFERENCE


def _read(path, **kwargs) -> pd.DataFrame:
    # keep_default_na=False: "unknown" and empty strings stay as written.
    return pd.read_csv(path, encoding="utf-8", keep_default_na=False, **kwargs)


def _dates(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        df[column] = pd.to_datetime(df[column].replace({"unknown": None, "": None}), format="%Y-%m-%d")
    return df


@lru_cache(maxsize=None)
def _cached(name: str) -> pd.DataFrame:
    loaders = {
        "sources": lambda: _dates(_read(DATA / "sources.csv"), "published", "reference_date"),
        "indicators": lambda: _read(DATA / "indicators.csv", dtype={"higher_is_better": str}).assign(
            higher_is_better=lambda d: d["higher_is_better"].eq("true")
        ),
        "observations": lambda: _dates(
            _read(DATA / "observations.csv", dtype={"value": float}), "period_start", "period_end"
        ),
        "milestones": lambda: _dates(_read(DATA / "milestones.csv"), "date"),
        "number_exclusions": lambda: _read(DATA / "number_exclusions.csv", dtype={"start": int}),
        "exclusion_reasons": lambda: _read(DATA / "exclusion_reasons.csv"),
        "dti_scores": lambda: _read(REFERENCE / "dti_scores.csv"),
        "dti_mekong_ranks": lambda: _read(REFERENCE / "dti_mekong_ranks.csv"),
        "dti_press_facts": lambda: _read(REFERENCE / "dti_press_facts.csv", dtype={"value": float}),
        "papi_egov_subdimensions": lambda: _read(REFERENCE / "papi_egov_subdimensions.csv").assign(
            score=lambda d: pd.to_numeric(d["score"])),
        "papi_egov_scores": lambda: _read(REFERENCE / "papi_egov_scores.csv").assign(
            score=lambda d: pd.to_numeric(d["score"]), rank=lambda d: pd.to_numeric(d["rank"]).astype("Int64"),
            n_ranked=lambda d: pd.to_numeric(d["n_ranked"]).astype("Int64"),
            comparable=lambda d: d["comparable"].eq("true")),
        "papi_press_facts": lambda: _read(REFERENCE / "papi_press_facts.csv", dtype={"value": float}),
        "population": lambda: _read(REFERENCE / "population.csv", dtype={"average_population_thousand": float}),
        "province_facts": lambda: _dates(_read(REFERENCE / "province_facts.csv", dtype={"value": float}),
                                         "period_start", "period_end"),
        "rate_definitions": lambda: _read(DATA / "rate_definitions.csv"),
        "dti_calendar": lambda: _dates(_read(REFERENCE / "dti_calendar.csv"), "announced"),
        "regions": lambda: _read(REFERENCE / "regions.csv").assign(
            in_mekong_delta=lambda d: d["in_mekong_delta"].astype(str).str.lower().eq("true")
        ),
    }
    return loaders[name]()


def load(name: str) -> pd.DataFrame:
    """A copy of table `name` (sources, indicators, observations, milestones,
    number_exclusions, exclusion_reasons, dti_scores, dti_mekong_ranks,
    dti_press_facts, dti_calendar, regions, papi_egov_subdimensions,
    papi_egov_scores, papi_press_facts, population, province_facts,
    rate_definitions)."""
    return _cached(name).copy()


def observations_with_indicators() -> pd.DataFrame:
    """Observations joined with indicator labels, units and themes."""
    return load("observations").merge(load("indicators"), on="indicator_id", how="left", validate="many_to_one")


def available_provinces() -> list[str]:
    """Provinces that have at least one curated observation, in name order."""
    return sorted(load("observations")["province"].unique())


def check_provinces(provinces: list[str]) -> list[str]:
    """`provinces` if every one has data; otherwise a ValueError listing the valid ones."""
    valid = available_provinces()
    if not isinstance(provinces, (list, tuple)) or not provinces:
        raise ValueError(f"provinces must be a non-empty list; available provinces: {', '.join(valid)}")
    unknown = [p for p in provinces if p not in valid]
    if unknown:
        raise ValueError(
            f"unknown province(s) {', '.join(map(repr, unknown))}; available provinces: {', '.join(valid)}"
        )
    return list(provinces)
