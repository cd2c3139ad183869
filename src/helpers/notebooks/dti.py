"""DTI rank evidence for notebook 01: trajectories across assessment years and
the provinces' place in the full distribution of 63 (and 13 Mekong Delta)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from helpers.analysis.comparison import conflicts, dti_crosscheck
from helpers.charts import dti as charts_dti
from helpers.charts.dti import MAX_LABELLED
from helpers.charts.plotting import save_figure, wrap
from helpers.data import frames, loading
from helpers.text.catalogue import say
from helpers.text.citations import citation, citations
from helpers.text.formats import date_text, indicator_label, period_text, value_text
from helpers.text.notes import notes

RANK_PANELS = [
    "dti_rank_overall",
    "dti_rank_mekong_delta",
    "dti_rank_digital_government",
    "dti_rank_digital_economy",
    "dti_rank_digital_society",
]
# The index changed from 108 to 98 component indexes after assessment year 2020.
METHOD_BREAK_AFTER = 2020


def years() -> list[int]:
    """Assessment years the calendar knows (2020 onwards)."""
    return sorted(loading.load("dti_calendar")["assessment_year"].astype(int))


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
        return say(
            "dti.official_dti_rank_63",
            lang,
            p=p,
            ordinal=ordinal(int(r[first]), lang),
            first=first,
            ordinal2=ordinal(int(r[last]), lang),
            last=last,
        )
    if len(provinces) == 2:  # the verdict rule's calls, as in the summary and the scorecard
        from helpers.analysis import verdicts
        from helpers.text import summary_text

        runs = verdicts.runs(verdicts.dti(provinces))
        if len(runs):
            text = "; ".join(summary_text.run_text(r, "summary.dti.run_ahead", lang) for r in runs.itertuples())
            return say("dti.trajectory_verdict", lang, first=first, last=last, runs=text)
    if len(provinces) == 2:
        return say("dti.better_ranked_province_changed_between", lang, first=first, last=last)
    best = official.loc[official.groupby("assessment_year")["rank"].idxmin()].sort_values("assessment_year")
    by_year = "; ".join(f"{r.assessment_year} {r.province} ({ordinal(int(r.rank), lang)})" for r in best.itertuples())
    return "\n".join(wrap(say("dti.best_ranked_by_year", lang, n=len(provinces), years=by_year), 100))


NOTE_CHARS = 52  # a panel title's width in characters


def _compress(years_missing: list[int]) -> str:
    """2021, 2022, 2023, 2024 -> "2021–2024"; runs of consecutive years become ranges."""
    runs: list[list[int]] = []
    for y in years_missing:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


TIER_ORDER = {"official_table": 0, "article": 1, "press_reference": 2}


def best_ranks(evidence: pd.DataFrame) -> pd.DataFrame:
    """One rank per province, rank indicator and year from `evidence`
    (helpers.analysis.dti_scores.evidence): the best tier's."""
    ev = evidence[evidence["indicator_id"].isin(RANK_PANELS)]
    return (
        ev.assign(_o=ev["tier"].map(TIER_ORDER))
        .sort_values(["province", "indicator_id", "assessment_year", "_o"])
        .drop(columns="_o")
        .drop_duplicates(["province", "indicator_id", "assessment_year"])
        .reset_index(drop=True)
    )


