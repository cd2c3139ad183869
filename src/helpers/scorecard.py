"""The side-by-side scorecard (notebook 05): comparable pairs, the rest with reasons."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from helpers import loading
from helpers.comparison import pairs
from helpers.labels import period_text, pick, value_text
from helpers.plotting import add_caption, add_title, province_colour, save_figure


def leader(row, higher_is_better: bool) -> str | None:
    """Province with the better value, or None when the qualifiers make it undecidable or values tie."""
    a, b = row["value_a"], row["value_b"]
    if a == b:
        return None
    a_better = a > b if higher_is_better else a < b
    better, worse = ("a", "b") if a_better else ("b", "a")
    # "≥ x" cannot be shown to be below y, "≤ x" cannot be shown to be above y, "≈" is too loose to rank
    if row[f"qualifier_{worse}"] in {"at_least", "approx"} and higher_is_better:
        return None
    if row[f"qualifier_{better}"] in {"at_most", "approx"} and higher_is_better:
        return None
    if not higher_is_better and (row[f"qualifier_{worse}"] in {"at_most", "approx"}
                                 or row[f"qualifier_{better}"] in {"at_least", "approx"}):
        return None
    return row[f"province_{better}"]


def scorecard(provinces: list[str], lang: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(comparable pairs with their leader, the same as a display table, the values
    that are not comparable with the reason), formatted for `lang`."""
    comparable, not_comparable = pairs(provinces)
    better = loading.load("indicators").set_index("indicator_id")["higher_is_better"]
    label = "label_en" if lang == "en" else "label_vi"
    if len(comparable):
        comparable = comparable.assign(
            leader=[leader(r, bool(better[r["indicator_id"]])) for _, r in comparable.iterrows()])
        shown = pd.DataFrame({
            pick(lang, "indicator", "chỉ tiêu"): comparable[label],
            pick(lang, "period", "thời kỳ"): [period_text(p, lang) for p in comparable["period"]],
            "A": comparable["province_a"],
            pick(lang, "value A", "giá trị A"): [value_text(v, q, u, lang) for v, q, u in
                                                 zip(comparable["value_a"], comparable["qualifier_a"], comparable["unit"])],
            "B": comparable["province_b"],
            pick(lang, "value B", "giá trị B"): [value_text(v, q, u, lang) for v, q, u in
                                                 zip(comparable["value_b"], comparable["qualifier_b"], comparable["unit"])],
            pick(lang, "better", "tốt hơn"): comparable["leader"].fillna("—"),
            pick(lang, "evidence", "nguồn"): comparable["tier_a"] + " / " + comparable["tier_b"],
            pick(lang, "caveat", "lưu ý"): comparable["caveat"],
        })
    else:
        shown = pd.DataFrame()
    if len(not_comparable):
        rest = pd.DataFrame({
            pick(lang, "indicator", "chỉ tiêu"): not_comparable[label],
            pick(lang, "province", "tỉnh"): not_comparable["province_a"],
            pick(lang, "value", "giá trị"): [value_text(v, q, u, lang) for v, q, u in
                                             zip(not_comparable["value_a"], not_comparable["qualifier_a"], not_comparable["unit"])],
            pick(lang, "period", "thời kỳ"): [period_text(p, lang) for p in not_comparable["period"]],
            pick(lang, "why not comparable", "lý do không so sánh được"): [
                pick(lang, f"{r.province_b} has no value for {period_text(r.period, lang)} (only {period_text(r.periods_b, lang)})",
                     f"{r.province_b} không có số liệu cho {period_text(r.period, lang)} (chỉ có {period_text(r.periods_b, lang)})")
                for r in not_comparable.itertuples()],
        })
    else:
        rest = pd.DataFrame()
    return comparable, shown, rest


