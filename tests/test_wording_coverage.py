"""Validation catches what the run would trip on: every exclusion reason, unit,
qualifier, tier, theme, stacked part and rate denominator in the data has its
wording in both catalogues, else `make validate` names the row and the key to
add. And the counts left without a denominator are derived from the data."""

import csv

import pytest
from test_validation import edit, problems_at, project  # noqa: F401  (project is a fixture)

from helpers.analysis import rates
from helpers.data.paths import DATA
from helpers.run.validate import validate_all
from helpers.text.catalogue import CATALOGUES

HG, TG = "Hậu Giang", "Tiền Giang"
# A new reason is wording of notebook 06: its key goes beside the other `exclusion.*` keys.
BOTH = "src/helpers/text/messages/en/corpus.py and src/helpers/text/messages/vi/corpus.py"


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_new_exclusion_reason_needs_its_wording(project):
    with (project / "data/exclusion_reasons.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(["rank_change", "A change of rank stated as a number."])
    line = len(read(project / "data/exclusion_reasons.csv")) + 1
    found = problems_at(project, "exclusion_reasons.csv", line, "reason")
    assert any(f"add the key 'exclusion.rank_change' to {BOTH}" in m for m in found), found


def rows_with(file, column, value):
    """Lines of `file` whose `column` is `value` (or starts with it, for a value ending in "_")."""
    return [
        n
        for n, row in enumerate(read(DATA / file), start=2)
        if row[column] == value or (value.endswith("_") and row[column].startswith(value))
    ]


@pytest.mark.parametrize(
    ("lang", "key", "module", "file", "column", "value"),
    [
        ("vi", "tier.survey", "common", "sources.csv", "tier", "survey"),
        ("en", "hedged.at_least", "common", "observations.csv", "qualifier", "at_least"),
        ("vi", "theme.infrastructure", "common", "indicators.csv", "theme", "infrastructure"),
        ("en", "unit.hectare", "common", "indicators.csv", "unit", "hectare"),
        ("vi", "unit.rank_of", "common", "indicators.csv", "unit", "rank_of_"),
        (
            "en",
            "stacked.part.online_services_level2",
            "online_services",
            "indicators.csv",
            "indicator_id",
            "online_services_level2",
        ),
    ],
)
def test_a_value_without_wording_is_named_with_the_key_to_add(monkeypatch, lang, key, module, file, column, value):
    monkeypatch.delitem(CATALOGUES[lang], key)
    lines = rows_with(file, column, value)
    assert lines, (file, value)
    found = {(p.row, p.message) for p in validate_all() if (p.file, p.column) == (f"data/{file}", column)}
    expected = f"add the key {key!r} to src/helpers/text/messages/{lang}/{module}.py"
    assert sorted(row for row, message in found if expected in message) == lines, found


def test_a_rate_share_needs_the_name_of_its_denominator(monkeypatch):
    monkeypatch.delitem(CATALOGUES["en"], "rates.of.enterprises_active")
    facts = {r["fact_id"]: r for r in read(DATA / "reference/province_facts.csv")}
    lines = [
        n
        for n, r in enumerate(read(DATA / "rate_definitions.csv"), start=2)
        if r["denominator"] in facts and facts[r["denominator"]]["measure"] == "enterprises_active"
    ]
    assert lines
    found = [p for p in validate_all() if p.file == "data/rate_definitions.csv"]
    assert [p.row for p in found] == lines
    assert all("add the key 'rates.of.enterprises_active'" in p.message for p in found)


def test_counts_without_a_denominator_are_read_from_the_data():
    units = {r["indicator_id"]: r["unit"] for r in read(DATA / "indicators.csv")}
    with_rate = {r["numerator_obs"] for r in read(DATA / "rate_definitions.csv")}
    observations = read(DATA / "observations.csv")
    chosen = sorted({r["indicator_id"] for r in observations})
    expected = [
        r["obs_id"]
        for r in observations
        if r["province"] in (HG, TG) and units[r["indicator_id"]] == "count" and r["kind"] == "result"
    ]
    left = rates.no_denominator([HG, TG], chosen)
    assert sorted(left["obs_id"]) == sorted(i for i in expected if i not in with_rate)
    # every count with a rate row is not listed, and has its rate computed
    computed = set(rates.rates([HG, TG])["rate_id"])
    for row in read(DATA / "rate_definitions.csv"):
        assert row["numerator_obs"] not in set(left["obs_id"])
        assert row["rate_id"] in computed
