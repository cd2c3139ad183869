"""Deterministic notebooks: what the runner strips from an executed notebook so that
a second run writes the same bytes (papermill and nbclient timestamps, random cell ids)."""

from __future__ import annotations

import nbformat

# Cell metadata written by papermill / nbclient / JupyterLab that changes on every run.
VOLATILE_CELL_METADATA = ("papermill", "execution", "ExecuteTime", "collapsed", "scrolled")


def clean_notebook(nb: nbformat.NotebookNode, parameters: dict | None = None) -> nbformat.NotebookNode:
    """Strip run-specific metadata; keep sources, outputs, execution counts and tags."""
    nb.metadata.pop("papermill", None)
    if parameters:
        nb.metadata["papermill"] = {"parameters": parameters}
    for index, cell in enumerate(nb.cells):
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        # Injected cells get random ids; positional ids are stable across runs.
        cell["id"] = f"cell-{index:02d}"
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.rstrip("\n")  # as `ruff format` leaves it (make test checks)
    return nb


def restart_counts(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Execution counts from 1, as in a fresh kernel (one kernel runs both renditions of a notebook)."""
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.get("execution_count")]
    shift = counts[0] - 1 if counts else 0
    for cell in (c for c in nb.cells if shift and c.cell_type == "code" and c.get("execution_count")):
        cell.execution_count -= shift
        for output in (o for o in cell.outputs if o.get("execution_count")):
            output["execution_count"] -= shift
    return nb


def volatile_metadata(nb: nbformat.NotebookNode) -> list[str]:
    """Names of volatile fields still present (empty for a clean notebook)."""
    found = []
    papermill_meta = nb.metadata.get("papermill", {})
    found += [f"metadata.papermill.{k}" for k in papermill_meta if k != "parameters"]
    for index, cell in enumerate(nb.cells):
        found += [f"cells[{index}].metadata.{k}" for k in VOLATILE_CELL_METADATA if k in cell.metadata]
        if cell.get("id") != f"cell-{index:02d}":
            found.append(f"cells[{index}].id")
    return found