def plot_rank_trajectories(
    evidence: pd.DataFrame, provinces: list[str], lang: str, name: str = "01_dti_rank_trajectories"
):
    """Rank by assessment year, one panel per rank indicator (helpers.charts.dti), drawn
    from `evidence` (helpers.analysis.dti_scores.evidence); saved as `name`.
    Returns (figure, plotted points)."""
    data = best_ranks(evidence)
    indicators = loading.load("indicators").set_index("indicator_id")
    all_years = years()
    panels = []
    for indicator in RANK_PANELS:
        n = int(indicators.loc[indicator, "unit"].removeprefix("rank_of_"))
        title = indicator_label(indicators.loc[indicator], lang) + f" ({say('dti.text', lang)} {n})"
        missing: dict[str, list[str]] = {}  # years not reported -> provinces, in the chosen order
        for province in provinces:
            have = set(data[(data["indicator_id"] == indicator) & (data["province"] == province)]["assessment_year"])
            gaps = [y for y in all_years if y not in have]
            if gaps:
                missing.setdefault(_compress(gaps), []).append(province)
        for gaps, who in missing.items():
            if len(who) == 1:
                title += "\n" + say("dti.not_reported", lang) + f"{who[0]} {gaps}"
            else:  # many provinces: one wrapped line per set of missing years, not one per province
                line = say("dti.not_reported_in", lang, years=gaps) + ", ".join(who)
                title += "\n" + "\n".join(wrap(line, NOTE_CHARS, subsequent_indent="  "))
        panels.append({"indicator_id": indicator, "n": n, "title": title})
    plotted = data[
        ["indicator_id", "province", "assessment_year", "value", "qualifier", "tier", "source_id"]
    ].reset_index(drop=True)
    marked = list(data["lone"])
    points = plotted.assign(
        label=[
            value_text(v, q, "count", lang) + ("*" if m else "")
            for v, q, m in zip(plotted["value"], plotted["qualifier"], marked)
        ]
    )
    texts = {
        "title": "\n".join(wrap(headline(provinces, lang), 110)),
        "break_after": METHOD_BREAK_AFTER,
        "break": say("dti.method_break", lang),
        "tiers": {t: say(f"tier.{t}", lang) for t in ("official_table", "article", "press_reference")},
        "caption": say("dti.rank_1_best_at_top", lang, sources=citations(plotted["source_id"], lang))
        + (say("dti.lone_mark", lang) if any(marked) else "")
        + (say("dti.others_thin", lang, a=provinces[0], b=provinces[1]) if len(provinces) > MAX_LABELLED else ""),
    }
    fig = charts_dti.rank_trajectories(points, panels, all_years, provinces, texts)
    save_figure(fig, name, plotted, lang=lang, redraw=not frames.is_whole(evidence))
    return fig, plotted


def distribution(years_shown: list[int] | None = None) -> pd.DataFrame:
    """All 63 provinces' official scores and ranks, with Mekong Delta membership and regional rank."""
    scores = loading.load("dti_scores").query("scope == '63_provinces'")
    regions = loading.load("regions")[["province", "in_mekong_delta"]]
    mekong = loading.load("dti_mekong_ranks")[["assessment_year", "province", "rank_in_mekong_delta"]]
    out = scores.merge(regions, on="province", how="left").merge(mekong, on=["assessment_year", "province"], how="left")
    if years_shown:
        out = out[out["assessment_year"].isin(years_shown)]
    out["rank_in_mekong_delta"] = out["rank_in_mekong_delta"].astype("Int64")
    first = ["assessment_year", "province", "score", "rank", "rank_in_mekong_delta", "in_mekong_delta"]
    out = out[[*first, *(c for c in out.columns if c not in first)]]
    return frames.mark_whole(out.sort_values(["assessment_year", "rank", "province"]).reset_index(drop=True))


