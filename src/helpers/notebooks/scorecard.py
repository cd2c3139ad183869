"""The side-by-side scorecard (notebook 05): one row per independent comparison, the rest with reasons."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import scorecard_rows
from helpers.analysis.dti_scores import NEAR_TIE_SD
from helpers.analysis.scorecard_rows import independent, leader  # noqa: F401  (leader: the qualifier rule, re-exported)
from helpers.analysis.verdict_rule import MAX_DATE_GAP_MONTHS
from helpers.charts import scorecard as charts_scorecard
from helpers.charts.plotting import save_figure, wrap
from helpers.data import frames, loading
from helpers.data.periods import Period
from helpers.notebooks.scorecard_sensitivity import sensitivity  # noqa: F401  (notebook 05 and README call it here)
from helpers.text.catalogue import say
from helpers.text.citations import citations
from helpers.text.formats import join_words, number_text, number_text_full, period_text, periods_text, value_text
from helpers.text.society_tables import measure_label


def _caveat(pair, lang: str) -> str:
    notes = []
    if pair.kind == "dti_official" and pd.notna(pair.mekong_a) and pd.notna(pair.mekong_b):
        notes.append(say("scorecard.mekong_ranks", lang, a=int(pair.mekong_a), b=int(pair.mekong_b)))
    if pair.qualifier_a != pair.qualifier_b:
        notes.append(say("scorecard.caveat_qualifiers", lang))
    if pair.tier_a != pair.tier_b:
        notes.append(say("scorecard.caveat_tiers", lang))
    if pair.kind == "share":
        notes.append(say("scorecard.caveat_dates", lang, months=int(pair.period_gap_months), limit=MAX_DATE_GAP_MONTHS))
    notes += [_doubt(kind, province, dict(fields), lang) for kind, province, fields in pair.doubts]
    return "; ".join(notes)


def _doubt(kind: str, province: str, fields: dict, lang: str) -> str:
    """One doubt of helpers.analysis.scorecard_rows.doubts in words (notebook 01 shows it in full)."""
    if kind == "year_label":
        return say(
            "scorecard.caveat_year_label",
            lang,
            province=province,
            literal=fields["literal"],
            recorded=fields["recorded"],
        )
    if kind == "year_assignment":
        values = join_words(list(dict.fromkeys(fields["values"])), lang)
        years = join_words([str(y) for y in fields["years"]], lang)
        return say("scorecard.caveat_year_assignment", lang, province=province, values=values, years=years)
    if kind == "lead":
        level = say(f"confidence.{fields['confidence']}", lang)
        return say("scorecard.caveat_lead", lang, province=province, confidence=level)
    return say("scorecard.caveat_value", lang, province=province)


def _label(r, labels: pd.DataFrame, lang: str) -> str:
    if r.kind in ("dti_official", "papi"):
        return say(f"scorecard.row.{r.kind}", lang)
    if r.kind == "share":
        return measure_label(r.indicator_id, lang)
    return labels.loc[r.indicator_id, "label_en" if lang == "en" else "label_vi"]


def _value(r, side: str, lang: str) -> str:
    rank = getattr(r, f"value_{side}")
    if r.kind in ("dti_official", "papi"):
        return say(
            "scorecard.value_scored",
            lang,
            score=number_text(getattr(r, f"score_{side}"), lang, 4),
            rank=int(rank),
            n=r.n,
        )
    return value_text(rank, getattr(r, f"qualifier_{side}"), r.unit, lang)


def _gap(r, lang: str) -> str:
    if r.kind in ("dti_official", "papi"):
        return say(
            "scorecard.scale_scored",
            lang,
            points=number_text(r.score_gap, lang, 4),
            sd=number_text(r.gap_in_sd, lang, 2),
            places=r.rank_gap,
            n=r.n,
        )
    if pd.notna(r.n):
        return say("scorecard.scale_places", lang, places=int(r.rank_gap), n=int(r.n))
    if r.kind == "share":
        return say("scorecard.gap_share", lang, gap=number_text_full(round(r.value_gap, 2), lang))
    return number_text(r.value_gap, lang)


def _period(r, lang: str) -> str:
    """The row's period; a share pair's two dates (rule 4 compares stocks of different dates)."""
    if r.kind == "share":
        return f"{period_text(r.period, lang)} / {period_text(r.period_b, lang)}"
    return period_text(r.period, lang)


def _verdict(r, lang: str) -> str:
    return say(f"scorecard.verdict.{r.verdict}", lang, leader=r.leader)


def _evidence(r, lang: str) -> str:
    tiers = join_words(list(dict.fromkeys([say(f"tier.{r.tier_a}", lang), say(f"tier.{r.tier_b}", lang)])), lang)
    return tiers + (say("copy.via_public_copy", lang) if r.copy_used else "")


def scorecard(provinces: list[str], lang: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(one row per independent comparison (helpers.analysis.scorecard_rows), the same as a display
    table, the values that are not comparable with the reason), formatted for `lang`."""
    comparable, not_comparable, missing = independent(provinces)
    return comparable, comparison_table(comparable, lang), not_comparable_table(not_comparable, missing, lang)


