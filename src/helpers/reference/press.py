"""DTI facts from press pages for data/reference/dti_press_facts.csv.

Part of the maintainers' reference build (`python -m helpers.reference.build`).
Stated facts keep their verbatim quote; a rank stated with its change implies
last year's rank, recorded as a derived fact (`derived_from`, `formula`).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from helpers.data.numbers import implied_rank
from helpers.reference.common import ReferenceBuildError

# Press pages are identified by a fragment of their URL; ids are fixed and
# must exist in data/sources.csv with the same URL.
PRESS_SOURCES = (
    ("vietnamnet.vn/", "2183202", "press-vietnamnet-tg-dti2022"),
    ("baoapbac.vn/", "964811", "press-baoapbac-tg-digital-economy"),
    ("huggingface.co/", "", "press-hf-vn-dti-provincial"),
    ("dti.gov.vn/", "xep-hang-2022", "press-dtigov-ranking-2022"),
    ("huunghi.haugiang.gov.vn/", "", "press-huunghi-hg-infrastructure"),
    ("vietbao.vn/", "", "press-vietbao-hg-dti"),
    ("baoapbac.vn/", "898330", "press-baoapbac-tg-papi2019"),
    ("baoapbac.vn/", "1007003", "press-baoapbac-tg-papi2023"),
    ("sggpnews.org.vn/", "95375", "press-sggp-dti2020-top10"),
    ("dantri.com.vn/", "20251021181803153", "press-dantri-dti2024-34"),
)

# Shared indicator name -> (indicator_id, value override, qualifier, note).
INDICATORS = {
    "dti_rank_overall": ("dti_rank_overall", None, "exact", ""),
    "dti_rank_mekong_delta": ("dti_rank_mekong_delta", None, "exact", ""),
    "dti_rank_digital_government": ("dti_rank_digital_government", None, "exact", ""),
    "dti_rank_digital_economy": ("dti_rank_digital_economy", None, "exact", ""),
    "dti_rank_digital_society": ("dti_rank_digital_society", None, "exact", ""),
    # The shared row is a flag ("1" = yes); the fact is "rank 10 or better".
    "dti_top10_digital_infrastructure": (
        "dti_rank_digital_infrastructure",
        "10",
        "at_most",
        "the source says 'in the top 10'; recorded as rank at most 10",
    ),
}

# Facts found after the first build (press_additions/dti_press_additions.csv).
# An addition with the URL, province and indicator of a base row is that
# row's full sentence and replaces it in place (its id is kept); the others
# are appended after the base rows. A row without a province (how the
# 34-province table was computed) is not a DTI fact: helpers.reference.merger
# reads it.
ADDITIONS = Path("press_additions") / "dti_press_additions.csv"

# A score stated next to a rank in the same quote, e.g. "đạt 0,4856".
_STATED_SCORE = re.compile(r"đạt\s+(\d+,\d+)")
SCORE_INDICATOR = {"dti_rank_digital_economy": "dti_score_digital_economy"}

PRESS_COLUMNS = [
    "fact_id",
    "province",
    "indicator_id",
    "value",
    "qualifier",
    "assessment_year",
    "source_id",
    "url",
    "quote",
    "confidence",
    "note",
    "derived_from",
    "formula",
]


def read_sources(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["source_id"]: row for row in csv.DictReader(handle)}


def press_source_id(url: str, sources: dict[str, dict[str, str]]) -> str:
    """The fixed source id of a press page, checked against data/sources.csv."""
    hits = [sid for host, fragment, sid in PRESS_SOURCES if host in url and fragment in url]
    if len(hits) != 1:
        raise ReferenceBuildError(f"no single press source id for URL {url} (matches: {hits})")
    source_id = hits[0]
    if source_id not in sources:
        raise ReferenceBuildError(f"source id {source_id} is not in data/sources.csv")
    if sources[source_id]["url"] != url:
        raise ReferenceBuildError(f"{source_id}: URL in data/sources.csv differs from the press fact URL {url}")
    return source_id


def _read_facts(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ReferenceBuildError(f"missing press facts file {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def merged_facts(path: Path, additions: Path | None = None) -> list[dict[str, str]]:
    """The base press facts with the additions applied (see ADDITIONS); rows without
    a province are left out. Deterministic: base order, then additions in file order."""
    facts = [dict(f, note="") for f in _read_facts(path)]
    if additions is None:
        return facts
    for extra in _read_facts(additions):
        if not extra["province"]:
            continue
        key = (extra["source_url"], extra["province"], extra["indicator"])
        same = [i for i, f in enumerate(facts) if (f["source_url"], f["province"], f["indicator"]) == key]
        if len(same) > 1:
            raise ReferenceBuildError(f"{additions.name}: {key} matches {len(same)} base rows, expected at most one")
        if same:
            facts[same[0]] = extra
        else:
            facts.append(extra)
    return facts


def press_rows(path: Path, sources: dict[str, dict[str, str]], additions: Path | None = None) -> list[list[object]]:
    facts = merged_facts(path, additions)
    out: list[list[object]] = []

    def add(
        fact: dict,
        indicator_id: str,
        value: str,
        qualifier: str,
        year: int,
        quote: str,
        confidence: str,
        note: str,
        derived_from: str = "",
        formula: str = "",
    ) -> str:
        fact_id = f"pf{len(out) + 1:02d}"
        out.append(
            [
                fact_id,
                fact["province"],
                indicator_id,
                value,
                qualifier,
                year,
                press_source_id(fact["source_url"], sources),
                fact["source_url"],
                quote,
                confidence,
                note,
                derived_from,
                formula,
            ]
        )
        return fact_id

    stated = []
    for fact in facts:
        name = fact["indicator"]
        if name not in INDICATORS:
            raise ReferenceBuildError(f"unknown press indicator {name!r}")
        indicator_id, value, qualifier, note = INDICATORS[name]
        value = value or fact["value"]
        year, quote = int(fact["assessment_year"]), fact["quote"]
        note = fact.get("note") or note
        fact_id = add(fact, indicator_id, value, qualifier, year, quote, fact["confidence"], note)
        stated.append((fact_id, fact, indicator_id, value, qualifier, quote))
        # A score quoted beside the rank is a second fact from the same sentence.
        score = _STATED_SCORE.search(quote)
        if score and name in SCORE_INDICATOR:
            add(
                fact,
                SCORE_INDICATOR[name],
                score.group(1).replace(",", "."),
                "exact",
                year,
                quote,
                fact["confidence"],
                f"score stated in the same quote ({score.group(1)})",
            )
    # Implied ranks come after every stated fact, so stated ids never move. An
    # implied rank the same page also states ("(xếp hạng 23)") is that stated fact.
    said = {(f[1], f[2], f[3], int(f[5]), f[6]) for f in out}
    for fact_id, fact, indicator_id, value, qualifier, quote in stated:
        implied = implied_rank(quote, int(float(value))) if qualifier == "exact" else None
        if implied:
            year, previous, formula = implied
            source_id = press_source_id(fact["source_url"], sources)
            if (fact["province"], indicator_id, str(previous), year, source_id) in said:
                continue
            add(
                fact,
                indicator_id,
                str(previous),
                "exact",
                year,
                quote,
                fact["confidence"],
                "implied by the stated rank and its change; not stated in the source",
                derived_from=fact_id,
                formula=formula,
            )
    return out
