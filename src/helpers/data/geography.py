"""Province boundaries at run time, from the committed data/reference/province_shapes.csv.

The file is built by `python -m helpers.reference.build` (helpers.reference.geometry);
boundaries: Open Development Mekong, "Địa phận tỉnh" (2016), CC BY-SA 4.0.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import numpy as np

from helpers.data.paths import REFERENCE

__all__ = ["SHAPES_CSV", "ATTRIBUTION", "GeometryError", "load_shapes", "bounds", "offshore_top"]

SHAPES_CSV = REFERENCE / "province_shapes.csv"
# Required on every map by the licence (see LICENSE-DATA.md).
ATTRIBUTION = "Province boundaries: Open Development Mekong, CC BY-SA 4.0"

# province -> polygons; a polygon is a list of rings (outer first, then holes),
# each ring an (n, 2) array of lon, lat, closed (last point = first).
Shapes = dict[str, list[list[np.ndarray]]]


class GeometryError(ValueError):
    """The committed geometry file is not what the maps expect."""


def _ring(text: str, where: str) -> np.ndarray:
    pairs = text.split(";")
    try:
        if any(pair.count(" ") != 1 for pair in pairs):
            raise ValueError("a pair without exactly one space")
        ring = np.array(" ".join(pairs).split(" "), dtype=float).reshape(-1, 2)
    except ValueError as err:
        raise GeometryError(f"{where}: expected 'lon lat' pairs separated by ';': {err}") from None
    if len(ring) < 4 or pairs[0] != pairs[-1] or len(set(pairs)) < 3:
        raise GeometryError(f"{where}: expected a closed ring of at least 3 distinct points")
    if not ((-180 <= ring[:, 0]) & (ring[:, 0] <= 180) & (-90 <= ring[:, 1]) & (ring[:, 1] <= 90)).all():
        raise GeometryError(f"{where}: longitude or latitude out of range")
    return ring


def read_shapes(path: Path, provinces: list[str]) -> Shapes:
    """Parse and check a shapes file against the official province list."""
    shapes: Shapes = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        expected = ["province", "polygon", "ring", "points"]
        if reader.fieldnames != expected:
            raise GeometryError(f"{path.name}:1: columns {reader.fieldnames}, expected {expected}")
        for row_number, row in enumerate(reader, start=2):
            where = f"{path.name}:{row_number}"
            province = row["province"]
            if province not in provinces:
                raise GeometryError(f"{where}:province: {province!r} is not in data/reference/regions.csv")
            polygons = shapes.setdefault(province, [])
            try:
                polygon, ring = int(row["polygon"]), int(row["ring"])
            except ValueError:
                raise GeometryError(f"{where}:polygon/ring: expected integers") from None
            if ring == 0 and polygon == len(polygons):
                polygons.append([])
            elif not (polygon == len(polygons) - 1 and ring == len(polygons[-1])):
                raise GeometryError(
                    f"{where}:ring: polygon {polygon} ring {ring} out of order "
                    "(rows sorted by province, polygon, ring; ring 0 = outer)"
                )
            polygons[-1].append(_ring(row["points"], f"{where}:points"))
    missing = sorted(set(provinces) - set(shapes))
    if missing:
        raise GeometryError(f"{path.name}: no shape for {missing}")
    return shapes


@lru_cache(maxsize=1)
def _cached() -> Shapes:
    with (REFERENCE / "regions.csv").open(encoding="utf-8", newline="") as handle:
        provinces = [row["province"] for row in csv.DictReader(handle)]
    return read_shapes(SHAPES_CSV, provinces)


def load_shapes() -> Shapes:
    """Every province's polygons (a fresh dict; the arrays are shared, read-only)."""
    shapes = _cached()
    for polygons in shapes.values():
        for polygon in polygons:
            for ring in polygon:
                ring.flags.writeable = False
    return dict(shapes)


def bounds(shapes: Shapes, provinces: list[str], margin: float = 0.1) -> tuple[float, float, float, float]:
    """(lon_min, lon_max, lat_min, lat_max) around `provinces`, widened by `margin` degrees."""
    points = np.vstack([polygon[0] for p in provinces for polygon in shapes[p]])
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    return (float(x0) - margin, float(x1) + margin, float(y0) - margin, float(y1) + margin)


def offshore_top(shapes: Shapes, province: str, lon_min: float) -> tuple[float, float]:
    """Middle longitude and north edge of a province's polygons east of `lon_min`
    (an archipelago): its label goes centred above, in the open sea."""
    points = np.vstack([p[0] for p in shapes[province] if p[0][:, 0].min() > lon_min])
    return (float(points[:, 0].min() + points[:, 0].max()) / 2, float(points[:, 1].max()))
