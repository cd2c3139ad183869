"""Notebook 04 in the reader's language: the digital-uptake pairs of
helpers.analysis.society_pairs first (sentences and a table), then every one-sided fact
of digital society, digital government, infrastructure and the IT sector as one
compact table (one column per chosen province, "not reported" where a province
has no value)."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import scope, society_pairs
from helpers.analysis.evidence import results
from helpers.data import loading
from helpers.text.catalogue import CATALOGUES, say
from helpers.text.citations import citations
from helpers.text.formats import dated_value, indicator_label, join_words, number_text

THEMES = ["digital_society", "digital_government", "infrastructure", "digital_economy"]


def measure_label(measure: str, lang: str) -> str:
    """A fact measure (province_facts.csv) or an indicator id, as readers see it."""
    key = f"summary.measure.{measure}"
    if key in CATALOGUES[lang]:
        return say(key, lang)
    labels = loading.load("indicators").set_index("indicator_id")
    return indicator_label(labels.loc[measure], lang) if measure in labels.index else measure


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def row_label(r, lang: str) -> str:
    """The measure of a pair row; a pair of two definitions names both."""
    if r.measure == r.measure_b:
        return measure_label(r.measure, lang)
    return say(
        "society.two_definitions",
        lang,
        a=measure_label(r.measure, lang),
        b=measure_label(r.measure_b, lang),
        pa=r.province_a,
        pb=r.province_b,
    )


def points(gap: float, lang: str) -> str:
    return number_text(gap, lang, 1 if gap != int(gap) else 0)


def verdict(r, lang: str, short: bool = False) -> str:
    """Compared or not, and why: one phrase per pair row (`short`: without the
    definitions' contrast)."""
    months = r.period_gap_months
    if r.reason == "different_definition":
        if short:
            return say("society.not_compared.definition_short", lang)
        why = next((c["reason"] for c in scope.related_measures() if {c["a"], c["b"]} == {r.measure, r.measure_b}), "")
        return say("society.not_compared.definition", lang, why=say(f"contrast.{why}", lang))
    if r.reason == "farther_date":
        return say("society.not_compared.farther_date", lang, province=r.other_of)
    if r.reason == "period_gap":
        return say("society.not_compared.period_gap", lang, months=months, limit=society_pairs.MAX_PERIOD_GAP_MONTHS)
    if r.reason == "period_kind":
        return say("society.not_compared.period_kind", lang)
    if r.leader:
        return say("society.compared.leader", lang, leader=r.leader, gap=points(abs(r.gap_points), lang))
    if r.gap_points == 0:
        return say("society.compared.equal", lang)
    return say("society.compared.no_leader", lang, gap=points(abs(r.gap_points), lang))


def finding(r, lang: str) -> str:
    """The finding of one comparable pair row: who is higher and by how much, dates apart."""
    label = row_label(r, lang)
    if r.gap_points == 0:
        return f"{label}: {say('society.compared.equal', lang)}"
    if r.leader:
        gap = points(abs(r.gap_points), lang)
        return say("society.title.leader", lang, measure=label, leader=r.leader, gap=gap, months=r.period_gap_months)
    return say("society.title.no_leader", lang, measure=label)


def conclusion(provinces: list[str], lang: str) -> str:
    """One sentence for the notebook's conclusion: the comparable pairs, or that there are none."""
    if len(provinces) < 2:
        return ""
    found = society_pairs.pairs(provinces)
    shown = found[(found["role"] == "pair") & found["comparable"]]
    if shown.empty:
        return say("society.conclusion_none", lang, limit=society_pairs.MAX_PERIOD_GAP_MONTHS)
    return say(
        "society.conclusion",
        lang,
        limit=society_pairs.MAX_PERIOD_GAP_MONTHS,
        pairs="; ".join(dict.fromkeys(finding(r, lang) for r in shown.itertuples())),
        n=int((found["role"] == "pair").sum() - len(shown) + (found["role"] == "other_value").sum()),
    )


def answer(provinces: list[str], lang: str) -> str:
    """Markdown: one line per pair row, the comparable ones first."""
    if len(provinces) < 2:
        return say("summary.one_province", lang)
    found = society_pairs.pairs(provinces)
    if found.empty:
        return say("society.none", lang, provinces=join_words(provinces, lang))
    found = found.sort_values(["comparable", "role"], ascending=[False, True], kind="stable")
    lines = []
    for r in found.itertuples():
        line = say(
            "society.pair_line",
            lang,
            measure=row_label(r, lang),
            a=r.province_a,
            b=r.province_b,
            value_a=dated_value(r.value_a, r.qualifier_a, r.period_a, lang, r.basis_a),
            value_b=dated_value(r.value_b, r.qualifier_b, r.period_b, lang, r.basis_b),
            months=r.period_gap_months,
            verdict=verdict(r, lang),
        )
        lines.append(f"- {line[:1].upper()}{line[1:]}")
    rule = say("society.rule", lang, limit=society_pairs.MAX_PERIOD_GAP_MONTHS)
    return "\n".join(lines) + f"\n\n*{rule}*"


def pairs_table(found: pd.DataFrame, provinces: list[str], lang: str) -> pd.DataFrame:
    """One row per pair row `found` (helpers.analysis.society_pairs.pairs), in the reader's language."""
    if len(provinces) < 2 or found.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            say("society.column.measure", lang): [_capital(row_label(r, lang)) for r in found.itertuples()],
            say("society.column.province_a", lang): found["province_a"],
            say("society.column.value_a", lang): [
                dated_value(r.value_a, r.qualifier_a, r.period_a, lang, r.basis_a) for r in found.itertuples()
            ],
            say("society.column.province_b", lang): found["province_b"],
            say("society.column.value_b", lang): [
                dated_value(r.value_b, r.qualifier_b, r.period_b, lang, r.basis_b) for r in found.itertuples()
            ],
            say("society.column.gap", lang): [
                ("+" if g > 0 else "−" if g < 0 else "") + points(abs(g), lang) for g in found["gap_points"]
            ],
            say("society.column.months", lang): found["period_gap_months"],
            say("society.column.compared", lang): [verdict(r, lang) for r in found.itertuples()],
            say("society.column.evidence", lang): [
                say(
                    "society.evidence",
                    lang,
                    tiers=join_words([say(f"tier.{t}", lang) for t in r.tier.split("+")], lang),
                    confidence=say(f"confidence.{r.confidence}", lang),
                )
                for r in found.itertuples()
            ],
            say("sources", lang): [citations([r.source_a, r.source_b], lang) for r in found.itertuples()],
        }
    )


