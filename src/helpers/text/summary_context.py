"""What the summary (notebook 00) must say around its verdicts: the 2025 merger
with the successor view of DTI 2024, and the balance and gaps of the corpus.

Frames and sentences computed from data/reference/dti_successors.csv,
dti_scores.csv (both scopes) and data/sources.csv; nothing typed about them.
"""

from __future__ import annotations

import pandas as pd

from helpers.data import loading
from helpers.text.catalogue import say
from helpers.text.citations import citation
from helpers.text.formats import join_words, number_text

SCOPE_63 = "63_provinces"
SCOPE_34 = "34_provinces_post_merger"
SCORE_DECIMALS = 4  # as the ministry publishes DTI scores
# Metadata of an article register row that a reader needs to find the article again.
ARTICLE_FIELDS = ("url", "outlet", "published")


def successors(provinces: list[str]) -> pd.DataFrame:
    """One row per chosen province with a recorded successor: the merged province,
    its other predecessors, its score and rank in the 34-province DTI table, and
    the province's own score and rank in the 63-province table of the same year."""
    links = loading.load("dti_successors")
    scores = loading.load("dti_scores")
    rows = []
    for province in provinces:
        mine = links[links["predecessor"] == province]
        if mine.empty:
            continue
        link = mine.iloc[0]
        year = int(link["assessment_year"])
        table = scores[scores["assessment_year"] == year]
        after = table[(table["scope"] == SCOPE_34) & (table["province"] == link["successor"])].iloc[0]
        before = table[(table["scope"] == SCOPE_63) & (table["province"] == province)].iloc[0]
        parts = links[(links["successor"] == link["successor"]) & (links["assessment_year"] == link["assessment_year"])]
        rows.append(
            {
                "province": province,
                "successor": link["successor"],
                "others": [p for p in parts["predecessor"] if p != province],
                "year": year,
                "score_34": float(after["score"]),
                "rank_34": int(after["rank"]),
                "n_34": int(after["n_provinces"]),
                "score_63": float(before["score"]),
                "rank_63": int(before["rank"]),
                "n_63": int(before["n_provinces"]),
                "source_id": link["source_id"],
            }
        )
    return pd.DataFrame(rows)


def merger_text(provinces: list[str], lang: str) -> str:
    """Markdown: the merger, each successor's place in the 34-province table, and what
    that view can and cannot say about the old provinces."""
    found = successors(provinces)
    lines = [say("merger.heading", lang)]
    if found.empty:
        return "\n\n".join([*lines, say("merger.none", lang, provinces=join_words(provinces, lang))])
    moves = [say("merger.move", lang, province=r.province, successor=r.successor) for r in found.itertuples()]
    lines.append(say("merger.intro", lang, moves=join_words(moves, lang)))
    for r in found.itertuples():
        lines.append(
            "- "
            + say(
                "merger.view",
                lang,
                province=r.province,
                successor=r.successor,
                others=join_words(r.others, lang),
                year=r.year,
                score=number_text(r.score_34, lang, SCORE_DECIMALS),
                rank=r.rank_34,
                n=r.n_34,
                own=number_text(r.score_63, lang, SCORE_DECIMALS),
                own_rank=r.rank_63,
                n63=r.n_63,
            )
        )
    missing = [p for p in provinces if p not in set(found["province"])]
    if missing:
        lines.append(say("merger.none", lang, provinces=join_words(missing, lang)))
    sources = sorted(set(found["source_id"]))
    lines.append(say("merger.limits", lang, source="; ".join(citation(s, lang) for s in sources)))
    return "\n\n".join(lines)


def articles() -> pd.DataFrame:
    """The article register (tier article) of data/sources.csv."""
    src = loading.load("sources")
    return src[src["tier"] == "article"].reset_index(drop=True)


def articles_per_province(provinces: list[str]) -> pd.Series:
    """Number of articles about each chosen province (an article may cover several)."""
    listed = articles()["provinces"].str.split(";")
    return pd.Series({p: int(sum(p in names for names in listed)) for p in provinces}, dtype=int)


def missing_metadata() -> dict[str, list[str]]:
    """For each of ARTICLE_FIELDS, the article source ids without it ("unknown" or empty)."""
    arts = articles()
    out = {}
    for field in ARTICLE_FIELDS:
        values = arts[field]
        gap = values.isna() | values.astype(str).isin(["unknown", ""])
        out[field] = list(arts.loc[gap, "source_id"])
    return out


def corpus_text(provinces: list[str], lang: str) -> str:
    """Markdown: articles per province and the articles lacking a URL, outlet or date."""
    counts = articles_per_province(provinces)
    per = join_words([say("corpus_balance.count", lang, province=p, n=n) for p, n in counts.items()], lang)
    lines = [say("corpus_balance.counts", lang, per=per, total=len(articles()))]
    gaps = missing_metadata()
    total = len(articles())
    for field, ids in gaps.items():
        if ids:
            cited = "; ".join(citation(s, lang) for s in ids)
            lines.append("- " + say(f"corpus_balance.missing.{field}", lang, n=len(ids), total=total, which=cited))
    if not any(gaps.values()):
        lines.append(say("corpus_balance.complete", lang))
    return "\n".join(lines)


def sources(provinces: list[str]) -> list[str]:
    """Source ids behind merger_text and corpus_text: the method page, the 34- and
    63-province tables used, and the articles listed."""
    found = successors(provinces)
    ids = list(found["source_id"]) if not found.empty else []
    if not found.empty:
        scores = loading.load("dti_scores")
        used = scores[scores["assessment_year"].isin(found["year"])]
        ids += list(used["source_id"].unique())
    gaps = missing_metadata()
    return ids + sorted({s for listed in gaps.values() for s in listed})
