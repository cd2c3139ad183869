"""The raw articles: reading them and finding verbatim quotes in them.

Articles are read as received (never modified). Matching a quote tolerates
what a careful copy can legitimately change: Unicode normalization form,
non-breaking or repeated spaces. Everything else must match exactly.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from helpers.data.paths import ROOT

_SPACES = re.compile(r"\s+")


# Each article is searched for every one of its quotes (and validation runs on
# every check): normalizing it once per text, not once per quote, is what keeps
# `make validate` and the tests quick.
@lru_cache(maxsize=1024)
def normalize_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """NFC text with each whitespace run (U+00A0 included) as one space, and for
    each output character its index in `text`. Indexes refer to the NFC form of
    `text`, which is `text` itself for NFC input (all stored articles are NFC)."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        origin.append(i)
    return "".join(out), tuple(origin)


def normalize(text: str) -> str:
    return normalize_with_map(text)[0].strip()


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """Span (start, end) of `quote` in the original `text`, or None."""
    norm_text, origin = normalize_with_map(text)
    norm_quote = normalize(quote)
    if not norm_quote:
        return None
    at = norm_text.find(norm_quote)
    if at < 0:
        return None
    end = at + len(norm_quote) - 1
    return origin[at], origin[end] + 1


@cache
def read_article(file: str) -> str:
    """The text of a raw article, by its path relative to the repository root."""
    return (ROOT / file).read_text(encoding="utf-8")


def sha256_of(path: str | Path) -> str:
    return hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
