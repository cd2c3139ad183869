"""Notebooks 02, 03, 04 and 06 show the frames they analyse and draw from them: a reader
narrows a frame in a cell of their own and re-draws a chart with one call; every figure
cell prints the CSV holding every mark drawn; single values are table rows, not charts."""

import re

import matplotlib
import nbformat
import pandas as pd

from helpers.analysis import papi_scores, scope
from helpers.data.paths import FIGURES, NOTEBOOKS
from helpers.notebooks import ecommerce_rows, tidy
from helpers.notebooks import papi as egov
from helpers.text import tables
from helpers.text.formats import value_text

matplotlib.use("Agg")

BOTH = ["Hậu Giang", "Tiền Giang"]
MINE = ["02_online_public_services", "03_ecommerce_uptake", "04_digital_society_government", "06_appendix_corpus"]


def dots(fig) -> list[float]:
    """The x of every dot drawn on the figure's axes (scatter collections)."""
    return sorted(round(float(x), 4) for ax in fig.axes for c in ax.collections for x, _ in c.get_offsets())


def test_a_narrowed_papi_frame_redraws_the_distribution_with_its_provinces_only():
    papi = tidy.papi()
    scored = papi.dropna(subset=["score"])
    fig, plotted = egov.plot_distribution(papi, BOTH, "en", name="papi_distribution_full_test")
    assert dots(fig) == sorted(scored["score"].round(4))
    assert len(plotted) == len(scored)  # the figure's CSV: one row per dot, background provinces included
    # the medians it draws and the text relies on are in the CSV too, beside each dot of their year
    medians = papi_scores.benchmarks().set_index("year")
    for column in ("national_median", "mekong_median"):
        assert (plotted[column] == plotted["year"].map(medians[column])).all(), column

    # what a reader types in a new cell: keep the Mekong Delta, draw again
    mekong = papi[papi["mekong_delta"]]
    assert 0 < len(mekong) < len(papi)
    fig, plotted = egov.plot_distribution(mekong, BOTH, "en", name="papi_distribution_mekong_test")
    assert dots(fig) == sorted(mekong["score"].dropna().round(4))
    assert set(plotted["province"]) == set(mekong.dropna(subset=["score"])["province"])
    assert set(plotted.loc[plotted["drawn_as"] == "chosen", "province"]) == set(BOTH)


