"""The summary's verdicts (notebook 00) against values recomputed here from the
CSVs with the standard library, not from the helpers' own frames."""

import csv
import statistics
from datetime import date

import pytest

from helpers.analysis import scope, verdict_rule, verdicts
from helpers.data.paths import ROOT
from helpers.text import summary_text

BOTH = ["Hậu Giang", "Tiền Giang"]
NO_ARTICLE = ["Cần Thơ", "Sóc Trăng"]
REFERENCE = ROOT / "data" / "reference"


def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def mekong():
    return [r["province"] for r in rows(REFERENCE / "regions.csv") if r["in_mekong_delta"].lower() == "true"]


def expected_scored(table, year_key, keep, a, b):
    """{year: leader or '' for a near tie} with the rule: |gap| < 0.25 × sample SD of that year's scores."""
    by_year = {}
    for r in table:
        if keep(r) and r["score"]:
            by_year.setdefault(int(r[year_key]), {})[r["province"]] = float(r["score"])
    out = {}
    for year, scores in sorted(by_year.items()):
        if a in scores and b in scores:
            gap = scores[a] - scores[b]
            out[year] = "" if abs(gap) < 0.25 * statistics.stdev(scores.values()) else (a if gap > 0 else b)
    return out


@pytest.mark.parametrize("provinces", [BOTH, NO_ARTICLE], ids=["study", "no-article"])
def test_dti_verdicts_follow_the_near_tie_rule_on_the_official_tables(provinces):
    table = rows(REFERENCE / "dti_scores.csv")
    expected = expected_scored(table, "assessment_year", lambda r: r["scope"] == "63_provinces", *provinces)
    got = verdicts.dti(provinces)
    assert dict(zip(got["year"], got["leader"])) == expected and expected
    assert set(got["tier"]) == {"official_table"}


def test_dti_sentence_names_the_near_tie_years_and_the_leader():
    expected = expected_scored(
        rows(REFERENCE / "dti_scores.csv"), "assessment_year", lambda r: r["scope"] == "63_provinces", *BOTH
    )
    text = summary_text.section("dti", verdicts.summary(BOTH), BOTH, "en")
    ties = [y for y, leader in expected.items() if not leader]
    if ties and ties == list(range(ties[0], ties[-1] + 1)):
        assert summary_text.years_text(ties[0], ties[-1]) in text and "near tie" in text
    for leader in expected.values():
        if leader:
            assert f"{leader} ahead in" in text


@pytest.mark.parametrize("provinces", [BOTH, NO_ARTICLE], ids=["study", "no-article"])
def test_papi_verdicts_use_comparable_years_where_both_have_a_score(provinces):
    table = rows(REFERENCE / "papi_egov_scores.csv")
    expected = expected_scored(table, "year", lambda r: r["comparable"] == "true", *provinces)
    pairs, missing = verdicts.papi(provinces)
    assert dict(zip(pairs["year"], pairs["leader"])) == expected and expected
    one_sided = {
        int(r["year"]) for r in table if r["comparable"] == "true" and r["province"] in provinces and not r["score"]
    }
    assert set(missing["year"]) == one_sided
    text = summary_text.section("online_services", verdicts.summary(provinces), provinces, "en")
    leaders = set(expected.values())
    assert ("in every comparable year" in text) == (len(leaders) == 1 and "" not in leaders and len(expected) > 1)


def test_no_ecommerce_verdict_without_a_same_indicator_same_period_pair():
    ids = set(scope.indicators("03"))
    reported = {}
    for r in rows(ROOT / "data" / "observations.csv"):
        if r["kind"] == "result" and r["indicator_id"] in ids and r["province"] in BOTH:
            reported.setdefault(r["province"], set()).add((r["indicator_id"], r["period_start"], r["period_end"]))
    shared = reported.get(BOTH[0], set()) & reported.get(BOTH[1], set())
    found = verdicts.summary(BOTH)
    assert len(found["ecommerce"]["pairs"]) == len(shared)
    text = summary_text.section("ecommerce", found, BOTH, "en")
    assert ("No same-definition e-commerce measure exists" in text) == (not shared)
    assert dict(zip(found["ecommerce"]["one_sided"]["province"], found["ecommerce"]["one_sided"]["indicators"])) == {
        p: len({i for i, _, _ in reported.get(p, set())}) for p in BOTH
    }


