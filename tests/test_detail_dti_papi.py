"""Notebooks 01 and 02 in detail: DTI score gaps, the Mekong Delta slope chart,
lone rank claims, PAPI e-governance verdicts, ranks, sub-dimensions and maps,
the Decree 42/2022 note and the rates. Expected values are recomputed here
from the CSV files with the standard library, not taken from the helpers."""

import csv
import statistics
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest

from helpers.analysis import dti_scores, papi_scores, verdict_rule
from helpers.charts import dti as charts_dti
from helpers.charts import plotting
from helpers.notebooks import dti, dti_change, papi, papi_map
from helpers.text import tables

matplotlib.use("Agg")
ROOT = Path(__file__).resolve().parents[1]
BOTH = ["Hậu Giang", "Tiền Giang"]
NO_ARTICLE = ["Cần Thơ", "Sóc Trăng"]


def rows(name):
    path = ROOT / "data" / name
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def mekong():
    return [r["province"] for r in rows("reference/regions.csv") if r["in_mekong_delta"] == "true"]


@pytest.fixture(autouse=True)
def _scratch(tmp_path, monkeypatch):
    monkeypatch.setenv("DX_FIGURES_DIR", str(tmp_path))
    monkeypatch.setenv("DX_WRITE_FIGURES", "0")  # checked on the figure objects; files: test_chart_rules
    plotting.use_style()
    yield
    plt.close("all")


def test_dti_gap_verdicts_follow_the_near_tie_rule_recomputed_from_the_csv():
    official = [r for r in rows("reference/dti_scores.csv") if r["scope"] == "63_provinces"]
    table = dti_change.gap_table(dti_scores.gaps(BOTH), "en")
    assert len(table)
    for year, verdict in zip(table["assessment year"], table["verdict"]):
        scores = {r["province"]: float(r["score"]) for r in official if int(r["assessment_year"]) == year}
        gap = scores[BOTH[0]] - scores[BOTH[1]]
        sd = statistics.stdev(scores.values())
        expected = "near tie" if abs(gap) < 0.25 * sd else f"{BOTH[0] if gap > 0 else BOTH[1]} ahead"
        assert verdict == expected, year
    assert "No pair to compare" in dti_change.gap_findings(dti_scores.gaps(["Tiền Giang"]), "en")


def test_slope_chart_counts_risers_and_fallers_of_the_mekong_delta_from_the_csv():
    official = [r for r in rows("reference/dti_scores.csv") if r["scope"] == "63_provinces"]
    first, last = sorted({int(r["assessment_year"]) for r in official})[-2:]
    rank = {(r["province"], int(r["assessment_year"])): int(r["rank"]) for r in official}
    region = mekong()
    rose = sum(rank[p, last] < rank[p, first] for p in region)
    fell = sum(rank[p, last] > rank[p, first] for p in region)
    fig, plotted = dti_change.plot_mekong_change(dti.distribution(), BOTH, "en")
    title = fig._suptitle.get_text()
    assert f"{first} → {last}: {rose} of the {len(region)} Mekong Delta provinces rose in rank, {fell} fell" in title
    got = {r.province: (r.rank_first, r.rank_last) for r in plotted.itertuples()}
    assert got == {p: (rank[p, first], rank[p, last]) for p in region}
    # only the chosen provinces are drawn in their own colour
    colours = {plotting.province_colour(p, BOTH) for p in BOTH}
    coloured = [
        line
        for line in fig.axes[0].get_lines()
        if line.get_color() in colours and len(line.get_xdata()) == 2 and line.get_linewidth() > 2
    ]
    assert len(coloured) == len(BOTH)


@pytest.mark.parametrize("provinces", [BOTH, mekong(), ["Cần Thơ", "Hà Nội"]], ids=["both", "mekong13", "outside"])
def test_slope_labels_do_not_overlap(provinces):
    fig, plotted = dti_change.plot_mekong_change(dti.distribution(), provinces, "en")
    assert set(provinces) <= set(plotted["province"])  # a chosen province outside the region is added
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in fig.axes[0].texts if t.get_text()]
    assert len(labels) == 2 * len(plotted)
    for side in ("right", "left"):
        boxes = sorted((t.get_window_extent(renderer) for t in labels if t.get_ha() == side), key=lambda b: b.y0)
        for a, b in zip(boxes, boxes[1:]):
            assert b.y0 >= a.y1 - 1.0, f"{side} labels overlap"
    if len(provinces) > charts_dti.MAX_HIGHLIGHTED:  # 13 chosen: no colour soup, names in bold
        colours = {plotting.province_colour(p, provinces) for p in provinces}
        assert not [line for line in fig.axes[0].get_lines() if line.get_color() in colours]


