"""Raw articles are untouched, every number in them is accounted for, and
quote matching survives Unicode normalization and non-breaking spaces."""

import re
import unicodedata

import pytest

from helpers.checks import coverage
from helpers.data import loading
from helpers.data.numbers import find_numbers
from helpers.data.paths import RAW_ARTICLES
from helpers.data.sources import find_quote, read_article, sha256_of


def test_raw_articles_match_their_registered_sha256():
    articles = loading.load("sources").query("tier == 'article'")
    # every stored article is registered and every registered one is stored
    assert sorted(RAW_ARTICLES.iterdir()) == sorted(RAW_ARTICLES.parent.parent.parent / f for f in articles["file"])
    for row in articles.itertuples():
        assert sha256_of(row.file) == row.sha256, row.file


def test_every_number_in_every_article_is_accounted_for():
    classified = coverage.classify_numbers()
    unaccounted = classified[classified["status"] == "unaccounted"]
    assert unaccounted.empty, unaccounted[["source_id", "text", "context"]].to_string()
    # one row per number token of each registered article, none skipped
    articles = loading.load("sources").query("tier == 'article'")
    tokens = [(row.source_id, m.start) for row in articles.itertuples() for m in find_numbers(read_article(row.file))]
    assert list(zip(classified["source_id"], classified["start"])) == tokens


def test_every_observation_accounts_for_a_number():
    classified = coverage.classify_numbers()
    curated = classified[classified["status"] == "curated"]
    for row in loading.load("observations").itertuples():
        text = read_article(loading.load("sources").set_index("source_id").loc[row.source_id, "file"])
        start, end = find_quote(row.quote, text)
        hits = curated[(curated["source_id"] == row.source_id) & curated["start"].between(start, end)]
        assert not hits.empty, row.obs_id


def test_list_numbers_helps_curate_a_new_article(tmp_path):
    article = tmp_path / "new.txt"
    article.write_text("Đến nay, tỉnh có hơn 1.250 dịch vụ công, đạt 45,5%; xếp thứ 12/63.", encoding="utf-8")
    listed = coverage.list_numbers(article)
    assert listed["text"].tolist() == ["1.250", "45,5%", "12/63"]
    assert listed["value"].tolist() == [1250, 45.5, 12]
    assert "[1.250]" in listed["context"][0]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_quote_matching_tolerates_normalization_and_nbsp(form):
    text = "Khoảng\u00a098% tổ chức,  lãnh đạo"
    quote = unicodedata.normalize(form, "Khoảng 98% tổ chức, lãnh đạo")
    assert find_quote(quote, text) == (0, len(text))
    assert find_quote("Khoảng 99% tổ chức", text) is None


def test_quotes_copied_from_articles_with_non_breaking_spaces_still_match():
    # A copy of a sentence usually turns U+00A0 into a plain space: every such
    # sentence of the real articles must still be found at its original place.
    articles = loading.load("sources").query("tier == 'article'")
    with_nbsp = [read_article(f) for f in articles["file"] if "\u00a0" in read_article(f)]
    assert with_nbsp, "no article with non-breaking spaces left to exercise the tolerance"
    for text in with_nbsp:
        for sentence in re.finditer(r"[^.\n]*\S\u00a0\S[^.\n]*", text):
            copied = sentence.group(0).replace("\u00a0", " ")
            assert find_quote(copied, text) == (
                sentence.start() + len(copied) - len(copied.lstrip()),
                sentence.end() - (len(copied) - len(copied.rstrip())),
            ), copied
