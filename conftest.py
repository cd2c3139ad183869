"""Shared test setup, for tests/ and for strict nbval on notebooks/.

Notebook kernels started by nbval and papermill inherit this environment, so
figures written while testing go to a throwaway folder, never to figures/.
"""

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from nbval.plugin import IPyNbCell

from helpers.data.paths import FIGURES_ENV, INLINE_IMAGES_ENV, SHOW_FIGURES_ENV, WRITE_FIGURES_ENV

os.environ[FIGURES_ENV] = tempfile.mkdtemp(prefix="dx-test-figures-")
os.environ.pop("MPLBACKEND", None)  # kernels keep the inline backend, as in the stored notebooks
os.environ.setdefault("PYTHONHASHSEED", "0")


@pytest.fixture(autouse=True)
def _canonical_figure_folder():
    """A test that calls parameters.use with other values chooses a variant folder for
    the whole process; put it back, so that the next test sees the canonical one."""
    from helpers.data import paths

    chosen = paths._chosen
    yield
    paths._chosen = chosen


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """Strict nbval compares cell outputs, not files, and text outputs, not
    images: its kernels (started in the first cell's set-up) draw every figure
    but write no file and render no inline image (a chart leaves its text
    output, as in the stored notebook). Files are checked by the runs of tests/
    (test_runner, test_clients, test_notebooks, test_chart_rules); the stored
    images by test_runner's run of the runner."""
    if not isinstance(item, IPyNbCell):
        yield
        return
    names = (WRITE_FIGURES_ENV, INLINE_IMAGES_ENV)
    before = {name: os.environ.get(name) for name in names}
    os.environ.update(dict.fromkeys(names, "0"))
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# ------------------------------------------------------------ shared notebook runs
# Parameterized runs of the notebooks that several test files read. Each runs once
# per session, even with pytest-xdist: the first worker that asks runs it under a
# file lock in the session's shared tmp folder, the others wait and reuse it.
# `files`: whether the kernels write figure files and show charts inline (only
# checked where on; the Vietnamese run is read for its text). No run renders an
# inline image: no test reads one (DX_INLINE_IMAGES=0; charts keep their text).


def mekong_delta() -> list[str]:
    from helpers.data import loading

    regions = loading.load("regions")
    return list(regions.loc[regions["in_mekong_delta"], "province"])


def shared_run_cases() -> dict:
    from helpers.data import loading
    from helpers.run import runner as running

    every = running.canonical_notebooks()
    summary = [nb for nb in every if nb.stem.startswith("00_")]
    return {
        # Every notebook in Vietnamese, the study's provinces reversed and a third province
        # without a curated article (figure files: test_clients, test_chart_rules).
        "vietnamese": (
            every,
            {"lang": "vi", "provinces": [*reversed(loading.available_provinces()), "Cần Thơ"]},
            False,
        ),
        # Only provinces without a curated article: what is not reported, figures not written.
        "without_articles": (summary, {"provinces": ["Cần Thơ", "Sóc Trăng"]}, True),
        # The 13 Mekong Delta provinces.
        "mekong_summary": (summary, {"provinces": mekong_delta()}, True),
    }


class SharedRuns:
    def __init__(self, root: Path):
        self.root = root
        self.cases = shared_run_cases()

    def parameters(self, case: str) -> dict:
        return self.cases[case][1]

    def notebooks(self, case: str) -> list[Path]:
        return self.cases[case][0]

    def folder(self, case: str) -> Path:
        from helpers.data.paths import FIGURES, NOTEBOOKS
        from helpers.run import runner as running

        notebooks, parameters, files = self.cases[case]
        folder = self.root / case
        with open(self.root / f"{case}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (self.root / f"{case}.done").exists():
                shutil.rmtree(folder, ignore_errors=True)
                committed = [*NOTEBOOKS.rglob("*.ipynb"), *(f for f in FIGURES.rglob("*") if f.is_file())]
                before = {p: p.read_bytes() for p in committed}
                for name in (WRITE_FIGURES_ENV, SHOW_FIGURES_ENV):
                    os.environ[name] = "1" if files else "0"
                os.environ[INLINE_IMAGES_ENV] = "0"  # these runs are read for their text and files
                try:
                    running.run_notebooks(notebooks, parameters, folder, log=lambda m: None)
                finally:
                    for name in (WRITE_FIGURES_ENV, SHOW_FIGURES_ENV, INLINE_IMAGES_ENV):
                        os.environ.pop(name, None)
                assert {p: p.read_bytes() for p in committed} == before, (
                    f"the {case} run touched notebooks/ or figures/"
                )
                (self.root / f"{case}.done").touch()
        return folder


@pytest.fixture(scope="session")
def shared_runs(tmp_path_factory) -> SharedRuns:
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-runs"
    root.mkdir(exist_ok=True)
    return SharedRuns(root)