def one_sided_rows(provinces: list[str]) -> pd.DataFrame:
    """Article results of notebook 04 and digital-uptake facts in no pair row:
    theme, measure, province, value, qualifier, unit, period, basis, source_id."""
    found = society_pairs.pairs(provinces)
    used = set(found["id_a"]) | set(found["id_b"])
    res = results("04", provinces)
    res = res[~res["obs_id"].isin(used)]
    art = pd.DataFrame(
        {
            "theme": res["theme"],
            "measure": res["indicator_id"],
            "province": res["province"],
            "value": res["value"],
            "qualifier": res["qualifier"],
            "unit": res["unit"],
            "period": res["period"],
            "basis": res["period_basis"],
            "source_id": res["source_id"],
        }
    )
    facts = society_pairs.one_sided(provinces)
    facts = facts.assign(theme="digital_society")[list(art.columns)]
    return pd.concat([art, facts], ignore_index=True)


def one_sided_table(rows: pd.DataFrame, provinces: list[str], lang: str) -> pd.DataFrame:
    """Theme, indicator, one column per chosen province (value with qualifier and
    period, or "not reported"), sources as outlet + date; from `rows` (one_sided_rows)."""
    if rows.empty:
        return pd.DataFrame()
    order = {i: n for n, i in enumerate(scope.indicators("04"))}
    rows = rows.assign(
        theme_order=rows["theme"].map(THEMES.index),
        order=rows["measure"].map(lambda m: order.get(m, len(order))),
    ).sort_values(["theme_order", "order", "measure", "period"], kind="stable")
    out = []
    for (theme, measure), group in rows.groupby(["theme", "measure"], sort=False):
        line = {
            say("society.column.theme", lang): say(f"theme.{theme}", lang),
            say("society.column.indicator", lang): _capital(measure_label(measure, lang)),
        }
        for p in provinces:
            mine = group[group["province"] == p]
            line[p] = "; ".join(
                dated_value(r.value, r.qualifier, r.period, lang, r.basis, unit=r.unit) for r in mine.itertuples()
            ) or say("society.not_reported", lang)
        line[say("sources", lang)] = citations(group["source_id"], lang)
        out.append(line)
    return pd.DataFrame(out)


def one_sided_note(rows: pd.DataFrame, provinces: list[str], lang: str) -> str:
    """Which chosen provinces report none of the facts `rows` (said in words, never left blank)."""
    silent = [p for p in provinces if p not in set(rows["province"])]
    if not silent:
        return ""
    return say("society.silent", lang, provinces=join_words(silent, lang))
