"""Notebook scope: which indicators each notebook covers and each chart draws,
read from notebook_scope.yaml (kept as data so that adding an indicator to a
chart is an edit of that file, not of code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from helpers.data import loading

SCOPE_FILE = Path(__file__).with_name("notebook_scope.yaml")


@cache
def _spec() -> dict:
    return yaml.safe_load(SCOPE_FILE.read_text(encoding="utf-8"))


def notebooks() -> list[str]:
    """Notebooks whose indicators are listed here ("02", "03", "04")."""
    return list(_spec()["notebooks"])


def indicators(notebook: str) -> list[str]:
    """Indicator ids a notebook covers, in the order of data/indicators.csv."""
    spec = _spec()["notebooks"]
    if notebook not in spec:
        raise ValueError(f"notebook must be one of {', '.join(spec)}; got {notebook!r}")
    rule = spec[notebook]
    table = loading.load("indicators")
    chosen = table["indicator_id"].isin(rule.get("indicators", [])) | table["theme"].isin(rule.get("themes", []))
    for other in rule.get("except_notebooks", []):
        chosen &= ~table["indicator_id"].isin(indicators(other))
    return table.loc[chosen, "indicator_id"].tolist()


def themes(notebook: str) -> list[str]:
    """The themes a notebook covers, in the order its conclusion names them."""
    return list(_spec()["notebooks"][notebook].get("themes", []))


def charts(notebook: str | None = None) -> dict[str, list[str]]:
    """Figure name -> indicators drawn, for one notebook or all."""
    return {
        name: list(ids)
        for name, ids in _spec()["charts"].items()
        if notebook is None or name.startswith(f"{notebook}_")
    }


def chart(name: str) -> list[str]:
    every = _spec()["charts"]
    if name not in every:
        raise ValueError(f"unknown chart {name!r}; charts: {', '.join(every)}")
    return list(every[name])


def headline(notebook: str) -> list[str]:
    return list(_spec()["headline"].get(notebook, []))


def parts() -> dict[str, list[str]]:
    """Total indicator -> the parts it should add up to."""
    return {k: list(v) for k, v in _spec()["parts"].items()}


def contrasts() -> list[dict]:
    return [dict(c) for c in _spec()["contrasts"]]


def stands_in_for() -> dict[str, str]:
    """Derived-number key -> the indicator it stands in for."""
    return dict(_spec()["derived_stands_in_for"])


def related_measures() -> list[dict]:
    """Digital-uptake measures of province_facts.csv that sound alike but differ in
    definition (helpers.analysis.society_pairs): set side by side as such, never compared."""
    return [dict(r) for r in _spec().get("related_measures", [])]