def test_tien_giang_2020_rank_is_called_single_source_only_if_it_has_one_source():
    press = [
        r
        for r in rows("reference/dti_press_facts.csv")
        if (r["province"], r["indicator_id"], r["assessment_year"]) == ("Tiền Giang", "dti_rank_overall", "2020")
    ]

    def derived(fact):  # the confidence rule, not the level typed in the row
        return verdict_rule.lowest(verdict_rule.source_confidence(fact["source_id"])["confidence"], fact["confidence"])

    single = len({r["source_id"] for r in press}) == 1 and derived(press[0]) in ("medium", "low")
    notes = dti_change.single_source_notes(BOTH, "en")
    assert ("Tiền Giang, DTI 2020: rank 6 rests on a single source" in notes) is single
    assert "Hậu Giang, DTI 2020" not in notes  # an article and a press page agree on 28
    tg_2021 = [
        r
        for r in rows("reference/dti_press_facts.csv")
        if (r["province"], r["indicator_id"], r["assessment_year"]) == ("Tiền Giang", "dti_rank_overall", "2021")
    ]
    lone_2021 = len({r["source_id"] for r in tg_2021}) == 1 and derived(tg_2021[0]) != "high"
    assert ("Tiền Giang, DTI 2021" in notes) is lone_2021  # typed high, derived from its source
    fig, plotted = dti.plot_rank_trajectories(dti_scores.evidence(BOTH), BOTH, "en")
    labels = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert ("6*" if single else "6") in labels and "28" in labels


def test_top_10_digital_infrastructure_claim_is_listed():
    table = dti_change.evidence_table(dti_scores.evidence(BOTH), "en")
    infra = table[table["province"].eq("Hậu Giang") & table["rank"].str.contains("infrastructure")]
    assert len(infra) and set(infra["value"]) == {"≤10/63"}  # a rank of 63, read as at most 10


def papi_csv():
    return rows("reference/papi_egov_scores.csv")


def test_papi_verdicts_and_ranks_recomputed_from_the_csv():
    data = papi_csv()
    comparable = sorted({int(r["year"]) for r in data if r["comparable"] == "true"})
    assert papi_scores.papi_comparable_years() == comparable
    leaders = []
    for year in comparable:
        scores = {r["province"]: float(r["score"]) for r in data if int(r["year"]) == year and r["score"]}
        if not all(p in scores for p in BOTH):
            continue
        gap = scores[BOTH[0]] - scores[BOTH[1]]
        assert abs(gap) >= 0.25 * statistics.stdev(scores.values())  # no near tie in these years
        leaders.append(BOTH[0] if gap > 0 else BOTH[1])
    text = papi.verdicts(BOTH, "en")
    assert (
        len(set(leaders)) == 1
        and f"**{leaders[0]} ahead in every comparable year** with both scores ({len(leaders)} years" in text
    )
    table = papi.rank_table(papi_scores.papi_frame(), BOTH, "en")
    for r in table.itertuples(index=False):
        year, province, rank = r[0], r[1], r[3]
        source = next(x for x in data if int(x["year"]) == year and x["province"] == province)
        assert rank == (f"{source['rank']}/{source['n_ranked']}" if source["rank"] else "no value in the copy used")


def test_papi_subdimension_ranks_recomputed_from_the_csv():
    subs = [r for r in rows("reference/papi_egov_subdimensions.csv") if r["score"]]
    table = papi.subdimension_table(papi_scores.papi_frame(), BOTH, "en")
    row = table[(table["sub-dimension"] == "use of the e-government portal") & (table["Province"] == "Hậu Giang")]
    for year in ("2020", "2022"):
        same = [float(r["score"]) for r in subs if r["year"] == year and r["subdimension"] == "egov_portal_access"]
        mine = next(
            float(r["score"])
            for r in subs
            if r["year"] == year and r["subdimension"] == "egov_portal_access" and r["province"] == "Hậu Giang"
        )
        rank = 1 + sum(s > mine for s in same)
        assert row[year].iloc[0].endswith(f"({rank}/{len(same)})"), year


