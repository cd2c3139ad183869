"""Every number in the raw articles, classified: curated, milestone or excluded.

    python -m helpers.checks.coverage                     every registered article: counts, and each unaccounted number
    python -m helpers.checks.coverage FILE...             the numbers of a (new) article with their context
    python -m helpers.checks.coverage --csv exclusions FILE
    python -m helpers.checks.coverage --csv observations FILE
                                                   ready-to-edit rows for data/number_exclusions.csv or
                                                   data/observations.csv (for a registered article, only
                                                   its numbers not yet accounted for)

See README, "Adding an article". `make validate` runs the same classification.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd

from helpers.data import loading
from helpers.data.numbers import NumberMention, find_numbers, hedge_qualifier
from helpers.data.paths import ROOT
from helpers.data.sources import find_quote, read_article

CONTEXT_WIDTH = 40  # characters either side in number_exclusions.context
STATUSES = ("curated", "milestone", "excluded", "unaccounted")


def exclusion_context(text: str, start: int, token: str) -> str:
    """The `context` of an exclusion row: the token in brackets, 40 characters
    either side, whitespace runs as one space."""
    return NumberMention(start, start + len(token), token, 0.0, "").context(text, CONTEXT_WIDTH)


def classify_text(text: str, observations, milestone_quotes, exclusions) -> list[dict]:
    """Each number token of one article `text`, with its status.

    `observations`: (quote, value) pairs; a token is curated when it lies in a
    found quote and has that value. `milestone_quotes`: quotes of dated events.
    `exclusions`: {start offset: (token text, reason)}. Plain data, so that
    validation can call this on tables it read itself."""
    obs = [(span, value) for quote, value in observations if (span := find_quote(quote, text))]
    mil = [span for quote in milestone_quotes if (span := find_quote(quote, text))]
    rows = []
    for m in find_numbers(text):

        def inside(span, m=m):
            return span[0] <= m.start and m.end <= span[1]

        if any(inside(span) and value is not None and abs(value - m.value) < 1e-9 for span, value in obs):
            status, reason = "curated", ""
        elif any(inside(span) for span in mil):
            status, reason = "milestone", ""
        elif m.start in exclusions:
            excluded_text, excluded_reason = exclusions[m.start]
            ok = excluded_text == m.text
            status, reason = ("excluded", excluded_reason) if ok else ("unaccounted", "offset text differs")
        else:
            status, reason = "unaccounted", ""
        rows.append(
            {
                "start": m.start,
                "text": m.text,
                "value": m.value,
                "kind": m.kind,
                "status": status,
                "reason": reason,
                "context": m.context(text, CONTEXT_WIDTH),
            }
        )
    return rows


@loading.whole_frame
def classify_numbers() -> pd.DataFrame:
    """One row per number token in every article: source_id, start, text, kind,
    status (curated | milestone | excluded | unaccounted), reason, context."""
    sources = loading.load("sources")
    observations = loading.load("observations")
    milestones = loading.load("milestones")
    exclusions = loading.load("number_exclusions")
    rows = []
    for source in sources[sources["tier"] == "article"].itertuples():
        sid = source.source_id
        obs = observations[observations["source_id"] == sid]
        excl = exclusions[exclusions["source_id"] == sid]
        for row in classify_text(
            read_article(source.file),
            zip(obs["quote"], obs["value"]),
            milestones.loc[milestones["source_id"] == sid, "quote"],
            {int(s): (t, r) for s, t, r in zip(excl["start"], excl["text"], excl["reason"])},
        ):
            del row["value"]
            rows.append({"source_id": sid, **row})
    return pd.DataFrame(rows, columns=["source_id", "start", "text", "kind", "status", "reason", "context"])


def coverage_summary(classified: pd.DataFrame) -> pd.DataFrame:
    """Counts of number tokens per article and status (missing statuses as 0)."""
    table = classified.pivot_table(index="source_id", columns="status", values="start", aggfunc="count", fill_value=0)
    for status in STATUSES:
        if status not in table:
            table[status] = 0
    table = table[list(STATUSES)]
    table["total"] = table.sum(axis=1)
    return table.reset_index()


def list_numbers(path: Path) -> pd.DataFrame:
    """Every number token of a (new) article with its context, for curation."""
    text = Path(path).read_text(encoding="utf-8")
    return pd.DataFrame(
        [
            {"start": m.start, "text": m.text, "value": m.value, "kind": m.kind, "context": m.context(text, 50)}
            for m in find_numbers(text)
        ]
    )


# -- suggestions for the CSV mode

_YEAR = range(1900, 2101)
# "số" before a number is a document number only after a kind of document: in
# "chuyển đổi số 6 tháng" or "kinh tế số" it means digital.
_DOCUMENT = re.compile(
    r"\b(nghị quyết|quyết định|nghị định|thông tư|chỉ thị|công văn|văn bản|kế hoạch|thông báo|tờ trình|"
    r"hướng dẫn|luật|đề án|chương trình)\s+số\s*$",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"[ \t\u00a0,|]*\d{1,2}:\d{2}\b")  # a date followed on its line by a time of day


def suggest_reason(m: NumberMention, text: str) -> str:
    """A likely exclusion reason for token `m` (empty when no rule fits: decide
    yourself; validation rejects an empty reason)."""
    before = text[max(0, m.start - 12) : m.start]
    if m.kind == "time" or before.endswith("GMT+") or "GMT" in text[m.end : m.end + 30]:
        return "publication_metadata"  # a dateline: "03 Tháng 10 2020 11:28 (GMT+7)"
    if m.kind == "date_or_range" and _TIME_AFTER.match(text, m.end):
        return "publication_metadata"  # a dateline without a time zone: "Thứ năm, 05/05/2022 21:48"
    if _DOCUMENT.search(unicodedata.normalize("NFC", text[max(0, m.start - 30) : m.start])):  # "Nghị quyết số 25/2020"
        return "document_number"
    if re.search(r"\b(mức|Bài)\s*$", before):
        return "label"
    parts = [int(p) for p in re.findall(r"\d+", m.text)]
    if m.kind in ("number", "date_or_range") and parts and all(p in _YEAR for p in parts):
        return "period_or_year"
    if m.kind == "fraction" and 1 <= parts[0] <= 12 and parts[1] in _YEAR:
        return "period_or_year"  # a month: "tháng 2/2024"
    return ""


def _sentence(text: str, m: NumberMention) -> str:
    """The clause or sentence (within its line) around token `m`, as a starting quote."""
    starts = [0] + [b.end() for b in re.finditer(r"[.!?;:]\s+|\n", text[: m.start])]
    end = re.search(r"[.!?;](\s|$)|\n", text[m.end :])
    stop = m.end + end.start() + 1 if end and end.group(0)[0] != "\n" else (m.end + end.start() if end else len(text))
    return " ".join(text[starts[-1] : stop].split())


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _registered(path: Path) -> dict | None:
    sources = loading.load("sources")
    try:
        relative = path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return None
    match = sources[sources["file"] == relative]
    return match.iloc[0].to_dict() if len(match) else None


def csv_rows(path: Path, mode: str) -> list[list[str]]:
    """Header and rows for data/number_exclusions.csv (`mode` "exclusions") or
    data/observations.csv ("observations") for the article at `path`: every
    number token, or for an article already in data/sources.csv only those
    not yet accounted for."""
    text = Path(path).read_text(encoding="utf-8")
    source = _registered(Path(path))
    source_id = source["source_id"] if source else Path(path).stem
    mentions = find_numbers(text)
    if source:
        done = set(classify_numbers().query("source_id == @source_id and status != 'unaccounted'")["start"])
        mentions = [m for m in mentions if m.start not in done]
    if mode == "exclusions":
        rows = [["source_id", "start", "text", "reason", "context"]]
        rows += [
            [source_id, str(m.start), m.text, suggest_reason(m, text), m.context(text, CONTEXT_WIDTH)] for m in mentions
        ]
        return rows
    ref = source["reference_date"].date().isoformat() if source and pd.notna(source["reference_date"]) else ""
    day = ref or (source_id[:10] if re.match(r"\d{4}-\d{2}-\d{2}", source_id) else "")
    prefix = day.replace("-", "") or "yyyymmdd"
    taken = loading.load("observations")["obs_id"]
    n = max([int(i.split("-")[1]) for i in taken if i.startswith(prefix + "-")], default=0)
    province = source["provinces"] if source and ";" not in source["provinces"] else ""
    # the columns of the file the rows are pasted into, in its order
    with (ROOT / "data/observations.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    rows = [header]
    for i, m in enumerate(mentions, start=n + 1):
        row = {
            "obs_id": f"{prefix}-{i:02d}",
            "province": province,
            "value": _plain(m.value),
            "qualifier": hedge_qualifier(text[: m.start]) or "exact",
            "period_start": ref,
            "period_end": ref,
            "period_basis": "inferred",  # the reference date, until the article's own period is typed in
            "kind": "result",
            "source_id": source_id,
            "quote": _sentence(text, m),
        }
        rows.append([row.get(column, "") for column in header])
    return rows


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except pd.errors.ParserError:
        # a malformed data row: say which, as `make validate` does, instead of a pandas traceback
        from helpers.checks.validation import validate_all  # imported here: validation imports this module

        rows = [str(p) for p in validate_all() if p.column == "-"]
        print("\n".join(rows) or "a data CSV file could not be read; `make validate` says where", file=sys.stderr)
        return 2


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.checks.coverage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="raw article text (UTF-8)")
    parser.add_argument(
        "--csv",
        choices=("exclusions", "observations"),
        help="print CSV rows to start data/number_exclusions.csv or data/observations.csv rows from",
    )
    args = parser.parse_args(argv)
    for path in args.files:
        if not path.is_file():
            parser.error(f"{path}: no such file")
    if args.csv and len(args.files) != 1:
        parser.error("--csv needs exactly one FILE")
    if args.csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows(csv_rows(args.files[0], args.csv))
        return 0
    if not args.files:
        classified = classify_numbers()
        print(coverage_summary(classified).to_string(index=False))
        missing = classified[classified["status"] == "unaccounted"]
        print(missing.to_string(index=False) if len(missing) else "every number is accounted for")
        return 1 if len(missing) else 0
    for path in args.files:
        print(f"# {path}")
        with pd.option_context("display.max_colwidth", 120, "display.width", 200):
            print(list_numbers(path).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