def plot_scorecard(provinces: list[str], lang: str, name: str = "05_scorecard"):
    """Grid of comparable pairs: one row per indicator and period, one column per
    province; the better value is filled with its province's colour."""
    comparable, _, _ = scorecard(provinces, lang)
    label = "label_en" if lang == "en" else "label_vi"
    rows = []
    for r in comparable.itertuples():
        for side in ("a", "b"):
            rows.append({"row": f"{getattr(r, label)} · {period_text(r.period, lang)}", "indicator_id": r.indicator_id,
                         "period": r.period, "province": getattr(r, f"province_{side}"),
                         "value": getattr(r, f"value_{side}"), "qualifier": getattr(r, f"qualifier_{side}"),
                         "unit": r.unit, "leader": r.leader, "tier": getattr(r, f"tier_{side}")})
    plotted = pd.DataFrame(rows)
    row_names = list(dict.fromkeys(plotted["row"])) if len(plotted) else []
    fig, ax = plt.subplots(figsize=(9, 1.4 + 0.36 * max(len(row_names), 1)))
    for _, r in plotted.iterrows():
        x, y = provinces.index(r["province"]), row_names.index(r["row"])
        lead = r["leader"] == r["province"]
        colour = province_colour(r["province"], provinces)
        ax.add_patch(plt.Rectangle((x, y), 0.94, 0.86, facecolor=colour if lead else "white",
                                   edgecolor=colour, alpha=0.85 if lead else 1.0, linewidth=1))
        ax.text(x + 0.47, y + 0.45, value_text(r["value"], r["qualifier"], r["unit"], lang)
                + ("" if r["tier"] == "official_table" else f" ({r['tier'].split('_')[0]})"),
                ha="center", va="center", fontsize=8.5, color="white" if lead else "black",
                fontweight="bold" if lead else "normal")
    ax.set_xlim(0, len(provinces))
    ax.set_ylim(max(len(row_names), 1), 0)
    ax.set_xticks([i + 0.47 for i in range(len(provinces))], labels=provinces)
    ax.xaxis.tick_top()
    for tick, p in zip(ax.get_xticklabels(), provinces):
        tick.set_color(province_colour(p, provinces))
        tick.set_fontweight("bold")
    ax.set_yticks([i + 0.43 for i in range(len(row_names))], labels=row_names, fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if not row_names:
        ax.text(0.5, 0.5, pick(lang, "no comparable pair", "không có cặp so sánh được"), ha="center", transform=ax.transAxes)
    add_title(fig, headline(comparable, provinces, lang))
    sources = ", ".join(sorted(set(comparable.get("source_a", pd.Series(dtype=str))) | set(comparable.get("source_b", pd.Series(dtype=str)))))
    add_caption(fig, pick(lang,
        f"Comparable = same indicator, unit and period. Filled cell = better value (rank: lower is better); none filled when qualifiers (≥, ≈) make the order uncertain. Tier in brackets when not an official table. Sources: {sources}.",
        f"So sánh được = cùng chỉ tiêu, đơn vị và thời kỳ. Ô tô màu = giá trị tốt hơn (thứ hạng: số nhỏ hơn là tốt hơn); không tô khi dấu ≥, ≈ làm thứ tự không chắc chắn. Nguồn: {sources}."),
        width=130)
    save_figure(fig, name)
    return fig, plotted


def headline(comparable: pd.DataFrame, provinces: list[str], lang: str) -> str:
    if len(provinces) < 2:
        return pick(lang, "One province chosen: nothing to compare", "Chỉ một tỉnh: không có gì để so sánh")
    if comparable.empty:
        return pick(lang, "No indicator is reported for the same period in both provinces",
                    "Không chỉ tiêu nào có cùng thời kỳ ở cả hai tỉnh")
    wins = comparable["leader"].value_counts()
    top = wins.index[0] if len(wins) else None
    if top is None:
        return pick(lang, f"{len(comparable)} comparable pairs, none with a clear leader",
                    f"{len(comparable)} cặp so sánh được, không tỉnh nào rõ ràng hơn")
    return pick(lang, f"{top} is ahead in {wins.iloc[0]} of {len(comparable)} comparable pairs",
                f"{top} dẫn trước ở {wins.iloc[0]}/{len(comparable)} cặp so sánh được")


def findings(provinces: list[str], lang: str) -> str:
    """Key findings as Markdown bullets, every number computed."""
    comparable, _, rest = scorecard(provinces, lang)
    if len(provinces) < 2:
        return pick(lang, "- Only one province chosen: the scorecard needs two.", "- Chỉ chọn một tỉnh: cần hai tỉnh để so sánh.")
    lines = [f"- {headline(comparable, provinces, lang)}."]
    if len(comparable):
        article_only = comparable[(comparable["tier_a"] == "article") & (comparable["tier_b"] == "article")]
        lines.append(pick(lang, f"- Comparable pairs: {len(comparable)}; from the articles alone: {len(article_only)}.",
                          f"- Cặp so sánh được: {len(comparable)}; chỉ từ bài báo: {len(article_only)}."))
        undecided = comparable["leader"].isna().sum()
        if undecided:
            lines.append(pick(lang, f"- {undecided} pairs have no leader (equal, or qualifiers make the order uncertain).",
                              f"- {undecided} cặp không xác định được tỉnh tốt hơn."))
    lines.append(pick(lang, f"- Not comparable: {len(rest)} values whose period the other province never reports (listed above).",
                      f"- Không so sánh được: {len(rest)} giá trị mà tỉnh kia không có cùng thời kỳ (liệt kê ở trên)."))
    return "\n".join(lines)
