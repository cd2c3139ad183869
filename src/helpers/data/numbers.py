"""Vietnamese number parsing, formatting and discovery in running text.

Vietnamese writes `1.860` for one thousand eight hundred sixty and `37,98`
for thirty-seven point nine eight. Parsing and formatting go through Babel's
`vi` locale (not hand-written rules) so that the convention is the CLDR one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

__all__ = [
    "NumberMention",
    "find_numbers",
    "format_number",
    "parse_vi_number",
    "HEDGE_WORDS",
    "hedge_qualifier",
]

LOCALES = {"vi": "vi", "en": "en"}

# A number token: grouped thousands (1.860, 16.000) or plain digits, with an
# optional decimal part after a comma (37,98). Slash/hyphen/dash/colon compounds
# (17/63, 609/1.311, 22/4/2022, 2021-2025, 1.200–1.500, 11:28) are one token so
# that a date, a range or a fraction is classified as a whole, each part read
# with its thousands points. Anything else made of digits ("4.0", "12.5.2022",
# "1,5,7") is one `irregular` token too, so that no digit escapes coverage.
_SIMPLE = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_PART = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![.,]?\d)"
_TOKEN = re.compile(
    rf"(?<![\d.,])(?P<first>{_PART})(?P<rest>(?:[/:]{_PART}|[-–]{_PART})*)(?P<pct>\s?%)?"
    r"|(?P<irregular>\d+(?:[.,]\d+)*)"
)
_TIME = re.compile(r"\d{1,2}(?::\d{2}){1,2}")


class VietnameseNumberError(ValueError):
    """Raised when a string is not a number written in Vietnamese conventions."""


def parse_vi_number(text: str) -> float:
    """Parse a number written the Vietnamese way: `1.860` -> 1860.0, `37,98` -> 37.98.

    A trailing percent sign is allowed and ignored (the unit lives elsewhere).
    Misplaced grouping (`1.86`) is rejected rather than silently read as 1.86.
    """
    cleaned = text.replace("\u00a0", " ").strip().rstrip("%").strip()
    if not re.fullmatch(_SIMPLE, cleaned):
        raise VietnameseNumberError(f"not a Vietnamese-formatted number: {text!r}")
    try:
        value: Decimal = parse_decimal(cleaned, locale=LOCALES["vi"], strict=True)
    except NumberFormatError as exc:
        raise VietnameseNumberError(f"not a Vietnamese-formatted number: {text!r} ({exc})") from exc
    return float(value)


def format_number(value: float, lang: str = "en", decimals: int | None = None) -> str:
    """Format for display in `lang` ("en": 1,860.5, -3; "vi": 1.860,5, −3)."""
    if lang not in LOCALES:
        raise ValueError(f"lang must be one of {sorted(LOCALES)}, got {lang!r}")
    if decimals is not None:
        value = round(value, decimals)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        text = format_decimal(value, format=pattern, locale=LOCALES[lang])
    else:
        text = format_decimal(value, locale=LOCALES[lang])
    # Vietnamese typesetting writes the minus sign (U+2212), not Babel's hyphen-minus.
    return text.replace("-", "\u2212") if lang == "vi" else text


@dataclass(frozen=True)
class NumberMention:
    """One number token found in a text, with its position and parsed value."""

    start: int
    end: int
    text: str
    value: float  # value of the first component (17 for "17/63")
    kind: str  # number | percent | fraction | date_or_range | time | ratio | irregular

    def context(self, text: str, width: int = 60) -> str:
        left = text[max(0, self.start - width) : self.start]
        right = text[self.end : self.end + width]
        return " ".join(f"{left}[{self.text}]{right}".split())


def find_numbers(text: str) -> list[NumberMention]:
    """Every number token in `text`, in order of appearance."""
    found = []
    for m in _TOKEN.finditer(text):
        if m.group("irregular"):
            found.append(_irregular(m))
            continue
        first, rest, pct = m.group("first"), m.group("rest"), m.group("pct")
        value = parse_vi_number(first)
        if pct:
            kind = "percent"
        elif rest.startswith(":"):
            kind = "time" if _TIME.fullmatch(first + rest) else "ratio"
        elif rest.count("/") == 1 and not re.search("[-–:]", rest):
            kind = "fraction"
        elif rest:
            kind = "date_or_range"
        else:
            kind = "number"
        found.append(NumberMention(m.start(), m.end(), m.group(0), value, kind))
    return found


def _irregular(m: re.Match) -> NumberMention:
    """A digit run not written as a Vietnamese number ("4.0", "12.5.2022"):
    valued by its leading digits, a date when it has three parts."""
    text = m.group(0)
    try:
        value = parse_vi_number(text)
    except VietnameseNumberError:
        value = float(re.match(r"\d+", text).group(0))
    kind = "date_or_range" if text.count(".") == 2 and "," not in text else "irregular"
    return NumberMention(m.start(), m.end(), text, value, kind)


# Hedge words and the qualifier they imply. "gần" (nearly) and "khoảng" (about)
# make a value approximate; "hơn"/"trên" (more than) make it a lower bound;
# "tối thiểu" (at least) too; "tối đa" (at most) an upper bound, and so are the
# press's rank phrases "top N", "tốp N", "một trong N" (one of N), "nằm trong
# nhóm N" (in the group of N): a rank of at most N.
HEDGE_WORDS = {
    "gần": "approx",
    "khoảng": "approx",
    "hơn": "at_least",
    "trên": "at_least",
    "tối thiểu": "at_least",
    "tối đa": "at_most",
    "top": "at_most",
    "tốp": "at_most",
    "một trong": "at_most",
    "trong nhóm": "at_most",
}


def hedge_qualifier(before: str) -> str | None:
    """The qualifier implied by the word immediately before a number, if any.

    `before` is the text preceding the number; only its last one or two words
    count, so "hơn 1.007" is at_least but "tốt hơn, 1.007" is not hedged.
    """
    words = unicodedata.normalize("NFC", before.replace("\u00a0", " ")).lower().split()
    for n in (2, 1):
        if len(words) >= n and " ".join(words[-n:]) in HEDGE_WORDS:
            return HEDGE_WORDS[" ".join(words[-n:])]
    return None


# A rank stated with its change ("xếp thứ 11 tăng 03 bậc so với năm 2021")
# implies the rank of the comparison year: 11 + 3 = 14 ("tăng" = rose).
IMPLIED = re.compile(
    r"(?:thứ|hạng)\s+(?P<rank>\d+)(?:/63)?\b[^()]{0,80}?\(?\s*(?P<dir>tăng|giảm)\s+(?P<written>0*(?P<step>\d+))"
    r"\s+(?P<unit>bậc|hạng)\s+so với năm\s+(?P<year>\d{4})"
)


def implied_rank(quote: str, rank: int) -> tuple[int, int, str] | None:
    """(comparison year, implied rank, formula) when `quote` states `rank`
    together with its change since an earlier year, else None."""
    for m in IMPLIED.finditer(quote):
        if int(m["rank"]) != rank:
            continue
        step = int(m["step"])
        previous = rank + step if m["dir"] == "tăng" else rank - step
        sign = "+" if m["dir"] == "tăng" else "−"
        return (
            int(m["year"]),
            previous,
            f"{rank} {sign} {step} ('{m['dir']} {m['written']} {m['unit']} so với năm {m['year']}')",
        )
    return None
