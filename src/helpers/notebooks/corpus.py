"""Corpus overview (notebook 06, appendix): number coverage, milestones, data availability."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import evidence
from helpers.charts import corpus as charts_corpus
from helpers.charts.plotting import save_figure
from helpers.checks.coverage import classify_numbers, coverage_summary
from helpers.data import frames, loading
from helpers.text.catalogue import say
from helpers.text.citations import citation, citations
from helpers.text.formats import date_text, indicator_label, periods_text


def article_register(provinces: list[str], lang: str = "en") -> pd.DataFrame:
    """The article sources about any of `provinces`, readable columns only."""
    src = loading.load("sources")
    src = src[(src["tier"] == "article") & src["provinces"].apply(lambda p: any(x in p.split(";") for x in provinces))]
    out = src[["source_id", "outlet", "published", "reference_date", "provinces"]].copy()
    out["outlet"] = [say("unknown", lang) if o == "unknown" else o for o in out["outlet"]]
    out["published"] = [date_text(d, lang) for d in out["published"]]
    out["reference_date"] = [date_text(d, lang) for d in out["reference_date"]]
    headers = {c: say(f"corpus.col.{c}", lang) for c in ("outlet", "published", "reference_date", "provinces")}
    if lang != "en":  # the id stays (the appendix cites it), under a header in the reader's language
        headers["source_id"] = say("columns.source_id", lang)
    return out.rename(columns=headers).reset_index(drop=True)


@loading.whole_frame
def milestones(provinces: list[str]) -> pd.DataFrame:
    """The dated milestones of the chosen provinces (data/milestones.csv), in date order."""
    ms = loading.load("milestones")
    return ms[ms["province"].isin(provinces)].sort_values(["date", "milestone_id"]).reset_index(drop=True)


def plot_coverage(numbers: pd.DataFrame, lang: str, name: str = "06_number_coverage"):
    """Stacked bars: every number token of `numbers` (helpers.checks.coverage.classify_numbers,
    possibly narrowed) of each article by status."""
    summary = coverage_summary(numbers)
    summary = summary.assign(article=[citation(s, lang) for s in summary["source_id"]])
    sources = loading.load("sources").query("tier == 'article'")
    texts = {
        "statuses": {s: say(f"corpus.status.{s}", lang) for s in charts_corpus.STATUS_COLOURS},
        "x": say("corpus.number_tokens_raw_text", lang),
        "title": say(
            "corpus.all_numbers_articles_are",
            lang,
            n=len(summary),
            total=int(summary["total"].sum()),
            unaccounted=int(summary["unaccounted"].sum()),
        ),
        "caption": say(
            "corpus.numbers_found_by_helpers_numbers",
            lang,
            first=date_text(sources["reference_date"].min(), lang),
            last=date_text(sources["reference_date"].max(), lang),
        ),
    }
    fig = charts_corpus.coverage(summary, texts)
    save_figure(fig, name, summary, lang=lang, redraw=not frames.is_whole(numbers))
    return fig, summary


def plot_timeline(ms: pd.DataFrame, provinces: list[str], lang: str, name: str = "06_milestones_timeline"):
    """The milestones `ms` (milestones(provinces), possibly narrowed) on a time axis, each
    described beside it; not written when there are none (`ms.attrs["why"]` says so)."""
    redraw = not frames.is_whole(ms)
    ms = ms.copy()
    if ms.empty:
        ms.attrs["why"] = say("corpus.no_milestones_for", lang, provinces=", ".join(provinces))
        return None, ms
    events = ms["event_en"] if lang == "en" else ms["event_vi"]
    shown = ms.assign(text=[f"{date_text(d, lang)} · {p}: {t}" for d, p, t in zip(ms["date"], ms["province"], events)])
    missing = [
        (p, f"{p}: " + say("corpus.no_dated_milestone_corpus", lang)) for p in provinces if p not in set(ms["province"])
    ]
    texts = {
        "title": say("corpus.dated_milestones_to", lang, len=len(ms), min=ms["date"].min(), max=ms["date"].max()),
        "caption": say("corpus.data_data_milestones_csv_dated", lang) + citations(ms["source_id"], lang) + ".",
    }
    fig = charts_corpus.timeline(shown, missing, provinces, texts)
    save_figure(
        fig,
        name,
        ms[["milestone_id", "date", "province", "event_en", "source_id"]].assign(
            date=ms["date"].dt.strftime("%Y-%m-%d")
        ),
        lang=lang,
        redraw=redraw,
    )
    return fig, ms


@loading.whole_frame
def availability(provinces: list[str]) -> pd.DataFrame:
    """Indicator × province: the periods reported (best tier), empty when missing; the
    reference tier's measures that verdicts use (PAPI e-governance scores, press-reported
    digital-uptake shares) included, so that the matrix shows every measure the summary compares."""
    from helpers.text.catalogue import CATALOGUES

    cells = evidence.availability_cells(provinces)
    labels = [(i.theme, i.indicator_id, i.label_en, i.label_vi) for i in loading.load("indicators").itertuples()]
    labels.append(
        ("public_services", "papi_egov_score", say("scorecard.row.papi", "en"), say("scorecard.row.papi", "vi"))
    )
    facts = loading.load("province_facts")
    for measure in sorted(
        set(facts.loc[(facts["category"] == "digital_uptake") & (facts["unit"] == "percent"), "measure"])
    ):
        key = f"summary.measure.{measure}"
        names = [say(key, lang) if key in CATALOGUES[lang] else measure for lang in ("en", "vi")]
        labels.append(("digital_society", measure, *names))
    rows = []
    for theme, indicator_id, label_en, label_vi in labels:
        row = {"theme": theme, "indicator_id": indicator_id, "label_en": label_en, "label_vi": label_vi}
        mine = cells[cells["indicator_id"] == indicator_id]
        for p in provinces:
            row[p] = tuple(sorted(mine.loc[mine["province"] == p, "period"]))
        rows.append(row)
    out = pd.DataFrame(rows)
    out = out[out[provinces].map(len).gt(0).any(axis=1)]
    return out.sort_values(["theme", "indicator_id"]).reset_index(drop=True)


def sources(data: pd.DataFrame, provinces: list[str]) -> pd.DataFrame:
    """The sources of every cell of `data` (availability(provinces), possibly narrowed):
    indicator_id, province and the cell's source ids joined by ";" (empty where not reported)."""
    cells = evidence.availability_cells(provinces)
    cells = cells[cells["indicator_id"].isin(data["indicator_id"])]
    joined = cells.groupby(["indicator_id", "province"])["source_id"].agg(lambda s: ";".join(sorted(set(s))))
    rows = [
        {"indicator_id": i, "province": p, "source_id": joined.get((i, p), "")}
        for i in data["indicator_id"]
        for p in provinces
    ]
    return pd.DataFrame(rows, columns=["indicator_id", "province", "source_id"])


