"""Checks on the reference tier (data/reference/) and data/rate_definitions.csv.

Called by helpers.checks.validation.validate_all; problems use the same
`file:row:column: message` form. What is checked: column schema, provinces
among the 63, foreign keys to data/sources.csv, score ranges, the PAPI
dimension score against the sum of its parts and its rank against a
recomputed competition rank, derived facts against the fact they come from,
and every rate definition against the numerator and denominator it names.
"""

from __future__ import annotations

from collections import defaultdict

REF = "data/reference/"
COLUMNS = {
    "dti_press_facts": "fact_id province indicator_id value qualifier assessment_year source_id url quote "
    "confidence note derived_from formula",
    "papi_egov_subdimensions": "source_id year province subdimension score",
    "papi_egov_scores": "source_id year province score rank n_ranked comparable",
    "papi_press_facts": "fact_id province measure year value n_provinces source_id url quote confidence note",
    "population": "source_id year province average_population_thousand confidence note",
    "province_facts": "fact_id province category measure value qualifier unit period_start period_end "
    "period_label period_basis source_id url quote confidence note",
}
FILES = {name: REF + name + ".csv" for name in COLUMNS}
RATES = "data/rate_definitions.csv"
RATE_COLUMNS = "rate_id numerator_obs denominator denominator_year scale bound note".split()
CONFIDENCE = {"high", "medium", "low"}
# stated by the source; inferred by the project from context; uncertain: a stock dated somewhere in the period
PERIOD_BASES = {"stated", "inferred", "uncertain"}
SUBDIMENSIONS = {"egov_portal_access", "internet_access", "e_responsiveness"}
UNITS = {"percent", "count", "persons", "million_vnd_per_person"}
# PAPI dimension scores are published with four decimals.
SUM_TOLERANCE = 0.00005


def _number(c, tab, line, column, text, low=None, high=None, allow_empty=False):
    if text == "" and allow_empty:
        return None
    try:
        value = float(text)
    except ValueError:
        c.add(tab, line, column, f"{text!r} is not a plain number")
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        c.add(
            tab,
            line,
            column,
            f"{value:g} is out of range (expected {low:g}..{high:g})"
            if high is not None
            else f"{value:g} is out of range (expected >= {low:g})",
        )
    return value


def check(c, provinces: set[str], sources: dict, observations: dict) -> None:
    """Add every problem of the reference tier to checker `c`."""
    t = {name: c.read(FILES[name], COLUMNS[name].split()) for name in COLUMNS}
    for name, tab in t.items():
        if tab is None:
            continue
        if provinces:
            c.enum(tab, "province", provinces, f"provinces of {REF}regions.csv")
        c.foreign(tab, "source_id", set(sources), "data/sources.csv")
        if "confidence" in COLUMNS[name].split():
            c.enum(tab, "confidence", CONFIDENCE)
        if "period_basis" in COLUMNS[name].split():
            c.enum(tab, "period_basis", PERIOD_BASES)
    if t["dti_press_facts"]:
        _press(c, t["dti_press_facts"])
    if t["papi_egov_subdimensions"] and t["papi_egov_scores"]:
        _papi(c, t["papi_egov_subdimensions"], t["papi_egov_scores"])
    if t["population"]:
        c.unique(t["population"], "year", "province")
        for line, row in t["population"].rows:
            _number(
                c, t["population"], line, "average_population_thousand", row["average_population_thousand"], 1.0, None
            )
    if t["province_facts"]:
        _facts(c, t["province_facts"])
    facts = {row["fact_id"]: row for _, row in t["province_facts"].rows} if t["province_facts"] else {}
    population = {(row["province"], row["year"]) for _, row in t["population"].rows} if t["population"] else set()
    _rates(c, observations, facts, population)


def _press(c, tab) -> None:
    from helpers.data.numbers import implied_rank

    c.unique(tab, "fact_id")
    facts = {row["fact_id"]: row for _, row in tab.rows}
    for line, row in tab.rows:
        origin = row["derived_from"]
        if not origin:
            if row["formula"]:
                c.add(tab, line, "formula", "a formula needs the fact it is derived from in derived_from")
            continue
        if origin not in facts:
            c.add(tab, line, "derived_from", f"{origin!r} is not a fact_id of {tab.file}")
            continue
        source = facts[origin]
        implied = implied_rank(source["quote"], int(float(source["value"])))
        expected = (implied[0], implied[1]) if implied else None
        found = (int(row["assessment_year"]), int(float(row["value"])))
        if expected != found:
            c.add(
                tab,
                line,
                "value",
                f"{origin} implies {expected[1]} for {expected[0]}, found {found[1]} for {found[0]}"
                if expected
                else f"the quote of {origin} states no rank change to derive from",
            )


