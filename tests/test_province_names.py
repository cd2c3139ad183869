"""Province names as people type them (helpers.data.province_names): compared after
Unicode NFC, aliases of data/province_aliases.csv read as official
names, a province of the 2025 merger refused with its predecessors, the same
rule for the runner, the notebooks' setup line (plain papermill) and validation."""

import csv
import shutil
import unicodedata

import pytest

from helpers.data import loading
from helpers.data.paths import ROOT
from helpers.data.province_names import ALIASES
from helpers.run import parameters
from helpers.run import runner as running
from helpers.run.validate import validate_all

OFFICIAL = loading.official_provinces()
ALIAS_ROWS = list(csv.DictReader((ROOT / ALIASES).open(encoding="utf-8", newline="")))
SINGLE = [(r["alias"], r["province"]) for r in ALIAS_ROWS if ";" not in r["province"]]
MERGED = [(r["alias"], r["province"].split(";")) for r in ALIAS_ROWS if ";" in r["province"]]


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_a_name_in_decomposed_unicode_is_the_same_name_and_the_note_says_so():
    typed = nfd("Tiền Giang")
    assert typed != "Tiền Giang"
    assert loading.check_provinces(["Hậu Giang", typed]) == ["Hậu Giang", "Tiền Giang"]
    (note,) = parameters.province_notes([typed], "en")
    assert "only in its Unicode normalisation" in note and "did you mean" not in note
    assert "chuẩn hóa Unicode" in parameters.province_notes(typed, "vi")[0]


def test_official_names_as_typed_give_no_note():
    assert parameters.province_notes(OFFICIAL, "en") == []


@pytest.mark.parametrize("alias, province", SINGLE)
def test_every_alias_of_the_table_is_read_as_its_province(alias, province):
    # derived from the data: whatever rows the alias table holds
    assert loading.check_provinces(alias) == [province]
    assert parameters.province_notes(alias, "en") == [f"{alias!r} read as {province!r} ({ALIASES})"]


@pytest.mark.parametrize("typed", ["Sài Gòn", "TP HCM", "Hồ Chí Minh", "Ho Chi Minh City", "sài gòn", nfd("Sài Gòn")])
def test_what_people_type_for_ho_chi_minh_city(typed):
    assert loading.check_provinces(typed) == ["TP. Hồ Chí Minh"]


def test_hue_and_tone_mark_variants():
    assert loading.check_provinces(["Huế", "Hòa Bình"]) == ["Thừa Thiên Huế", "Hoà Bình"]


def test_an_alias_and_its_province_together_are_listed_twice():
    with pytest.raises(ValueError, match="province 'TP. Hồ Chí Minh' is listed twice"):
        loading.check_provinces(["TP. Hồ Chí Minh", "Sài Gòn"])


@pytest.mark.parametrize("alias, predecessors", MERGED)
def test_a_province_of_the_2025_merger_is_refused_with_its_predecessors(alias, predecessors):
    with pytest.raises(ValueError) as error:
        loading.check_provinces(alias)
    message = str(error.value)
    assert "2025 merger" in message and "before the merger" in message
    assert all(repr(p) in message for p in predecessors)
    assert f"-y 'provinces: [{', '.join(predecessors)}]'" in message
    # the suggested list is itself accepted
    assert loading.check_provinces(predecessors) == predecessors


def test_plain_papermill_setup_line_accepts_an_alias_and_says_so(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DX_FIGURES_DIR", str(tmp_path))
    provinces, lang = parameters.use(["Sài Gòn", nfd("Hậu Giang")], "vi")
    assert provinces == ["TP. Hồ Chí Minh", "Hậu Giang"] and lang == "vi"
    printed = capsys.readouterr().out
    assert "'Sài Gòn' được hiểu là 'TP. Hồ Chí Minh'" in printed
    assert "chuẩn hóa Unicode" in printed


def test_the_runner_reads_the_alias_before_any_kernel_and_says_so(capsys):
    notebooks = running.resolve_notebooks(["05_scorecard"])
    parsed = running.parse_parameters([("provinces", "['TP HCM', 'Tiền Giang']")], notebooks)
    assert parsed["provinces"] == ["TP. Hồ Chí Minh", "Tiền Giang"]
    assert "'TP HCM' read as 'TP. Hồ Chí Minh'" in capsys.readouterr().out
    with pytest.raises(running.RunnerError, match="2025 merger"):
        running.parse_parameters([("provinces", "Cần Thơ (mới)")], notebooks)


# -- validation


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def set_province(root, obs_id, value):
    path = root / "data/observations.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    line = next(i for i, row in enumerate(rows, start=1) if row[0] == obs_id)
    rows[line - 1][1] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return line


def first_observation():
    observations = loading.load("observations")
    return observations["obs_id"].iloc[0], observations["province"].iloc[0]


def test_validation_reads_a_decomposed_name_as_the_official_one(project):
    obs_id, province = first_observation()
    set_province(project, obs_id, nfd(province))
    assert [str(p) for p in validate_all(project)] == []


def test_validation_names_the_official_spelling_of_an_alias(project):
    obs_id, _ = first_observation()
    line = set_province(project, obs_id, "Sài Gòn")
    found = [p.message for p in validate_all(project) if (p.row, p.column) == (line, "province")]
    assert len(found) == 1
    assert f"'Sài Gòn' is another name for 'TP. Hồ Chí Minh', {ALIASES}: write 'TP. Hồ Chí Minh'" in found[0]
    line = set_province(project, obs_id, "Đồng Tháp (mới)")
    found = [p.message for p in validate_all(project) if (p.row, p.column) == (line, "province")]
    assert "2025 merger of 'Đồng Tháp', 'Tiền Giang'" in found[0]


def test_validation_checks_the_alias_table(project):
    path = project / ALIASES
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(
            [["Tiền Giang", "Tiền Giang", "an official name"], ["Sài Gòn", "Atlantis", "twice, unknown"]]
        )
    found = {(p.column, p.message.split(";")[0]) for p in validate_all(project) if p.file == ALIASES}
    assert ("alias", "'Tiền Giang' is an official name") in found
    assert any(column == "alias" and "already listed on row" in message for column, message in found)
    assert ("province", "'Atlantis' not in data/reference/regions.csv") in found
