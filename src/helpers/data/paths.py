"""Where the project's files live, independent of the working directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
RAW_ARTICLES = DATA / "raw" / "articles"
REFERENCE = DATA / "reference"
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
# Figures of non-canonical parameters: out/<variant>/figures (helpers.run.parameters).
VARIANTS = ROOT / "out"
# Charts re-drawn from a reader's own rows (a filtered frame): never over a published figure.
REDRAWS = VARIANTS / "redraw"

# The runner points this at a staging folder so that figures appear in
# figures/ only after every notebook succeeded; tests point it at a tmp dir.
FIGURES_ENV = "DX_FIGURES_DIR"
# "0" draws figures without writing their files: strict nbval re-executes the
# committed notebooks to compare their outputs, and files are not outputs.
WRITE_FIGURES_ENV = "DX_WRITE_FIGURES"
# "0" runs the notebooks for their text alone: charts are drawn but not shown
# inline (the test suite's Vietnamese run reads text outputs only).
SHOW_FIGURES_ENV = "DX_SHOW_FIGURES"
# "0" shows charts inline as their text alone, without rendering the image:
# strict nbval compares text outputs and skips images (see conftest.py).
INLINE_IMAGES_ENV = "DX_INLINE_IMAGES"


_chosen: Path | None = None


def choose_figures_dir(path: Path | None) -> None:
    """Set the folder a notebook's parameters call for (helpers.run.parameters.use).

    An explicit DX_FIGURES_DIR still wins: the runner's staging folder, tests.
    """
    global _chosen
    _chosen = path


def canonical_figures() -> bool:
    """True unless a notebook's parameters chose a variant folder (in-process
    callers and the canonical notebooks write the canonical figures)."""
    return _chosen is None or _chosen == FIGURES


def chosen_figures_dir() -> Path:
    """The folder the notebook's parameters chose (figures/ or out/<variant>/figures),
    whatever staging folder the runner writes to first."""
    return _chosen or FIGURES


def writes_figures() -> bool:
    """False when DX_WRITE_FIGURES=0 (strict nbval's runs; see conftest.py)."""
    return os.environ.get(WRITE_FIGURES_ENV, "1") != "0"


def shows_figures() -> bool:
    """False when DX_SHOW_FIGURES=0: figures are closed instead of shown inline."""
    return os.environ.get(SHOW_FIGURES_ENV, "1") != "0"


def renders_inline_images() -> bool:
    """False when DX_INLINE_IMAGES=0: a chart shown inline leaves its text output only."""
    return os.environ.get(INLINE_IMAGES_ENV, "1") != "0"


def figures_dir() -> Path:
    """The folder figures are written to now. DX_FIGURES_DIR stands in for figures/: a
    published rendition keeps its subfolder there (figures/vi -> $DX_FIGURES_DIR/vi), so
    that one kernel can run both renditions of a notebook (helpers.run.runner)."""
    staged = os.environ.get(FIGURES_ENV)
    if staged:
        return Path(staged) / _chosen.name if _chosen is not None and _chosen.parent == FIGURES else Path(staged)
    return _chosen or FIGURES


def redraw_dir() -> Path:
    """Where a chart re-drawn from a reader's own rows goes: out/redraw/ for the published
    figures (out/redraw/vi/ for figures/vi/), a variant's figures/redraw/ subfolder, or
    redraw/ inside DX_FIGURES_DIR (tests); never the folder of the notebook's own figures."""
    if os.environ.get(FIGURES_ENV):
        return figures_dir() / "redraw"
    chosen = _chosen or FIGURES
    return REDRAWS / chosen.relative_to(FIGURES) if chosen.is_relative_to(FIGURES) else chosen / "redraw"


def figure_data_path(name: str, redraw: bool = False) -> str:
    """Where a reader finds figure `name`'s data: figures/data/<name>.csv, the variant's
    folder, or the re-draw folder (relative to the project; staging and test folders are not shown)."""
    folder = redraw_dir() if redraw else _chosen or FIGURES
    path = folder / "data" / f"{name}.csv"
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()
