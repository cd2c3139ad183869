"""Notebook 00 charts: number coverage per article, the milestones timeline,
the availability matrix (indicator × province)."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from helpers.charts.panels import MISSING_MARK
from helpers.charts.plotting import CONTEXT_GREY, add_caption, add_title, province_colour, ticks_through
from helpers.text.formats import wrap

STATUS_COLOURS = {"curated": "#009E73", "milestone": "#56B4E9", "excluded": CONTEXT_GREY, "unaccounted": "#D55E00"}


FIT_CHARS = 0.02  # one digit of 9 pt text, as a share of the longest bar (axes about 4 in wide)
ARTICLE_CHARS = 48  # an article's label wraps so that its bars keep about half the figure


def coverage(summary: pd.DataFrame, texts: dict) -> plt.Figure:
    """Stacked bars, one per article (`summary["article"]` its label): number tokens by status."""
    fig, ax = plt.subplots(figsize=(9, 4.2))
    left = pd.Series(0, index=summary.index)
    # a count goes inside its segment only where it fits (two 1s side by side read as "11");
    # the others follow the bar's end, as "1 + 1"
    per_char = float(summary[list(STATUS_COLOURS)].sum(axis=1).max()) * FIT_CHARS
    outside: dict[int, list[str]] = {}
    rows = range(len(summary))
    for status, colour in STATUS_COLOURS.items():
        ax.barh(rows, summary[status], left=left, color=colour, label=texts["statuses"][status])
        for y, (x0, n) in enumerate(zip(left, summary[status])):
            if n and n >= per_char * (len(str(n)) + 1):
                ax.text(x0 + n / 2, y, str(n), ha="center", va="center", fontsize=9, color="black")
            elif n:
                outside.setdefault(y, []).append(str(n))
        left = left + summary[status]
    ticks_through(ax, float(left.max()))  # the axis line reaches past the longest bar
    for y, counts in outside.items():
        ax.text(left.iloc[y], y, "  " + " + ".join(counts), va="center", fontsize=9, color="#444444")
    ax.set_yticks(list(rows), ["\n".join(wrap(a, ARTICLE_CHARS)) for a in summary["article"]])
    ax.set_ylim(len(summary) - 0.5, -0.5)
    ax.set_xlabel(texts["x"], fontsize=9)
    ax.tick_params(axis="y", labelsize=9)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig


TIMELINE_CHARS = 125  # 9 pt text across a 9 in figure


def timeline(milestones: pd.DataFrame, missing: list[tuple[str, str]], provinces: list[str], texts: dict) -> plt.Figure:
    """Milestones (`date`, `province`, `text`) on a time axis as wide as the figure, each
    described in full (wrapped) on the lines under its dot; `missing` lists (province,
    sentence) for provinces with none."""
    ms = milestones.reset_index(drop=True)
    wrapped = [wrap(t, TIMELINE_CHARS) or [""] for t in ms["text"]]
    tops = [0.0]
    for lines in wrapped:
        tops.append(tops[-1] + 1 + len(lines) * 0.85 + 0.4)
    bottom = tops[-1] + 0.9 * len(missing)
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.2 * bottom))
    # whole years: the axis line ends at a tick and still holds every date
    start, end = pd.Timestamp(ms["date"].min().year, 1, 1), pd.Timestamp(ms["date"].max().year + 1, 1, 1)
    for i, r in ms.iterrows():
        colour = province_colour(r["province"], provinces)
        y = tops[i]
        ax.plot([start, end], [y, y], color=colour, linewidth=0.5, alpha=0.35)
        ax.plot(r["date"], y, "o", color=colour, markersize=7)
        ax.text(
            0, y + 0.55, "\n".join(wrapped[i]), va="top", fontsize=9, color=colour, transform=ax.get_yaxis_transform()
        )
    for j, (province, sentence) in enumerate(missing):
        ax.text(
            0,
            tops[-1] + 0.9 * j,
            sentence,
            fontsize=9,
            color=province_colour(province, provinces),
            style="italic",
            va="top",
            transform=ax.get_yaxis_transform(),
        )
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(bottom, -0.8)
    ax.set_xlim(start, end)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", labelsize=9)
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig


LABEL_CHARS, CELL_CHARS = 50, 26  # 9 pt text: a label column of about 4 in, cells of about 2.2 in
LABEL_INCH, COLUMN_INCH, LINE_INCH = 4.0, 2.3, 0.165


def availability(
    cells: pd.DataFrame, row_labels: list[str], provinces: list[str], texts: dict, groups: list[str] | None = None
) -> plt.Figure:
    """Grid of indicators × provinces: `cells[province]` holds the text of a
    reported cell (tinted in the province colour) or "" (a small × and no fill).
    `groups` (one per row, e.g. the theme) become bold headings, so that labels stay
    short; labels and cells wrap: 9 pt text in a figure about 9 in wide for two provinces."""
    groups = groups or [""] * len(row_labels)
    layout, y = [], 0.0  # (kind, y top, lines, label, row index)
    for i, (group, label) in enumerate(zip(groups, row_labels)):
        if group and (i == 0 or group != groups[i - 1]):
            layout.append(("group", y, 1, group, i))
            y += 1.3
        wrapped = [wrap(label, LABEL_CHARS) or [""], *[wrap(cells[p].iloc[i], CELL_CHARS) or [""] for p in provinces]]
        lines = max(map(len, wrapped))
        layout.append(("row", y, lines, "\n".join(wrapped[0]), i))
        y += lines + 0.35
    width = LABEL_INCH + COLUMN_INCH * len(provinces)
    fig, ax = plt.subplots(figsize=(width + 0.3, 1.6 + LINE_INCH * y))
    for kind, top, lines, label, i in layout:
        middle = top + lines / 2
        if kind == "group":
            ax.text(0, middle, label, va="center", fontsize=10, fontweight="bold")
            continue
        ax.text(LABEL_INCH - 0.1, middle, label, va="center", ha="right", fontsize=9, linespacing=1.1)
        for c, p in enumerate(provinces):
            x, text = LABEL_INCH + c * COLUMN_INCH, cells[p].iloc[i]
            if text:
                box = plt.Rectangle(
                    (x, top - 0.15), COLUMN_INCH - 0.08, lines + 0.3, color=province_colour(p, provinces)
                )
                box.set_alpha(0.22)
                ax.add_patch(box)
                cell = "\n".join(wrap(text, CELL_CHARS))
                ax.text(x + 0.08, middle, cell, va="center", fontsize=9, linespacing=1.1)
            else:
                ax.plot(x + 0.15, middle, **MISSING_MARK)
    ax.set_xlim(0, width)
    ax.set_ylim(y, -0.3)
    ax.set_xticks([LABEL_INCH + (c + 0.5) * COLUMN_INCH for c in range(len(provinces))], labels=provinces)
    ax.xaxis.tick_top()
    for tick, p in zip(ax.get_xticklabels(), provinces):
        tick.set_color(province_colour(p, provinces))
        tick.set_fontweight("bold")
        tick.set_fontsize(10)
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig
