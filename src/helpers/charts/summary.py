"""Summary charts (notebook 00): draw the frames and texts they are given.

- score_field: every province's score per year in grey, the chosen provinces in
  their colours (one panel; small multiples, one per province, beyond three);
- dated_shares: shares of one measure per row on a 0–100 axis, each value
  labelled with its date (the dates differ, which the caption says).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from helpers.charts.plotting import CONTEXT_GREY, add_caption, add_title, fit_label, province_colour

ONE_PANEL_MAX = 3  # beyond this, one small panel per chosen province


def _field(ax, field: pd.DataFrame, years: list[int]) -> None:
    ax.scatter(field["year"], field["score"], s=14, color=CONTEXT_GREY, alpha=0.7, linewidths=0, zorder=1)
    ax.set_xticks(years, labels=[str(y) for y in years])
    ax.set_xlim(min(years) - 0.4, max(years) + 0.4)
    ax.grid(axis="y", color="#EEEEEE", zorder=0)


# Medians are short horizontal bars across each year's column, never joined across years.
MEDIAN_STYLES = {"national_median": ("#000000", "-"), "mekong_median": ("#555555", (0, (2, 1.5)))}
MEDIAN_HALF_WIDTH = 0.3


def _medians(ax, benchmarks: pd.DataFrame | None) -> None:
    if benchmarks is None:
        return
    for column, (colour, style) in MEDIAN_STYLES.items():
        for r in benchmarks.itertuples():
            y = getattr(r, column)
            ax.plot(
                [r.year - MEDIAN_HALF_WIDTH, r.year + MEDIAN_HALF_WIDTH],
                [y, y],
                color=colour,
                linestyle=style,
                linewidth=1.3,
                zorder=1.5,
            )


def _median_handles(benchmarks: pd.DataFrame | None, texts: dict) -> list:
    if benchmarks is None:
        return []
    return [
        Line2D([], [], color=colour, linestyle=style, linewidth=1.3, label=texts[column])
        for column, (colour, style) in MEDIAN_STYLES.items()
    ]


def _line(ax, rows: pd.DataFrame, colour: str, width: float, size: float) -> None:
    rows = rows.sort_values("year")
    # join only consecutive years: a year without a score leaves a gap
    segment = []
    for r in rows.itertuples():
        if segment and r.year != segment[-1].year + 1:
            ax.plot([s.year for s in segment], [s.score for s in segment], color=colour, linewidth=width, zorder=2)
            segment = []
        segment.append(r)
    if segment:
        ax.plot([s.year for s in segment], [s.score for s in segment], color=colour, linewidth=width, zorder=2)
    ax.scatter(rows["year"], rows["score"], s=size, color=colour, zorder=3, edgecolors="white", linewidths=0.6)


def score_field(
    field: pd.DataFrame,
    chosen: pd.DataFrame,
    provinces: list[str],
    texts: dict,
    benchmarks: pd.DataFrame | None = None,
) -> plt.Figure:
    """`field`: year, score of every province scored; `chosen`: year, province, score, rank, n_ranked;
    `benchmarks` (optional): year, national_median, mekong_median, drawn as short bars per year
    and labelled from texts["national_median"], texts["mekong_median"]."""
    years = sorted(field["year"].unique())
    colours = {p: province_colour(p, provinces) for p in provinces}
    if len(provinces) <= ONE_PANEL_MAX:
        fig, ax = plt.subplots(figsize=(9, 5.2))
        _field(ax, field, years)
        _medians(ax, benchmarks)
        top = chosen.groupby("year")["score"].max()
        for p in provinces:
            mine = chosen[chosen["province"] == p]
            _line(ax, mine, colours[p], 2.2, 60)
            for r in mine.itertuples():  # rank labels above the year's highest chosen point, below the others
                ax.annotate(
                    f"{r.rank}/{r.n_ranked}",
                    (r.year, r.score),
                    xytext=(0, 11 if r.score == top[r.year] else -12),
                    textcoords="offset points",
                    ha="center",
                    va="center",
                    fontsize=9,
                    color=colours[p],
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
                )
        ax.set_ylabel(fit_label(texts["ylabel"], 44), fontsize=10)  # beside a 5-inch axis
        handles = [Line2D([], [], marker="o", color=colours[p], label=p) for p in provinces]
    else:
        cols = 4
        rows_n = math.ceil(len(provinces) / cols)
        fig, axes = plt.subplots(rows_n, cols, figsize=(9, 1.2 + 2.4 * rows_n), sharex=True, sharey=True, squeeze=False)
        for ax, p in zip(axes.flat, provinces):
            _field(ax, field, years)
            _medians(ax, benchmarks)
            if p != provinces[0]:  # the first province, thin, as the reference in every panel
                _line(ax, chosen[chosen["province"] == provinces[0]], colours[provinces[0]], 1.0, 12)
            _line(ax, chosen[chosen["province"] == p], colours[p], 2.2, 36)
            ax.set_title(p, fontsize=10, color=colours[p])
            ax.tick_params(labelsize=9)
        for ax in list(axes.flat)[len(provinces) :]:
            ax.set_visible(False)
        fig.supylabel(texts["ylabel"], fontsize=10)
        handles = [Line2D([], [], marker="o", color=colours[provinces[0]], label=provinces[0])]
    handles.append(Line2D([], [], marker="o", color=CONTEXT_GREY, linestyle="none", label=texts["others"]))
    handles += _median_handles(benchmarks, texts)
    fig.legend(handles=handles, loc="outside right center", frameon=False, fontsize=9)
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig


def _share_mark(ax, r, y: float, colour: str) -> None:
    """A filled dot; ≈ a white dot with a dashed outline; ≥ an arrow past the value."""
    approx = getattr(r, "qualifier", "approx" if r.approx else "exact") == "approx"
    ax.scatter(
        [r.value],
        [y],
        s=150,
        zorder=3,
        facecolors="white" if approx else colour,
        edgecolors=colour,
        linewidths=2,
        linestyles="--" if approx else "-",
    )
    if getattr(r, "qualifier", "") == "at_least":  # open-ended: the true value may lie further right
        ax.annotate(
            "",
            xy=(min(r.value + 8, 100), y),
            xytext=(r.value, y),
            arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.5},
        )


def dated_shares(plotted: pd.DataFrame, provinces: list[str], texts: dict, inline_rows: bool = False) -> plt.Figure:
    """`plotted`: row (label), province, value, label (value and date), approx (bool);
    optional qualifier (≥ draws an arrow) and joined (bool: a grey line joins the row's
    values, for a pair the notebook compares). `inline_rows`: each row's label is
    written above its line, across the width, instead of as a tick label."""
    rows = list(dict.fromkeys(plotted["row"]))
    fig, ax = plt.subplots(figsize=(9, 1.9 + (1.5 if inline_rows else 0.85) * len(rows)))
    for y, row in enumerate(rows):
        mine = plotted[plotted["row"] == row]
        ax.plot([0, 100], [y, y], color="#EEEEEE", linewidth=1, zorder=0)
        if inline_rows:
            head = ax.text(0, y - 0.4, row, ha="left", va="bottom", fontsize=10, fontweight="bold", wrap=False)
            head.set_in_layout(False)  # as wide as the axis may be: never shrinks it
        if "joined" in mine and mine["joined"].all() and len(mine) > 1:
            ax.plot([mine["value"].min(), mine["value"].max()], [y, y], color=CONTEXT_GREY, linewidth=3, zorder=1)
        for i, r in enumerate(mine.sort_values("value").itertuples()):
            colour = province_colour(r.province, provinces)
            _share_mark(ax, r, y, colour)
            offset = 15 if i % 2 == 0 else -15  # labels above and below: never on top of each other
            ax.annotate(
                r.label,
                (r.value, y),
                xytext=(0, offset),
                textcoords="offset points",
                ha="center",
                va="center",
                fontsize=9,
                color=colour,
            )
    ax.set_xlim(0, 100)
    if inline_rows:
        ax.set_ylim(len(rows) - 0.55, -0.85)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
    else:
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_yticks(range(len(rows)), labels=rows, fontsize=10)
    ax.set_xlabel(texts["xlabel"], fontsize=10)
    handles = [
        Line2D([], [], marker="o", color=province_colour(p, provinces), linestyle="none", label=p)
        for p in dict.fromkeys(plotted["province"])
    ]
    fig.legend(handles=handles, loc="outside right center", frameon=False, fontsize=9)
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig
