"""Notebooks show their data: a reader filters a frame a notebook names and re-draws its
chart with one call; tables show labels, not ids, and no pandas index."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.collections import PathCollection

from helpers.analysis import dti_scores, scorecard_rows
from helpers.analysis.comparison import dti_crosscheck
from helpers.charts import plotting
from helpers.data import loading, paths
from helpers.data.paths import FIGURES_ENV, WRITE_FIGURES_ENV
from helpers.notebooks import dti, scorecard, tidy
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
    # the figure data hold every plotted dot, as the notebook cell prints; a re-draw, beside the figures
    written = pd.read_csv(_figures / "redraw" / "data" / "01_dti_distribution.csv")
    assert len(written) == len(kept) == len(plotted)
    assert set(zip(written["province"], written["assessment_year"])) == set(
        zip(kept["province"], kept["assessment_year"])
    )
    assert not (_figures / "data" / "01_dti_distribution.csv").exists()


@pytest.fixture
def _published(tmp_path, monkeypatch):
    """figures/ and out/redraw/ as a reader's JupyterLab session has them (no DX_FIGURES_DIR)."""
    monkeypatch.delenv(FIGURES_ENV)
    monkeypatch.setattr(paths, "FIGURES", tmp_path / "figures")
    monkeypatch.setattr(paths, "REDRAWS", tmp_path / "out" / "redraw")
    return tmp_path


def test_a_redraw_of_three_provinces_leaves_the_figures_untouched_and_says_what_it_draws(_published):
    scores = dti.distribution()
    others = ["Cần Thơ", "Sóc Trăng", "Bạc Liêu"]  # README's and notebook 01's example
    fig, plotted = dti.plot_distribution(scores[scores.province.isin(others)], BOTH, "en")
    assert sorted(p.name for p in _published.rglob("*") if p.is_file()) == [
        "01_dti_distribution.csv",
        "01_dti_distribution.png",
    ]
    assert not (_published / "figures").exists()
    assert (_published / "out" / "redraw" / "01_dti_distribution.png").is_file()
    assert plotted.attrs["figure_data"].endswith("/out/redraw/data/01_dti_distribution.csv")
    latest = int(scores["assessment_year"].max())
    drawn = scores[scores.province.isin(others) & (scores["assessment_year"] == latest)]
    title = fig._suptitle.get_text().replace("\n", " ")
    # none of the chosen provinces is kept: the three are labelled and named with their rank instead
    assert title.startswith(f"In DTI {latest}: ") and title.endswith(" of 63 provinces")
    for r in drawn.itertuples():
        assert f"{r.province} {dti.ordinal(int(r.rank), 'en')}" in title
    assert set(plotted.loc[plotted["chosen"], "province"]) == set(others)
    caption = fig._supxlabel.get_text().replace("\n", " ")
    assert caption.startswith(f"Each dot is one province ({len(drawn)} of the 63 drawn per year;")
    assert "one of the 63 provinces" not in caption
    # more provinces than are labelled, none of them chosen: the title counts them
    many = sorted(set(scores["province"]) - set(BOTH))[: dti.MAX_LABELLED + 1]
    fig, _ = dti.plot_distribution(scores[scores.province.isin(many)], BOTH, "en")
    n = len(set(scores.loc[scores.province.isin(many) & (scores["assessment_year"] == latest), "province"]))
    assert fig._suptitle.get_text().replace("\n", " ") == f"In DTI {latest}: the scores of {n} of the 63 provinces"
    # the notebook's own call (here in Vietnamese, the folder chosen by nobody) writes the published figure
    fig, plotted = dti.plot_distribution(scores, BOTH, "vi")
    assert (_published / "figures" / "01_dti_distribution.png").is_file()
    assert fig._supxlabel.get_text().startswith("Mỗi chấm là một trong 63 tỉnh, thành")


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


def test_a_redraw_of_some_scorecard_rows_goes_beside_the_figures(_published):
    rows = scorecard_rows.independent(BOTH)[0]
    kept = rows[rows["kind"] == "papi"]  # notebook 05's `rows`, filtered
    assert 0 < len(kept) < len(rows)
    fig, plotted = scorecard.plot_scorecard(kept, BOTH, "en")
    assert set(plotted["indicator_id"]) == set(kept["indicator_id"])
    assert (_published / "out" / "redraw" / "05_scorecard.png").is_file()
    assert not (_published / "figures").exists()
    scorecard.plot_scorecard(rows, BOTH, "en")
    assert (_published / "figures" / "05_scorecard.png").is_file()


def _redraw_cases():
    """(figure name, loader of the notebook's frame, the chart call): every chart a notebook draws from a
    frame it loads and shows."""
    from helpers.analysis import verdicts
    from helpers.checks.coverage import classify_numbers
    from helpers.notebooks import corpus, dti_change, figures, papi, papi_map, summary_figures

    return {
        "00_papi_egov": (
            summary_figures.papi_frame,
            lambda f: summary_figures.plot_papi(f, BOTH, "en", verdicts.summary(BOTH)),
        ),
        "01_dti_mekong_change": (dti.distribution, lambda f: dti_change.plot_mekong_change(f, BOTH, "en")),
        "01_dti_rank_trajectories": (
            lambda: dti_scores.evidence(BOTH),
            lambda f: dti.plot_rank_trajectories(f, BOTH, "en"),
        ),
        "02_papi_egov_distribution": (tidy.papi, lambda f: papi.plot_distribution(f, BOTH, "en")),
        "02_papi_egov_rank_map": (tidy.papi, lambda f: papi_map.draw(f, BOTH, "en")),
        "02_online_services_by_level": (
            lambda: tidy.observations("02", BOTH),
            lambda f: figures.plot("02_online_services_by_level", f, BOTH, "en"),
        ),
        "04_digital_uptake_pairs": (lambda: tidy.pairs(BOTH), lambda f: figures.plot_uptake_pairs(f, BOTH, "en")),
        "06_number_coverage": (classify_numbers, lambda f: corpus.plot_coverage(f, "en")),
        "06_milestones_timeline": (lambda: corpus.milestones(BOTH), lambda f: corpus.plot_timeline(f, BOTH, "en")),
        "06_availability_matrix": (
            lambda: corpus.availability(BOTH),
            lambda f: corpus.plot_availability(f, BOTH, "en"),
        ),
    }


@pytest.mark.parametrize("name", list(_redraw_cases()))
def test_every_chart_of_a_notebook_frame_redraws_a_narrowed_copy_beside_the_figures(_published, name):
    """As README says: a chart drawn from rows other than the notebook's own frame goes to out/redraw/,
    never over figures/; the frame as loaded writes the published figure."""
    load, draw = _redraw_cases()[name]
    frame = load()
    fig, _ = draw(frame.iloc[: max(1, len(frame) - 1)])  # one row dropped: a reader's own rows
    plt.close(fig)
    assert (_published / "out" / "redraw" / f"{name}.png").is_file()
    assert not (_published / "figures").exists()
    fig, _ = draw(frame)
    plt.close(fig)
    assert (_published / "figures" / f"{name}.png").is_file()
