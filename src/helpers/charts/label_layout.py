"""Labels that do not cover each other: each label goes at its anchor if it fits,
else at the nearest free spot around it, joined to the anchor by a thin line.

Deterministic (fixed candidate order, labels placed top to bottom), measured
with the figure's own renderer; the figure's layout must already be fixed
(helpers.charts.maps draws with a fixed layout)."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
from matplotlib.text import Text
from matplotlib.transforms import Bbox

# Offsets tried, in points: rings of growing radius, 12 directions each
# (straight up and down first: a two-line label is wider than it is tall).
_ANGLES = [90, 270, 0, 180, 45, 135, 225, 315, 60, 120, 240, 300]
OFFSETS = [(0.0, 0.0)] + [
    (r * math.cos(math.radians(a)), r * math.sin(math.radians(a))) for r in range(12, 85, 8) for a in _ANGLES
]
PAD = 1.5  # points of clearance between two labels


def place_labels(ax: plt.Axes, labels: list[tuple[float, float, str, dict]]) -> list[Text]:
    """Draw `labels` (x, y in data coordinates, text, Text keyword arguments) on
    `ax` without overlaps where a free spot exists inside the axes; returns the
    text artists, in the order given (an annotation with a leader line when moved)."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    to_px = fig.dpi / 72
    frame = ax.get_window_extent(renderer)
    placed: list[Bbox] = []
    offsets: dict[int, tuple[float, float]] = {}
    for i in sorted(range(len(labels)), key=lambda i: (-labels[i][1], labels[i][0])):
        x, y, words, style = labels[i]
        probe = ax.text(x, y, words, **style)
        base = probe.get_window_extent(renderer).padded(PAD * to_px)
        probe.remove()
        best, best_cost = (0.0, 0.0), math.inf
        for dx, dy in OFFSETS:
            box = base.translated(dx * to_px, dy * to_px)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            cost = 1000 * sum(box.overlaps(other) for other in placed) + (0 if inside else 500)
            if cost < best_cost:
                best, best_cost = (dx, dy), cost
            if cost == 0:
                break
        offsets[i] = best
        placed.append(base.translated(best[0] * to_px, best[1] * to_px))
    artists = []
    for i, (x, y, words, style) in enumerate(labels):
        if offsets[i] == (0.0, 0.0):
            artists.append(ax.text(x, y, words, **style))
            continue
        line = {"arrowstyle": "-", "color": style.get("color", "black"), "linewidth": 0.7, "shrinkA": 0, "shrinkB": 0}
        artists.append(
            ax.annotate(words, (x, y), xytext=offsets[i], textcoords="offset points", arrowprops=line, **style)
        )
    return artists


def overlapping(texts: list[Text]) -> list[tuple[str, str]]:
    """Pairs of texts whose drawn boxes overlap (for tests and checks)."""
    if not texts:
        return []
    texts[0].figure.canvas.draw()  # annotations place their text when drawn
    renderer = texts[0].figure.canvas.get_renderer()
    # the words only: an annotation's own box also holds its leader line
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in texts]
    return [(a, b) for i, (a, p) in enumerate(boxes) for b, q in boxes[i + 1 :] if p.overlaps(q)]
