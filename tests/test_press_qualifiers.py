"""Qualifiers for how the press writes: "một trong N", "top N", "tốp N" and
"nằm trong nhóm N" are rank bounds (at_most N) the quote check accepts; the
suggestions read "chuyển đổi số" (digital transformation) as words, not as
the "số" (number) of a document."""

import csv

import pytest
from test_article_checks import NEW_ID, add_article
from test_validation import project  # noqa: F401  (a fixture)

from helpers.checks import coverage
from helpers.data.numbers import find_numbers, hedge_qualifier
from helpers.run.validate import validate_all

RANKS = {
    "một trong 10 địa phương dẫn đầu": "10",
    "nằm trong top 5 tỉnh": "5",
    "lọt tốp 20 địa phương": "20",
    "nằm trong nhóm 15 tỉnh dẫn đầu": "15",
    "Top 3 cả nước": "3",
}


@pytest.mark.parametrize("phrase", RANKS)
def test_press_rank_phrases_imply_an_upper_bound(phrase):
    before = phrase[: phrase.index(RANKS[phrase])]
    assert hedge_qualifier("Tiền Giang " + before) == "at_most"


def test_a_rank_bound_from_the_press_passes_the_quote_check(project):
    sentence = "Tiền Giang là " + ", ".join(RANKS) + "."
    add_article(project, text="01/03/2024 | 08:15 GMT+7\n" + sentence + "\n")
    path = project / "data/observations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    rows = []
    for n, phrase in enumerate(RANKS, start=1):
        row = {
            "obs_id": f"20240301-{n:02d}",
            "province": "Tiền Giang",
            "indicator_id": "dti_rank_digital_infrastructure",
            "value": RANKS[phrase],
            "qualifier": "at_most",
            "period_start": "2022-01-01",
            "period_end": "2022-12-31",
            "period_basis": "stated",
            "kind": "result",
            "source_id": NEW_ID,
            "quote": phrase,
        }
        rows.append([row.get(column, "") for column in header])  # columns in the file's order
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    found = [str(p) for p in validate_all(project) if p.file == "data/observations.csv"]
    assert found == []


@pytest.mark.parametrize(
    ("text", "token", "reason"),
    [
        ("Kết quả chuyển đổi số 6 tháng đầu năm 2023", "6", ""),
        ("kinh tế số 15 năm qua", "15", ""),
        ("theo Nghị quyết số 25/2020 của HĐND", "25/2020", "document_number"),
        ("Quyết định số 749 của Thủ tướng", "749", "document_number"),
        ("Kế hoạch số 12/KH-UBND", "12", "document_number"),
    ],
)
def test_digital_so_is_not_read_as_a_document_number(text, token, reason):
    (m,) = [m for m in find_numbers(text) if m.text == token]
    assert coverage.suggest_reason(m, text) == reason
