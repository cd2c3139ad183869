"""The side-by-side scorecard (notebook 05): comparable pairs, the rest with reasons."""

from __future__ import annotations

import pandas as pd

from helpers import loading
from helpers.comparison import pairs
from helpers.charts import scorecard as charts_scorecard
from helpers.citations import citations
from helpers.plotting import save_figure
from helpers.wording import say
from helpers.wording.formats import number_text, period_text, periods_text, value_text


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


def _caveat(pair, lang: str) -> str:
    notes = []
    if pair.qualifier_a != pair.qualifier_b:
        notes.append(say("scorecard.caveat_qualifiers", lang))
    if pair.tier_a != pair.tier_b:
        notes.append(say("scorecard.caveat_tiers", lang))
    return "; ".join(notes)


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
            say("scorecard.indicator", lang): comparable[label],
            say("scorecard.period", lang): [period_text(p, lang) for p in comparable["period"]],
            "A": comparable["province_a"],
            say("scorecard.value", lang): [value_text(v, q, u, lang) for v, q, u in
                                                 zip(comparable["value_a"], comparable["qualifier_a"], comparable["unit"])],
            "B": comparable["province_b"],
            say("scorecard.value_b", lang): [value_text(v, q, u, lang) for v, q, u in
                                                 zip(comparable["value_b"], comparable["qualifier_b"], comparable["unit"])],
            say("scorecard.gap_column", lang): [number_text(abs(a - b), lang) for a, b in
                                                zip(comparable["value_a"], comparable["value_b"])],
            say("scorecard.better", lang): comparable["leader"].fillna("—"),
            say("scorecard.evidence", lang): [f"{say(f'tier.{a}', lang)} / {say(f'tier.{b}', lang)}"
                                              for a, b in zip(comparable["tier_a"], comparable["tier_b"])],
            say("scorecard.caveat", lang): [_caveat(r, lang) for r in comparable.itertuples()],
        })
    else:
        shown = pd.DataFrame()
    if len(not_comparable):
        rest = pd.DataFrame({
            say("scorecard.indicator", lang): not_comparable[label],
            say("scorecard.province", lang): not_comparable["province_a"],
            say("scorecard.value_2", lang): [value_text(v, q, u, lang) for v, q, u in
                                             zip(not_comparable["value_a"], not_comparable["qualifier_a"], not_comparable["unit"])],
            say("scorecard.period", lang): [period_text(p, lang) for p in not_comparable["period"]],
            say("scorecard.why_not_comparable", lang): [
                say("scorecard.has_no_value_for_only", lang, province_b=r.province_b, period_text=period_text(r.period, lang), period_text2=periods_text(r.periods_b, lang))
                for r in not_comparable.itertuples()],
        })
    else:
        rest = pd.DataFrame()
    return comparable, shown, rest


def plot_scorecard(provinces: list[str], lang: str, name: str = "05_scorecard"):
    """Comparable pairs as dumbbells (helpers.charts.scorecard), the gap in places
    beside each row. Not written with fewer than two provinces or no comparable
    pair (`plotted.attrs["why"]` says why)."""
    comparable, _, _ = scorecard(provinces, lang)
    label = "label_en" if lang == "en" else "label_vi"
    rows = []
    for r in comparable.itertuples():
        gap = abs(r.value_a - r.value_b)
        gap_label = say("scorecard.gap", lang, gap=number_text(gap, lang), leader=r.leader) if r.leader \
            else say("scorecard.gap_no_leader", lang, gap=number_text(gap, lang))
        for side in ("a", "b"):
            rows.append({"row": f"{getattr(r, label)} · {period_text(r.period, lang)}", "indicator_id": r.indicator_id,
                         "period": r.period, "unit": r.unit, "province": getattr(r, f"province_{side}"),
                         "value": getattr(r, f"value_{side}"), "qualifier": getattr(r, f"qualifier_{side}"),
                         "tier": getattr(r, f"tier_{side}"), "source_id": getattr(r, f"source_{side}"),
                         "gap": gap, "leader": r.leader, "gap_label": gap_label})
    plotted = pd.DataFrame(rows, columns=["row", "indicator_id", "period", "unit", "province", "value", "qualifier",
                                          "tier", "source_id", "gap", "leader", "gap_label"])
    if len(provinces) < 2 or plotted.empty:
        plotted.attrs["why"] = "*" + headline(comparable, provinces, lang) + ".*"
        return None, plotted
    panels = [{"unit": u, "n": int(u.removeprefix("rank_of_")), "xlabel": say("scorecard.rank_axis", lang, n=u.removeprefix("rank_of_"))}
              for u in dict.fromkeys(plotted["unit"])]
    texts = {"title": headline(comparable, provinces, lang), "gap": say("scorecard.gap_legend", lang),
             "tiers": {t: say(f"tier.{t}", lang) for t in ("official_table", "article", "press_reference")},
             "caption": say("scorecard.comparable_same_indicator_unit_and", lang,
                            sources=citations(plotted["source_id"], lang))}
    fig = charts_scorecard.dumbbells(plotted, panels, provinces, texts)
    save_figure(fig, name, plotted.drop(columns=["row", "gap_label"]))
    return fig, plotted


def headline(comparable: pd.DataFrame, provinces: list[str], lang: str) -> str:
    if len(provinces) < 2:
        return say("scorecard.one_province_chosen_nothing_to", lang)
    if comparable.empty:
        return say("scorecard.no_indicator_is_reported_for", lang)
    wins = comparable["leader"].value_counts()
    top = wins.index[0] if len(wins) else None
    if top is None:
        return say("scorecard.comparable_pairs_none_with_clear", lang, len=len(comparable))
    return say("scorecard.is_ahead_comparable_pairs", lang, top=top, iloc=wins.iloc[0], len=len(comparable))


def findings(provinces: list[str], lang: str) -> str:
    """Key findings as Markdown bullets, every number computed."""
    comparable, _, rest = scorecard(provinces, lang)
    if len(provinces) < 2:
        return say("scorecard.only_one_province_chosen_scorecard", lang)
    lines = [f"- {headline(comparable, provinces, lang)}."]
    if len(comparable):
        article_only = comparable[(comparable["tier_a"] == "article") & (comparable["tier_b"] == "article")]
        lines.append(say("scorecard.comparable_pairs_from_articles_alone", lang, len=len(comparable), len2=len(article_only)))
        undecided = comparable["leader"].isna().sum()
        if undecided:
            lines.append(say("scorecard.pairs_have_no_leader_equal", lang, undecided=undecided))
    lines.append(say("scorecard.not_comparable_values_whose_period", lang, len=len(rest)))
    return "\n".join(lines)
