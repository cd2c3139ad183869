"""The summary's sentences (notebook 00), worded from helpers.analysis.verdicts frames
through the message catalogues; no number is typed here."""

from __future__ import annotations

import pandas as pd

from helpers.analysis.verdict_rule import APPROX_BAND, MAX_DATE_GAP_MONTHS, NEAR_TIE_SD
from helpers.analysis.verdicts import NOTEBOOKS, TOPICS
from helpers.text.catalogue import CATALOGUES, say
from helpers.text.formats import date_text, join_words, number_text, number_text_full, value_text


def years_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _link(topic: str, lang: str) -> str:
    name = NOTEBOOKS[topic]
    return say("summary.link", lang, number=name[:2], path=f"{name}.ipynb")


def _measure(measure: str, lang: str) -> str:
    key = f"summary.measure.{measure}"
    return say(key, lang) if key in CATALOGUES[lang] else measure


def question(provinces: list[str], lang: str) -> str:
    return say("summary.question", lang, provinces=join_words(provinces, lang))


def run_text(run, unit_key: str, lang: str) -> str:
    years = years_text(run.first, run.last)
    if run.verdict == "near_tie":
        return say("summary.run_near_tie", lang, years=years)
    return say(unit_key, lang, leader=run.leader, years=years, sd=number_text(run.max_sd, lang, 2))


def _scored(topic: str, part: dict, lang: str) -> list[str]:
    """DTI and PAPI: per focus pair, the runs of years, then the latest ranks."""
    lines = []
    pairs, runs = part["pairs"], part["runs"]
    for (a, b), group in runs.groupby(["province_a", "province_b"], sort=False):
        mine = pairs[(pairs["province_a"] == a) & (pairs["province_b"] == b)]
        years = len(mine)
        if len(group) == 1 and group.iloc[0]["verdict"] == "ahead" and years > 1:
            r = group.iloc[0]
            text = say(
                f"summary.{topic}.every_year",
                lang,
                leader=r["leader"],
                years=years_text(r["first"], r["last"]),
                n=years,
                sd=number_text(r["max_sd"], lang, 2),
            )
        else:
            text = "; ".join(run_text(r, f"summary.{topic}.run_ahead", lang) for r in group.itertuples())
        last = mine.sort_values("year").iloc[-1]
        ranks = say(
            "summary.latest_ranks",
            lang,
            year=int(last["year"]),
            a=a,
            b=b,
            rank_a=int(last["rank_a"]),
            rank_b=int(last["rank_b"]),
            n=int(last["n_ranked"]),
        )
        lines.append(say("summary.pair", lang, a=a, b=b, text=text, ranks=ranks))
    return lines


def _missing_years(part: dict, lang: str) -> list[str]:
    missing = part.get("missing", pd.DataFrame())
    return [
        say(
            "summary.online_services.missing",
            lang,
            year=int(m.year),
            province=m.province_without,
            other=m.province_with,
        )
        for m in missing.itertuples()
    ]


def dated(day, basis: str, lang: str) -> str:
    """The date a value refers to, marked when the data inferred it (e.g. "6 tháng đầu năm
    2023" read as 30/6/2023) or know it only within a window."""
    text = date_text(day, lang)
    if basis in ("inferred", "uncertain"):
        return say(f"period.{basis}_date", lang, date=text)
    return text


def _shares(part: dict, lang: str) -> list[str]:
    lines = []
    for r in part["pairs"].itertuples():
        words = {
            "measure": _measure(r.measure, lang),
            "a": r.province_a,
            "b": r.province_b,
            "value_a": value_text(r.value_a, r.qualifier_a, "percent", lang),
            "value_b": value_text(r.value_b, r.qualifier_b, "percent", lang),
            "date_a": dated(r.period_a, r.basis_a, lang),
            "date_b": dated(r.period_b, r.basis_b, lang),
            "months": number_text(r.period_gap_days / 30.44, lang),
            "band": number_text(APPROX_BAND * 100, lang),
            "limit": number_text(MAX_DATE_GAP_MONTHS, lang),
            "gap": number_text_full(round(abs(r.value_a - r.value_b), 2), lang),
        }
        exact = r.qualifier_a == r.qualifier_b == "exact"  # the band applies only to ≈, ≥, ≤ values
        key = "summary.digital_society.share_" + ("leader" if r.leader else "no_leader") + ("_exact" if exact else "")
        line = say(key, lang, leader=r.leader, **words)
        lines.append(line[:1].upper() + line[1:])
    return lines


