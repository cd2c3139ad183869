"""Project chart style: province colours, captions, rank axes, deterministic files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt

from helpers.paths import figures_dir

# Okabe–Ito colour-blind-safe palette. The two study provinces keep their colour
# in every figure; any other province gets the next free colour in name order.
PROVINCE_COLOURS = {"Hậu Giang": "#0072B2", "Tiền Giang": "#D55E00"}
_EXTRA_COLOURS = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
CONTEXT_GREY = "#BBBBBB"
MISSING_STYLE = {"facecolor": "white", "edgecolor": "#777777", "hatch": "///", "linewidth": 0.8}

# DejaVu Sans ships with matplotlib and covers Vietnamese diacritics.
STYLE = {
    "font.family": "DejaVu Sans",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "axes.titlesize": 12,
    "axes.titlelocation": "left",
    "figure.constrained_layout.use": True,
    "svg.hashsalt": "mekong-dx",  # fixed ids in SVG output
    "svg.fonttype": "path",
}


def use_style() -> None:
    """Chart style, and table display wide enough for quotes and notes."""
    import pandas as pd

    mpl.rcParams.update(STYLE)
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.max_rows", 120)


def province_colour(province: str, all_provinces: list[str] | None = None) -> str:
    if province in PROVINCE_COLOURS:
        return PROVINCE_COLOURS[province]
    others = sorted(p for p in (all_provinces or [province]) if p not in PROVINCE_COLOURS)
    index = others.index(province) if province in others else 0
    return _EXTRA_COLOURS[index % len(_EXTRA_COLOURS)]


def add_title(fig: plt.Figure, title: str) -> None:
    """The finding, as a figure-wide title aligned with the left edge."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")


def add_caption(fig: plt.Figure, text: str, width: int = 120) -> None:
    """Sources and periods, printed on the figure itself (below the axes)."""
    wrapped = "\n".join(textwrap.wrap(text, width))
    fig.supxlabel(wrapped, x=0.01, ha="left", fontsize=7.5, color="#444444")


def rank_axis(ax: plt.Axes, n: int, axis: str = "y") -> None:
    """A rank axis from 1 (best, at the top) to n."""
    if axis == "y":
        ax.set_ylim(n + 0.5, 0.5)
    else:
        ax.set_xlim(0.5, n + 0.5)


def save_figure(fig: plt.Figure, name: str) -> list[Path]:
    """Save `name`.png and `name`.svg without date or version metadata.

    Written to helpers.paths.figures_dir(): figures/ by default, a staging
    folder during `python -m helpers.run`, a tmp dir under pytest.
    """
    out = figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    with mpl.rc_context({"svg.hashsalt": STYLE["svg.hashsalt"]}):
        fig.savefig(paths[0], metadata={"Software": None})
        fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


def evidence_caption(plotted, lang: str, extra: str = "") -> str:
    """Caption naming every source and period behind the plotted values."""
    import pandas as pd

    from helpers.labels import period_text, word

    shown = plotted.dropna(subset=["value"])
    sources = ", ".join(sorted(shown["source_id"].unique()))
    periods = "; ".join(
        f"{province}: {', '.join(sorted({period_text(p, lang) for p in group['period']}))}"
        for province, group in shown.groupby("province", sort=True)
    )
    parts = [f"{word('source', lang)}: {sources}." if sources else "", f"{word('period', lang)}: {periods}." if periods else ""]
    missing = plotted[pd.isna(plotted["value"])]
    if len(missing):
        parts.append(f"Hatched = {word('no_data', lang)}." if lang == "en" else f"Ô gạch chéo = {word('no_data', lang)}.")
    return " ".join(p for p in [*parts, extra] if p)


def indicator_panels(evidence, indicator_ids: list[str], provinces: list[str], lang: str,
                     title: str, name: str, caption_extra: str = ""):
    """Small multiples, one panel per indicator and one bar per province and
    period, each bar labelled directly; a province with no value gets a hatched
    "not reported" box, never a zero. Returns (figure, plotted data).

    `evidence` is helpers.comparison.best_evidence(provinces).
    """
    import numpy as np
    import pandas as pd

    from helpers.labels import indicator_label, period_text, value_text, word

    indicators = __import__("helpers.loading", fromlist=["load"]).load("indicators").set_index("indicator_id")
    rows = []
    for indicator in indicator_ids:
        meta = indicators.loc[indicator]
        for province in provinces:
            found = evidence[(evidence["indicator_id"] == indicator) & (evidence["province"] == province)]
            if found.empty:
                rows.append({"indicator_id": indicator, "province": province, "value": np.nan, "qualifier": "",
                             "period": "", "source_id": "", "unit": meta["unit"]})
            for r in found.sort_values("period").itertuples():
                rows.append({"indicator_id": indicator, "province": province, "value": r.value,
                             "qualifier": r.qualifier, "period": r.period, "source_id": r.source_id,
                             "unit": meta["unit"]})
    plotted = pd.DataFrame(rows)
    heights = [len(plotted[plotted["indicator_id"] == i]) for i in indicator_ids]
    fig, axes = plt.subplots(len(indicator_ids), 1, figsize=(9, 1.2 + 0.42 * sum(heights) + 0.45 * len(heights)),
                             height_ratios=heights, squeeze=False)
    for ax, indicator in zip(axes[:, 0], indicator_ids):
        panel = plotted[plotted["indicator_id"] == indicator].reset_index(drop=True)
        unit = indicators.loc[indicator, "unit"]
        top = 100.0 if unit == "percent" else float(np.nanmax(panel["value"])) if panel["value"].notna().any() else 1.0
        for y, r in panel.iterrows():
            if pd.isna(r["value"]):
                ax.barh(y, top, height=0.6, **MISSING_STYLE)
                ax.text(top * 0.02, y, word("no_data", lang), va="center", fontsize=8.5, style="italic", color="#555555")
            else:
                ax.barh(y, r["value"], height=0.6, color=province_colour(r["province"], provinces))
                label = f"{value_text(r['value'], r['qualifier'], unit, lang)}  ({period_text(r['period'], lang)})"
                ax.text(r["value"] + top * 0.01, y, label, va="center", fontsize=8.5)
        ax.set_yticks(range(len(panel)), labels=panel["province"])
        for tick, province in zip(ax.get_yticklabels(), panel["province"]):
            tick.set_color(province_colour(province, provinces))
        ax.set_ylim(len(panel) - 0.5, -0.5)
        ax.set_xlim(0, top * 1.75)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        ax.set_title(indicator_label(indicators.loc[indicator], lang), fontsize=9.5, loc="left", fontweight="normal")
    add_title(fig, title)
    add_caption(fig, evidence_caption(plotted, lang, caption_extra))
    save_figure(fig, name)
    return fig, plotted
