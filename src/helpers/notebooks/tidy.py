"""The tidy frames notebooks 02, 03, 04 and 06 analyse, loaded into named variables
at their top (one row per observation, ids and ISO periods as in data/), shown by
helpers.text.tables.show; and the figure-data path each figure cell prints.

A reader filters one of these frames in a cell of their own and passes it to the
chart or table function below it: every chart and table of those notebooks is
drawn from the frame it is given."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import papi_scores, society_pairs
from helpers.analysis.evidence import results
from helpers.data import loading, paths
from helpers.text import society_tables
from helpers.text.formats import figure_data_line

OBSERVATION_COLUMNS = [
    "province",
    "indicator_id",
    "value",
    "qualifier",
    "unit",
    "period",
    "period_basis",
    "tier",
    "source_id",
    "obs_id",
]


def papi() -> pd.DataFrame:
    """Every province's PAPI e-governance score, rank and sub-dimension scores in each
    comparable year (helpers.analysis.papi_scores.papi_frame); a reader may narrow it."""
    return papi_scores.papi_frame()


@loading.whole_frame
def observations(notebook: str, provinces: list[str]) -> pd.DataFrame:
    """The curated results of a notebook's indicators for the chosen provinces, one row
    per value (targets left out); quotes and notes stay in the evidence table."""
    return results(notebook, provinces)[OBSERVATION_COLUMNS].reset_index(drop=True)


def pairs(provinces: list[str]) -> pd.DataFrame:
    """Notebook 04's pair rows (helpers.analysis.society_pairs.pairs): each digital-uptake share
    both provinces of a pair report, the gap, the months between the dates and the verdict."""
    return society_pairs.pairs(provinces)


def facts(provinces: list[str]) -> pd.DataFrame:
    """Notebook 04's values in no pair: article results and digital-uptake facts one province reports."""
    return society_tables.one_sided_rows(provinces)


# ------------------------------------------------------------------ display


def show_figure(fig, plotted: pd.DataFrame, name: str, lang: str) -> None:
    """The figure (or why there is none), then the path of the CSV holding every mark it
    draws: the line save_figure set on the frame, or, where the figure saved a reshaped copy
    of the frame it returns, the same line for `name`."""
    from helpers.charts import plotting

    plotting.show(fig, plotted)
    if fig is not None and "figure_data" not in plotted.attrs:
        print(figure_data_line(paths.figure_data_path(name), lang))
