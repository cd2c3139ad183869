"""Population and province facts for data/reference/, built from the shared folder.

Part of the maintainers' reference build (`python -m helpers.reference.build`).
Denominators (GSO average population) become one tidy table; single facts
(census count, enterprise counts, GRDP per capita, digital-uptake shares)
become another, each with URL or repository copy, verbatim quote, qualifier,
an explicit period and confidence.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from helpers.data.numbers import find_numbers, hedge_qualifier
from helpers.reference.common import ReferenceBuildError

POPULATION_COLUMNS = ["source_id", "year", "province", "average_population_thousand", "confidence", "note"]
FACT_COLUMNS = [
    "fact_id",
    "province",
    "category",
    "measure",
    "value",
    "qualifier",
    "unit",
    "period_start",
    "period_end",
    "period_label",
    "period_basis",
    "source_id",
    "url",
    "quote",
    "confidence",
    "note",
]

# Shared `source` labels and URL fragments -> the project's source ids.
POPULATION_SOURCES = {
    "gso-2017-2019-average-population": "gso-population-2019",
    "gso-2020-average-population": "gso-population-2020",
}
FACT_SOURCES = (
    ("github:vantu-fit/FlowSight", "gso-pxweb-flowsight-2022"),
    ("khoahocchonhanong.com.vn", "press-khoahocchonhanong-hg-census"),
    ("ngoisao.vn", "press-ngoisao-hg-population-2023"),
    ("infonet.vietnamnet.vn", "press-infonet-hg-grdp-2022"),
    ("songoaivuen.tiengiang.gov.vn", "web-songoaivuen-tg-overview-2020"),
    ("huunghi.haugiang.gov.vn", "press-huunghi-hg-infrastructure"),
    ("vccinews.vn", "press-vccinews-tg-dx-2022"),
    ("lforum.biz", "press-lforum-tg-dx-2023"),
)

# Shared measure -> (project measure, category, unit). Units are the project's.
MEASURES = {
    "census_population": ("census_population", "population", "persons"),
    "average_population": ("average_population", "population", "persons"),
    "enterprises_operating_with_business_results_31Dec": ("enterprises_with_business_results", "enterprises", "count"),
    "enterprises_active_31Dec": ("enterprises_active", "enterprises", "count"),
    "enterprises_newly_registered": ("enterprises_newly_registered", "enterprises", "count"),
    "GRDP_per_capita_current_prices": ("grdp_per_capita", "economy", "million_vnd_per_person"),
    "adults_with_smartphone_share": ("adults_with_smartphone_share", "digital_uptake", "percent"),
    "households_with_smartphone_share": ("households_with_smartphone_share", "digital_uptake", "percent"),
    "households_with_fibre_broadband_share": ("households_with_fibre_broadband_share", "digital_uptake", "percent"),
    "app_Haugiang_downloads (numerator context)": ("app_downloads", "digital_uptake", "count"),
}

# Shared period wording -> (start, end, label). A stock share "as of" a date
# has start = end; a year-end estimate covers the year.
PERIODS = {
    "2019-04-01": ("2019-04-01", "2019-04-01", "Tổng điều tra 1/4/2019"),
    "2022": ("2022-01-01", "2022-12-31", "năm 2022"),
    "2023": ("2023-01-01", "2023-12-31", "năm 2023"),
    "2022 (est.)": ("2022-01-01", "2022-12-31", "năm 2022 (ước tính)"),
    "2020 (est.)": ("2020-01-01", "2020-12-31", "2020 (estimate)"),
    "mid-2023": ("2023-06-30", "2023-06-30", "6 tháng đầu năm 2023"),
    "mid-2023 (6 tháng đầu năm)": ("2023-06-30", "2023-06-30", "6 tháng đầu năm 2023"),
    "2022 (article 3/10/2022)": ("2022-10-03", "2022-10-03", "năm 2022 (bài ngày 3/10/2022)"),
    # The lforum page repeats Tiền Giang's figures of 3/10/2022 word for word and
    # is dated "11/1/2024" (day/month order unknown): its shares may date from
    # any time between those figures and the later reading, 1 November 2024.
    "late 2023": ("2022-10-03", "2024-11-01", "late 2023"),
}

# How a period was obtained: "stated" by the source, "inferred" by the project
# from the context (a dateline, "6 tháng đầu năm" recorded as of its last day),
# or "uncertain": a stock whose date lies somewhere in [start, end].
PERIOD_BASIS = {
    "mid-2023": "inferred",
    "mid-2023 (6 tháng đầu năm)": "inferred",
    "2022 (article 3/10/2022)": "inferred",
    "late 2023": "uncertain",
}
# A window of uncertain dating lowers the confidence of the value to this.
UNCERTAIN_CONFIDENCE = "low"

# Enterprise counts "tại thời điểm 31/12" are stocks at the year's end.
STOCKS_AT_YEAR_END = {"enterprises_active", "enterprises_with_business_results"}
# Both VCCI figures of 2022 are from one article: as of its date.
SOURCE_PERIODS = {"press-vccinews-tg-dx-2022": "2022 (article 3/10/2022)"}

# Where a fact's period rests on the note rather than the quote, say so.
PERIOD_NOTES = {
    "2022 (article 3/10/2022)": "period: as of the VCCI article of 3/10/2022",
    "2022": "period: year 2022 as given by the source",
    "mid-2023": "period: first half of 2023 as reported by the page; recorded as of 2023-06-30",
    "mid-2023 (6 tháng đầu năm)": "period: first half of 2023 as reported by the page; recorded as of 2023-06-30",
    "late 2023": (
        "period uncertain: the page says 'In late 2023' but repeats the figures of the VCCI article of "
        "3/10/2022 word for word (87.4% of households with a smartphone) and its own date 11/1/2024 may be "
        "11 January or 1 November 2024; recorded as a stock dated between 2022-10-03 and 2024-11-01, "
        "confidence lowered to low"
    ),
}

# English hedge words of the English-language pages (the Vietnamese ones are
# helpers.data.numbers.HEDGE_WORDS).
_EN_HEDGES = {"nearly": "approx", "about": "approx", "more than": "at_least", "over": "at_least"}


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ReferenceBuildError(f"missing shared table {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def population_rows(shared: Path, provinces: set[str]) -> list[list[object]]:
    out = []
    for line, row in enumerate(_read(shared / "population" / "province_population.csv"), start=2):
        if row["province"] not in provinces:
            raise ReferenceBuildError(
                f"province_population.csv:{line}: province {row['province']!r} is not one of the 63 official names"
            )
        if row["source"] not in POPULATION_SOURCES:
            raise ReferenceBuildError(f"province_population.csv:{line}: unknown source {row['source']!r}")
        value = float(row["average_population_thousand"])
        out.append(
            [
                POPULATION_SOURCES[row["source"]],
                int(row["year"]),
                row["province"],
                f"{value:.1f}",
                row["confidence"],
                row["series"],
            ]
        )
    return out


def _source(url: str) -> str:
    hits = [sid for fragment, sid in FACT_SOURCES if fragment in url]
    if len(hits) != 1:
        raise ReferenceBuildError(f"no single source id for {url!r} (matches: {hits})")
    return hits[0]


def _qualifier(quote: str, value: str, where: str) -> str:
    """The hedge word right before the value as written in the quote."""
    number = float(value)
    written = [m for m in find_numbers(quote) if abs(m.value - number) < 1e-9]
    for mention in written:
        if hedge_qualifier(quote[: mention.start]):
            return hedge_qualifier(quote[: mention.start])
    # English pages write 85.5 and 70; find the number and read the word before it.
    for match in re.finditer(r"\d+(?:\.\d+)?", quote):
        if abs(float(match.group()) - number) < 1e-9:
            before = quote[: match.start()].lower().split()
            for n in (2, 1):
                if " ".join(before[-n:]) in _EN_HEDGES:
                    return _EN_HEDGES[" ".join(before[-n:])]
            return "exact"
    if written:
        return "exact"
    raise ReferenceBuildError(f"{where}: value {value} is not written in the quote")


def fact_rows(shared: Path, provinces: set[str]) -> tuple[list[list[object]], list[list[object]]]:
    """(province facts, extra population rows for 2022 from the pipeline copy)."""
    facts, population = [], []
    files = ("province_context_facts.csv", "digital_uptake_press_facts.csv")
    for name in files:
        for line, row in enumerate(_read(shared / "population" / name), start=2):
            where = f"{name}:{line}"
            if row["province"] not in provinces:
                raise ReferenceBuildError(f"{where}: province {row['province']!r} is not one of the 63")
            source_id = _source(row["source_url"])
            period_key = SOURCE_PERIODS.get(source_id, row["year"])
            if row["measure"] not in MEASURES or period_key not in PERIODS:
                raise ReferenceBuildError(
                    f"{where}: no mapping for measure {row['measure']!r} / period {row['year']!r}"
                )
            measure, category, unit = MEASURES[row["measure"]]
            start, end, label = PERIODS[period_key]
            if measure in STOCKS_AT_YEAR_END:
                start = end = f"{end[:4]}-12-31"
                label = f"31/12/{end[:4]}"
            value = row["value"].lstrip("~")
            # Average population of a whole year from the GSO series is a denominator.
            if measure == "average_population" and row["unit"] == "thousand persons":
                population.append(
                    [
                        source_id,
                        int(row["year"]),
                        row["province"],
                        f"{float(value):.2f}",
                        row["confidence"],
                        row["note"],
                    ]
                )
                continue
            note = "; ".join(n for n in (row["note"], PERIOD_NOTES.get(period_key, "")) if n)
            facts.append(
                [
                    row["province"],
                    category,
                    measure,
                    value,
                    _qualifier(row["quote"], value, where),
                    unit,
                    start,
                    end,
                    label,
                    PERIOD_BASIS.get(period_key, "stated"),
                    source_id,
                    row["source_url"],
                    row["quote"],
                    UNCERTAIN_CONFIDENCE if PERIOD_BASIS.get(period_key) == "uncertain" else row["confidence"],
                    note,
                ]
            )
    facts.sort(key=lambda r: (r[0], r[1], r[2], r[6]))
    return [[f"ctx{i:02d}", *r] for i, r in enumerate(facts, start=1)], population


def outputs(shared: Path, provinces: set[str]) -> dict:
    """File name -> (header, rows) of the population and province-fact tables."""
    facts, extra = fact_rows(shared, provinces)
    population = sorted(population_rows(shared, provinces) + extra, key=lambda r: (r[1], r[2]))
    return {
        "population.csv": (POPULATION_COLUMNS, population),
        "province_facts.csv": (FACT_COLUMNS, facts),
    }
