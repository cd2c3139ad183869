"""Build the reference tables in data/reference/ from the shared reference folder.

Run once by a maintainer (`python -m helpers.reference_build [--shared PATH]`);
the output CSVs are committed, so nothing at run time depends on the shared
folder. The shared files are not copied: their facts are re-expressed as tidy
tables with the project's source ids. Every check raises `ReferenceBuildError`
with a message that says what is wrong, so a changed input cannot slip through.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from helpers.paths import DATA, REFERENCE, ROOT

__all__ = [
    "ReferenceBuildError",
    "competition_rank",
    "check_table",
    "MEKONG_DELTA",
    "DTI_TABLES",
    "dti_tables",
    "score_rows",
    "region_rows",
    "mekong_rows",
    "calendar_rows",
    "press_rows",
    "press_source_id",
    "build",
    "main",
]

DEFAULT_SHARED = ROOT.parent / "shared" / "reference"


class ReferenceBuildError(ValueError):
    """The shared reference material does not say what the builder expects."""


# The 13 Mekong Delta provinces before the 2025 merger, spelled as in the JSON.
MEKONG_DELTA = (
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Trà Vinh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Kiên Giang",
    "Cần Thơ",
    "Hậu Giang",
    "Sóc Trăng",
    "Bạc Liêu",
    "Cà Mau",
)

SCOPE_63 = "63_provinces"
SCOPE_34 = "34_provinces_post_merger"

# (source_id, JSON file, assessment year, scope, officially reported mean or None).
DTI_TABLES = (
    ("dti-2022-official", "dti_2022_map.json", 2022, SCOPE_63, None),
    ("dti-2023-official", "dti_2023_map.json", 2023, SCOPE_63, 0.6783),
    ("dti-2024-63-official", "dti_2024_63_tinh_map.json", 2024, SCOPE_63, 0.6961),
    ("dti-2024-34-official", "dti_2024_34_tinh_map.json", 2024, SCOPE_34, None),
)

# Announcement dates of DTI N (assessing year N), from the shared README.
CALENDAR_SOURCE = "dti-calendar"
CALENDAR = (
    (
        2020,
        "2021-10-19",
        "first publication; reported by the Bắc Ninh Department of Information and Communications news page",
    ),
    (2021, "2022-08-08", ""),
    (2022, "2023-07-12", ""),
    (2023, "2025-02-06", ""),
    (2024, "2025-10-21", ""),
)

# Press pages are identified by a fragment of their URL; ids are fixed and
# must exist in data/sources.csv with the same URL.
PRESS_SOURCES = (
    ("vietnamnet.vn/", "2183202", "press-vietnamnet-tg-dti2022"),
    ("baoapbac.vn/", "964811", "press-baoapbac-tg-digital-economy"),
    ("huggingface.co/", "", "press-hf-vn-dti-provincial"),
    ("dti.gov.vn/", "xep-hang-2022", "press-dtigov-ranking-2022"),
    ("huunghi.haugiang.gov.vn/", "", "press-huunghi-hg-infrastructure"),
    ("vietbao.vn/", "", "press-vietbao-hg-dti"),
    ("baoapbac.vn/", "898330", "press-baoapbac-tg-papi2019"),
    ("baoapbac.vn/", "1007003", "press-baoapbac-tg-papi2023"),
)

# Shared indicator name -> (indicator_id, value override, qualifier, note).
INDICATORS = {
    "dti_rank_overall": ("dti_rank_overall", None, "exact", ""),
    "dti_rank_mekong_delta": ("dti_rank_mekong_delta", None, "exact", ""),
    "dti_rank_digital_government": ("dti_rank_digital_government", None, "exact", ""),
    "dti_rank_digital_economy": ("dti_rank_digital_economy", None, "exact", ""),
    "dti_rank_digital_society": ("dti_rank_digital_society", None, "exact", ""),
    # The shared row is a flag ("1" = yes); the fact is "rank 10 or better".
    "dti_top10_digital_infrastructure": (
        "dti_rank_digital_infrastructure",
        "10",
        "at_most",
        "the source says 'in the top 10'; recorded as rank at most 10",
    ),
}

# The shared file records one rank that is arithmetic on its quote ("17/63 …
# tăng 11 bậc so với năm 2020" stored as 28 for 2020). The project records the
# stated rank (17, for the year after the comparison year) and derives the
# other one like every implied rank (see IMPLIED below).
RESTATED = {
    ("Hậu Giang", "2020", "dti_rank_overall", "28"): ("17", 2021),
}
# The shared quote of that row carries a remark after a dash; the project
# keeps the quote verbatim and drops the remark.
_REMARK = re.compile(r"\s+—\s+.*derived.*$")

# A rank stated with its change ("xếp thứ 11 tăng 03 bậc so với năm 2021")
# implies the rank of the comparison year: 11 + 3 = 14 ("tăng" = rose).
IMPLIED = re.compile(
    r"(?:thứ|hạng)\s+(?P<rank>\d+)(?:/63)?\b[^()]{0,80}?\(?\s*(?P<dir>tăng|giảm)\s+(?P<written>0*(?P<step>\d+))"
    r"\s+(?P<unit>bậc|hạng)\s+so với năm\s+(?P<year>\d{4})"
)

# A score stated next to a rank in the same quote, e.g. "đạt 0,4856".
_STATED_SCORE = re.compile(r"đạt\s+(\d+,\d+)")
SCORE_INDICATOR = {"dti_rank_digital_economy": "dti_score_digital_economy"}

SCORE_COLUMNS = ["source_id", "assessment_year", "scope", "province", "score", "rank", "n_provinces"]
REGION_COLUMNS = ["province", "region", "in_mekong_delta"]
MEKONG_COLUMNS = ["source_id", "assessment_year", "province", "score", "rank_in_mekong_delta", "n_provinces"]
CALENDAR_COLUMNS = ["assessment_year", "announced", "source_id", "note"]
PRESS_COLUMNS = [
    "fact_id",
    "province",
    "indicator_id",
    "value",
    "qualifier",
    "assessment_year",
    "source_id",
    "url",
    "quote",
    "confidence",
    "note",
    "derived_from",
    "formula",
]


def competition_rank(scores: Sequence[float]) -> list[int]:
    """Rank by score, descending; equal scores share the best rank (1, 2, 2, 4)."""
    return [1 + sum(other > score for other in scores) for score in scores]


def _score_text(score: float) -> str:
    # Shortest round-trip form, so 0.6342 stays 0.6342 (no float noise).
    return repr(float(score))


def _load_table(path: Path) -> list[tuple[str, float]]:
    if not path.is_file():
        raise ReferenceBuildError(f"missing DTI table {path}")
    rows = json.loads(path.read_text(encoding="utf-8"))
    try:
        return [(row["province"], float(row["pdti"])) for row in rows]
    except (TypeError, KeyError) as err:
        raise ReferenceBuildError(f"{path.name}: expected a list of {{province, pdti}}: {err}") from err


def check_table(name: str, rows: list[tuple[str, float]], scope: str, expected_mean: float | None) -> None:
    provinces = [province for province, _ in rows]
    if len(set(provinces)) != len(provinces):
        raise ReferenceBuildError(f"{name}: a province appears twice")
    if scope == SCOPE_63 and len(provinces) != 63:
        raise ReferenceBuildError(f"{name}: {len(provinces)} provinces, expected 63 distinct")
    if expected_mean is not None:
        mean = round(sum(score for _, score in rows) / len(rows), 4)
        if mean != expected_mean:
            raise ReferenceBuildError(f"{name}: mean score {mean} does not match the official average {expected_mean}")


def dti_tables(shared: Path) -> list[dict[str, object]]:
    """Each DTI table with its checked rows: dicts of source_id, year, scope, rows."""
    tables = []
    for source_id, filename, year, scope, mean in DTI_TABLES:
        rows = _load_table(shared / "dti_official" / filename)
        check_table(filename, rows, scope, mean)
        tables.append({"source_id": source_id, "year": year, "scope": scope, "rows": rows})
    return tables


def score_rows(tables: Iterable[dict]) -> list[list[object]]:
    out = []
    for table in tables:
        rows = table["rows"]
        ranks = competition_rank([score for _, score in rows])
        for (province, score), rank in zip(rows, ranks):
            out.append(
                [table["source_id"], table["year"], table["scope"], province, _score_text(score), rank, len(rows)]
            )
    return sorted(out, key=lambda r: (r[1], r[2], r[5], r[3]))


def region_rows(tables: Iterable[dict]) -> list[list[object]]:
    provinces = {p for t in tables if t["scope"] == SCOPE_63 for p, _ in t["rows"]}
    missing = sorted(set(MEKONG_DELTA) - provinces)
    if missing:
        raise ReferenceBuildError(f"Mekong Delta provinces not found in the 63-province tables: {missing}")
    return [
        [p, "Mekong Delta" if p in MEKONG_DELTA else "other", "true" if p in MEKONG_DELTA else "false"]
        for p in sorted(provinces)
    ]


def mekong_rows(tables: Iterable[dict]) -> list[list[object]]:
    out = []
    for table in tables:
        if table["scope"] != SCOPE_63:
            continue
        rows = [(p, s) for p, s in table["rows"] if p in MEKONG_DELTA]
        if len(rows) != len(MEKONG_DELTA):
            raise ReferenceBuildError(f"{table['source_id']}: {len(rows)} Mekong Delta provinces, expected 13")
        ranks = competition_rank([score for _, score in rows])
        for (province, score), rank in zip(rows, ranks):
            out.append([table["source_id"], table["year"], province, _score_text(score), rank, len(rows)])
    return sorted(out, key=lambda r: (r[1], r[0], r[4], r[2]))


def calendar_rows() -> list[list[object]]:
    return [[year, date, CALENDAR_SOURCE, note] for year, date, note in CALENDAR]


def read_sources(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["source_id"]: row for row in csv.DictReader(handle)}


def press_source_id(url: str, sources: dict[str, dict[str, str]]) -> str:
    """The fixed source id of a press page, checked against data/sources.csv."""
    hits = [sid for host, fragment, sid in PRESS_SOURCES if host in url and fragment in url]
    if len(hits) != 1:
        raise ReferenceBuildError(f"no single press source id for URL {url} (matches: {hits})")
    source_id = hits[0]
    if source_id not in sources:
        raise ReferenceBuildError(f"source id {source_id} is not in data/sources.csv")
    if sources[source_id]["url"] != url:
        raise ReferenceBuildError(f"{source_id}: URL in data/sources.csv differs from the press fact URL {url}")
    return source_id


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


def press_rows(path: Path, sources: dict[str, dict[str, str]]) -> list[list[object]]:
    with path.open(encoding="utf-8", newline="") as handle:
        facts = list(csv.DictReader(handle))
    out: list[list[object]] = []

    def add(
        fact: dict,
        indicator_id: str,
        value: str,
        qualifier: str,
        year: int,
        quote: str,
        confidence: str,
        note: str,
        derived_from: str = "",
        formula: str = "",
    ) -> str:
        fact_id = f"pf{len(out) + 1:02d}"
        out.append(
            [
                fact_id,
                fact["province"],
                indicator_id,
                value,
                qualifier,
                year,
                press_source_id(fact["source_url"], sources),
                fact["source_url"],
                quote,
                confidence,
                note,
                derived_from,
                formula,
            ]
        )
        return fact_id

    stated = []
    for fact in facts:
        name = fact["indicator"]
        if name not in INDICATORS:
            raise ReferenceBuildError(f"unknown press indicator {name!r}")
        indicator_id, value, qualifier, note = INDICATORS[name]
        value = value or fact["value"]
        year, quote = int(fact["assessment_year"]), fact["quote"]
        restated = RESTATED.get((fact["province"], fact["assessment_year"], name, fact["value"]))
        if restated:
            value, year = restated
            quote = _REMARK.sub("", quote)
            note = f"assessment year {year}: the quote compares with {year - 1}"
        fact_id = add(fact, indicator_id, value, qualifier, year, quote, fact["confidence"], note)
        stated.append((fact_id, fact, indicator_id, value, qualifier, quote))
        # A score quoted beside the rank is a second fact from the same sentence.
        score = _STATED_SCORE.search(quote)
        if score and name in SCORE_INDICATOR:
            add(
                fact,
                SCORE_INDICATOR[name],
                score.group(1).replace(",", "."),
                "exact",
                year,
                quote,
                fact["confidence"],
                f"score stated in the same quote ({score.group(1)})",
            )
    # Implied ranks come after every stated fact, so stated ids never move.
    for fact_id, fact, indicator_id, value, qualifier, quote in stated:
        implied = implied_rank(quote, int(float(value))) if qualifier == "exact" else None
        if implied:
            year, previous, formula = implied
            add(
                fact,
                indicator_id,
                str(previous),
                "exact",
                year,
                quote,
                fact["confidence"],
                "implied by the stated rank and its change; not stated in the source",
                derived_from=fact_id,
                formula=formula,
            )
    return out


def write_csv(path: Path, header: list[str], rows: Iterable[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build(shared: Path = DEFAULT_SHARED, out: Path = REFERENCE, sources_csv: Path = DATA / "sources.csv") -> list[Path]:
    """Write the reference tables into `out`; return their paths."""
    if not shared.is_dir():
        raise ReferenceBuildError(f"shared reference folder not found: {shared}")
    tables = dti_tables(shared)
    sources = read_sources(sources_csv)
    for source_id in [t[0] for t in DTI_TABLES] + [CALENDAR_SOURCE]:
        if source_id not in sources:
            raise ReferenceBuildError(f"source id {source_id} is not in {sources_csv}")
    out.mkdir(parents=True, exist_ok=True)
    regions = region_rows(tables)
    provinces = {row[0] for row in regions}
    outputs = {
        "dti_scores.csv": (SCORE_COLUMNS, score_rows(tables)),
        "regions.csv": (REGION_COLUMNS, regions),
        "dti_mekong_ranks.csv": (MEKONG_COLUMNS, mekong_rows(tables)),
        "dti_calendar.csv": (CALENDAR_COLUMNS, calendar_rows()),
        "dti_press_facts.csv": (PRESS_COLUMNS, press_rows(shared / "dti_press_facts.csv", sources)),
    }
    # Imported here: those modules import this one for the shared helpers.
    from helpers import reference_papi, reference_population

    outputs.update(reference_papi.outputs(shared, sources, provinces))
    outputs.update(reference_population.outputs(shared, provinces))
    used = {row[0] for name in ("population.csv",) for row in outputs[name][1]}
    used |= {row[10] for row in outputs["province_facts.csv"][1]} | {reference_papi.SOURCE_ID}
    missing = sorted(used - set(sources))
    if missing:
        raise ReferenceBuildError(f"source ids missing from {sources_csv}: {', '.join(missing)}")
    written = []
    for name, (header, rows) in outputs.items():
        write_csv(out / name, header, rows)
        written.append(out / name)
    from helpers.geometry_build import build_shapes  # late: it imports this module

    written.append(build_shapes(shared, out, out / "regions.csv"))
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="shared reference folder (default: %(default)s)"
    )
    parser.add_argument("--out", type=Path, default=REFERENCE, help="output folder (default: %(default)s)")
    args = parser.parse_args(argv)
    for path in build(args.shared, args.out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
