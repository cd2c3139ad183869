"""The chart rules of CONTRIBUTING.md that code can check, one test per rule,
on every figure the notebooks write."""

import os

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from helpers.analysis import dti_scores, papi_scores, scope, service_levels, verdicts
from helpers.analysis.scorecard_rows import independent
from helpers.charts import plotting
from helpers.checks.coverage import classify_numbers
from helpers.data.paths import FIGURES, FIGURES_ENV, WRITE_FIGURES_ENV
from helpers.notebooks import corpus, dti, dti_change, figures, papi, scorecard, summary_figures, tidy

matplotlib.use("Agg")
BOTH = ["Hậu Giang", "Tiền Giang"]
NO_ARTICLE = ["Cần Thơ", "Sóc Trăng"]  # provinces of regions.csv with no curated article


_DRAWN = {}
WRITTEN = (tuple(BOTH), "en")  # the one selection whose files are written (and compared with figures/)


def every_figure(provinces, lang="en"):
    """(name, figure, plotted) of every figure of notebooks 00–06 (maps: tests/test_maps.py), drawn once per
    selection, language and test process (the figure tests of other modules share them). Only the study's
    English figures are written: saving renders each figure once more, and the other selections' rules
    are checked on the figure objects."""
    key = (tuple(provinces), lang)
    if key not in _DRAWN:
        os.environ[FIGURES_ENV] = str(_FOLDER[0])
        os.environ[WRITE_FIGURES_ENV] = "1" if key == WRITTEN else "0"
        _DRAWN[key] = list(_draw(provinces, lang))
        os.environ[WRITE_FIGURES_ENV] = "0"
    return _DRAWN[key]


def laid_out(fig):
    """The figure after one layout pass (texts placed, ticks formatted, no pixels rendered), done once."""
    if not hasattr(fig.canvas, "get_renderer"):  # closed by another test: matplotlib dropped its Agg canvas
        FigureCanvasAgg(fig)
        fig._laid_out = False
    if not getattr(fig, "_laid_out", False):
        fig.draw_without_rendering()
        fig._laid_out = True
    return fig


def _draw(provinces, lang):
    found = verdicts.summary(provinces)
    scores, evidence = dti.distribution(), dti_scores.evidence(provinces)
    yield summary_figures.PAPI, *summary_figures.plot_papi(summary_figures.papi_frame(), provinces, lang, found)
    shares = found["digital_society"]["pairs"]
    yield summary_figures.UPTAKE, *summary_figures.plot_uptake(shares, provinces, lang, found)
    yield "06_number_coverage", *corpus.plot_coverage(classify_numbers(), lang)
    yield "06_milestones_timeline", *corpus.plot_timeline(corpus.milestones(provinces), provinces, lang)
    yield "06_availability_matrix", *corpus.plot_availability(corpus.availability(provinces), provinces, lang)
    yield "01_dti_rank_trajectories", *dti.plot_rank_trajectories(evidence, provinces, lang)
    yield "01_dti_distribution", *dti.plot_distribution(scores, provinces, lang)
    yield "01_dti_mekong_change", *dti_change.plot_mekong_change(scores, provinces, lang)
    yield "02_papi_egov_distribution", *papi.plot_distribution(papi_scores.papi_frame(), provinces, lang)
    for name in scope.charts():
        yield name, *figures.plot(name, tidy.observations(name[:2], provinces), provinces, lang)
    yield figures.UPTAKE_PAIRS, *figures.plot_uptake_pairs(tidy.pairs(provinces), provinces, lang)
    yield "05_scorecard", *scorecard.plot_scorecard(independent(provinces)[0], provinces, lang)


_FOLDER = []  # one folder per test process: the figures drawn here are kept for every module that checks them


@pytest.fixture(scope="module", autouse=True)
def _out(tmp_path_factory):
    if not _FOLDER:
        _FOLDER.append(tmp_path_factory.mktemp("figures"))
    out = _FOLDER[0]
    before = {k: os.environ.get(k) for k in (FIGURES_ENV, WRITE_FIGURES_ENV)}
    os.environ[FIGURES_ENV] = str(out)
    os.environ[WRITE_FIGURES_ENV] = "0"
    plotting.use_style()
    plt.rcParams["figure.max_open_warning"] = 0  # figures are kept for every rule
    yield out
    for k, v in before.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.mark.parametrize("provinces", [BOTH, ["Tiền Giang"]], ids=["both", "single"])
