"""Plain papermill, as a researcher runs it without the project's runner: other
parameters never overwrite figures/; they land in out/<variant>/figures/ as the
README says."""

import os
import shutil
import subprocess
import sys

import nbformat
import pytest

from helpers.data import paths
from helpers.run import parameters

# One run of the quickest notebook that draws for one province (the appendix's
# timeline; a scorecard of one province has nothing to draw), from the repository
# root (the runner and JupyterLab run from notebooks/): Vietnamese, and one
# province given as a plain string. Every notebook calls the same setup line
# (test_parameters).
APPENDIX = paths.NOTEBOOKS / "06_appendix_corpus.ipynb"
CASES = {
    "Vietnamese, one province as a plain string, from the repository root": (
        APPENDIX,
        paths.ROOT,
        ["-p", "lang", "vi", "-p", "provinces", "Tiền Giang"],
        {"lang": "vi", "provinces": ["Tiền Giang"]},
    ),
}


def figures_snapshot():
    return {p.relative_to(paths.FIGURES).as_posix(): p.read_bytes() for p in paths.FIGURES.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES)
def test_plain_papermill_writes_variants_beside_the_canonical_figures(case, tmp_path):
    notebook, cwd, args, values = CASES[case]
    variant = parameters.figures_dir_for({**parameters.CANONICAL, **values})
    assert variant.parent.parent == paths.ROOT / "out"
    shutil.rmtree(variant.parent, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k != paths.FIGURES_ENV}  # as outside pytest
    before = figures_snapshot()
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "papermill",
                str(notebook),
                str(tmp_path / "run.ipynb"),
                *args,
                "--no-progress-bar",
                "--log-level",
                "ERROR",
            ],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert figures_snapshot() == before, "plain papermill wrote over figures/"
        own = {n for n in before if n.split("/")[-1].startswith(notebook.stem[:3]) and not n.startswith("vi/")}
        written = {p.relative_to(variant).as_posix() for p in variant.rglob("*") if p.is_file()}
        # the same figures and data files; one PNG per figure
        assert own and {n.rsplit(".", 1)[0] for n in written} == {n.rsplit(".", 1)[0] for n in own}
        assert all(n.endswith((".png", ".csv")) for n in written)
        assert any((variant / n).read_bytes() != before[n] for n in written & own), "variant drew the canonical"
        nb = nbformat.read(tmp_path / "run.ipynb", as_version=4)
        printed = [o.get("text", "") for c in nb.cells for o in c.get("outputs", [])]
        assert f"Hình cho các tham số này được lưu vào out/{variant.parent.name}/figures/\n" in printed
    finally:
        shutil.rmtree(variant.parent, ignore_errors=True)
