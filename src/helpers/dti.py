"""DTI rank evidence for notebook 01: trajectories across assessment years and
the provinces' place in the full distribution of 63 (and 13 Mekong Delta)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers import loading
from helpers.comparison import dti_evidence
from helpers.labels import indicator_label, pick, value_text
from helpers.plotting import (CONTEXT_GREY, add_caption, add_title, province_colour, rank_axis,
                              save_figure)

RANK_PANELS = ["dti_rank_overall", "dti_rank_mekong_delta", "dti_rank_digital_government",
               "dti_rank_digital_economy", "dti_rank_digital_society"]
TIER_MARKERS = {"official_table": "o", "article": "s", "press_reference": "^"}
MEKONG_GREY = "#777777"


def years() -> list[int]:
    """Assessment years the calendar knows (2020 onwards)."""
    return sorted(loading.load("dti_calendar")["assessment_year"].astype(int))


def rank_matrix(provinces: list[str]) -> pd.DataFrame:
    """Province × indicator × year, every claim kept, best tier first."""
    ev = dti_evidence(provinces)
    ev = ev[ev["indicator_id"].isin(RANK_PANELS)]
    order = {"official_table": 0, "article": 1, "press_reference": 2}
    return ev.assign(_o=ev["tier"].map(order)).sort_values(
        ["province", "indicator_id", "assessment_year", "_o"]).drop(columns="_o").reset_index(drop=True)


def ordinal(n: int, lang: str) -> str:
    if lang == "vi":
        return f"hạng {n}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def headline(provinces: list[str], lang: str) -> str:
    """The finding of the trajectory chart, computed from the official tables."""
    official = loading.load("dti_scores").query("scope == '63_provinces'")
    official = official[official["province"].isin(provinces)]
    first, last = int(official["assessment_year"].min()), int(official["assessment_year"].max())
    if len(provinces) == 1:
        (p,) = provinces
        r = official.set_index("assessment_year")["rank"]
        return pick(lang, f"{p}: official DTI rank {ordinal(int(r[first]), lang)} in {first}, {ordinal(int(r[last]), lang)} in {last} (of 63)",
                    f"{p}: xếp {ordinal(int(r[first]), lang)} năm {first}, {ordinal(int(r[last]), lang)} năm {last} (trên 63) theo bảng DTI chính thức")
    leaders = official.loc[official.groupby("assessment_year")["rank"].idxmin(), "province"]
    if leaders.nunique() == 1:
        lead = leaders.iloc[0]
        others = ", ".join(p for p in provinces if p != lead)
        gap = official.pivot(index="assessment_year", columns="province", values="rank")
        widest = (gap.drop(columns=lead).min(axis=1) - gap[lead]).max()
        return pick(lang,
                    f"{lead} ranked above {others} in every official DTI table ({first}–{last}); the gap peaked at {int(widest)} places",
                    f"{lead} xếp trên {others} trong mọi bảng DTI chính thức ({first}–{last}); cách biệt lớn nhất {int(widest)} bậc")
    return pick(lang, f"The better-ranked province changed between {first} and {last}",
                f"Tỉnh xếp hạng cao hơn thay đổi giữa {first} và {last}")


def _compress(years_missing: list[int]) -> str:
    """2021, 2022, 2023, 2024 -> "2021–2024"; runs of consecutive years become ranges."""
    runs: list[list[int]] = []
    for y in years_missing:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def plot_rank_trajectories(provinces: list[str], lang: str, name: str = "01_dti_rank_trajectories"):
    """One panel per rank indicator: rank by assessment year (1 at the top),
    marker shape = evidence tier, every point labelled; missing years named in the panel."""
    from matplotlib.lines import Line2D

    data = rank_matrix(provinces)
    indicators = loading.load("indicators").set_index("indicator_id")
    all_years = years()
    fig, axes = plt.subplots(2, 3, figsize=(12, 7.4))
    axes = axes.ravel()
    plotted = []
    for ax, indicator in zip(axes, RANK_PANELS):
        n = int(indicators.loc[indicator, "unit"].removeprefix("rank_of_"))
        missing = []
        for i, province in enumerate(provinces):
            best = data[(data["indicator_id"] == indicator) & (data["province"] == province)].drop_duplicates("assessment_year")
            colour = province_colour(province, provinces)
            if len(best) > 1:
                ax.plot(best["assessment_year"], best["value"], color=colour, linewidth=1.2, alpha=0.6)
            for r in best.itertuples():
                ax.plot(r.assessment_year, r.value, marker=TIER_MARKERS[r.tier], color=colour, markersize=7,
                        markerfacecolor=colour if r.tier != "press_reference" else "white", linestyle="none")
                # first province labelled on the left, the others on the right, to keep labels apart
                left = i == 0 and len(provinces) > 1
                ax.annotate(value_text(r.value, r.qualifier, "count", lang), (r.assessment_year, r.value),
                            xytext=(-7 if left else 7, 0), textcoords="offset points", va="center",
                            ha="right" if left else "left", fontsize=8, color=colour)
                plotted.append({"indicator_id": indicator, "province": province, "assessment_year": r.assessment_year,
                                "value": r.value, "tier": r.tier, "source_id": r.source_id})
            gaps = [y for y in all_years if y not in set(best["assessment_year"])]
            if gaps:
                missing.append(f"{province} {_compress(gaps)}")
        rank_axis(ax, n)
        step = 10 if n > 20 else 5
        ax.set_yticks([1, *range(step, n + 1, step)] + ([n] if n % step >= step / 2 else []))
        ax.set_xlim(all_years[0] - 0.6, all_years[-1] + 0.6)
        ax.set_xticks(all_years, labels=[str(y) for y in all_years], fontsize=8)
        title = indicator_label(indicators.loc[indicator], lang) + f" ({pick(lang, 'of', 'trên')} {n})"
        if missing:
            title += "".join("\n" + pick(lang, "not reported: ", "không có số liệu: ") + m for m in missing)
        ax.set_title(title, fontsize=8.5, loc="left", fontweight="normal")
    axes[-1].axis("off")
    tier_names = {"official_table": pick(lang, "official DTI table (dti.gov.vn)", "bảng DTI chính thức (dti.gov.vn)"),
                  "article": pick(lang, "claim in a curated article", "thông tin trong bài báo"),
                  "press_reference": pick(lang, "press / dataset report", "báo chí / bộ dữ liệu")}
    handles = [Line2D([], [], marker=m, color="#333333", linestyle="none", markersize=7,
                      markerfacecolor="white" if t == "press_reference" else "#333333", label=tier_names[t])
               for t, m in TIER_MARKERS.items()]
    handles += [Line2D([], [], color=province_colour(p, provinces), linewidth=3, label=p) for p in provinces]
    axes[-1].legend(handles=handles, loc="center left", frameon=False, fontsize=9)
    add_title(fig, headline(provinces, lang))
    plotted = pd.DataFrame(plotted)
    sources = ", ".join(sorted(plotted["source_id"].unique()))
    add_caption(fig, pick(lang,
        f"Rank 1 = best, at the top. Year = DTI assessment year (announced about a year later); article year labels were mapped to assessment years with the announcement calendar. 2020 used 108 component indexes, 2021 onwards 98: compare ranks, not scores, across years. Sources: {sources}.",
        f"Hạng 1 = tốt nhất, ở trên cùng. Năm = năm đánh giá DTI (công bố khoảng một năm sau); năm ghi trong bài báo được quy về năm đánh giá theo lịch công bố. Năm 2020 dùng 108 chỉ số thành phần, từ 2021 dùng 98: so sánh thứ hạng, không so điểm giữa các năm. Nguồn: {sources}."), width=170)
    save_figure(fig, name)
    return fig, plotted


def distribution(years_shown: list[int] | None = None) -> pd.DataFrame:
    """All 63 provinces' official scores and ranks, with Mekong Delta membership and regional rank."""
    scores = loading.load("dti_scores").query("scope == '63_provinces'")
    regions = loading.load("regions")[["province", "in_mekong_delta"]]
    mekong = loading.load("dti_mekong_ranks")[["assessment_year", "province", "rank_in_mekong_delta"]]
    out = scores.merge(regions, on="province", how="left").merge(mekong, on=["assessment_year", "province"], how="left")
    if years_shown:
        out = out[out["assessment_year"].isin(years_shown)]
    return out.sort_values(["assessment_year", "rank", "province"]).reset_index(drop=True)


