"""Corpus overview (notebook 00): number coverage, milestones, data availability."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers import loading
from helpers.comparison import best_evidence
from helpers.coverage import classify_numbers, coverage_summary
from helpers.labels import indicator_label, period_text, pick, word
from helpers.plotting import (CONTEXT_GREY, MISSING_STYLE, add_caption, add_title, province_colour,
                              save_figure)

STATUS_COLOURS = {"curated": "#009E73", "milestone": "#56B4E9", "excluded": CONTEXT_GREY, "unaccounted": "#D55E00"}


def article_register(provinces: list[str]) -> pd.DataFrame:
    """The article sources about any of `provinces`, readable columns only."""
    src = loading.load("sources")
    src = src[(src["tier"] == "article") & src["provinces"].apply(lambda p: any(x in p.split(";") for x in provinces))]
    out = src[["source_id", "outlet", "published", "reference_date", "provinces"]].copy()
    out["published"] = out["published"].dt.strftime("%Y-%m-%d").fillna("unknown")
    out["reference_date"] = out["reference_date"].dt.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)


def plot_coverage(lang: str, name: str = "00_number_coverage"):
    """Stacked bars: every number token of each article by status."""
    summary = coverage_summary(classify_numbers())
    statuses = list(STATUS_COLOURS)
    fig, ax = plt.subplots(figsize=(9, 3.6))
    left = pd.Series(0, index=summary.index)
    names = {"curated": pick(lang, "curated observation", "số liệu đã chọn lọc"),
             "milestone": pick(lang, "milestone date", "mốc thời gian"),
             "excluded": pick(lang, "excluded, with a reason", "loại trừ, có lý do"),
             "unaccounted": pick(lang, "unaccounted", "chưa xử lý")}
    for status in statuses:
        ax.barh(summary["source_id"], summary[status], left=left, color=STATUS_COLOURS[status], label=names[status])
        for y, (x0, n) in enumerate(zip(left, summary[status])):
            if n:
                ax.text(x0 + n / 2, y, str(n), ha="center", va="center", fontsize=8, color="black")
        left = left + summary[status]
    ax.set_ylim(len(summary) - 0.5, -0.5)
    ax.set_xlabel(pick(lang, "number tokens in the raw text", "số lượng con số trong văn bản gốc"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    unaccounted = int(summary["unaccounted"].sum())
    total = int(summary["total"].sum())
    add_title(fig, pick(lang, f"All {total} numbers in the five articles are accounted for ({unaccounted} unaccounted)",
                        f"Cả {total} con số trong năm bài báo đều được xử lý ({unaccounted} chưa xử lý)"))
    add_caption(fig, pick(lang,
        "Numbers found by helpers.numbers.find_numbers in data/raw/articles/ (Vietnamese formats, percentages, ranks like 17/63, dates); each is a curated observation, part of a milestone's date, or excluded with a reason in data/number_exclusions.csv. Articles dated 2020-10-03 to 2023-10-10.",
        "Các con số do helpers.numbers.find_numbers tìm trong data/raw/articles/ (định dạng tiếng Việt, phần trăm, thứ hạng như 17/63, ngày tháng); mỗi số là một số liệu, một mốc thời gian hoặc bị loại trừ có lý do (data/number_exclusions.csv). Bài báo từ 2020-10-03 đến 2023-10-10."))
    save_figure(fig, name)
    return fig, summary


def plot_timeline(provinces: list[str], lang: str, name: str = "00_milestones_timeline"):
    """Milestones on a time axis (left), each described beside it (right)."""
    ms = loading.load("milestones")
    ms = ms[ms["province"].isin(provinces)].sort_values(["date", "milestone_id"]).reset_index(drop=True)
    fig, (ax, text_ax) = plt.subplots(1, 2, figsize=(11, 1.5 + 0.5 * max(len(ms), 1)), width_ratios=[1, 2.6],
                                      sharey=True)
    for i, r in ms.iterrows():
        colour = province_colour(r["province"], provinces)
        ax.plot(r["date"], i, "o", color=colour, markersize=7)
        ax.plot([r["date"], ms["date"].max() + pd.Timedelta(days=120)], [i, i], color=colour, linewidth=0.5, alpha=0.4)
        text = r["event_en"] if lang == "en" else r["event_vi"]
        text = text if len(text) <= 110 else text[:107].rsplit(" ", 1)[0] + "…"
        text_ax.text(0, i, f"{r['date']:%Y-%m-%d} · {r['province']}: {text}", va="center", fontsize=7.8, color=colour)
    missing = [p for p in provinces if p not in set(ms["province"])]
    for j, p in enumerate(missing):
        text_ax.text(0, len(ms) + j, f"{p}: " + pick(lang, "no dated milestone in the corpus", "không có mốc thời gian trong các bài báo"),
                     fontsize=8, color=province_colour(p, provinces), style="italic", va="center")
    text_ax.axis("off")
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(len(ms) + len(missing) - 0.5, -0.7)
    if len(ms):
        import matplotlib.dates as mdates

        ax.set_xlim(ms["date"].min() - pd.Timedelta(days=90), ms["date"].max() + pd.Timedelta(days=120))
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    title = (pick(lang, f"{len(ms)} dated milestones, {ms['date'].min():%Y} to {ms['date'].max():%Y}",
                  f"{len(ms)} mốc thời gian, {ms['date'].min():%Y} đến {ms['date'].max():%Y}") if len(ms)
             else pick(lang, "No dated milestones", "Không có mốc thời gian"))
    add_title(fig, title)
    add_caption(fig, pick(lang, "Data: data/milestones.csv (dated events quoted in the articles: resolutions, launches, agreements, meetings). Sources: ",
                          "Dữ liệu: data/milestones.csv (sự kiện có ngày trong các bài báo). Nguồn: ")
                + ", ".join(sorted(ms["source_id"].unique())) + ".", width=150)
    save_figure(fig, name)
    return fig, ms


def availability(provinces: list[str]) -> pd.DataFrame:
    """Indicator × province: the periods reported (best tier), empty when missing."""
    ev = best_evidence(provinces)
    indicators = loading.load("indicators")
    rows = []
    for ind in indicators.itertuples():
        row = {"theme": ind.theme, "indicator_id": ind.indicator_id, "label_en": ind.label_en, "label_vi": ind.label_vi}
        for p in provinces:
            periods = ev[(ev["indicator_id"] == ind.indicator_id) & (ev["province"] == p)]["period"]
            row[p] = "; ".join(sorted(periods))
        rows.append(row)
    out = pd.DataFrame(rows)
    out = out[(out[provinces] != "").any(axis=1)]
    return out.sort_values(["theme", "indicator_id"]).reset_index(drop=True)


def plot_availability(provinces: list[str], lang: str, name: str = "00_availability_matrix"):
    """Grid of indicators × provinces: a coloured cell lists the periods reported,
    a hatched cell says the corpus does not report it."""
    data = availability(provinces)
    fig, ax = plt.subplots(figsize=(4.5 + 3.2 * len(provinces), 0.8 + 0.25 * len(data)))
    for x, p in enumerate(provinces):
        for y, r in data.iterrows():
            if r[p]:
                ax.add_patch(plt.Rectangle((x, y), 0.96, 0.9, color=province_colour(p, provinces), alpha=0.22))
                ax.text(x + 0.04, y + 0.47, period_text(r[p], lang), va="center", fontsize=6.5)
            else:
                ax.add_patch(plt.Rectangle((x, y), 0.96, 0.9, **MISSING_STYLE))
    ax.set_xlim(0, len(provinces))
    ax.set_ylim(len(data), 0)
    ax.set_xticks([i + 0.48 for i in range(len(provinces))], labels=provinces)
    ax.xaxis.tick_top()
    for tick, p in zip(ax.get_xticklabels(), provinces):
        tick.set_color(province_colour(p, provinces))
        tick.set_fontweight("bold")
    ax.set_yticks([i + 0.45 for i in range(len(data))],
                  labels=[f"[{r.theme}] {indicator_label(r._asdict(), lang)}" for r in data.itertuples()], fontsize=7)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    both = int((data[provinces] != "").all(axis=1).sum())
    add_title(fig, pick(lang, f"Only {both} of {len(data)} indicators are reported for every chosen province",
                        f"Chỉ {both}/{len(data)} chỉ tiêu có số liệu cho mọi tỉnh được chọn"))
    add_caption(fig, pick(lang, "Cell text = periods reported (DTI: assessment year). Hatched = " + word("no_data", lang)
                          + ". Sources: data/observations.csv (articles, 2020-10-03 to 2023-10-10) and data/reference/ (official DTI tables 2022–2024, press facts).",
                          "Ô chữ = thời kỳ có số liệu (DTI: năm đánh giá). Ô gạch chéo = " + word("no_data", lang)
                          + ". Nguồn: data/observations.csv (bài báo 2020-10-03 đến 2023-10-10) và data/reference/ (bảng DTI chính thức 2022–2024, báo chí)."), width=110)
    save_figure(fig, name)
    return fig, data


def summary(provinces: list[str], lang: str) -> str:
    """Key facts of the corpus as Markdown bullets, computed from the data."""
    classified = classify_numbers()
    counts = classified["status"].value_counts()
    matrix = availability(provinces)
    register = article_register(provinces)
    lines = [pick(lang, f"- {len(register)} articles; {len(classified)} number tokens: {counts.get('curated', 0)} curated, "
                        f"{counts.get('milestone', 0)} in milestone dates, {counts.get('excluded', 0)} excluded with a reason, "
                        f"{counts.get('unaccounted', 0)} unaccounted.",
                  f"- {len(register)} bài báo; {len(classified)} con số: {counts.get('curated', 0)} số liệu, "
                  f"{counts.get('milestone', 0)} thuộc mốc thời gian, {counts.get('excluded', 0)} loại trừ có lý do, "
                  f"{counts.get('unaccounted', 0)} chưa xử lý.")]
    for p in provinces:
        n = int((matrix[p] != "").sum())
        lines.append(pick(lang, f"- {p}: {n} of {len(matrix)} indicators reported.",
                          f"- {p}: có số liệu cho {n}/{len(matrix)} chỉ tiêu."))
    if len(provinces) > 1:
        both = int((matrix[provinces] != "").all(axis=1).sum())
        lines.append(pick(lang, f"- Reported for every chosen province: {both} indicators; see 05 for which of them share a period.",
                          f"- Có cho mọi tỉnh được chọn: {both} chỉ tiêu; xem sổ 05 về các cặp cùng thời kỳ."))
    return "\n".join(lines)
