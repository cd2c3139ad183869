"""Province geometry: the committed file, its builder and its loader."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from helpers.data.geography import SHAPES_CSV, GeometryError, load_shapes, read_shapes
from helpers.data.paths import REFERENCE
from helpers.reference.build import DEFAULT_SHARED, ReferenceBuildError
from helpers.reference.geometry import (
    NAME_FIXES,
    decode_arcs,
    shape_rows,
    simplify_arc,
)


def official() -> list[str]:
    with (REFERENCE / "regions.csv").open(encoding="utf-8", newline="") as handle:
        return [row["province"] for row in csv.DictReader(handle)]


def points(shapes, province: str) -> set[tuple[float, float]]:
    return {tuple(p) for polygon in shapes[province] for ring in polygon for p in ring}


def edges(shapes, province: str) -> set[frozenset]:
    return {
        frozenset((tuple(p), tuple(q)))
        for polygon in shapes[province]
        for ring in polygon
        for p, q in zip(ring, ring[1:])
    }


def area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


# --- the committed file -------------------------------------------------------


def test_names_are_the_official_provinces_once_each() -> None:
    with SHAPES_CSV.open(encoding="utf-8", newline="") as handle:
        names = {row["province"] for row in csv.DictReader(handle)}
    assert names == set(official())
    assert set(load_shapes()) == set(official())


def test_every_polygon_has_area_and_holes_turn_the_other_way() -> None:
    for province, polygons in load_shapes().items():
        assert polygons, province
        for polygon in polygons:
            assert area(polygon[0]) > 0, province  # outer ring counter-clockwise
            assert all(area(hole) < 0 for hole in polygon[1:]), province


def test_file_is_small() -> None:
    assert SHAPES_CSV.stat().st_size < 1_000_000


def test_neighbours_still_meet_after_simplification() -> None:
    shapes = load_shapes()
    for a, b in [
        ("Hậu Giang", "Cần Thơ"),
        ("Tiền Giang", "Long An"),
        ("Tiền Giang", "Bến Tre"),
        ("Hậu Giang", "Sóc Trăng"),
        ("Hà Nội", "Hưng Yên"),
    ]:
        shared = points(shapes, a) & points(shapes, b)
        assert len(shared) >= 3, (a, b)
        # One border (at most two runs): k shared points joined by k-1 or k-2
        # shared edges. Simplifying each polygon on its own would leave the two
        # sides with different points in between, so far fewer shared edges.
        assert len(edges(shapes, a) & edges(shapes, b)) >= len(shared) - 2, (a, b)
    # Every province has a land border, so each shares points with another one.
    everything = {p: points(shapes, p) for p in shapes}
    lonely = [
        p
        for p, own in everything.items()
        if not any(len(own & other) >= 2 for q, other in everything.items() if q != p)
    ]
    assert lonely == []


def test_both_archipelagos_are_kept() -> None:
    shapes = load_shapes()

    def offshore(province: str, lon_min: float, lat_range: tuple[float, float]) -> int:
        return sum(
            1
            for polygon in shapes[province]
            if polygon[0][:, 0].min() > lon_min and lat_range[0] < polygon[0][:, 1].mean() < lat_range[1]
        )

    assert offshore("Đà Nẵng", 111.0, (15.5, 17.5)) >= 5  # Hoàng Sa (Paracel)
    assert offshore("Khánh Hòa", 111.5, (7.0, 12.0)) >= 5  # Trường Sa (Spratly)


@pytest.mark.skipif(not DEFAULT_SHARED.is_dir(), reason=f"shared reference folder {DEFAULT_SHARED} not present")
def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    from helpers.reference.geometry import build_shapes

    written = build_shapes(DEFAULT_SHARED, tmp_path)
    assert written.read_bytes() == SHAPES_CSV.read_bytes()


# --- the builder on a small made-up topology ------------------------------------


def topology(names: list[str], *, empty: bool = False) -> dict:
    """Two unit squares side by side; arc 0 is their shared border."""
    arcs = [
        [[10, 0], [0, 10]],  # (10,0)->(10,10)
        [[10, 10], [-10, 0], [0, -10], [10, 0]],  # left square, rest
        [[10, 0], [10, 0], [0, 10], [-10, 0]],
    ]  # right square, rest
    # The left ring runs clockwise in the source; the builder must turn it.
    geometries = [
        {"type": "Polygon", "arcs": [[~1, ~0]], "properties": {"ten_tinh": names[0]}},
        {"type": "Polygon", "arcs": [] if empty else [[2, ~0]], "properties": {"ten_tinh": names[1]}},
    ]
    return {
        "type": "Topology",
        "arcs": arcs,
        "transform": {"scale": [0.1, 0.1], "translate": [100.0, 10.0]},
        "objects": {"x": {"type": "GeometryCollection", "geometries": geometries}},
    }


def test_builder_decodes_delta_encoded_arcs() -> None:
    arcs = decode_arcs(topology(["Cần Thơ", "Hậu Giang"]))
    assert arcs[1] == [(10, 10), (0, 10), (0, 0), (10, 0)]
    rows = shape_rows(topology(["Cần Thơ", "Hậu Giang"]), ["Cần Thơ", "Hậu Giang"])
    ct = rows[0][3].split(";")
    assert rows[0][:3] == ["Cần Thơ", 0, 0] and ct[0] == ct[-1]
    assert set(ct) == {"100.0000 10.0000", "101.0000 10.0000", "101.0000 11.0000", "100.0000 11.0000"}
    for row in rows:  # outer rings counter-clockwise, whichever way the arcs run
        ring = np.array([[float(v) for v in q.split()] for q in row[3].split(";")])
        assert area(ring) > 0, row[0]
    # The shared border's two points appear in both provinces.
    assert {"101.0000 10.0000", "101.0000 11.0000"} <= set(rows[1][3].split(";"))


def test_builder_fixes_known_spellings() -> None:
    assert NAME_FIXES["Cần Thơn"] == "Cần Thơ"
    rows = shape_rows(topology(["Cần Thơn", "Hậu Giang"]), ["Cần Thơ", "Hậu Giang"])
    assert [r[0] for r in rows] == ["Cần Thơ", "Hậu Giang"]


def test_builder_rejects_a_name_that_is_no_official_province() -> None:
    with pytest.raises(ReferenceBuildError, match="'Can Tho' matches no official province"):
        shape_rows(topology(["Can Tho", "Hậu Giang"]), ["Cần Thơ", "Hậu Giang"])


def test_builder_rejects_two_geometries_for_one_province() -> None:
    with pytest.raises(ReferenceBuildError, match="'Cần Thơ' and 'Cần Thơn' are both 'Cần Thơ'"):
        shape_rows(topology(["Cần Thơ", "Cần Thơn"]), ["Cần Thơ", "Hậu Giang"])


def test_builder_rejects_a_province_missing_from_the_geometry() -> None:
    with pytest.raises(ReferenceBuildError, match=r"missing from the geometry: \['Tiền Giang'\]"):
        shape_rows(topology(["Cần Thơ", "Hậu Giang"]), ["Cần Thơ", "Hậu Giang", "Tiền Giang"])


def test_builder_rejects_an_empty_polygon() -> None:
    with pytest.raises(ReferenceBuildError, match="'Hậu Giang': empty polygon"):
        shape_rows(topology(["Cần Thơ", "Hậu Giang"], empty=True), ["Cần Thơ", "Hậu Giang"])
    flat = topology(["Cần Thơ", "Hậu Giang"])
    flat["arcs"][2] = [[10, 0], [5, 0], [5, 0], [-10, 0]]  # a ring with no area
    with pytest.raises(ReferenceBuildError, match="'Hậu Giang': polygon 0 ring 0 is empty"):
        shape_rows(flat, ["Cần Thơ", "Hậu Giang"])


def test_simplification_keeps_endpoints_and_small_islands() -> None:
    wiggly = [(i, (i % 2) * 3) for i in range(50)]
    simple = simplify_arc(wiggly, tolerance=10)
    assert simple == [wiggly[0], wiggly[-1]]
    assert simplify_arc(wiggly, tolerance=1) == wiggly
    island = [(0, 0), (5, 1), (10, 0), (11, 5), (10, 10), (5, 11), (0, 10), (-1, 5), (0, 0)]
    kept = simplify_arc(island, tolerance=1000)
    assert kept[0] == kept[-1] == (0, 0) and len(set(kept)) >= 3


# --- the loader ---------------------------------------------------------------


def test_loader_names_file_row_and_column_of_bad_input(tmp_path: Path) -> None:
    good = "province,polygon,ring,points\nA,0,0,1 1;2 1;2 2;1 1\n"
    path = tmp_path / "shapes.csv"
    path.write_text(good, encoding="utf-8")
    assert list(read_shapes(path, ["A"])) == ["A"]
    cases = {
        "A,0,0,1 1;2 x;2 2;1 1\n": "shapes.csv:2:points: expected 'lon lat'",
        "A,0,0,1 1;2 1;2 2;1 2\n": "shapes.csv:2:points: expected a closed ring",
        "B,0,0,1 1;2 1;2 2;1 1\n": "shapes.csv:2:province: 'B' is not in",
        "A,0,1,1 1;2 1;2 2;1 1\n": "shapes.csv:2:ring: polygon 0 ring 1 out of order",
    }
    for row, message in cases.items():
        path.write_text("province,polygon,ring,points\n" + row, encoding="utf-8")
        with pytest.raises(GeometryError, match=message):
            read_shapes(path, ["A"])
    path.write_text(good, encoding="utf-8")
    with pytest.raises(GeometryError, match=r"no shape for \['B'\]"):
        read_shapes(path, ["A", "B"])
