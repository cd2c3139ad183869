"""What cannot be read across dates, provinces or indicators (notebooks 02–04),
built from the data: comparability notes, totals against parts, gaps."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from helpers.analysis import comparison, derived, scope
from helpers.analysis.evidence import excerpt, own_words, results, rows_lookup, rows_of, service_levels, targets
from helpers.data import loading
from helpers.data.periods import Period
from helpers.text.catalogue import say
from helpers.text.formats import indicator_label, join_words, period_text, value_text
from helpers.text.phrases import label, num, sequence, short, signed, value, value_period, worded_derived


def parts_check(notebook: str, provinces: list[str], lang: str, with_province: bool = True) -> list[str]:
    """Whether a reported total equals the sum of its reported parts (same source and date)."""
    res = results(notebook, provinces)
    lines = []
    for province in provinces:
        for total_id, part_ids in scope.parts().items():
            for t in rows_of(res, province, total_id).itertuples():
                parts = [
                    res[
                        (res["province"] == province)
                        & (res["indicator_id"] == p)
                        & (res["period"] == t.period)
                        & (res["source_id"] == t.source_id)
                    ]
                    for p in part_ids
                ]
                if any(p.empty for p in parts):
                    continue
                parts = [p.iloc[0] for p in parts]
                total = sum(p["value"] for p in parts)
                addition = " + ".join(value_text(p["value"], p["qualifier"], p["unit"], lang) for p in parts)
                hedged = [p for p in parts if p["qualifier"] == "at_least"]
                if total == t.value and not hedged:
                    verdict = say("topics.parts_add_up_exactly", lang)
                elif total == t.value:
                    verdict = say("topics.parts_add_up_to_total", lang)
                else:
                    verdict = say("topics.parts_add_up_to_not", lang, num=num(total, lang))
                lines.append(
                    (f"{province}, " if with_province else "")
                    + f"{label(total_id, lang)} ({period_text(t.period, lang)}): "
                    f"{addition} = {num(total, lang)} {say('topics.vs', lang)} {value(t, lang)} — {verdict}."
                )
    return lines


def comparability_notes(notebook: str, provinces: list[str], lang: str) -> pd.DataFrame:
    """What cannot be read across dates, provinces or indicators, built from the data:
    values reported at several dates (both shown), the same indicator at different
    dates or periods in two provinces, flows over different periods, totals vs
    parts, hedged values, stated rates without denominator, related indicators
    that measure different things, and targets."""
    res = results(notebook, provinces)
    rows = []

    def add(indicator, issue, evidence):
        rows.append((indicator, issue, evidence))

    # 1. the same province and indicator at several dates: both shown
    revised = comparison.revisions(provinces)
    revised = revised[revised["indicator_id"].isin(scope.indicators(notebook))]
    for (province, indicator), _ in revised.groupby(["province", "indicator_id"], sort=False):
        rows_pi = rows_of(res, province, indicator)
        words = [own_words(r.quote, r.value) for r in rows_pi.itertuples()]
        same_words = not all(words) or len({" ".join(w.split()[1:]) for w in words}) == 1
        if not all(words):
            words = [""] * len(words)
        issue = say("topics.reported_at_dates_by_different", lang, province=province, len=len(rows_pi))
        if not same_words:
            issue += say("topics.articles_word_it_differently_quoted", lang)
        evidence = " → ".join(
            f"{value_period(r, lang)} «{w}»" if w else value_period(r, lang)
            for r, w in zip(rows_pi.itertuples(), words)
        )
        add(label(indicator, lang), issue, evidence)
    # a total falling while a part rises between the same two dates
    for province in provinces:
        for total_id, part_ids in scope.parts().items():
            total = rows_of(res, province, total_id)
            if len(total) < 2:
                continue
            for part_id in part_ids:
                part = rows_of(res, province, part_id)
                if list(part["period"]) != list(total["period"]):
                    continue
                dt = total["value"].iloc[-1] - total["value"].iloc[0]
                dp = part["value"].iloc[-1] - part["value"].iloc[0]
                if dt * dp < 0:
                    add(
                        label(total_id, lang),
                        say(
                            "topics.total_moves_while_count_moves",
                            lang,
                            province=province,
                            signed=signed(dt, lang),
                            short=short(part_id, lang),
                            signed2=signed(dp, lang),
                        ),
                        f"{sequence(total, lang, periods=False)}; {sequence(part, lang, periods=False)}",
                    )
    # 2. the same indicator in two provinces at different dates or periods
    rows_pair = rows_lookup(res)
    ids = scope.indicators(notebook)
    for a, b in combinations(provinces, 2):
        for indicator in ids:
            ra, rb = rows_pair(a, indicator), rows_pair(b, indicator)
            if ra.empty or rb.empty or set(ra["period"]) & set(rb["period"]):
                continue
            flows = [r for r in [*ra.itertuples(), *rb.itertuples()] if r.period_start != r.period_end]
            if flows:
                lengths = join_words(
                    [say("topics.province_months", lang, province=r.province, n=r.period.months) for r in flows], lang
                )
                issue = say("topics.flows_over_different_periods_not", lang, lengths=lengths)
            else:
                issue = say("topics.stocks_at_different_dates_not", lang)
            if indicator == "online_services_national_portal_integrated":
                levels = []
                for r in [*ra.itertuples(), *rb.itertuples()]:
                    found = service_levels(r.quote, r.value)
                    levels.append(
                        f"{r.province}: "
                        + (
                            say("topics.levels", lang) + ", ".join(map(str, found))
                            if found
                            else say("topics.levels_not_stated", lang)
                        )
                    )
                issue += say("topics.services_counted_differ", lang) + "; ".join(levels) + ")"
            if any(r.qualifier != "exact" for r in [*ra.itertuples(), *rb.itertuples()]):
                issue += say("topics.hedged_value_lower_bound_approximate", lang)
            add(label(indicator, lang), issue, f"{a}: {sequence(ra, lang)}; {b}: {sequence(rb, lang)}")
    # 3. flows of one province over different periods (rates between them are meaningless)
    for province in provinces:
        mine = res[(res["province"] == province) & (res["period_start"] != res["period_end"])]
        for _, flows in mine.groupby(["theme", "unit"], sort=False):
            if flows["period"].nunique() < 2:
                continue
            add(
                say("topics.flows", lang),
                say("topics.flows_cover_different_periods_one", lang, province=province),
                "; ".join(f"{label(r.indicator_id, lang)}: {value_period(r, lang)}" for r in flows.itertuples()),
            )
    # 4. totals vs parts
    for line in parts_check(notebook, provinces, lang):
        add(say("topics.total_vs_parts", lang), say("topics.checked", lang), line)
    # 5. a rate whose denominator the article does not state
    for r in derived.derived_numbers(provinces).itertuples():
        if notebook == "02" and r.key == "implied_denominator":
            rate = rows_of(res, r.province, "online_services_national_portal_integration_rate").iloc[0]
            add(
                label("online_services_national_portal_integration_rate", lang),
                say("topics.denominator_is_not_stated_rate", lang, province=r.province, num=num(r.value, lang)),
                f"{value_period(rate, lang)} «{excerpt(rate.quote, rate.value, 110)}»",
            )
    # 6. hedged values
    for province in provinces:
        mine = res[res["province"] == province]
        for qualifier in ("at_least", "at_most", "approx"):
            hedged = mine[mine["qualifier"] == qualifier]
            if len(hedged):
                add(
                    say("topics.hedged_values", lang),
                    f"{province}: " + say(f"hedged.{qualifier}", lang),
                    "; ".join(f"{label(r.indicator_id, lang)}: {value(r, lang)}" for r in hedged.itertuples()),
                )
    # 7. related indicators that measure different things
    for contrast in scope.contrasts():
        first, second = contrast["a"], contrast["b"]
        a, b = res[res["indicator_id"] == first], res[res["indicator_id"] == second]
        if len(a) and len(b):
            add(
                f"{label(first, lang)} / {label(second, lang)}",
                say(f"contrast.{contrast['reason']}", lang),
                "; ".join(
                    f"{r.province}: {short(r.indicator_id, lang)} {value_period(r, lang)}"
                    for r in [*a.itertuples(), *b.itertuples()]
                ),
            )
    # 8. a product count without a separate OCOP count for the same period
    for province in provinces:
        ocop = rows_of(res, province, "ecommerce_products_ocop")
        for g in rows_of(res, province, "ecommerce_products_agricultural").itertuples():
            if g.period not in set(ocop["period"]):
                add(
                    label("ecommerce_products_agricultural", lang),
                    say("topics.no_separate_ocop_count_for", lang, province=province),
                    f"{value_period(g, lang)} «{own_words(g.quote, g.value)}»",
                )
    # 9. targets
    for t in targets(notebook, provinces).itertuples():
        add(
            indicator_label(loading.load("indicators").set_index("indicator_id").loc[t.indicator_id], lang),
            say("topics.target_not_result_listed_here", lang, province=t.province),
            f"{say('target', lang)} {value_text(t.value, t.qualifier, t.unit, lang)} "
            f"({period_text(Period.of(t.period_start, t.period_end), lang)})",
        )
    columns = [say("topics.indicator", lang), say("topics.issue", lang), say("topics.evidence", lang)]
    return pd.DataFrame(rows, columns=columns)


def not_in_corpus(notebook: str, provinces: list[str], lang: str) -> str:
    """Markdown: for each province, the notebook's indicators the corpus gives no result for."""
    res = results(notebook, provinces)
    ids = scope.indicators(notebook)
    lines = []
    for province in provinces:
        have = set(res.loc[res["province"] == province, "indicator_id"])
        missing = [i for i in ids if i not in have]
        head = say("topics.indicators_have_no_result_corpus", lang, province=province, len=len(missing), len2=len(ids))
        if notebook == "02" and not have & {"online_services_total", *scope.parts()["online_services_total"]}:
            head += say("topics.including_any_count_online_services", lang)
        if not missing:
            lines.append(f"- {head}.")
            continue
        stands_in = scope.stands_in_for()
        computed = {stands_in[d["key"]] for d in worded_derived(notebook, [province], lang) if d["key"] in stands_in}
        lines.append(
            f"- {head}: "
            + "; ".join(
                label(i, lang) + (say("topics.not_stated_computed_from_two", lang) if i in computed else "")
                for i in missing
            )
            + "."
        )
        for t in targets(notebook, [province]).itertuples():
            lines.append(
                say(
                    "topics.only_target_no_result",
                    lang,
                    label=label(t.indicator_id, lang),
                    value_text=value_text(t.value, t.qualifier, t.unit, lang),
                )
            )
    return "\n".join(lines)
