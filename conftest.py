"""Shared test setup, for tests/ and for strict nbval on notebooks/.

Notebook kernels started by nbval and papermill inherit this environment, so
figures written while testing go to a throwaway folder, never to figures/.
"""

import os
import tempfile

import pytest
from nbval.plugin import IPyNbCell

from helpers.paths import FIGURES_ENV, WRITE_FIGURES_ENV

os.environ[FIGURES_ENV] = tempfile.mkdtemp(prefix="dx-test-figures-")
os.environ.pop("MPLBACKEND", None)  # kernels keep the inline backend, as in the stored notebooks
os.environ.setdefault("PYTHONHASHSEED", "0")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """Strict nbval compares cell outputs, not files: its kernels (started in the
    first cell's set-up) draw every figure but write none, which saves the two
    extra renders (PNG, SVG) of each figure. Files are checked by the runs of
    tests/ (test_runner, test_clients, test_notebooks, test_chart_rules)."""
    if not isinstance(item, IPyNbCell):
        yield
        return
    before = os.environ.get(WRITE_FIGURES_ENV)
    os.environ[WRITE_FIGURES_ENV] = "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ[WRITE_FIGURES_ENV]
        else:
            os.environ[WRITE_FIGURES_ENV] = before
