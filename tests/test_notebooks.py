"""Every notebook runs through papermill with other parameters: Vietnamese with
the provinces reversed, one province without a curated article. Runs go to tmp dirs, never to
notebooks/ or figures/. (Bad values are refused before any kernel starts:
tests/test_runner.py.)"""

import html
import re
import unicodedata
from pathlib import Path

import nbformat
import pytest

from helpers.data import loading
from helpers.data.paths import FIGURES, NOTEBOOKS, ROOT
from helpers.run import runner as running
from helpers.text import glossary, markdown, notes

NOTEBOOKS_ALL = running.canonical_notebooks()
# Shared with other test files (conftest.py): every notebook in Vietnamese with the study's
# provinces reversed and a province without a curated article; the summary for two provinces
# without one. (A single province: tests/test_clients.py and the chart-rule tests; a bad
# value: tests/test_runner.py, without kernels.)
CASES = ["vietnamese", "without_articles"]
RUNS = [(case, nb) for case in CASES for nb in NOTEBOOKS_ALL if case == "vietnamese" or nb.stem.startswith("00_")]


def outputs_text(nb, skip=()) -> str:
    """Every text output of `nb`, but those of the cells whose code is in `skip`."""
    chunks = []
    for cell in nb.cells:
        if cell.source in skip:
            continue
        for out in cell.get("outputs", []):
            chunks.append(out.get("text", ""))
            chunks.extend(str(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(chunks)


@pytest.fixture(scope="module")
def runs(shared_runs):
    return {case: shared_runs.folder(case) for case in CASES}


@pytest.mark.parametrize(("case", "notebook"), RUNS, ids=[f"{c}-{nb.stem}" for c, nb in RUNS])
def test_notebook_runs_with_other_parameters(runs, shared_runs, case, notebook):
    nb = nbformat.read(runs[case] / notebook.name, as_version=4)
    assert nb.metadata["papermill"]["parameters"] == shared_runs.parameters(case)
    assert running.volatile_metadata(nb) == []
    # Warnings (a missing glyph, a pandas deprecation) reach the notebook as stderr.
    complaints = [
        o for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == "error" or o.get("name") == "stderr"
    ]
    assert complaints == []
    text = outputs_text(nb)
    assert "missing from font" not in text and "Glyph" not in text
    assert "Warning" not in text, "notebook printed a warning"


def figure_files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_figures_are_written_or_the_notebook_says_why_not(runs, shared_runs):
    """Without curated articles the official tables are still drawn; every figure
    left out is named by its notebook."""
    folder = runs["without_articles"]
    produced = figure_files(folder / "figures")
    prefixes = {nb.stem[:3] for nb in shared_runs.notebooks("without_articles")}
    canonical = [f for f in figure_files(FIGURES) if Path(f).name[:3] in prefixes]
    # the same figures and data files; one PNG per figure
    assert produced and {Path(p).with_suffix("") for p in produced} <= {Path(p).with_suffix("") for p in canonical}
    for name in sorted({Path(p).stem for p in canonical} - {Path(p).stem for p in produced}):
        notebook = next(folder.glob(f"{name[:2]}_*.ipynb"))
        text = outputs_text(nbformat.read(notebook, as_version=4))
        assert "No figure" in text or "nothing to compare" in text, name


# Thousands written the English way (1,860); quotes in the articles use 1.860.
ENGLISH_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")


def test_vietnamese_run_formats_the_numbers_it_computes_the_vietnamese_way(runs):
    english = "\n".join(outputs_text(nbformat.read(nb, as_version=4)) for nb in NOTEBOOKS_ALL)
    vietnamese = "\n".join(
        outputs_text(nbformat.read(runs["vietnamese"] / nb.name, as_version=4)) for nb in NOTEBOOKS_ALL
    )
    formatted = set(ENGLISH_THOUSANDS.findall(english))
    assert formatted, "the English notebooks show no thousands: nothing to compare"
    assert ENGLISH_THOUSANDS.findall(vietnamese) == []
    assert all(n.replace(",", ".") in vietnamese for n in formatted)


# ---------------------------------------------------------------- the Vietnamese rendition

# Common English words that are never Vietnamese words (no "to", "in", "no": they are).
ENGLISH_WORDS = {
    "the",
    "and",
    "of",
    "not",
    "with",
    "from",
    "for",
    "by",
    "is",
    "are",
    "was",
    "were",
    "this",
    "that",
    "which",
    "than",
    "between",
    "after",
    "before",
    "reported",
    "source",
    "sources",
    "period",
    "periods",
    "rank",
    "ranks",
    "province",
    "provinces",
    "official",
    "article",
    "articles",
    "press",
    "table",
    "value",
    "values",
    "year",
    "years",
    "label",
    "labelled",
    "calendar",
    "announced",
    "recorded",
    "unknown",
    "implied",
    "dataset",
    "note",
    "score",
    "reason",
    "excluded",
    "numbers",
    "tier",
    "ministry",
    "published",
    "outlet",
    # issue 20: what a reviewer found in the Vietnamese rendition
    "notebook",
    "notebooks",
    "app",
    "false",
    "true",
    "population",
    "ranking",
    "pipeline",
    "curator",
}
ENGLISH_WORD = re.compile(r"\b(?:" + "|".join(sorted(ENGLISH_WORDS)) + r")\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# What may stay as written: quotes, code, URLs («…», “…”, "…", '…', `…`, <…>) ...
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"|'[^'\n]*'|`[^`\n]*`|<[^>\n]*>|https?://\S+")
# ... and ids and file names: snake_case, paths, domains, slugs with two or more hyphens
# and a letter (an ISO date is no slug).
IDS = re.compile(r"[\w.\-/]*\w[_/][\w.\-/]*|\w+(?:\.\w+)+|\b(?=[\w-]*[^\W\d_])\w+(?:-\w+){2,}")
# Outputs of code written inside the notebooks (not in helpers), English until
# that code calls a helper that takes `lang`; keyed by the cell's exact code.
# None left: every table and every named frame a notebook shows goes through
# helpers.text.tables.show with the notebook's `lang` (labels for ids, headers and
# cells in the reader's language); the frames in the variables keep their ids.
ENGLISH_FROM_NOTEBOOK_CODE: dict[str, str] = {}


def english_left(text: str) -> list[str]:
    """English words and ISO dates in `text` outside quotes, code, URLs, ids and file names."""
    plain = IDS.sub(" ", QUOTED.sub(" ", text))
    return ENGLISH_WORD.findall(plain) + ISO_DATE.findall(plain)


def reader_texts(nb):
    """(cell index, text) of every markdown cell and every text output a reader reads."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            yield index, cell.source
        elif cell.source not in ENGLISH_FROM_NOTEBOOK_CODE:
            for out in cell.get("outputs", []):
                yield index, out.get("text", "")
                shown = ("text/markdown",) if "image/png" in out.get("data", {}) else ("text/plain", "text/markdown")
                yield from ((index, v) for k, v in out.get("data", {}).items() if k in shown)  # an image hides its text


def test_english_left_sees_english_but_not_quotes_ids_or_vietnamese():
    assert english_left("calendar: DTI 2021 was announced 2022-08-08") == ["calendar", "was", "announced", "2022-08-08"]
    assert (
        english_left(
            "«Xếp hạng DTI 2022 (ranking list)» `dti-2022-official` 2022-05-05_baohaugiang_x "
            "data/reference/ dti.gov.vn <https://the.example/of> 'the' \"rank\" press_reference"
        )
        == []
    )
    assert english_left("Hậu Giang xếp trên Tiền Giang trong mọi bảng DTI chính thức, tính đến 05/5/2022") == []


def vietnamese_folders(runs):
    """The shared run (provinces reversed, a third one) and the committed rendition, notebooks/vi/."""
    return [runs["vietnamese"], NOTEBOOKS_ALL[0].parent / "vi"]


def test_vietnamese_run_has_its_markdown_in_vietnamese(runs):
    catalogue = markdown.translations()
    for notebook, folder in ((nb, f) for nb in NOTEBOOKS_ALL for f in vietnamese_folders(runs)):
        english = markdown.markdown_cells(nbformat.read(notebook, as_version=4))
        vietnamese = markdown.markdown_cells(nbformat.read(folder / notebook.name, as_version=4))
        assert vietnamese == markdown.vietnamese(english), notebook.name
        assert vietnamese != [catalogue.get(text, text) for text in english] or "DTI" not in str(vietnamese)
        assert vietnamese != english, notebook.name


def test_vietnamese_run_leaves_no_english_word_or_iso_date(runs):
    left = []
    for notebook, folder in ((nb, f) for nb in NOTEBOOKS_ALL for f in vietnamese_folders(runs)):
        nb = nbformat.read(folder / notebook.name, as_version=4)
        for index, text in reader_texts(nb):
            left += [
                f"{folder.name}/{notebook.stem} cell {index}: {found} in {line.strip()[:100]!r}"
                for line in text.splitlines()
                if (found := english_left(line))
            ]
    assert left == [], "English left in the lang='vi' run:\n" + "\n".join(left)


def test_every_english_exception_is_still_a_notebook_cell():
    cells = {c.source for nb in NOTEBOOKS_ALL for c in nbformat.read(nb, as_version=4).cells}
    assert set(ENGLISH_FROM_NOTEBOOK_CODE) <= cells, set(ENGLISH_FROM_NOTEBOOK_CODE) - cells


# ------------------------------------------------- the Vietnamese rendition: terms, notes, tables


def vietnamese_texts(runs):
    for notebook, folder in ((nb, f) for nb in NOTEBOOKS_ALL for f in vietnamese_folders(runs)):
        nb = nbformat.read(folder / notebook.name, as_version=4)
        yield notebook, [text for _, text in reader_texts(nb)]


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def quoted_words():
    """The articles' own words (raw texts and every curated quote), where a variant may stand as written."""
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "data/raw/articles").glob("*.txt")]
    for name in ("observations", "milestones", "dti_press_facts", "papi_press_facts", "province_facts", "legal_facts"):
        texts += [q for q in loading.load(name)["quote"].astype(str)]
    return _plain("\n".join(texts))


