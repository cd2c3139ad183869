"""Corrections found by a review of the published texts: each test recomputes what the data
and the rule module say and checks that every text built from them says the same."""

import csv
import re

from helpers.analysis import comparison, dti_scores, evidence, scorecard_rows, verdict_rule
from helpers.data.paths import DATA, FIGURES, REFERENCE
from helpers.notebooks import dti_change, scorecard
from helpers.text import citations

HG, TG = "Hậu Giang", "Tiền Giang"
BOTH = [HG, TG]
KEY = ["province", "indicator_id", "assessment_year"]


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ---- a lead is decided by the derived confidence, never the typed one -----------------------


def test_a_lone_claim_is_a_lead_by_its_derived_confidence_not_the_typed_one():
    ev = dti_scores.evidence(BOTH)
    sources = comparison.dti_evidence(BOTH).groupby(KEY)["source_id"].nunique()
    typed = {
        (r["province"], r["indicator_id"], int(r["assessment_year"]), r["source_id"]): r["confidence"]
        for r in read(REFERENCE / "dti_press_facts.csv")
    }
    overridden = 0
    for r in ev[ev["tier"] != "official_table"].itertuples():
        key = (r.province, r.indicator_id, r.assessment_year)
        fact = typed.get((*key, r.source_id), "high")
        derived = verdict_rule.lowest(verdict_rule.source_confidence(r.source_id)["confidence"], fact)
        assert r.confidence == derived, r
        if sources[key] == 1:
            assert r.lone == (derived != "high"), r
            overridden += fact == "high" and (*key, r.source_id) in typed and derived != "high"
    assert overridden, "no press fact typed high from a source of lower confidence: the case is not exercised"


def test_notebook_01_lists_every_overall_rank_resting_on_one_source_below_high():
    ev = dti_scores.evidence(BOTH)
    leads = ev[ev["lone"] & (ev["indicator_id"] == "dti_rank_overall")]
    text = dti_change.single_source_notes(BOTH, "en")
    for r in leads.itertuples():
        assert f"{r.province}" in text and f"{r.assessment_year}" in text and f"{r.value:g}" in text, (r, text)
    if len(leads):
        assert "No overall-rank claim" not in text


# ---- reference lists hold every source the notebook shows -----------------------------------


def test_notebook_03_references_cite_the_digital_economy_ranks_it_tabulates():
    shown = set(evidence.digital_economy_ranks(BOTH)["source_id"])
    assert shown, "no digital-economy pillar rank for the study's provinces"
    assert shown <= set(citations.notebook_sources("03", BOTH))


def test_notebook_06_references_cite_every_source_of_its_availability_matrix():
    cells = evidence.availability_cells(BOTH)
    listed = set(citations.notebook_sources("06", BOTH))
    assert set(cells["source_id"]) <= listed
    register = {r["source_id"]: r["tier"] for r in read(DATA / "sources.csv")}
    assert {register[s] for s in cells["source_id"]} - {"article"}, "the matrix uses the reference tier too"


def test_availability_figure_data_names_the_source_of_every_reported_cell():
    rows = read(FIGURES / "data" / "06_availability_matrix.csv")
    assert rows and "source_id" in rows[0]
    register = {r["source_id"] for r in read(DATA / "sources.csv")}
    cells = evidence.availability_cells(BOTH)
    for r in rows:
        ids = [s for s in r["source_id"].split(";") if s]
        assert bool(ids) == bool(r["periods"]), r
        assert set(ids) <= register, r
        mine = cells[(cells["indicator_id"] == r["indicator_id"]) & (cells["province"] == r["province"])]
        assert set(ids) == set(mine["source_id"]), r


# ---- a comparison resting on a disputed year says so, and is not counted ---------------------


def _disputed_rows():
    """Scorecard rows (not official scores) whose value for either province is one notebook 01
    lists as a year-assignment or value conflict, from the conflicts frame itself."""
    rows, _, _ = scorecard_rows.independent(BOTH)
    found = comparison.conflicts(BOTH)
    found = found[found["type"].isin(["year_assignment", "value"])]
    hits = []
    for i, r in rows[rows["kind"] == "pair"].iterrows():
        mine = found[
            found["province"].isin([r.province_a, r.province_b])
            & (found["indicator_id"] == r.indicator_id)
            & (found["period"] == r.period)
        ]
        if len(mine):
            hits.append((i, mine))
    return rows, hits