def test_no_placeholder_has_the_size_of_data(provinces):
    """ "Not reported" is a small × and words: no hatched shape, and no patch in a
    value panel stands for a missing row."""
    for name, fig, plotted in every_figure(provinces):
        if fig is None:
            continue
        for ax in fig.axes:
            assert not [p for p in ax.patches if p.get_hatch()], f"{name}: hatched placeholder"
        if name in scope.charts():
            bars = sum(len(ax.patches) for ax in fig.axes)
            if service_levels.stacked_parts(name):  # segments: the stated parts and the remainder of a total
                assert bars == plotted["role"].isin(["part", "remainder"]).sum(), f"{name}: a segment is not data"
            else:
                assert bars <= plotted["value"].notna().sum(), f"{name}: more bars than reported values"


def test_panels_of_one_unit_share_one_visible_scale():
    drawn = {name: (fig, plotted) for name, fig, plotted in every_figure(BOTH)}
    for name in scope.charts():
        fig, plotted = drawn[name]
        limits = {}
        for ax, indicator in zip(fig.axes, scope.chart(name)):
            unit = plotted.loc[plotted["indicator_id"] == indicator, "unit"].iloc[0]
            if not_compared(plotted, indicator):
                continue  # table rows, no scale (test_values_not_compared_share_no_axis)
            assert ax.xaxis.get_visible() and len(ax.get_xticks()) >= 2, f"{name}: {indicator} has no visible axis"
            assert ax.get_xlim()[0] == 0
            limits.setdefault(unit, set()).add(ax.get_xlim())
            if unit == "percent":
                assert max(ax.get_xticks()) <= 100
        assert all(len(v) == 1 for v in limits.values()), f"{name}: panels of one unit on different scales {limits}"


def not_compared(plotted, indicator):
    """Values of one indicator reported for different periods: the panel does not compare them."""
    shown = plotted[(plotted["indicator_id"] == indicator) & plotted["value"].notna()]
    return shown["period"].astype(str).nunique() > 1


def test_values_not_compared_share_no_axis():
    """A panel whose values the figure does not compare (different dates) shows them as
    table rows: no visible scale, no bar or dot in province colours."""
    seen = 0
    for name in scope.charts():
        if service_levels.stacked_parts(name):
            continue
        fig, plotted = next((f, p) for n, f, p in every_figure(BOTH) if n == name)
        if fig is None:
            continue
        for ax, indicator in zip(fig.axes, scope.chart(name)):
            if not not_compared(plotted, indicator):
                continue
            seen += 1
            assert len(ax.get_xticks()) == 0 and not ax.spines["bottom"].get_visible(), f"{name}: {indicator}"
            assert not ax.patches, f"{name}: {indicator} drawn as bars on a shared axis"
            marks = [line for line in ax.lines if line.get_marker() not in (None, "None", "", "x")]
            assert not marks, f"{name}: {indicator} drawn as dots on a shared axis"
    assert seen, "no chart of the study has values of different dates (02_national_portal_integration had)"


def test_not_reported_cross_sits_inside_the_axes_clear_of_the_axis_line():
    """The × for "not reported" is drawn inside the axes, at least its own width right of the
    y-axis line and above it: on the line it read as "<"."""
    seen = 0
    for name, fig, _ in every_figure(BOTH):
        for ax in fig.axes if fig is not None else []:
            for line in ax.lines:
                if line.get_marker() != "x":
                    continue
                seen += 1
                x0 = ax.transAxes.transform((0, 0))[0]
                for x, y in zip(line.get_xdata(), line.get_ydata()):
                    gap_points = (ax.transData.transform((x, y))[0] - x0) * 72 / fig.dpi
                    assert gap_points >= line.get_markersize(), f"{name}: × {gap_points:.1f} pt from the axis line"
                assert line.get_zorder() > ax.spines["left"].get_zorder(), f"{name}: × drawn behind the axis line"
    assert seen


