"""Parts of a whole: one horizontal stacked bar per province and date.

Encodings (the chart rules in CONTRIBUTING.md):
- each part is a segment that starts where the previous one ended, all bars on
  one visible count axis starting at 0; each segment is labelled directly;
- the reported total is written at the end of the bar; when the parts do not
  add up to it, the end label says so (≠, <) and a black tick marks the total;
- the part of an exact total that the source does not break down is an
  outlined (unfilled) segment of its own: drawn only when it is arithmetic on
  exact numbers, never guessed;
- a province with no value: a small × at zero and the words, never a bar.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.ticker import FuncFormatter

from helpers.charts.plotting import add_caption, add_title, mark_not_reported, province_colour, ticks_through

BAR_HEIGHT = 0.5


def shade(colour: str, step: int, steps: int) -> tuple[float, float, float]:
    """The province colour, lightened for the earlier parts: the last part keeps
    the full colour, so every segment stays in its province's hue."""
    mix = 0.62 * (steps - 1 - step) / max(steps - 1, 1)
    return tuple(c + (1 - c) * mix for c in to_rgb(colour))


def _ink(rgb) -> str:
    return "white" if 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 0.55 else "black"


def stacked_bars(
    segments: pd.DataFrame, part_order: list[str], provinces: list[str], texts: dict, tick_format
) -> plt.Figure:
    """`segments`: the rows of service_levels.stacked_frame plus `label` (the
    text of a segment, or of the end of the bar on role "total"; the words on
    role "not_reported") and `end_label` on every row of a bar. `texts`: title,
    caption, axis (the count axis), panel (title of the axes, e.g. with
    "periods differ: not compared")."""
    drawn = segments[segments["role"] != "not_reported"]
    missing = segments[segments["role"] == "not_reported"]
    n_bars = int(drawn["bar"].max()) + 1 if len(drawn) else 0
    rows_total = n_bars + len(missing)
    fig, ax = plt.subplots(figsize=(9, 2.2 + 0.75 * rows_total))
    ends = pd.concat([drawn["segment_end"], drawn.loc[drawn["role"] == "total", "value"]])
    top = float(np.nanmax(ends)) if len(ends) else 1.0
    labels, colours = [], []
    for bar, group in drawn.groupby("bar", sort=True):
        province = group["province"].iloc[0]
        colour = province_colour(province, provinces)
        y = int(bar)
        for r in group[group["role"].isin(["part", "remainder"])].itertuples():
            width = r.segment_end - r.segment_start
            if r.role == "remainder":
                face, edge, lw = "white", colour, 1.2
            else:
                face, edge, lw = shade(colour, part_order.index(r.indicator_id), len(part_order)), "white", 0.8
            ax.barh(y, width, left=r.segment_start, height=BAR_HEIGHT, color=face, edgecolor=edge, linewidth=lw)
            inside = width >= top * 0.016 * max(len(s) for s in r.label.split("\n"))
            if inside:
                ink = colour if r.role == "remainder" else _ink(face)
                ax.text(r.segment_start + width / 2, y, r.label, ha="center", va="center", fontsize=9, color=ink)
            else:  # too narrow: above the bar, centred on its segment
                ax.text(
                    r.segment_start + width / 2,
                    y - BAR_HEIGHT / 2 - 0.04,
                    r.label.replace("\n", " "),
                    ha="center",
                    va="bottom",
                    fontsize=9,
                )
        total = group[group["role"] == "total"]
        end = float(group["segment_end"].max()) if group["segment_end"].notna().any() else 0.0
        if len(total) and group["check"].iloc[0] not in ("sums", "remainder", "no_parts"):
            x = float(total["value"].iloc[0])  # the reported total, where the parts do not reach or pass it
            ax.plot([x, x], [y - BAR_HEIGHT * 0.75, y + BAR_HEIGHT * 0.75], color="black", linewidth=1.6)
            end = max(end, x)
        ax.text(end + top * 0.015, y, group["end_label"].iloc[0], va="center", fontsize=9)
        labels.append(province)
        colours.append(colour)
    for i, r in enumerate(missing.itertuples()):
        y = n_bars + i
        mark_not_reported(ax, y, r.label, top)
        labels.append(r.province)
        colours.append(province_colour(r.province, provinces))
    ax.set_yticks(range(rows_total), labels=labels)
    for tick, colour in zip(ax.get_yticklabels(), colours):
        tick.set_color(colour)
    ax.set_ylim(rows_total - 0.4, -0.75)
    ax.set_xlim(0, top * 1.75)
    ticks_through(ax, top)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: tick_format(x)))
    ax.tick_params(axis="x", labelsize=9)
    ax.set_xlabel(texts["axis"], fontsize=9, loc="left")
    ax.set_title(texts["panel"], fontsize=9.5, loc="left", fontweight="normal")
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig
