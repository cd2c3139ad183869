"""What the runner says when a notebook run fails: the cell, its line, the
kernel's own last words."""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path


class RunnerError(Exception):
    """A problem with the command line or a notebook run, explained for the user."""


@contextmanager
def _stderr_to(path: Path):
    """Send this worker's stderr (inherited by the kernel) to `path`.

    Keeps the progress lines readable; on a failure the runner shows the log's
    last lines (a dead kernel's own words).
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:  # appended: a kept kernel writes on into it
        os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def _log_tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").strip() if path.exists() else ""
    return "\n".join("    | " + line for line in text.splitlines()[-lines:])


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ARROW = re.compile(r"^\s*-+>\s*(\d+)\s?(.*)$")


def traceback_frames(traceback: list[str]) -> list[tuple[str, int, str]]:
    """(where, line number, code) of each frame of an IPython traceback, outermost first."""
    frames = []
    for entry in traceback:
        lines = _ANSI.sub("", entry).splitlines()
        arrows = [m for m in map(_ARROW.match, lines) if m]
        if lines and arrows:
            frames.append((lines[0].strip(), int(arrows[-1].group(1)), arrows[-1].group(2).strip()))
    return frames


def describe_failure(exc) -> str:
    """The cell, the cell line that raised, the innermost line if elsewhere, the exception."""
    frames = traceback_frames(exc.traceback or [])
    in_cell = [f for f in frames if f[0].startswith("Cell In")]
    text = f"cell {exc.cell_index} (execution count {exc.exec_count}) failed"
    if in_cell:
        text += f" at line {in_cell[0][1]} of the cell: {in_cell[0][2]}"
        if frames[-1] is not in_cell[0]:
            text += f"\n    raised in {frames[-1][0]}: {frames[-1][2]}"
    else:  # a syntax error has no frame: show the cell's source
        text += f"; cell source:\n{exc.source}"
    return text + f"\n    {exc.ename}: {exc.evalue}"