def test_axis_lines_end_at_the_last_tick():
    """No x-axis line runs on past its last tick (room for labels is not scale)."""
    for name, fig, _ in every_figure(BOTH):
        for ax in fig.axes if fig is not None else []:
            spine = ax.spines["bottom"]
            if not (spine.get_visible() and ax.xaxis.get_visible() and ax.axison):
                continue
            lo, hi = sorted(ax.get_xlim())
            ticks = [t for t in ax.get_xticks() if lo - 1e-9 <= t <= hi + 1e-9]
            if len(ticks) < 2:
                continue
            end = max(spine.get_bounds()) if spine.get_bounds() else hi
            assert end <= ticks[-1] + 1e-6 * max(1.0, abs(hi)), f"{name}: axis line to {end}, last tick {ticks[-1]}"


def bar_segments(ax):
    """Bar centre y -> [(left, width)] of its patches, left to right."""
    bars = {}
    for patch in ax.patches:
        bars.setdefault(round(patch.get_y() + patch.get_height() / 2, 6), []).append((patch.get_x(), patch.get_width()))
    return {y: sorted(segments) for y, segments in bars.items()}


@pytest.mark.parametrize("provinces", [BOTH, ["Hậu Giang"]], ids=["both", "single"])
def test_parts_of_a_whole_are_drawn_as_one_stacked_bar(provinces):
    """A total and its parts (service levels 2/3/4): one bar per province and date whose
    segments share one y and are contiguous from 0, each starting where the previous ended,
    ending at the reported total when the parts (and an arithmetic remainder) make it up;
    no bar where nothing is reported."""
    stacked = [name for name in scope.charts() if service_levels.stacked_parts(name)]
    assert "02_online_services_by_level" in stacked
    for name in stacked:
        fig, plotted = figures.plot(name, tidy.observations(name[:2], provinces), provinces, "en")
        (ax,) = fig.axes
        bars = bar_segments(ax)
        expected = plotted.dropna(subset=["bar"])
        assert len(bars) == expected["bar"].nunique(), f"{name}: one bar per province and date"
        for (y, segments), (_, group) in zip(sorted(bars.items()), expected.groupby("bar", sort=True)):
            assert segments[0][0] == 0, f"{name}: bar at y={y} does not start at 0"
            for (left, width), (next_left, _) in zip(segments, segments[1:]):
                assert next_left == pytest.approx(left + width), f"{name}: a gap or overlap in the bar at y={y}"
            drawn = group[group["role"].isin(["part", "remainder"])]
            assert [w for _, w in segments] == pytest.approx(drawn["value"].tolist())
            total = group[group["role"] == "total"]
            if len(total) and group["check"].iloc[0] in ("sums", "remainder", "no_parts"):
                assert segments[-1][0] + segments[-1][1] == pytest.approx(total["value"].iloc[0])


def test_no_solid_line_joins_different_tiers_or_crosses_the_method_break():
    fig, plotted = dti.plot_rank_trajectories(dti_scores.evidence(BOTH), BOTH, "en")
    tier = {(r.indicator_id, r.province, r.assessment_year): r.tier for r in plotted.itertuples()}
    colour = {plotting.province_colour(p, BOTH): p for p in BOTH}
    joined = 0
    for ax, indicator in zip(fig.axes, dti.RANK_PANELS):
        for line in ax.get_lines():
            xs = list(line.get_xdata())
            if len(xs) < 2 or line.get_linestyle() not in ("-", "solid") or line.get_color() not in colour:
                continue
            province = colour[line.get_color()]
            tiers = {tier[(indicator, province, int(x))] for x in xs}
            assert len(tiers) == 1, f"{indicator} {province}: a solid line joins tiers {tiers}"
            assert not min(xs) <= dti.METHOD_BREAK_AFTER < max(xs), "a line crosses the 2020 → 2021 method change"
            joined += 1
    assert joined, "official years of the same tier are joined"


