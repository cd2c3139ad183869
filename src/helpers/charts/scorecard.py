"""Notebook 05 chart: comparable pairs as dumbbells, one row per indicator and
period, one panel per unit with its own scale; the grey segment is the gap."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from helpers.charts.dti import TIER_MARKERS, tier_handles
from helpers.charts.plotting import (
    CAPTION_SIZE,
    SUBTITLE_SIZE,
    TITLE_SIZE,
    add_caption,
    add_title,
    fit_label,
    province_colour,
    rank_axis,
    title_lines,
    wrap_caption,
)

GAP_GREY = "#BBBBBB"
GAP_CHARS = 40  # longer gap texts break before their parenthesis (the SD detail)
FIG_WIDTH = 9  # inches
LINE = 1.25  # line height, in font sizes
ROW_IN = 0.32  # inches per row with one-line gap texts; each further line adds one 9 pt line
LEGEND_ROW = 0.24  # inches per legend row (markers 8 pt)
AXIS_IN = 0.62  # inches per panel: tick labels, axis label and the space between panels
MARGIN_IN = 0.5  # inches: the caption's first line and the figure's padding
MARKERS = {**TIER_MARKERS, "survey": "D"}  # the PAPI citizen survey


def dumbbells(plotted: pd.DataFrame, panels: list[dict], provinces: list[str], texts: dict) -> plt.Figure:
    """`plotted`: row (label), unit, province, value, tier, gap_label (same for both
    sides of a row). `panels`: unit, n (rank denominator), xlabel."""
    heights = [plotted[plotted["unit"] == p["unit"]]["row"].nunique() for p in panels]
    # one long gap text breaks every text of the figure the same way, and then every row is taller
    chars = 1 if plotted["gap_label"].str.len().max() > GAP_CHARS else GAP_CHARS
    lines = 2 if chars == 1 else 1
    handles = _handles(plotted, provinces, texts)
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(FIG_WIDTH, _height(texts, sum(heights), len(panels), lines, len(handles))),
        height_ratios=heights,
        squeeze=False,
    )
    for ax, panel in zip(axes[:, 0], panels):
        mine = plotted[plotted["unit"] == panel["unit"]]
        rows = list(dict.fromkeys(mine["row"]))
        for y, row in enumerate(rows):
            pair = mine[mine["row"] == row]
            ax.plot(pair["value"], [y] * len(pair), color=GAP_GREY, linewidth=5, solid_capstyle="butt", zorder=1)
            for r in pair.itertuples():
                colour = province_colour(r.province, provinces)
                ax.plot(
                    r.value,
                    y,
                    marker=MARKERS[r.tier],
                    markersize=9,
                    color=colour,
                    linestyle="none",
                    markerfacecolor=colour if r.tier != "press_reference" else "white",
                    zorder=2,
                )
            # right of the axes (axes x, data y): the layout then keeps the text clear of the legend
            label = pair["gap_label"].iloc[0]
            label = fit_label(label, chars) if " (" in label else label
            ax.text(1.02, y, label, va="center", fontsize=9, transform=ax.get_yaxis_transform())
        rank_axis(ax, panel["n"], axis="x")
        ax.set_xticks([t for t in ax.get_xticks() if 1 <= t <= panel["n"]])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_yticks(range(len(rows)), labels=rows, fontsize=9)
        ax.set_xlabel(panel["xlabel"], fontsize=9)
        ax.grid(axis="x", color="#EEEEEE", zorder=0)
    # under the last panel's axis label, centred on the figure, at a fixed distance (an axes
    # fraction would move it as the layout resizes the axes); the layout keeps the caption under it
    last = axes[-1, 0]
    under = blended_transform_factory(fig.transFigure, last.transAxes)
    under += ScaledTranslation(0, -AXIS_IN, fig.dpi_scale_trans)
    last.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        bbox_transform=under,
        frameon=False,
        fontsize=9,
        ncols=2,
    )
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig


def _handles(plotted: pd.DataFrame, provinces: list[str], texts: dict) -> list:
    handles = [
        Line2D([], [], marker="o", color=province_colour(p, provinces), linestyle="none", markersize=8, label=p)
        for p in provinces
    ]
    shown = set(plotted["tier"])
    handles += tier_handles({t: m for t, m in MARKERS.items() if t in shown}, texts["tiers"])
    handles.append(Line2D([], [], color=GAP_GREY, linewidth=5, label=texts["gap"]))
    return handles


def _height(texts: dict, rows: int, panels: int, lines: int, handles: int) -> float:
    """Inches: the title, caption and legend as wrapped, each panel's axis, and every row
    tall enough for its gap text (`lines` lines of 9 pt), so that no text runs into the next."""
    head, sub = title_lines(texts["title"], FIG_WIDTH)
    fixed = (len(head) * TITLE_SIZE + len(sub) * SUBTITLE_SIZE) * LINE / 72
    fixed += wrap_caption(texts["caption"], FIG_WIDTH).count("\n") * CAPTION_SIZE * LINE / 72
    fixed += -(-handles // 2) * LEGEND_ROW + panels * AXIS_IN + MARGIN_IN
    return round(fixed + rows * (ROW_IN + (lines - 1) * CAPTION_SIZE * LINE / 72), 2)
