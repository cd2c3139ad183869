"""Build data/reference/province_shapes.csv from the shared TopoJSON boundaries.

Maintainers only (run by `python -m helpers.reference.build`). Decodes the
quantized, delta-encoded arcs, simplifies each shared arc once with
Douglas–Peucker (arc endpoints kept, so neighbouring provinces still meet),
renames provinces to the official spellings of data/reference/regions.csv and
writes one row per ring. Every check raises `ReferenceBuildError` before
anything is written.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

from helpers.data.paths import REFERENCE
from helpers.reference.common import ReferenceBuildError, write_csv
from helpers.reference.geojson import write_geojson

__all__ = [
    "GEO_FILE",
    "OUTPUT",
    "NAME_FIXES",
    "TOLERANCE",
    "SHAPE_COLUMNS",
    "decode_arcs",
    "simplify_arc",
    "official_name",
    "shape_rows",
    "build_shapes",
    "build_boundaries",
]

GEO_FILE = Path("geo") / "diaphantinh.json"
OUTPUT = "province_shapes.csv"
SHAPE_COLUMNS = ["province", "polygon", "ring", "points"]

# Source spellings that differ from the official ones (see the shared geo README).
NAME_FIXES = {
    "Cần Thơn": "Cần Thơ",
    "Quản Bình": "Quảng Bình",
    "Kien Giang": "Kiên Giang",
    "Đăk Lăk": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
    "Hòa Bình": "Hoà Bình",
    "Bà Rịa -Vũng Tàu": "Bà Rịa - Vũng Tàu",
}

# Douglas–Peucker tolerance in quantized units of the source grid (about
# 4e-5 degrees, so 100 units is roughly 400 m): under a pixel even in the
# Mekong Delta zoom, and the file stays near 0.3 MB.
TOLERANCE = 100
DECIMALS = 4  # about 11 m; equal source points give equal text, so shared borders stay shared

Point = tuple[int, int]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Arcs as absolute quantized integer points (delta decoding only)."""
    arcs = []
    for index, arc in enumerate(topology["arcs"]):
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x, y))
        if len(points) < 2:
            raise ReferenceBuildError(f"arc {index} has {len(points)} point(s), expected at least 2")
        arcs.append(points)
    return arcs


