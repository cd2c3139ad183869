"""Build the reference tables in data/reference/ from the shared reference folder.

Run once by a maintainer (`python -m helpers.reference.build [--shared PATH]`);
the output CSVs are committed, so nothing at run time depends on the shared
folder. The shared files are not copied: their facts are re-expressed as tidy
tables with the project's source ids. Every check raises `ReferenceBuildError`
with a message that says what is wrong, so a changed input cannot slip through.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from helpers.data.paths import DATA, REFERENCE, ROOT
from helpers.reference.common import ReferenceBuildError, competition_rank, write_csv

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
    "build",
    "main",
]

DEFAULT_SHARED = ROOT.parent / "shared" / "reference"


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

SCORE_COLUMNS = ["source_id", "assessment_year", "scope", "province", "score", "rank", "n_provinces"]
REGION_COLUMNS = ["province", "region", "in_mekong_delta"]
MEKONG_COLUMNS = ["source_id", "assessment_year", "province", "score", "rank_in_mekong_delta", "n_provinces"]
CALENDAR_COLUMNS = ["assessment_year", "announced", "source_id", "note"]


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


def build(shared: Path = DEFAULT_SHARED, out: Path = REFERENCE, sources_csv: Path = DATA / "sources.csv") -> list[Path]:
    """Write the reference tables into `out`; return their paths."""
    if not shared.is_dir():
        raise ReferenceBuildError(f"shared reference folder not found: {shared}")
    tables = dti_tables(shared)
    # Imported here: those modules import this one for the shared helpers.
    from helpers.reference import merger as reference_merger
    from helpers.reference import papi as reference_papi
    from helpers.reference import population as reference_population
    from helpers.reference import press as reference_press

    sources = reference_press.read_sources(sources_csv)
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
        "dti_press_facts.csv": (
            reference_press.PRESS_COLUMNS,
            reference_press.press_rows(shared / "dti_press_facts.csv", sources, shared / reference_press.ADDITIONS),
        ),
        "dti_successors.csv": (
            reference_merger.SUCCESSOR_COLUMNS,
            reference_merger.successor_rows(
                shared / reference_press.ADDITIONS, tables, reference_press.press_source_id, sources
            ),
        ),
    }
    outputs.update(reference_papi.outputs(shared, sources, provinces))
    outputs.update(reference_population.outputs(shared, provinces))
    used = {row[0] for name in ("population.csv",) for row in outputs[name][1]}
    used |= {row[11] for row in outputs["province_facts.csv"][1]} | {reference_papi.SOURCE_ID}
    missing = sorted(used - set(sources))
    if missing:
        raise ReferenceBuildError(f"source ids missing from {sources_csv}: {', '.join(missing)}")
    written = []
    for name, (header, rows) in outputs.items():
        write_csv(out / name, header, rows)
        written.append(out / name)
    from helpers.reference.geometry import build_boundaries  # late: it imports this module

    written += build_boundaries(shared, out, out / "regions.csv")
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