def test_papi_map_draws_missing_scores_as_no_data_and_only_years_with_every_chosen_province():
    data = papi_csv()
    fig, plotted = papi_map.draw(papi_scores.papi_frame(), BOTH, "en", name="papi_map_test")
    years = sorted(plotted["panel"].unique())
    for year in years:
        for p in BOTH:
            assert any(int(r["year"]) == year and r["province"] == p and r["score"] for r in data)
    missing = {(int(r["year"]), r["province"]) for r in data if not r["score"] and int(r["year"]) in years}
    drawn_missing = {(r.panel, r.province) for r in plotted.itertuples() if r.drawn_as == "no_data"}
    assert missing and drawn_missing == missing
    assert 2024 not in years  # Tiền Giang has no 2024 score
    _, plotted_ct = papi_map.draw(papi_scores.papi_frame(), NO_ARTICLE, "en", name="papi_map_test_ct")
    assert 2024 in set(plotted_ct["panel"])


def test_decree_42_note_uses_the_curated_counts():
    obs = {r["obs_id"]: r for r in rows("observations.csv")}
    by = {
        (r["province"], r["indicator_id"], r["period_end"]): float(r["value"])
        for r in obs.values()
        if r["kind"] == "result"
    }
    end = ("Hậu Giang", "2022-12-31")
    start = ("Hậu Giang", "2022-05-05")
    facts = {r["fact"]: r for r in rows("legal_facts.csv") if r["act"] == "42/2022/NĐ-CP"}
    note = papi.decree_42_note(BOTH, "en")
    assert f"signed on {facts['signed']['value']} ([dichvucong.tiengiang.gov.vn]({facts['signed']['url']}))" in note
    assert f"took effect on {facts['effective']['value']}" in note and facts["effective"]["url"] in note
    assert facts["old_levels_mapping"]["confidence"] == "unverified" and not facts["old_levels_mapping"]["value"]
    assert "is an assumption, not a verified fact" in note  # the mapping is not asserted
    l2, l3, l4 = (by[(end[0], f"online_services_level{n}", end[1])] for n in (2, 3, 4))
    assert f"({l2:,.0f} at level 2, {l3:,.0f} at level 3, {l4:,.0f} at level 4)" in note
    total_before, l4_before = (
        by[(*start[:1], "online_services_total", start[1])],
        by[(*start[:1], "online_services_level4", start[1])],
    )
    assert f"({total_before - l4_before:,.0f} not broken down)" in note
    assert "1,860 → 1,851 (a change of -9)" in note and "1,860 → 1,851 is not read as a fall in services" in note
    assert "No chosen province reports" in papi.decree_42_note(NO_ARTICLE, "en")


def test_applications_per_1000_residents_recomputed_and_kept_a_lower_bound():
    pop = next(
        float(r["average_population_thousand"])
        for r in rows("reference/population.csv")
        if r["province"] == "Hậu Giang" and r["year"] == "2022"
    )
    applications = next(r for r in rows("observations.csv") if r["indicator_id"] == "online_applications_processed")
    expected = float(applications["value"]) / (pop * 1000) * 1000
    table = tables.rates_table("02", BOTH, "en")
    assert f"≥{expected:,.1f} per 1,000 residents" in set(table["rate"])
    assert tables.rates_table("02", NO_ARTICLE, "en").empty


def test_no_same_definition_ecommerce_measure_recomputed_from_the_observations():
    from helpers.analysis import scope
    from helpers.text import ecommerce_context

    indicators = set(scope.indicators("03"))
    periods = {}
    for r in rows("observations.csv"):
        if r["indicator_id"] in indicators and r["kind"] == "result" and r["province"] in BOTH:
            periods.setdefault((r["indicator_id"], r["province"]), set()).add((r["period_start"], r["period_end"]))
    shared = [
        i for i in indicators if all((i, p) in periods for p in BOTH) and periods[i, BOTH[0]] & periods[i, BOTH[1]]
    ]
    assert shared == []
    text = ecommerce_context.answer(BOTH, "en")
    assert text.startswith("**No same-definition e-commerce measure exists for Hậu Giang and Tiền Giang.**")
    both_any = sum(all((i, p) in periods for p in BOTH) for i in indicators)
    assert f"any period: {both_any})" in text


