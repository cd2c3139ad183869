"""Notebook 03's table of the e-commerce and SME measures no chart draws: household
accounts, transactions, SMEs reached, the share of SMEs on digital platforms. Each is
reported by one province at most, so a chart of one dot says less than a table row:
one row per measure, one column per chosen province (value with its mark ≈, ≥ and its
period, or "not reported"), and the sources."""

from __future__ import annotations

import pandas as pd

from helpers.analysis import scope
from helpers.text.catalogue import say
from helpers.text.citations import citations
from helpers.text.formats import dated_value
from helpers.text.phrases import label


def tabled_indicators(notebook: str = "03") -> list[str]:
    """The notebook's indicators that no chart of notebook_scope.yaml draws, in its order."""
    drawn = {i for ids in scope.charts(notebook).values() for i in ids}
    return [i for i in scope.indicators(notebook) if i not in drawn]


def measures_table(observations: pd.DataFrame, provinces: list[str], lang: str) -> pd.DataFrame:
    """One row per measure of tabled_indicators() with a value in `observations`
    (helpers.notebooks.tidy.observations, possibly narrowed): its label, each chosen
    province's values with their periods ("not reported" where none), the sources."""
    rows = []
    for indicator in tabled_indicators():
        mine = observations[observations["indicator_id"] == indicator]
        if mine.empty:
            continue
        row = {say("topics.indicator", lang): label(indicator, lang)}
        for province in provinces:
            found = mine[mine["province"] == province]
            row[province] = "; ".join(
                dated_value(r.value, r.qualifier, r.period, lang, r.period_basis, unit=r.unit)
                for r in found.itertuples()
            ) or say("no_data", lang)
        row[say("sources", lang)] = citations(mine["source_id"], lang)
        rows.append(row)
    return pd.DataFrame(rows)
