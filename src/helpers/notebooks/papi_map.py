"""The PAPI e-governance rank maps (comparable years), built like helpers.notebooks.dti_map:
evidence -> finding -> words -> drawing -> files. Provinces without a score in
a year are drawn as no data."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd

from helpers.analysis.map_frames import papi_comparable_years, papi_rank_frame, regional_shift
from helpers.charts.maps import rank_maps, save_map
from helpers.data import frames, loading
from helpers.data.geography import bounds, load_shapes
from helpers.notebooks.dti_map import archipelago_places
from helpers.text.map_wording import papi_map_text

__all__ = ["NAME", "draw"]

NAME = "02_papi_egov_rank_map"


def map_years(provinces: Sequence[str], scores: pd.DataFrame | None = None) -> list[int]:
    """Comparable years in which every chosen province has a score (all comparable years if none)."""
    scores = loading.load("papi_egov_scores") if scores is None else scores
    comparable = papi_comparable_years()
    scored = scores[scores["score"].notna()]
    years = [y for y in comparable if set(provinces) <= set(scored.loc[scored["year"] == y, "province"])]
    return years or comparable


def draw(
    papi: pd.DataFrame,
    provinces: Sequence[str],
    lang: str,
    name: str = NAME,
    years: Sequence[int] | None = None,
) -> tuple[plt.Figure, pd.DataFrame]:
    """Draw the ranks of `papi` (helpers.analysis.papi_scores.papi_frame, possibly narrowed),
    save (PNG, SVG) and write the plotted numbers to `name`.csv beside them."""
    regions = loading.load("regions")
    unknown = [p for p in provinces if p not in set(regions["province"])]
    if unknown:
        raise ValueError(f"provinces: {unknown} not in data/reference/regions.csv")
    mekong = list(regions.loc[regions["in_mekong_delta"], "province"])
    frame = papi_rank_frame(years if years is not None else map_years(provinces, papi), papi)
    shapes = load_shapes()
    text = papi_map_text(frame, regional_shift(frame, provinces, mekong), provinces, lang, archipelago_places(shapes))
    fig, plotted = rank_maps(frame, shapes, list(provinces), text, zoom=bounds(shapes, mekong, margin=0.15))
    save_map(fig, plotted, name, lang, redraw=not frames.is_whole(papi))
    return fig, plotted
