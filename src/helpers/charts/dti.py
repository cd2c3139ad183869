"""Notebook 01 charts: rank trajectories by evidence tier, and the distribution
of all 63 provinces' official scores (seaborn strip plot)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from helpers.charts.plotting import CONTEXT_GREY, add_caption, add_title, province_colour, rank_axis

TIER_MARKERS = {"official_table": "o", "article": "s", "press_reference": "^"}
MEKONG_GREY = "#777777"
# At most this many provinces get their own colour in a slope chart.
MAX_HIGHLIGHTED = 4
# Beyond this many provinces, rank trajectories label and draw bold only the first two
# chosen (the others thin and unlabelled: their values are in figures/data).
MAX_LABELLED = 4


def tier_handles(markers: dict[str, str], labels: dict[str, str]) -> list[Line2D]:
    """Legend entries for evidence tiers: each tier's marker in grey (press reports hollow)."""
    return [
        Line2D(
            [],
            [],
            marker=m,
            color="#333333",
            linestyle="none",
            markersize=7,
            markerfacecolor="white" if t == "press_reference" else "#333333",
            label=labels[t],
        )
        for t, m in markers.items()
    ]


def rank_trajectories(
    points: pd.DataFrame, panels: list[dict], years: list[int], provinces: list[str], texts: dict
) -> plt.Figure:
    """One panel per rank indicator, rank 1 at the top. `points`: province,
    indicator_id, assessment_year, value, tier, label. `panels`: indicator_id, n,
    title. Marker = evidence tier; a solid line joins only consecutive years of
    the same tier, and no line crosses `texts["break_after"]` (the method change),
    which is drawn as a vertical rule."""
    fig, axes = plt.subplots(3, 2, figsize=(9, 10.5))  # two columns: 9 pt panel titles fit
    axes = axes.ravel()
    for ax, panel in zip(axes, panels):
        highlighted = provinces if len(provinces) <= MAX_LABELLED else provinces[:2]
        mine = points[points["indicator_id"] == panel["indicator_id"]]
        for i, province in enumerate(provinces):
            rows = mine[mine["province"] == province].sort_values("assessment_year")
            colour = province_colour(province, provinces)
            bold = province in highlighted
            for a, b in zip(rows.itertuples(), rows.iloc[1:].itertuples()):
                if (
                    b.assessment_year - a.assessment_year == 1
                    and a.tier == b.tier
                    and not a.assessment_year <= texts["break_after"] < b.assessment_year
                ):
                    ax.plot(
                        [a.assessment_year, b.assessment_year],
                        [a.value, b.value],
                        color=colour,
                        linewidth=1.2 if bold else 0.8,
                        alpha=0.7 if bold else 0.35,
                        linestyle="-",
                    )
            for r in rows.itertuples():
                ax.plot(
                    r.assessment_year,
                    r.value,
                    marker=TIER_MARKERS[r.tier],
                    color=colour,
                    markersize=7 if bold else 4,
                    alpha=1 if bold else 0.5,
                    markerfacecolor=colour if r.tier != "press_reference" else "white",
                    linestyle="none",
                )
                if not bold:
                    continue  # values of the others: figures/data/<figure>.csv
                left = i == 0 and len(provinces) > 1  # first province labelled on the left, others on the right
                ax.annotate(
                    r.label,
                    (r.assessment_year, r.value),
                    xytext=(-7 if left else 7, 0),
                    textcoords="offset points",
                    va="center",
                    ha="right" if left else "left",
                    fontsize=9,
                    color=colour,
                )
        n = panel["n"]
        rank_axis(ax, n)
        step = 10 if n > 20 else 5
        ax.set_yticks([1, *range(step, n + 1, step)] + ([n] if n % step >= step / 2 else []))
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
        ax.set_xticks(years, labels=[str(y) for y in years], fontsize=9)
        ax.axvline(texts["break_after"] + 0.5, color="#999999", linestyle=":", linewidth=1)
        ax.set_title(panel["title"], fontsize=9, loc="left", fontweight="normal")
    for ax in axes[len(panels) :]:
        ax.axis("off")
    handles = tier_handles(TIER_MARKERS, texts["tiers"])
    handles.append(Line2D([], [], color="#999999", linestyle=":", label=texts["break"]))
    handles += [Line2D([], [], color=province_colour(p, provinces), linewidth=3, label=p) for p in provinces]
    axes[-1].legend(handles=handles, loc="center left", frameon=False, fontsize=9)
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig


