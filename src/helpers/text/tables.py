"""Display tables of notebooks 02–04 (curated rows with their quotes, values reported at
several dates, derived numbers with formulas) and `show`, the one way every notebook
displays a frame or a table, through one `for_reader` (labels for ids, the reader's language)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from helpers.analysis import comparison, scope
from helpers.analysis.evidence import excerpt, own_words, results
from helpers.data import loading
from helpers.data.periods import Period
from helpers.text.catalogue import CATALOGUES, say
from helpers.text.citations import citation
from helpers.text.formats import (
    QUALIFIER_MARK,
    cell_number_text,
    date_text,
    dated_text,
    indicator_label,
    number_text,
    number_text_full,
    period_text,
)
from helpers.text.notes import notes
from helpers.text.phrases import label, value, worded_derived


def derived_table(notebook: str, provinces: list[str], lang: str) -> pd.DataFrame:
    """Numbers computed from two curated numbers of the same source, each with its
    formula (numbers in `lang`), the obs_ids used and a caveat."""
    columns = {
        "province": say("topics.province", lang),
        "quantity": say("topics.quantity", lang),
        "value": say("topics.value", lang),
        "formula": say("topics.formula", lang),
        "inputs": say("topics.inputs", lang),
        "caveat": say("topics.caveat", lang),
    }
    rows = worded_derived(notebook, provinces, lang)
    table = pd.DataFrame(rows, columns=list(columns))
    table["inputs"] = [input_labels(i.split(", "), lang) for i in table["inputs"]]
    return table.rename(columns=columns)


def input_labels(ids: list[str], lang: str) -> str:
    """Curated numbers named by what they count and where they were published, not by their
    ids ("Online public services (baohaugiang.com.vn, 05/5/2022)"; ids stay in the CSVs and
    the appendix); a text that is no id stays as it is."""
    obs = loading.load("observations").set_index("obs_id")
    facts = loading.load("province_facts").set_index("fact_id")
    named = []
    for i in ids:
        if i in obs.index:
            named.append(f"{label(obs.loc[i, 'indicator_id'], lang)} ({citation(obs.loc[i, 'source_id'], lang)})")
        elif i in facts.index:
            named.append(f"{say('rates.input.fact_source', lang)} ({citation(facts.loc[i, 'source_id'], lang)})")
        else:
            named.append(i)
    return "; ".join(named)


def evidence_table(observations: pd.DataFrame, lang: str, themes: list[str] | None = None) -> pd.DataFrame:
    """The curated rows of `observations` (a notebook's observation frame, possibly narrowed:
    its obs_id), with the article's own words and source (outlet and date).
    The curator's note is shown in the reader's language (helpers.text.notes)."""
    res = comparison.results().set_index("obs_id", drop=False).loc[list(observations["obs_id"])]
    if themes is not None:
        res = res[res["theme"].isin(themes)]
    table = pd.DataFrame(
        {
            say("topics.province", lang): res["province"],
            say("topics.indicator", lang): [indicator_label(r, lang) for _, r in res.iterrows()],
            say("topics.value", lang): [value(r, lang) for r in res.itertuples()],
            say("topics.period", lang): [dated_text(p, b, lang) for p, b in zip(res["period"], res["period_basis"])],
            say("topics.quote_vietnamese_excerpt", lang): [excerpt(r.quote, r.value) for r in res.itertuples()],
            say("topics.source", lang): [citation(s, lang) for s in res["source_id"]],
        }
    )
    table[say("notes.curator", lang)] = notes("observations", res["obs_id"], res["note"], lang)
    return table.reset_index(drop=True)


def revisions_table(notebook: str, provinces: list[str], lang: str) -> pd.DataFrame:
    """Every value of an indicator a province reported at more than one date
    (helpers.analysis.comparison.revisions), with the article's own words: both shown, never one."""
    revised = comparison.revisions(provinces)
    revised = revised[revised["indicator_id"].isin(scope.indicators(notebook))]
    res = results(notebook, provinces)
    if revised.empty:
        return pd.DataFrame()
    keys = set(zip(revised["province"], revised["indicator_id"]))
    rows = res[[k in keys for k in zip(res["province"], res["indicator_id"])]]
    return pd.DataFrame(
        {
            say("topics.province", lang): rows["province"],
            say("topics.indicator", lang): [label(i, lang) for i in rows["indicator_id"]],
            say("topics.value", lang): [value(r, lang) for r in rows.itertuples()],
            say("topics.period", lang): [dated_text(p, b, lang) for p, b in zip(rows["period"], rows["period_basis"])],
            say("topics.article_words", lang): [own_words(r.quote, r.value) or r.quote for r in rows.itertuples()],
            say("topics.source", lang): [citation(s, lang) for s in rows["source_id"]],
        }
    ).reset_index(drop=True)


