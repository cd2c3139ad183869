"""No number is lost: fractions, ranges and ratios whose parts group thousands
are one token, and every digit of every article lies in exactly one token,
which validation classifies (curated, milestone or excluded)."""

import pytest

from helpers.checks import coverage
from helpers.data import loading
from helpers.data.numbers import find_numbers
from helpers.data.sources import read_article


@pytest.mark.parametrize(
    ("text", "token", "kind", "value"),
    [
        ("đạt 609/1.311 hồ sơ", "609/1.311", "fraction", 609),
        ("từ 1.200-1.500 người", "1.200-1.500", "date_or_range", 1200),
        ("từ 1.200–1.500 người", "1.200–1.500", "date_or_range", 1200),
        ("tỷ lệ 1:1.000", "1:1.000", "ratio", 1),
        ("giai đoạn 2021–2025", "2021–2025", "date_or_range", 2021),
        ("có 1.311/2.000,5 suất", "1.311/2.000,5", "fraction", 1311),
    ],
)
def test_compound_tokens_keep_their_grouped_parts_whole(text, token, kind, value):
    (found,) = find_numbers(text)
    assert (found.text, found.kind, found.value) == (token, kind, value)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("cách mạng công nghiệp 4.0 đã", ["4.0"]),  # not Vietnamese grouping, still one token
        ("ngày 12.5.2022 tỉnh", ["12.5.2022"]),
        ("mã 1,5,7 và 1.5000", ["1,5,7", "1.5000"]),
        ("năm 2022.Trong đó 3 xã", ["2022", "3"]),
    ],
)
def test_irregular_numbers_are_one_token_each_and_lose_no_digit(text, tokens):
    assert [m.text for m in find_numbers(text)] == tokens


def digits_outside_tokens(text):
    """Offsets of digits in `text` that belong to no token, and of digits in two."""
    owner = {}
    twice = []
    for m in find_numbers(text):
        for i in range(m.start, m.end):
            if text[i].isdigit():
                twice += [i] if i in owner else []
                owner[i] = m.start
    lost = [i for i, ch in enumerate(text) if ch.isdigit() and i not in owner]
    return lost, twice


def test_every_digit_of_every_article_belongs_to_exactly_one_classified_token():
    classified = coverage.classify_numbers()
    for row in loading.load("sources").query("tier == 'article'").itertuples():
        text = read_article(row.file)
        lost, twice = digits_outside_tokens(text)
        assert not lost, f"{row.file}: digits in no token at {[(i, text[i - 10 : i + 10]) for i in lost]}"
        assert not twice, f"{row.file}: digits in two tokens at {twice}"
        mine = classified[classified["source_id"] == row.source_id]
        starts = [m.start for m in find_numbers(text)]
        assert list(mine["start"]) == starts, row.file
        assert set(mine["status"]) <= {"curated", "milestone", "excluded"}, row.file


def test_the_lost_digit_of_a_fraction_is_found_by_the_digit_check():
    lost, _ = digits_outside_tokens("đạt 609/1.311 hồ sơ, 4.0 và 12.5.2022")
    assert lost == []
