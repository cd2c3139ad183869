"""Write data/reference/province_boundaries.geojson from the rows of province_shapes.csv.

Maintainers only (run by `python -m helpers.reference.build`, after the shapes): the
same simplified rings as the maps, as an RFC 7946 FeatureCollection that GIS tools
(geopandas, QGIS) open directly. One feature per province, its official name in the
`province` property; the licence and attribution in the top-level `metadata` member.
Written one feature per line with fixed key order, so a rebuild is byte-identical.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from helpers.reference.common import ReferenceBuildError

__all__ = ["OUTPUT", "METADATA", "features", "write_geojson"]

OUTPUT = "province_boundaries.geojson"

METADATA = {
    "title": "Province boundaries of Viet Nam (63 provinces, before the 2025 merger), simplified",
    "crs": "WGS84 longitude/latitude in degrees (EPSG:4326), 4 decimals",
    "source": (
        'Open Development Mekong, "Địa phận tỉnh" (provincial boundaries, Department of Survey and Mapping, '
        "boundary year 2016), https://data.opendevelopmentmekong.net/vi/dataset/a-phn-tnh, in the TopoJSON "
        "conversion of GitHub phamductu/vietnamese-provincial-icons (commit "
        "8eb9ac1c0bec06cbc4e3311dfc430da8a67375cd, data/diaphantinh.json)"
    ),
    "changes": (
        "arcs decoded, simplified once each (Douglas-Peucker, about 400 m; neighbours share their border points), "
        "rounded to 4 decimals; seven province names changed to the official spellings; the same rings as "
        "data/reference/province_shapes.csv"
    ),
    "license": "CC-BY-SA-4.0",
    "license_url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "attribution": "Province boundaries: Open Development Mekong, CC BY-SA 4.0",
}


def _ring(points: str) -> list[list[float]]:
    return [[float(v) for v in pair.split(" ")] for pair in points.split(";")]


def features(rows: Sequence[Sequence[object]]) -> list[dict]:
    """One Feature per province from shape rows (province, polygon, ring, points),
    sorted by province: a Polygon, or a MultiPolygon when it has several parts."""
    polygons: dict[str, dict[int, list]] = {}
    for province, polygon, ring, points in rows:
        rings = polygons.setdefault(str(province), {}).setdefault(int(polygon), [])
        if int(ring) != len(rings):
            raise ReferenceBuildError(f"{province}: polygon {polygon} ring {ring} is out of order")
        rings.append(_ring(str(points)))
    out = []
    for province in sorted(polygons):
        parts = [polygons[province][p] for p in sorted(polygons[province])]
        geometry = (
            {"type": "Polygon", "coordinates": parts[0]}
            if len(parts) == 1
            else {"type": "MultiPolygon", "coordinates": parts}
        )
        out.append({"type": "Feature", "properties": {"province": province}, "geometry": geometry})
    return out


def write_geojson(rows: Sequence[Sequence[object]], out: Path) -> Path:
    """Write out/province_boundaries.geojson (UTF-8, "\\n" line ends); return its path."""
    dump = lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    lines = [
        "{",
        '"type":"FeatureCollection",',
        f'"name":{dump("province_boundaries")},',
        f'"metadata":{dump(METADATA)},',
        '"features":[',
    ]
    items = features(rows)
    lines += [dump(feature) + ("," if i < len(items) - 1 else "") for i, feature in enumerate(items)]
    lines += ["]", "}"]
    path = out / OUTPUT
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return path
