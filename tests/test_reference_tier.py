"""The second evidence tier beyond the articles: PAPI e-governance, population,
province facts, implied ranks, rates with denominators and DTI score gaps.
Expected values are recomputed here from the CSVs (csv + statistics), not
taken from the helpers under test."""

import csv
import shutil
import statistics
from collections import defaultdict

import pytest

from helpers.analysis import comparison, dti_scores, rates
from helpers.data import loading
from helpers.data.paths import DATA, REFERENCE, ROOT
from helpers.notebooks import dti
from helpers.run.validate import validate_all

HG, TG = "Hậu Giang", "Tiền Giang"


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_papi_dimension_score_is_the_sum_of_its_parts_and_matches_the_press():
    parts = defaultdict(float)
    for row in read(REFERENCE / "papi_egov_subdimensions.csv"):
        if row["score"]:
            parts[(row["year"], row["province"])] += float(row["score"])
    scores = {(r["year"], r["province"]): r for r in read(REFERENCE / "papi_egov_scores.csv")}
    for key, row in scores.items():
        if row["score"]:
            assert abs(float(row["score"]) - parts[key]) < 0.00005, key
    press = [f for f in read(REFERENCE / "papi_press_facts.csv") if f["measure"] == "papi_egov_score"]
    assert press, "no press cross-check facts"
    for fact in press:
        decimals = len(fact["value"].split(".")[1]) if "." in fact["value"] else 0
        ours = float(scores[(fact["year"], fact["province"])]["score"])
        assert round(ours, decimals) == float(fact["value"]), fact["fact_id"]


def test_papi_ranks_are_competition_ranks_among_provinces_with_a_value():
    by_year = defaultdict(list)
    for row in read(REFERENCE / "papi_egov_scores.csv"):
        by_year[row["year"]].append(row)
    for year, rows in by_year.items():
        valued = [float(r["score"]) for r in rows if r["score"]]
        for row in rows:
            if not row["score"]:
                assert row["rank"] == row["n_ranked"] == ""
                continue
            expected = 1 + sum(v > float(row["score"]) for v in valued)
            assert (int(row["rank"]), int(row["n_ranked"])) == (expected, len(valued)), (year, row["province"])
            assert row["comparable"] == ("true" if int(year) >= 2020 else "false")


def test_every_reference_province_is_one_of_the_63():
    official = {r["province"] for r in read(REFERENCE / "regions.csv")}
    for name in ("papi_egov_scores", "population", "province_facts", "dti_press_facts", "papi_press_facts"):
        assert {r["province"] for r in read(REFERENCE / f"{name}.csv")} <= official, name


def test_implied_rank_surfaces_the_digital_economy_conflict():
    facts = read(REFERENCE / "dti_press_facts.csv")
    implied = {(f["province"], f["indicator_id"], f["assessment_year"]): f for f in facts if f["derived_from"]}
    tg = implied[(TG, "dti_rank_digital_economy", "2021")]
    origin = next(f for f in facts if f["fact_id"] == tg["derived_from"])
    assert (origin["value"], origin["assessment_year"], tg["value"]) == ("11", "2022", "14")  # 11 + 3
    table = dti.conflict_texts([HG, TG], "en")
    row = table[
        (table["province"] == TG)
        & (table["indicator_id"] == "dti_rank_digital_economy")
        & (table["period"].astype(str) == "2021")
    ]
    assert len(row) == 1
    text = row["a"].iloc[0] + " " + row["b"].iloc[0]
    assert ": 12" in text and ": 14 (implied" in text


def test_year_label_conflicts_read_the_calendar():
    announced = {int(r["assessment_year"]): r["announced"] for r in read(REFERENCE / "dti_calendar.csv")}
    for lang in ("en", "vi"):
        table = dti.conflict_texts([HG, TG], lang)
        labels = table[table["type"] == "year_label"]
        assert len(labels)
        for text in labels["b"]:
            year = int(text.split("DTI ")[1].split(" ")[0])
            y, m, d = map(int, announced[year].split("-"))
            # the announcement date as each language writes it (05/5/2022 in Vietnamese)
            assert (announced[year] if lang == "en" else f"{d:02d}/{m}/{y}") in text, text