def _one_sided(part: dict, lang: str) -> str:
    counts = [
        say("summary.count_for", lang, province=r.province, n=r.indicators) for r in part["one_sided"].itertuples()
    ]
    return say("summary.one_sided", lang, counts=join_words(counts, lang))


def verdict_lines(topic: str, summary: dict, provinces: list[str], lang: str) -> list[str]:
    """The verdict of one topic as sentences (the first one is the headline)."""
    part = summary[topic]
    if len(provinces) < 2:
        return [say("summary.one_province", lang)]
    if topic in ("dti", "online_services"):
        lines = _scored(topic, part, lang) if len(part["pairs"]) else [say(f"summary.{topic}.none", lang)]
        if topic == "online_services":
            lines += _missing_years(part, lang)
            n = len(part["article_pairs"])
            lines.append(say("summary.online_services.articles", lang, n=n))
        return lines
    if topic == "ecommerce":
        pairs = part["pairs"]
        head = (
            say("summary.ecommerce.none", lang) if pairs.empty else say("summary.ecommerce.pairs", lang, n=len(pairs))
        )
        return [head, _one_sided(part, lang)]
    lines = _shares(part, lang) or [say("summary.digital_society.none", lang)]
    lines.append(say("summary.digital_society.articles", lang, n=len(part["article_pairs"])))
    lines.append(_one_sided(part, lang))
    return lines


def tier_text(s: dict, lang: str) -> str:
    """The evidence tiers of a topic, with "via a public copy" when a copy was used."""
    tiers = join_words([say(f"tier.{t}", lang) for t in s["tier"].split("+")], lang)
    return tiers + (say("copy.via_public_copy", lang) if s.get("copy_used") else "")


def rule_text(s: dict, lang: str) -> str:
    return say(f"rule.{s['rule']}", lang, k=number_text(NEAR_TIE_SD, lang, 2))


def strength_text(topic: str, summary: dict, lang: str) -> str:
    s = summary[topic]["strength"]
    return say(
        "summary.strength",
        lang,
        tier=tier_text(s, lang),
        pairs=s["pairs"],
        confidence=say(f"confidence.{s['confidence']}", lang),
        rule=rule_text(s, lang),
    )


def section(topic: str, summary: dict, provinces: list[str], lang: str) -> str:
    """Markdown: heading, verdict, strength of evidence, link to the detailed notebook."""
    lines = verdict_lines(topic, summary, provinces, lang)
    body = "\n".join(f"- {line}" for line in lines)
    return (
        f"## {say(f'summary.topic.{topic}', lang)}\n\n{body}\n\n"
        f"*{strength_text(topic, summary, lang)}* {_link(topic, lang)}"
    )


def overview_table(summary: dict, provinces: list[str], lang: str) -> pd.DataFrame:
    """One row per topic: its headline verdict, evidence and confidence."""
    rows = []
    for topic in TOPICS:
        s = summary[topic]["strength"]
        rows.append(
            {
                say("summary.column.topic", lang): say(f"summary.topic.{topic}", lang),
                say("summary.column.verdict", lang): verdict_lines(topic, summary, provinces, lang)[0],
                say("summary.column.rule", lang): rule_text(s, lang),
                say("summary.column.evidence", lang): tier_text(s, lang),
                say("summary.column.pairs", lang): s["pairs"],
                say("summary.column.confidence", lang): say(f"confidence.{s['confidence']}", lang),
            }
        )
    return pd.DataFrame(rows)
