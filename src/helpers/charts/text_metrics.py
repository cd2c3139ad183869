"""Text sizes measured once per process rather than once per renderer.

matplotlib keeps the size of each text per renderer object, and a figure saved
with a tight bounding box is drawn by two renderers (a dry run that finds the
box, then the image), while every figure repeats the same tick labels, names
and notes. Measuring a text with FreeType costs about a millisecond; the size
depends only on the text, its font properties, the dots per inch and a few
global settings (_SETTINGS), never on which Agg renderer asks, so the images are
byte-identical with or without this cache (a test renders both ways).
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.text as mtext
from matplotlib.backends.backend_agg import RendererAgg

_measure = mtext._get_text_metrics_with_cache  # matplotlib's own, per renderer
_sizes: dict[tuple, tuple[float, float, float]] = {}
# the global settings a measurement depends on besides the text, font and dpi
_SETTINGS = ("text.hinting", "text.kerning_factor", "mathtext.fontset")


def _shared(renderer, text, fontprop, ismath, dpi):
    if type(renderer) is not RendererAgg:  # PDF, SVG, a reader's own backend: matplotlib's cache
        return _measure(renderer, text, fontprop, ismath, dpi)
    # a copy: FontProperties is mutable and hashed by its state
    key = (renderer.dpi, dpi, text, fontprop.copy(), ismath, *(mpl.rcParams[name] for name in _SETTINGS))
    if key not in _sizes:
        _sizes[key] = _measure(renderer, text, fontprop, ismath, dpi)
    return _sizes[key]


def share() -> None:
    """Measure Agg texts once per process from now on (idempotent)."""
    mtext._get_text_metrics_with_cache = _shared


def unshare() -> None:
    """matplotlib's own per-renderer measuring again (for the test that compares both)."""
    mtext._get_text_metrics_with_cache = _measure
    _sizes.clear()
