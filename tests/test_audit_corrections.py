"""Corrections found by an audit of the data: each test recomputes what the
data say (csv + arithmetic) and checks the tables and texts built from them."""

import csv
import re
from collections import Counter, defaultdict
from datetime import date

from helpers.analysis import dti_scores, papi_scores, society_pairs
from helpers.data.paths import DATA, REFERENCE
from helpers.notebooks import dti_change
from helpers.text.formats import value_text

HG, TG = "Hậu Giang", "Tiền Giang"
BOTH = [HG, TG]


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_press_table_shows_each_value_with_the_decimals_of_its_quote():
    units = {r["indicator_id"]: r["unit"] for r in read(DATA / "indicators.csv")}
    facts = [r for r in read(REFERENCE / "dti_press_facts.csv") if units[r["indicator_id"]] == "score_0_1"]
    assert facts, "no press-reported score to check"
    table = dti_change.evidence_table(dti_scores.evidence(BOTH), "vi")
    shown = set(table.iloc[:, 3])
    for fact in facts:
        stated = re.search(r"\d+,\d+", fact["quote"]).group(0)  # "0,4856" as the quote writes it
        assert stated in shown, (fact["fact_id"], stated, shown)


def test_a_ranking_announced_in_year_n_is_filed_under_the_assessment_year_it_announces():
    announced = {int(r["announced"][:4]): int(r["assessment_year"]) for r in read(REFERENCE / "dti_calendar.csv")}
    checked = 0
    for fact in read(REFERENCE / "dti_press_facts.csv"):
        said = re.search(r"năm (\d{4}) [^,]*công bố", fact["quote"])
        if said and not fact["derived_from"]:
            assert int(fact["assessment_year"]) == announced[int(said.group(1))], fact["fact_id"]
            checked += 1
    assert checked


def test_no_implied_rank_restates_a_rank_the_same_page_states():
    facts = read(REFERENCE / "dti_press_facts.csv")
    stated = {
        (f["province"], f["indicator_id"], f["assessment_year"], f["value"], f["source_id"])
        for f in facts
        if not f["derived_from"]
    }
    for f in facts:
        if f["derived_from"]:
            key = (f["province"], f["indicator_id"], f["assessment_year"], f["value"], f["source_id"])
            assert key not in stated, f["fact_id"]


def test_a_rank_with_two_independent_sources_is_not_a_lone_claim():
    facts = read(REFERENCE / "dti_press_facts.csv")
    sources = defaultdict(set)
    for f in facts:
        sources[(f["province"], f["indicator_id"], int(f["assessment_year"]))].add(f["source_id"])
    lone = dti_scores.lone_claims(BOTH)
    for r in lone.itertuples():
        assert len(sources[(r.province, r.indicator_id, int(r.assessment_year))]) <= 1, r
    corroborated = [k for k, s in sources.items() if len(s) > 1 and k[0] in BOTH]
    assert corroborated
    flagged = set(zip(lone["province"], lone["indicator_id"], lone["assessment_year"].astype(int)))
    assert not flagged & set(corroborated)


def test_population_total_stated_in_the_sources_register_is_the_sum_of_the_provinces():
    rows = read(REFERENCE / "population.csv")
    for source in read(DATA / "sources.csv"):
        said = re.search(r"sum to ([\d,]+\.\d) thousand", source["notes"])
        if not said:
            continue
        year = {r["year"] for r in rows if r["source_id"] == source["source_id"]}
        total = sum(float(r["average_population_thousand"]) for r in rows if r["source_id"] == source["source_id"])
        assert len(year) == 1
        assert f"{total:,.1f}" == said.group(1), (source["source_id"], total)


def test_an_event_is_one_milestone_even_when_two_articles_report_it():
    milestones = read(DATA / "milestones.csv")
    resolution = re.compile(r"Nghị quyết (?:số )?(\d+)")
    seen = Counter(
        (m["date"], m["province"], resolution.search(m["quote"]).group(1))
        for m in milestones
        if resolution.search(m["quote"])
    )
    assert seen and max(seen.values()) == 1, seen


def test_shares_keep_the_decimals_their_source_gives():
    facts = [r for r in read(REFERENCE / "province_facts.csv") if r["unit"] == "percent"]
    for fact in facts:
        decimals = len(fact["value"].split(".")[1].rstrip("0")) if "." in fact["value"] else 0
        text = value_text(float(fact["value"]), "exact", "percent", "en")
        shown = len(text.rstrip("%").split(".")[1]) if "." in text else 0
        assert shown == min(decimals, 2), (fact["fact_id"], text)


