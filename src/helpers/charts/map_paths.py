"""Province boundaries as drawing paths: snapped to a pixel of the saved figure and
built once per process (each map, panel and zoom reuses them)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.path import Path as MplPath

__all__ = ["Extent", "Shapes", "extent_of", "province_paths"]

ISLAND_SIZE = 0.08  # degrees: smaller polygons get a thick edge in their own colour so they stay visible

Shapes = Mapping[str, list[list[np.ndarray]]]
Extent = tuple[float, float, float, float]


def _snap(ring: np.ndarray, grid: float, dot: bool = False) -> np.ndarray:
    """The ring on a grid finer than a pixel, repeated points dropped. Equal
    points snap equally, so neighbours still share their border. A ring that
    collapses is kept as it is, or with `dot` (islands drawn with a thick
    edge) reduced to a short closed stroke that still shows as a dot."""
    cells = np.round(ring / grid).astype(np.int64)
    keep = np.r_[True, np.any(cells[1:] != cells[:-1], axis=1)]
    cells = cells[keep]
    snapped = cells * grid
    # The area test in whole grid cells: exact, so that it cannot depend on the
    # CPU (a floating-point dot product goes through BLAS, whose rounding does).
    x, y = cells[:, 0], cells[:, 1]
    if len(cells) >= 4 and int(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])) != 0:  # still has area
        return snapped
    if not dot:
        return ring
    start = snapped[0]
    return np.array([start, start + (grid, 0.0), start + (grid, grid), start])


def _path(polygons: list[list[np.ndarray]], grid: float = 0.0, dot: bool = False) -> MplPath:
    vertices, codes, seen = [], [], set()
    for polygon in polygons:
        for ring in polygon:
            ring = _snap(ring, grid, dot) if grid else ring
            if dot:  # islands in the same pixel make one dot
                if ring.tobytes() in seen:
                    continue
                seen.add(ring.tobytes())
            vertices.append(ring)
            codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY])
    return MplPath(np.vstack(vertices), np.concatenate(codes))


def _small(polygons: list[list[np.ndarray]]) -> list[list[np.ndarray]]:
    return [p for p in polygons if np.ptp(p[0], axis=0).max() < ISLAND_SIZE]


def _inside(polygons: list[list[np.ndarray]], extent: Extent | None) -> bool:
    if extent is None:
        return True
    x0, x1, y0, y1 = extent
    return any(
        p[0][:, 0].max() >= x0 and p[0][:, 0].min() <= x1 and p[0][:, 1].max() >= y0 and p[0][:, 1].min() <= y1
        for p in polygons
    )


_PATHS: dict[tuple, tuple[Shapes, dict]] = {}  # built once per process, reused by every map and panel


def province_paths(
    shapes: Shapes, extent: Extent | None, grid: float, islands_apart: bool
) -> dict[str, tuple[MplPath | None, MplPath | None]]:
    """Each province's path snapped to `grid`, for the provinces reaching into
    `extent` (all when None); with `islands_apart`, small islands form a second
    path drawn with a thick edge so that they stay visible. Cached: the entry
    holds `shapes` itself, so its id cannot be reused by other shapes."""
    key = (id(shapes), extent, grid, islands_apart)
    if key not in _PATHS or _PATHS[key][0] is not shapes:
        if len(_PATHS) >= 8:
            _PATHS.clear()
        _PATHS[key] = (shapes, _build_paths(shapes, extent, grid, islands_apart))
    return _PATHS[key][1]


def _build_paths(
    shapes: Shapes, extent: Extent | None, grid: float, islands_apart: bool
) -> dict[str, tuple[MplPath | None, MplPath | None]]:
    paths = {}
    for province, polygons in sorted(shapes.items()):
        if not _inside(polygons, extent):
            continue
        small = _small(polygons) if islands_apart else []
        large = [p for p in polygons if not any(p is q for q in small)]
        paths[province] = (_path(large, grid) if large else None, _path(small, grid, dot=True) if small else None)
    return paths


def extent_of(shapes: Shapes, margin: float = 0.3) -> Extent:
    points = np.vstack([polygon[0] for polygons in shapes.values() for polygon in polygons])
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    return (float(x0) - margin, float(x1) + margin, float(y0) - margin, float(y1) + margin)
