"""Notebook parameters: any of the official provinces, did-you-mean errors, the
variant folder a choice writes to, and the notebooks declaring what the helpers
assume. No kernel is started here."""

import subprocess
import sys

import nbformat
import pytest

from helpers.charts import plotting
from helpers.data import loading, paths
from helpers.run import lab, parameters
from helpers.run import runner as running

NOTEBOOKS_ALL = running.canonical_notebooks()
OFFICIAL = loading.official_provinces()


def test_any_official_province_is_accepted_with_or_without_articles():
    without_article = sorted(set(OFFICIAL) - set(loading.available_provinces()))
    assert without_article, "every province has an article: pick another check"
    assert loading.check_provinces(OFFICIAL) == OFFICIAL
    assert loading.check_provinces([without_article[0]]) == [without_article[0]]


def test_a_single_name_becomes_a_list():
    assert loading.check_provinces(OFFICIAL[-1]) == [OFFICIAL[-1]]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Hau Giang", "Hậu Giang"),
        ("tien giang", "Tiền Giang"),
        ("Can Tho", "Cần Thơ"),
        ("Ho Chi Minh", "TP. Hồ Chí Minh"),
        ("Dong Thap", "Đồng Tháp"),
    ],
)
def test_unknown_name_suggests_the_official_spelling(typed, meant):
    with pytest.raises(ValueError) as error:
        loading.check_provinces(["Hậu Giang", typed])
    message = str(error.value)
    assert f"unknown province {typed!r}: did you mean {meant!r}?" in message
    # A suggestion, not the list of 63 names.
    assert sum(p in message for p in OFFICIAL if p != meant) <= 1


def test_a_name_close_to_nothing_gets_no_suggestion():
    with pytest.raises(ValueError, match="unknown province 'Atlantis': no official name is close"):
        loading.check_provinces("Atlantis")


@pytest.mark.parametrize("bad", [3, [], ["Hậu Giang", 3], None])
def test_a_value_that_is_not_names_shows_the_papermill_syntax(bad):
    with pytest.raises(ValueError) as error:
        loading.check_provinces(bad)
    assert "-y 'provinces: [Hậu Giang, Cần Thơ]'" in str(error.value)


def test_several_names_in_one_string_point_to_the_list_syntax():
    with pytest.raises(ValueError, match=r"several provinces go in a list .*-y 'provinces: \[Hậu Giang, Cần Thơ\]'"):
        loading.check_provinces("Hậu Giang, Cần Thơ")


def test_a_province_listed_twice_is_refused():
    with pytest.raises(ValueError, match="listed twice"):
        loading.check_provinces(["Hậu Giang", "Hậu Giang"])


def test_lang_error_names_the_parameter_and_the_valid_values():
    with pytest.raises(ValueError, match=r"parameter 'lang': lang must be one of en, vi; got 'fr'"):
        parameters.check("lang", "fr")


def test_variant_names_are_deterministic_and_never_canonical():
    canonical = parameters.CANONICAL
    assert parameters.variant_name(parameters.check_all(canonical)) == ""
    assert parameters.figures_dir_for(canonical) == paths.FIGURES
    names = {
        parameters.variant_name(parameters.check_all({**canonical, **change}))
        for change in [
            {"lang": "vi"},
            {"provinces": canonical["provinces"][::-1]},
            {"provinces": canonical["provinces"][:1]},
            {"provinces": OFFICIAL},
        ]
    }
    assert len(names) == 4 and "" not in names  # distinct choices, distinct folders
    assert parameters.variant_name({**canonical, "lang": "vi"}) == "lang-vi"
    assert parameters.variant_name({**canonical, "provinces": ["Tiền Giang"]}) == "provinces-tien-giang"
    assert all(n.isascii() and len(n) <= 60 and "/" not in n for n in names)


def test_use_routes_figures_by_parameters_and_an_explicit_folder_wins(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv(paths.FIGURES_ENV, raising=False)
    monkeypatch.setattr(paths, "_chosen", None)
    assert parameters.use(OFFICIAL[-1], "vi") == ([OFFICIAL[-1]], "vi")
    variant = paths.VARIANTS / parameters.variant_name({"provinces": [OFFICIAL[-1]], "lang": "vi"}) / "figures"
    assert paths.figures_dir() == variant
    assert f"lưu vào out/{variant.parent.name}/figures/" in capsys.readouterr().out  # in the chosen language
    parameters.use(*parameters.CANONICAL.values())
    assert paths.figures_dir() == paths.FIGURES
    monkeypatch.setenv(paths.FIGURES_ENV, str(tmp_path))
    parameters.use(OFFICIAL[-1], "vi")
    assert paths.figures_dir() == tmp_path


def parameters_cell(nb):
    return next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))


@pytest.mark.parametrize("path", NOTEBOOKS_ALL, ids=lambda p: p.stem)
def test_notebook_declares_the_canonical_parameters_and_the_lab_kernel(path):
    nb = nbformat.read(path, as_version=4)
    assert running.notebook_parameters(path) == parameters.CANONICAL
    setup = nb.cells[parameters_cell(nb) + 1].source
    assert "provinces, lang = parameters.use(provinces, lang)" in setup.splitlines()
    assert dict(nb.metadata["kernelspec"]) == lab.KERNELSPEC


def test_papermill_help_shows_both_parameters_with_their_types():
    result = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(NOTEBOOKS_ALL[0])],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert any(line.strip().startswith("provinces: Union[list[str], str] (default") for line in lines)
    assert any(line.strip().startswith('lang: str (default "en")') and '"vi"' in line for line in lines)
    assert "Unknown type" not in result.stdout


def test_lab_as_root_needs_the_opt_in_and_stays_local_with_a_token():
    with pytest.raises(lab.LabError, match="make lab ALLOW_ROOT=1"):
        lab.lab_command(is_root=True, allow_root=False)
    command = lab.lab_command(is_root=True, allow_root=True)
    assert "--allow-root" in command and "--ServerApp.ip=127.0.0.1" in command
    assert not any("token" in part.lower() or "0.0.0.0" in part for part in command)
    assert "--allow-root" not in lab.lab_command(is_root=False, allow_root=False)