def show(table: pd.DataFrame, lang: str, rows: int | None = None) -> None:
    """The one way a notebook displays a frame or table: as a reader reads it (for_reader:
    labels, not ids; headers and cells in `lang`), without the pandas index and with its
    text columns in full (quotes, notes, formulas): HTML for JupyterLab and GitHub, plain
    text beside it (what strict nbval compares). `rows`: a long frame shows its first and
    last rows and how many there are (all rows with None); an empty one, a one-line note
    (e.g. for a single province). The frame in the notebook's variable keeps its ids."""
    from IPython.display import Markdown, display

    if not len(table):
        display(Markdown(say("topics.nothing_to_show_for_selected", lang)))
        return
    shown = for_reader(table, lang)
    with pd.option_context("display.max_colwidth", None):
        bundle = {
            "text/html": shown.to_html(index=False, na_rep="", border=0, max_rows=rows),
            "text/plain": shown.to_string(index=False, na_rep="", max_rows=rows),
        }
    display(bundle, raw=True)


ID_COLUMNS = ("obs_id", "source_id", "indicator_id", "fact_id", "rate_id")
# Ids without a label a reader could use; they stay in the appendix (06) and the CSVs.
DROPPED_IDS = ("obs_id", "fact_id", "rate_id", "id_a", "id_b")
# Language-neutral tuples a table words elsewhere (the scorecard's caveat column).
DROPPED_FIELDS = ("doubts",)
# Cells a Vietnamese reader reads in words: catalogue key prefix per column.
WORDED = {
    "tier": "tier",
    "tier_a": "tier",
    "tier_b": "tier",
    "status": "corpus.status",
    "agreement": "status",
    "reason": "exclusion",
    "theme": "theme",
    "topic": "summary.topic",
    "confidence": "confidence",
    "verdict": "frames.verdict",
    "rule": "frames.rule",
    "role": "frames.role",
    **{c: "frames.qualifier" for c in ("qualifier", "qualifier_a", "qualifier_b")},
    **{c: "frames.basis" for c in ("basis", "basis_a", "basis_b", "period_basis")},
}


