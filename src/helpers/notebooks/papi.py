"""Notebook 02, the comparable core: PAPI e-governance of the chosen provinces
among all provinces (verdicts, ranks with n_ranked, sub-dimensions, the score
distribution), and the Decree 42/2022 caveat on the article counts.

Numbers from helpers.analysis.papi_scores and helpers.analysis.service_levels; words from the
catalogues; drawing from helpers.charts.dti.distribution."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from helpers.analysis import dti_scores, papi_scores, service_levels
from helpers.charts import dti as charts_dti
from helpers.charts.plotting import save_figure
from helpers.data import frames
from helpers.text.catalogue import say
from helpers.text.citations import citation, citations
from helpers.text.formats import date_text, join_words, number_text
from helpers.text.gaps import gap_lines

DISTRIBUTION_NAME = "02_papi_egov_distribution"


def _years(years: list[int]) -> str:
    return f"{min(years)}–{max(years)}" if len(years) > 1 else str(years[0])


def verdicts(provinces: list[str], lang: str) -> str:
    """Markdown bullets: per pair, the comparable years with both scores and who
    led (near-tie rule as for DTI); then each year's gap."""
    counts = papi_scores.lead_counts(provinces)
    years = papi_scores.papi_comparable_years()
    lines = [say("papi.scope", lang, years=_years(years), share=number_text(dti_scores.NEAR_TIE_SD, lang, decimals=2))]
    if counts.empty:
        lines.append(say("papi.no_pair", lang))
        return "\n".join(lines)
    for r in counts.itertuples():
        if r.a_ahead == r.years or r.b_ahead == r.years:
            leader = r.province_a if r.a_ahead == r.years else r.province_b
            key, extra = "papi.always_ahead", {"leader": leader}
        else:
            key, extra = "papi.mixed", {"na": r.a_ahead, "nb": r.b_ahead, "ties": r.near_tie}
        lines.append(
            say(key, lang, a=r.province_a, b=r.province_b, n=r.years, first=r.first_year, last=r.last_year, **extra)
        )
    lines += gap_lines(papi_scores.gaps(provinces), "papi.year_line", lang, decimals=2)
    return "\n".join(lines)


def rank_table(papi: pd.DataFrame, provinces: list[str], lang: str) -> pd.DataFrame:
    """Score, rank among the provinces ranked that year, position on a 0–100 scale
    (helpers.analysis.papi_scores.percentile) and its change since the previous comparable
    year, flagged where the number of provinces ranked changed; from `papi` (papi_frame)."""
    ranks = papi_scores.province_ranks(provinces, papi)
    if ranks.empty:
        return ranks
    ranks = ranks.assign(pct=[papi_scores.percentile(r, n) for r, n in zip(ranks["rank"], ranks["n_ranked"])])
    ranks = ranks.sort_values("year", kind="stable")
    previous = ranks.groupby("province")[["pct", "n_ranked"]].shift()
    ranks = ranks.assign(pct_change=ranks["pct"] - previous["pct"], n_before=previous["n_ranked"]).sort_index()

    def rank(r) -> str:
        return say("papi.not_ranked", lang) if pd.isna(r["rank"]) else f"{int(r['rank'])}/{int(r['n_ranked'])}"

    def change(r) -> str:
        if pd.isna(r["pct_change"]):
            return ""
        text = ("+" if r["pct_change"] > 0 else "−" if r["pct_change"] < 0 else "±") + number_text(
            abs(r["pct_change"]), lang, decimals=0
        )
        if r["n_before"] != r["n_ranked"]:
            text += say("papi.n_changed", lang, before=int(r["n_before"]), after=int(r["n_ranked"]))
        return text

    return pd.DataFrame(
        {
            say("papi.col.year", lang): ranks["year"],
            say("topics.province", lang): ranks["province"],
            say("papi.col.score", lang): [
                "" if pd.isna(s) else number_text(s, lang, decimals=4) for s in ranks["score"]
            ],
            say("papi.col.rank", lang): [rank(r) for _, r in ranks.iterrows()],
            say("papi.col.percentile", lang): [
                "" if pd.isna(v) else number_text(v, lang, decimals=0) for v in ranks["pct"]
            ],
            say("papi.col.change", lang): [change(r) for _, r in ranks.iterrows()],
            say("papi.col.median", lang): [number_text(m, lang, decimals=4) for m in ranks["median"]],
        }
    ).reset_index(drop=True)


