"""Checks on the curated data, the first half of `make validate` (helpers.run.validate adds the wording checks).

Every problem is reported in one pass as `file:row:column: message`, where
row is the line number in the CSV file (the header is line 1), or, for a
number in a raw article, as `file:offset: message` (offset in characters).
Checks against the article texts live in `helpers.checks.article_checks`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpers.checks import validation_reference
from helpers.checks.article_checks import (
    QUALIFIERS,
    check_article_name,
    check_coverage,
    check_exclusion_text,
    check_milestone_quote,
    check_quote_value,
)
from helpers.checks.csv_rows import ODD, UNCLOSED, field_count, records
from helpers.data import province_names
from helpers.data.loading import closest_province
from helpers.data.paths import ROOT

KINDS = {"result", "target"}
TIERS = {"article", "official_table", "survey", "official_statistics", "press_reference"}
THEMES = {"dti", "public_services", "digital_economy", "digital_society", "digital_government", "infrastructure"}
UNITS = {"count", "percent", "rank_of_63", "rank_of_13", "score_0_1", "hectare", "billion_vnd", "month"}
MISSING = "unknown"
ALL_PROVINCES = "all"  # sources.csv provinces of a national table

COLUMNS = {
    "sources": "source_id file title outlet published reference_date provinces language url tier publisher confidence "
    "copy_used sha256 notes",
    "indicators": "indicator_id theme label_en label_vi unit higher_is_better definition_en",
    "observations": "obs_id province indicator_id value qualifier period_start period_end period_label period_basis "
    "kind source_id "
    "quote note",
    "milestones": "milestone_id date province event_en event_vi source_id quote",
    "number_exclusions": "source_id start text reason context",
    "exclusion_reasons": "reason description",
}
FILES = {name: f"data/{name}.csv" for name in COLUMNS}
REGIONS = "data/reference/regions.csv"
CALENDAR = "data/reference/dti_calendar.csv"


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.column:  # a position in a raw article: file:offset
            return f"{self.file}:{self.row}: {self.message}"
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


@dataclass
class Table:
    file: str
    rows: list[tuple[int, dict[str, str]]]  # (line number, row)


class _Checker:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        # (table, line, column, catalogue key, what): keys the wording layer must find
        self.wording: list[tuple] = []
        self.unreadable: dict[str, set[str]] = {}  # file -> every field of its rows that could not be read
        self.unreadable_ids: set[str] = set()  # their first field (the row's id)

    def add(self, table: Table | str, row: int, column: str, message: str) -> None:
        file = table.file if isinstance(table, Table) else table
        problem = Problem(file, row, column, message)
        if problem not in self.problems:  # a file read by two checks reports its bad rows once
            self.problems.append(problem)

    # -- reading

    def read(self, file: str, columns: list[str] | None) -> Table | None:
        path = self.root / file
        if not path.exists():
            self.add(file, 0, "-", "file is missing")
            return None
        found = records(path.read_text(encoding="utf-8"))
        header = found[0][1] if found else []
        if columns is not None and header != columns:
            self.add(file, 1, "-", f"expected columns {','.join(columns)}; found {','.join(header)}")
            return None
        rows = []
        for line, fields, problem in found[1:]:
            if problem == ODD:  # a stray quote inside an unquoted field reads as written
                problem = None if len(fields) == len(header) else UNCLOSED
            elif problem is None and len(fields) != len(header):
                problem = field_count(fields, header)
            if problem:
                # Reported once here; checks that would trip on its absence skip what it names.
                self.add(file, line, "-", problem)
                self.unreadable.setdefault(file, set()).update(fields)
                self.unreadable_ids.add(fields[0] if fields else "")
                continue
            rows.append((line, dict(zip(header, fields))))
        return Table(file, rows)

    # -- generic column checks

    def unique(self, table: Table, *columns: str) -> None:
        seen: dict[tuple, int] = {}
        for line, row in table.rows:
            key = tuple(row[c] for c in columns)
            if key in seen:
                self.add(table, line, "+".join(columns), f"duplicate id {'/'.join(key)!r} (first on row {seen[key]})")
            seen.setdefault(key, line)

    def required(self, table: Table, *columns: str) -> None:
        for line, row in table.rows:
            for c in columns:
                if not row[c].strip():
                    self.add(table, line, c, "expected a value, found an empty field")

    def enum(self, table: Table, column: str, allowed: set[str], what: str = "") -> None:
        for line, row in table.rows:
            if row[column] not in allowed:
                shown = ", ".join(sorted(allowed)) if len(allowed) <= 12 else f"one of {len(allowed)} {what}"
                self.add(table, line, column, f"{row[column]!r} is not allowed; expected {shown}")

    def foreign(self, table: Table, column: str, target: set[str], target_file: str) -> None:
        for line, row in table.rows:
            if row[column] not in target and row[column] not in self.unreadable_ids:
                self.add(table, line, column, f"{row[column]!r} is not an id in {target_file}")

    def iso_date(self, table: Table, line: int, column: str, value: str, allow_missing=False) -> date | None:
        if allow_missing and value == MISSING:
            return None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.add(table, line, column, f"{value!r} is not an ISO date (YYYY-MM-DD)")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.add(table, line, column, f"{value!r} is not a real date")
            return None


def _read_text(root: Path, file: str) -> str | None:
    path = root / file
    return path.read_text(encoding="utf-8") if path.is_file() else None


def validate_all(root: Path = ROOT, extra: tuple = ()) -> list[Problem]:
    """All problems in the curated data under `root` (empty list when valid)."""
    c = _Checker(Path(root))
    t = {name: c.read(FILES[name], COLUMNS[name].split()) for name in COLUMNS}
    regions = c.read(REGIONS, None)
    calendar = c.read(CALENDAR, None)
    provinces = {province_names.nfc(row["province"]) for _, row in regions.rows} if regions else set()
    province_names.check_alias_file(c, provinces)
    announced = (
        {int(row["assessment_year"]): date.fromisoformat(row["announced"]) for _, row in calendar.rows}
        if calendar
        else {}
    )

    sources, articles = {}, {}
    if t["sources"]:
        sources, articles = _check_sources(c, t["sources"], provinces)
    indicators = _check_indicators(c, t["indicators"]) if t["indicators"] else {}
    if t["observations"]:
        _check_observations(c, t["observations"], sources, articles, indicators, provinces, announced)
    if t["milestones"]:
        _check_milestones(c, t["milestones"], sources, articles, provinces)
    meant = set()
    if t["exclusion_reasons"] and t["number_exclusions"]:
        meant = _check_exclusions(c, t["number_exclusions"], t["exclusion_reasons"], sources, articles)
    if t["observations"] and t["milestones"] and t["number_exclusions"]:
        check_coverage(c, sources, articles, t["observations"], t["milestones"], t["number_exclusions"], meant)
    observations = {row["obs_id"]: row for _, row in t["observations"].rows} if t["observations"] else {}
    validation_reference.check(c, provinces, sources, observations)
    for check in extra:  # checks of higher layers (wording), given by helpers.run.validate
        check(c, t)
    return c.problems


def _did_you_mean(c: _Checker, names: list[str], provinces: set[str]) -> str:
    """' (did you mean 'Tiền Giang'?)' for the official spellings `names` most likely
    mean; for an alias, the official name to write (helpers.data.province_names)."""
    aliases = province_names.alias_table(c.root)
    known = [province_names.data_message(province_names.read(n, provinces, aliases)) for n in names]
    if any(known):
        return "".join(known)
    guesses = [g for g in (closest_province(n, provinces) for n in names) if g]
    return f" (did you mean {', '.join(map(repr, guesses))}?)" if guesses else ""


def _official(name: str, provinces: set[str]) -> bool:
    """An official name, compared after NFC: decomposed accents are the same name (read as NFC)."""
    return province_names.nfc(name) in provinces


def _check_province_column(c: _Checker, tab: Table, provinces: set[str]) -> None:
    for line, row in tab.rows:
        if not _official(row["province"], provinces):
            c.add(
                tab,
                line,
                "province",
                f"{row['province']!r} is not one of the {len(provinces)} provinces of {REGIONS}"
                f"{_did_you_mean(c, [row['province']], provinces)}; spell it as there, with diacritics",
            )


def _check_sources(c: _Checker, tab: Table, provinces: set[str]) -> tuple[dict, dict]:
    c.unique(tab, "source_id")
    c.required(tab, "source_id", "file", "title", "outlet", "published", "provinces", "tier")
    c.enum(tab, "tier", TIERS)
    c.enum(tab, "confidence", {"high", "medium", "low"})
    sources, articles = {}, {}
    for line, row in tab.rows:
        named = row["provinces"].split(";")
        checked = provinces and row["provinces"] and named != [ALL_PROVINCES]
        unknown = [p for p in named if not _official(p, provinces)] if checked else []
        if unknown:
            c.add(
                tab,
                line,
                "provinces",
                f"{', '.join(map(repr, unknown))} not in {REGIONS}{_did_you_mean(c, unknown, provinces)}; expected "
                f"province names spelled as there, ';'-separated, or {ALL_PROVINCES!r} for a national table",
            )
        c.iso_date(tab, line, "published", row["published"], allow_missing=True)
        ref = row["reference_date"]
        row["_reference_date"] = c.iso_date(tab, line, "reference_date", ref) if ref else None
        sources[row["source_id"]] = row
        if row["tier"] != "article":
            continue
        if not row["_reference_date"]:
            c.add(tab, line, "reference_date", "an article needs the date its facts can refer up to")
        check_article_name(c, tab, line, row)
        text = _read_text(c.root, row["file"])
        if text is None:
            c.add(tab, line, "file", f"raw article {row['file']!r} not found")
            continue
        digest = hashlib.sha256((c.root / row["file"]).read_bytes()).hexdigest()
        if digest != row["sha256"]:
            c.add(tab, line, "sha256", f"raw article changed: file has sha256 {digest}, register says {row['sha256']}")
        articles[row["source_id"]] = text
    return sources, articles


def _check_indicators(c: _Checker, tab: Table) -> dict:
    c.unique(tab, "indicator_id")
    c.required(tab, "indicator_id", "label_en", "label_vi", "definition_en")
    c.enum(tab, "theme", THEMES)
    c.enum(tab, "unit", UNITS)
    c.enum(tab, "higher_is_better", {"true", "false"})
    return {row["indicator_id"]: row for _, row in tab.rows}


def _value_range(unit: str) -> tuple[float, float | None]:
    if unit == "percent":
        return 0.0, 100.0
    if unit.startswith("rank_of_"):
        return 1.0, float(unit.removeprefix("rank_of_"))
    if unit == "score_0_1":
        return 0.0, 1.0
    return 0.0, None


def _check_observations(c, tab, sources, articles, indicators, provinces, announced) -> None:
    c.unique(tab, "obs_id")
    c.required(tab, "obs_id", "quote")
    c.enum(tab, "qualifier", QUALIFIERS)
    c.enum(tab, "kind", KINDS)
    c.enum(tab, "period_basis", {"stated", "inferred"})
    c.foreign(tab, "indicator_id", set(indicators), FILES["indicators"])
    c.foreign(tab, "source_id", set(sources), FILES["sources"])
    if provinces:
        _check_province_column(c, tab, provinces)
    for line, row in tab.rows:
        try:
            value = float(row["value"])
            if not re.fullmatch(r"-?\d+(\.\d+)?", row["value"]):
                raise ValueError
        except ValueError:
            c.add(tab, line, "value", f"{row['value']!r} is not a plain number ('.' decimal, no grouping)")
            value = None
        unit = indicators.get(row["indicator_id"], {}).get("unit")
        if value is not None and unit:
            low, high = _value_range(unit)
            if value < low or (high is not None and value > high):
                limit = f"{low:g}..{high:g}" if high is not None else f">= {low:g}"
                c.add(tab, line, "value", f"{value:g} is out of range for unit {unit} (expected {limit})")
            if unit.startswith("rank_of_") and value != int(value):
                c.add(tab, line, "value", f"a rank must be a whole number, found {value:g}")
        start = c.iso_date(tab, line, "period_start", row["period_start"])
        end = c.iso_date(tab, line, "period_end", row["period_end"])
        if start and end and start > end:
            c.add(tab, line, "period_end", f"period ends ({end}) before it starts ({start})")
        source = sources.get(row["source_id"])
        if not source or source["tier"] != "article":
            if source:
                c.add(
                    tab,
                    line,
                    "source_id",
                    "observations must come from an article; reference facts live in data/reference/",
                )
            continue
        ref = source.get("_reference_date")
        # A target's period is its deadline, usually after the article; a result's cannot be.
        result = row["kind"] != "target"
        if result and end and ref and end > ref:
            c.add(
                tab,
                line,
                "period_end",
                f"period ends {end}, after the source's reference date {ref} "
                "(only kind=target rows may end later: their period is the deadline)",
            )
        if result and start and row["indicator_id"].startswith("dti_") and ref:
            out = announced.get(start.year)
            if out is None:
                c.add(tab, line, "period_start", f"no DTI was announced for assessment year {start.year}")
            elif out > ref:
                c.add(
                    tab,
                    line,
                    "period_start",
                    f"DTI {start.year} was announced {out}, after the source's reference date {ref}; "
                    "the article must mean an earlier assessment year",
                )
        text = articles.get(row["source_id"])
        if text is not None and row["quote"].strip():
            check_quote_value(c, tab, line, row, text, value)


def _check_milestones(c, tab, sources, articles, provinces) -> None:
    c.unique(tab, "milestone_id")
    c.required(tab, "milestone_id", "event_en", "event_vi", "quote")
    c.foreign(tab, "source_id", set(sources), FILES["sources"])
    if provinces:
        _check_province_column(c, tab, provinces)
    for line, row in tab.rows:
        when = c.iso_date(tab, line, "date", row["date"])
        source = sources.get(row["source_id"], {})
        ref = source.get("_reference_date")
        if when and ref and when > ref:
            c.add(tab, line, "date", f"{when} is after the source's reference date {ref}")
        text = articles.get(row["source_id"])
        if text is not None:
            check_milestone_quote(c, tab, line, row, text, when)


def _check_exclusions(c, tab, reasons, sources, articles) -> None:
    c.unique(reasons, "reason")
    c.unique(tab, "source_id", "start")
    c.foreign(tab, "source_id", set(articles) or set(sources), "the article rows of " + FILES["sources"])
    c.foreign(tab, "reason", {row["reason"] for _, row in reasons.rows}, FILES["exclusion_reasons"])
    return check_exclusion_text(c, tab, articles)