def plot_distribution(scores: pd.DataFrame, provinces: list[str], lang: str, name: str = "01_dti_distribution"):
    """The official scores in `scores` (distribution(): every province by default, or any
    rows a reader keeps) by assessment year (helpers.charts.dti), the chosen provinces
    labelled with their rank (or, when none is among a few rows kept, those); saved as `name` with every plotted dot in its data file. Title
    and caption count the provinces drawn; rows other than distribution()'s are a re-draw,
    saved under helpers.data.paths.redraw_dir(), never over the notebook's figure."""
    data = scores
    years_shown = sorted(data["assessment_year"].unique())
    mine = data[data["province"].isin(provinces)]
    kept = list(dict.fromkeys(data["province"]))
    if mine.empty and len(kept) <= MAX_LABELLED:  # a reader's few provinces, none chosen: label them instead
        provinces = kept
        mine = data[data["province"].isin(provinces)]
    labels = [
        f"{r.province} {ordinal(int(r.rank), lang)}/63 · {ordinal(int(r.rank_in_mekong_delta), lang)}/13"
        for r in mine.itertuples()
    ]
    latest = mine[mine["assessment_year"] == years_shown[-1]]
    parts = ", ".join(f"{r.province} {ordinal(int(r.rank), lang)}" for r in latest.itertuples())
    drawn = data.groupby("assessment_year")["province"].nunique()
    if parts:
        title = say("dti.distribution_title", lang, year=years_shown[-1], parts=parts)
    else:  # none of the chosen provinces among the rows kept
        title = say("dti.distribution_title_drawn", lang, year=years_shown[-1], n=int(drawn[years_shown[-1]]))
    if drawn.min() == drawn.max() == 63:
        dots = say("dti.dots_all", lang)
    else:
        n = f"{drawn.min()}–{drawn.max()}" if drawn.min() != drawn.max() else str(drawn.min())
        dots = say("dti.dots_kept", lang, n=n)
    texts = {
        "title": title,
        "x": say("dti.score_0_1", lang),
        "y": say("dti.assessment_year", lang),
        "mekong": say("dti.other_mekong", lang),
        "rest": say("dti.rest_of_vietnam", lang),
        "caption": say(
            "dti.distribution_caption",
            lang,
            dots=dots,
            years=", ".join(map(str, years_shown)),
            sources=citations(data["source_id"], lang),
        ),
    }
    labelled = data.merge(
        mine.assign(label=labels)[["assessment_year", "province", "label"]],
        on=["assessment_year", "province"],
        how="left",
    )
    fig = charts_dti.distribution(labelled, provinces, texts)
    columns = ["assessment_year", "province", "score", "rank", "rank_in_mekong_delta", "in_mekong_delta", "label"]
    plotted = labelled[[*columns, "source_id"]].assign(chosen=labelled["province"].isin(provinces))
    save_figure(fig, name, plotted, lang=lang, redraw=not frames.is_whole(scores))
    return fig, plotted


def conclusion(provinces: list[str], lang: str) -> str:
    """Key findings as Markdown bullets, every number computed from the data."""
    dist = distribution()
    lines = [f"- {headline(provinces, lang)}."]
    for province in provinces:
        d = dist[dist["province"] == province]
        if d.empty:
            lines.append(f"- {province}: " + say("dti.not_official_tables", lang))
            continue
        overall = " → ".join(f"{int(r.rank)} ({r.assessment_year})" for r in d.itertuples())
        mekong = " → ".join(f"{int(r.rank_in_mekong_delta)}" for r in d.itertuples())
        lines.append(say("dti.official_rank_63_13_mekong", lang, province=province, overall=overall, mekong=mekong))
    check = dti_crosscheck(provinces)
    if len(check):
        counts = check["status"].value_counts()
        summary = ", ".join(f"{n} {say(f'status.{status}', lang)}" for status, n in counts.items())
        lines.append(say("dti.article_claims", lang, n=len(check), summary=summary))
        if "disagrees" not in counts:
            lines[-1] = lines[-1].rstrip(".") + say("dti.none_disagrees", lang)
    year_labels = conflicts(provinces).query("type == 'year_label'")
    if len(year_labels):
        lines.append(say("dti.article_claims_carry_year_label", lang, len=len(year_labels)))
    return "\n".join(lines)


def calendar_table(lang: str) -> pd.DataFrame:
    """When each DTI assessment year was announced."""
    cal = loading.load("dti_calendar")
    table = pd.DataFrame(
        {
            say("dti.col.assessment_year", lang): cal["assessment_year"],
            say("dti.col.announced", lang): [date_text(d, lang) for d in cal["announced"]],
        }
    )
    table[say("dti.col.note", lang)] = notes("dti_calendar", cal["assessment_year"], cal["note"], lang)
    return table