def test_vietnamese_run_uses_only_the_glossarys_forms(runs):
    """Outside the articles' own words (a quote in a table cell: the word before, the variant and
    the word after are found in an article), every term is the glossary's."""
    quoted = quoted_words()
    found = []
    for notebook, texts in vietnamese_texts(runs):
        for line in (line for text in texts for line in text.splitlines()):
            for start, end, variant in glossary.variant_spans(line):
                before = line[:start].split()[-1:]
                after = line[end:].split()[:1]
                if _plain(" ".join([*before, line[start:end].strip(), *after])) not in quoted:
                    found.append(f"{notebook.stem}: {variant} in {line.strip()[:100]!r}")
    assert found == [], "\n".join(found)


def test_vietnamese_run_spells_each_short_form_out_before_its_first_use(runs):
    late = []
    for notebook, texts in vietnamese_texts(runs):
        text = "\n".join(texts)
        # headings may use a short form, as official report titles do
        plain = glossary.QUOTED.sub(" ", re.sub(r"(?m)^#+ .*$", " ", text))
        for term in (t for t in glossary.terms() if t.short_vi):
            first = re.search(rf"(?<![\w-]){re.escape(term.short_vi)}(?![\w-])", plain)
            full = plain.casefold().find(term.term_vi.casefold())
            if first and not 0 <= full <= first.start() + len(term.short_vi) + 3:  # "DTI – Chỉ số …"
                late.append(f"{notebook.stem}: {term.short_vi} before {term.term_vi!r}")
    assert late == []