def reported(matrix: pd.DataFrame, provinces: list[str]) -> pd.DataFrame:
    """True where a province reports an indicator (availability cells are tuples of periods)."""
    return matrix[provinces].map(len).gt(0)


def plot_availability(data: pd.DataFrame, provinces: list[str], lang: str, name: str = "06_availability_matrix"):
    """Grid of indicators × provinces of `data` (availability(provinces), possibly narrowed):
    a tinted cell lists the periods reported, a × says the corpus does not report it."""
    cells = pd.DataFrame({p: [periods_text(v, lang) for v in data[p]] for p in provinces})
    row_labels = [indicator_label(r._asdict(), lang) for r in data.itertuples()]
    groups = [say(f"theme.{t}", lang) for t in data["theme"]]
    both = int(reported(data, provinces).all(axis=1).sum())
    texts = {
        "title": say("corpus.only_indicators_are_reported_for", lang, both=both, len=len(data)),
        "caption": say("corpus.availability_caption", lang),
    }
    fig = charts_corpus.availability(cells, row_labels, provinces, texts, groups)
    long = data.melt(id_vars=["theme", "indicator_id"], value_vars=provinces, var_name="province", value_name="periods")
    long = long.merge(sources(data, provinces), on=["indicator_id", "province"], how="left")
    plotted = long.assign(periods=[";".join(map(str, v)) for v in long["periods"]])
    save_figure(fig, name, plotted, lang=lang, redraw=not frames.is_whole(data))
    return fig, data


def summary(provinces: list[str], lang: str) -> str:
    """Key facts of the corpus as Markdown bullets, computed from the data."""
    classified = classify_numbers()
    counts = classified["status"].value_counts()
    matrix = availability(provinces)
    register = article_register(provinces)
    lines = [
        say(
            "corpus.articles_number_tokens_curated_milestone",
            lang,
            len=len(register),
            len2=len(classified),
            get=counts.get("curated", 0),
            get2=counts.get("milestone", 0),
            get3=counts.get("excluded", 0),
            get4=counts.get("unaccounted", 0),
        )
    ]
    lines += _article_lines(provinces, lang)
    for p in provinces:
        n = int(reported(matrix, [p])[p].sum())
        lines.append(say("corpus.indicators_reported", lang, p=p, n=n, len=len(matrix)))
    if len(provinces) > 1:
        both = int(reported(matrix, provinces).all(axis=1).sum())
        lines.append(say("corpus.reported_for_every_chosen_province", lang, both=both))
    return "\n".join(lines)


def _article_lines(provinces: list[str], lang: str) -> list[str]:
    """Markdown bullets, computed from data/sources.csv: the articles about the
    chosen provinces without a stated outlet or date, and the articles per
    province with their dates."""
    src = loading.load("sources").query("tier == 'article'")
    about = {p: src[src["provinces"].str.split(";").apply(lambda names, p=p: p in names)] for p in provinces}
    chosen = src[src["source_id"].isin(set().union(*(set(a["source_id"]) for a in about.values())))]
    total = len(chosen)
    lines = []
    if total:
        no_outlet, no_date = int((chosen["outlet"] == "unknown").sum()), int(chosen["published"].isna().sum())
        lines.append(
            say("corpus.articles_without_outlet_or_date", lang, total=total, no_outlet=no_outlet, no_date=no_date)
        )
    for p, rows in about.items():
        if rows.empty:
            lines.append(say("corpus.articles_about_none", lang, p=p))
            continue
        dates = ", ".join(date_text(d, lang) for d in sorted(rows["reference_date"]))
        lines.append(say("corpus.articles_about", lang, p=p, n=len(rows), total=total, dates=dates))
    return lines
