"""Wording: one catalogue per language with the same keys, every key the code
asks for exists, Vietnamese dates and periods, and imports run one way."""

import ast
import importlib
import re
import string
from datetime import date

import pytest

from helpers.data.paths import ROOT
from helpers.data.periods import Period
from helpers.text import catalogue as wording
from helpers.text.formats import date_text, period_text, value_text

SRC = ROOT / "src" / "helpers"


# Placeholders one language may leave out: English plural endings, quarter numerals.
GRAMMAR = {"topics.more_indicator_tables": {"x"}, "period.quarter": {"n", "roman"}}


def test_catalogues_have_the_same_modules_and_keys():
    en, vi = wording.modules("en"), wording.modules("vi")
    assert sorted(en) == sorted(vi), "the same catalogue modules in src/helpers/text/messages/en/ and vi/"
    missing = [
        f"{key!r} is in {wording.module_file(lang, module)}, add it to {wording.module_file(other, module)}"
        for lang, other in (("en", "vi"), ("vi", "en"))
        for module, messages in wording.modules(lang).items()
        for key in messages
        if key not in wording.modules(other)[module]
    ]
    assert missing == [], "\n".join(missing)


def test_a_key_defined_in_two_modules_is_refused(monkeypatch):
    dti = wording.modules("vi")["dti"]
    monkeypatch.setitem(dti, "and", " và ")
    with pytest.raises(ValueError, match=r"'and' is defined in both .*/vi/common\.py and .*/vi/dti\.py"):
        wording.assemble("vi")


def test_each_key_prefix_lives_in_one_module():
    # So that a new key has one place to go: `exclusion.<reason>` beside the other reasons.
    for lang in wording.LANGS:
        homes = {}
        for key, module in wording.HOMES[lang].items():
            homes.setdefault(key.split(".")[0], set()).add(module)
        assert {p: m for p, m in homes.items() if len(m) > 1} == {}, lang
    assert wording.file_of("exclusion.new_reason", "vi") == "src/helpers/text/messages/vi/corpus.py"
    assert wording.file_of("no_such_prefix", "en") == "src/helpers/text/messages/en/common.py"


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


LAYER_ORDER = ["data", "checks", "analysis", "text", "charts", "notebooks", "run"]
# Maintainers' reference build sits beside the layers: it may use data only, and nothing imports it.
SIDE_PACKAGES = {"reference": {"data"}}
# Charts only draw: no loading, no evidence, no wording of their own.
CHARTS_NEVER = {"helpers.data.loading", "helpers.analysis", "helpers.text.catalogue", "helpers.text.findings"}
NO_DRAWING = ("matplotlib", "seaborn")


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


def package_of(name):
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "helpers" else None


def test_every_module_lives_in_a_layer_folder():
    loose = sorted(p.name for p in SRC.glob("*.py") if p.name != "__init__.py")
    assert loose == [], f"modules outside the layer folders: {loose}"
    folders = sorted(p.name for p in SRC.iterdir() if p.is_dir() and not p.name.startswith("__"))
    assert folders == sorted([*LAYER_ORDER, *SIDE_PACKAGES])


def test_imports_run_one_way():
    bad = []
    for path in sorted(SRC.glob("*/*.py")):
        layer = path.relative_to(SRC).parts[0]
        allowed = (
            SIDE_PACKAGES[layer] | {layer}
            if layer in SIDE_PACKAGES
            else set(LAYER_ORDER[: LAYER_ORDER.index(layer) + 1])
        )
        for name in imported(path):
            pkg = package_of(name)
            if pkg and pkg not in allowed:
                bad.append(f"{path.relative_to(SRC)} imports {name} ({pkg} is not below {layer})")
        if layer in ("data", "checks", "analysis", "text"):
            bad += [f"{path.relative_to(SRC)} draws: {n}" for n in forbidden(imported(path), NO_DRAWING)]
        if layer == "charts":
            bad += [
                f"{path.relative_to(SRC)} does more than draw: {n}" for n in forbidden(imported(path), CHARTS_NEVER)
            ]
    assert bad == [], "\n".join(bad)


def test_each_layer_says_what_lives_there():
    for folder in [*LAYER_ORDER, *SIDE_PACKAGES]:
        doc = ast.get_docstring(ast.parse((SRC / folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and 1 <= len(doc.splitlines()) <= 2, folder


def test_no_module_is_above_400_lines():
    # Message catalogues included: they are split by notebook and topic (text/messages/<lang>/).
    for path in SRC.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.relative_to(SRC)


def test_no_inline_two_language_wording():
    for path in SRC.rglob("*.py"):
        assert not re.search(r"\bpick\(", path.read_text(encoding="utf-8")), path.name


def test_readme_layout_names_every_module_of_each_layer():
    """README's layout table lists, for each folder of src/helpers/, every module in it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    missing = {}
    for layer in sorted(p for p in (ROOT / "src" / "helpers").iterdir() if p.is_dir() and p.name != "__pycache__"):
        row = [line for line in readme if line.startswith(f"| `{layer.name}/` |")]
        assert row, f"README.md: no layout row for {layer.name}/"
        named = set(re.findall(r"`([A-Za-z_0-9]+)", row[0]))
        modules = {p.stem for p in layer.glob("*.py")} - {"__init__", "__main__"}
        missing.update({f"{layer.name}/{m}.py": "not in README's layout table" for m in sorted(modules - named)})
    assert missing == {}


DOCUMENTS = ("README.md", "README.vi.md", "CONTRIBUTING.md", "datapackage.json")


def _resolves(dotted: str) -> bool:
    """True when `dotted` is a module of the package, or a name defined in one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def test_documents_name_only_modules_that_exist():
    """README once named `helpers.reference_build` and datapackage.json `helpers.rates`, after both moved."""
    named = {
        (doc, name)
        for doc in DOCUMENTS
        for name in re.findall(r"\bhelpers(?:\.[A-Za-z_][A-Za-z_0-9]*)+", (ROOT / doc).read_text(encoding="utf-8"))
    }
    assert len({name for _, name in named}) > 10, "no dotted name found: nothing checked"
    assert sorted(f"{doc}: {name}" for doc, name in named if not _resolves(name)) == []