def for_reader(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A frame or table as a reader sees it: indicator and measure ids as their names, source
    ids as outlet and date (helpers.text.citations), ids without a label and the other
    language's columns left out, periods and dates as text (ISO in English, as the CSVs);
    in Vietnamese yes/no, tiers, statuses, reasons, themes and topics in words. Headers from
    the catalogue: columns.<id> for id columns, frames.col.<name> for the others."""
    other = "_vi" if lang == "en" else "_en"
    dropped = [c for c in table.columns if c in DROPPED_IDS + DROPPED_FIELDS or str(c).endswith(other)]
    table = table.drop(columns=dropped)
    known = set(loading.load("sources")["source_id"])
    for column in table.columns:
        values = table[column].dropna()
        if len(values) and values.map(lambda v: isinstance(v, str) and v in known).all():
            table[column] = [citation(v, lang) if isinstance(v, str) else v for v in table[column]]
        else:  # a column whose cells stay as they are keeps its type (numbers aligned, no <NA>)
            values = list(table[column])
            cells = [_reader_cell(v, column, lang) for v in values]
            if any(c is not v for c, v in zip(cells, values)):
                table[column] = cells
            elif pd.api.types.is_extension_array_dtype(table[column]) and table[column].isna().any():
                table[column] = (
                    table[column].astype(object).where(table[column].notna(), float("nan"))
                )  # blank, not <NA>
    names = {c: say(f"columns.{c}", lang) for c in ID_COLUMNS if c in table.columns}
    names |= {
        c: say(f"frames.col.{c}", lang)
        for c in table.columns
        if c not in ID_COLUMNS and f"frames.col.{c}" in CATALOGUES[lang]
    }
    return table.rename(columns=names)


def _reader_cell(value, column: str, lang: str):
    """A cell as a reader reads it (see for_reader); in English a number or a text stays as it is."""
    from helpers.text.society_tables import measure_label

    if isinstance(value, tuple):
        return "; ".join(str(_reader_cell(v, column, lang)) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if lang == "en" else date_text(value, lang)
    if isinstance(value, Period):
        return str(value) if lang == "en" else period_text(value, lang)
    if isinstance(value, bool | np.bool_):
        return value if lang == "en" else say(f"frames.{'yes' if value else 'no'}", lang)
    if isinstance(value, int | float | np.number):
        return value if lang == "en" or pd.isna(value) else _number_cell(value, column, lang)
    if not isinstance(value, str) or not value:
        return value
    if column == "indicator_id" and value in set(loading.load("indicators")["indicator_id"]):
        return label(value, lang)
    if column in ("indicator_id", "measure", "measure_b") and measure_label(value, lang) != value:
        return measure_label(value, lang)  # a fact measure, a scorecard row's measure
    keys = [f"{WORDED.get(column)}.{v}" for v in value.split("+")]
    if lang != "en" and column in WORDED and all(k in CATALOGUES[lang] for k in keys):
        return " + ".join(say(k, lang) for k in keys)
    return value if lang == "en" else _code_words(value, column, lang)


def _number_cell(value, column: str, lang: str) -> str:
    """A number in the reader's format (helpers.text.formats.cell_number_text); a year as written
    (2022, in a column named for years: "year", "assessment_year", "năm khảo sát")."""
    if YEAR_COLUMN.search(str(column)) and float(value).is_integer() and 1900 <= value <= 2100:
        return str(int(value))
    return cell_number_text(value, lang)


YEAR_COLUMN = re.compile(r"year|\bnăm\b", re.IGNORECASE)


def _code_words(code: str, column: str, lang: str) -> str:
    """A code of the data shown in a cell (a unit, a kind of row, a reason, a measure) in words:
    the catalogue's frames.value.<column>.<code> (A/B columns share their column's keys); a
    number inside the code is {n} ("rank_of_63": frames.value.unit.rank_of_n, "hạng trên 63")."""
    from helpers.analysis.society_pairs import MAX_PERIOD_GAP_MONTHS

    number = re.search(r"(?<![^_])\d+(?![^_])", code)
    generic = code[: number.start()] + "n" + code[number.end() :] if number else code
    for name in dict.fromkeys((str(column), re.sub(r"_[ab]$", "", str(column)))):
        for key in (f"frames.value.{name}.{code}", f"frames.value.{name}.{generic}"):
            if key in CATALOGUES[lang]:
                return say(key, lang, n=number.group(0) if number else "", limit=MAX_PERIOD_GAP_MONTHS)
    return code


def rates_table(notebook: str, provinces: list[str], lang: str) -> pd.DataFrame:
    """Curated rates (helpers.analysis.rates) of the notebook's indicators: value with its
    bound, formula, and the years of numerator and denominator."""
    from helpers.analysis import rates

    found = rates.rates(provinces)
    found = found[found["indicator_id"].isin(scope.indicators(notebook))]
    if found.empty:
        return pd.DataFrame()
    table = pd.DataFrame(
        {
            say("topics.province", lang): found["province"],
            say("topics.indicator", lang): [label(i, lang) for i in found["indicator_id"]],
            say("rates.col.rate", lang): [_rate_text(r, lang) for r in found.itertuples()],
            say("topics.formula", lang): [_formula_text(r, lang) for r in found.itertuples()],
            say("rates.col.years", lang): [
                f"{n.year} / {d}" for n, d in zip(found["numerator_period_end"], found["denominator_year"])
            ],
            say("topics.inputs", lang): [_inputs_text(r, lang) for r in found.itertuples()],
        }
    )
    table[say("topics.caveat", lang)] = notes("rate_definitions", found["rate_id"], found["note"], lang)
    return table.reset_index(drop=True)


def _inputs_text(r, lang: str) -> str:
    """The inputs of a rate: its curated number, named (input_labels), and its denominator in words
    ("average population Hậu Giang 2022", "dân số trung bình Hậu Giang năm 2022")."""
    numerator = r.inputs.split(", ", 1)[0]
    numerator = input_labels([numerator], lang)
    if r.denominator_label == "average_population":
        words = say("rates.input.population", lang, province=r.province, year=r.denominator_year)
    else:
        key = f"rates.of.{r.denominator_label}"
        what = say(key, lang) if key in CATALOGUES[lang] else label(r.denominator_label, lang)
        words = say("rates.input.fact", lang, what=what, province=r.province, year=r.denominator_year)
    return f"{numerator}; {words}"


def _formula_text(r, lang: str) -> str:
    """helpers.analysis.rates' formula with its numbers in the reader's format (369.000 / 729.470 × 1.000)."""
    if lang == "en":
        return r.formula
    n, d = number_text_full(r.numerator, lang), number_text_full(r.denominator, lang)
    if r.scale == "implied_total":
        return f"{n} / ({d} / 100)"
    return f"{n} / {d} × {number_text_full(float(r.scale), lang)}"


def _rate_text(r, lang: str) -> str:
    """ "≥505.8 per 1,000 residents", "≥34.8% of active enterprises (… upper bound of uptake)"."""
    if r.scale == "implied_total":
        return QUALIFIER_MARK[r.qualifier] + number_text(r.value, lang)
    # the numerator's "≥" stays ("hơn 1.923"); an upper bound of uptake is said in words
    number = QUALIFIER_MARK[r.qualifier] + number_text(r.value, lang, decimals=1)
    if r.denominator_label == "average_population":
        text = say("rates.per", lang, value=number, scale=number_text(float(r.scale), lang))
    else:
        text = say("rates.share_of", lang, value=number, of=say(f"rates.of.{r.denominator_label}", lang))
    return text + (say("rates.upper_bound", lang) if r.bound == "upper_bound" else "")
