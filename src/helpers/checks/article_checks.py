"""Checks of the curated rows against the raw article texts: quotes, values,
qualifiers, milestone dates, exclusion offsets and contexts, and number
coverage (every number token accounted for). Called by `helpers.checks.validation`,
which owns the reporting (`c` below is its checker; `tab` a table it read).
"""

from __future__ import annotations

import re
from datetime import date
from difflib import SequenceMatcher

from helpers.checks.coverage import classify_text, exclusion_context
from helpers.data.numbers import NumberMention, find_numbers, hedge_qualifier
from helpers.data.sources import find_quote, normalize, normalize_with_map

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


def closest_passage(quote: str, text: str) -> str:
    """Where the article most likely has `quote`, and the first place they differ (for a quote not found)."""
    norm_quote, norm_text = normalize(quote), normalize_with_map(text)[0]
    anchor = SequenceMatcher(None, norm_text, norm_quote, autojunk=False).find_longest_match()
    if anchor.size < 8:
        return "; no passage of the article resembles it"
    start = max(0, anchor.a - anchor.b)
    passage = norm_text[start : start + len(norm_quote)]
    i = next((k for k, (x, y) in enumerate(zip(norm_quote, passage)) if x != y), min(len(passage), len(norm_quote)))
    # the differing stretch: from the last word boundary before i to the next one after it
    left = norm_quote.rfind(" ", 0, i) + 1
    typed, written = norm_quote[left:].split(" ", 1)[0], passage[left:].split(" ", 1)[0]
    return (
        f"; the closest passage of the article is {passage!r}, which differs from the quote at its character "
        f"{i + 1}: the quote has {typed!r}, the article {written!r}"
    )


def check_quote_value(c, tab, line: int, row: dict, text: str, value: float | None) -> None:
    """The observation's quote is in the article, holds its value and agrees with its qualifier."""
    span = find_quote(row["quote"], text)
    if span is None:
        c.add(
            tab, line, "quote", f"quote not found verbatim in {row['source_id']}{closest_passage(row['quote'], text)}"
        )
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


# data/raw/articles/<date>_<outlet>_<topic>.txt (README, "Adding an article"): the
# date as the text states it (day, month only, or year only), else the reference date.
ARTICLE_NAME = re.compile(
    r"(?P<date>\d{4}(?:-\d{2}){0,2}|unknown)_(?P<outlet>[a-z0-9]+)_(?P<topic>[a-z0-9]+(?:-[a-z0-9]+)*)"
)
ARTICLES = "data/raw/articles/"


