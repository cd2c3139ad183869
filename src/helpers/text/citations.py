"""Sources as readers cite them: outlet + date (+ a short title when the outlet
is unknown) in captions, and the full reference list (outlet, date, title, URL)
for each notebook. Source ids stay in the figure data for provenance."""

from __future__ import annotations

import pandas as pd

from helpers.data import loading
from helpers.text.catalogue import CATALOGUES, say
from helpers.text.formats import date_text
from helpers.text.notes import source_copy, source_title


def _short_title(title: str, words: int = 5) -> str:
    parts = title.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def outlet_text(outlet: str, lang: str) -> str:
    """The outlet as sources.csv names it, or its name in the catalogue (outlet.<name>)
    where it is written in English; "unknown" as the catalogue words it."""
    if outlet == "unknown":
        return say("unknown_outlet", lang)
    return say(f"outlet.{outlet}", lang) if f"outlet.{outlet}" in CATALOGUES[lang] else outlet


@loading.from_tables
def citation(source_id: str, lang: str) -> str:
    """ "baohaugiang.com.vn, 2022-05-05" / "unknown outlet, 2023-05-23, «HẬU GIANG “ĐI SAU”…»"."""
    src = loading.load("sources").set_index("source_id").loc[source_id]
    outlet = outlet_text(src["outlet"], lang)
    if pd.notna(src["published"]):
        when = date_text(src["published"], lang)
    elif pd.notna(src["reference_date"]):
        when = say("undated_before", lang, date=date_text(src["reference_date"], lang))
    else:
        when = say("undated", lang)
    text = f"{outlet}, {when}"
    if src["outlet"] == "unknown" or src["tier"] == "official_table":
        text += f", «{_short_title(source_title(source_id, src['title'], lang))}»"
    if isinstance(src["copy_used"], str) and src["copy_used"]:
        text += say("copy.cite", lang)
    return text


def citations(source_ids, lang: str) -> str:
    """Every distinct source, cited, in date order, separated by semicolons."""
    ids = [s for s in dict.fromkeys(source_ids) if isinstance(s, str) and s]
    src = loading.load("sources").set_index("source_id")
    ids.sort(
        key=lambda s: (src.loc[s, "reference_date"] if pd.notna(src.loc[s, "reference_date"]) else pd.Timestamp.max, s)
    )
    return "; ".join(citation(s, lang) for s in ids)


def _copy_text(source_id: str, copy: str, lang: str) -> str:
    """ "Values taken from a public copy: `locator` (comment)." (the comment in the reader's language)."""
    locator, comment = source_copy(source_id, copy, lang)
    if not comment:
        return say("copy.reference", lang, copy=locator)
    return say("copy.reference_noted", lang, copy=locator, note=comment)


def reference_list(source_ids, lang: str) -> str:
    """Markdown list of the full references: outlet, date, title, URL where known, id."""
    ids = sorted({s for s in source_ids if isinstance(s, str) and s})
    src = loading.load("sources").set_index("source_id")
    lines = []
    for s in ids:
        r = src.loc[s]
        outlet = outlet_text(r["outlet"], lang)
        when = date_text(r["published"], lang) if pd.notna(r["published"]) else say("undated", lang)
        url = f" <{r['url']}>" if r["url"] not in ("unknown", "") else ""
        copy = _copy_text(s, r["copy_used"], lang) if isinstance(r["copy_used"], str) and r["copy_used"] else ""
        lines.append(f"- {outlet}, {when}: «{source_title(s, r['title'], lang)}».{url}{copy} `{s}`")
    return "\n".join(lines) if lines else say("no_sources", lang)


def notebook_sources(notebook: str, provinces: list[str]) -> list[str]:
    """The source ids behind a notebook's evidence for `provinces`."""
    from helpers.analysis import comparison, evidence, scope

    if notebook == "00":  # the summary: every source behind its verdicts, the merger and the corpus lines
        from helpers.analysis import verdicts
        from helpers.text import summary_context

        return verdicts.sources(provinces) + summary_context.sources(provinces)
    if notebook == "06":  # the articles of the register, then every source of the availability matrix
        src = loading.load("sources")
        articles = src[
            (src["tier"] == "article") & src["provinces"].apply(lambda p: any(x in p.split(";") for x in provinces))
        ]["source_id"]
        return list(articles) + list(evidence.availability_cells(provinces)["source_id"])
    if notebook == "01":
        return list(comparison.dti_evidence(provinces)["source_id"])
    if notebook == "05":
        from helpers.analysis import scorecard_rows

        comparable, rest, missing = scorecard_rows.independent(provinces)
        return [
            *comparable.get("source_a", []),
            *comparable.get("source_b", []),
            *rest.get("source_a", []),
            *(["papi-egov-dataset"] if len(missing) else []),
        ]
    if notebook in scope.notebooks():
        ids = list(evidence.results(notebook, provinces)["source_id"])
        if notebook == "02":  # the comparable core: PAPI e-governance of every province
            ids += list(loading.load("papi_egov_scores")["source_id"].unique())
        if notebook == "03":  # the digital-economy pillar ranks it tabulates
            ids += list(evidence.digital_economy_ranks(provinces)["source_id"])
        if notebook == "04":  # the digital-uptake pairs and one-sided facts (press reports)
            from helpers.analysis import society_pairs

            facts = loading.load("province_facts")
            ids = (
                list(
                    facts.loc[
                        (facts["category"] == "digital_uptake") & facts["province"].isin(provinces), "source_id"
                    ].unique()
                )
                + ids
            )
            ids += list(society_pairs.pairs(provinces)[["source_a", "source_b"]].stack())
        from helpers.analysis import rates

        found = rates.rates(provinces)
        return ids + list(found.loc[found["indicator_id"].isin(scope.indicators(notebook)), "denominator_source"])
    raise ValueError(f"unknown notebook {notebook!r}")
