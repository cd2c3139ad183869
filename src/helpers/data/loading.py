"""Typed tables for the notebooks. Run validation first (the runner does)."""

from __future__ import annotations

import difflib
import unicodedata
from functools import cache

import pandas as pd

from helpers.data import province_names
from helpers.data.paths import DATA, REFERENCE, ROOT


def _read(path, **kwargs) -> pd.DataFrame:
    # keep_default_na=False: "unknown" and empty strings stay as written. Text is
    # NFC (helpers.data.province_names): a name typed with decomposed accents is the same name.
    df = pd.read_csv(path, encoding="utf-8", keep_default_na=False, **kwargs)
    for column in df.columns:
        if pd.api.types.is_string_dtype(df[column]) or df[column].dtype == object:
            df[column] = df[column].map(lambda v: province_names.nfc(v) if isinstance(v, str) else v)
    return df


def _dates(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        df[column] = pd.to_datetime(df[column].replace({"unknown": None, "": None}), format="%Y-%m-%d")
    return df


@cache
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
            score=lambda d: pd.to_numeric(d["score"])
        ),
        "papi_egov_scores": lambda: _read(REFERENCE / "papi_egov_scores.csv").assign(
            score=lambda d: pd.to_numeric(d["score"]),
            rank=lambda d: pd.to_numeric(d["rank"]).astype("Int64"),
            n_ranked=lambda d: pd.to_numeric(d["n_ranked"]).astype("Int64"),
            comparable=lambda d: d["comparable"].astype(str).str.lower().eq("true"),
        ),  # pandas may already parse true/false as bool
        "papi_press_facts": lambda: _read(REFERENCE / "papi_press_facts.csv", dtype={"value": float}),
        "population": lambda: _read(REFERENCE / "population.csv", dtype={"average_population_thousand": float}),
        "province_facts": lambda: _dates(
            _read(REFERENCE / "province_facts.csv", dtype={"value": float}), "period_start", "period_end"
        ),
        "rate_definitions": lambda: _read(DATA / "rate_definitions.csv"),
        "legal_facts": lambda: _read(DATA / "legal_facts.csv"),
        "dti_calendar": lambda: _dates(_read(REFERENCE / "dti_calendar.csv"), "announced"),
        "province_aliases": lambda: _read(DATA / "province_aliases.csv"),
        "dti_successors": lambda: _read(REFERENCE / "dti_successors.csv"),
        "regions": lambda: _read(REFERENCE / "regions.csv").assign(
            in_mekong_delta=lambda d: d["in_mekong_delta"].astype(str).str.lower().eq("true")
        ),
    }
    return loaders[name]()


def load(name: str) -> pd.DataFrame:
    """A copy of table `name` (sources, indicators, observations, milestones,
    number_exclusions, exclusion_reasons, dti_scores, dti_mekong_ranks,
    dti_press_facts, dti_calendar, dti_successors, regions, papi_egov_subdimensions,
    papi_egov_scores, papi_press_facts, population, province_facts,
    rate_definitions, legal_facts, province_aliases)."""
    return _cached(name).copy()


def _frozen(value):
    """A hashable stand-in for an argument: lists and tuples as tuples, dicts as sorted items."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def _copied(value):
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy()
    if isinstance(value, tuple):  # several frames
        return tuple(_copied(v) for v in value)
    if isinstance(value, (dict, list, set)):
        return type(value)(value)
    return value


def from_tables(function):
    """Memoise a function of the loaded tables and its arguments: computed once per process
    (a kernel's two renditions and the notebooks run in it share it) and handed out as a copy.
    The key holds the table loaders in use, so a caller that swaps `load` or `_cached` (a test
    editing a table) gets results of its own tables."""
    import functools

    results: dict = {}

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        key = (load, _cached, _frozen(args), _frozen(kwargs))
        if key not in results:
            results[key] = function(*args, **kwargs)
        return _copied(results[key])

    wrapper.cache_clear = results.clear
    return wrapper


def whole_frame(loader):
    """A loader of a frame the notebooks load and show: computed once per process
    (from_tables) and marked whole once (helpers.data.frames.whole); every caller gets a copy,
    and the copy keeps the mark, so that a reader's narrowed copy is still told apart."""
    from helpers.data import frames

    return from_tables(frames.whole(loader))


@from_tables
def observations_with_indicators() -> pd.DataFrame:
    """Observations joined with indicator labels, units and themes."""
    return load("observations").merge(load("indicators"), on="indicator_id", how="left", validate="many_to_one")


def available_provinces() -> list[str]:
    """Provinces that have at least one curated observation, in name order."""
    return sorted(load("observations")["province"].unique())


# How to pass provinces with plain papermill (-p gives one string, -y parses a YAML list).
PAPERMILL_PROVINCES = "-p provinces 'Hậu Giang' for one, -y 'provinces: [Hậu Giang, Cần Thơ]' for several"


def official_provinces() -> list[str]:
    """The 63 provinces of data/reference/regions.csv, official spelling."""
    return load("regions")["province"].tolist()


def _folded(name: str) -> str:
    """Lower case letters and digits without diacritics: 'Hậu Giang' -> 'haugiang'."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalnum())


def closest_province(name: str, names=None) -> str | None:
    """The official spelling `name` most likely means (diacritic-insensitive), or
    None; among `names` (default: the provinces of regions.csv)."""
    by_key = {_folded(p): p for p in (official_provinces() if names is None else names)}
    key = _folded(name)
    if key in by_key:
        return by_key[key]
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.75)
    return by_key[close[0]] if close else None


def read_provinces(provinces) -> list[province_names.Reading]:
    """How each of `provinces` (one name or a list) was read (helpers.data.province_names:
    NFC, aliases); a ValueError naming the bad value, with a did-you-mean suggestion
    or, for a province formed by the 2025 merger, its predecessors."""
    if isinstance(provinces, str):
        provinces = [provinces]
    if not isinstance(provinces, (list, tuple)) or not provinces or not all(isinstance(p, str) for p in provinces):
        raise ValueError(
            f"provinces must be a province name or a non-empty list of names, got {provinces!r}; "
            f"with papermill: {PAPERMILL_PROVINCES}"
        )
    official = official_provinces()
    aliases = province_names.alias_table(ROOT)
    readings, seen = [], []
    for name in provinces:
        reading = province_names.read(name, official, aliases)
        if reading.how == "merged":
            raise ValueError(f"unknown province {name!r}: {province_names.merged_message(reading)}")
        if reading.how == "unknown":
            guess = closest_province(name)
            hint = f"did you mean {guess!r}?" if guess else "no official name is close."
            if "," in name:  # several names in one string: the list syntax was missed
                hint = f"several provinces go in a list ({PAPERMILL_PROVINCES})."
            raise ValueError(
                f"unknown province {name!r}: {hint} Provinces are spelled as in "
                f"data/reference/regions.csv (the {len(official)} provinces, with diacritics) "
                f"or as an alias of {province_names.ALIASES}"
            )
        if reading.province in seen:
            raise ValueError(f"province {reading.province!r} is listed twice in {list(provinces)!r}")
        seen.append(reading.province)
        readings.append(reading)
    return readings


def check_provinces(provinces) -> list[str]:
    """`provinces` (one name or a list) as a list of official spellings (see read_provinces)."""
    return [reading.province for reading in read_provinces(provinces)]