def check_article_name(c, tab, line: int, row: dict) -> None:
    """An article's source_id names its file and says its date and outlet as the row does."""
    sid = row["source_id"]
    if row["file"] != f"{ARTICLES}{sid}.txt":
        c.add(tab, line, "file", f"{row['file']!r}: expected {ARTICLES}{sid}.txt (the file is named by its source_id)")
    name = ARTICLE_NAME.fullmatch(sid)
    if not name:
        c.add(
            tab,
            line,
            "source_id",
            f"{sid!r} is not <date>_<outlet>_<topic>: date YYYY-MM-DD, YYYY-MM or YYYY (or unknown), outlet and "
            "topic in lower-case ASCII, the topic's words joined by '-' (e.g. 2023-08_vietnamnet_tiengiang-dx-review)",
        )
        return
    stated = row["published"] if row["published"] != "unknown" else row["reference_date"]
    dated = name["date"] == "unknown" and row["published"] == "unknown"
    if not dated and not stated.startswith(name["date"]):
        c.add(
            tab,
            line,
            "source_id",
            f"its date {name['date']} is not the article's "
            + (f"published date {stated}" if row["published"] != "unknown" else f"reference date {stated}")
            + " (write the date as the text states it: the day, or only the month or year)",
        )
    if (name["outlet"] == "unknown") != (row["outlet"] == "unknown"):
        c.add(
            tab,
            line,
            "source_id",
            f"its outlet {name['outlet']!r} disagrees with outlet {row['outlet']!r}: use 'unknown' exactly when "
            "the text does not state its outlet",
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
        c.add(
            tab, line, "quote", f"quote not found verbatim in {row['source_id']}{closest_passage(row['quote'], text)}"
        )
    elif when and not _date_in_quote(when, text[span[0] : span[1]]):
        c.add(tab, line, "date", f"{when} is not written in the quote")


def check_exclusion_text(c, tab, articles: dict[str, str]) -> set[tuple[str, int]]:
    """Each exclusion's token is at its offset, and its context is text around it.
    Returns (source_id, offset) of the tokens that misplaced rows most likely
    mean, so that coverage does not report them a second time."""
    meant = set()
    for line, row in tab.rows:
        text = articles.get(row["source_id"])
        if text is None:
            continue
        if not row["start"].isdigit():
            c.add(tab, line, "start", f"{row['start']!r} is not a character offset")
            continue
        start = int(row["start"])
        if text[start : start + len(row["text"])] != row["text"]:
            where = _token_offset(row, text, start)
            if where is not None:
                meant.add((row["source_id"], where))
            hint = f"; it is at offset {where}" if where is not None else "; no number token of the article is that"
            c.add(tab, line, "text", f"{row['text']!r} is not at offset {start} of {row['source_id']}{hint}")
            continue
        if not context_fits(row["context"], text, start, row["text"]):
            c.add(
                tab,
                line,
                "context",
                f"does not match the text at offset {start} of {row['source_id']}: write the article's text "
                "around the token with the token in [brackets] (any width; whitespace runs as one space); "
                f"the helper's window is {exclusion_context(text, start, row['text'])!r}",
            )
    return meant


def _token_offset(row: dict, text: str, start: int) -> int | None:
    """The offset of the number token a misplaced exclusion means: the one its
    context points at, else the nearest token with its text."""
    offsets = [m.start for m in find_numbers(text) if m.text == row["text"]]
    fitting = [o for o in offsets if context_fits(row["context"], text, o, row["text"])]
    candidates = fitting or offsets
    return min(candidates, key=lambda o: abs(o - start)) if candidates else None


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def context_fits(context: str, text: str, start: int, token: str) -> bool:
    """Whether `context` is the text around offset `start`: "left[token]right",
    any width either side, whitespace runs compared as one space."""
    mark = f"[{token}]"
    if context.count(mark) != 1:
        return False
    left, right = (_spaced(part) for part in context.split(mark))
    end = start + len(token)
    before = _spaced(text[max(0, start - 4 * len(left) - 8) : start])
    after = _spaced(text[end : end + 4 * len(right) + 8])
    return before.endswith(left) and after.startswith(right)


def _number(value: str) -> float | None:
    return float(value) if re.fullmatch(r"-?\d+(\.\d+)?", value) else None


def check_coverage(
    c, sources: dict, articles: dict[str, str], observations, milestones, exclusions, meant=frozenset()
) -> None:
    """Every number token of every article is a curated value, in a milestone's
    quote, or excluded; each unaccounted one is reported at file:offset.
    Not reported again: the tokens of articles named by a row that could not be
    read (`c.unreadable`), and those a misplaced exclusion means (`meant`)."""
    tables = (observations, milestones, exclusions)
    unreadable = set().union(*(c.unreadable.get(tab.file, set()) for tab in tables))
    skipped = set(articles) & unreadable
    if unreadable and not skipped:
        return  # an unreadable row names no article: its own error comes first
    for source_id, text in articles.items():
        if source_id in skipped:
            continue

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
            if n["status"] == "unaccounted" and (source_id, n["start"]) not in meant:
                c.add(
                    sources[source_id]["file"],
                    n["start"],
                    "",
                    f"number {n['text']!r} of {source_id} is not accounted for: {n['context']!r}; "
                    "curate it (data/observations.csv or data/milestones.csv) or exclude it "
                    "(data/number_exclusions.csv; `python -m helpers.checks.coverage --csv exclusions FILE` "
                    "prints the rows)",
                )