def test_uptake_shares_pair_the_closest_dates_of_the_same_measure():
    facts = [
        r
        for r in rows(REFERENCE / "province_facts.csv")
        if r["category"] == "digital_uptake" and r["unit"] == "percent"
    ]
    expected = {}
    for measure in sorted({r["measure"] for r in facts}):
        a = [r for r in facts if r["measure"] == measure and r["province"] == BOTH[0]]
        b = [r for r in facts if r["measure"] == measure and r["province"] == BOTH[1]]
        options = (
            sorted(
                (abs((date.fromisoformat(x["period_end"]) - date.fromisoformat(y["period_end"])).days), x, y)
                for x in a
                for y in b
                for _ in [0]
            )
            if a and b
            else []
        )
        if options and options[0][0] <= 366:
            days, x, y = options[0]
            _, leader = verdict_rule.qualified(
                BOTH[0], float(x["value"]), x["qualifier"], BOTH[1], float(y["value"]), y["qualifier"]
            )
            expected[measure] = (days, leader)
    got = verdicts.uptake_shares(BOTH)
    assert {m: (d, leader) for m, d, leader in zip(got["measure"], got["period_gap_days"], got["leader"])} == expected
    assert expected, "the shares of both provinces are paired"


def test_any_set_of_provinces_compares_each_with_the_first():
    chosen = ["Hậu Giang"] + [p for p in mekong() if p != "Hậu Giang"]
    found = verdicts.summary(chosen)
    assert set(found["dti"]["pairs"]["province_b"]) == set(chosen[1:])
    assert set(found["dti"]["pairs"]["province_a"]) == {"Hậu Giang"}
    text = summary_text.section("dti", found, chosen, "en")
    assert all(p in text for p in chosen)
    single = summary_text.section("dti", verdicts.summary(["Tiền Giang"]), ["Tiền Giang"], "vi")
    assert "không có gì để so sánh" in single


def test_summary_sources_are_the_ones_behind_the_verdicts():
    ids = set(verdicts.sources(BOTH))
    from helpers.analysis import society_pairs

    paired = society_pairs.comparable(BOTH)
    assert {"papi-egov-dataset", "dti-2024-63-official"} | set(paired[["source_a", "source_b"]].stack()) <= ids


@pytest.mark.parametrize("case", ["without_articles", "mekong_summary"])
def test_summary_notebook_runs_for_other_provinces(shared_runs, case):
    """Runs shared with tests/test_notebooks.py (conftest.py): two provinces without a
    curated article, the 13 Mekong Delta provinces."""
    import nbformat

    provinces = shared_runs.parameters(case)["provinces"]
    folder = shared_runs.folder(case)
    nb = nbformat.read(folder / "00_summary.ipynb", as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error" or o.get("name") == "stderr"]
    text = "\n".join(str(v) for o in outputs for k, v in o.get("data", {}).items() if k.startswith("text/"))
    assert all(p in text for p in provinces[1:])  # each compared with the first
    assert (folder / "figures" / "00_papi_egov.png").exists()


def test_scorecard_counts_each_official_score_once_and_adds_papi_years():
    from helpers.analysis import scorecard_rows
    from helpers.notebooks import scorecard

    rows_, rest, missing = scorecard_rows.independent(BOTH)
    dti = {}
    for r in rows(REFERENCE / "dti_scores.csv"):
        if r["scope"] == "63_provinces" and r["province"] in BOTH:
            dti.setdefault(int(r["assessment_year"]), {})[r["province"]] = (float(r["score"]), int(r["rank"]))
    official = {y: v for y, v in dti.items() if len(v) == 2}
    papi = {}
    for r in rows(REFERENCE / "papi_egov_scores.csv"):
        if r["comparable"] == "true" and r["province"] in BOTH and r["score"]:
            papi.setdefault(int(r["year"]), set()).add(r["province"])
    assert {int(str(p)) for p in rows_[rows_["kind"] == "dti_official"]["period"]} == set(official)
    assert {int(str(p)) for p in rows_[rows_["kind"] == "papi"]["period"]} == {
        y for y, v in papi.items() if len(v) == 2
    }
    # a year with an official row has no other national or Mekong Delta DTI rank row
    others = rows_[(rows_["kind"] == "pair") & rows_["indicator_id"].isin(scorecard_rows.DTI_RANKS)]
    assert not {int(str(p)) for p in others["period"]} & set(official)
    last = max(official)
    row = rows_[(rows_["kind"] == "dti_official") & (rows_["period"].astype(str) == str(last))].iloc[0]
    (score_a, rank_a), (score_b, rank_b) = official[last][BOTH[0]], official[last][BOTH[1]]
    assert row["rank_gap"] == abs(rank_b - rank_a) and row["score_gap"] == pytest.approx(abs(score_a - score_b))
    assert set(missing["year"]) == {y for y, v in papi.items() if len(v) == 1}
    _, _, shown_rest = scorecard.scorecard(BOTH, "en")
    assert len(shown_rest) == len(rest) + len(missing)  # one-sided PAPI years stay listed with the reason
