"""The DTI rank maps: evidence -> finding -> words -> drawing -> files.

`draw(provinces, lang)` is what a notebook calls; it follows the notebooks'
`provinces` (any of the 63, outlined) and `lang` parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd

from helpers.analysis.map_frames import DTI_MAP_YEARS, dti_rank_frame, regional_shift
from helpers.charts.maps import rank_maps, save_map
from helpers.data import loading
from helpers.data.geography import Shapes, bounds, load_shapes, offshore_top
from helpers.data.paths import figure_data_path
from helpers.text.formats import figure_data_line
from helpers.text.map_wording import dti_map_text

__all__ = ["NAME", "archipelago_places", "draw"]

NAME = "00_dti_rank_map"  # notebook 00 writes it; notebook 01 shows it (draw(save=False))
# Labels for the archipelagos: (province holding them, longitude east of which they lie, word key).
ARCHIPELAGOS = (("Đà Nẵng", 110.0, "hoang_sa"), ("Khánh Hòa", 110.0, "truong_sa"))


def archipelago_places(shapes: Shapes) -> list[tuple[float, float, str]]:
    """(lon, lat, word key) of each archipelago's label: centred just north of its islands."""
    places = []
    for province, lon_min, key in ARCHIPELAGOS:
        lon, north = offshore_top(shapes, province, lon_min)
        places.append((lon, north + 0.3, key))
    return places


def draw(
    provinces: Sequence[str], lang: str, name: str = NAME, years: Sequence[int] = DTI_MAP_YEARS, save: bool = True
) -> tuple[plt.Figure, pd.DataFrame]:
    """Draw, save (helpers.charts.plotting.figure_formats) and write the plotted numbers
    to `name`.csv beside them; `save=False` draws only (a notebook showing a map
    another notebook already writes)."""
    regions = loading.load("regions")
    unknown = [p for p in provinces if p not in set(regions["province"])]
    if unknown:
        raise ValueError(
            f"provinces: {unknown} not in data/reference/regions.csv; valid: {', '.join(sorted(regions['province']))}"
        )
    mekong = list(regions.loc[regions["in_mekong_delta"], "province"])
    frame = dti_rank_frame(years)
    shapes = load_shapes()
    text = dti_map_text(frame, regional_shift(frame, provinces, mekong), provinces, lang, archipelago_places(shapes))
    fig, plotted = rank_maps(frame, shapes, list(provinces), text, zoom=bounds(shapes, mekong, margin=0.15))
    if save:
        save_map(fig, plotted, name, lang)
    else:  # the data file the other notebook writes, as every figure cell prints it
        plotted.attrs["figure_data"] = figure_data_line(figure_data_path(name), lang)
    return fig, plotted
