"""Notebooks show their data: a reader filters a frame a notebook names and re-draws its
chart with one call; tables show labels, not ids, and no pandas index."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.collections import PathCollection

from helpers.analysis import dti_scores
from helpers.analysis.comparison import dti_crosscheck
from helpers.charts import plotting
from helpers.data import loading
from helpers.data.paths import FIGURES_ENV, WRITE_FIGURES_ENV
from helpers.notebooks import dti, tidy
from helpers.text import tables

BOTH = ["Hậu Giang", "Tiền Giang"]


@pytest.fixture(autouse=True)
def _figures(tmp_path, monkeypatch):
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path))
    monkeypatch.setenv(WRITE_FIGURES_ENV, "1")
    plotting.use_style()
    yield tmp_path
    plt.close("all")


def test_a_reader_keeps_three_mekong_provinces_and_redraws_the_distribution(_figures):
    scores = dti.distribution()  # the frame notebook 01 names `scores`
    mekong = scores.loc[scores["in_mekong_delta"] & ~scores["province"].isin(BOTH), "province"]
    others = sorted(set(mekong))[:3]
    kept = scores[scores.province.isin([*BOTH, *others])]  # the reader's new cell
    assert set(kept["province"]) == {*BOTH, *others}
    fig, plotted = dti.plot_distribution(kept, BOTH, "en")
    years = sorted(kept["assessment_year"].unique())
    for year in years:
        ax = next(a for a in fig.axes if a.get_title(loc="left") == f"DTI {year}")
        xs = [x for c in ax.collections if isinstance(c, PathCollection) for x, _ in c.get_offsets()]
        assert sorted(xs) == pytest.approx(sorted(kept.loc[kept["assessment_year"] == year, "score"]))
    assert len(fig.axes) == len(years)
    # the figure data hold every plotted dot, as the notebook cell prints
    written = pd.read_csv(_figures / "data" / "01_dti_distribution.csv")
    assert len(written) == len(kept) == len(plotted)
    assert set(zip(written["province"], written["assessment_year"])) == set(
        zip(kept["province"], kept["assessment_year"])
    )
    assert plotted.attrs["figure_data"].endswith(": figures/data/01_dti_distribution.csv")


def test_the_full_distribution_data_hold_every_province_and_year(_figures):
    scores = dti.distribution()
    dti.plot_distribution(scores, BOTH, "en")
    written = pd.read_csv(_figures / "data" / "01_dti_distribution.csv")
    official = loading.load("dti_scores").query("scope == '63_provinces'")
    assert len(written) == len(official)
    assert set(written.loc[written["chosen"], "province"]) == set(BOTH)


def test_evidence_agreement_matches_the_crosscheck_of_each_article_claim():
    evidence = dti_scores.evidence(BOTH)
    check = dti_crosscheck(BOTH)
    assert len(check)
    articles = evidence[evidence["tier"] == "article"]
    for r in check.itertuples():
        row = articles[
            (articles["province"] == r.province)
            & (articles["indicator_id"] == r.indicator_id)
            & (articles["assessment_year"] == r.assessment_year)
            & (articles["source_id"] == r.source_id)
        ]
        assert set(row["agreement"]) == {r.status}, r
    assert set(evidence.loc[evidence["tier"] == "official_table", "agreement"]) == {"official"}


def test_tables_show_labels_and_no_pandas_index(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    table = tables.evidence_table(tidy.observations("02", BOTH), "en")
    tables.show(table, "en")
    (bundle,) = shown
    text, html = bundle["text/plain"], bundle["text/html"]
    first = text.splitlines()[1]
    assert not first.lstrip().startswith("0 "), "the pandas index is shown"
    assert "<th></th>" not in html
    ids = set(loading.load("sources")["source_id"]) | set(loading.load("observations")["obs_id"])
    assert not [i for i in ids if i in text], "an internal id is shown"
