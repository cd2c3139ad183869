"""Every notebook runs through papermill with other parameters: Vietnamese,
provinces reversed, a single province; an unknown province fails at once with
the list of available ones. Runs go to tmp dirs, never to notebooks/ or figures/."""

from pathlib import Path

import nbformat
import pytest

from helpers import loading, running
from helpers.paths import FIGURES, NOTEBOOKS

NOTEBOOKS_ALL = running.canonical_notebooks()
PROVINCES = loading.available_provinces()
CASES = {
    "vietnamese": {"lang": "vi"},
    "reversed": {"provinces": list(reversed(PROVINCES))},
    "single": {"provinces": [PROVINCES[-1]]},
}


def outputs_text(nb) -> str:
    chunks = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            chunks.append(out.get("text", ""))
            chunks.extend(str(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(chunks)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    before = {p: p.read_bytes() for p in [*NOTEBOOKS.glob("*.ipynb"), *(f for f in FIGURES.rglob("*") if f.is_file())]}
    done = {}
    for case, parameters in CASES.items():
        out = tmp_path_factory.mktemp(case)
        running.run_notebooks(NOTEBOOKS_ALL, parameters, out, log=lambda m: None)
        done[case] = out
    after = {p: p.read_bytes() for p in [*NOTEBOOKS.glob("*.ipynb"), *(f for f in FIGURES.rglob("*") if f.is_file())]}
    assert after == before, "a parameterized run touched notebooks/ or figures/"
    return done


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("notebook", NOTEBOOKS_ALL, ids=lambda p: p.stem)
def test_notebook_runs_with_other_parameters(runs, case, notebook):
    nb = nbformat.read(runs[case] / notebook.name, as_version=4)
    assert nb.metadata["papermill"]["parameters"] == CASES[case]
    assert running.volatile_metadata(nb) == []
    text = outputs_text(nb)
    assert "Traceback" not in text and "Error" not in text.split("\n")[0]
    assert "missing from font" not in text and "Glyph" not in text
    assert "Warning" not in text, "notebook printed a warning"


def figure_files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("case", CASES)
def test_every_case_writes_the_canonical_figures_or_says_why_not(runs, case):
    produced = figure_files(runs[case] / "figures")
    canonical = figure_files(FIGURES)
    assert set(produced) <= set(canonical)
    if len(CASES[case].get("provinces", PROVINCES)) > 1:
        assert produced == canonical
    for name in {Path(p).stem for p in canonical} - {Path(p).stem for p in produced}:
        notebook = next(runs[case].glob(f"{name[:2]}_*.ipynb"))
        assert "No figure" in outputs_text(nbformat.read(notebook, as_version=4)) or \
            "nothing to compare" in outputs_text(nbformat.read(notebook, as_version=4)), name


def test_vietnamese_run_uses_vietnamese_number_format(runs):
    texts = [outputs_text(nbformat.read(runs["vietnamese"] / nb.name, as_version=4)) for nb in NOTEBOOKS_ALL]
    joined = "\n".join(texts)
    assert "1.860" in joined or "1.851" in joined


def test_unknown_province_fails_at_once_with_the_valid_list(tmp_path):
    with pytest.raises(running.RunnerError) as error:
        running.run_notebooks(NOTEBOOKS_ALL, {"provinces": ["Atlantis"]}, tmp_path, log=lambda m: None)
    message = str(error.value)
    for nb in NOTEBOOKS_ALL:
        assert nb.name in message
    assert "unknown province(s) 'Atlantis'" in message
    assert all(p in message for p in PROVINCES)
    assert not (tmp_path / "figures").exists() or not any((tmp_path / "figures").iterdir())
