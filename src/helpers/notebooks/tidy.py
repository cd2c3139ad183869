"""The tidy frames notebooks 02, 03, 04 and 06 analyse, loaded into named variables
at their top (one row per observation, ids and ISO periods as in data/), shown
without the pandas index; and the figure-data path each figure cell prints.

A reader filters one of these frames in a cell of their own and passes it to the
chart or table function below it: every chart and table of those notebooks is
drawn from the frame it is given."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import papi_scores, society_pairs
from helpers.analysis.evidence import results
from helpers.data import paths
from helpers.data.periods import Period
from helpers.text import society_tables
from helpers.text.catalogue import CATALOGUES, say
from helpers.text.formats import date_text, figure_data_line, period_text

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


# Cells a Vietnamese reader reads in words: catalogue key prefix per column.
WORDED = {"tier": "tier", "status": "corpus.status", "reason": "exclusion", "theme": "theme"}


def _reader_cell(value, column: str, lang: str):
    """A cell as a reader reads it: periods as text (ISO in English, as the CSVs), and in
    Vietnamese yes/no, tiers, statuses, reasons and themes in words."""
    if isinstance(value, tuple):
        return "; ".join(str(_reader_cell(v, column, lang)) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if lang == "en" else date_text(value, lang)
    if lang == "en":
        return str(value) if isinstance(value, Period) else value
    if isinstance(value, Period):
        return period_text(value, lang)
    if column in ("indicator_id", "measure", "measure_b") and isinstance(value, str):
        return society_tables.measure_label(value, lang)  # a Vietnamese reader reads names, not codes
    if isinstance(value, bool):
        return say("frames.yes" if value else "frames.no", lang)
    keys = [f"{WORDED.get(column)}.{v}" for v in str(value).split("+")]
    if column in WORDED and value and all(k in CATALOGUES[lang] for k in keys):
        return " + ".join(say(k, lang) for k in keys)
    return value


def for_reader(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame's cells and headers in `lang` (headers through `frames.col.<name>` where the
    catalogue has one; a column of the other language's text left out); the frame in the
    notebook's variable keeps its ids."""
    other = "_vi" if lang == "en" else "_en"
    shown = frame[[c for c in frame.columns if not str(c).endswith(other)]].copy()
    for column in shown.columns:
        shown[column] = [_reader_cell(v, column, lang) for v in shown[column]]
    if lang != "en":
        names = {c: say(f"frames.col.{c}", lang) for c in shown.columns if f"frames.col.{c}" in CATALOGUES[lang]}
        shown = shown.rename(columns=names)
    return shown


class Frame:
    """A frame displayed without its index: HTML in JupyterLab and on GitHub, text elsewhere;
    long frames show their first and last rows and say how many there are."""

    def __init__(self, frame: pd.DataFrame, rows: int):
        self.frame, self.rows = frame, rows

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, max_rows=self.rows, notebook=True, na_rep="", escape=True)

    def __repr__(self) -> str:
        return self.frame.to_string(index=False, max_rows=self.rows, na_rep="")


def show(frame: pd.DataFrame, lang: str, rows: int = 12) -> Frame:
    """The frame to display as the last line of a cell (no pandas index)."""
    return Frame(for_reader(frame, lang), rows)


def show_figure(fig, plotted: pd.DataFrame, name: str, lang: str) -> None:
    """The figure (or why there is none), then the path of the CSV holding every mark it
    draws: the line save_figure set on the frame, or, where the figure saved a reshaped copy
    of the frame it returns, the same line for `name`."""
    from helpers.charts import plotting

    plotting.show(fig, plotted)
    if fig is not None and "figure_data" not in plotted.attrs:
        print(figure_data_line(paths.figure_data_path(name), lang))
