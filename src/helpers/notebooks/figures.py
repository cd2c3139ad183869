"""The figures of notebooks 02–04: the plotted frame (best evidence of the
chart's indicators, from notebook_scope.yaml), its title and caption, drawn by
helpers.charts.panels and saved with its data; notebook 04's digital-uptake
pairs (helpers.analysis.society_pairs) drawn by helpers.charts.summary.dated_shares. A figure with nothing to show
for the chosen provinces is not written; `plotted.attrs["why"]` says why."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis import comparison, derived, scope, service_levels, society_pairs
from helpers.analysis.evidence import best_rows
from helpers.charts import panels as charts_panels
from helpers.charts import stacked as charts_stacked
from helpers.charts import summary as charts_summary
from helpers.charts.plotting import save_figure, wrap
from helpers.data import frames, loading
from helpers.text import society_tables
from helpers.text.catalogue import say
from helpers.text.chart_titles import CAPTION_DERIVED, caption_extra, chart_title
from helpers.text.citations import citations
from helpers.text.formats import indicator_label, join_words, number_text, period_text, periods_text, value_text

COLUMNS = ["indicator_id", "province", "value", "qualifier", "unit", "period", "tier", "source_id"]


def plotted_frame(name: str, provinces: list[str], observations: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per province, indicator and period plotted, from `observations` (a notebook's
    observation frame; default: every curated result); a province without a value for an
    indicator gets one row with value NaN ("not reported")."""
    evidence = comparison.best_evidence(provinces) if observations is None else best_rows(observations)
    units = loading.load("indicators").set_index("indicator_id")["unit"]
    rows = []
    for indicator in scope.chart(name):
        for province in provinces:
            found = evidence[(evidence["indicator_id"] == indicator) & (evidence["province"] == province)]
            if found.empty:
                rows.append(
                    {
                        "indicator_id": indicator,
                        "province": province,
                        "value": np.nan,
                        "qualifier": "",
                        "unit": units[indicator],
                        "period": None,
                        "tier": "",
                        "source_id": "",
                    }
                )
            for r in found.sort_values("period").itertuples():
                rows.append(
                    {
                        "indicator_id": indicator,
                        "province": province,
                        "value": r.value,
                        "qualifier": r.qualifier,
                        "unit": units[indicator],
                        "period": r.period,
                        "tier": r.tier,
                        "source_id": r.source_id,
                    }
                )
    return pd.DataFrame(rows, columns=COLUMNS)


def caption(plotted: pd.DataFrame, lang: str, extra: str = "") -> str:
    shown = plotted.dropna(subset=["value"])
    periods = "; ".join(
        f"{province}: {periods_text(group['period'], lang)}" for province, group in shown.groupby("province", sort=True)
    )
    parts = [f"{say('sources', lang)}: {citations(shown['source_id'], lang)}.", f"{say('periods', lang)}: {periods}."]
    if shown["qualifier"].isin(["at_least", "approx"]).any():
        parts.append(say("figures.qualifier_legend", lang))
    if plotted["value"].isna().any():
        parts.append(say("figures.missing_legend", lang))
    return " ".join(p for p in [*parts, extra] if p)


def plot(name: str, observations: pd.DataFrame, provinces: list[str], lang: str):
    """Draw and save chart `name` from `observations` (helpers.notebooks.tidy.observations,
    possibly narrowed): returns (figure or None, plotted data)."""
    if service_levels.stacked_parts(name):
        return plot_stacked(name, observations, provinces, lang)
    plotted = plotted_frame(name, provinces, observations)
    if plotted["value"].isna().all():
        plotted.attrs["why"] = say("figures.nothing_to_show", lang, provinces=", ".join(provinces))
        return None, plotted
    labels = loading.load("indicators").set_index("indicator_id")
    panels = []
    for indicator in scope.chart(name):
        shown = plotted[(plotted["indicator_id"] == indicator) & plotted["value"].notna()]
        note = say("figures.periods_differ", lang) if shown["period"].nunique() > 1 else ""
        panels.append({"indicator_id": indicator, "title": indicator_label(labels.loc[indicator], lang), "note": note})
    text = [
        say("no_data", lang)
        if pd.isna(r.value)
        else f"{value_text(r.value, r.qualifier, r.unit, lang)}  ({period_text(r.period, lang)})"
        for r in plotted.itertuples()
    ]
    texts = {
        "title": chart_title(name, provinces, lang),
        "caption": caption(plotted, lang, caption_extra(name, provinces, lang)),
    }
    fig = charts_panels.indicator_panels(
        plotted.assign(label=text), panels, provinces, texts, lambda x: number_text(x, lang)
    )
    redraw = not frames.is_whole(observations)
    save_figure(
        fig, name, _with_caption_numbers(name, _with_title_sums(name, plotted), provinces), lang=lang, redraw=redraw
    )
    return fig, plotted


# Charts whose title prints the sum of two panels at a date both report
# (helpers.text.chart_titles): the sum goes to the figure's CSV, as a row drawn in the title.
TITLE_SUMS = {"03_ecommerce_products": ("ecommerce_products_ocop", "ecommerce_products_agricultural")}


