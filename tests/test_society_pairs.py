"""Notebook 04's digital-uptake pairs (helpers.analysis.society_pairs) against values read
here from data/reference/province_facts.csv with the standard library, not from
the helpers' own frames; the tables and figure built on them (helpers.text.society_tables,
helpers.notebooks.figures.plot_uptake_pairs) and the summary verdict that uses the same pairs."""

import csv
from datetime import date

import matplotlib
import pandas as pd
import pytest

from helpers.analysis import society_pairs, verdicts
from helpers.charts import plotting
from helpers.data.paths import ROOT
from helpers.data.periods import Period
from helpers.notebooks import figures
from helpers.text import society_tables
from helpers.text.formats import value_text

matplotlib.use("Agg")
BOTH = ["Hậu Giang", "Tiền Giang"]
NO_ARTICLE = ["Cần Thơ", "Sóc Trăng"]  # provinces of regions.csv with no curated article and no fact
FACTS = ROOT / "data" / "reference" / "province_facts.csv"


def facts(measure=None, province=None, unit="percent"):
    with open(FACTS, encoding="utf-8") as f:
        found = [r for r in csv.DictReader(f) if r["category"] == "digital_uptake"]
    return [
        r
        for r in found
        if (unit is None or r["unit"] == unit)
        and (measure is None or r["measure"] == measure)
        and (province is None or r["province"] == province)
    ]


def _window(r):
    """A fact's possible dates: its end, or its whole period when its date is uncertain."""
    end = date.fromisoformat(r["period_end"])
    return (date.fromisoformat(r["period_start"]), end) if r["period_basis"] == "uncertain" else (end, end)


def days_apart(x, y):
    """Days between two facts' dates; the largest gap their windows allow."""
    (a0, a1), (b0, b1) = _window(x), _window(y)
    return max(abs((a1 - b0).days), abs((b1 - a0).days))


def pair_row(found, measure, role="pair"):
    rows = found[(found["measure"] == measure) & (found["measure_b"] == measure) & (found["role"] == role)]
    assert len(rows) >= 1, f"no {role} row for {measure}"
    return rows


def test_smartphone_share_gap_in_points_and_months():
    (a,) = facts("adults_with_smartphone_share", BOTH[0])
    (b,) = facts("adults_with_smartphone_share", BOTH[1])
    gap = float(a["value"]) - float(b["value"])
    days = days_apart(a, b)
    r = pair_row(society_pairs.pairs(BOTH), "adults_with_smartphone_share").iloc[0]
    assert r["gap_points"] == pytest.approx(gap)
    assert r["period_gap_days"] == days
    assert r["period_gap_months"] == round(days / (365.25 / 12))
    assert (r["id_a"], r["id_b"]) == (a["fact_id"], b["fact_id"])
    assert (r["source_a"], r["source_b"]) == (a["source_id"], b["source_id"])
    assert bool(r["comparable"]) is (days <= 366)
    assert r["reason"] == ("" if days <= 366 else "period_gap")
    exact = a["qualifier"] == b["qualifier"] == "exact"
    assert r["leader"] == ((BOTH[0] if gap > 0 else BOTH[1]) if exact and days <= 366 else "")
    weakest = min((a["confidence"], b["confidence"]), key=["low", "medium", "high"].index)
    assert (r["tier"], r["confidence"]) == ("press_reference", weakest)


