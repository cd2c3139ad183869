"""The summary's key figures (notebook 00): frame + title + caption, drawn by
helpers.charts.summary (or helpers.notebooks.dti_map) and saved with their data."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import papi_scores, verdict_rule
from helpers.analysis.dti_scores import NEAR_TIE_SD
from helpers.analysis.verdicts import runs
from helpers.charts import summary as charts_summary
from helpers.charts.plotting import save_figure, wrap
from helpers.data import frames, loading
from helpers.notebooks import dti_map
from helpers.text.catalogue import say
from helpers.text.citations import citations
from helpers.text.formats import number_text, value_text
from helpers.text.summary_text import _measure, dated, years_text

DTI_MAP = dti_map.NAME
PAPI = "00_papi_egov"
UPTAKE = "00_digital_uptake_shares"


def plot_dti_map(provinces: list[str], lang: str):
    """The DTI rank maps of helpers.notebooks.dti_map (official tables, all 63 provinces)."""
    return dti_map.draw(provinces, lang, name=DTI_MAP)


@loading.whole_frame
def papi_frame() -> pd.DataFrame:
    """Every province's PAPI e-governance score, rank and number ranked, comparable years only."""
    scores = loading.load("papi_egov_scores")
    scores = scores[scores["comparable"]].dropna(subset=["score"])
    columns = ["year", "province", "score", "rank", "n_ranked", "source_id"]
    return scores[columns].astype({"rank": int, "n_ranked": int}).reset_index(drop=True)


def plot_papi(scores: pd.DataFrame, provinces: list[str], lang: str, summary: dict):
    """The PAPI e-governance scores in `scores` (papi_frame(): every province, comparable
    years), chosen provinces highlighted; every dot and the medians drawn in its data file."""
    chosen = scores[scores["province"].isin(provinces)]
    plotted = chosen.reset_index(drop=True)
    if plotted.empty:
        plotted.attrs["why"] = say("summary.no_papi_figure", lang)
        return None, plotted
    years = years_text(int(scores["year"].min()), int(scores["year"].max()))
    pair_runs = runs(summary["online_services"]["pairs"])
    if len(provinces) == 2 and len(pair_runs):
        every = len(pair_runs) == 1 and pair_runs["verdict"].iloc[0] == "ahead" and pair_runs["years"].iloc[0] > 1
        parts = [
            say(
                "summary.short.every_year" if every else f"summary.short.{r.verdict}",
                lang,
                leader=r.leader,
                years=years_text(r.first, r.last),
            )
            for r in pair_runs.itertuples()
        ]
        parts += [
            say("summary.short.missing", lang, province=m.province_without, year=m.year)
            for m in summary["online_services"]["missing"].itertuples()
        ]
        headline = "\n".join(wrap("; ".join(parts), 80))
        title = say("summary.papi.title", lang, years=years, headline=headline)
    else:
        title = say("summary.papi.title_many", lang, years=years)
    texts = {
        "title": title,
        "ylabel": say("summary.papi.ylabel", lang),
        "others": say("summary.papi.others", lang),
        "national_median": say("summary.papi.national_median", lang),
        "mekong_median": say("summary.papi.mekong_median", lang),
        "caption": say(
            "summary.papi.caption",
            lang,
            rule=number_text(NEAR_TIE_SD, lang, 2),
            sources=citations(plotted["source_id"], lang),
        ),
    }
    medians = papi_scores.benchmarks()
    fig = charts_summary.score_field(scores[["year", "score"]], plotted, list(provinces), texts, medians)
    # every dot drawn, and the medians drawn beside each year's scores
    plotted = scores.assign(chosen=scores["province"].isin(provinces)).merge(
        medians[["year", "national_median", "mekong_median"]], on="year", how="left"
    )
    save_figure(fig, PAPI, plotted, lang=lang, redraw=not frames.is_whole(scores))
    return fig, plotted


def plot_uptake(pairs: pd.DataFrame, provinces: list[str], lang: str, summary: dict):
    """Digital-uptake shares of the same measure in `pairs` (summary's digital_society
    pairs, helpers.analysis.verdicts.uptake_shares), both dates labelled."""
    rows = []
    for r in pairs.itertuples():
        for side in ("a", "b"):
            value, qualifier = getattr(r, f"value_{side}"), getattr(r, f"qualifier_{side}")
            rows.append(
                {
                    "row": _measure(r.measure, lang),
                    "measure": r.measure,
                    "province": getattr(r, f"province_{side}"),
                    "value": value,
                    "qualifier": qualifier,
                    "period_end": getattr(r, f"period_{side}").date().isoformat(),
                    "period_gap_days": r.period_gap_days,
                    "source_id": getattr(r, f"source_{side}"),
                    "label": f"{value_text(value, qualifier, 'percent', lang)} "
                    f"({dated(getattr(r, f'period_{side}'), getattr(r, f'basis_{side}'), lang)})",
                    "approx": qualifier != "exact",
                }
            )
    plotted = pd.DataFrame(
        rows,
        columns=[
            "row",
            "measure",
            "province",
            "value",
            "qualifier",
            "period_end",
            "period_gap_days",
            "source_id",
            "label",
            "approx",
        ],
    )
    # one row per measure and province (the focus province appears in every pair)
    plotted = plotted.drop_duplicates(["measure", "province", "period_end"]).reset_index(drop=True)
    if plotted.empty:
        plotted.attrs["why"] = say("summary.no_uptake_figure", lang)
        return None, plotted
    title = "; ".join(
        dict.fromkeys(
            say(
                "summary.uptake.title_leader" if r.leader else "summary.uptake.title_no_leader",
                lang,
                measure=_measure(r.measure, lang),
                leader=r.leader,
            )
            for r in pairs.itertuples()
        )
    )
    title = "\n".join(wrap(title[:1].upper() + title[1:], 90))
    confidence = summary["digital_society"]["strength"]["confidence"]
    texts = {
        "title": title,
        "xlabel": say("summary.uptake.xlabel", lang),
        "caption": say(
            "summary.uptake.caption",
            lang,
            confidence=say(f"confidence.{confidence}", lang),
            months=number_text(pairs["period_gap_days"].max() / 30.44, lang),
            limit=number_text(verdict_rule.MAX_DATE_GAP_MONTHS, lang),
            sources=citations(plotted["source_id"], lang),
        ),
    }
    fig = charts_summary.dated_shares(plotted, list(provinces), texts)
    save_figure(fig, UPTAKE, plotted, lang=lang, redraw=not frames.is_whole(pairs))
    return fig, plotted
