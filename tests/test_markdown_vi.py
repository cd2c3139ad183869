"""The Vietnamese markdown catalogue (src/helpers/wording/markdown_vi.yaml)
covers every markdown cell of the notebooks and nothing else. (That a
lang="vi" run substitutes it is checked on the real run in test_notebooks.py.)"""

import copy
import re

import nbformat
import pytest

from helpers import running
from helpers.wording import en, glossary, markdown

NOTEBOOKS = {p.name: nbformat.read(p, as_version=4) for p in running.canonical_notebooks()}


def test_every_markdown_cell_has_a_vietnamese_translation():
    missing = markdown.untranslated(NOTEBOOKS)
    assert missing == [], "markdown cells with no entry in src/helpers/wording/markdown_vi.yaml:\n" + "\n".join(
        f"  {name}: {text!r}" for name, text in missing
    )


def test_every_catalogue_entry_matches_a_markdown_cell():
    stale = markdown.unused(NOTEBOOKS)
    assert stale == [], (
        "entries of src/helpers/wording/markdown_vi.yaml that match no markdown cell "
        "(cell edited or removed?):\n" + "\n".join(f"  {text!r}" for text in stale)
    )


def test_translate_replaces_markdown_only_and_only_in_vietnamese():
    nb = NOTEBOOKS[next(iter(NOTEBOOKS))]
    vi = markdown.translate(copy.deepcopy(nb), "vi")
    en = markdown.translate(copy.deepcopy(nb), "en")
    assert en == nb
    catalogue = markdown.translations()
    first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown")
    for index, (before, after) in enumerate(zip(nb.cells, vi.cells)):
        expected = catalogue[before.source] if before.cell_type == "markdown" else before.source
        if index == first:  # the glossary's abbreviations under the title (helpers.wording.glossary)
            title, newline, rest = expected.partition("\n")
            expected = f"{title}\n\n{glossary.abbreviations()}{newline}{rest}"
        assert after.source == expected
    assert markdown.markdown_cells(vi) != markdown.markdown_cells(nb)


def test_an_untranslated_cell_is_named_with_its_notebook():
    name, nb = next(iter(NOTEBOOKS.items()))
    nb = copy.deepcopy(nb)
    nb.cells.append(nbformat.v4.new_markdown_cell("## A new cell nobody translated yet"))
    assert markdown.untranslated({name: nb}) == [(name, "## A new cell nobody translated yet")]


@pytest.mark.parametrize(
    "text, message",
    [
        ("- en: only English\n", "entry 1: expected exactly the keys 'en' and 'vi'"),
        ("- en: a\n  vi: b\n- en: a\n  vi: c\n", "entry 2: the English text 'a' is already translated"),
        ("- en: a\n  vi: ''\n", "entry 1: 'en' and 'vi' must be non-empty"),
        ("en: a\n", "expected a list of entries"),
    ],
)
def test_a_malformed_catalogue_is_refused_naming_the_entry(tmp_path, text, message):
    path = tmp_path / "markdown_vi.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        markdown.translations(path)


# A count of articles typed into prose goes stale when an article is added (README,
# "Adding an article"): counts are computed (helpers.corpus.summary). Checked on the
# English texts, which the Vietnamese ones translate ("one" also means "an").
COUNTED_ARTICLES = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:of\s+the\s+\w+\s+)?(?:curated\s+|source\s+)?articles\b",
    re.IGNORECASE,
)


def test_no_prose_states_how_many_articles_there_are():
    texts = [(name, cell) for name, nb in NOTEBOOKS.items() for cell in markdown.markdown_cells(nb)]
    texts += [("en.py", text) for text in en.MESSAGES.values()]
    found = [(name, m.group(0)) for name, text in texts for m in COUNTED_ARTICLES.finditer(text)]
    assert found == []
    assert COUNTED_ARTICLES.search("Four of the five articles") and not COUNTED_ARTICLES.search("the {n} articles")
