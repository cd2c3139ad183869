"""Notebook 03, answer first: whether any e-commerce measure is reported for
every chosen province with the same definition and period; the gap between
accounts and their use; the DTI digital-economy pillar ranks known (implied
ranks marked). Numbers from the evidence layer, words from the catalogues."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import comparison, evidence, scope
from helpers.analysis.evidence import results
from helpers.text.catalogue import say
from helpers.text.citations import citation
from helpers.text.formats import join_words, period_text, value_text

NOTEBOOK = "03"


def common_measures(provinces: list[str]) -> dict:
    """Indicators of notebook 03 reported for every chosen province, and those of
    them with a same-period pair (helpers.analysis.comparison.pairs)."""
    indicators = scope.indicators(NOTEBOOK)
    res = results(NOTEBOOK, provinces)
    by = res.groupby("indicator_id")["province"].agg(set)
    everyone = [i for i in indicators if i in by.index and set(provinces) <= by[i]]
    comparable, _ = comparison.pairs(provinces)
    same = sorted(set(comparable["indicator_id"]) & set(everyone)) if len(comparable) else []
    return {
        "indicators": indicators,
        "reported_by_all": everyone,
        "same_definition_and_period": same,
        "reported_by": {i: sorted(by[i]) for i in by.index if i in indicators},
    }


def answer(provinces: list[str], lang: str) -> str:
    """The first sentence of notebook 03, computed."""
    found = common_measures(provinces)
    who = join_words(provinces, lang)
    if found["same_definition_and_period"]:
        return say("ecom.some_common", lang, n=len(found["same_definition_and_period"]), provinces=who)
    lines = [
        say("ecom.no_common", lang, provinces=who, n=len(found["indicators"]), k=len(found["reported_by_all"]))
        + (say("ecom.who_reports", lang) if found["reported_by"] else "")
    ]
    for indicator, reporters in found["reported_by"].items():
        lines.append(
            say("ecom.reported_by", lang, indicator=say_label(indicator, lang), provinces=join_words(reporters, lang))
        )
    return "\n".join(lines)


def say_label(indicator: str, lang: str) -> str:
    from helpers.text.phrases import label

    return label(indicator, lang)


def accounts_vs_use(provinces: list[str], lang: str) -> str:
    """Per province with household accounts and transactions: both, with their periods
    and qualifiers, side by side; their periods differ, so one is not divided by the other
    (the caveat table of the notebook says so)."""
    res = results(NOTEBOOK, provinces)
    lines = []
    for province in provinces:
        mine = res[res["province"] == province]
        accounts = mine[mine["indicator_id"] == "ecommerce_household_accounts"]
        use = mine[mine["indicator_id"] == "ecommerce_transactions"]
        if accounts.empty or use.empty:
            continue
        a, u = accounts.iloc[-1], use.iloc[-1]
        lines.append(
            say(
                "ecom.accounts_and_use",
                lang,
                province=province,
                accounts=value_text(a["value"], a["qualifier"], "count", lang),
                accounts_period=period_text(a["period"], lang),
                use=value_text(u["value"], u["qualifier"], "count", lang),
                use_period=period_text(u["period"], lang),
                source=citation(a["source_id"], lang),
            )
        )
    return "\n".join(lines) or say("ecom.no_accounts_vs_use", lang)


def digital_economy_ranks(provinces: list[str], lang: str) -> pd.DataFrame:
    """Every DTI digital-economy pillar rank known for the chosen provinces, by
    tier; a rank implied by a stated rank and its change is marked."""
    ev = evidence.digital_economy_ranks(provinces)
    if ev.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            say("topics.province", lang): ev["province"],
            say("dti.col.assessment_year", lang): ev["assessment_year"],
            say("dti.col.value", lang): [
                value_text(v, q, "count", lang) + ("*" if f else "")
                for v, q, f in zip(ev["value"], ev["qualifier"], ev["formula"].fillna(""))
            ],
            say("claims.col.tier", lang): [say(f"tier.{t}", lang) for t in ev["tier"]],
            say("ecom.col.how", lang): [
                say("ecom.implied", lang, formula=f) if f else say("ecom.stated", lang)
                for f in ev["formula"].fillna("")
            ],
            say("dti.col.source", lang): [citation(s, lang) for s in ev["source_id"]],
        }
    ).reset_index(drop=True)
