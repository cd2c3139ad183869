"""helpers.themes (notebooks 02–04): what the charts draw is what was curated,
missing values are hatched boxes (never zero bars), targets are never plotted,
and the findings are computed from the data in the chosen language.

Expected values are read straight from data/observations.csv with the csv
module, independently of the loading and comparison helpers."""

import csv
from datetime import date

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba

from helpers import comparison, loading, plotting, themes
from helpers.paths import DATA

BOTH = ["Hậu Giang", "Tiền Giang"]
PROVINCE_SETS = {"both": BOTH, "reversed": BOTH[::-1], "tien_giang": ["Tiền Giang"], "hau_giang": ["Hậu Giang"]}


def curated(kind="result"):
    with open(DATA / "observations.csv", encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["kind"] == kind]


def period_of(row) -> str:
    start, end = date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"])
    if start == end:
        return f"as of {start}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start} to {end}"


def bars(fig):
    """Every bar patch of the figure, panel by panel, top to bottom."""
    return [patch for ax in fig.axes for patch in ax.patches]


@pytest.fixture(autouse=True)
def _style_and_close():
    plotting.use_style()
    yield
    plt.close("all")


@pytest.mark.parametrize("provinces", PROVINCE_SETS.values(), ids=PROVINCE_SETS.keys())
@pytest.mark.parametrize("chart", themes.CHARTS)
def test_plotted_bars_equal_the_curated_values(chart, provinces):
    fig, plotted = themes.plot(chart, provinces, "en")
    indicators = themes.CHARTS[chart]
    patches = bars(fig)
    assert len(patches) == len(plotted), "one bar or hatched box per plotted row"

    expected = {(r["province"], r["indicator_id"], period_of(r)): float(r["value"])
                for r in curated() if r["indicator_id"] in indicators and r["province"] in provinces}
    drawn = {}
    for patch, row in zip(patches, plotted.itertuples()):
        if row.value != row.value:  # NaN: nothing curated for this province and indicator
            assert patch.get_hatch() == plotting.MISSING_STYLE["hatch"]
            assert patch.get_facecolor() == to_rgba("white")
            assert not any(k[:2] == (row.province, row.indicator_id) for k in expected), \
                f"{row.province} has a curated {row.indicator_id} but it is drawn as missing"
        else:
            assert patch.get_hatch() is None
            assert patch.get_width() == pytest.approx(float(row.value))
            assert patch.get_facecolor() == to_rgba(plotting.province_colour(row.province, provinces))
            drawn[(row.province, row.indicator_id, row.period)] = patch.get_width()
    assert drawn == pytest.approx(expected), "every curated result is drawn, at its value, and nothing else"
    assert all(p.get_width() > 0 for p in patches), "no bar of zero width"
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    labels = loading.load("indicators").set_index("indicator_id")["label_en"]
    assert titles == [labels[i] for i in indicators]


def test_missing_province_gets_a_hatched_box_not_a_zero_bar():
    fig, plotted = themes.plot("02_online_services_by_level", BOTH, "en")
    tien_giang = plotted[plotted["province"] == "Tiền Giang"]
    assert len(tien_giang) == len(themes.CHARTS["02_online_services_by_level"])
    assert tien_giang["value"].isna().all()
    patches = [p for p, r in zip(bars(fig), plotted.itertuples()) if r.province == "Tiền Giang"]
    assert all(p.get_hatch() == "///" and p.get_width() > 0 for p in patches)


def test_targets_never_appear_in_plotted_data():
    targets = curated("target")
    assert targets, "the corpus holds at least one target"
    target_keys = {(t["province"], t["indicator_id"], float(t["value"])) for t in targets}
    for chart in themes.CHARTS:
        _, plotted = themes.plot(chart, BOTH, "en")
        shown = {(r.province, r.indicator_id, r.value) for r in plotted.dropna(subset=["value"]).itertuples()}
        assert not shown & target_keys
    # a chart of a target-only indicator draws "not reported", not the target
    target = targets[0]
    fig, plotted = plotting.indicator_panels(comparison.best_evidence(BOTH), [target["indicator_id"]], BOTH, "en",
                                             "test", "test_target_only")
    row = plotted[plotted["province"] == target["province"]]
    assert row["value"].isna().all()
    # nor in the tables or findings
    for notebook in themes.NOTEBOOKS:
        assert not (themes.results(notebook, BOTH)["kind"] != "result").any()


