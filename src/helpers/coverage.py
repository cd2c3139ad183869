"""Every number in the raw articles, classified: curated, milestone or excluded.

`python -m helpers.coverage PATH` lists the numbers of a new article with
their context, as a curation aid (see README, "Adding an article").
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from helpers import loading
from helpers.numbers import find_numbers
from helpers.sources import find_quote, read_article


def _spans(table: pd.DataFrame, text: str) -> list[tuple[int, int, object]]:
    """(start, end, value) of each row's quote in `text`; value None for milestones."""
    spans = []
    for row in table.itertuples():
        span = find_quote(row.quote, text)
        if span:
            spans.append((*span, getattr(row, "value", None)))
    return spans


def classify_numbers() -> pd.DataFrame:
    """One row per number token in every article: source_id, start, text, kind,
    status (curated | milestone | excluded | unaccounted), reason, context."""
    sources = loading.load("sources")
    observations = loading.load("observations")
    milestones = loading.load("milestones")
    exclusions = loading.load("number_exclusions").set_index(["source_id", "start"])
    rows = []
    for source in sources[sources["tier"] == "article"].itertuples():
        text = read_article(source.file)
        obs = _spans(observations[observations["source_id"] == source.source_id], text)
        mil = _spans(milestones[milestones["source_id"] == source.source_id], text)
        for m in find_numbers(text):
            inside = lambda s: s[0] <= m.start and m.end <= s[1]  # noqa: E731
            if any(inside(s) and abs(s[2] - m.value) < 1e-9 for s in obs):
                status, reason = "curated", ""
            elif any(inside(s) for s in mil):
                status, reason = "milestone", ""
            elif (source.source_id, m.start) in exclusions.index:
                excluded = exclusions.loc[(source.source_id, m.start)]
                ok = excluded["text"] == m.text
                status, reason = ("excluded", excluded["reason"]) if ok else ("unaccounted", "offset text differs")
            else:
                status, reason = "unaccounted", ""
            rows.append({"source_id": source.source_id, "start": m.start, "text": m.text, "kind": m.kind,
                         "status": status, "reason": reason, "context": m.context(text, 40)})
    return pd.DataFrame(rows)


def coverage_summary(classified: pd.DataFrame) -> pd.DataFrame:
    """Counts of number tokens per article and status (missing statuses as 0)."""
    table = classified.pivot_table(index="source_id", columns="status", values="start", aggfunc="count", fill_value=0)
    for status in ("curated", "milestone", "excluded", "unaccounted"):
        if status not in table:
            table[status] = 0
    table = table[["curated", "milestone", "excluded", "unaccounted"]]
    table["total"] = table.sum(axis=1)
    return table.reset_index()


def list_numbers(path: Path) -> pd.DataFrame:
    """Every number token of a (new) article with its context, for curation."""
    text = Path(path).read_text(encoding="utf-8")
    return pd.DataFrame(
        [{"start": m.start, "text": m.text, "value": m.value, "kind": m.kind, "context": m.context(text, 50)}
         for m in find_numbers(text)]
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        classified = classify_numbers()
        print(coverage_summary(classified).to_string(index=False))
        missing = classified[classified["status"] == "unaccounted"]
        print(missing.to_string(index=False) if len(missing) else "every number is accounted for")
        return 1 if len(missing) else 0
    for path in argv:
        if not Path(path).is_file():
            print(f"error: {path}: no such file", file=sys.stderr)
            return 2
        print(f"# {path}")
        with pd.option_context("display.max_colwidth", 120, "display.width", 200):
            print(list_numbers(Path(path)).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