def plot_distribution(provinces: list[str], lang: str, name: str = "01_dti_distribution"):
    """Every province's official score by rank, one panel per year; the chosen
    provinces coloured and labelled, the Mekong Delta darker than the rest."""
    data = distribution()
    years_shown = sorted(data["assessment_year"].unique())
    fig, axes = plt.subplots(1, len(years_shown), figsize=(11, 6.2), sharey=True)
    for ax, year in zip(axes, years_shown):
        d = data[data["assessment_year"] == year]
        context = d[~d["province"].isin(provinces)]
        ax.scatter(context["score"], context["rank"], s=14,
                   c=[MEKONG_GREY if m else CONTEXT_GREY for m in context["in_mekong_delta"]], zorder=2)
        for province in provinces:
            row = d[d["province"] == province]
            if row.empty:
                ax.text(0.02, 0.02, f"{province}: " + pick(lang, "not in table", "không có trong bảng"),
                        transform=ax.transAxes, fontsize=8)
                continue
            r = row.iloc[0]
            colour = province_colour(province, provinces)
            ax.scatter(r["score"], r["rank"], s=60, color=colour, zorder=3, edgecolor="white")
            ax.annotate(f"{province}\n{ordinal(int(r['rank']), lang)}/63 · "
                        f"{ordinal(int(r['rank_in_mekong_delta']), lang)}/13 ĐBSCL",
                        (r["score"], r["rank"]), xytext=(-8, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=8, color=colour, fontweight="bold")
        rank_axis(ax, 63)
        ax.set_title(f"DTI {year}", fontsize=10, loc="left")
        ax.set_xlabel(pick(lang, "score (0–1)", "điểm (0–1)"), fontsize=8.5)
    axes[0].set_ylabel(pick(lang, "rank among 63 provinces (1 = best)", "thứ hạng trên 63 tỉnh (1 = cao nhất)"))
    latest = data[(data["assessment_year"] == years_shown[-1]) & data["province"].isin(provinces)]
    parts = [f"{r.province} {ordinal(int(r.rank), lang)}" for r in latest.itertuples()]
    add_title(fig, pick(lang, f"In DTI {years_shown[-1]}: " + ", ".join(parts) + " of 63 provinces",
                        f"DTI {years_shown[-1]}: " + ", ".join(parts) + " trên 63 tỉnh, thành"))
    add_caption(fig, pick(lang,
        "Dark grey: the other Mekong Delta (ĐBSCL) provinces; light grey: the rest of Vietnam. Ranks by competition ranking on the official score (ties share the best rank). Sources: official DTI tables for assessment years "
        + ", ".join(map(str, years_shown)) + " (dti.gov.vn; data/reference/dti_scores.csv, dti_mekong_ranks.csv).",
        "Xám đậm: các tỉnh ĐBSCL khác; xám nhạt: các tỉnh còn lại. Thứ hạng theo điểm chính thức (đồng điểm cùng hạng). Nguồn: bảng DTI chính thức các năm "
        + ", ".join(map(str, years_shown)) + " (dti.gov.vn; data/reference/dti_scores.csv, dti_mekong_ranks.csv)."), width=170)
    save_figure(fig, name)
    plotted = data[data["province"].isin(provinces)][["assessment_year", "province", "score", "rank", "rank_in_mekong_delta"]]
    return fig, plotted.reset_index(drop=True)


def conclusion(provinces: list[str], lang: str) -> str:
    """Key findings as Markdown bullets, every number computed from the data."""
    from helpers.comparison import conflicts, dti_crosscheck

    dist = distribution()
    lines = [f"- {headline(provinces, lang)}."]
    for province in provinces:
        d = dist[dist["province"] == province]
        if d.empty:
            lines.append(f"- {province}: " + pick(lang, "not in the official tables.", "không có trong bảng chính thức."))
            continue
        overall = " → ".join(f"{int(r.rank)} ({r.assessment_year})" for r in d.itertuples())
        mekong = " → ".join(f"{int(r.rank_in_mekong_delta)}" for r in d.itertuples())
        lines.append(pick(lang, f"- {province}: official rank of 63 {overall}; of the 13 Mekong Delta provinces {mekong}.",
                          f"- {province}: hạng chính thức trên 63 {overall}; trong 13 tỉnh ĐBSCL {mekong}."))
    check = dti_crosscheck(provinces)
    if len(check):
        counts = check["status"].value_counts()
        summary = ", ".join(f"{n} {status}" for status, n in counts.items())
        lines.append(pick(lang, f"- Article DTI claims: {len(check)} ({summary}); none disagrees with an official table."
                          if "disagrees" not in counts else f"- Article DTI claims: {len(check)} ({summary}).",
                          f"- Thông tin DTI trong bài báo: {len(check)} ({summary})."))
    year_labels = conflicts(provinces).query("type == 'year_label'")
    if len(year_labels):
        lines.append(pick(lang, f"- {len(year_labels)} article claims carry a year label that is the announcement year, not the assessment year; they are recorded under the assessment year and listed above.",
                          f"- {len(year_labels)} thông tin trong bài báo ghi năm công bố thay vì năm đánh giá; đã quy về năm đánh giá và liệt kê ở trên."))
    return "\n".join(lines)