def test_notebook_scopes_split_the_non_dti_indicators():
    scopes = {nb: set(themes.scope(nb)) for nb in themes.NOTEBOOKS}
    union = set().union(*scopes.values())
    assert sum(map(len, scopes.values())) == len(union), "no indicator in two notebooks"
    indicators = loading.load("indicators")
    assert union == set(indicators.loc[indicators["theme"] != "dti", "indicator_id"])
    for chart, ids in themes.CHARTS.items():
        assert set(ids) <= scopes[chart[:2]]
    assert "it_enterprises" in scopes["04"] and "ecommerce_transactions" in scopes["03"]


def test_findings_use_the_numbers_formatted_for_the_language():
    vi = themes.findings("02", BOTH, "vi")
    assert "1.860" in vi and "1.851" in vi and "1.316" in vi
    assert "71,1%" in vi and "48,9%" in vi and "37,98%" in vi
    assert "1,860" not in vi
    en = themes.findings("02", BOTH, "en")
    assert "1,860" in en and "1,851" in en and "71.1%" in en and "48.9%" in en
    assert "≥1.007" in themes.findings("03", BOTH, "vi")
    assert "76,54%" in themes.findings("04", BOTH, "vi")


def test_findings_and_titles_are_computed_from_the_data(monkeypatch):
    real_load = loading.load

    def altered(name):
        table = real_load(name)
        if name == "observations":
            table.loc[table["obs_id"] == "20220505-12", "value"] = 1870.0
        return table

    monkeypatch.setattr(loading, "load", altered)
    text = themes.findings("02", BOTH, "en")
    assert "1,870" in text and "1,860" not in text
    assert "48.7%" in text  # 100 × 910 / 1,870, recomputed
    assert "1,870" in themes.chart_title("02_online_services_by_level", BOTH, "en")
    assert "1,870" in themes.caption_extra("02_national_portal_integration", BOTH, "en")


def test_derived_rates_show_formula_and_denominator():
    table = themes.derived("02", BOTH, "en")
    rate = table[table["Quantity"] == "national-portal integration rate"].iloc[0]
    assert (rate["Value"], rate["Formula"]) == ("48.9%", "100 × 910 / 1,860")
    implied = table[table["Quantity"] == "services implied by the stated rate"].iloc[0]
    assert (implied["Value"], implied["Formula"]) == ("≈1,706", "648 / 37.98%")
    assert "does not state the denominator" in implied["Caveat"]
    vi = themes.derived("02", BOTH, "vi")
    assert "100 × 910 / 1.860" in set(vi["Công thức"])


def test_comparability_notes_show_both_values_and_the_gaps():
    notes = themes.comparability_notes("02", BOTH, "en")
    text = notes.to_string()
    both = notes[notes["Evidence"].str.contains("1,860") & notes["Evidence"].str.contains("1,851")]
    assert len(both), "1,860 and 1,851 are shown together, never one alone"
    assert "thủ tục hành chính" in " ".join(both["Evidence"]) and "dịch vụ công trực tuyến" in " ".join(both["Evidence"])
    assert "levels 3, 4" in text and "levels not stated" in text
    assert "≈1,706" in text and "target" in text
    gaps = themes.not_in_corpus("02", BOTH, "en")
    assert "**Tiền Giang**" in gaps and "including any count of online services" in gaps

    ecommerce = themes.comparability_notes("03", BOTH, "en").to_string()
    assert "12 months" in ecommerce and "6 months" in ecommerce
    assert "≥1,007" in ecommerce and "OCOP" in ecommerce and "small and medium enterprises" in ecommerce

    society = themes.comparability_notes("04", BOTH, "en")
    assert society["Issue"].str.contains("person-installs").any()
    assert society["Evidence"].str.contains("125 \\+ ≥500 = 625").any()


def test_a_single_province_has_nothing_to_compare():
    for notebook in themes.NOTEBOOKS:
        for lang, phrase in [("en", "nothing to compare"), ("vi", "không có gì để so sánh")]:
            assert phrase in themes.findings(notebook, ["Tiền Giang"], lang)
    assert "Hậu Giang" not in themes.findings("02", ["Tiền Giang"], "en")


def test_unknown_notebook_and_chart_are_refused():
    with pytest.raises(ValueError, match="notebook must be one of"):
        themes.scope("99")
    with pytest.raises(ValueError, match="unknown chart"):
        themes.chart_title("99_nothing", BOTH, "en")