def test_vietnamese_run_shows_the_vietnamese_notes_and_no_id_headers_or_codes(runs):
    english = "\n".join(outputs_text(nbformat.read(nb, as_version=4)) for nb in NOTEBOOKS_ALL)
    vietnamese = "\n".join(
        outputs_text(nbformat.read(runs["vietnamese"] / nb.name, as_version=4), skip=ENGLISH_FROM_NOTEBOOK_CODE)
        for nb in NOTEBOOKS_ALL
    )
    shown = [(key, text) for key, text in notes.texts().items() if key[0] != "sources"]
    observations = loading.load("observations").set_index("obs_id")["note"]
    in_english = [(key, text) for key, text in shown if key[0] == "observations" and observations[key[1]] in english]
    assert in_english, "the English notebooks show no curator's note: nothing to compare"
    assert [key for key, text in in_english if text not in vietnamese] == []
    for source_id in (k[1] for k in notes.texts() if k[0] == "sources"):
        english_title = loading.load("sources").set_index("source_id").loc[source_id, "title"]
        assert english_title not in vietnamese, f"English title of {source_id} in the Vietnamese run"
    codes = set(loading.load("indicators")["indicator_id"]) | {"obs_id", "source_id", "indicator_id", "fact_id"}
    plain = glossary.QUOTED.sub(" ", vietnamese)
    assert sorted({c for c in codes if re.search(rf"(?<![\w/.]){c}(?![\w/.])", plain)}) == []


