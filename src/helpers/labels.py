"""Bilingual (English / Vietnamese) wording for charts and tables."""

from __future__ import annotations

import pandas as pd

from helpers.numbers import format_number

LANGS = ("en", "vi")

WORDS = {
    "en": {
        "as_of": "as of", "to": "to", "no_data": "not reported in the corpus", "rank": "rank",
        "source": "Sources", "period": "Periods", "target": "target", "province": "province",
        "official": "official table", "article": "article", "press": "press report",
        "of": "of", "year": "DTI assessment year", "score": "DTI score (0–1)",
    },
    "vi": {
        "as_of": "tính đến", "to": "đến", "no_data": "không có trong các bài báo", "rank": "hạng",
        "source": "Nguồn", "period": "Thời kỳ", "target": "mục tiêu", "province": "tỉnh",
        "official": "bảng chính thức", "article": "bài báo", "press": "báo chí",
        "of": "trên", "year": "Năm đánh giá DTI", "score": "Điểm DTI (0–1)",
    },
}
QUALIFIER_MARK = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤"}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def word(key: str, lang: str) -> str:
    return WORDS[check_lang(lang)][key]


def pick(lang: str, en: str, vi: str) -> str:
    """The text for `lang` (titles and prose written in both languages)."""
    return {"en": en, "vi": vi}[check_lang(lang)]


def period_text(period: str, lang: str) -> str:
    """Translate a period string from helpers.comparison ("as of 2022-05-05", "2022-01-01 to 2022-06-30", "2021")."""
    return period.replace("as of", word("as_of", lang)).replace(" to ", f" {word('to', lang)} ")


def value_text(value: float, qualifier: str, unit: str, lang: str) -> str:
    """A value as a reader sees it: qualifier mark, local number format, unit."""
    decimals = 2 if unit in {"percent", "score_0_1", "hectare"} and value != int(value) else 0
    number = format_number(value, lang, decimals=decimals if decimals else 0)
    suffix = {"percent": "%", "hectare": " ha", "billion_vnd": pick(lang, " bn VND", " tỉ đồng"),
              "month": pick(lang, " months", " tháng")}.get(unit, "")
    if unit.startswith("rank_of_"):
        suffix = f"/{unit.removeprefix('rank_of_')}"
    return f"{QUALIFIER_MARK[qualifier]}{number}{suffix}"


def indicator_label(row: pd.Series | dict, lang: str) -> str:
    return row["label_en"] if check_lang(lang) == "en" else row["label_vi"]
