"""Values, periods and dates as a reader sees them, in English or Vietnamese.

Vietnamese style: dates "05/5/2022", "06/02/2025", "01/01/2020", "tính đến
31/12/2022", "năm 2022", "6 tháng đầu năm 2022", "quý I/2022"; numbers 1.860,5;
minus "−" (U+2212).

Dates follow Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II (thể thức văn bản
hành chính): a day below 10 and the months 1 and 2 get a leading zero, months 3-12
are written as they are (the zero guards against a "1" added in front later).
"""

from __future__ import annotations

import textwrap

import pandas as pd

from helpers.data.numbers import format_number
from helpers.data.periods import Period
from helpers.text.catalogue import say

QUALIFIER_MARK = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def number_text(value: float, lang: str, decimals: int = 0) -> str:
    return format_number(value, lang, decimals=decimals)


def number_text_full(value: float, lang: str) -> str:
    """Every significant digit (as in a formula), in the reader's format: 729.470, 0,25."""
    digits = f"{value:.12f}".rstrip("0").partition(".")[2]
    return format_number(value, lang, decimals=len(digits[:12]))


MINUS = "\u2212"
# A number in a table cell shows the digits it carries, at most six decimals (as pandas shows them).
CELL_DECIMALS = 6


def cell_number_text(value: float, lang: str) -> str:
    """A number in a frame's cell in the reader's format: 0,6342, −7,3, 17 (no ".0" for an
    integer), 170.247 (vi); the English table keeps pandas' own format (not called for it).
    Never exactly three decimals: 2,7980 (a score's four), not 2,798, which reads as thousands
    the English way."""
    digits = len(f"{round(float(value), CELL_DECIMALS):.{CELL_DECIMALS}f}".rstrip("0").partition(".")[2])
    return format_number(float(value), lang, decimals=4 if digits == 3 else digits)


def date_text(day, lang: str) -> str:
    """2022-05-05 (en) or 05/5/2022, 06/02/2025 (vi, Nghị định 30/2020/NĐ-CP: leading
    zero for days below 10 and months 1 and 2); "unknown" / "không rõ" for a missing date."""
    if day is None or pd.isna(day):
        return say("unknown", lang)
    day = pd.Timestamp(day).date()
    if lang == "en":
        return day.isoformat()
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def period_text(period: Period, lang: str, at: bool = False) -> str:
    """A period for readers: "as of 2022-05-05" / "tính đến 05/5/2022", "2022" / "năm 2022",
    "first 6 months of 2022" / "6 tháng đầu năm 2022", "Q1 2022" / "quý I/2022". `at`: a date
    said as a point in time ("không có số liệu tại thời điểm 05/5/2022")."""
    if period.is_stock:
        return say("period.at" if at else "period.as_of", lang, date=date_text(period.start, lang))
    if period.whole_year:
        return say("period.year", lang, year=period.whole_year)
    if period.quarter:
        return say("period.quarter", lang, n=period.quarter, roman=ROMAN[period.quarter], year=period.start.year)
    if period.first_months:
        return say("period.first_months", lang, n=period.first_months, year=period.start.year)
    return say("period.range", lang, start=date_text(period.start, lang), end=date_text(period.end, lang))


def dated_text(period: Period, basis: str, lang: str) -> str:
    """A period with how it was obtained (period_basis of the data): as stated,
    "(inferred)" when the project read it from the context, or "date uncertain:
    between … and …" for a stock dated somewhere in the period."""
    if basis == "uncertain":
        return say("period.uncertain", lang, start=date_text(period.start, lang), end=date_text(period.end, lang))
    text = period_text(period, lang)
    return say("period.inferred", lang, period=text) if basis == "inferred" else text


def periods_text(periods, lang: str) -> str:
    return ", ".join(period_text(p, lang) for p in sorted(set(periods)))


# DTI scores are published to four decimals (0,4856); shares and areas carry
# the decimals their source gives, at most two.
SCORE_DECIMALS = 4
MAX_SHARE_DECIMALS = 2


def value_decimals(value: float, unit: str) -> int:
    """The one number-format rule: shares (and areas) show the decimals the value
    carries, at most two, so 85.5% sits beside 75% and 37.98%; DTI scores show four."""
    if unit == "score_0_1":
        return SCORE_DECIMALS
    if unit not in {"percent", "hectare"}:
        return 0
    for decimals in range(MAX_SHARE_DECIMALS):
        if round(value, decimals) == round(value, MAX_SHARE_DECIMALS):
            return decimals
    return MAX_SHARE_DECIMALS


def value_text(value: float, qualifier: str, unit: str, lang: str) -> str:
    """A value as a reader sees it: qualifier mark, local number format, unit."""
    decimals = value_decimals(float(value), unit)
    number = format_number(value, lang, decimals=decimals)
    suffix = say(unit_key(unit), lang, n=unit.removeprefix("rank_of_"))
    return f"{QUALIFIER_MARK[qualifier]}{number}{suffix}"


def unit_key(unit: str) -> str:
    """The catalogue key of a unit's suffix: "unit.<unit>", one "unit.rank_of" for every "rank_of_<n>"."""
    return "unit.rank_of" if unit.startswith("rank_of_") else f"unit.{unit}"


def formula_text(template: str, operands, decimals, lang: str) -> str:
    """helpers.analysis.derived.FORMULAS[key] with its operands in the reader's number format."""
    return template.format(*(format_number(v, lang, decimals=d) for v, d in zip(operands, decimals)))


def indicator_label(row, lang: str) -> str:
    return row["label_en"] if lang == "en" else row["label_vi"]


def join_words(items: list[str], lang: str) -> str:
    """ "a, b and c" / "a, b và c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + say("and", lang) + items[-1]


def signed(value: float, lang: str) -> str:
    return ("+" if value > 0 else MINUS) + format_number(abs(value), lang, decimals=0)


def wrap(text: str, width: int, **options) -> list[str]:
    """textwrap.wrap that never splits a name: consecutive capitalised words
    ("Tiền Giang", "Bà Rịa") stay on one line."""
    words = text.split(" ")
    kept = words[:1]
    for word in words[1:]:
        joined = kept[-1][:1].isupper() and word[:1].isupper() and kept[-1][-1:].isalpha()
        kept[-1:] = [f"{kept[-1]}\u00a0{word}"] if joined else [kept[-1], word]
    return [line.replace("\u00a0", " ") for line in textwrap.wrap(" ".join(kept), width, **options)]


def figure_data_line(path: str, lang: str) -> str:
    """The line under a figure in a notebook: where the CSV of every mark and number drawn is."""
    return say("frames.figure_data", lang, path=path)


def dated_value(value: float, qualifier: str, period, lang: str, basis: str = "stated", unit: str = "percent") -> str:
    """ "75% (as of 2023-06-30 (inferred))" / "75% (tính đến 30/6/2023 (suy ra từ ngữ cảnh))"."""
    return f"{value_text(value, qualifier, unit, lang)} ({dated_text(period, basis, lang)})"