# Codes of the data a frame may hold (units, kinds of row, reasons) that are English words.
CODE_WORDS = {"count", "percent", "month", "number", "time", "fraction", "pair", "ratio", "irregular"}
CELL = re.compile(r"<td>(.*?)</td>", re.S)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def displayed_cells(nb, headers: bool = False):
    """(cell index, text) of every cell of every table a notebook displays (its HTML tables);
    with `headers`, (cell index, column header, text)."""
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            table = str(out.get("data", {}).get("text/html", ""))
            head = [_text(th) for th in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", table.split("</thead>")[0], re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("</thead>")[-1], re.S):
                for column, td in enumerate(CELL.findall(row)):
                    name = head[column] if column < len(head) else ""
                    yield (index, name, _text(td)) if headers else (index, _text(td))


def code_cells(nb) -> list[str]:
    """Cells shown as a bare lower-case code (dti_score, rank_of_63) or an English word (count)."""
    return [
        f"cell {index}: {text!r}"
        for index, text in displayed_cells(nb)
        if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", text) or text in CODE_WORDS | ENGLISH_WORDS
    ]


def test_code_cells_finds_codes_and_english_words_but_not_vietnamese_words():
    nb = nbformat.v4.new_notebook()
    cells = "<td>dti_score</td><td>count</td><td>rank_of_63</td><td>hạng trên 63</td><td>PAPI</td><td>0,6342</td>"
    table = f"<table><thead><tr><th>chỉ số</th></tr></thead><tbody><tr>{cells}</tr></tbody></table>"
    nb.cells = [nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", {"text/html": table})])]
    assert code_cells(nb) == ["cell 0: 'dti_score'", "cell 0: 'count'", "cell 0: 'rank_of_63'"]


# A number the English way in a Vietnamese cell: a decimal point (0.6342), a trailing .0 (17.0), a
# hyphen-minus; not the Vietnamese thousands (1.860, 170.247) nor a year with a dot (2.022).
ENGLISH_NUMBER = re.compile(r"(?!\d{1,3}(?:\.\d{3})+$)-?\d+\.\d+|-\d.*")
# A year in a column of years ("năm", "năm đánh giá") is written 2022, never 2.022.
DOTTED_YEAR = re.compile(r"(?:1\.9|2\.0)\d\d")


def test_vietnamese_tables_show_words_for_codes_and_numbers_the_vietnamese_way(runs):
    """Every displayed table of the Vietnamese run and of notebooks/vi/: no cell is a code of the
    data or an English word, and no cell that is a number is written the English way (cells of
    quotes and file names keep their own text)."""
    found = []
    for notebook, folder in ((nb, f) for nb in NOTEBOOKS_ALL for f in vietnamese_folders(runs)):
        nb = nbformat.read(folder / notebook.name, as_version=4)
        found += [f"{folder.name}/{notebook.stem} {c}" for c in code_cells(nb)]
        found += [
            f"{folder.name}/{notebook.stem} cell {index}, {header}: {text!r}"
            for index, header, text in displayed_cells(nb, headers=True)
            if ENGLISH_NUMBER.fullmatch(text) or (re.search(r"\bnăm\b", header) and DOTTED_YEAR.fullmatch(text))
        ]
    assert found == [], "\n".join(found)
