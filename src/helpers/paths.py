"""Where the project's files live, independent of the working directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW_ARTICLES = DATA / "raw" / "articles"
REFERENCE = DATA / "reference"
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"

# The runner points this at a staging folder so that figures appear in
# figures/ only after every notebook succeeded; tests point it at a tmp dir.
FIGURES_ENV = "DX_FIGURES_DIR"


def figures_dir() -> Path:
    """The folder figures are written to now."""
    return Path(os.environ.get(FIGURES_ENV) or FIGURES)
