"""The papermill runner: choices checked up front, atomic results, clean output."""

import subprocess
import sys

import nbformat
import pytest

from helpers.data.paths import FIGURES, NOTEBOOKS, ROOT
from helpers.run import runner as running

FIRST = running.canonical_notebooks()[0]


def run_cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "helpers.run", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot():
    files = sorted(NOTEBOOKS.rglob("*.ipynb")) + sorted(f for f in FIGURES.rglob("*") if f.is_file())
    return {p: p.read_bytes() for p in files}


def test_unknown_notebook_names_the_valid_ones_and_writes_nothing(tmp_path):
    before = snapshot()
    result = run_cli("99_nope", "--output-dir", str(tmp_path))
    assert result.returncode != 0
    assert "unknown notebook '99_nope'" in result.stderr
    assert FIRST.stem in result.stderr
    assert snapshot() == before and not any(tmp_path.iterdir())


def test_unknown_parameter_names_the_valid_ones(tmp_path):
    result = run_cli(FIRST.stem, "-p", "langg", "vi", "--output-dir", str(tmp_path))
    assert result.returncode != 0
    assert "no parameter 'langg'" in result.stderr
    assert "lang" in result.stderr.split("valid parameters:")[1]
    assert not any(tmp_path.iterdir())


def test_value_of_the_wrong_type_is_refused(tmp_path):
    result = run_cli(FIRST.stem, "-p", "provinces", "3", "--output-dir", str(tmp_path))
    assert result.returncode != 0
    assert "parameter 'provinces': provinces must be a province name or a non-empty list" in result.stderr
    assert "-y 'provinces: [Hậu Giang, Cần Thơ]'" in result.stderr
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        ("vi", "en", "vi"),
        ("'vi'", "en", "vi"),
        ("['Hậu Giang']", ["a"], ["Hậu Giang"]),
        ("3", 1.5, 3.0),
        ("True", False, True),
        ("None", None, None),
    ],
)
def test_coerce_parameter_accepts_literals_of_the_default_type(raw, default, expected):
    assert running.coerce_parameter("x", raw, default) == expected


@pytest.mark.parametrize(("raw", "default"), [("vi", ["a"]), ("1", True), ("[1", []), ("'a'", 3)])
def test_coerce_parameter_rejects_other_types(raw, default):
    with pytest.raises(running.RunnerError, match="parameter 'x'"):
        running.coerce_parameter("x", raw, default)


def test_clean_notebook_drops_volatile_metadata_but_keeps_outputs():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=3)
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)]
    cell.metadata = {
        "tags": ["parameters"],
        "execution": {"iopub.execute_input": "2026-01-01T00:00:00Z"},
        "papermill": {"duration": 0.1, "start_time": "x"},
    }
    nb.cells = [cell]
    nb.metadata["papermill"] = {"start_time": "x", "duration": 1.0, "input_path": "/tmp/a.ipynb"}
    assert running.volatile_metadata(nb)
    clean = running.clean_notebook(nb, {"lang": "vi"})
    assert running.volatile_metadata(clean) == []
    assert clean.metadata["papermill"] == {"parameters": {"lang": "vi"}}
    assert clean.cells[0].metadata == {"tags": ["parameters"]}
    assert clean.cells[0].execution_count == 3 and clean.cells[0].outputs[0]["data"]["text/plain"] == "2"


