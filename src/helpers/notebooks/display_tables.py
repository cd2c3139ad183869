"""Small tables the notebooks used to build in their own code (and so printed in
English): counts per evidence tier and per exclusion reason (notebook 06), the DTI
rank pivot and the distribution's plotted rows (notebook 01). Headers, tier names
and reasons come from the catalogues; numbers as each language writes them."""

from __future__ import annotations

import pandas as pd

from helpers.checks import coverage
from helpers.data import loading
from helpers.notebooks import dti
from helpers.text.catalogue import say
from helpers.text.formats import indicator_label, number_text

MISSING = "–"  # no value in that cell: the same mark in both languages


def sources_per_tier(lang: str) -> pd.DataFrame:
    """Number of sources per evidence tier (data/sources.csv)."""
    counts = loading.load("sources").groupby("tier").size()
    return pd.DataFrame(
        {
            say("claims.col.tier", lang): [say(f"tier.{t}", lang) for t in counts.index],
            say("display.col.sources", lang): counts.to_list(),
        }
    )


def exclusions_per_reason(lang: str) -> pd.DataFrame:
    """Number tokens of the raw articles excluded, per reason (data/exclusion_reasons.csv)."""
    classified = coverage.classify_numbers()
    counts = (
        classified[classified["status"] == "excluded"]
        .groupby("reason")
        .size()
        .sort_values(ascending=False, kind="stable")
    )
    return pd.DataFrame(
        {
            say("dti.col.reason", lang): [say(f"exclusion.{r}", lang) for r in counts.index],
            say("display.col.excluded", lang): counts.to_list(),
        }
    )


def rank_pivot(provinces: list[str], lang: str) -> pd.DataFrame:
    """One row per DTI rank indicator and province, one column per assessment year
    (the best evidence of dti.rank_matrix); – where no rank is known."""
    table = dti.rank_matrix(provinces)
    labels = loading.load("indicators").set_index("indicator_id")
    pivot = table.pivot_table(
        index=["indicator_id", "province"], columns="assessment_year", values="value", aggfunc="first"
    )
    out = pd.DataFrame(
        {
            say("topics.indicator", lang): [indicator_label(labels.loc[i], lang) for i, _ in pivot.index],
            say("topics.province", lang): [p for _, p in pivot.index],
        }
    )
    for year in pivot.columns:
        out[str(year)] = [MISSING if pd.isna(v) else number_text(v, lang) for v in pivot[year]]
    return out


def distribution_rows(plotted: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The chosen provinces' rows of the DTI distribution figure, as plotted
    (figures/data/01_dti_distribution.csv keeps the language-neutral columns)."""
    return pd.DataFrame(
        {
            say("dti.col.assessment_year", lang): plotted["assessment_year"].astype(str),
            say("dti.col.province", lang): plotted["province"],
            say("display.col.score", lang): [number_text(s, lang, decimals=4) for s in plotted["score"]],
            say("display.col.rank", lang): [number_text(r, lang) for r in plotted["rank"]],
            say("display.col.rank_mekong", lang): [
                MISSING if pd.isna(r) else number_text(r, lang) for r in plotted["rank_in_mekong_delta"]
            ],
            say("dti.col.source", lang): plotted["source_id"],
        }
    )