def test_the_scorecard_caveat_carries_the_year_conflicts_of_notebook_01():
    rows, hits = _disputed_rows()
    assert hits, "no scorecard row rests on a disputed year: the case is not exercised"
    for lang in ("en", "vi"):
        caveats = scorecard.comparison_table(rows, lang).iloc[:, -1]
        for i, mine in hits:
            text = caveats.iloc[i]
            for c in mine.itertuples():
                assert c.province in text, (lang, text)
                if c.type == "year_assignment":
                    years = dict(c.b[1])["years"]
                    assert all(f"DTI {y}" in text for y in years), (lang, text)


def test_the_scorecard_tallies_leave_disputed_rows_out_and_say_so():
    rows, hits = _disputed_rows()
    lines = scorecard.findings(BOTH, "en").splitlines()
    tier_lines = [line for line in lines if re.match(r"- [^:]+: \d+ \(", line)]
    counted = sum(int(re.search(r": (\d+) \(", line).group(1)) for line in tier_lines)
    left = [line for line in lines if line.startswith("- Not counted")]
    assert len(left) == 1, lines
    assert int(re.search(r"\((\d+)\)", left[0]).group(1)) == len(rows) - counted  # every row once
    assert counted <= len(rows) - len(hits)
    for i, _ in hits:
        assert f"{rows.loc[i, 'period']}" in left[0], left[0]


# ---- one date rule, stated with its computed limit wherever it is stated --------------------

README = DATA.parent / "README.md"


def _readme_paragraphs(title: str) -> str:
    """The README bullet starting with **title**, as one line."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"- **{title}**")
    end = text.find("\n- ", start + 1)
    return " ".join(text[start:end].split())


def test_readme_states_the_date_rule_with_the_limit_of_the_rule_module():
    limit = verdict_rule.MAX_DATE_GAP_MONTHS
    for title in ("Comparability.", "Dates**"):
        bullet = _readme_paragraphs(title.rstrip("*"))
        assert f"at most {limit} months apart" in bullet, bullet
        assert "same period" in bullet or "period agree" in bullet, bullet
    stated = {int(m) for m in re.findall(r"at most (\d+) months apart", README.read_text(encoding="utf-8"))}
    assert stated == {limit}


def test_every_share_verdict_states_the_limit_it_was_compared_under(monkeypatch):
    import matplotlib.pyplot as plt

    from helpers.data.paths import WRITE_FIGURES_ENV

    monkeypatch.setenv(WRITE_FIGURES_ENV, "0")
    from helpers.analysis import society_pairs, verdicts
    from helpers.notebooks import summary_figures
    from helpers.text import summary_text

    pairs = society_pairs.comparable(BOTH)
    assert len(pairs), "no comparable share pair for the study's provinces"
    assert (pairs["period_gap_days"] <= verdict_rule.MAX_DATE_GAP_DAYS).all()
    found = verdicts.summary(BOTH)
    rows, _, _ = scorecard_rows.independent(BOTH)
    shares = rows[rows["kind"] == "share"]
    assert len(shares) == len(pairs)  # notebook 05 shows every pair the summary compares
    n = verdict_rule.MAX_DATE_GAP_MONTHS
    for lang, words in (("en", rf"(?:up to|at most) {n}\b"), ("vi", rf"không quá {n} tháng")):

        def states(text, words=words):
            return re.search(words, " ".join(text.split())) is not None

        assert states(summary_text.section("digital_society", found, BOTH, lang))
        caveats = scorecard.comparison_table(rows, lang).iloc[:, -1]
        assert all(states(caveats.loc[i]) for i in shares.index)
        assert states(scorecard.findings(BOTH, lang))
        fig, _ = summary_figures.plot_uptake(found["digital_society"]["pairs"], BOTH, lang, found)
        drawn = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
        plt.close(fig)
        assert states(drawn), drawn  # the caption states the rule the title follows


def test_no_notebook_markdown_types_the_date_limit():
    """The limit lives in verdict_rule; markdown (typed prose) may name the rule, never its value."""
    import json

    limit = verdict_rule.MAX_DATE_GAP_MONTHS
    words = {12: "twelve"}.get(limit, str(limit))
    typed = re.compile(rf"(?:at most|up to|within) (?:{limit}|{words}) months", re.IGNORECASE)
    for path in sorted((DATA.parent / "notebooks").glob("0*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                assert not typed.search("".join(cell["source"])), path.name
