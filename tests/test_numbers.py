"""Vietnamese number conventions: parsing, formatting, discovery, hedges."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.data.numbers import VietnameseNumberError, find_numbers, format_number, hedge_qualifier, parse_vi_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.860", 1860),
        ("37,98%", 37.98),
        ("28,5", 28.5),
        ("170.247", 170247),
        ("2.300", 2300),
        ("600", 600),
        ("76,54 %", 76.54),
        ("1.007", 1007),
    ],
)
def test_parses_vietnamese_numbers(text, value):
    assert parse_vi_number(text) == value


@pytest.mark.parametrize("text", ["1.86", "1,860.5", "12.34.5", "abc", "", "1.8600"])
def test_rejects_numbers_not_written_the_vietnamese_way(text):
    with pytest.raises(VietnameseNumberError):
        parse_vi_number(text)


def test_formats_for_each_language():
    assert format_number(1860.5, "vi") == "1.860,5"
    assert format_number(1860.5, "en") == "1,860.5"
    assert format_number(37.98, "vi", decimals=1) == "38,0"
    with pytest.raises(ValueError, match="lang"):
        format_number(1, "fr")


@given(st.integers(min_value=0, max_value=10**9))
def test_integer_round_trip(n):
    assert parse_vi_number(format_number(n, "vi")) == n


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=99))
def test_decimal_round_trip(whole, hundredths):
    value = whole + hundredths / 100
    assert parse_vi_number(format_number(value, "vi", decimals=2)) == pytest.approx(value)


@given(st.integers(min_value=1000, max_value=10**9))
def test_grouped_number_is_found_as_one_token(n):
    text = f"có {format_number(n, 'vi')} hồ sơ"
    (token,) = find_numbers(text)
    assert token.value == n and token.kind == "number"


def test_find_numbers_classifies_compound_tokens():
    tokens = find_numbers("xếp thứ 28/63; ngày 22/4/2022, đạt 37,98%, lúc 11:28, giai đoạn 2021-2025")
    assert [(t.text, t.kind) for t in tokens] == [
        ("28/63", "fraction"),
        ("22/4/2022", "date_or_range"),
        ("37,98%", "percent"),
        ("11:28", "time"),
        ("2021-2025", "date_or_range"),
    ]
    assert tokens[0].value == 28


def test_non_breaking_space_before_percent_sign():
    (token,) = find_numbers("đạt 98\u00a0%")
    assert token.kind == "percent" and token.value == 98


@pytest.mark.parametrize(
    ("before", "qualifier"),
    [
        ("có gần ", "approx"),
        ("là khoảng ", "approx"),
        ("có hơn ", "at_least"),
        ("đã có trên ", "at_least"),
        ("tối thiểu ", "at_least"),
        ("nằm trong top ", "at_most"),
        ("tiếp nhận ", None),
        ("gần\u00a0", "approx"),
    ],
)
def test_hedge_words(before, qualifier):
    assert hedge_qualifier(before) == qualifier
