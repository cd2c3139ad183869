"""`python -m helpers.run.benchmark --profile`: where a regeneration's time goes,
per notebook and per figure.

Each notebook runs alone in a fresh kernel (nothing else of the project
running), canonical parameters, figures written to a scratch folder. The
kernel's own CPU time (steadier than wall-clock on a shared machine) is
read at the end of its start-up, after the setup cell's imports (run first as
their own cell) and after each cell; inside the kernel, `record()` times table
loading, figure creation, the PNG render (one per figure: its file and the
notebook's copy) and CSV saving, so that each cell splits into loading /
computing / drawing / render / csv.
"""

from __future__ import annotations

import ast
import json
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path

PHASES = ["kernel", "imports", "loading", "computing", "drawing", "render", "csv"]
_EVENTS: list[tuple[str, str, float, float]] = []  # (phase, detail, start, end), CPU seconds of this process


def _now() -> float:
    return time.process_time()


def _timed(phase: str, detail, function):
    def wrapper(*args, **kwargs):
        start = _now()
        try:
            return function(*args, **kwargs)
        finally:
            _EVENTS.append((phase, detail(*args, **kwargs) if callable(detail) else detail, start, _now()))

    wrapper.__wrapped__ = function
    return wrapper


def record() -> None:
    """In the kernel: time loading, figure creation and saving from now on."""
    import matplotlib.figure
    import pandas as pd
    from matplotlib.backend_bases import FigureCanvasBase

    from helpers.data import geography, loading

    loading._cached = _timed("loading", lambda name: name, loading._cached)
    geography._cached = _timed("loading", "province_shapes", geography._cached)

    def kind(canvas, fname, *args, **kwargs):
        if isinstance(fname, (str, os.PathLike)):
            return f"{Path(fname).suffix.lstrip('.')}:{Path(fname).stem}"
        return "render:"  # the PNG for the file and the notebook (helpers.charts.plotting.figure_png)

    FigureCanvasBase.print_figure = _timed("save", kind, FigureCanvasBase.print_figure)
    pd.DataFrame.to_csv = _timed(
        "save", lambda df, path=None, *a, **k: f"csv:{Path(path).stem}" if path else "csv:", pd.DataFrame.to_csv
    )
    original_init = matplotlib.figure.Figure.__init__

    def init(self, *args, **kwargs):
        _EVENTS.append(("figure", "", _now(), _now()))
        original_init(self, *args, **kwargs)

    matplotlib.figure.Figure.__init__ = init


def mark(label: str) -> None:
    """In the kernel: a boundary between steps (start-up, imports, cells)."""
    _EVENTS.append(("mark", label, _now(), _now()))


def events() -> str:
    """In the kernel: the recorded events, as JSON."""
    return json.dumps(_EVENTS)


def _setup_imports(nb) -> str:
    """The import statements of the notebook's first code cell after `parameters`."""
    code = [c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    tree = ast.parse(code[0].source)
    return "\n".join(ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))


def _cell_phases(start: float, end: float, events: list) -> dict[str, float]:
    """Split one cell's time: loading, drawing (figure creation to its first
    render), the PNG render (file and notebook copy alike), CSV saving, computing (the rest)."""
    inside = [e for e in events if start <= e[2] and e[3] <= end and e[0] != "mark"]
    phases = defaultdict(float)
    for phase, detail, s, e in inside:
        if phase == "loading":
            phases["loading"] += e - s
        elif phase == "save":
            phases[detail.split(":")[0]] += e - s
    created = [e[2] for e in inside if e[0] == "figure"]
    saves = [e[2] for e in inside if e[0] == "save"]
    if created:
        first_save = min([s for s in saves if s >= created[0]], default=end)
        loads_between = sum(e[3] - e[2] for e in inside if e[0] == "loading" and created[0] <= e[2] <= first_save)
        phases["drawing"] = max(0.0, first_save - created[0] - loads_between)
    phases["computing"] = max(0.0, (end - start) - sum(phases.values()))
    return phases


def profile_notebook(path: Path, figures_dir: Path) -> tuple[dict, dict]:
    """(CPU seconds per phase of the notebook, {figure name: phases}), one fresh kernel."""
    import nbformat
    from jupyter_client.manager import start_new_kernel

    from helpers.data.paths import FIGURES_ENV, NOTEBOOKS

    nb = nbformat.read(path, as_version=4)
    env = {**os.environ, FIGURES_ENV: str(figures_dir)}
    env.pop("MPLBACKEND", None)
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(NOTEBOOKS), env=env)

    def run(source: str) -> list:
        outputs = []
        reply = client.execute_interactive(source, output_hook=outputs.append, timeout=600)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{path.name}: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")
        return outputs

    try:
        run("import helpers.run.profiling as _profiling\n_profiling.mark('kernel')")
        run(_setup_imports(nb))
        run("_profiling.mark('imports')\n_profiling.record()")
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                run(cell.source)
                run(f"_profiling.mark('cell {index}')")
        outputs = run("print(_profiling.events())")
        recorded = json.loads("".join(o["content"].get("text", "") for o in outputs if o["msg_type"] == "stream"))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    marks = [e for e in recorded if e[0] == "mark"]
    phases = defaultdict(float, {"kernel": marks[0][2], "imports": marks[1][2] - marks[0][2]})
    figures: dict[str, dict] = {}
    for (_, _, start, _), (_, _, end, _) in zip(marks[1:], marks[2:]):
        cell = _cell_phases(start, end, recorded)
        for key, value in cell.items():
            phases[key] += value
        names = {e[1].split(":", 1)[1] for e in recorded if e[0] == "save" and start <= e[2] <= end}
        names.discard("")
        for name in sorted(names):
            figures[name] = {k: v / len(names) for k, v in cell.items()}  # one figure per cell, as written
    return dict(phases), figures


def _row(label: str, phases: dict, columns: list[str]) -> str:
    cells = [f"{phases.get(c, 0.0):.2f}" for c in columns]
    return f"| {label} | " + " | ".join(cells) + " |"


def main() -> int:
    from helpers.run.runner import canonical_notebooks

    columns = [*PHASES, "total"]
    totals: dict[str, float] = defaultdict(float)
    every_figure: dict[str, dict] = {}
    print("Per notebook, one fresh kernel each, CPU seconds of the kernel:\n")
    print("| notebook | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    with tempfile.TemporaryDirectory(prefix="dx-profile-") as scratch:
        for path in canonical_notebooks():
            phases, figures = profile_notebook(path, Path(scratch))
            phases["total"] = sum(phases.get(p, 0.0) for p in PHASES)
            for key, value in phases.items():
                totals[key] += value
            every_figure.update(figures)
            print(_row(path.stem, phases, columns), flush=True)
    print(_row("**all**", totals, columns))
    figure_columns = ["loading", "computing", "drawing", "render", "csv", "total"]
    print("\nPer figure (its cell), CPU seconds of the kernel:\n")
    print("| figure | " + " | ".join(figure_columns) + " |")
    print("|---|" + "---:|" * len(figure_columns))
    for name, phases in sorted(every_figure.items()):
        phases["total"] = sum(v for k, v in phases.items() if k != "total")
        print(_row(name, phases, figure_columns))
    return 0
