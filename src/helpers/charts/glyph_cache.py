"""Horizontal text drawn from glyphs rasterised once per process.

For every text it draws, matplotlib's Agg renderer shapes the string and asks
FreeType to rasterise each glyph again; the figures repeat the same labels,
digits and names, in both languages. A glyph's bitmap depends on its font,
size, dots per inch, load flags, anti-aliasing and where it falls within a
pixel (the fraction of its 1/64-pixel position); moving it by whole pixels only
moves the bitmap. So the shaped string and each bitmap are kept under exactly
those keys and drawn as matplotlib draws them: the images are byte-identical
(a test renders a chart both ways; the runner's tests reproduce the committed
figures). Rotated text, mathtext and other renderers are drawn by matplotlib
itself.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
from matplotlib.ft2font import RenderMode

_draw_text = RendererAgg.draw_text  # matplotlib's own
_UPRIGHT = np.array([[0x10000, 0], [0, 0x10000]])  # FreeType's 16.16 identity matrix: no rotation, slant or stretch
_layouts: dict[tuple, tuple] = {}
_glyphs: dict[tuple, tuple] = {}


def _hashable(value):
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    return value


def _cached_draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
    if ismath or angle != 0 or type(self) is not RendererAgg:
        return _draw_text(self, gc, x, y, s, prop, angle, ismath, mtext)
    flags = get_hinting_flag()
    features = _hashable(mtext.get_fontfeatures()) if mtext is not None else None
    language = _hashable(mtext.get_language()) if mtext is not None else None
    size = prop.get_size_in_points()
    key = (prop.copy(), self.dpi, s, flags, features, language)  # a copy: FontProperties is mutable
    items = _layouts.get(key)
    if items is None:
        font = self._prepare_font(prop)
        shaped = font._layout(s, flags=flags, features=features, language=language)
        items = _layouts[key] = tuple((i.ft_object, i.glyph_index, i.x, i.y) for i in shaped)
    antialiased = gc.get_antialiased()
    for font, glyph, dx, dy in items:
        # the glyph's origin in FreeType's 26.6 fixed point, y upwards
        tx, ty = round(0x40 * (x + dx)), round(0x40 * (self.height - y + dy))
        bitmap_key = (font, size, self.dpi, glyph, flags, antialiased, tx & 63, ty & 63)
        found = _glyphs.get(bitmap_key)
        if found is None:
            font.set_size(size, self.dpi)
            font._set_transform(_UPRIGHT, [tx & 63, ty & 63])
            bitmap = font._render_glyph(glyph, flags, RenderMode.NORMAL if antialiased else RenderMode.MONO)
            buffer = np.array(bitmap.buffer, copy=True)
            if not antialiased:
                buffer *= 0xFF
            found = _glyphs[bitmap_key] = (buffer, bitmap.left, bitmap.top)
        buffer, left, top = found
        left, top = left + (tx >> 6), top + (ty >> 6)  # whole pixels only move the bitmap
        self._renderer.draw_text_image(buffer, left, int(self.height) - top + buffer.shape[0], 0, gc)


def share() -> None:
    """Draw horizontal Agg text from the kept glyphs from now on (idempotent)."""
    RendererAgg.draw_text = _cached_draw_text


def unshare() -> None:
    """matplotlib's own text drawing again (for the test that compares both)."""
    RendererAgg.draw_text = _draw_text
    _layouts.clear()
    _glyphs.clear()
