"""Notebook 01, scores first: the score gap of the chosen provinces against the
63-province spread (near-tie verdict), the 2023 → 2024 rank change of the
Mekong Delta as a slope chart, and which rank claims rest on a single source.

Numbers come from helpers.analysis.dti_scores and helpers.analysis.comparison; words from the
catalogues; drawing from helpers.charts.dti."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import dti_scores
from helpers.charts import dti as charts_dti
from helpers.charts.plotting import save_figure
from helpers.data import frames, loading
from helpers.notebooks.dti import ordinal
from helpers.text.catalogue import say
from helpers.text.citations import citation, citations
from helpers.text.formats import indicator_label, number_text, value_text
from helpers.text.gaps import gap_lines, verdict_text

SLOPE_NAME = "01_dti_mekong_change"


def _score(value: float, lang: str) -> str:
    return number_text(value, lang, decimals=4)


def gap_table(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per official table and pair of chosen provinces of `gaps`
    (helpers.analysis.dti_scores.gaps): both scores, the gap in points and in SD
    of the 63 scores, and the verdict."""
    if gaps.empty:
        return gaps
    return pd.DataFrame(
        {
            say("dti.col.assessment_year", lang): gaps["assessment_year"],
            say("gap.col.pair", lang): gaps["province_a"] + " – " + gaps["province_b"],
            say("gap.col.scores", lang): [
                f"{_score(a, lang)} – {_score(b, lang)}" for a, b in zip(gaps["score_a"], gaps["score_b"])
            ],
            say("gap.col.gap", lang): [_score(abs(g), lang) for g in gaps["gap"]],
            say("gap.col.sd", lang): [_score(s, lang) for s in gaps["sd"]],
            say("gap.col.gap_in_sd", lang): [number_text(abs(g), lang, decimals=2) for g in gaps["gap_in_sd"]],
            say("gap.col.ranks", lang): [f"{a} – {b}" for a, b in zip(gaps["rank_a"], gaps["rank_b"])],
            say("gap.col.verdict", lang): [verdict_text(r, lang) for r in gaps.itertuples()],
        }
    )


def gap_findings(gaps: pd.DataFrame, lang: str) -> str:
    """Markdown bullets: the rule, then each year's verdict per pair of `gaps` (or why there is none)."""
    lines = [say("gap.rule", lang, share=number_text(dti_scores.NEAR_TIE_SD, lang, decimals=2))]
    if gaps.empty:
        lines.append(say("gap.no_pair", lang))
    lines += gap_lines(gaps, "gap.line", lang, decimals=4, year="assessment_year")
    return "\n".join(lines)


def mekong_change(scores: pd.DataFrame, provinces: list[str], first: int | None = None, last: int | None = None):
    """Rank change between the last two official tables in `scores` (helpers.notebooks.dti.distribution)
    of its Mekong Delta provinces plus any chosen province outside it; `highlighted` marks the chosen."""
    years = sorted(scores["assessment_year"].unique())
    first, last = first or int(years[-2]), last or int(years[-1])
    mekong = set(scores.loc[scores["in_mekong_delta"], "province"])
    shown = list(dict.fromkeys([*sorted(mekong), *provinces]))
    change = dti_scores.regional_change(shown, first, last, scores)
    change["highlighted"] = change["province"].isin(provinces)
    change["in_mekong_delta"] = change["province"].isin(mekong)
    return change


