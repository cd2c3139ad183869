"""Notebook 05 chart: comparable pairs as dumbbells, one row per indicator and
period, one panel per unit with its own scale; the grey segment is the gap."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from helpers.charts.dti import TIER_MARKERS, tier_handles
from helpers.charts.plotting import add_caption, add_title, fit_label, province_colour, rank_axis

GAP_GREY = "#BBBBBB"
GAP_CHARS = 40  # longer gap texts break before their parenthesis (the SD detail)
MARKERS = {**TIER_MARKERS, "survey": "D"}  # the PAPI citizen survey


def dumbbells(plotted: pd.DataFrame, panels: list[dict], provinces: list[str], texts: dict) -> plt.Figure:
    """`plotted`: row (label), unit, province, value, tier, gap_label (same for both
    sides of a row). `panels`: unit, n (rank denominator), xlabel."""
    heights = [plotted[plotted["unit"] == p["unit"]]["row"].nunique() for p in panels]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(9, 1.8 + 0.42 * sum(heights) + 0.9 * len(panels)),
        height_ratios=heights,
        squeeze=False,
    )
    for ax, panel in zip(axes[:, 0], panels):
        mine = plotted[plotted["unit"] == panel["unit"]]
        rows = list(dict.fromkeys(mine["row"]))
        # one long gap text breaks every text of the panel the same way
        chars = 1 if mine["gap_label"].str.len().max() > GAP_CHARS else GAP_CHARS
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
    handles = [
        Line2D([], [], marker="o", color=province_colour(p, provinces), linestyle="none", markersize=8, label=p)
        for p in provinces
    ]
    shown = set(plotted["tier"])
    handles += tier_handles({t: m for t, m in MARKERS.items() if t in shown}, texts["tiers"])
    handles.append(Line2D([], [], color=GAP_GREY, linewidth=5, label=texts["gap"]))
    # under the last panel (the layout keeps an axes' legend clear of the caption); at the
    # right it would take a third of a 9 in figure
    last = axes[-1, 0]
    last.legend(handles=handles, loc="upper left", bbox_to_anchor=(-0.4, -0.42), frameon=False, fontsize=9, ncols=2)
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig
