"""Key findings of notebooks 02–04 as Markdown, every number computed from the
curated data; comparisons only where indicator, unit and period agree."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from helpers.analysis import scope
from helpers.analysis.evidence import results, rows_lookup, rows_of, service_levels
from helpers.data import loading
from helpers.text import society_tables
from helpers.text.catalogue import say
from helpers.text.caveats import parts_check
from helpers.text.formats import period_text
from helpers.text.phrases import label, sequence, value, value_period, worded_derived


def _comparison_lines(notebook: str, provinces: list[str], lang: str) -> list[str]:
    if len(provinces) < 2:
        return [say("topics.only_one_province_is_selected", lang)]
    rows = rows_lookup(results(notebook, provinces))
    ids = scope.indicators(notebook)
    lines = []
    for a, b in combinations(provinces, 2):
        same, different = [], []
        for indicator in ids:
            ra, rb = rows(a, indicator), rows(b, indicator)
            if ra.empty or rb.empty:
                continue
            shared = sorted(set(ra["period"]) & set(rb["period"]))
            for period in shared:
                x, y = ra[ra["period"] == period].iloc[0], rb[rb["period"] == period].iloc[0]
                same.append(
                    f"{label(indicator, lang)} ({period_text(period, lang)}): {a} {value(x, lang)}, {b} {value(y, lang)}"
                )
            if not shared:
                different.append(label(indicator, lang))
        if same:
            lines.append(say("topics.same_indicator_and_same_date", lang) + "; ".join(same) + ".")
        else:
            lines.append(say("topics.no_indicator_here_is_reported", lang, a=a, b=b))
        if different:
            lines.append(say("topics.reported_by_both_but_at", lang) + "; ".join(different) + ".")
    return lines


def _coverage_line(notebook: str, provinces: list[str], lang: str) -> str:
    res = results(notebook, provinces)
    n = len(scope.indicators(notebook))
    parts = [f"{p} {res.loc[res['province'] == p, 'indicator_id'].nunique()}/{n}" for p in provinces]
    return say("topics.indicators_this_notebook_with_at", lang) + ", ".join(parts) + "."


def _generic(res: pd.DataFrame, province: str, ids: list[str], lang: str) -> list[str]:
    return [
        f"{label(i, lang)}: {sequence(rows_of(res, province, i), lang)}" for i in ids if len(rows_of(res, province, i))
    ]


def _findings_02(provinces: list[str], lang: str) -> list[tuple[str, list[str]]]:
    res = results("02", provinces)
    computed = worded_derived("02", provinces, lang)
    bullets = []
    for p in provinces:
        items = []
        mine = [d for d in computed if d["province"] == p]
        total, level4 = rows_of(res, p, "online_services_total"), rows_of(res, p, "online_services_level4")
        if total.empty and not any(len(rows_of(res, p, i)) for i in scope.parts()["online_services_total"]):
            items.append(say("topics.no_count_online_public_services", lang))
        if len(total):
            items.append(f"{label('online_services_total', lang)}: {sequence(total, lang, sep='; ')}.")
        if len(level4):  # each count at its date, no arrow: the totals may not count the same things
            text = f"{label('online_services_level4', lang)}: {sequence(level4, lang, sep='; ')}"
            items.append(text + ".")
        for t in total.itertuples():
            parts = [
                res[(res["province"] == p) & (res["indicator_id"] == i) & (res["period"] == t.period)]
                for i in scope.parts()["online_services_total"]
            ]
            if all(len(x) for x in parts):
                items.append(
                    say("topics.by_level", lang, period_text=period_text(t.period, lang))
                    + ", ".join(
                        f"{say('topics.level', lang)} {lvl}: {value(x.iloc[0], lang)}"
                        for lvl, x in zip((2, 3, 4), parts)
                    )
                    + "."
                )
        for r in rows_of(res, p, "online_services_national_portal_integrated").itertuples():
            levels = service_levels(r.quote, r.value)
            scope_text = (
                (say("topics.levels", lang) + ", ".join(map(str, levels)))
                if levels
                else say("topics.levels_not_stated", lang)
            )
            text = f"{label('online_services_national_portal_integrated', lang)}: {value_period(r, lang)}, {scope_text}"
            stated = rows_of(res, p, "online_services_national_portal_integration_rate")
            implied = [d for d in mine if d["key"] == "implied_denominator"]
            rate = [d for d in mine if d["key"] == "integration_rate"]
            if len(stated):
                text += say("topics.stated_rate", lang, value=value(stated.iloc[0], lang))
                if implied:
                    text += say(
                        "topics.denominator_not_stated_it_implies",
                        lang,
                        value=implied[0]["value"],
                        formula=implied[0]["formula"],
                    )
            elif rate:
                text += say(
                    "topics.no_rate_stated_computed_denominator",
                    lang,
                    value=rate[0]["value"],
                    formula=rate[0]["formula"],
                )
            items.append(text + ".")
        shown = {
            "online_services_total",
            "online_services_national_portal_integrated",
            "online_services_national_portal_integration_rate",
            *scope.parts()["online_services_total"],
        }
        items += [f"{x}." for x in _generic(res, p, [i for i in scope.indicators("02") if i not in shown], lang)]
        bullets.append((p, items))
    return bullets


def _findings_03(provinces: list[str], lang: str) -> list[tuple[str, list[str]]]:
    res = results("03", provinces)
    computed = worded_derived("03", provinces, lang)
    bullets = []
    for p in provinces:
        items = []
        mine = [d for d in computed if d["province"] == p]
        ocop, agri = rows_of(res, p, "ecommerce_products_ocop"), rows_of(res, p, "ecommerce_products_agricultural")
        for d in (d for d in mine if d["key"] == "products_sum"):
            items.append(
                say(
                    "topics.products_listed_on_postmart_v",
                    lang,
                    period_text=period_text(d["period"], lang),
                    formula=d["formula"],
                    value=d["value"],
                )
            )
        for g in agri.itertuples():
            if g.period not in set(ocop["period"]):
                items.append(
                    f"{label('ecommerce_products_agricultural', lang)}: {value_period(g, lang)}"
                    + say("topics.no_separate_ocop_count_for_2", lang)
                )
        for o in ocop.itertuples():
            if o.period not in set(agri["period"]):
                items.append(f"{label('ecommerce_products_ocop', lang)}: {value_period(o, lang)}.")
        accounts = _generic(res, p, ["ecommerce_household_accounts", "ecommerce_accounts_eligible"], lang)
        if accounts:
            text = "; ".join(accounts)
            for d in (d for d in mine if d["key"] == "eligible_share"):
                text += say("topics.accounts_are_eligible", lang, value=d["value"], formula=d["formula"])
            items.append(text + ".")
        items += [
            f"{x}."
            for x in _generic(
                res, p, ["ecommerce_transactions", "sme_dx_programme_reached", "sme_digital_platform_share"], lang
            )
        ]
        if not items:
            items.append(say("topics.no_e_commerce_or_sme", lang))
        bullets.append((p, items))
    return bullets


def _findings_04(provinces: list[str], lang: str) -> list[tuple[str, list[str]]]:
    res = results("04", provinces)
    computed = worded_derived("04", provinces, lang)
    indicators = loading.load("indicators").set_index("indicator_id")
    bullets = []
    for p in provinces:
        items = []
        for theme in scope.themes("04"):
            ids = [i for i in scope.headline("04") if indicators.loc[i, "theme"] == theme]
            found = _generic(res, p, ids, lang)
            rest = res[(res["province"] == p) & (res["theme"] == theme) & ~res["indicator_id"].isin(ids)]
            if found or len(rest):
                text = f"*{say(f'theme.{theme}', lang)}* — " + "; ".join(found)
                if len(rest):
                    n = rest["indicator_id"].nunique()
                    text += ("; " if found else "") + say(
                        "topics.more_indicator_tables", lang, n=n, x="s" if n > 1 else ""
                    )
                items.append(text + ".")
        for d in (d for d in computed if d["province"] == p):
            items.append(
                say(
                    "topics.computed",
                    lang,
                    quantity=d["quantity"],
                    value=d["value"],
                    formula=d["formula"],
                    caveat=d["caveat"],
                )
            )
        items += parts_check("04", [p], lang, with_province=False)
        if not items:
            items.append(say("topics.no_indicator_this_notebook_corpus", lang))
        bullets.append((p, items))
    return bullets


def findings(notebook: str, provinces: list[str], lang: str) -> str:
    """The key findings as Markdown, every number computed from the curated data."""
    make = {"02": _findings_02, "03": _findings_03, "04": _findings_04}[notebook]
    lines = []
    for province, items in make(provinces, lang):
        lines.append(f"- **{province}**")
        lines += [f"  - {item}" for item in items]
    if notebook == "04" and (pairs := society_tables.conclusion(provinces, lang)):
        lines.append(f"- {pairs}")
    lines += [f"- {line}" for line in _comparison_lines(notebook, provinces, lang)]
    lines.append(f"- {_coverage_line(notebook, provinces, lang)}")
    return "\n".join(lines)