def test_accounts_against_transactions_recomputed():
    from helpers.text import ecommerce_context

    obs = {r["indicator_id"]: r for r in rows("observations.csv") if r["province"] == "Tiền Giang"}
    accounts = float(obs["ecommerce_household_accounts"]["value"])
    use = float(obs["ecommerce_transactions"]["value"])
    text = ecommerce_context.accounts_vs_use(BOTH, "en")
    assert f"≈{accounts:,.0f} household e-commerce accounts" in text and f"and {use:,.0f} transactions" in text
    # their periods differ and the caveat table says one is not divided by the other: no ratio is stated
    assert f"{use / accounts * 100:.1f}" not in text and "per 100 accounts" not in text
    assert "No chosen province" in ecommerce_context.accounts_vs_use(NO_ARTICLE, "en")


def test_digital_economy_pillar_ranks_mark_implied_ones():
    from helpers.text import ecommerce_context

    facts = [r for r in rows("reference/dti_press_facts.csv") if r["indicator_id"] == "dti_rank_digital_economy"]
    table = ecommerce_context.digital_economy_ranks(BOTH, "en")
    shown = set(zip(table["Province"], table["assessment year"], table["value"]))
    for r in facts:
        mark = "*" if r["formula"] else ""
        assert (r["province"], int(r["assessment_year"]), f"{float(r['value']):g}{mark}") in shown


def test_upper_bound_share_of_enterprises_keeps_its_numerators_mark():
    definition = next(r for r in rows("rate_definitions.csv") if r["bound"] == "upper_bound")
    numerator = next(r for r in rows("observations.csv") if r["obs_id"] == definition["numerator_obs"])
    denominator = next(r for r in rows("reference/province_facts.csv") if r["fact_id"] == definition["denominator"])
    expected = float(numerator["value"]) / float(denominator["value"]) * 100
    rates = set(tables.rates_table("03", BOTH, "en")["rate"])
    # "hơn 1.923" makes the share at least this much; that it bounds uptake is said in words
    mark = {"at_least": "≥", "exact": ""}[numerator["qualifier"]]
    assert f"{mark}{expected:.1f}% of active enterprises (reached, not adopted: an upper bound of uptake)" in rates


def test_rank_trajectories_for_13_provinces_label_the_first_two_and_name_each_years_best():
    chosen = mekong()
    official = [r for r in rows("reference/dti_scores.csv") if r["scope"] == "63_provinces" and r["province"] in chosen]
    best = {}
    for r in official:
        year, rank = int(r["assessment_year"]), int(r["rank"])
        if year not in best or rank < best[year][1]:
            best[year] = (r["province"], rank)
    fig, plotted = dti.plot_rank_trajectories(dti_scores.evidence(chosen), chosen, "en")
    title = fig._suptitle.get_text().replace("\n", " ")
    for year, (province, rank) in best.items():
        assert f"{year} {province} ({dti.ordinal(rank, 'en')})" in title
    labelled = {t.get_color() for ax in fig.axes for t in ax.texts}
    colours = {p: plotting.province_colour(p, chosen) for p in chosen}
    assert labelled == {colours[p] for p in chosen[:2] if p in set(plotted["province"])}


def test_dti_and_papi_gap_lines_come_from_one_rule_with_each_years_verdict():
    """Notebook 01's and 02's per-year gap bullets are helpers.text.gaps.gap_lines: one line per
    year and pair, its SD gap and verdict recomputed from the scores."""
    from helpers.text import gaps as gap_wording

    for found, text, key in (
        (dti_scores.gaps(BOTH), dti_change.gap_findings(dti_scores.gaps(BOTH), "en"), "gap.line"),
        (papi_scores.gaps(BOTH), papi.verdicts(BOTH, "en"), "papi.year_line"),
    ):
        assert len(found)
        lines = [line for line in text.splitlines() if "SD →" in line]
        assert len(lines) == len(found), key
        for line, r in zip(lines, found.itertuples()):
            gap_in_sd = (r.score_a - r.score_b) / r.sd
            assert f"{abs(gap_in_sd):.2f} SD" in line
            leader = r.province_a if gap_in_sd > 0 else r.province_b
            assert line.rstrip("*.").endswith("near tie" if abs(gap_in_sd) < 0.25 else f"{leader} ahead"), line
        decimals = 4 if key == "gap.line" else 2
        year = "assessment_year" if key == "gap.line" else "year"
        assert gap_wording.gap_lines(found, key, "en", decimals, year) == lines
