"""Notebooks 02–04 (helpers.analysis.evidence, tables, caveats, findings, chart_titles,
figures): what the charts draw is what was curated, "not reported" is a small
marker and never a bar, targets are never plotted, and the findings are
computed from the data in the chosen language.

Expected values are read straight from data/observations.csv with the csv
module, independently of the loading and comparison helpers."""

import csv
from datetime import date

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba

from helpers.analysis import comparison, derived, evidence, scope, service_levels
from helpers.charts import plotting
from helpers.data import loading
from helpers.data.paths import DATA
from helpers.data.periods import Period
from helpers.notebooks import figures, tidy
from helpers.text import caveats, chart_titles, findings, tables

BOTH = ["Hậu Giang", "Tiền Giang"]
PROVINCE_SETS = {"both": BOTH, "reversed": BOTH[::-1], "tien_giang": ["Tiền Giang"], "hau_giang": ["Hậu Giang"]}


def curated(kind="result"):
    with open(DATA / "observations.csv", encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["kind"] == kind]


def period_of(row) -> Period:
    return Period(date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"]))


def marks(ax):
    """(y, x) of every value mark in a panel: bar ends and lone points (not the × of "not reported")."""
    found = [(round(p.get_y() + p.get_height() / 2), p.get_width()) for p in ax.patches]
    found += [(round(line.get_ydata()[0]), line.get_xdata()[0]) for line in ax.get_lines() if line.get_marker() == "o"]
    return sorted(found)


@pytest.fixture(autouse=True)
def _style_and_close(tmp_path, monkeypatch):
    monkeypatch.setenv("DX_FIGURES_DIR", str(tmp_path))
    monkeypatch.setenv("DX_WRITE_FIGURES", "0")  # checked on the figure objects; files: test_chart_rules
    plotting.use_style()
    yield
    plt.close("all")


@pytest.mark.parametrize("provinces", PROVINCE_SETS.values(), ids=PROVINCE_SETS.keys())
@pytest.mark.parametrize("chart", scope.charts())
def test_plotted_marks_equal_the_curated_values(chart, provinces):
    fig, plotted = figures.plot(chart, tidy.observations(chart[:2], provinces), provinces, "en")
    indicators = scope.chart(chart)
    expected = {
        (r["province"], r["indicator_id"], period_of(r)): float(r["value"])
        for r in curated()
        if r["indicator_id"] in indicators and r["province"] in provinces
    }
    if not expected:
        assert fig is None, "a figure with nothing to show is not drawn"
        return
    if service_levels.stacked_parts(chart):
        return check_stacked(fig, plotted, provinces, expected)
    drawn = {}
    for ax, indicator in zip(fig.axes, indicators):
        rows = plotted[plotted["indicator_id"] == indicator].reset_index(drop=True)
        if len(ax.get_xticks()) == 0:  # values of different dates: table rows (value as text), no marks
            shown = rows.dropna(subset=["value"])
            assert not marks(ax) and len(ax.texts) >= len(shown)
            drawn |= {(r.province, indicator, r.period): r.value for r in shown.itertuples()}
            continue
        for y, x in marks(ax):
            r = rows.loc[y]
            assert r["value"] == r["value"], f"a mark drawn for a row that is not reported: {r.to_dict()}"
            drawn[(r["province"], indicator, r["period"])] = x
        for patch in ax.patches:
            assert patch.get_facecolor() == to_rgba(
                plotting.province_colour(rows.loc[round(patch.get_y() + patch.get_height() / 2), "province"], provinces)
            )
    assert drawn == pytest.approx(expected), "every curated result is drawn, at its value, and nothing else"
    missing = plotted[plotted["value"].isna()]
    crosses = sum(1 for ax in fig.axes for line in ax.get_lines() if line.get_marker() == "x")
    assert crosses == len(missing), "each province without a value gets one small ×"
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    labels = loading.load("indicators").set_index("indicator_id")["label_en"]
    assert [t.split("  (")[0] for t in titles] == [labels[i] for i in indicators]


def check_stacked(fig, plotted, provinces, expected):
    """A total and its parts: each curated part is a segment of its province's bar at
    its value, in the province's hue; each curated total is written at the end of its
    bar; the remainder of a total is outlined in the province colour; one × per
    province without a value."""
    (ax,) = fig.axes
    by_y = {}
    for patch in ax.patches:
        by_y.setdefault(round(patch.get_y() + patch.get_height() / 2), []).append(patch)
    texts = [t.get_text() for t in ax.texts]
    drawn = {}
    for bar, group in plotted.dropna(subset=["bar"]).groupby("bar", sort=True):
        patches = sorted(by_y[int(bar)], key=lambda p: p.get_x())
        segments = group[group["role"].isin(["part", "remainder"])]
        assert len(patches) == len(segments)
        colour = to_rgba(plotting.province_colour(group["province"].iloc[0], provinces))
        for patch, r in zip(patches, segments.itertuples()):
            assert patch.get_width() == pytest.approx(r.value)
            if r.role == "remainder":
                assert patch.get_facecolor() == to_rgba("white") and patch.get_edgecolor() == colour
                continue
            face = patch.get_facecolor()  # the province colour, lightened toward white for earlier parts
            assert all(f >= c - 1e-9 for f, c in zip(face[:3], colour[:3])) and max(face[:3]) < 1
            drawn[(r.province, r.indicator_id, r.period)] = patch.get_width()
        for r in group[group["role"] == "total"].itertuples():
            assert any(t.startswith(f"{r.value:,.0f} in total") for t in texts), r
            drawn[(r.province, r.indicator_id, r.period)] = r.value
    assert drawn == pytest.approx(expected), "every curated result is drawn, at its value, and nothing else"
    crosses = sum(1 for line in ax.get_lines() if line.get_marker() == "x")
    assert crosses == (plotted["role"] == "not_reported").sum(), "each province without a value gets one small ×"


def test_targets_never_appear_in_plotted_data():
    targets = curated("target")
    assert targets, "the corpus holds at least one target"
    target_keys = {(t["province"], t["indicator_id"], float(t["value"])) for t in targets}
    for chart in scope.charts():
        _, plotted = figures.plot(chart, tidy.observations(chart[:2], BOTH), BOTH, "en")
        shown = {(r.province, r.indicator_id, r.value) for r in plotted.dropna(subset=["value"]).itertuples()}
        assert not shown & target_keys
    for notebook in scope.notebooks():
        assert not (evidence.results(notebook, BOTH)["kind"] != "result").any()


def test_notebook_scopes_split_the_non_dti_indicators():
    scopes = {nb: set(scope.indicators(nb)) for nb in scope.notebooks()}
    union = set().union(*scopes.values())
    assert sum(map(len, scopes.values())) == len(union), "no indicator in two notebooks"
    indicators = loading.load("indicators")
    assert union == set(indicators.loc[indicators["theme"] != "dti", "indicator_id"])
    for chart, ids in scope.charts().items():
        assert set(ids) <= scopes[chart[:2]]
    known = set(indicators["indicator_id"])
    for total, parts in scope.parts().items():
        assert {total, *parts} <= known
    for c in scope.contrasts():
        assert {c["a"], c["b"]} <= known
    assert set(scope.headline("04")) <= scopes["04"]
    assert "it_enterprises" in scopes["04"] and "ecommerce_transactions" in scopes["03"]


def test_findings_use_the_numbers_formatted_for_the_language():
    vi = findings.findings("02", BOTH, "vi")
    assert "1.860" in vi and "1.851" in vi and "1.316" in vi
    assert "48,9%" in vi and "37,98%" in vi
    assert "1,860" not in vi
    en = findings.findings("02", BOTH, "en")
    assert "1,860" in en and "1,851" in en and "48.9%" in en
    assert "≥1.007" in findings.findings("03", BOTH, "vi")
    assert "76,54%" in findings.findings("04", BOTH, "vi")


def test_findings_and_titles_are_computed_from_the_data(monkeypatch):
    real_load = loading.load

    def altered(name):
        table = real_load(name)
        if name == "observations":
            table.loc[table["obs_id"] == "20220505-12", "value"] = 1870.0
        return table

    monkeypatch.setattr(loading, "load", altered)
    text = findings.findings("02", BOTH, "en")
    assert "1,870" in text and "1,860" not in text
    assert "48.7%" in text  # 100 × 910 / 1,870, recomputed
    assert "1,870" in chart_titles.chart_title("02_online_services_by_level", BOTH, "en")
    assert "1,870" in chart_titles.caption_extra("02_national_portal_integration", BOTH, "en")


def test_derived_numbers_are_language_neutral_with_formula_and_inputs():
    numbers = derived.derived_numbers(BOTH).set_index("key")
    rate = numbers.loc["integration_rate"]
    assert (rate["value"], rate["operands"], rate["inputs"]) == (48.9, (910.0, 1860.0), ("20220505-14", "20220505-12"))
    assert numbers.loc["implied_denominator", "value"] == 1706
    table = tables.derived_table("02", BOTH, "en")
    rate = table[table["Quantity"] == "national-portal integration rate"].iloc[0]
    assert (rate["Value"], rate["Formula"]) == ("48.9%", "100 × 910 / 1,860")
    implied = table[table["Quantity"] == "services implied by the stated rate"].iloc[0]
    assert (implied["Value"], implied["Formula"]) == ("≈1,706", "648 / 37.98%")
    assert "does not state the denominator" in implied["Caveat"]
    vi = tables.derived_table("02", BOTH, "vi")
    assert "100 × 910 / 1.860" in set(vi["Công thức"])


def test_comparability_notes_show_both_values_and_the_gaps():
    notes = caveats.comparability_notes("02", BOTH, "en")
    text = notes.to_string()
    both = notes[notes["Evidence"].str.contains("1,860") & notes["Evidence"].str.contains("1,851")]
    assert len(both), "1,860 and 1,851 are shown together, never one alone"
    assert "thủ tục hành chính" in " ".join(both["Evidence"]) and "dịch vụ công trực tuyến" in " ".join(
        both["Evidence"]
    )
    assert "levels 3, 4" in text and "levels not stated" in text
    assert "≈1,706" in text and "target" in text
    gaps = caveats.not_in_corpus("02", BOTH, "en")
    assert "**Tiền Giang**" in gaps and "including any count of online services" in gaps

    ecommerce = caveats.comparability_notes("03", BOTH, "en").to_string()
    assert "12 months" in ecommerce and "6 months" in ecommerce
    assert "≥1,007" in ecommerce and "OCOP" in ecommerce and "small and medium enterprises" in ecommerce

    society = caveats.comparability_notes("04", BOTH, "en")
    assert society["Issue"].str.contains("person-installs").any()
    assert society["Evidence"].str.contains("125 \\+ ≥500 = 625").any()


def test_a_single_province_has_nothing_to_compare():
    for notebook in scope.notebooks():
        for lang, phrase in [("en", "nothing to compare"), ("vi", "không có gì để so sánh")]:
            assert phrase in findings.findings(notebook, ["Tiền Giang"], lang)
    assert "Hậu Giang" not in findings.findings("02", ["Tiền Giang"], "en")


def test_unknown_notebook_and_chart_are_refused():
    with pytest.raises(ValueError, match="notebook must be one of"):
        scope.indicators("99")
    with pytest.raises(ValueError, match="unknown chart"):
        chart_titles.chart_title("99_nothing", BOTH, "en")