def test_two_values_of_one_province_the_closest_date_is_paired_and_the_other_listed():
    (hg,) = facts("households_with_fibre_broadband_share", BOTH[0])
    tg = facts("households_with_fibre_broadband_share", BOTH[1])
    assert len(tg) == 2, "Tiền Giang reports fibre broadband twice (68.3 and ≈70)"
    closest = min(tg, key=lambda r: days_apart(hg, r))
    farther = [r for r in tg if r is not closest]
    found = society_pairs.pairs(BOTH)
    paired = pair_row(found, "households_with_fibre_broadband_share").iloc[0]
    assert paired["id_b"] == closest["fact_id"]
    assert paired["value_b"] == float(closest["value"]) and paired["qualifier_b"] == closest["qualifier"]
    assert paired["gap_points"] == pytest.approx(float(hg["value"]) - float(closest["value"]))
    others = pair_row(found, "households_with_fibre_broadband_share", "other_value")
    assert list(others["id_b"]) == [r["fact_id"] for r in farther]
    assert not others["comparable"].any() and set(others["reason"]) == {"farther_date"}
    assert set(others["other_of"]) == {BOTH[1]}
    assert list(others["period_gap_days"]) == [days_apart(hg, r) for r in farther]


@pytest.mark.parametrize(
    "provinces",
    [BOTH, BOTH[::-1], ["Hậu Giang", "Tiền Giang", "Cần Thơ"], ["Tiền Giang"]],
    ids=["both", "reversed", "three", "single"],
)
def test_no_value_is_silently_dropped(provinces):
    """Every digital-uptake fact of the chosen provinces is in a pair row (paired, listed as
    another value, or beside a related definition) or in the one-sided facts."""
    expected = {r["fact_id"] for r in facts(unit=None) if r["province"] in provinces}
    found = society_pairs.pairs(provinces)
    shown = set(found["id_a"]) | set(found["id_b"]) | set(society_pairs.one_sided(provinces)["id"])
    assert expected - shown == set(), "values dropped by the pairing rule"
    assert shown - expected == set(), "values of provinces not chosen"
    in_pairs = set(found["id_a"]) | set(found["id_b"])
    for a, b in society_pairs.focus_pairs(provinces):
        mine = found[(found["province_a"] == a) & (found["province_b"] == b)]
        for measure in set(mine["measure"]) | set(mine["measure_b"]):
            same = {r["fact_id"] for r in facts(measure) if r["province"] in (a, b)}
            assert same <= in_pairs, f"{measure}: a value of a paired measure is missing from the pair rows"
    table = society_tables.one_sided_table(society_tables.one_sided_rows(provinces), provinces, "en")
    for fact in facts(unit=None):
        if fact["province"] in provinces and fact["fact_id"] in set(society_pairs.one_sided(provinces)["id"]):
            label = society_tables.measure_label(fact["measure"], "en")
            row = table[table["Indicator"] == label[:1].upper() + label[1:]]
            # an article's indicator may carry the same label as a reference measure: one row each
            assert len(row) >= 1 and (row[fact["province"]] != "× not reported").any(), fact["fact_id"]


def test_a_related_measure_of_another_definition_is_shown_beside_and_never_compared():
    (hg,) = facts("adults_with_smartphone_share", BOTH[0])
    (tg,) = facts("households_with_smartphone_share", BOTH[1])
    found = society_pairs.pairs(BOTH)
    row = found[(found["measure_b"] == "households_with_smartphone_share")]
    assert len(row) == 1
    row = row.iloc[0]
    assert (row["id_a"], row["id_b"]) == (hg["fact_id"], tg["fact_id"])
    assert not row["comparable"] and row["reason"] == "different_definition" and row["leader"] == ""
    assert "not compared: different definitions" in society_tables.answer(BOTH, "en")


def test_dates_more_than_twelve_months_apart_are_listed_not_compared(monkeypatch):
    def one(province, value, day, ident):
        return {
            "province": province,
            "measure": "adults_with_smartphone_share",
            "value": value,
            "qualifier": "exact",
            "period": Period.of(day, day),
            "basis": "stated",
            "source_id": "s",
            "id": ident,
            "tier": "press_reference",
            "confidence": "medium",
        }

    for day, comparable in (("2023-06-30", True), ("2024-06-30", True), ("2024-07-31", False)):
        frame = pd.DataFrame([one("A", 50.0, "2023-06-30", "x"), one("B", 60.0, day, "y")])
        monkeypatch.setattr(society_pairs, "shares", lambda provinces, frame=frame: frame)
        row = society_pairs.pairs(["A", "B"]).iloc[0]
        assert bool(row["comparable"]) is comparable, day
        assert row["reason"] == ("" if comparable else "period_gap")
        assert row["leader"] == ("B" if comparable else "")
    assert society_pairs.MAX_PERIOD_GAP_MONTHS == 12


