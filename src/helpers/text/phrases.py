"""Short phrases about curated rows and derived numbers (labels, values with
periods, sequences), in the reader's language. Builds on helpers.text.catalogue."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import derived
from helpers.data import loading
from helpers.text.catalogue import say
from helpers.text.formats import (
    formula_text,
    indicator_label,
    join_words,
    number_text,
    period_text,
    signed,
    value_text,
)

__all__ = ["label", "short", "value", "value_period", "sequence", "num", "worded_derived", "join_words", "signed"]


def label(indicator: str, lang: str) -> str:
    return indicator_label(loading.load("indicators").set_index("indicator_id").loc[indicator], lang)


def short(indicator: str, lang: str) -> str:
    """A short name for titles (catalogue key short.<indicator>), else the label."""
    key = f"short.{indicator}"
    from helpers.text.catalogue import CATALOGUES

    return say(key, lang) if key in CATALOGUES[lang] else label(indicator, lang)


def value(row, lang: str) -> str:
    return value_text(row.value, row.qualifier, row.unit, lang)


def value_period(row, lang: str) -> str:
    return f"{value(row, lang)} ({period_text(row.period, lang)})"


def num(x: float, lang: str, decimals: int = 0) -> str:
    return number_text(x, lang, decimals)


def sequence(rows: pd.DataFrame, lang: str, periods: bool = True, sep: str = " → ") -> str:
    """Every value of one province and indicator, oldest first: both shown, never one."""
    show = value_period if periods else value
    return sep.join(show(r, lang) for r in rows.itertuples())


def worded_derived(notebook: str, provinces: list[str], lang: str) -> list[dict]:
    """helpers.analysis.derived.derived_numbers of the notebook's indicators, worded:
    quantity, value, formula (numbers in `lang`), inputs, caveat, key, period."""
    from helpers.analysis import scope

    ids = set(scope.indicators(notebook))
    out = []
    for d in derived.derived_numbers(provinces).itertuples():
        if d.indicator_id not in ids:
            continue
        caveat = say(f"derived.{d.key}.caveat", lang)
        if d.key == "eligible_share" and d.input_qualifiers[1] != "exact":
            caveat += say(
                "derived.eligible_share.hedged",
                lang,
                value=value_text(d.operands[1], d.input_qualifiers[1], "count", lang),
            )
        shown = (
            value_text(d.value, d.qualifier, "count", lang)
            if d.unit == "count"
            else number_text(d.value, lang, d.decimals) + "%"
        )
        out.append(
            {
                "province": d.province,
                "quantity": say(f"derived.{d.key}.quantity", lang, period=period_text(d.period, lang)),
                "value": shown,
                "number": d.value,
                "formula": formula_text(derived.FORMULAS[d.key], d.operands, d.operand_decimals, lang),
                "inputs": ", ".join(d.inputs),
                "caveat": caveat,
                "key": d.key,
                "period": d.period,
            }
        )
    return out
