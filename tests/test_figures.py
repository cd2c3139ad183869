"""Charts plot the curated numbers, put rank 1 at the top, mark missing
values and render every Vietnamese glyph."""

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import PathCollection

from helpers import comparison, corpus, dti, loading, plotting, scorecard
from helpers.labels import value_text

matplotlib.use("Agg")
BOTH = ["Hậu Giang", "Tiền Giang"]


@pytest.fixture(autouse=True)
def style():
    plotting.use_style()
    yield
    plt.close("all")


def test_rank_trajectories_plot_the_evidence_with_rank_one_on_top():
    fig, plotted = dti.plot_rank_trajectories(BOTH, "en")
    evidence = comparison.dti_evidence(BOTH)
    overall = fig.axes[0]
    assert overall.get_ylim()[0] > overall.get_ylim()[1]  # inverted: 1 at the top
    points = {(round(x), y) for line in overall.get_lines() for x, y in zip(line.get_xdata(), line.get_ydata())}
    official = loading.load("dti_scores").query("scope == '63_provinces' and province in @BOTH")
    for r in official.itertuples():
        assert (r.assessment_year, r.rank) in points
    assert (2020, 28.0) in points and (2021, 17.0) in points  # Hậu Giang's article claims
    for r in plotted.itertuples():
        match = evidence[(evidence["province"] == r.province) & (evidence["indicator_id"] == r.indicator_id)
                         & (evidence["assessment_year"] == r.assessment_year) & (evidence["value"] == r.value)]
        assert not match.empty, r


def test_distribution_highlights_the_official_ranks():
    fig, plotted = dti.plot_distribution(BOTH, "en")
    hg = plotted.set_index(["province", "assessment_year"])
    assert hg.loc[("Hậu Giang", 2022), "rank"] == 17 and hg.loc[("Tiền Giang", 2022), "rank"] == 20
    assert hg.loc[("Hậu Giang", 2022), "rank_in_mekong_delta"] == 3
    first = fig.axes[0]
    assert first.get_ylim()[0] > first.get_ylim()[1]
    offsets = [tuple(o) for c in first.collections if isinstance(c, PathCollection) for o in c.get_offsets()]
    assert (0.6342, 17.0) in offsets and (0.6274, 20.0) in offsets
    assert len(offsets) == 63


def test_scorecard_cells_show_the_compared_values():
    fig, plotted = scorecard.plot_scorecard(BOTH, "en")
    texts = {t.get_text() for t in fig.axes[0].texts}
    comparable, _, _ = scorecard.scorecard(BOTH, "en")
    for r in comparable.itertuples():
        for side in "ab":
            shown = value_text(getattr(r, f"value_{side}"), getattr(r, f"qualifier_{side}"), r.unit, "en")
            assert any(t.startswith(shown) for t in texts), shown
    dti_2024 = comparable[(comparable["indicator_id"] == "dti_rank_overall") & (comparable["period"] == "2024")].iloc[0]
    assert (dti_2024["value_a"], dti_2024["value_b"], dti_2024["leader"]) == (33, 51, "Hậu Giang")


def test_scorecard_names_no_leader_when_a_lower_bound_hides_the_order():
    row = {"value_a": 904, "value_b": 1007, "qualifier_a": "exact", "qualifier_b": "at_least",
           "province_a": "A", "province_b": "B"}
    assert scorecard.leader(row, True) == "B"
    row = {**row, "value_a": 1200, "qualifier_a": "exact"}
    assert scorecard.leader(row, True) is None  # "≥1,007" may well exceed 1,200
    assert scorecard.leader({**row, "qualifier_b": "exact"}, False) == "B"


def test_coverage_bars_add_up_to_the_tokens_of_each_article():
    fig, summary = corpus.plot_coverage("en")
    widths = {}
    for patch in fig.axes[0].patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        widths[y] = widths.get(y, 0) + patch.get_width()
    assert [widths[i] for i in range(len(summary))] == summary["total"].tolist()
    assert summary["unaccounted"].sum() == 0


def test_availability_hatches_exactly_the_missing_cells():
    fig, matrix = corpus.plot_availability(BOTH, "en")
    hatched = [p for p in fig.axes[0].patches if p.get_hatch()]
    assert len(hatched) == int((matrix[BOTH] == "").sum().sum())
    assert matrix.set_index("indicator_id").loc["online_services_level4", "Tiền Giang"] == ""


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