def drivers_text(provinces: list[str], lang: str, latest_only: bool = False) -> str:
    """Markdown: what makes up each year's gap (the dimension score is the sum of its
    sub-dimensions, so the gap splits exactly into theirs) and the main part overall;
    `latest_only`: the split of the latest year only (the summary)."""
    found = papi_scores.drivers(provinces)
    if found.empty:
        return say("papi.drivers_none", lang)
    lines = [say("papi.drivers_intro", lang)]
    for (a, b), pair in found.groupby(["province_a", "province_b"], sort=False):
        main = pair["driver"].value_counts()
        lines.append(
            say(
                "papi.driver_summary",
                lang,
                a=a,
                b=b,
                driver=say(f"papi.sub.{main.index[0]}", lang),
                k=int(main.iloc[0]),
                n=len(pair),
            )
        )
        shown = pair.tail(1) if latest_only else pair
        for _, r in shown.iterrows():  # column names hold dots ("gap.internet_access"): read by name
            parts = [
                say(
                    "papi.driver_part",
                    lang,
                    part=say(f"papi.sub.{s}", lang),
                    sa=number_text(r[f"score_a.{s}"], lang, decimals=2),
                    sb=number_text(r[f"score_b.{s}"], lang, decimals=2),
                    gap=number_text(r[f"gap.{s}"], lang, decimals=2),
                )
                for s in papi_scores.SUBDIMENSIONS
            ]
            lines.append(
                say(
                    "papi.driver_line",
                    lang,
                    year=int(r["year"]),
                    a=a,
                    b=b,
                    gap=number_text(r["gap"], lang, decimals=2),
                    parts=join_words(parts, lang),
                    driver=say(f"papi.sub.{r['driver']}", lang),
                    share=number_text(100 * r[f"share.{r['driver']}"], lang, decimals=0),
                )
            )
    return "\n".join(lines)


def benchmark_text(provinces: list[str], lang: str) -> str:
    """Markdown: each chosen province against the national and Mekong Delta medians."""
    found = papi_scores.against_benchmarks(provinces)
    if found.empty:
        return say("papi.benchmark_none", lang)
    lines = []
    for province in provinces:
        mine = found[found["province"] == province]
        if mine.empty:
            continue
        n, below = len(mine), int((mine["score"] < mine["national_median"]).sum())
        key = "papi.benchmark_all_below" if below == n else "papi.benchmark_line"
        lines.append(
            say(
                key,
                lang,
                province=province,
                n=n,
                below=below,
                mekong=int((mine["score"] >= mine["mekong_median"]).sum()),
                years=_years([int(y) for y in mine["year"]]),
            )
        )
    return "\n".join(lines)


def subdimension_table(papi: pd.DataFrame, provinces: list[str], lang: str) -> pd.DataFrame:
    """Sub-dimension × province rows, one column per comparable year: score (rank/n), from `papi`."""
    subs = papi_scores.subdimensions(provinces, papi)
    if subs.empty:
        return subs
    subs = subs.assign(
        cell=[
            f"{number_text(s, lang, decimals=2)} ({r}/{n})"
            for s, r, n in zip(subs["score"], subs["rank"], subs["n_ranked"])
        ],
        label=[say(f"papi.sub.{s}", lang) for s in subs["subdimension"]],
    )
    order = {p: i for i, p in enumerate(provinces)}
    table = subs.pivot_table(index=["label", "province"], columns="year", values="cell", aggfunc="first", sort=False)
    table = table.reset_index()
    table["_p"] = table["province"].map(order)
    table["_s"] = table["label"].map({say(f"papi.sub.{s}", lang): i for i, s in enumerate(papi_scores.SUBDIMENSIONS)})
    table = table.sort_values(["_s", "_p"]).drop(columns=["_p", "_s"]).fillna("")
    table.columns = [
        say("papi.col.subdimension", lang),
        say("topics.province", lang),
        *[str(c) for c in table.columns[2:]],
    ]
    return table.reset_index(drop=True)