def comparison_table(comparable: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The independent comparisons of `comparable` (helpers.analysis.scorecard_rows.independent)
    as a reader reads them: values, gap, verdict, evidence, rule, confidence, caveat."""
    labels = loading.load("indicators").set_index("indicator_id")
    if len(comparable):
        shown = pd.DataFrame(
            {
                say("scorecard.indicator", lang): [_label(r, labels, lang) for r in comparable.itertuples()],
                say("scorecard.period", lang): [_period(r, lang) for r in comparable.itertuples()],
                "A": comparable["province_a"],
                say("scorecard.value", lang): [_value(r, "a", lang) for r in comparable.itertuples()],
                "B": comparable["province_b"],
                say("scorecard.value_b", lang): [_value(r, "b", lang) for r in comparable.itertuples()],
                say("scorecard.gap_column", lang): [_gap(r, lang) for r in comparable.itertuples()],
                say("scorecard.verdict", lang): [_verdict(r, lang) for r in comparable.itertuples()],
                say("scorecard.evidence", lang): [_evidence(r, lang) for r in comparable.itertuples()],
                say("scorecard.rule", lang): [
                    say(f"rule.{r}", lang, k=number_text(NEAR_TIE_SD, lang, 2)) for r in comparable["rule"]
                ],
                say("scorecard.confidence", lang): [say(f"confidence.{c}", lang) for c in comparable["confidence"]],
                say("scorecard.caveat", lang): [_caveat(r, lang) for r in comparable.itertuples()],
            }
        )
    else:
        shown = pd.DataFrame()
    return shown


def not_comparable_table(not_comparable: pd.DataFrame, missing: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Values one province reports for a period the other never reports, and PAPI years
    scoring one province only (helpers.analysis.scorecard_rows.independent), with the reason."""
    labels = loading.load("indicators").set_index("indicator_id")
    label = "label_en" if lang == "en" else "label_vi"
    rest_rows = []
    for r in not_comparable.itertuples():
        rest_rows.append(
            {
                say("scorecard.indicator", lang): labels.loc[r.indicator_id, label],
                say("scorecard.province", lang): r.province_a,
                say("scorecard.value_2", lang): value_text(r.value_a, r.qualifier_a, r.unit, lang),
                say("scorecard.period", lang): period_text(r.period, lang),
                say("scorecard.why_not_comparable", lang): say(
                    "scorecard.has_no_value_for_only",
                    lang,
                    province_b=r.province_b,
                    period_text=period_text(r.period, lang, at=True),
                    period_text2=periods_text(r.periods_b, lang),
                ),
            }
        )
    papi = loading.load("papi_egov_scores").set_index(["province", "year"])
    for m in missing.itertuples():
        rest_rows.append(
            {
                say("scorecard.indicator", lang): say("scorecard.row.papi", lang),
                say("scorecard.province", lang): m.province_with,
                say("scorecard.value_2", lang): number_text(papi.loc[(m.province_with, m.year), "score"], lang, 4),
                say("scorecard.period", lang): period_text(Period.year(m.year), lang),
                say("scorecard.why_not_comparable", lang): say(
                    "scorecard.papi_no_score", lang, province_b=m.province_without, year=m.year
                ),
            }
        )
    return pd.DataFrame(rest_rows)


def _panel(r) -> str:
    if r.kind == "papi":
        return "papi"
    return "dti" if r.unit == "rank_of_63" else r.unit


def plot_scorecard(comparable: pd.DataFrame, provinces: list[str], lang: str, name: str = "05_scorecard"):
    """The independent comparisons in `comparable` (helpers.analysis.scorecard_rows.independent)
    as dumbbells on their rank scale (helpers.charts.scorecard), the gap beside each row
    (places, and SD for scores). Not written with fewer than two provinces or no
    comparable pair (`plotted.attrs["why"]` says why). Rows other than independent()'s
    are a re-draw, saved under helpers.data.paths.redraw_dir()."""
    labels = loading.load("indicators").set_index("indicator_id")
    many = len(provinces) > 2
    drawn = comparable
    if many and len(comparable):  # one row per pair and measure: its latest year (every year is in the table)
        latest = comparable.assign(_y=[p.start.year for p in comparable["period"]])
        latest = latest[latest["_y"] == latest.groupby(["kind", "indicator_id", "province_b"])["_y"].transform("max")]
        drawn = latest.drop(columns="_y")
    rows = []
    for r in drawn.itertuples():
        if pd.isna(r.n):
            continue  # not a rank: in the table only
        if r.kind in ("dti_official", "papi"):
            key = "scorecard.gap_near_tie" if r.verdict == "near_tie" else "scorecard.gap_scored"
            gap_label = say(key, lang, leader=r.leader, gap=r.rank_gap, sd=number_text(r.gap_in_sd, lang, 2))
        elif r.verdict == "ranked_above":
            gap_label = say("scorecard.gap_rank_only", lang, gap=number_text(r.rank_gap, lang), leader=r.leader)
        elif r.leader:
            gap_label = say("scorecard.gap", lang, gap=number_text(r.rank_gap, lang), leader=r.leader)
        else:
            gap_label = say("scorecard.gap_no_leader", lang, gap=number_text(r.rank_gap, lang))
        # the chart draws ranks: its row says so (the table's row compares the scores)
        head = say("scorecard.row.dti_official_rank", lang) if r.kind == "dti_official" else _label(r, labels, lang)
        row = f"{head} · {period_text(r.period, lang)}"
        if r.kind == "papi":
            row += " " + say("scorecard.of_scored", lang, n=r.n)
        if many:
            row += " · " + r.province_b
        for side in ("a", "b"):
            rows.append(
                {
                    "row": row,
                    "indicator_id": r.indicator_id,
                    "period": r.period,
                    "unit": _panel(r),
                    "province": getattr(r, f"province_{side}"),
                    "value": getattr(r, f"value_{side}"),
                    "qualifier": getattr(r, f"qualifier_{side}"),
                    "tier": getattr(r, f"tier_{side}"),
                    "source_id": getattr(r, f"source_{side}"),
                    "gap": r.rank_gap,
                    "gap_in_sd": r.gap_in_sd,
                    "leader": r.leader,
                    "verdict": r.verdict,
                    "gap_label": gap_label,
                }
            )
    plotted = pd.DataFrame(
        rows,
        columns=[
            "row",
            "indicator_id",
            "period",
            "unit",
            "province",
            "value",
            "qualifier",
            "tier",
            "source_id",
            "gap",
            "gap_in_sd",
            "leader",
            "verdict",
            "gap_label",
        ],
    )
    if len(provinces) < 2 or plotted.empty:
        plotted.attrs["why"] = "*" + headline(comparable, provinces, lang) + ".*"
        return None, plotted
    sizes = {
        "dti": 63,
        "papi": int(comparable["n"][comparable["kind"] == "papi"].max() or 63)
        if (comparable["kind"] == "papi").any()
        else 63,
    }
    panels = []
    for unit in dict.fromkeys(plotted["unit"]):
        n = sizes.get(unit) or int(unit.removeprefix("rank_of_"))
        xlabel = say(f"scorecard.panel.{unit}", lang) if unit in sizes else say("scorecard.rank_axis", lang, n=n)
        panels.append({"unit": unit, "n": n, "xlabel": xlabel})
    caption = say(
        "scorecard.caption_independent",
        lang,
        rule=number_text(NEAR_TIE_SD, lang, 2),
        sources=citations(plotted["source_id"], lang),
    )
    if many:
        caption = say("scorecard.latest_only", lang, first=provinces[0]) + " " + caption
    texts = {
        "title": "\n".join(wrap(headline(ranked(comparable), provinces, lang), 80)),
        "gap": say("scorecard.gap_legend", lang),
        "tiers": {t: say(f"tier.{t}", lang) for t in ("official_table", "survey", "article", "press_reference")},
        "caption": caption,
    }
    fig = charts_scorecard.dumbbells(plotted, panels, provinces, texts)
    # every row label and gap label printed on it; a reader's own rows are a re-draw, kept apart
    save_figure(fig, name, plotted, lang=lang, redraw=not frames.is_whole(comparable))
    return fig, plotted


TIER_GROUPS = ("official_table", "survey", "other", "share")  # never added into one count


def _group(r) -> str:
    if r.kind == "share":
        return "share"
    tier = r.tier_a if r.tier_a == r.tier_b else "mixed"
    return tier if tier in ("official_table", "survey") else "other"


def _parts(group: pd.DataFrame, lang: str) -> str:
    parts = []
    for (verdict, who), rows in group.fillna({"leader": ""}).groupby(["verdict", "leader"], sort=False):
        key = f"scorecard.count_{verdict}" if verdict in VERDICT_KEYS else "scorecard.count_no_leader"
        parts.append((len(rows), say(key, lang, leader=who, k=len(rows))))
    parts.sort(key=lambda p: -p[0])
    return join_words([p for _, p in parts], lang)


VERDICT_KEYS = ("ahead", "near_tie", "ranked_above", "same_rank", "no_leader")


def tallies(comparable: pd.DataFrame, lang: str) -> list[str]:
    """One sentence per evidence tier: its comparisons, their derived confidence and verdicts;
    rows in doubt (helpers.analysis.scorecard_rows.in_doubt) are not counted, and a last
    sentence names them."""
    out = []
    if comparable.empty:
        return out
    doubtful = scorecard_rows.in_doubt(comparable)
    left_out, comparable = comparable[doubtful], comparable[~doubtful]
    groups = pd.Series([_group(r) for r in comparable.itertuples()], index=comparable.index)
    for tier in TIER_GROUPS:
        rows = comparable[groups == tier]
        if rows.empty:
            continue
        levels = join_words([say(f"confidence.{c}", lang) for c in dict.fromkeys(rows["confidence"])], lang)
        out.append(say(f"scorecard.tally.{tier}", lang, n=len(rows), confidence=levels, parts=_parts(rows, lang)))
    if len(left_out):
        labels = loading.load("indicators").set_index("indicator_id")
        items = join_words(
            [f"{_label(r, labels, lang)} {period_text(r.period, lang)}" for r in left_out.itertuples()], lang
        )
        out.append(say("scorecard.left_out", lang, n=len(left_out), items=items))
    return out


def ranked(comparable: pd.DataFrame) -> pd.DataFrame:
    """The rows the scorecard chart draws (ranks on their scale); shares are in the table only."""
    return comparable[comparable["n"].notna()] if len(comparable) else comparable


def headline(comparable: pd.DataFrame, provinces: list[str], lang: str) -> str:
    if len(provinces) < 2:
        return say("scorecard.one_province_chosen_nothing_to", lang)
    if comparable.empty:
        return say("scorecard.no_indicator_is_reported_for", lang)
    return say("scorecard.headline_tiers", lang, tallies="; ".join(tallies(comparable, lang)))


def findings(provinces: list[str], lang: str, listed: str | None = None) -> str:
    """Key findings as Markdown bullets, every number computed. `listed`: where the values
    not compared are listed, as a link (README); by default the notebook's table above them."""
    comparable, _, rest = scorecard(provinces, lang)
    if len(provinces) < 2:
        return say("scorecard.only_one_province_chosen_scorecard", lang)
    lines = [f"- {t[:1].upper()}{t[1:]}." for t in tallies(comparable, lang)] or [
        f"- {headline(comparable, provinces, lang)}."
    ]
    if len(comparable):
        if (comparable["kind"] == "papi").sum() > 1:
            lines.append(say("scorecard.papi_repeated", lang))
        lines.append(say("scorecard.counted_once", lang))
        lines.append(say("scorecard.rules", lang, rule=number_text(NEAR_TIE_SD, lang, 2), months=MAX_DATE_GAP_MONTHS))
    where = say("scorecard.listed_in", lang, link=listed) if listed else say("scorecard.listed_above", lang)
    lines.append(say("scorecard.not_comparable_values_whose_period", lang, len=len(rest), where=where))
    return "\n".join(lines)
