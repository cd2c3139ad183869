"""Small multiples for notebooks 02–04: one panel per indicator, a visible
x-axis shared by every panel of the same unit, values labelled with their period.

Encodings (the chart rules in CONTRIBUTING.md):
- two or more values in a panel: bars; a lone value: a labelled point;
- "not reported": a small × at zero and the words, never a bar;
- a lower bound (≥): an arrow continues past the value (open-ended);
  an approximation (≈): a dashed outline and ≈ in the label;
- values of different periods in one panel: the panel says so and shows them as
  table rows (value and date as text), never as marks on a shared axis.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from helpers.charts.plotting import (
    MISSING_MARK,
    add_caption,
    add_title,
    mark_not_reported,
    province_colour,
    ticks_through,
)

__all__ = ["MISSING_MARK", "scales", "indicator_panels"]


def scales(plotted: pd.DataFrame) -> dict[str, float]:
    """Upper x-limit per unit: 100 for percent, else the largest value of that unit in the figure."""
    out = {}
    for unit, group in plotted.groupby("unit"):
        top = 100.0 if unit == "percent" else float(np.nanmax(group["value"])) if group["value"].notna().any() else 1.0
        out[unit] = top
    return out


def indicator_panels(
    plotted: pd.DataFrame, panels: list[dict], provinces: list[str], texts: dict, tick_format
) -> plt.Figure:
    """`plotted`: indicator_id, province, value (NaN = not reported), qualifier,
    unit, label (text beside the mark). `panels`: indicator_id, title, note
    (e.g. "periods differ: not compared"; may be empty). `tick_format(x)` formats axis numbers."""
    heights = [max(len(plotted[plotted["indicator_id"] == p["indicator_id"]]), 1) for p in panels]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(9, 1.6 + 0.45 * sum(heights) + 0.75 * len(panels)),
        height_ratios=heights,
        squeeze=False,
    )
    tops = scales(plotted)
    for ax, panel in zip(axes[:, 0], panels):
        rows = plotted[plotted["indicator_id"] == panel["indicator_id"]].reset_index(drop=True)
        top = tops[rows["unit"].iloc[0]]
        as_bars = rows["value"].notna().sum() >= 2
        compared = not panel.get("note")
        for y, r in rows.iterrows():
            colour = province_colour(r["province"], provinces)
            if pd.isna(r["value"]):
                mark_not_reported(ax, y, r["label"], top)
                continue
            if not compared:  # values the panel does not compare: a table row, no mark on a shared scale
                ax.text(top * 0.02, y, r["label"], va="center", fontsize=10)
                continue
            if as_bars:
                ax.barh(
                    y,
                    r["value"],
                    height=0.6,
                    color=colour,
                    linestyle="--" if r["qualifier"] == "approx" else "-",
                    edgecolor="black" if r["qualifier"] == "approx" else colour,
                    linewidth=1 if r["qualifier"] == "approx" else 0,
                )
            else:
                ax.plot(r["value"], y, marker="o", markersize=8, color=colour, linestyle="none")
            end = r["value"]
            if r["qualifier"] == "at_least":  # open-ended: the true value may lie further right
                ax.annotate(
                    "",
                    xy=(r["value"] + top * 0.12, y),
                    xytext=(r["value"], y),
                    arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.5},
                )
                end = r["value"] + top * 0.12
            ax.text(end + top * 0.015, y, r["label"], va="center", fontsize=9)
        ax.set_yticks(range(len(rows)), labels=rows["province"])
        for tick, province in zip(ax.get_yticklabels(), rows["province"]):
            tick.set_color(province_colour(province, provinces))
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, top * 1.6)
        ticks_through(ax, top)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: tick_format(x)))
        ax.tick_params(axis="x", labelsize=9)
        if not compared:
            ax.set_xticks([])  # no scale (an invisible axis would still hold its tick labels)
            ax.spines["bottom"].set_visible(False)
        title = panel["title"] + (f"  ({panel['note']})" if panel.get("note") else "")
        ax.set_title(title, fontsize=9.5, loc="left", fontweight="normal")
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig
