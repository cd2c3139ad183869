"""Charts plot the curated numbers, put rank 1 at the top, mark missing
values and render every Vietnamese glyph."""

import csv
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import PathCollection
from matplotlib.text import Text

from helpers.analysis import comparison, dti_scores
from helpers.analysis.scorecard_rows import independent
from helpers.charts import dti as charts_dti
from helpers.charts import plotting
from helpers.checks.coverage import classify_numbers
from helpers.data import loading
from helpers.data.periods import Period
from helpers.notebooks import corpus, dti, figures, scorecard, tidy
from helpers.text.formats import value_text

matplotlib.use("Agg")
BOTH = ["Hậu Giang", "Tiền Giang"]


@pytest.fixture(autouse=True)
def style(tmp_path, monkeypatch):
    monkeypatch.setenv("DX_FIGURES_DIR", str(tmp_path))
    monkeypatch.setenv("DX_WRITE_FIGURES", "0")  # checked on the figure objects; files: test_chart_rules
    plotting.use_style()
    yield
    plt.close("all")


def test_rank_trajectories_plot_the_evidence_with_rank_one_on_top():
    fig, plotted = dti.plot_rank_trajectories(dti_scores.evidence(BOTH), BOTH, "en")
    evidence = comparison.dti_evidence(BOTH)
    overall = fig.axes[0]
    assert overall.get_ylim()[0] > overall.get_ylim()[1]  # inverted: 1 at the top
    points = {(round(x), y) for line in overall.get_lines() for x, y in zip(line.get_xdata(), line.get_ydata())}
    official = loading.load("dti_scores").query("scope == '63_provinces' and province in @BOTH")
    for r in official.itertuples():
        assert (r.assessment_year, r.rank) in points
    assert (2020, 28.0) in points and (2021, 17.0) in points  # Hậu Giang's article claims
    for r in plotted.itertuples():
        match = evidence[
            (evidence["province"] == r.province)
            & (evidence["indicator_id"] == r.indicator_id)
            & (evidence["assessment_year"] == r.assessment_year)
            & (evidence["value"] == r.value)
        ]
        assert not match.empty, r


def test_distribution_shows_all_63_provinces_and_highlights_the_official_ranks():
    fig, plotted = dti.plot_distribution(dti.distribution(), BOTH, "en")
    hg = plotted[plotted["chosen"]].set_index(["province", "assessment_year"])
    assert hg.loc[("Hậu Giang", 2022), "rank"] == 17 and hg.loc[("Tiền Giang", 2022), "rank"] == 20
    assert hg.loc[("Hậu Giang", 2022), "rank_in_mekong_delta"] == 3
    ax = next(a for a in fig.axes if a.get_title(loc="left") == "DTI 2022")  # one panel, one scale per year
    points = [tuple(o) for c in ax.collections if isinstance(c, PathCollection) for o in c.get_offsets()]
    assert len(points) == 63, "every province of the 2022 table is one dot"
    scores = loading.load("dti_scores").query("scope == '63_provinces' and assessment_year == 2022")
    assert sorted(x for x, _ in points) == pytest.approx(sorted(scores["score"]))
    assert (0.6342, 0) in points and (0.6274, 0) in points  # the two provinces, on the strip itself
    mekong = loading.load("regions").query("in_mekong_delta")["province"]
    dark = [
        x
        for c in ax.collections
        for x, colour in zip(c.get_offsets()[:, 0], c.get_facecolors())
        if tuple(colour[:3]) == matplotlib.colors.to_rgb(charts_dti.MEKONG_GREY)
    ]
    assert sorted(dark) == pytest.approx(
        sorted(scores[scores["province"].isin(mekong) & ~scores["province"].isin(BOTH)]["score"])
    )


def test_scorecard_shows_each_pair_and_its_gap():
    fig, plotted = scorecard.plot_scorecard(independent(BOTH)[0], BOTH, "en")
    comparable, _, _ = scorecard.scorecard(BOTH, "en")
    drawn = {
        (round(line.get_xdata()[0]), line.get_color())
        for ax in fig.axes
        for line in ax.get_lines()
        if len(line.get_xdata()) == 1
    }
    for r in scorecard.ranked(comparable).itertuples():  # ranks are drawn; shares are in the table only
        for side in "ab":
            colour = plotting.province_colour(getattr(r, f"province_{side}"), BOTH)
            assert (round(getattr(r, f"value_{side}")), colour) in drawn
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    dti_2024 = comparable[
        (comparable["indicator_id"] == "dti_rank_overall") & (comparable["period"] == Period.year(2024))
    ].iloc[0]
    assert (dti_2024["value_a"], dti_2024["value_b"], dti_2024["leader"]) == (33, 51, "Hậu Giang")
    assert "Hậu Giang ahead by 18" in texts, "the gap is stated, not only the leader"


def test_scorecard_names_no_leader_when_a_lower_bound_hides_the_order():
    row = {
        "value_a": 904,
        "value_b": 1007,
        "qualifier_a": "exact",
        "qualifier_b": "at_least",
        "province_a": "A",
        "province_b": "B",
    }
    assert scorecard.leader(row, True) == "B"
    row = {**row, "value_a": 1200, "qualifier_a": "exact"}
    assert scorecard.leader(row, True) is None  # "≥1,007" may well exceed 1,200
    assert scorecard.leader({**row, "qualifier_b": "exact"}, False) == "B"


def test_coverage_bars_add_up_to_the_tokens_of_each_article():
    fig, summary = corpus.plot_coverage(classify_numbers(), "en")
    widths = {}
    for patch in fig.axes[0].patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        widths[y] = widths.get(y, 0) + patch.get_width()
    assert [widths[i] for i in range(len(summary))] == summary["total"].tolist()
    assert summary["unaccounted"].sum() == 0
    # the title counts the registered articles (no article count is typed anywhere)
    articles = int((loading.load("sources")["tier"] == "article").sum())
    texts = [t.get_text() for t in fig.findobj(Text)]
    assert any(f"numbers in the {articles} articles are accounted for" in t for t in texts), texts


def test_availability_marks_exactly_the_missing_cells():
    fig, matrix = corpus.plot_availability(corpus.availability(BOTH), BOTH, "en")
    crosses = [line for line in fig.axes[0].get_lines() if line.get_marker() == "x"]
    assert len(crosses) == int((~corpus.reported(matrix, BOTH)).sum().sum())
    assert not any(p.get_hatch() for p in fig.axes[0].patches)
    assert matrix.set_index("indicator_id").loc["online_services_level4", "Tiền Giang"] == ()


def test_targets_are_never_results():
    results = comparison.results(BOTH)
    assert "target" not in set(results["kind"])
    targets = loading.load("observations").query("kind == 'target'")
    assert len(targets) >= 1 and not targets["obs_id"].isin(results["obs_id"]).any()


def labels_to_render():
    texts = list(loading.load("indicators")["label_vi"]) + list(loading.load("regions")["province"])
    texts += list(loading.load("milestones")["event_vi"])
    return texts


def missing_glyph_warnings(texts):
    fig, ax = plt.subplots()
    for i, t in enumerate(texts):
        ax.text(0, i, t)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_every_vietnamese_label_renders_without_missing_glyphs():
    assert missing_glyph_warnings(labels_to_render()) == []


def test_missing_glyph_detection_works():
    assert missing_glyph_warnings(["漢字"])  # a glyph the project font lacks is caught


