"""Every notebook runs through papermill with other parameters: Vietnamese,
provinces reversed, a single province. Runs go to tmp dirs, never to
notebooks/ or figures/. (Bad values are refused before any kernel starts:
tests/test_runner.py.)"""

import re

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
    # Warnings (a missing glyph, a pandas deprecation) reach the notebook as stderr.
    complaints = [o for c in nb.cells for o in c.get("outputs", [])
                  if o["output_type"] == "error" or o.get("name") == "stderr"]
    assert complaints == []
    text = outputs_text(nb)
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


# Thousands written the English way (1,860); quotes in the articles use 1.860.
ENGLISH_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")


def test_vietnamese_run_formats_the_numbers_it_computes_the_vietnamese_way(runs):
    english = "\n".join(outputs_text(nbformat.read(nb, as_version=4)) for nb in NOTEBOOKS_ALL)
    vietnamese = "\n".join(
        outputs_text(nbformat.read(runs["vietnamese"] / nb.name, as_version=4)) for nb in NOTEBOOKS_ALL)
    formatted = set(ENGLISH_THOUSANDS.findall(english))
    assert formatted, "the English notebooks show no thousands: nothing to compare"
    assert ENGLISH_THOUSANDS.findall(vietnamese) == []
    assert all(n.replace(",", ".") in vietnamese for n in formatted)