def plot_mekong_change(scores: pd.DataFrame, provinces: list[str], lang: str, name: str = SLOPE_NAME):
    """Slope chart of the Mekong Delta's rank change in `scores` (helpers.charts.dti.rank_slopes); saved as `name`."""
    change = mekong_change(scores, provinces)
    first, last = int(change["first_year"].iloc[0]), int(change["last_year"].iloc[0])
    mekong = change[change["in_mekong_delta"]]
    n = int(scores.loc[scores["assessment_year"] == last, "n_provinces"].iloc[0])

    def moved(r) -> str:
        return (
            say("slope.up", lang, n=r.rank_change)
            if r.rank_change > 0
            else say("slope.down", lang, n=-r.rank_change)
            if r.rank_change < 0
            else say("slope.same", lang)
        )

    labelled = change.assign(
        label_first=[f"{r.province} {r.rank_first}" for r in change.itertuples()],
        label_last=[f"{r.rank_last} {r.province} ({moved(r)})" for r in change.itertuples()],
    )
    chosen = (
        change[change["highlighted"]]
        .set_index("province")
        .reindex([p for p in provinces if p in set(change["province"])])
        .reset_index()
    )
    moves = (
        "; ".join(
            f"{r.province} {ordinal(r.rank_first, lang)} → {ordinal(r.rank_last, lang)}" for r in chosen.itertuples()
        )
        if len(chosen) <= charts_dti.MAX_HIGHLIGHTED
        else say("slope.many", lang, n=len(chosen))
    )
    texts = {
        "title": say(
            "slope.title",
            lang,
            first=first,
            last=last,
            improved=int((mekong["rank_change"] > 0).sum()),
            fell=int((mekong["rank_change"] < 0).sum()),
            n=len(mekong),
            moves=moves,
        ),
        "years": [f"DTI {first}", f"DTI {last}"],
        "y": say("slope.y", lang, n=n),
        "improved": say("slope.improved", lang),
        "fell": say("slope.fell", lang),
        "caption": say(
            "slope.caption",
            lang,
            n=n,
            first=first,
            last=last,
            sources=citations(scores.loc[scores["assessment_year"].isin([first, last]), "source_id"], lang),
        ),
    }
    fig = charts_dti.rank_slopes(labelled, provinces, n, texts)
    plotted = change[
        [
            "province",
            "first_year",
            "last_year",
            "rank_first",
            "rank_last",
            "rank_change",
            "direction",
            "score_first",
            "score_last",
            "highlighted",
            "in_mekong_delta",
        ]
    ]
    plotted = plotted.assign(source_id=scores.loc[scores["assessment_year"] == last, "source_id"].iloc[0])
    save_figure(fig, name, plotted, lang=lang, redraw=not frames.is_whole(scores))
    return fig, plotted


def single_source_notes(provinces: list[str], lang: str) -> str:
    """Markdown bullets for the pre-2022 rank claims of the overall index that rest on one source."""
    lone = dti_scores.lone_claims(provinces)
    lone = lone[lone["indicator_id"] == "dti_rank_overall"]
    if lone.empty:
        return say("single.none", lang)
    return "\n".join(
        say(
            "single.line",
            lang,
            province=r.province,
            year=r.assessment_year,
            value=f"{r.value:g}",
            source=citation(r.source_id, lang),
            confidence=say(f"confidence.{r.confidence}", lang) if r.confidence else "",
        )
        for r in lone.itertuples()
    )


def article_rank_note(provinces: list[str], lang: str) -> str:
    """Markdown bullets: for which chosen provinces the articles state a DTI rank
    (overall or pillar), and which rest on the reference tier alone. Computed, so
    that an article stating a new rank cannot leave the notebook saying otherwise."""
    obs = loading.load("observations")
    ranks = obs[obs["indicator_id"].str.startswith("dti_rank_") & obs["province"].isin(provinces)]
    counts = ranks.groupby("province").size()
    stated = [f"{p} ({counts[p]})" for p in provinces if p in counts]
    missing = ", ".join(p for p in provinces if p not in counts)
    lines = [say("dti.article_ranks", lang, provinces=", ".join(stated))] if stated else []
    lines += [say("dti.article_ranks_none", lang, provinces=missing)] if missing else []
    return "\n".join(lines)


def evidence_table(evidence: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per DTI claim of `evidence` (helpers.analysis.dti_scores.evidence):
    its value, tier, confidence and agreement with the official table, and the source;
    claims resting on one source of less than high confidence flagged as leads."""
    if evidence.empty:
        return pd.DataFrame()
    indicators = loading.load("indicators").set_index("indicator_id")
    ev = evidence.sort_values(["province", "assessment_year", "indicator_id", "tier"], kind="stable")
    # each value in its indicator's unit: a score keeps its decimals (0,4856), a rank its "/63"
    unit = indicators["unit"]
    return pd.DataFrame(
        {
            say("dti.col.province", lang): ev["province"],
            say("claims.col.indicator", lang): [indicator_label(indicators.loc[i], lang) for i in ev["indicator_id"]],
            say("dti.col.assessment_year", lang): ev["assessment_year"],
            say("dti.col.value", lang): [
                value_text(float(v), q, unit[i], lang)
                for v, q, i in zip(ev["value"], ev["qualifier"], ev["indicator_id"])
            ],
            say("claims.col.tier", lang): [say(f"tier.{t}", lang) for t in ev["tier"]],
            say("dti.col.confidence", lang): [say(f"confidence.{c}", lang) for c in ev["confidence"]],
            say("claims.col.agreement", lang): [say(f"status.{a}", lang) for a in ev["agreement"]],
            say("dti.col.source", lang): [citation(s, lang) for s in ev["source_id"]],
            say("claims.col.lone", lang): [say("claims.yes" if lone else "claims.no", lang) for lone in ev["lone"]],
        }
    ).reset_index(drop=True)