def test_service_levels_are_stacked_segments_of_the_observed_totals():
    """Read data/observations.csv with the csv module: per province and date, the
    levels 2/3/4 reported, in that order, each starting where the previous ended; the
    remainder of the total (total minus the levels) as its own segment; the total at the
    end. Compared with the figure data and with the drawn patches."""
    with (Path(__file__).resolve().parents[1] / "data" / "observations.csv").open(encoding="utf-8") as f:
        observed = [r for r in csv.DictReader(f) if r["kind"] == "result" and r["province"] in BOTH]
    levels = ["online_services_level2", "online_services_level3", "online_services_level4"]
    by_date = {}
    for r in observed:
        if r["indicator_id"] in ["online_services_total", *levels]:
            by_date.setdefault((r["province"], r["period_end"]), {})[r["indicator_id"]] = float(r["value"])
    expected = []
    for (province, date), found in sorted(by_date.items(), key=lambda kv: (BOTH.index(kv[0][0]), kv[0][1])):
        start, segments = 0.0, []
        for level in levels:
            if level in found:
                segments.append((level, start, found[level]))
                start += found[level]
        if "online_services_total" in found and found["online_services_total"] > start:
            segments.append(("not_broken_down", start, found["online_services_total"] - start))
        expected.append((province, date, segments, found.get("online_services_total")))
    assert [(p, d, t) for p, d, _, t in expected] == [
        ("Hậu Giang", "2022-05-05", 1860.0),
        ("Hậu Giang", "2022-12-31", 1851.0),
    ]
    fig, plotted = figures.plot("02_online_services_by_level", tidy.observations("02", BOTH), BOTH, "en")
    drawn = plotted[plotted["role"].isin(["part", "remainder"])]
    got = [
        (
            group["province"].iloc[0],
            str(group["period"].iloc[0]),
            list(zip(group["indicator_id"], group["segment_start"], group["value"])),
            plotted.loc[(plotted["bar"] == bar) & (plotted["role"] == "total"), "value"].iloc[0],
        )
        for bar, group in drawn.groupby("bar", sort=True)
    ]
    assert got == expected
    patches = sorted((round(p.get_y(), 3), p.get_x(), p.get_width()) for p in fig.axes[0].patches)
    assert [(x, w) for _, x, w in patches] == [(s, v) for _, _, segs, _ in expected for _, s, v in segs]
    assert plotted.loc[plotted["province"] == "Tiền Giang", "role"].tolist() == ["not_reported"]


def test_text_sizes_and_glyphs_kept_per_process_leave_every_pixel_as_it_was(monkeypatch):
    """helpers.charts.text_metrics and glyph_cache: the same PNG bytes as matplotlib's own
    measuring and drawing, with far fewer FreeType measurements (the tight box's dry run
    and repeated labels reuse them) and glyph rasterisations."""
    from matplotlib.backends.backend_agg import RendererAgg

    from helpers.charts import glyph_cache, text_metrics

    measured = []
    measure = RendererAgg.get_text_width_height_descent

    def counting(self, text, *args, **kwargs):
        measured.append(text)
        return measure(self, text, *args, **kwargs)

    monkeypatch.setattr(RendererAgg, "get_text_width_height_descent", counting)

    def render() -> tuple[bytes, int]:
        measured.clear()
        fig, _ = dti.plot_rank_trajectories(dti_scores.evidence(BOTH), BOTH, "vi")  # the most glyphs
        fig.text(0.5, 0.5, "Hậu Giang 1.860,5", rotation=30)  # rotated: drawn by matplotlib in both
        return plotting.figure_png(fig), len(measured)

    try:
        text_metrics.unshare()
        glyph_cache.unshare()
        alone, alone_count = render()
        text_metrics.share()
        glyph_cache.share()
        shared, shared_count = render()
        assert shared == alone
        assert shared_count <= alone_count / 2, (shared_count, alone_count)  # the dry run measures nothing new
        drawn = sum(len(items) for items in glyph_cache._layouts.values())
        assert 0 < len(glyph_cache._glyphs) < drawn  # a glyph at the same place within a pixel: rasterised once
    finally:
        text_metrics.share()
        glyph_cache.share()
