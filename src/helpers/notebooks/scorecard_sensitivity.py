"""The sensitivity of the scorecard's scored verdicts to the near-tie threshold (notebook 05, README)."""

from __future__ import annotations

import pandas as pd

from helpers.text.catalogue import say
from helpers.text.formats import number_text


def sensitivity(provinces: list[str], lang: str) -> tuple[pd.DataFrame, str]:
    """(the scored verdicts at each threshold of helpers.analysis.verdict_rule.SENSITIVITY as a display
    table, one sentence naming those that change)."""
    from helpers.analysis import verdicts
    from helpers.analysis.verdict_rule import SENSITIVITY

    found = verdicts.sensitivity(provinces)
    if found.empty:
        return pd.DataFrame(), ""
    topic = {"dti": say("scorecard.row.dti_official", lang), "online_services": say("scorecard.row.papi", lang)}

    def call(r, k):
        return say(
            f"scorecard.verdict.{getattr(r, 'verdict_' + format(k, 'g').replace('.', '_'))}",
            lang,
            leader=getattr(r, "leader_" + format(k, "g").replace(".", "_")),
        )

    frame = found.rename(columns=lambda c: c.replace(".", "_"))
    shown = pd.DataFrame(
        {
            say("summary.sensitivity.column.topic", lang): [topic[t] for t in frame["topic"]],
            say("summary.sensitivity.column.year", lang): frame["year"].astype(str),
            "B": frame["province_b"],
            say("summary.sensitivity.column.gap", lang): [number_text(abs(g), lang, 2) for g in frame["gap_in_sd"]],
            **{
                say("summary.sensitivity.column.at", lang, k=number_text(k, lang, 2)): [
                    call(r, k) for r in frame.itertuples()
                ]
                for k in SENSITIVITY
            },
            say("summary.sensitivity.column.changes", lang): [say(f"yes_no.{bool(c)}", lang) for c in frame["changes"]],
        }
    )
    low, high = number_text(min(SENSITIVITY), lang, 2), number_text(max(SENSITIVITY), lang, 2)
    changed = frame[frame["changes"]]
    if changed.empty:
        return shown, say("summary.sensitivity.none", lang, low=low, high=high)
    items = [
        say(
            "summary.sensitivity.changes",
            lang,
            topic=topic[r.topic],
            year=r.year,
            verdicts=", ".join(f"{number_text(k, lang, 2)}: {call(r, k)}" for k in SENSITIVITY),
        )
        for r in changed.itertuples()
    ]
    return shown, say("summary.sensitivity.some", lang, n=len(changed), low=low, high=high, items="; ".join(items))
