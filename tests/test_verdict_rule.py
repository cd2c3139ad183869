"""The verdict rule and the confidence rule (helpers.analysis.verdict_rule) on the real data:
one rule everywhere, confidence derived from the sources register, tallies by tier,
no caveat beside the claim it forbids, README Findings in step with the computed values."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.analysis import verdict_rule, verdicts
from helpers.data import loading
from helpers.data.paths import ROOT
from helpers.notebooks import dti, scorecard
from helpers.run import readme_findings
from helpers.run.parameters import CANONICAL
from helpers.text import ecommerce_context, findings, summary_text
from helpers.text.catalogue import say

PROVINCES = list(CANONICAL["provinces"])
SRC = ROOT / "src" / "helpers"


def test_scored_rule_is_a_fraction_of_the_sample_sd_of_the_year():
    spread = loading.load("dti_scores").query("scope == '63_provinces'").groupby("assessment_year")["score"].std()
    rows = verdicts.dti(PROVINCES)
    assert len(rows)
    for r in rows.itertuples():
        sd = spread[r.year]  # pandas std is the sample SD (ddof = 1)
        near = abs(r.value_a - r.value_b) < verdict_rule.NEAR_TIE_SD * sd
        assert (r.verdict == "near_tie") == near
        assert r.leader == ("" if near else (r.province_a if r.value_a > r.value_b else r.province_b))


def test_rank_only_comparisons_never_read_ahead_and_are_low_confidence():
    comparable, _, _ = scorecard.scorecard(PROVINCES, "en")
    ranks = comparable[(comparable["kind"] == "pair") & comparable["unit"].str.startswith("rank_of_")]
    assert len(ranks), "the data hold rank-only DTI comparisons (2020, 2021)"
    assert set(ranks["verdict"]) <= {"ranked_above", "same_rank"}
    assert set(ranks["confidence"]) == {verdict_rule.RANK_ONLY_CONFIDENCE}
    assert set(ranks["rule"]) == {"rank_only"}


def test_approximate_values_name_a_leader_only_beyond_the_band():
    band = verdict_rule.APPROX_BAND
    inside = 70 * (1 - band / 2)
    outside = 70 * (1 - 2 * band)
    assert verdict_rule.qualified("A", inside, "exact", "B", 70, "approx") == ("no_leader", "")
    assert verdict_rule.qualified("A", outside, "exact", "B", 70, "approx") == ("ahead", "B")
    assert verdict_rule.qualified("A", 80, "at_least", "B", 90, "exact") == ("no_leader", "")
    # every digital-society pair follows the same rule
    for r in verdicts.uptake_shares(PROVINCES).itertuples():
        expected = verdict_rule.qualified(
            r.province_a, r.value_a, r.qualifier_a, r.province_b, r.value_b, r.qualifier_b
        )
        assert (r.verdict, r.leader) == expected


def _with_sources(monkeypatch, change):
    real = loading.load

    def fake(name):
        frame = real(name)
        return change(frame) if name == "sources" else frame

    monkeypatch.setattr(loading, "load", fake)


def test_verdict_confidence_follows_the_register(monkeypatch):
    rows = verdicts.dti(PROVINCES)
    copied = [
        r for r in rows.itertuples() if r.copy_used and not verdict_rule.source_confidence(r.source_a)["confirmed"]
    ]
    assert copied, "a DTI table taken from a public copy and not confirmed independently"
    row = copied[0]
    stated = loading.load("sources").set_index("source_id").loc[row.source_a, "confidence"]
    assert row.confidence == verdict_rule.lowest(stated, verdict_rule.COPY_CONFIDENCE)

    def no_copy(frame):
        return frame.assign(copy_used=frame["copy_used"].where(frame["source_id"] != row.source_a, ""))

    _with_sources(monkeypatch, no_copy)
    after = verdicts.dti(PROVINCES).set_index("year").loc[row.year]
    assert after["confidence"] == stated and after["copy_used"] == ""

    def low(frame):
        return frame.assign(confidence=frame["confidence"].where(frame["source_id"] != row.source_a, "low"))

    _with_sources(monkeypatch, low)
    assert verdicts.dti(PROVINCES).set_index("year").loc[row.year, "confidence"] == "low"
    assert verdicts.summary(PROVINCES)["dti"]["strength"]["confidence"] == "low"


def test_no_confidence_is_typed_in_the_code():
    typed = re.compile(
        r"""["']confidence["']\s*:\s*["'](high|medium|low)["']|confidence\s*=\s*["'](high|medium|low)["']"""
    )
    hits = [
        f"{p.name}:{n}"
        for p in SRC.rglob("*.py")
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if typed.search(line)
    ]
    assert not hits, f"confidence typed instead of derived by helpers.analysis.verdict_rule: {hits}"


def test_tallies_never_add_tiers_into_one_count():
    comparable, _, _ = scorecard.scorecard(PROVINCES, "en")
    text = scorecard.findings(PROVINCES, "en") + scorecard.headline(comparable, PROVINCES, "en")
    tiers = {scorecard._group(r) for r in comparable.itertuples()}
    assert len(tiers) > 1
    assert f"{len(comparable)} independent" not in text
    assert "repeated measurements" in text
    for tier in tiers:
        assert say_prefix(tier) in text


def say_prefix(tier: str) -> str:
    return say(f"scorecard.tally.{tier}", "en", n=0, confidence="", parts="").split(":")[0]


def test_notebook_01_title_uses_the_summary_verdicts():
    title = dti.headline(PROVINCES, "en")
    found = verdicts.summary(PROVINCES)
    for r in found["dti"]["runs"].itertuples():
        assert summary_text.run_text(r, "summary.dti.run_ahead", "en") in title
    assert "every official" not in title


def test_no_caveat_beside_the_claim_it_forbids():
    text = findings.findings("02", PROVINCES, "en")
    assert "may not count the same things" not in text or not re.search(r"level 4: [^\n]*→", text)
    assert not re.search(r"level 4: [^\n]*→", text)
    eco = ecommerce_context.accounts_vs_use(PROVINCES, "en")
    assert "per 100" not in eco


def test_readme_findings_match_the_computed_values():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(readme_findings.START, 1)[1].split(readme_findings.END, 1)[0].strip("\n")
    assert block == readme_findings.render(), (
        "README.md Findings differ from the computed values: run `make run` "
        "(or `.venv/bin/python -m helpers.run.readme_findings`) and commit README.md"
    )
    rules = text.split("### How a verdict is called", 1)[1].split("## ", 1)[0]
    assert f"({verdict_rule.NEAR_TIE_SD:g})" in rules
    assert f"±{verdict_rule.APPROX_BAND * 100:g} %" in rules
    low, high = min(verdict_rule.SENSITIVITY), max(verdict_rule.SENSITIVITY)
    assert f"{low:g} and {high:g} SD" in rules


def test_readme_findings_refer_to_nothing_readme_lacks():
    """The scorecard's findings once said "(listed above)" in README, which lists nothing: they link notebook 05."""
    block = readme_findings.render()
    assert not re.search(r"(listed|shown|see) above", block)
    links = re.findall(r"\]\(([^)#]+)", block)
    assert readme_findings.NOTEBOOK_05 in links
    assert [link for link in links if not (ROOT / link).is_file()] == []
    # the notebook itself still points at its own table above
    assert say("scorecard.listed_above", "en") in scorecard.findings(PROVINCES, "en")