def _distance2(p: Point, a: Point, b: Point) -> float:
    """Squared distance from p to the segment a-b."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    ex, ey = ax + t * dx - px, ay + t * dy - py
    return ex * ex + ey * ey


def _douglas_peucker(points: Sequence[Point], tolerance: float, split_once: bool = False) -> list[Point]:
    """Indices kept by Douglas–Peucker; `split_once` keeps the farthest point
    from the chord even within tolerance (a half-ring never becomes a line)."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1, split_once)]
    limit = tolerance * tolerance
    while stack:
        first, last, force = stack.pop()
        best, index = -1.0, -1
        for i in range(first + 1, last):
            d = _distance2(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index > 0 and (force or best > limit):
            keep.add(index)
            stack += [(first, index, False), (index, last, False)]
    return [points[i] for i in sorted(keep)]


def simplify_arc(points: Sequence[Point], tolerance: float = TOLERANCE) -> list[Point]:
    """Douglas–Peucker on one arc, keeping both endpoints.

    A closed arc (an island drawn as one arc) is split at its point farthest
    from the start and each half keeps at least one inner point, so a small
    island stays a quadrilateral instead of collapsing to a line.
    """
    if len(points) <= 4:
        return list(points)
    if points[0] != points[-1]:
        return _douglas_peucker(points, tolerance)
    far = max(range(len(points)), key=lambda i: _distance2(points[i], points[0], points[0]))
    first = _douglas_peucker(points[: far + 1], tolerance, split_once=True)
    second = _douglas_peucker(points[far:], tolerance, split_once=True)
    return first + second[1:]


def _ring(arc_ids: Sequence[int], arcs: Sequence[Sequence[Point]]) -> list[Point]:
    """Stitch a ring from arc references (a negative id ~i means arc i reversed)."""
    ring: list[Point] = []
    for arc_id in arc_ids:
        points = list(arcs[arc_id]) if arc_id >= 0 else list(reversed(arcs[~arc_id]))
        ring.extend(points if not ring else points[1:])
    return ring


def _area2(ring: Sequence[Point]) -> int:
    """Twice the signed area (positive = counter-clockwise)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def official_name(name: str, official: set[str]) -> str:
    fixed = NAME_FIXES.get(name, name)
    if fixed not in official:
        raise ReferenceBuildError(
            f"geometry name {name!r} matches no official province in data/reference/regions.csv "
            f"(add it to helpers.reference.geometry.NAME_FIXES if it is a spelling variant)"
        )
    return fixed


def _polygons(geometry: dict, name: str) -> list[list[list[int]]]:
    kind, arc_ids = geometry.get("type"), geometry.get("arcs")
    if kind == "Polygon":
        polygons = [arc_ids]
    elif kind == "MultiPolygon":
        polygons = arc_ids
    else:
        raise ReferenceBuildError(f"geometry {name!r}: type {kind!r}, expected Polygon or MultiPolygon")
    if not polygons or any(not polygon or not polygon[0] for polygon in polygons):
        raise ReferenceBuildError(f"geometry {name!r}: empty polygon (no rings or no arcs)")
    return polygons


def shape_rows(topology: dict, official: Sequence[str], tolerance: float = TOLERANCE) -> list[list[object]]:
    """One row per ring: province, polygon number, ring (0 = outer, >0 = hole), points.

    Points are "lon lat" pairs joined by ";", the ring closed (last = first);
    outer rings counter-clockwise, holes clockwise.
    """
    try:
        transform = topology["transform"]
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        geometries = next(iter(topology["objects"].values()))["geometries"]
    except (KeyError, TypeError, ValueError, StopIteration) as err:
        raise ReferenceBuildError(f"not a quantized TopoJSON with one object: {err!r}") from err
    arcs = decode_arcs(topology)
    simplified = [simplify_arc(arc, tolerance) for arc in arcs]
    official_set = set(official)
    seen: dict[str, str] = {}
    rows: list[list[object]] = []
    for geometry in geometries:
        source_name = (geometry.get("properties") or {}).get("ten_tinh", "")
        province = official_name(source_name, official_set)
        if province in seen:
            raise ReferenceBuildError(f"geometries {seen[province]!r} and {source_name!r} are both {province!r}")
        seen[province] = source_name
        for p, polygon in enumerate(_polygons(geometry, source_name)):
            for r, arc_ids in enumerate(polygon):
                ring = _ring(arc_ids, simplified)
                if len(set(ring)) < 3 or _area2(ring) == 0:
                    ring = _ring(arc_ids, arcs)  # too small to simplify: keep it as drawn
                if len(set(ring)) < 3 or _area2(ring) == 0:
                    raise ReferenceBuildError(f"geometry {source_name!r}: polygon {p} ring {r} is empty (no area)")
                if (_area2(ring) > 0) != (r == 0):
                    ring.reverse()
                points = [f"{tx + x * sx:.{DECIMALS}f} {ty + y * sy:.{DECIMALS}f}" for x, y in ring]
                # Rounding can merge neighbouring points of a tiny island.
                points = [q for i, q in enumerate(points) if i == 0 or q != points[i - 1]]
                if len(set(points)) < 3:
                    raise ReferenceBuildError(
                        f"geometry {source_name!r}: polygon {p} ring {r} has fewer than 3 "
                        f"distinct points at {DECIMALS} decimals"
                    )
                rows.append([province, p, r, ";".join(points)])
    missing = sorted(official_set - set(seen))
    if missing:
        raise ReferenceBuildError(f"provinces missing from the geometry: {missing}")
    return sorted(rows, key=lambda row: (row[0], row[1], row[2]))


def _official_provinces(regions_csv: Path) -> list[str]:
    with regions_csv.open(encoding="utf-8", newline="") as handle:
        return [row["province"] for row in csv.DictReader(handle)]


def build_shapes(shared: Path, out: Path = REFERENCE, regions_csv: Path = REFERENCE / "regions.csv") -> Path:
    """Write out/province_shapes.csv from shared/geo/diaphantinh.json; return its path."""
    source = shared / GEO_FILE
    if not source.is_file():
        raise ReferenceBuildError(f"missing province boundaries {source}")
    topology = json.loads(source.read_text(encoding="utf-8"))
    rows = shape_rows(topology, _official_provinces(regions_csv))
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / OUTPUT, SHAPE_COLUMNS, rows)
    return out / OUTPUT


def build_boundaries(shared: Path, out: Path = REFERENCE, regions_csv: Path = REFERENCE / "regions.csv") -> list[Path]:
    """province_shapes.csv (build_shapes) and the same rings as GeoJSON (helpers.reference.geojson)."""
    shapes = build_shapes(shared, out, regions_csv)
    with shapes.open(encoding="utf-8", newline="") as handle:
        rows = [[r[c] for c in SHAPE_COLUMNS] for r in csv.DictReader(handle)]
    return [shapes, write_geojson(rows, out)]
