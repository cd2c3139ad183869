"""Wording: one catalogue per language with the same keys, every key the code
asks for exists, Vietnamese dates and periods, and imports run one way."""

import ast
import re
import string
from datetime import date

import pytest

from helpers import wording
from helpers.paths import ROOT
from helpers.periods import Period
from helpers.wording.formats import date_text, period_text, value_text

SRC = ROOT / "src" / "helpers"


# Placeholders one language may leave out: English plural endings, quarter numerals.
GRAMMAR = {"topics.more_indicator_tables": {"x"}, "period.quarter": {"n", "roman"}}


def test_catalogues_have_the_same_keys_and_placeholders():
    en, vi = wording.CATALOGUES["en"], wording.CATALOGUES["vi"]
    assert set(en) == set(vi)

    def fields(template):
        return {f for _, f, _, _ in string.Formatter().parse(template) if f}

    for key in en:
        assert fields(en[key]) ^ fields(vi[key]) <= GRAMMAR.get(key, set()), key


def test_every_key_the_code_asks_for_exists():
    asked = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "say"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                asked.add(node.args[0].value)
    assert asked, "the scan finds the say() calls"
    assert sorted(asked - set(wording.CATALOGUES["en"])) == []


def test_unknown_key_and_language_are_refused():
    with pytest.raises(KeyError, match="no message"):
        wording.say("no.such.key", "en")
    with pytest.raises(ValueError, match="lang must be one of"):
        wording.say("and", "fr")


@pytest.mark.parametrize(
    "period, vi, en",
    [
        (Period(date(2022, 5, 5), date(2022, 5, 5)), "tính đến 05/5/2022", "as of 2022-05-05"),
        (Period(date(2022, 12, 31), date(2022, 12, 31)), "tính đến 31/12/2022", "as of 2022-12-31"),
        (Period.year(2022), "năm 2022", "2022"),
        (Period(date(2022, 1, 1), date(2022, 6, 30)), "6 tháng đầu năm 2022", "first 6 months of 2022"),
        (Period(date(2022, 1, 1), date(2022, 3, 31)), "quý I/2022", "Q1 2022"),
        (Period(date(2020, 1, 1), date(2020, 10, 2)), "từ 01/01/2020 đến 02/10/2020", "2020-01-01 to 2020-10-02"),
    ],
)
def test_periods_read_as_each_language_writes_them(period, vi, en):
    assert period_text(period, "vi") == vi and period_text(period, "en") == en


def test_values_and_dates_in_vietnamese_style():
    assert value_text(1860, "exact", "count", "vi") == "1.860"
    assert value_text(37.98, "exact", "percent", "vi") == "37,98%"
    assert value_text(1007, "at_least", "count", "en") == "≥1,007"
    assert date_text(date(2022, 5, 5), "vi") == "05/5/2022"


def test_periods_are_values_not_display_strings():
    assert str(Period(date(2022, 1, 1), date(2022, 6, 30))) == "2022-01-01/2022-06-30"
    assert Period.year(2021) < Period.of("2022-05-05", "2022-05-05")
    assert Period(date(2022, 1, 1), date(2022, 6, 30)).months == 6


LAYERS = {  # module -> what it must not import (imports run one way; charts only draw)
    "charts": {
        "helpers.loading",
        "helpers.comparison",
        "helpers.wording",
        "helpers.findings",
        "helpers.evidence",
        "helpers.scope",
        "helpers.dti",
        "helpers.corpus",
        "helpers.scorecard",
    },
    "wording": {
        "helpers.loading",
        "helpers.comparison",
        "helpers.findings",
        "helpers.evidence",
        "matplotlib",
        "helpers.plotting",
        "helpers.charts",
    },
    "findings_side": {"matplotlib", "seaborn", "helpers.charts", "helpers.plotting"},
}
FINDINGS_SIDE = [
    "comparison",
    "evidence",
    "phrases",
    "tables",
    "caveats",
    "findings",
    "chart_titles",
    "scope",
    "citations",
    "periods",
    "display_tables",
    "service_levels",
    "society_pairs",
    "society_tables",
]


def imported(path):
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def forbidden(names, banned):
    return sorted(n for n in names for b in banned if n == b or n.startswith(b + "."))


def test_imports_run_one_way():
    for path in (SRC / "charts").glob("*.py"):
        assert forbidden(imported(path), LAYERS["charts"]) == [], path.name
    for path in (SRC / "wording").glob("*.py"):
        assert forbidden(imported(path), LAYERS["wording"]) == [], path.name
    for name in FINDINGS_SIDE:
        assert forbidden(imported(SRC / f"{name}.py"), LAYERS["findings_side"]) == [], name


def test_no_module_is_above_400_lines():
    catalogues = {SRC / "wording" / "en.py", SRC / "wording" / "vi.py"}
    for path in SRC.rglob("*.py"):
        if path not in catalogues:
            assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name


def test_no_inline_two_language_wording():
    for path in SRC.rglob("*.py"):
        assert not re.search(r"\bpick\(", path.read_text(encoding="utf-8")), path.name
