"""The notebook's copy of a map: as the inline backend shows every other chart, in few bytes."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt

INLINE_COLOURS = 256  # the notebook's copy in a palette: full size, as plt.show shows other charts, under 1 MB


def inline_png(fig: plt.Figure) -> bytes:
    """The map as the notebook's inline backend renders a figure (figure dpi, tight
    bounding box), stored with a palette of INLINE_COLOURS colours (maps have few)."""
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    with mpl.rc_context({"figure.constrained_layout.use": False}):
        fig.savefig(buffer, format="png", dpi=fig.dpi, bbox_inches="tight", metadata={"Software": None})
    image = PILImage.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    out = io.BytesIO()
    image.quantize(INLINE_COLOURS, method=PILImage.Quantize.MEDIANCUT, dither=PILImage.Dither.NONE).save(
        out, format="png", optimize=True
    )
    return out.getvalue()