def test_the_summary_verdict_uses_the_same_pairs():
    found = society_pairs.pairs(BOTH)
    comparable = found[(found["role"] == "pair") & found["comparable"]]
    shares = verdicts.uptake_shares(BOTH)
    assert list(shares["measure"]) == list(comparable["measure"])
    assert list(shares["gap"]) == list(comparable["gap_points"])
    assert list(shares["leader"]) == list(comparable["leader"])
    assert verdicts.summary(BOTH)["digital_society"]["strength"]["pairs"] == len(comparable)


def test_provinces_without_facts_say_not_reported_and_write_no_figure(tmp_path, monkeypatch):
    monkeypatch.setenv("DX_FIGURES_DIR", str(tmp_path))
    plotting.use_style()
    for provinces in (NO_ARTICLE, ["Tiền Giang"]):
        fig, plotted = figures.plot_uptake_pairs(society_pairs.pairs(provinces), provinces, "en")
        assert fig is None and plotted.attrs["why"]
    assert not list(tmp_path.rglob("*.png")) and not list(tmp_path.rglob("*.csv"))
    assert "Not reported" in society_tables.answer(NO_ARTICLE, "en")
    assert society_tables.one_sided_table(society_tables.one_sided_rows(NO_ARTICLE), NO_ARTICLE, "en").empty
    assert "Cần Thơ and Sóc Trăng" in society_tables.one_sided_note(
        society_tables.one_sided_rows(NO_ARTICLE), NO_ARTICLE, "en"
    )
    table = society_tables.one_sided_table(
        society_tables.one_sided_rows(["Hậu Giang", "Cần Thơ"]), ["Hậu Giang", "Cần Thơ"], "vi"
    )
    assert set(table["Cần Thơ"]) == {"× không có số liệu"}
    assert "nothing to compare" in society_tables.answer(["Tiền Giang"], "en")


def test_figure_data_and_vietnamese_labels(tmp_path, monkeypatch):
    monkeypatch.setenv("DX_FIGURES_DIR", str(tmp_path))
    plotting.use_style()
    fig, plotted = figures.plot_uptake_pairs(society_pairs.pairs(BOTH), BOTH, "vi")
    data = pd.read_csv(tmp_path / "data" / f"{figures.UPTAKE_PAIRS}.csv")
    (a,) = facts("adults_with_smartphone_share", BOTH[0])
    row = data[(data["id"] == a["fact_id"])].iloc[0]
    assert (row["value"], row["period"], row["source_id"]) == (float(a["value"]), a["period_end"], a["source_id"])
    assert "75% (tính đến 30/6/2023)" in set(plotted["label"])
    texts = " ".join(t.get_text().replace("\n", " ") for t in fig.axes[0].texts)
    (b,) = facts("adults_with_smartphone_share", BOTH[1])
    assert f"cách nhau {round(days_apart(a, b) / (365.25 / 12))} tháng" in texts
    found = society_pairs.pairs(BOTH)
    title = fig._suptitle.get_text().replace("\n", " ")
    for r in found[found["comparable"] & (found["leader"] != "")].itertuples():
        assert f"{r.leader} cao hơn {abs(r.gap_points):.1f}".replace(".", ",") + " điểm phần trăm" in title
    caption = fig._supxlabel.get_text().replace("\n", " ")
    for r in found[found["role"] == "other_value"].itertuples():  # the value not drawn is named
        value, qualifier = (r.value_a, r.qualifier_a) if r.other_of == r.province_a else (r.value_b, r.qualifier_b)
        assert value_text(value, qualifier, "percent", "vi") in caption
