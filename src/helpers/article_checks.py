"""Checks of the curated rows against the raw article texts: quotes, values,
qualifiers, milestone dates, exclusion offsets and contexts, and number
coverage (every number token accounted for). Called by `helpers.validation`,
which owns the reporting (`c` below is its checker; `tab` a table it read).
"""

from __future__ import annotations

import re
from datetime import date

from helpers.coverage import classify_text, exclusion_context
from helpers.numbers import NumberMention, find_numbers, hedge_qualifier
from helpers.sources import find_quote

QUALIFIERS = {"exact", "approx", "at_least", "at_most"}


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _read_as_english(token: str) -> float | None:
    """The first number of `token` read with English conventions (`1.860` ->
    1.86, `37,98` -> 3798): the usual way a Vietnamese value gets mistyped."""
    first = re.match(r"\d[\d.,]*", token).group(0).rstrip(".,")
    try:
        return float(first.replace(",", ""))
    except ValueError:
        return None


def value_mismatch(typed: str, value: float, numbers: list[NumberMention]) -> str:
    """Why `value` (typed as `typed`) matches no number of the quote, in words."""
    for m in numbers:
        english = _read_as_english(m.text)
        if english is not None and abs(english - value) < 1e-9:
            mark = "'.' groups thousands" if "." in m.text else "',' is the decimal mark"
            return (
                f"{m.text!r} written in Vietnamese is {_plain(m.value)} ({mark}) and the value typed was "
                f"{typed}; write {_plain(m.value)}"
            )
    read = "; ".join(f"{m.text!r} is {_plain(m.value)}" for m in numbers) or "it has no numbers"
    return f"the value typed was {typed}, which is no number of the quote; read in Vietnamese, {read}"


def check_quote_value(c, tab, line: int, row: dict, text: str, value: float | None) -> None:
    """The observation's quote is in the article, holds its value and agrees with its qualifier."""
    span = find_quote(row["quote"], text)
    if span is None:
        c.add(tab, line, "quote", f"quote not found verbatim in {row['source_id']}")
        return
    if value is None:
        return
    numbers = find_numbers(text[span[0] : span[1]])
    matches = [m for m in numbers if abs(m.value - value) < 1e-9]
    if not matches:
        c.add(tab, line, "value", value_mismatch(row["value"], value, numbers))
        return
    implied = {hedge_qualifier(text[: span[0] + m.start]) or "exact" for m in matches}
    if row["qualifier"] in QUALIFIERS and row["qualifier"] not in implied:
        c.add(
            tab,
            line,
            "qualifier",
            f"{row['qualifier']!r} disagrees with the quote's wording before {matches[0].text!r} "
            f"(implies {' or '.join(sorted(implied))})",
        )


def _date_in_quote(when: date, quote: str) -> bool:
    for m in find_numbers(quote):
        parts = [int(p) for p in re.split(r"[/\-]", m.text.replace(".", "")) if p.isdigit()]
        if parts[:2] == [when.day, when.month] and (len(parts) < 3 or parts[2] == when.year):
            return True
        if when.day == 1 and parts == [when.month, when.year]:
            return True
        if when.day == 1 and when.month == 1 and parts == [when.year]:
            return True
    return False


def check_milestone_quote(c, tab, line: int, row: dict, text: str, when: date | None) -> None:
    span = find_quote(row["quote"], text)
    if span is None:
        c.add(tab, line, "quote", f"quote not found verbatim in {row['source_id']}")
    elif when and not _date_in_quote(when, text[span[0] : span[1]]):
        c.add(tab, line, "date", f"{when} is not written in the quote")


def check_exclusion_text(c, tab, articles: dict[str, str]) -> None:
    """Each exclusion's token is at its offset, and its context is the text around it."""
    for line, row in tab.rows:
        text = articles.get(row["source_id"])
        if text is None:
            continue
        if not row["start"].isdigit():
            c.add(tab, line, "start", f"{row['start']!r} is not a character offset")
            continue
        start = int(row["start"])
        if text[start : start + len(row["text"])] != row["text"]:
            c.add(tab, line, "text", f"{row['text']!r} is not at offset {start} of {row['source_id']}")
            continue
        expected = exclusion_context(text, start, row["text"])
        if row["context"] != expected:
            c.add(
                tab,
                line,
                "context",
                f"does not match the text at offset {start} of {row['source_id']}; expected {expected!r}",
            )


def _number(value: str) -> float | None:
    return float(value) if re.fullmatch(r"-?\d+(\.\d+)?", value) else None


def check_coverage(c, sources: dict, articles: dict[str, str], observations, milestones, exclusions) -> None:
    """Every number token of every article is a curated value, in a milestone's
    quote, or excluded; each unaccounted one is reported at file:offset."""
    for source_id, text in articles.items():

        def of(tab, source_id=source_id):
            return [row for _, row in tab.rows if row["source_id"] == source_id]

        excluded = {int(r["start"]): (r["text"], r["reason"]) for r in of(exclusions) if r["start"].isdigit()}
        classified = classify_text(
            text,
            [(r["quote"], _number(r["value"])) for r in of(observations)],
            [r["quote"] for r in of(milestones)],
            excluded,
        )
        for n in classified:
            if n["status"] == "unaccounted":
                c.add(
                    sources[source_id]["file"],
                    n["start"],
                    "",
                    f"number {n['text']!r} of {source_id} is not accounted for: {n['context']!r}; "
                    "curate it (data/observations.csv or data/milestones.csv) or exclude it "
                    "(data/number_exclusions.csv; `python -m helpers.coverage --csv exclusions FILE` "
                    "prints the rows)",
                )