def test_readme_vi_findings_match_the_computed_values_in_vietnamese():
    """README.vi.md's "Kết luận chính" is the same computed block as README.md's Findings, worded
    in Vietnamese (the same verdicts, numbers in the Vietnamese format, Vietnamese figures)."""
    text = (ROOT / "README.vi.md").read_text(encoding="utf-8")
    assert "## Kết luận chính" in text.split(readme_findings.START, 1)[0]
    block = text.split(readme_findings.START, 1)[1].split(readme_findings.END, 1)[0].strip("\n")
    assert block == readme_findings.render(lang="vi"), (
        "README.vi.md Kết luận chính differ from the computed values: run `make run` "
        "(or `.venv/bin/python -m helpers.run.readme_findings`) and commit README.vi.md"
    )
    english = readme_findings.render()
    figures = re.findall(r"\]\((figures/[^)]+)\)", block)
    assert figures == [f.replace("figures/", "figures/vi/") for f in re.findall(r"\]\((figures/[^)]+)\)", english)]
    assert all((ROOT / f).is_file() for f in figures)


def test_sensitivity_names_exactly_the_verdicts_that_change():
    found = verdicts.sensitivity(PROVINCES)
    assert len(found)
    for r in found.itertuples():
        calls = {verdict_rule.scored(r.gap_in_sd, 1, "a", "b", k)[0] for k in verdict_rule.SENSITIVITY}
        assert r.changes == (len(calls) > 1)
    _, sentence = scorecard.sensitivity(PROVINCES, "en")
    assert str(int(found["changes"].sum())) in sentence


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_summary_names_the_public_copy(lang):
    found = verdicts.summary(PROVINCES)
    table = summary_text.overview_table(found, PROVINCES, lang)
    via = say("copy.via_public_copy", lang)
    copied = [t for t in verdicts.TOPICS if found[t]["strength"]["copy_used"]]
    assert copied
    evidence = table.iloc[:, 3]
    for i, t in enumerate(verdicts.TOPICS):
        assert (via in evidence.iloc[i]) == (t in copied)
    assert isinstance(table, pd.DataFrame)