def _crosscheck_reason(r, lang: str) -> str:
    """The reason of a cross-check row, worded from its fields (the English
    `reason` of helpers.analysis.comparison.dti_crosscheck stays as provenance)."""
    tables = {
        "dti_rank_overall": loading.load("dti_scores")
        .query("scope == '63_provinces'")
        .set_index(["province", "assessment_year"])["rank"],
        "dti_rank_mekong_delta": loading.load("dti_mekong_ranks").set_index(["province", "assessment_year"])[
            "rank_in_mekong_delta"
        ],
    }
    table = tables.get(r.indicator_id)
    if table is None:
        text = say("crosscheck.no_pillar", lang)
    elif pd.isna(r.official):
        years = sorted({y for _, y in table.index})
        text = say("crosscheck.no_table", lang, year=r.assessment_year, years=", ".join(map(str, years)))
    else:
        text = say("crosscheck.official", lang, year=r.assessment_year, rank=f"{r.official:g}")
    literal = next((int(w) for w in str(r.period_label).replace(":", " ").split() if w.isdigit() and len(w) == 4), None)
    if literal and literal != r.assessment_year:
        text += say("crosscheck.label_read_as", lang, label=r.period_label, year=r.assessment_year)
        if table is not None and (r.province, literal) in table.index:
            text += say(
                "crosscheck.literal_fits", lang, year=literal, rank=f"{float(table.loc[(r.province, literal)]):g}"
            )
    return text


def conflicts_table(provinces: list[str], lang: str) -> pd.DataFrame:
    """Year-label and value conflicts between sources (helpers.analysis.comparison.conflicts)."""
    found = conflict_texts(provinces, lang)
    if found.empty:
        return found
    return pd.DataFrame(
        {
            say("dti.col.type", lang): [say(f"conflict.{t}", lang) for t in found["type"]],
            say("dti.col.province", lang): found["province"],
            "indicator_id": found["indicator_id"],
            say("dti.col.period", lang): [period_text(p, lang) for p in found["period"]],
            say("dti.col.one_side", lang): found["a"],
            say("dti.col.other_side", lang): found["b"],
        }
    )


def conflict_texts(provinces: list[str], lang: str) -> pd.DataFrame:
    """helpers.analysis.comparison.conflicts with `a`, `b` and `explanation` worded in `lang`."""
    found = conflicts(provinces)
    return found.assign(
        **{column: [conflict_text(said, lang) for said in found[column]] for column in ("a", "b", "explanation")}
    )


def conflict_text(said: tuple, lang: str) -> str:
    """A (key, fields) pair of helpers.analysis.comparison.conflicts as a reader reads it."""
    key, fields = said[0], dict(said[1])
    if key == "conflict.crosscheck":
        return _crosscheck_reason(SimpleNamespace(**fields), lang)
    if key == "conflict.list":
        return "; ".join(conflict_text(item, lang) for item in fields["items"])
    if key == "conflict.ids":
        return "; ".join(citation(i, lang) for i in fields["ids"])
    worded = {name: _conflict_field(name, value, lang) for name, value in fields.items()}
    return say(key, lang, **worded)


def _conflict_field(name: str, value, lang: str) -> str:
    if name in {"when", "article"}:
        return date_text(value, lang)
    if name == "tier":
        return say(f"conflict.tier.{value}", lang)
    if name in {"says", "values"}:  # ranks and scores: "≤10", "0.4856" / "0,4856"
        values = value if isinstance(value, tuple) else (value,)
        return ", ".join(v.replace(".", ",") if lang == "vi" else v for v in values)
    if name == "years":
        return ", ".join(map(str, value))
    if name == "source":  # outlet and date, not the id (ids stay in the appendix and data files)
        return citation(value, lang)
    return str(value)
