"""Raw articles are untouched, every number in them is accounted for, and
quote matching survives Unicode normalization and non-breaking spaces."""

import unicodedata

import pytest

from helpers import coverage, loading
from helpers.paths import RAW_ARTICLES
from helpers.sources import find_quote, read_article, sha256_of


def test_raw_articles_match_their_registered_sha256():
    articles = loading.load("sources").query("tier == 'article'")
    assert len(articles) == 5
    assert sorted(RAW_ARTICLES.iterdir()) == sorted(RAW_ARTICLES.parent.parent.parent / f for f in articles["file"])
    for row in articles.itertuples():
        assert sha256_of(row.file) == row.sha256, row.file


def test_every_number_in_every_article_is_accounted_for():
    classified = coverage.classify_numbers()
    unaccounted = classified[classified["status"] == "unaccounted"]
    assert unaccounted.empty, unaccounted[["source_id", "text", "context"]].to_string()
    # 183 tokens in the five articles; curated ones are the observations' own numbers
    assert len(classified) == 183
    assert (classified["status"] == "curated").sum() >= len(loading.load("observations")) - 5


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


def test_two_articles_really_contain_non_breaking_spaces():
    counts = {f.name[:10]: f.read_text(encoding="utf-8").count("\u00a0") for f in RAW_ARTICLES.iterdir()}
    assert sum(1 for n in counts.values() if n) == 2
