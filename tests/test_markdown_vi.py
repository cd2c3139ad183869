"""The Vietnamese markdown catalogue (src/helpers/text/markdown_vi.yaml)
covers every markdown cell of the notebooks and nothing else. (That a
lang="vi" run substitutes it is checked on the real run in test_notebooks.py.)"""

import copy
import re

import nbformat
import pandas as pd
import pytest

from helpers.data.paths import ROOT
from helpers.run import runner as running
from helpers.text import glossary, markdown
from helpers.text.catalogue import CATALOGUES, file_of

NOTEBOOKS = {p.name: nbformat.read(p, as_version=4) for p in running.canonical_notebooks()}


def test_every_markdown_cell_has_a_vietnamese_translation():
    missing = markdown.untranslated(NOTEBOOKS)
    assert missing == [], "markdown cells with no entry in src/helpers/text/markdown_vi.yaml:\n" + "\n".join(
        f"  {name}: {text!r}" for name, text in missing
    )


def test_every_catalogue_entry_matches_a_markdown_cell():
    stale = markdown.unused(NOTEBOOKS)
    assert stale == [], (
        "entries of src/helpers/text/markdown_vi.yaml that match no markdown cell "
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
        narrative = before.cell_type == "markdown" and "navigation" not in before.metadata.get("tags", [])
        expected = catalogue[before.source] if narrative else before.source  # navigation: helpers.text.navigation
        if index == first:  # the glossary's abbreviations under the title (helpers.text.glossary)
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
# "Adding an article"): counts are computed (helpers.notebooks.corpus.summary). Checked on the
# English texts, which the Vietnamese ones translate ("one" also means "an").
COUNTED_ARTICLES = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:of\s+the\s+\w+\s+)?(?:curated\s+|source\s+)?articles\b",
    re.IGNORECASE,
)


def test_no_prose_states_how_many_articles_there_are():
    texts = [(name, cell) for name, nb in NOTEBOOKS.items() for cell in markdown.markdown_cells(nb)]
    texts += [(file_of(key, "en"), text) for key, text in CATALOGUES["en"].items()]
    found = [(name, m.group(0)) for name, text in texts for m in COUNTED_ARTICLES.finditer(text)]
    assert found == []
    assert COUNTED_ARTICLES.search("Four of the five articles") and not COUNTED_ARTICLES.search("the {n} articles")


# Any other fact about what the corpus holds goes stale the same way ("the corpus never
# states Tiền Giang's DTI rank" stayed after an article stated it): such sentences are
# computed in code cells, so prose may state rules but not corpus facts. Checked on the
# notebooks' markdown and on README outside its generated "## Findings" section.
CORPUS_FACTS = re.compile(
    r"(?:corpus|articles?) never (?:states?|reports?|gives?)|(?:corpus|articles?) (?:has|have|holds?|contains?) no\b|"
    r"\b(?:is|are) reported for (?:one|a single) province only|only one province reports|"
    r"\bno article (?:reports|states|gives)|"
    r"\b\d+ (?:curated |source )?(?:articles|indicators|sources)\b|"
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten) (?:curated |source )?(?:articles|indicators)\b|"
    r"\bmost articles\b|not spread evenly",
    re.IGNORECASE,
)


def readme_prose() -> str:
    """README without its "## Findings" section (computed from the summary notebook)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.sub(r"\n## Findings\n.*?(?=\n## )", "\n", text, flags=re.DOTALL)


def test_no_prose_states_a_fact_about_the_corpus():
    texts = [(name, cell) for name, nb in NOTEBOOKS.items() for cell in markdown.markdown_cells(nb)]
    texts += [("README.md", readme_prose())]
    found = [(name, m.group(0)) for name, text in texts for m in CORPUS_FACTS.finditer(text)]
    assert found == [], "compute these in a code cell (or drop them): " + repr(found)


@pytest.mark.parametrize(
    "typed",
    [
        "The corpus never states Tiền Giang's DTI rank",
        "every digital-society indicator is reported for one province only",
        "(Hậu Giang 28 indicators, Tiền Giang 5)",
        "the corpus has no value for 2024",
        "No article reports the same non-DTI indicator for both provinces",
        "Most articles are about Hậu Giang",
    ],
)
def test_typed_corpus_facts_are_recognised(typed):
    assert CORPUS_FACTS.search(typed)


@pytest.mark.parametrize(
    "rule",
    [
        "a title never states a trend",
        "Indicators reported for one province only are in the appendix",
        "the {n} articles",
    ],
)
def test_rules_are_not_mistaken_for_corpus_facts(rule):
    assert not CORPUS_FACTS.search(rule)


def test_the_computed_rank_note_follows_the_data(monkeypatch):
    # what replaced "the corpus never states Tiền Giang's DTI rank": an article stating one flips it
    from helpers.data import loading
    from helpers.notebooks import dti_change

    observations = loading.load("observations")
    ranked = observations[observations["indicator_id"].str.startswith("dti_rank_")]
    with_rank = list(dict.fromkeys(ranked["province"]))
    without = next(p for p in loading.official_provinces() if p not in with_rank)
    before = dti_change.article_rank_note([with_rank[0], without], "en")
    assert f"No article states a DTI rank of {without}" in before
    assert f"{with_rank[0]} ({(ranked['province'] == with_rank[0]).sum()})" in before

    added = pd.concat([observations, ranked.head(1).assign(province=without)], ignore_index=True)
    real_load = loading.load
    monkeypatch.setattr(loading, "load", lambda name: added.copy() if name == "observations" else real_load(name))
    after = dti_change.article_rank_note([with_rank[0], without], "en")
    assert "No article states" not in after and f"{without} (1)" in after
