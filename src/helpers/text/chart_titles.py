"""Titles of the charts of notebooks 02–04: the finding each chart shows,
numbers computed; and the caption text a chart adds (derived numbers not drawn)."""

from __future__ import annotations

from helpers.analysis import scope
from helpers.analysis.evidence import latest, results, rows_of
from helpers.text.catalogue import say
from helpers.text.formats import period_text, wrap
from helpers.text.phrases import num, sequence, short, value, value_period, worded_derived


def chart_title(name: str, provinces: list[str], lang: str) -> str:
    """The finding a chart shows, in one or two lines, numbers computed."""
    scope.chart(name)  # refuses an unknown chart
    res = results(name[:2], provinces)
    parts = []
    nothing = say("topics.not_reported_corpus", lang)
    if name == "02_online_services_by_level":
        for p in provinces:
            total, l4 = rows_of(res, p, "online_services_total"), rows_of(res, p, "online_services_level4")
            found = []
            if len(total):
                found.append(say("topics.total", lang, sequence=sequence(total, lang, sep=say("and", lang))))
            if len(l4):
                found.append(say("topics.at_level_4", lang, sequence=sequence(l4, lang, sep=say("and", lang))))
            parts.append(f"{p} " + ", ".join(found) if found else say("topics.no_count_corpus", lang, p=p))
        head = say("topics.online_public_services", lang)
    elif name == "02_national_portal_integration":
        for p in provinces:
            r = latest(res, p, "online_services_national_portal_integrated")
            parts.append(f"{p} {value_period(r, lang)}" if r is not None else f"{p}: {nothing}")
        head = say("topics.integrated_into_national_portal", lang)
        dates = {
            latest(res, p, "online_services_national_portal_integrated").period
            for p in provinces
            if latest(res, p, "online_services_national_portal_integrated") is not None
        }
        if len(dates) > 1:
            parts[-1] += say("topics.different_dates_not_compared", lang)
    elif name == "03_ecommerce_products":
        for p in provinces:
            ocop, agri = rows_of(res, p, "ecommerce_products_ocop"), rows_of(res, p, "ecommerce_products_agricultural")
            shared = sorted(set(ocop["period"]) & set(agri["period"]))
            if shared:
                o, g = ocop[ocop["period"] == shared[-1]].iloc[0], agri[agri["period"] == shared[-1]].iloc[0]
                text = (
                    f"{p} {num(o.value + g.value, lang)} ({value(o, lang)} OCOP + {value(g, lang)} "
                    f"{short('ecommerce_products_agricultural', lang)}, {period_text(o.period, lang)})"
                )
            elif len(agri):
                g = agri.iloc[-1]
                text = f"{p} {value(g, lang)} {short('ecommerce_products_agricultural', lang)} ({period_text(g.period, lang)})"
            elif len(ocop):
                o = ocop.iloc[-1]
                text = f"{p} {value(o, lang)} OCOP ({period_text(o.period, lang)})"
            else:
                text = f"{p}: {nothing}"
            parts.append(text)
        head = say("topics.products_on_postmart_v", lang)
    else:
        raise ValueError(f"no title rule for chart {name!r}")
    return _wrap_title(f"{head}: ", parts)


def _wrap_title(head: str, parts: list[str], width: int = 88) -> str:
    """Break a title between provinces where possible, within `width` characters a line."""
    lines = [head.rstrip()] if len(head) + len(parts[0]) > width else [head + parts.pop(0)] if parts else [head]
    for part in parts:
        candidate = f"{lines[-1]}; {part}" if not lines[-1].endswith(":") else f"{lines[-1]} {part}"
        if len(candidate) <= width:
            lines[-1] = candidate
        else:
            if not lines[-1].endswith(":"):
                lines[-1] += ";"
            lines += wrap(part, width)
    return "\n".join(lines)


# The derived numbers (helpers.analysis.derived keys) a chart's caption prints, not drawn;
# helpers.notebooks.figures writes them to the figure's CSV with numerator, denominator, formula.
CAPTION_DERIVED = {"02_national_portal_integration": ("integration_rate", "implied_denominator")}


def caption_extra(name: str, provinces: list[str], lang: str) -> str:
    """Extra caption text: the derived rate a chart leaves out, with its formula."""
    if name not in CAPTION_DERIVED:
        return ""
    notes = [
        f"{d['province']}: {d['quantity']} {d['value']} = {d['formula']}"
        for d in worded_derived(name[:2], provinces, lang)
        if d["key"] in CAPTION_DERIVED[name]
    ]
    return (say("topics.not_plotted_computed_see_table", lang) + "; ".join(notes) + ".") if notes else ""