def _papi(c, subs, scores) -> None:
    c.unique(subs, "year", "province", "subdimension")
    c.unique(scores, "year", "province")
    c.enum(subs, "subdimension", SUBDIMENSIONS)
    c.enum(scores, "comparable", {"true", "false"})
    parts = defaultdict(list)
    for line, row in subs.rows:
        value = _number(c, subs, line, "score", row["score"], 0.0, 10.0, allow_empty=True)
        parts[(row["year"], row["province"])].append(value)
    by_year = defaultdict(list)
    for line, row in scores.rows:
        score = _number(c, scores, line, "score", row["score"], 0.0, 10.0, allow_empty=True)
        values = parts.get((row["year"], row["province"]))
        if values is None:
            c.add(scores, line, "province", f"no sub-dimension rows for {row['province']} {row['year']}")
        elif score is not None:
            if None in values:
                c.add(scores, line, "score", "a score where a sub-dimension has no value")
            elif abs(sum(values) - score) > SUM_TOLERANCE:
                c.add(
                    scores, line, "score", f"{score:g} disagrees with the sum of its sub-dimensions ({sum(values):.4f})"
                )
        elif values and None not in values:
            c.add(scores, line, "score", "empty, but every sub-dimension has a value")
        by_year[row["year"]].append((line, row, score))
    for year, rows in by_year.items():
        valued = [s for _, _, s in rows if s is not None]
        for line, row, score in rows:
            if score is None:
                if row["rank"] or row["n_ranked"]:
                    c.add(scores, line, "rank", "a rank without a score")
                continue
            rank = 1 + sum(other > score for other in valued)
            if row["rank"] != str(rank):
                c.add(
                    scores,
                    line,
                    "rank",
                    f"{row['rank']!r} is not the competition rank of {score:g} "
                    f"among {len(valued)} scores of {year} (expected {rank})",
                )
            if row["n_ranked"] != str(len(valued)):
                c.add(scores, line, "n_ranked", f"{row['n_ranked']!r}: {len(valued)} provinces have a {year} score")
            expected = "true" if int(year) >= 2020 else "false"
            if row["comparable"] != expected:
                c.add(scores, line, "comparable", f"expected {expected}: only 2020 onwards share one structure")


def _facts(c, tab) -> None:
    c.unique(tab, "fact_id")
    c.enum(tab, "unit", UNITS)
    c.enum(tab, "qualifier", {"exact", "approx", "at_least", "at_most"})
    for line, row in tab.rows:
        high = 100.0 if row["unit"] == "percent" else None
        _number(c, tab, line, "value", row["value"], 0.0, high)
        start = c.iso_date(tab, line, "period_start", row["period_start"])
        end = c.iso_date(tab, line, "period_end", row["period_end"])
        if start and end and start > end:
            c.add(tab, line, "period_end", f"period ends ({end}) before it starts ({start})")


def _rates(c, observations: dict, facts: dict, population: set) -> None:
    tab = c.read(RATES, RATE_COLUMNS)
    if tab is None:
        return
    c.unique(tab, "rate_id")
    c.enum(tab, "bound", {"", "upper_bound", "lower_bound"})
    for line, row in tab.rows:
        numerator = observations.get(row["numerator_obs"])
        if numerator is None and row["numerator_obs"] in c.unreadable_ids:
            continue  # its row in observations.csv is reported as unreadable
        if numerator is None:
            c.add(tab, line, "numerator_obs", f"{row['numerator_obs']!r} is not an obs_id of data/observations.csv")
            continue
        if not row["denominator_year"].isdigit():
            c.add(tab, line, "denominator_year", f"{row['denominator_year']!r}: expected the denominator's year")
            continue
        year = row["denominator_year"]
        if row["scale"] != "implied_total":
            _number(c, tab, line, "scale", row["scale"], 1.0, None)
        den = row["denominator"]
        if den == "average_population":
            if (numerator["province"], year) not in population:
                c.add(
                    tab,
                    line,
                    "denominator_year",
                    f"no average population of {numerator['province']} for {year} in {REF}population.csv",
                )
        elif den.startswith("obs:"):
            other = observations.get(den.removeprefix("obs:"))
            if other is None or other["source_id"] != numerator["source_id"]:
                c.add(tab, line, "denominator", f"{den!r}: expected an observation of the same source")
            elif other["period_end"][:4] != year:
                c.add(tab, line, "denominator_year", f"{den} refers to {other['period_end'][:4]}, not {year}")
            else:
                _denominator_named(c, tab, line, row, other["indicator_id"])
        elif den in facts:
            fact = facts[den]
            _denominator_named(c, tab, line, row, fact["measure"])
            if fact["province"] != numerator["province"]:
                c.add(
                    tab,
                    line,
                    "denominator",
                    f"{den} is about {fact['province']}, the numerator about {numerator['province']}",
                )
            if fact["period_end"][:4] != year:
                c.add(tab, line, "denominator_year", f"{den} refers to {fact['period_end'][:4]}, not {year}")
        else:
            c.add(
                tab,
                line,
                "denominator",
                f"{den!r}: expected average_population, obs:<obs_id> or a fact_id of {REF}province_facts.csv",
            )


def _denominator_named(c, tab, line: int, row: dict, label: str) -> None:
    """A share is worded "x% of <denominator>": its catalogue key is checked by the wording
    layer (helpers.text.wording_checks reads `c.wording`), which this layer cannot import."""
    if row["scale"] != "implied_total":
        c.wording.append((tab, line, "denominator", f"rates.of.{label}", f"the denominator {label!r} of a share"))


__all__ = ["check", "COLUMNS", "FILES", "RATES"]