def test_the_successor_scores_are_the_plain_average_of_their_predecessors():
    scores = defaultdict(dict)
    for r in read(REFERENCE / "dti_scores.csv"):
        scores[(r["assessment_year"], r["scope"])][r["province"]] = float(r["score"])
    parts = defaultdict(list)
    for r in read(REFERENCE / "dti_successors.csv"):
        parts[(r["assessment_year"], r["successor"])].append(r["predecessor"])
    assert parts
    for (year, successor), names in parts.items():
        before = scores[(year, "63_provinces")]
        mean = sum(before[n] for n in names) / len(names)
        assert round(mean, 4) == round(scores[(year, "34_provinces_post_merger")][successor], 4)


def test_a_value_of_uncertain_date_is_paired_only_if_its_whole_window_is_close_enough():
    facts = {r["fact_id"]: r for r in read(REFERENCE / "province_facts.csv")}
    found = society_pairs.pairs(BOTH)
    uncertain = found[(found["basis_a"] == "uncertain") | (found["basis_b"] == "uncertain")]
    assert not uncertain.empty, "no value of uncertain date to check"
    for r in uncertain.itertuples():
        windows = []
        for fid in (r.id_a, r.id_b):
            f = facts[fid]
            start = f["period_start"] if f["period_basis"] == "uncertain" else f["period_end"]
            windows.append((date.fromisoformat(start), date.fromisoformat(f["period_end"])))
        (a0, a1), (b0, b1) = windows
        widest = max(abs((a1 - b0).days), abs((b1 - a0).days))
        assert r.period_gap_days == widest
        assert r.comparable == (widest <= society_pairs.MAX_PERIOD_GAP_DAYS and r.reason == "")
        # a value of uncertain date is low confidence, and so is any pair it enters
        assert r.confidence == "low"


def test_papi_gap_splits_exactly_into_its_sub_dimensions_and_names_the_largest():
    from helpers.analysis import papi_scores
    from helpers.notebooks import papi

    subs = defaultdict(dict)
    for r in read(REFERENCE / "papi_egov_subdimensions.csv"):
        if r["score"]:
            subs[(int(r["year"]), r["province"])][r["subdimension"]] = float(r["score"])
    found = papi_scores.drivers(BOTH)
    assert not found.empty
    for _, r in found.iterrows():
        a, b = subs[(r["year"], HG)], subs[(r["year"], TG)]
        gaps = {s: a[s] - b[s] for s in a}
        assert abs(r["gap"] - sum(gaps.values())) < 1e-9
        assert r["driver"] == max(gaps, key=gaps.get)
    text = papi.drivers_text(BOTH, "en")
    latest = found.iloc[-1]
    assert f"PAPI {latest['year']}: gap {latest['gap']:.2f}" in text


def test_papi_benchmarks_are_the_medians_of_the_provinces_scored():
    import statistics

    from helpers.analysis import papi_scores

    mekong = {r["province"] for r in read(REFERENCE / "regions.csv") if r["in_mekong_delta"] == "true"}
    scores = defaultdict(list)
    delta = defaultdict(list)
    for r in read(REFERENCE / "papi_egov_scores.csv"):
        if r["score"] and r["comparable"] == "true":
            scores[int(r["year"])].append(float(r["score"]))
            if r["province"] in mekong:
                delta[int(r["year"])].append(float(r["score"]))
    found = papi_scores.benchmarks().set_index("year")
    for year, values in scores.items():
        assert found.loc[year, "national_median"] == statistics.median(values)
        assert found.loc[year, "mekong_median"] == statistics.median(delta[year])


def test_a_value_absent_from_the_papi_copy_is_called_missing_in_the_copy_not_unpublished():
    from helpers.notebooks import papi

    absent = [
        (int(r["year"]), r["province"])
        for r in read(REFERENCE / "papi_egov_scores.csv")
        if r["province"] in BOTH and r["comparable"] == "true" and not r["score"]
    ]
    assert absent, "no absent PAPI value to check"
    table = papi.rank_table(papi_scores.papi_frame(), BOTH, "en")
    shown = {(y, p): rank for y, p, rank in zip(table.iloc[:, 0], table.iloc[:, 1], table.iloc[:, 3])}
    for key in absent:
        assert "copy used" in shown[key]