MEDIAN_STYLES = {
    "national_median": {"color": "#333333", "linestyle": "--", "linewidth": 1.2},
    "mekong_median": {"color": "#333333", "linestyle": ":", "linewidth": 1.6},
}


def distribution(
    scores: pd.DataFrame, provinces: list[str], texts: dict, medians: pd.DataFrame | None = None
) -> plt.Figure:
    """Every province's official score, one strip per assessment year (seaborn strip of dots),
    each year on its own scale (scores of different years are not comparable);
    other Mekong Delta provinces dark grey, the rest light grey, the chosen
    provinces in their colour and labelled (`scores["label"]`).
    With `medians` (assessment_year, national_median, mekong_median) the years are
    comparable: one shared scale, and each year's two medians drawn as lines."""
    import seaborn as sns  # here: only this chart uses it, and importing it costs every kernel 0.3 s

    years = sorted(scores["assessment_year"].unique())
    shared = medians is not None
    fig, axes = plt.subplots(len(years), 1, figsize=(9, 1.4 + 1.7 * len(years)), squeeze=False, sharex=shared and "col")
    for ax, year in zip(axes[:, 0], years):
        mine = scores[scores["assessment_year"] == year]
        if shared:
            for _, m in medians[medians["assessment_year"] == year].iterrows():
                for key, style in MEDIAN_STYLES.items():
                    ax.axvline(m[key], zorder=1, **style)
        # deterministic vertical spread from the rank (seaborn's jitter is random: figures must be reproducible)
        context = mine[~mine["province"].isin(provinces)].assign(
            group=lambda d: d["in_mekong_delta"].map({True: "mekong", False: "rest"}),
            spread=lambda d: ((d["rank"] * 0.618034) % 1 - 0.5) * 0.5,
        )
        if len(context):  # a reader's rows may hold the labelled provinces alone
            sns.scatterplot(
                data=context,
                x="score",
                y="spread",
                hue="group",
                hue_order=["rest", "mekong"],
                palette={"rest": CONTEXT_GREY, "mekong": MEKONG_GREY},
                s=30,
                linewidth=0,
                ax=ax,
                legend=False,
                zorder=2,
            )
        chosen = mine[mine["province"].isin(provinces)]
        for i, province in enumerate(provinces):
            colour = province_colour(province, provinces)
            for r in chosen[chosen["province"] == province].itertuples():
                ax.scatter(r.score, 0, s=90, color=colour, edgecolor="white", zorder=3)
                ax.annotate(
                    r.label,
                    (r.score, 0),
                    xytext=(0, 14 if i % 2 == 0 else -16),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if i % 2 == 0 else "top",
                    fontsize=9,
                    color=colour,
                    fontweight="bold",
                )
        ax.set_ylim(0.9, -0.9)
        ax.set_yticks([])
        ax.set_ylabel("")
        ax.spines["left"].set_visible(False)
        ax.set_title(texts.get("panels", {}).get(year, f"DTI {year}"), fontsize=10, loc="left")
        ax.set_xlabel(texts["x"], fontsize=9)
        if shared:
            ax.xaxis.set_tick_params(labelbottom=True)  # every strip keeps its (shared) numbers
    context = scores[~scores["province"].isin(provinces)]["in_mekong_delta"]  # a reader's rows may lack a group
    handles = [
        Line2D([], [], marker="o", linestyle="none", color=c, label=texts[k])
        for k, c, present in (("mekong", MEKONG_GREY, context.any()), ("rest", CONTEXT_GREY, (~context).any()))
        if present
    ]
    if shared:
        handles += [Line2D([], [], label=texts[key], **style) for key, style in MEDIAN_STYLES.items()]
    fig.legend(handles=handles, loc="outside right center", frameon=False, fontsize=9)
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig


def _spread(values: list[float], gap: float) -> list[float]:
    """Label positions near `values` (sorted ascending) at least `gap` apart, so labels do not collide."""
    out: list[float] = []
    for v in values:
        out.append(max(v, out[-1] + gap) if out else v)
    return out


def rank_slopes(change: pd.DataFrame, provinces: list[str], n: int, texts: dict) -> plt.Figure:
    """A slope chart of ranks in two official tables (rank 1 at the top). `change`:
    province, rank_first, rank_last, label_first, label_last, highlighted. The
    chosen provinces are drawn in their colour and bold; every other province in
    grey (dark if it improved, light if it fell); every line is labelled at both ends."""
    # Highlighting only works for a few: with more chosen provinces every line is
    # drawn by direction and the chosen ones are named in bold.
    colour_chosen = int(change["highlighted"].sum()) <= MAX_HIGHLIGHTED
    change = change.assign(coloured=change["highlighted"] & colour_chosen)
    fig, ax = plt.subplots(figsize=(9, 1.5 + 0.42 * max(len(change), 8)))
    gap = n / (2.4 * max(len(change), 8)) + 0.6  # in ranks: about one label height
    for r in change.itertuples():
        colour = (
            province_colour(r.province, provinces)
            if r.coloured
            else MEKONG_GREY
            if r.rank_last < r.rank_first
            else CONTEXT_GREY
        )
        ax.plot(
            [0, 1],
            [r.rank_first, r.rank_last],
            color=colour,
            marker="o",
            markersize=5,
            linewidth=2.6 if r.highlighted else 1.3,
            zorder=3 if r.highlighted else 2,
        )
    for side, x, ha in (("first", -0.04, "right"), ("last", 1.04, "left")):
        ordered = change.sort_values(f"rank_{side}")
        positions = _spread(list(ordered[f"rank_{side}"].astype(float)), gap)
        for r, y in zip(ordered.itertuples(), positions):
            colour = province_colour(r.province, provinces) if r.coloured else "#333333"
            ax.annotate(
                getattr(r, f"label_{side}"),
                (x, y),
                ha=ha,
                va="center",
                fontsize=9,
                color=colour,
                fontweight="bold" if r.highlighted else "normal",
                annotation_clip=False,
            )
            if abs(y - getattr(r, f"rank_{side}")) > 0.3:  # a short leader to a displaced label
                ax.plot(
                    [0 if side == "first" else 1, x * 0.75 + (0.25 if side == "last" else 0)],
                    [getattr(r, f"rank_{side}"), y],
                    color="#999999",
                    linewidth=0.5,
                    zorder=1,
                )
    low = max(
        float(change[["rank_first", "rank_last"]].max().max()),
        max(_spread(sorted(change["rank_last"].astype(float)), gap)),
        max(_spread(sorted(change["rank_first"].astype(float)), gap)),
    )
    ax.set_ylim(low + 1.5, 0)
    ax.set_xlim(-0.9, 1.9)
    ax.set_xticks([0, 1], labels=texts["years"], fontsize=10)
    ax.set_yticks([1, *range(10, n + 1, 10)])
    ax.set_ylabel(texts["y"], fontsize=9)
    ax.tick_params(axis="y", labelsize=9)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    for spine in ("top", "right", "bottom"):
        ax.spines[spine].set_visible(False)
    handles = [
        Line2D([], [], color=MEKONG_GREY, linewidth=1.3, label=texts["improved"]),
        Line2D([], [], color=CONTEXT_GREY, linewidth=1.3, label=texts["fell"]),
    ]
    handles += [
        Line2D([], [], color=province_colour(p, provinces), linewidth=2.6, label=p)
        for p in provinces
        if p in set(change.loc[change["coloured"], "province"])
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.06),
        ncol=min(4, len(handles)),
        frameon=False,
        fontsize=9,
    )
    add_title(fig, texts["title"])
    add_caption(fig, texts["caption"])
    return fig