def _with_title_sums(name: str, plotted: pd.DataFrame) -> pd.DataFrame:
    """`plotted` plus one row per province for the sum its title prints (`drawn_as` "title")."""
    data = plotted.assign(drawn_as=["not_reported" if pd.isna(v) else "panel" for v in plotted["value"]])
    if name not in TITLE_SUMS:
        return data
    first, second = TITLE_SUMS[name]
    rows = []
    for _, mine in data.dropna(subset=["value"]).groupby("province", sort=False):
        a, b = (mine[mine["indicator_id"] == i] for i in (first, second))
        shared = sorted(set(a["period"]) & set(b["period"]))
        if shared:
            x, y = a[a["period"] == shared[-1]].iloc[0], b[b["period"] == shared[-1]].iloc[0]
            exact = x["qualifier"] == y["qualifier"] == "exact"
            rows.append(
                {
                    **x.to_dict(),
                    "indicator_id": f"{first}+{second}",
                    "value": x["value"] + y["value"],
                    "qualifier": "exact" if exact else "at_least",
                    "source_id": ";".join(dict.fromkeys([x["source_id"], y["source_id"]])),
                    "drawn_as": "title",
                }
            )
    return pd.concat([data, pd.DataFrame(rows, columns=data.columns)], ignore_index=True)


def _segment_name(indicator: str, lang: str) -> str:
    return say(f"stacked.part.{indicator}", lang)


def plot_stacked(name: str, observations: pd.DataFrame, provinces: list[str], lang: str):
    """A total and its parts (notebook_scope.yaml `parts`): one stacked bar per
    province and date (helpers.analysis.service_levels.stacked_frame), each segment
    labelled, the total at the end of the bar; saved with one row per segment."""
    total_id, part_ids = service_levels.stacked_parts(name)
    plotted = service_levels.stacked_frame(name, provinces, observations)
    if plotted["value"].isna().all():
        plotted.attrs["why"] = say("figures.nothing_to_show", lang, provinces=", ".join(provinces))
        return None, plotted
    labels, ends = [], {}
    for bar, group in plotted.dropna(subset=["bar"]).groupby("bar", sort=True):
        parts = group[group["role"] == "part"]
        total = group[group["role"] == "total"]
        period = period_text(group["period"].iloc[0], lang)
        values = {
            "parts": number_text(parts["value"].sum(), lang),
            "period": period,
            "total": value_text(total["value"].iloc[0], total["qualifier"].iloc[0], total["unit"].iloc[0], lang)
            if len(total)
            else "",
        }
        ends[bar] = say(f"stacked.end.{group['check'].iloc[0]}", lang, **values)
    for r in plotted.itertuples():
        if r.role == "not_reported":
            labels.append(say("no_data", lang))
        elif r.role in ("part", "remainder"):
            labels.append(f"{_segment_name(r.indicator_id, lang)}\n{number_text(r.value, lang)}")
        else:
            labels.append("")
    drawn = plotted.assign(label=labels, end_label=[ends.get(b, "") if pd.notna(b) else "" for b in plotted["bar"]])
    indicators = loading.load("indicators").set_index("indicator_id")
    shown = plotted[plotted["role"].isin(["part", "total"])]
    note = f"  ({say('figures.periods_differ', lang)})" if shown["period"].nunique() > 1 else ""
    texts = {
        "title": chart_title(name, provinces, lang),
        "caption": caption(plotted, lang, say("stacked.caption", lang)),
        "axis": say("stacked.axis", lang, label=indicator_label(indicators.loc[total_id], lang)),
        "panel": say("stacked.panel", lang, parts=", ".join(_segment_name(p, lang) for p in part_ids)) + note,
    }
    fig = charts_stacked.stacked_bars(drawn, part_ids, provinces, texts, lambda x: number_text(x, lang))
    save_figure(fig, name, plotted, lang=lang, redraw=not frames.is_whole(observations))
    return fig, plotted


UPTAKE_PAIRS = "04_digital_uptake_pairs"