def test_no_figure_is_written_for_an_empty_selection(tmp_path, monkeypatch):
    drawn = {name: fig for name, fig, _ in every_figure(NO_ARTICLE)}
    for name in scope.charts():
        assert drawn[name] is None
    assert drawn["06_milestones_timeline"] is None
    assert drawn["01_dti_rank_trajectories"] is not None  # official tables rank every province
    # The figures with nothing to show, drawn again with files on: none is written.
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path))
    monkeypatch.setenv(WRITE_FIGURES_ENV, "1")
    for name in scope.charts():
        assert figures.plot(name, tidy.observations(name[:2], NO_ARTICLE), NO_ARTICLE, "en")[0] is None
    assert corpus.plot_timeline(corpus.milestones(NO_ARTICLE), NO_ARTICLE, "en")[0] is None
    assert drawn[figures.UPTAKE_PAIRS] is None  # no digital-uptake fact for either province
    assert figures.plot_uptake_pairs(tidy.pairs(NO_ARTICLE), NO_ARTICLE, "en")[0] is None
    fig, plotted = scorecard.plot_scorecard(independent(["Tiền Giang"])[0], ["Tiền Giang"], "en")
    assert fig is None and "nothing to compare" in plotted.attrs["why"]
    assert not any(tmp_path.iterdir())
    _, plotted = figures.plot("02_online_services_by_level", tidy.observations("02", NO_ARTICLE), NO_ARTICLE, "en")
    assert "Cần Thơ" in plotted.attrs["why"] and "Sóc Trăng" in plotted.attrs["why"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_captions_are_at_least_9_points(lang):
    for name, fig, _ in every_figure(BOTH, lang):
        caption = fig._supxlabel
        assert caption is not None and caption.get_text(), f"{name}: no caption"
        assert caption.get_fontsize() >= plotting.CAPTION_SIZE >= 9, name


def test_captions_cite_outlet_and_date_not_file_slugs():
    for name, fig, plotted in every_figure(BOTH):
        text = fig._supxlabel.get_text().replace("\n", " ")
        for source_id in set(plotted.get("source_id", pd.Series(dtype=str))) - {""}:
            assert source_id not in text, f"{name} cites the slug {source_id}"
    fig = next(fig for name, fig, _ in every_figure(BOTH) if name == "02_national_portal_integration")
    assert "baohaugiang.com.vn, 2022-05-05" in fig._supxlabel.get_text().replace("\n", " ")


def test_each_province_keeps_its_colour_everywhere():
    seen = {}
    for _name, fig, _ in every_figure(BOTH):
        for ax in fig.axes:
            for label in [*ax.get_yticklabels(), *ax.get_xticklabels()]:
                if label.get_text() in BOTH:
                    seen.setdefault(label.get_text(), set()).add(label.get_color())
    assert seen == {p: {plotting.province_colour(p, BOTH)} for p in BOTH}


def test_figure_data_is_written_beside_each_figure_and_is_deterministic(_out):
    """Drawn here, in this process, every file equals the one `make run` wrote from the notebook
    kernels: no random jitter, dates or ids (and the committed figures are current)."""
    names = [name for name, fig, _ in every_figure(BOTH) if fig is not None]
    files = [f"data/{n}.csv" for n in names] + [f"{n}.png" for n in names]
    assert sorted(p.relative_to(_out).as_posix() for p in _out.rglob("*") if p.is_file()) == sorted(files)
    different = [f for f in files if (_out / f).read_bytes() != (FIGURES / f).read_bytes()]
    assert different == [], "differs from the committed file (run `make run`)"
    level = pd.read_csv(_out / "data" / "02_online_services_by_level.csv")
    row = level[(level["indicator_id"] == "online_services_total") & (level["period"] == "2022-05-05")].iloc[0]
    assert (row["province"], row["value"], row["source_id"]) == (
        "Hậu Giang",
        1860.0,
        "2022-05-05_baohaugiang_haugiang-mic-cooperation",
    )


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_rows_on_an_axis_of_ranks_are_not_labelled_as_scores(lang):
    """05_scorecard draws ranks: a row on a rank axis names a rank, never a score."""
    import re

    score = {"en": r"\bscore\b", "vi": r"^điểm"}[lang]  # "(of 63 scored)" counts who was ranked
    fig = next(fig for name, fig, _ in every_figure(BOTH, lang) if name == "05_scorecard")
    seen = 0
    for ax in fig.axes:
        if ax.get_xlabel() and any(w in ax.get_xlabel().lower() for w in ("rank", "hạng")):
            for label in ax.get_yticklabels():
                seen += 1
                assert not re.search(score, label.get_text().lower()), (
                    f"{lang}: row {label.get_text()!r} on a rank axis"
                )
    assert seen


def test_comparable_papi_years_share_one_scale_and_mark_both_medians():
    """The years are declared comparable: one x-scale for every strip, and the national and
    Mekong Delta medians the notebook's text relies on drawn in each year."""
    from helpers.analysis import papi_scores

    fig = next(fig for name, fig, _ in every_figure(BOTH) if name == "02_papi_egov_distribution")
    strips = [ax for ax in fig.axes if ax.collections]
    assert len({ax.get_xlim() for ax in strips}) == 1, "each year on its own scale"
    medians = papi_scores.benchmarks().set_index("year")
    for ax, year in zip(strips, sorted(medians.index)):
        lines = {round(float(line.get_xdata()[0]), 6) for line in ax.lines if line.get_linestyle() in ("--", ":")}
        expected = {round(float(medians.at[year, k]), 6) for k in ("national_median", "mekong_median")}
        assert expected <= lines, f"{year}: medians {expected} not drawn ({lines})"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_segment_counts_do_not_run_together(lang):
    """06_number_coverage: no two counts touch (two 1s side by side read as "11")."""
    from helpers.charts.label_layout import overlapping

    fig = next(fig for name, fig, _ in every_figure(BOTH, lang) if name == "06_number_coverage")
    (ax, *_) = fig.axes
    assert overlapping(list(ax.texts)) == []


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_availability_matrix_fits_github_width_at_readable_size(lang):
    """About 900 px wide (at the notebooks' 100 dpi) with every text at least 9 pt: read at GitHub's width."""
    fig = next(fig for name, fig, _ in every_figure(BOTH, lang) if name == "06_availability_matrix")
    assert fig.get_figwidth() * 100 <= 900
    texts = [t for ax in fig.axes for t in [*ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels()] if t.get_text()]
    assert texts and min(t.get_fontsize() for t in texts) >= 9


def test_milestone_timeline_uses_the_width_and_truncates_no_event():
    from helpers.data import loading

    fig = next(fig for name, fig, _ in every_figure(BOTH) if name == "06_milestones_timeline")
    (ax,) = fig.axes
    fig.draw_without_rendering()
    assert ax.get_position().width >= 0.8, "the time axis uses a fraction of the width"
    drawn = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    events = loading.load("milestones").query("province in @BOTH")["event_en"]
    assert events.size and all(event in drawn for event in events), "an event is cut short"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_titles_have_at_most_two_lines_and_no_lone_last_word(lang):
    """A long finding keeps a short bold title; the rest is a subtitle in smaller type."""
    for name, fig, _ in every_figure(BOTH, lang):
        if fig is None:
            continue
        lines = [line for line in fig._suptitle.get_text().split("\n") if line]
        assert 1 <= len(lines) <= 2, f"{name}: {len(lines)} title lines"
        if len(lines) == 2:
            assert len(lines[-1]) >= plotting.MIN_LAST_LINE, f"{name}: lone last title line {lines[-1]!r}"


GITHUB_WIDTH_PX = 900  # a notebook's image on GitHub is scaled down to about this width
NOTEBOOK_DPI = 100  # the inline backend's figure dpi (helpers.charts.plotting.STYLE)


def every_map(lang):
    """(name, figure, plotted) of the notebooks' maps, drawn without writing files."""
    from helpers.notebooks import dti_map, papi_map

    yield summary_figures.DTI_MAP, *dti_map.draw(BOTH, lang, save=False)
    yield papi_map.NAME, *papi_map.draw(papi_scores.papi_frame(), BOTH, lang)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_text_is_at_least_9_points_at_githubs_width(lang):
    """Font size × (900 px / the figure's width in px) ≥ 9 pt for every visible text: what a
    reader sees once GitHub scales a wide figure down. The maps included."""
    maps = list(every_map(lang))
    assert len(maps) == 2
    for name, fig, _ in [*every_figure(BOTH, lang), *maps]:
        if fig is None:
            continue
        scale = min(1.0, GITHUB_WIDTH_PX / (fig.get_figwidth() * NOTEBOOK_DPI))
        small = {
            (t.get_text()[:30], t.get_fontsize())
            for t in fig.findobj(matplotlib.text.Text)
            if t.get_visible() and t.get_text().strip() and t.get_fontsize() * scale < 9 - 1e-9
        }
        assert not small, f"{name}: under 9 pt at GitHub's width: {sorted(small)[:5]}"
