"""The wording of score gaps between chosen provinces, one rule for DTI and PAPI: the
verdict in words and one catalogue line per year and pair of a gaps frame
(helpers.analysis.dti_scores.gaps or helpers.analysis.papi_scores.gaps)."""

from __future__ import annotations

import pandas as pd

from helpers.text.catalogue import say
from helpers.text.formats import number_text


def verdict_text(row, lang: str) -> str:
    """ "near tie" or "<leader> ahead" (helpers.analysis.verdict_rule.scored's call)."""
    if row.verdict == "near_tie":
        return say("gap.near_tie", lang)
    return say("gap.ahead", lang, leader=row.leader)


def gap_lines(gaps: pd.DataFrame, key: str, lang: str, decimals: int, year: str = "year") -> list[str]:
    """One line of message `key` per row of `gaps`: year, provinces a and b, their scores
    and ranks (n ranked where the frame has it), the gap in points and in SD, the verdict.
    Scores and the gap in points with `decimals`; the gap in SD with 2."""
    return [
        say(
            key,
            lang,
            year=getattr(r, year),
            a=r.province_a,
            b=r.province_b,
            sa=number_text(r.score_a, lang, decimals=decimals),
            sb=number_text(r.score_b, lang, decimals=decimals),
            ra=r.rank_a,
            rb=r.rank_b,
            n=getattr(r, "n_ranked", None),
            gap=number_text(abs(r.gap), lang, decimals=decimals),
            sd=number_text(abs(r.gap_in_sd), lang, decimals=2),
            verdict=verdict_text(r, lang),
        )
        for r in gaps.itertuples()
    ]