def plot_uptake_pairs(found: pd.DataFrame, provinces: list[str], lang: str):
    """The pair rows `found` (helpers.analysis.society_pairs.pairs, possibly narrowed) on one
    0–100 % axis, each value labelled with its date; a grey bar joins the two values of a pair
    the notebook compares. Other values of a measure (not paired) are named in the caption.
    Returns (figure or None, plotted)."""
    shown = found[found["role"] == "pair"]
    rows = []
    for r in shown.itertuples():
        head = society_tables.row_label(r, lang)
        note = society_tables.verdict(r, lang, short=True)
        row = "\n".join(wrap(f"{head}: {note} ({say('society.months_apart', lang, months=r.period_gap_months)})", 100))
        for side in ("a", "b"):
            value, qualifier, period = (getattr(r, f"{k}_{side}") for k in ("value", "qualifier", "period"))
            rows.append(
                {
                    "row": row,
                    "measure": getattr(r, "measure" if side == "a" else "measure_b"),
                    "province": getattr(r, f"province_{side}"),
                    "value": value,
                    "qualifier": qualifier,
                    "period": str(period),
                    "gap_points": r.gap_points,
                    "period_gap_months": r.period_gap_months,
                    "comparable": r.comparable,
                    "reason": r.reason,
                    "tier": r.tier,
                    "confidence": r.confidence,
                    "source_id": getattr(r, f"source_{side}"),
                    "id": getattr(r, f"id_{side}"),
                    "label": society_tables.dated_value(value, qualifier, period, lang),
                    "approx": qualifier == "approx",
                    "joined": r.comparable,
                }
            )
    plotted = pd.DataFrame(rows).drop_duplicates(["row", "province", "id"]).reset_index(drop=True)
    if plotted.empty:
        why = "summary.one_province" if len(provinces) < 2 else "society.no_figure"
        plotted.attrs["why"] = say(why, lang, provinces=", ".join(provinces))
        return None, plotted
    parts = list(dict.fromkeys(society_tables.finding(r, lang) for r in shown[shown["comparable"]].itertuples()))
    if (~shown["comparable"]).any():
        parts.append(say("society.title.not_compared", lang, n=int((~shown["comparable"]).sum())))
    title = "; ".join(parts)
    others = found[found["role"] == "other_value"]
    other_text = "; ".join(
        f"{r.other_of} {society_tables.measure_label(r.measure, lang)} "
        + society_tables.dated_value(
            *(r.value_a, r.qualifier_a, r.period_a)
            if r.other_of == r.province_a
            else (r.value_b, r.qualifier_b, r.period_b),
            lang,
        )
        for r in others.itertuples()
    )
    texts = {
        "title": "\n".join(wrap(title[:1].upper() + title[1:], 90)),
        "xlabel": say("summary.uptake.xlabel", lang),
        "caption": " ".join(
            t
            for t in (
                say(
                    "society.caption",
                    lang,
                    limit=society_pairs.MAX_PERIOD_GAP_MONTHS,
                    tiers=join_words(
                        [say(f"tier.{t}", lang) for t in dict.fromkeys("+".join(plotted["tier"]).split("+"))], lang
                    ),
                ),
                say("society.caption_others", lang, others=other_text) if other_text else "",
                say("figures.qualifier_legend", lang) if plotted["qualifier"].ne("exact").any() else "",
                f"{say('sources', lang)}: {citations(plotted['source_id'], lang)}.",
            )
            if t
        ),
    }
    fig = charts_summary.dated_shares(plotted, list(provinces), texts, inline_rows=True)
    named = [  # the values the caption names: in the CSV too, marked as printed, not drawn
        {
            "measure": r.measure,
            "province": r.other_of,
            **dict(
                zip(
                    ("value", "qualifier", "period", "source_id", "id"),
                    (r.value_a, r.qualifier_a, str(r.period_a), r.source_a, r.id_a)
                    if r.other_of == r.province_a
                    else (r.value_b, r.qualifier_b, str(r.period_b), r.source_b, r.id_b),
                )
            ),
            "reason": r.reason,
            "tier": r.tier,
            "confidence": r.confidence,
            "drawn_as": "caption",
        }
        for r in others.itertuples()
    ]
    data = plotted.drop(columns=["row", "label", "approx", "joined"]).assign(drawn_as="dot")
    save_figure(
        fig,
        UPTAKE_PAIRS,
        pd.concat([data, pd.DataFrame(named, columns=data.columns)], ignore_index=True).astype(
            {"period_gap_months": "Int64"}
        ),
        lang=lang,
        redraw=not frames.is_whole(found),
    )
    return fig, plotted


def _with_caption_numbers(name: str, data: pd.DataFrame, provinces: list[str]) -> pd.DataFrame:
    """`data` plus one row per derived number the caption prints (chart_titles.CAPTION_DERIVED,
    `drawn_as` "caption"): its value, numerator, denominator and formula, language-neutral."""
    if name not in CAPTION_DERIVED:
        return data
    found = derived.derived_numbers(provinces)
    found = found[found["key"].isin(CAPTION_DERIVED[name]) & found["indicator_id"].isin(scope.indicators(name[:2]))]
    tiers = loading.load("sources").set_index("source_id")["tier"]
    rows = [
        {
            "indicator_id": d.indicator_id,
            "province": d.province,
            "value": d.value,
            "qualifier": d.qualifier,
            "unit": d.unit,
            "period": str(d.period),
            "tier": tiers[d.source_id],
            "source_id": d.source_id,
            "drawn_as": "caption",
            "derived": d.key,
            "numerator": d.operands[0],
            "denominator": d.operands[1],
            "formula": derived.FORMULAS[d.key].format(*(f"{x:g}" for x in d.operands)),
        }
        for d in found.itertuples()
    ]
    return pd.concat([data, pd.DataFrame(rows)], ignore_index=True) if rows else data