def plot_distribution(papi: pd.DataFrame, provinces: list[str], lang: str, name: str = DISTRIBUTION_NAME):
    """Every province of `papi` (papi_frame, possibly narrowed) with a score, one strip per
    comparable year (helpers.charts.dti.distribution), the chosen provinces labelled with
    their rank. Saved with one row per dot (`drawn_as`: chosen, mekong, rest)."""
    scores = papi[papi["year"].isin(papi_scores.papi_comparable_years()) & papi["score"].notna()]
    data = scores.rename(columns={"year": "assessment_year", "mekong_delta": "in_mekong_delta"})
    data = data.assign(rank=data["rank"].astype(int))
    mine = data[data["province"].isin(provinces)]
    labels = [f"{r.province} {r.rank}/{r.n_ranked}" for r in mine.itertuples()]
    data = data.merge(
        mine.assign(label=labels)[["assessment_year", "province", "label"]],
        on=["assessment_year", "province"],
        how="left",
    )
    years = sorted(data["assessment_year"].unique())
    latest_both = [y for y in years if set(provinces) <= set(mine.loc[mine["assessment_year"] == y, "province"])]
    shown = latest_both[-1] if latest_both else years[-1]
    parts = join_words(
        [f"{r.province} {r.rank}/{r.n_ranked}" for r in mine[mine["assessment_year"] == shown].itertuples()], lang
    )
    texts = {
        "title": say("papi.distribution_title", lang, year=shown, parts=parts or say("papi.none_scored", lang)),
        "x": say("papi.score_axis", lang),
        "panels": {
            y: f"PAPI {y}"
            + "".join(
                say("papi.no_score_panel", lang, provinces=", ".join(missing))
                for missing in [
                    [p for p in provinces if p not in set(mine.loc[mine["assessment_year"] == y, "province"])]
                ]
                if missing
            )
            for y in years
        },
        "mekong": say("dti.other_mekong", lang),
        "rest": say("dti.rest_of_vietnam", lang),
        "caption": say(
            "papi.distribution_caption", lang, years=_years(years), sources=citations(scores["source_id"], lang)
        ),
    }
    texts |= {
        "national_median": say("summary.papi.national_median", lang),
        "mekong_median": say("summary.papi.mekong_median", lang),
    }
    medians = papi_scores.benchmarks().rename(columns={"year": "assessment_year"})
    fig = charts_dti.distribution(data, provinces, texts, medians=medians)  # comparable years: one scale
    drawn_as = [
        "chosen" if p in provinces else "mekong" if m else "rest"
        for p, m in zip(data["province"], data["in_mekong_delta"])
    ]
    plotted = (
        data.assign(drawn_as=drawn_as, label=data["label"].fillna(""))[
            ["assessment_year", "province", "score", "rank", "n_ranked", "drawn_as", "label", "source_id"]
        ]
        .rename(columns={"assessment_year": "year"})
        .reset_index(drop=True)
    )
    # the medians drawn (and relied on by the text), beside every dot of their year
    marks = medians.rename(columns={"assessment_year": "year"})[["year", "national_median", "mekong_median"]]
    plotted = plotted.merge(marks, on="year", how="left")
    save_figure(fig, name, plotted, lang=lang, redraw=not frames.is_whole(papi))
    return fig, plotted


def _site(url: str) -> str:
    return urlparse(url).netloc.removeprefix("www.")


def decree_42_note(provinces: list[str], lang: str) -> str:
    """Why a total reported before and after Decree 42/2022/NĐ-CP is not a trend, with the numbers;
    the decree's dates and definitions cited from data/legal_facts.csv."""
    facts = service_levels.decree_42()
    signed, effective, levels = facts["signed"], facts["effective"], facts["levels"]
    lines = [
        say(
            "decree42.what",
            lang,
            signed=date_text(pd.Timestamp(signed["value"]), lang),
            signed_site=_site(signed["url"]),
            signed_url=signed["url"],
            effective=date_text(pd.Timestamp(effective["value"]), lang),
            effective_site=_site(effective["url"]),
            effective_url=effective["url"],
            effective_confidence=say(f"confidence.{effective['confidence']}", lang),
            levels_site=_site(levels["url"]),
            levels_url=levels["url"],
        )
    ]
    rows = service_levels.across_decree_42(provinces)
    if rows.empty:
        lines.append(say("decree42.none", lang))
    for r in rows.itertuples():
        totals = {
            "province": r.province,
            "before": number_text(r.total_before, lang),
            "date_before": date_text(r.date_before, lang),
            "after": number_text(r.total_after, lang),
            "date_after": date_text(r.date_after, lang),
        }
        old_levels_after = not (pd.isna(r.level2_after) or pd.isna(r.level3_after) or pd.isna(r.level4_after))
        in_force = r.date_after >= pd.Timestamp(effective["value"])
        if not old_levels_after or not in_force or pd.isna(r.level4_before):
            lines.append(say("decree42.line_totals", lang, **totals))
            continue
        lines.append(
            say(
                "decree42.line",
                lang,
                **totals,
                l2=number_text(r.level2_after, lang),
                l3=number_text(r.level3_after, lang),
                l4b=number_text(r.level4_before, lang),
                l4a=number_text(r.level4_after, lang),
                diff=number_text(r.total_change, lang),
                rest=number_text(r.total_before - r.level4_before, lang),
                src_before=citation(r.source_before, lang),
                src_after=citation(r.source_after, lang),
            )
        )
    return "\n".join(lines)