def test_a_frame_is_shown_without_the_pandas_index_with_labels_and_its_first_and_last_rows(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    services = tidy.observations("02", BOTH)
    assert len(services) > 4
    tables.show(services, "en", rows=4)
    (bundle,) = shown
    lines = bundle["text/plain"].splitlines()
    assert lines[0].split()[:2] == ["province", "indicator"]
    assert lines[1].split()[0] == services["province"].iloc[0].split()[0]  # the first cell, no index before it
    assert "<th></th>" not in bundle["text/html"]
    assert len(lines) == 1 + 4 + 1  # header, first and last two rows, the "..." row between them
    text = bundle["text/plain"]
    assert not [i for i in set(services["indicator_id"]) | set(services["obs_id"]) if i in text], "an id is shown"
    assert services["indicator_id"].str.contains("_").all()  # the frame itself keeps its ids

    shown.clear()
    tables.show(services, "vi", rows=4)
    headers = shown[0]["text/plain"].splitlines()[0]
    assert "province" not in headers and "value" not in headers  # headers in the notebook's language


def test_every_figure_cell_prints_the_csv_it_wrote():
    for name in MINE:
        nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        cells = [c for c in nb.cells if c.cell_type == "code" and "figure" in c.source and "tidy." in c.source]
        figures = [m for c in cells for m in re.findall(r'"(\d\d_[a-z_]+)", lang\)', c.source)]
        assert figures, name
        for cell in cells:
            for figure in re.findall(r'"(\d\d_[a-z_]+)", lang\)', cell.source):
                printed = "".join(o.get("text", "") for o in cell.outputs)
                assert f"figures/data/{figure}.csv" in printed, (name, figure)
                assert (FIGURES / "data" / f"{figure}.csv").exists(), figure


def test_single_values_of_notebook_03_are_table_rows_not_charts():
    tabled = ecommerce_rows.tabled_indicators()
    assert tabled and not set(tabled) & {i for ids in scope.charts("03").values() for i in ids}
    ecommerce = tidy.observations("03", BOTH)
    table = ecommerce_rows.measures_table(ecommerce, BOTH, "en")
    rows = ecommerce[ecommerce["indicator_id"].isin(tabled)]
    assert len(rows)
    for r in rows.itertuples():
        cells = table[r.province].tolist()
        assert any(value_text(r.value, r.qualifier, r.unit, "en") in c for c in cells), r.obs_id
    approx = rows[rows["qualifier"] == "approx"]
    assert approx.empty or table.to_string().count("≈") >= len(approx)
    for gone in ("03_ecommerce_accounts", "03_sme_digital_uptake"):
        assert not list(FIGURES.glob(f"{gone}.*")) and not (FIGURES / "data" / f"{gone}.csv").exists()


def test_the_charts_draw_the_frame_they_are_given():
    services = tidy.observations("02", BOTH)
    from helpers.notebooks import figures

    _, full = figures.plot("02_national_portal_integration", services, BOTH, "en")
    narrowed = services[services["province"] != "Tiền Giang"]
    _, plotted = figures.plot("02_national_portal_integration", narrowed, BOTH, "en")
    reported = plotted.dropna(subset=["value"])
    assert set(full.dropna(subset=["value"])["province"]) == set(BOTH)
    assert set(reported["province"]) == {"Hậu Giang"}
    assert pd.isna(plotted.loc[plotted["province"] == "Tiền Giang", "value"]).all()


def test_the_sum_a_title_prints_is_in_the_figure_data(tmp_path, monkeypatch):
    from helpers.data.paths import FIGURES_ENV
    from helpers.notebooks import figures

    monkeypatch.setenv(FIGURES_ENV, str(tmp_path))
    name = "03_ecommerce_products"
    fig, plotted = figures.plot(name, tidy.observations("03", BOTH), BOTH, "en")
    saved = pd.read_csv(tmp_path / "data" / f"{name}.csv")
    sums = saved[saved["drawn_as"] == "title"]
    first, second = figures.TITLE_SUMS[name]
    for r in sums.itertuples():
        mine = plotted[(plotted["province"] == r.province) & (plotted["period"].astype(str) == r.period)]
        assert r.value == mine.loc[mine["indicator_id"].isin([first, second]), "value"].sum()
        assert f"{r.value:,.0f}" in fig._suptitle.get_text()
    assert len(saved[saved["drawn_as"] != "title"]) == len(plotted)


# Numbers on a figure that are no data: dates, years, "level 4", "first 6 months", a formula's "100 ×".
NOT_DATA = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b(?:19|20)\d\d\b|\b100 ×|(?<![\d,.])\d{1,2}(?![\d,.])")
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def printed_numbers(fig) -> set[float]:
    """Every data number printed on `fig` (title, caption, labels; not tick labels), in English."""
    texts = [t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes for t in [*ax.texts, ax.title]]
    return {round(float(n.replace(",", "")), 4) for t in texts for n in NUMBER.findall(NOT_DATA.sub(" ", t))}


def test_every_number_printed_on_a_chart_is_in_its_figure_data(tmp_path, monkeypatch):
    """Title sums, value labels and the derived numbers a caption prints (with their numerator
    and denominator) are all cells of the figure's CSV."""
    from helpers.data.paths import FIGURES_ENV
    from helpers.notebooks import figures

    monkeypatch.setenv(FIGURES_ENV, str(tmp_path))
    drawn = 0
    for name in scope.charts():
        fig, _ = figures.plot(name, tidy.observations(name[:2], BOTH), BOTH, "en")
        if fig is None:
            continue
        saved = pd.read_csv(tmp_path / "data" / f"{name}.csv")
        held = {
            round(float(x), 4) for c in ("value", "numerator", "denominator") if c in saved for x in saved[c].dropna()
        }
        printed = printed_numbers(fig)
        assert printed and printed <= held, (name, sorted(printed - held))
        drawn += 1
    assert drawn
    saved = pd.read_csv(FIGURES / "data" / "02_national_portal_integration.csv")
    caption = saved[saved["drawn_as"] == "caption"]
    assert len(caption) and caption["formula"].notna().all() and caption["derived"].notna().all()
