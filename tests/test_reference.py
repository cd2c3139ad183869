"""The reference tables in data/reference/ are complete, correct and reproducible."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from helpers.data.paths import DATA, REFERENCE, ROOT
from helpers.reference.build import (
    DEFAULT_SHARED,
    MEKONG_DELTA,
    SCOPE_63,
    ReferenceBuildError,
    build,
    check_table,
    competition_rank,
    region_rows,
)
from helpers.reference.press import press_source_id

TABLES_63 = ("dti-2022-official", "dti-2023-official", "dti-2024-63-official")


def read(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_key(rows: list[dict[str, str]], *keys: str) -> dict[tuple[str, ...], dict[str, str]]:
    return {tuple(row[k] for k in keys): row for row in rows}


# --- the ranking rule -------------------------------------------------------


def test_competition_rank_shares_the_best_rank_on_ties() -> None:
    assert competition_rank([0.9, 0.8, 0.8, 0.7]) == [1, 2, 2, 4]
    # Order of the input does not matter; all-equal scores all rank first.
    assert competition_rank([0.5, 0.9, 0.5, 0.1]) == [2, 1, 2, 4]
    assert competition_rank([0.3, 0.3, 0.3]) == [1, 1, 1]
    assert competition_rank([]) == []


def test_table_checks_reject_bad_input() -> None:
    rows = [(f"P{i}", 0.5) for i in range(63)]
    check_table("ok", rows, SCOPE_63, 0.5)
    with pytest.raises(ReferenceBuildError, match="expected 63"):
        check_table("short", rows[:62], SCOPE_63, None)
    with pytest.raises(ReferenceBuildError, match="twice"):
        check_table("dup", rows[:62] + [("P0", 0.5)], SCOPE_63, None)
    with pytest.raises(ReferenceBuildError, match="official average"):
        check_table("mean", rows, SCOPE_63, 0.6783)
    # A Mekong Delta province missing (or misspelled) in the tables must fail.
    with pytest.raises(ReferenceBuildError, match="Hậu Giang"):
        region_rows([{"scope": SCOPE_63, "rows": [(p, 0.5) for p in MEKONG_DELTA if p != "Hậu Giang"]}])
    with pytest.raises(ReferenceBuildError, match="no single press source"):
        press_source_id("https://example.org/x", {})


# --- the committed tables ---------------------------------------------------


def test_each_63_province_table_has_63_distinct_provinces() -> None:
    counts = Counter(row["source_id"] for row in read("dti_scores.csv"))
    assert counts == {
        "dti-2022-official": 63,
        "dti-2023-official": 63,
        "dti-2024-63-official": 63,
        "dti-2024-34-official": 34,
    }
    for source_id in TABLES_63:
        provinces = {r["province"] for r in read("dti_scores.csv") if r["source_id"] == source_id}
        assert len(provinces) == 63, source_id


def test_ranks_follow_scores_by_competition_ranking() -> None:
    rows = read("dti_scores.csv")
    for source_id in {r["source_id"] for r in rows}:
        table = [r for r in rows if r["source_id"] == source_id]
        expected = competition_rank([float(r["score"]) for r in table])
        assert [int(r["rank"]) for r in table] == expected, source_id
        assert {int(r["n_provinces"]) for r in table} == {len(table)}


def test_2022_ranks_match_the_official_page() -> None:
    scores = by_key(read("dti_scores.csv"), "source_id", "province")
    assert scores["dti-2022-official", "Hậu Giang"]["rank"] == "17"
    assert scores["dti-2022-official", "Tiền Giang"]["rank"] == "20"
    # A real tie: Thanh Hóa and Yên Bái share 15th, so nobody is 16th.
    assert scores["dti-2022-official", "Thanh Hóa"]["rank"] == "15"
    assert scores["dti-2022-official", "Yên Bái"]["rank"] == "15"
    ranks_2022 = {r["rank"] for r in read("dti_scores.csv") if r["source_id"] == "dti-2022-official"}
    assert "16" not in ranks_2022


def test_regions_flag_the_13_mekong_delta_provinces() -> None:
    regions = read("regions.csv")
    assert len(regions) == 63
    mekong = {r["province"] for r in regions if r["in_mekong_delta"] == "true"}
    assert mekong == set(MEKONG_DELTA) and len(mekong) == 13
    assert all((r["region"] == "Mekong Delta") == (r["in_mekong_delta"] == "true") for r in regions)


def test_mekong_ranks_cover_13_provinces_per_table() -> None:
    rows = read("dti_mekong_ranks.csv")
    for source_id in TABLES_63:
        table = [r for r in rows if r["source_id"] == source_id]
        assert {r["province"] for r in table} == set(MEKONG_DELTA), source_id
        assert all(1 <= int(r["rank_in_mekong_delta"]) <= 13 for r in table)
        assert min(int(r["rank_in_mekong_delta"]) for r in table) == 1
    ranks = by_key(rows, "source_id", "province")
    # The press reports Tiền Giang 4th in the Mekong Delta for DTI 2022.
    assert ranks["dti-2022-official", "Tiền Giang"]["rank_in_mekong_delta"] == "4"
    assert ranks["dti-2022-official", "Hậu Giang"]["rank_in_mekong_delta"] == "3"


def test_calendar_lists_dti_2020_to_2024() -> None:
    rows = read("dti_calendar.csv")
    assert [(r["assessment_year"], r["announced"]) for r in rows] == [
        ("2020", "2021-10-19"),
        ("2021", "2022-08-08"),
        ("2022", "2023-07-12"),
        ("2023", "2025-02-06"),
        ("2024", "2025-10-21"),
    ]
    assert "Bắc Ninh" in rows[0]["note"]


def test_press_facts_are_mapped_and_qualified() -> None:
    facts = read("dti_press_facts.csv")
    assert [f["fact_id"] for f in facts] == [f"pf{i:02d}" for i in range(1, len(facts) + 1)]
    infra = [f for f in facts if f["indicator_id"] == "dti_rank_digital_infrastructure"]
    assert [(f["value"], f["qualifier"]) for f in infra] == [("10", "at_most")]
    # The vietbao sentence is about the ranking announced in 2023 (assessment year 2022):
    # the stated 17 (2022) plus the implied 28 of "tăng 11 bậc so với năm 2020".
    vietbao = [
        (f["value"], f["assessment_year"], f["derived_from"] != "")
        for f in facts
        if f["source_id"] == "press-vietbao-hg-dti"
    ]
    assert sorted(vietbao) == [("17", "2022", False), ("28", "2020", True)]
    assert all("derived" not in f["quote"] for f in facts)
    score = [f for f in facts if f["indicator_id"] == "dti_score_digital_economy"]
    assert [(f["value"], f["source_id"]) for f in score] == [("0.4856", "press-baoapbac-tg-digital-economy")]
    with (DATA / "sources.csv").open(encoding="utf-8", newline="") as handle:
        source_ids = {row["source_id"] for row in csv.DictReader(handle)}
    assert {f["source_id"] for f in facts} <= source_ids


# --- reproducibility and the package descriptor -----------------------------


@pytest.mark.skipif(not DEFAULT_SHARED.is_dir(), reason=f"shared reference folder {DEFAULT_SHARED} not present")
def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    written = build(DEFAULT_SHARED, tmp_path)
    committed = [*REFERENCE.glob("*.csv"), *REFERENCE.glob("*.geojson")]
    assert {p.name for p in written} == {p.name for p in committed}
    assert "province_boundaries.geojson" in {p.name for p in written}
    for path in written:
        assert path.read_bytes() == (REFERENCE / path.name).read_bytes(), path.name


def _signed_area2(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def test_boundaries_geojson_holds_every_province_with_valid_rings() -> None:
    """A standard FeatureCollection (RFC 7946: closed rings, outer counter-clockwise,
    holes clockwise, WGS84 lon/lat) with the official names and the licence."""
    collection = json.loads((REFERENCE / "province_boundaries.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "CC BY-SA 4.0" in collection["metadata"]["attribution"]
    assert "Open Development Mekong" in collection["metadata"]["attribution"]
    assert collection["metadata"]["license"] == "CC-BY-SA-4.0"
    names = [f["properties"]["province"] for f in collection["features"]]
    assert sorted(names) == sorted(row["province"] for row in read("regions.csv"))
    assert len(names) == len(set(names))
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        assert geometry["type"] in ("Polygon", "MultiPolygon") and polygons, feature["properties"]
        for polygon in polygons:
            for i, ring in enumerate(polygon):
                where = (feature["properties"]["province"], i)
                assert len(ring) >= 4 and ring[0] == ring[-1], where
                assert all(100 < lon < 120 and 5 < lat < 25 for lon, lat in ring), where
                assert (_signed_area2(ring) > 0) == (i == 0), where


def test_boundaries_geojson_has_the_rings_of_the_map_shapes() -> None:
    from helpers.data.geography import load_shapes

    collection = json.loads((REFERENCE / "province_boundaries.geojson").read_text(encoding="utf-8"))
    shapes = load_shapes()
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        drawn = shapes[feature["properties"]["province"]]
        assert [[len(r) for r in p] for p in polygons] == [[len(r) for r in p] for p in drawn]


def test_datapackage_describes_every_file_under_data() -> None:
    """Every file under data/ is a resource of datapackage.json (the GeoJSON boundaries with
    their format, media type, licence and source), except the raw articles, each of which
    is a row of data/sources.csv (its `file` column)."""
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"] if "path" in r}
    articles = {row["file"] for row in read_data("sources.csv")}
    files = {p.relative_to(ROOT).as_posix() for p in DATA.rglob("*") if p.is_file()} - articles
    assert files <= set(resources), f"not described in datapackage.json: {sorted(files - set(resources))}"
    assert {p.relative_to(ROOT).as_posix() for p in (DATA / "raw").rglob("*") if p.is_file()} <= articles
    boundaries = resources["data/reference/province_boundaries.geojson"]
    assert (boundaries["format"], boundaries["mediatype"]) == ("geojson", "application/geo+json")
    shapes = resources["data/reference/province_shapes.csv"]
    assert (boundaries["licenses"], boundaries["sources"]) == (shapes["licenses"], shapes["sources"])
    metadata = json.loads((REFERENCE / "province_boundaries.geojson").read_text(encoding="utf-8"))["metadata"]
    assert [lic["name"] for lic in boundaries["licenses"]] == [metadata["license"]]
    assert metadata["attribution"] in boundaries["licenses"][0]["title"]


def read_data(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_frictionless_validate_passes() -> None:
    frictionless = Path(sys.executable).parent / "frictionless"
    if not frictionless.exists():
        pytest.fail(f"frictionless CLI not found beside {sys.executable}")
    result = subprocess.run(
        [str(frictionless), "validate", "datapackage.json"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