PUBLISHED = [*running.canonical_notebooks(), *(NOTEBOOKS / "vi" / p.name for p in running.canonical_notebooks())]


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.relative_to(NOTEBOOKS).with_suffix("").as_posix())
def test_committed_notebooks_carry_no_volatile_metadata(path):
    nb = nbformat.read(path, as_version=4)
    assert running.volatile_metadata(nb) == []
    text = path.read_text(encoding="utf-8")
    for marker in ("start_time", "end_time", "iopub.execute_input", "shell.execute_reply", " at 0x"):
        assert marker not in text, marker
    assert all(c.get("execution_count") for c in nb.cells if c.cell_type == "code"), "not executed"
    assert path.stat().st_size < 1_000_000, "over 1 MB renders poorly on GitHub"
    assert any("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])), "no chart stored"


def python_notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_failing_notebook_leaves_committed_files_alone(tmp_path, monkeypatch):
    nb_dir, fig_dir = tmp_path / "notebooks", tmp_path / "figures"
    nb_dir.mkdir()
    fig_dir.mkdir()
    good = python_notebook(
        "import matplotlib.pyplot as plt\nfrom helpers.charts import plotting\n"
        "plotting.save_figure(plt.figure(), 'half_written')"
    )
    # The error is raised inside a helper, from the third line of the cell.
    bad = python_notebook("x = 1", "from helpers.data import loading\n\nloading.check_provinces('Hau Giang')\ny = 2")
    for name, nb in {"00_good.ipynb": good, "01_bad.ipynb": bad}.items():
        nbformat.write(nb, nb_dir / name)
    before = {p: p.read_bytes() for p in nb_dir.iterdir()}
    monkeypatch.setattr(running, "NOTEBOOKS", nb_dir)
    monkeypatch.setattr(running, "FIGURES", fig_dir)
    monkeypatch.setattr(running, "ROOT", tmp_path)
    with pytest.raises(running.RunnerError) as error:
        running.run_notebooks(running.canonical_notebooks(), log=lambda m: None)
    message = str(error.value)
    assert "01_bad.ipynb: cell 1" in message
    assert "at line 3 of the cell: loading.check_provinces('Hau Giang')" in message
    assert "raised in File" in message and "loading.py" in message
    assert "ValueError: unknown province 'Hau Giang': did you mean 'Hậu Giang'?" in message
    assert {p: p.read_bytes() for p in nb_dir.iterdir()} == before
    assert list(fig_dir.iterdir()) == []
    assert not list(tmp_path.glob(".run-staging-*"))


def test_dead_kernel_is_reported_with_the_notebook_name(tmp_path):
    source = tmp_path / "99_dies.ipynb"
    nbformat.write(python_notebook("import os\nos._exit(3)"), source)
    with pytest.raises(running.RunnerError) as error:
        running.run_notebooks([source], output_dir=tmp_path / "out", log=lambda m: None)
    message = str(error.value)
    assert message.startswith("nothing was written; 99_dies.ipynb: the run stopped with DeadKernelError")
    assert not (tmp_path / "out").exists()


def test_a_kept_kernel_gives_each_notebook_a_fresh_namespace(tmp_path):
    """One worker runs both notebooks in one kernel (same process id), the second without the
    first's variables or open figures; with keep_kernels=False each gets a kernel of its own."""
    first = python_notebook("import os, matplotlib.pyplot as plt\nleaked = plt.figure()\nprint(os.getpid())")
    second = python_notebook(
        "import os, matplotlib.pyplot as plt\nprint(os.getpid(), 'leaked' in dir(), plt.get_fignums())"
    )
    sources = [tmp_path / "00_first.ipynb", tmp_path / "01_second.ipynb"]
    for path, nb in zip(sources, [first, second]):
        nbformat.write(nb, path)

    def pids(keep):
        out = tmp_path / f"out-{keep}"
        running.run_notebooks(sources, output_dir=out, workers=1, log=lambda m: None, keep_kernels=keep)
        texts = [nbformat.read(out / p.name, as_version=4).cells[0].outputs[0]["text"].split() for p in sources]
        assert texts[1][1:] == ["False", "[]"]  # nothing of the first notebook is left
        assert [c.execution_count for c in nbformat.read(out / sources[1].name, as_version=4).cells] == [1]
        return texts[0][0], texts[1][0]

    kept, fresh = pids(True), pids(False)
    assert kept[0] == kept[1] and fresh[0] != fresh[1]


QUICKEST = NOTEBOOKS / "05_scorecard.ipynb"  # the whole CLI path, in the shortest run


def test_output_dir_run_from_elsewhere_reproduces_the_committed_notebook(tmp_path):
    before = snapshot()
    out = tmp_path / "out"
    result = run_cli(QUICKEST.stem, "--output-dir", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "IPKernelApp" not in result.stderr, "kernel start-up chatter should stay out of the progress output"
    assert (out / QUICKEST.name).read_bytes() == QUICKEST.read_bytes()
    for fig in (f for f in (out / "figures").rglob("*") if f.is_file()):
        relative = fig.relative_to(out / "figures")
        assert fig.read_bytes() == (FIGURES / relative).read_bytes(), relative
    assert snapshot() == before


@pytest.fixture
def no_kernels(monkeypatch):
    """Fails the test if the runner gets as far as starting notebooks."""
    started = []
    monkeypatch.setattr(running, "run_notebooks", lambda *a, **k: started.append(a) or [])
    return started


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-p", "lang", "fr"], "parameter 'lang': lang must be one of en, vi; got 'fr'"),
        (["-p", "provinces", "Hau Giang"], "unknown province 'Hau Giang': did you mean 'Hậu Giang'?"),
        (["-p", "provinces", '["Tiền Giang", "Atlantis"]'], "unknown province 'Atlantis'"),
        (["-p", "provinces", "[Hậu Giang, Cần Thơ]"], "is not a Python list"),
    ],
)
def test_bad_values_are_refused_once_before_any_notebook_starts(no_kernels, capsys, args, expected):
    assert running.main(["--skip-validation", *args]) == 2
    err = capsys.readouterr().err
    assert err.count(expected) == 1, err  # one message, not one per notebook
    assert no_kernels == []


def test_one_province_name_is_a_list_and_parameters_default_to_their_variant_folder(no_kernels, capsys):
    assert running.main(["--skip-validation", "-p", "provinces", "Tiền Giang"]) == 0
    ((notebooks, params, output_dir),) = no_kernels
    assert params == {"provinces": ["Tiền Giang"]}
    assert output_dir == ROOT / "out" / "provinces-tien-giang"


def test_canonical_values_given_explicitly_are_the_canonical_run(no_kernels):
    assert running.main(["--skip-validation", "-p", "lang", "en"]) == 0
    ((notebooks, params, output_dir),) = no_kernels
    assert params == {} and output_dir is None


def test_benchmark_failure_shows_the_commands_own_output():
    from helpers.run import benchmark

    # The message is assembled at run time: the command line alone does not contain it.
    failing = [sys.executable, "-c", "import sys; print('the reason', 'it failed', file=sys.stderr); sys.exit(3)"]
    with pytest.raises(benchmark.BenchError) as error:
        benchmark._timed(failing, {})
    assert "exit status 3" in str(error.value) and "the reason it failed" in str(error.value)


def test_the_benchmark_floor_imports_what_the_notebooks_import():
    """The floor kernel imports every helpers module a notebook's set-up cell imports (it
    broke silently when the modules moved into layer folders: `import ` and nothing)."""
    import importlib.util

    from helpers.run.benchmark import floor_imports

    code = floor_imports()
    compile(code, "floor", "exec")
    modules = code.splitlines()[1].removeprefix("import ").split(", ")
    assert any(m.startswith("helpers.notebooks.") for m in modules)
    assert all(importlib.util.find_spec(m) is not None for m in modules), modules
