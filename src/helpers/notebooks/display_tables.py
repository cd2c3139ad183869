"""Small tables the notebooks used to build in their own code (and so printed in
English): counts per evidence tier and per exclusion reason (notebook 06), the DTI
distribution's plotted rows (notebook 01). Headers, tier names and reasons come
from the catalogues; numbers as each language writes them."""

from __future__ import annotations

import pandas as pd

from helpers.checks import coverage
from helpers.data import loading
from helpers.text.catalogue import say
from helpers.text.formats import number_text

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