def test_rates_against_independent_arithmetic():
    population = {
        (r["province"], r["year"]): float(r["average_population_thousand"]) * 1000
        for r in read(REFERENCE / "population.csv")
    }
    obs = {r["obs_id"]: r for r in read(DATA / "observations.csv")}
    facts = {r["fact_id"]: r for r in read(REFERENCE / "province_facts.csv")}
    table = rates.rates([HG, TG]).set_index("rate_id")
    for definition in read(DATA / "rate_definitions.csv"):
        numerator = obs[definition["numerator_obs"]]
        count, den = float(numerator["value"]), definition["denominator"]
        if den == "average_population":
            expected = count / population[(numerator["province"], definition["denominator_year"])] * 1000
        elif den.startswith("obs:"):
            expected = count / (float(obs[den[4:]]["value"]) / 100)
        else:
            expected = count / float(facts[den]["value"]) * float(definition["scale"])
        assert table.loc[definition["rate_id"], "value"] == pytest.approx(expected), definition["rate_id"]
    # The worked example: 387.500 households = 76,54% → about 506,000 households.
    implied = table[table["scale"] == "implied_total"]
    assert round(implied["value"].iloc[0], -3) == 506000
    assert (table["year_gap"] >= 0).all() and table["formula"].str.contains("/").all()


def test_dti_gaps_and_near_tie_verdict():
    scores = defaultdict(dict)
    for row in read(REFERENCE / "dti_scores.csv"):
        if row["scope"] == "63_provinces":
            scores[int(row["assessment_year"])][row["province"]] = float(row["score"])
    table = dti_scores.gaps([HG, TG]).set_index("assessment_year")
    assert sorted(table.index) == sorted(scores)
    for year, values in scores.items():
        gap, sd = values[HG] - values[TG], statistics.stdev(values.values())
        assert table.loc[year, "gap"] == pytest.approx(gap)
        assert table.loc[year, "sd"] == pytest.approx(sd)
        assert table.loc[year, "verdict"] == ("near_tie" if abs(gap) < 0.25 * sd else "ahead")
    assert list(table["verdict"]) == ["near_tie", "near_tie", "ahead"]  # 2022, 2023 ties; 2024 apart
    assert table.loc[2024, "leader"] == HG


# --- bad input: file:row:column, before anything is written -------------------


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def set_cell(root, relative, line, column, value):
    path = root / relative
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def line_of(relative, **match):
    for line, row in enumerate(read(ROOT / relative), start=2):
        if all(row[k] == v for k, v in match.items()):
            return line
    raise KeyError(match)


BAD = [
    # (file, row match, column, bad value, words expected)
    (
        "data/reference/papi_egov_scores.csv",
        {"year": "2022", "province": HG},
        "province",
        "Hau Giang",
        "is not allowed",
    ),
    (
        "data/reference/papi_egov_subdimensions.csv",
        {"year": "2022", "province": HG, "subdimension": "internet_access"},
        "score",
        "12.5",
        "out of range",
    ),
    (
        "data/reference/papi_egov_scores.csv",
        {"year": "2022", "province": HG},
        "score",
        "2.9999",
        "disagrees with the sum",
    ),
    ("data/reference/papi_egov_scores.csv", {"year": "2022", "province": HG}, "rank", "5", "not the competition rank"),
    ("data/reference/population.csv", {"year": "2020", "province": TG}, "province", "Tien Giang", "is not allowed"),
    ("data/reference/province_facts.csv", {"fact_id": "ctx01"}, "value", "175", "out of range"),
    ("data/reference/dti_press_facts.csv", {"fact_id": "pf15"}, "derived_from", "pf99", "is not a fact_id"),
    ("data/reference/dti_press_facts.csv", {"fact_id": "pf15"}, "value", "12", "implies 14"),
    ("data/rate_definitions.csv", {"rate_id": "r01"}, "denominator_year", "", "expected the denominator's year"),
    ("data/rate_definitions.csv", {"rate_id": "r01"}, "denominator_year", "2031", "no average population"),
    ("data/sources.csv", {"source_id": "papi-egov-dataset"}, "confidence", "certain", "is not allowed"),
]


@pytest.mark.parametrize("relative, match, column, value, words", BAD)
def test_bad_reference_row_is_reported_at_its_cell(project, relative, match, column, value, words):
    line = line_of(relative, **match)
    set_cell(project, relative, line, column, value)
    found = [p.message for p in validate_all(project) if (p.file, p.row, p.column) == (relative, line, column)]
    assert any(words in m for m in found), [str(p) for p in validate_all(project)][:5]


def test_loaded_papi_comparable_flag_follows_the_year():
    # pandas may read the column as booleans or as text; both must load the same way.
    scores = loading.load("papi_egov_scores")
    assert (scores["comparable"] == (scores["year"] >= 2020)).all()
    assert scores["comparable"].any() and not scores["comparable"].all()
