"""Execute the notebooks with papermill: checked parameters, parallel runs,
atomic installation of results and deterministic (volatile-free) output.

Command line: `python -m helpers.run [NOTEBOOK ...] [-p NAME VALUE ...] [--output-dir DIR]`.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from helpers.data.paths import FIGURES, FIGURES_ENV, NOTEBOOKS, ROOT
from helpers.run.determinism import clean_notebook, volatile_metadata  # noqa: F401  (used by tests)
from helpers.text import markdown

KERNEL = "python3"


class RunnerError(Exception):
    """A problem with the command line or a notebook run, explained for the user."""


# ---------------------------------------------------------------- discovery


def canonical_notebooks() -> list[Path]:
    """The published notebooks, in order: notebooks/NN_name.ipynb."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def resolve_notebooks(names: list[str]) -> list[Path]:
    """Map names (`01_dti_rank`, `01_dti_rank.ipynb`, `notebooks/01_dti_rank.ipynb`) to paths."""
    available = {p.stem: p for p in canonical_notebooks()}
    if not names:
        return list(available.values())
    chosen = []
    for name in names:
        stem = Path(name).stem
        if stem not in available:
            raise RunnerError(f"unknown notebook {name!r}; valid notebooks: {', '.join(available) or '(none found)'}")
        if available[stem] not in chosen:
            chosen.append(available[stem])
    return chosen


# ---------------------------------------------------------------- parameters


def notebook_parameters(path: Path) -> dict[str, object]:
    """Declared parameters of a notebook and their default values (literals only)."""
    import papermill

    declared = papermill.inspect_notebook(str(path))
    defaults = {}
    for name, info in declared.items():
        try:
            defaults[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError) as exc:
            raise RunnerError(
                f"{path.name}: parameter {name!r} must default to a literal, got {info['default']!r}"
            ) from exc
    return defaults


def coerce_parameter(name: str, raw: str, default: object) -> object:
    """Parse `raw` as a Python literal of the same type as `default`.

    A bare word is accepted for a string parameter (`-p lang vi`).
    """
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        if isinstance(default, str):
            return raw
        raise RunnerError(
            f"parameter {name!r}: {raw!r} is not a valid literal; expected a {type(default).__name__} like {default!r}"
        ) from None
    if default is None:
        return value
    expected = type(default)
    if expected is float and type(value) is int:
        return float(value)
    if type(value) is not expected:
        raise RunnerError(
            f"parameter {name!r}: {raw!r} is a {type(value).__name__}; expected a {expected.__name__} like {default!r}"
        )
    return value


def _literal_or_word(raw: str) -> object:
    try:
        return ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return raw  # a bare word is a string


def parse_checked_parameter(name: str, raw: str) -> object:
    """A parameter with a project check (helpers.run.parameters): any literal or a
    bare word, then the same check the notebook's setup line applies."""
    from helpers.run.parameters import check

    value = _literal_or_word(raw)
    if value is raw and raw.lstrip().startswith("["):
        raise RunnerError(
            f"parameter {name!r}: {raw!r} is not a Python list; write it as "
            f'-p {name} \'["Hậu Giang", "Cần Thơ"]\' (quoted names, commas)'
        )
    try:
        return check(name, value)
    except ValueError as exc:
        raise RunnerError(str(exc)) from None


def parse_parameters(pairs: list[tuple[str, str]], notebooks: list[Path]) -> dict[str, object]:
    """Check every NAME against every chosen notebook and every VALUE once,
    before any kernel starts."""
    from helpers.run.parameters import CHECKS

    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    parsed: dict[str, object] = {}
    for name, raw in pairs:
        for nb, params in declared.items():
            if name not in params:
                raise RunnerError(
                    f"{nb.stem} has no parameter {name!r}; valid parameters: {', '.join(params) or '(none)'}"
                )
        if name in CHECKS:
            parsed[name] = parse_checked_parameter(name, raw)
            if name == "provinces":  # said here once: the notebooks get the official names
                from helpers.run.parameters import print_province_notes

                print_province_notes(_literal_or_word(raw), dict(pairs).get("lang", "en"))
        else:
            parsed[name] = coerce_parameter(name, raw, declared[notebooks[0]][name])
    return parsed


# ---------------------------------------------------------------- execution


@dataclass
class Job:
    source: Path
    staged: Path
    parameters: dict = field(default_factory=dict)


@contextmanager
def _stderr_to(path: Path):
    """Send this worker's stderr (inherited by the kernel) to `path`.

    Keeps the progress lines readable; on a failure the runner shows the log's
    last lines (a dead kernel's own words).
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "wb") as log:
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


def _execute(job: Job, figures_stage: str) -> float:
    """Run one notebook in a worker process; returns seconds taken."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from helpers.run.kernels import EncryptedKernelManager

    os.environ[FIGURES_ENV] = figures_stage
    # The kernel must use its inline backend, or no chart is stored in the notebook.
    os.environ.pop("MPLBACKEND", None)
    kernel_log = job.staged.with_suffix(".kernel.log")
    start = time.perf_counter()
    try:
        with _stderr_to(kernel_log):
            papermill.execute_notebook(
                str(job.source),
                str(job.staged),
                parameters=job.parameters,
                kernel_name=KERNEL,
                kernel_manager_class=EncryptedKernelManager,
                cwd=str(NOTEBOOKS),
                progress_bar=False,
                log_output=False,
            )
    except PapermillExecutionError as exc:
        raise RunnerError(f"{job.source.name}: {describe_failure(exc)}") from None
    except Exception as exc:  # dead kernel, missing kernel spec, timeout: show the kernel's own words
        tail = _log_tail(kernel_log)
        raise RunnerError(
            f"{job.source.name}: the run stopped with {type(exc).__name__}: {exc}"
            + (f"\n    kernel log (last lines):\n{tail}" if tail else "")
        ) from None
    nb = nbformat.read(job.staged, as_version=4)
    markdown.translate(nb, job.parameters.get("lang", "en"))  # narrative in the run's language
    nbformat.write(clean_notebook(nb, job.parameters), job.staged)
    return time.perf_counter() - start


def run_notebooks(
    notebooks: list[Path],
    parameters: dict | None = None,
    output_dir: Path | None = None,
    workers: int | None = None,
    log=print,
) -> list[Path]:
    """Execute `notebooks`; install results only if every one succeeded.

    Canonical mode (no parameters, no output_dir): notebooks are rewritten in
    place and figures land in figures/. Otherwise everything goes to
    output_dir (notebooks/ and figures/ are not touched).
    """
    from helpers.run import kernels

    kernels.install()  # an environment made before the kernelspec changed gets it too
    parameters = parameters or {}
    canonical = not parameters and output_dir is None
    if not canonical and output_dir is None:
        raise RunnerError("parameters given: choose where results go with --output-dir DIR")
    nb_dest = NOTEBOOKS if canonical else output_dir
    fig_dest = FIGURES if canonical else output_dir / "figures"

    # Staging lives beside the repository so that the final moves are renames.
    stage = Path(tempfile.mkdtemp(prefix=".run-staging-", dir=ROOT))
    try:
        (stage / "figures").mkdir()
        jobs = [Job(nb, stage / nb.name, parameters) for nb in notebooks]
        workers = workers or min(len(jobs), os.cpu_count() or 1)
        failures = []
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_execute, job, str(stage / "figures")): job for job in jobs}
            for done, future in enumerate(as_completed(futures), start=1):
                job = futures[future]
                try:
                    seconds = future.result()
                    log(f"[{done}/{len(jobs)}] {job.source.stem}: ok ({seconds:.1f} s)")
                except RunnerError as exc:
                    failures.append(str(exc))
                    log(f"[{done}/{len(jobs)}] {job.source.stem}: FAILED")
        if failures:
            raise RunnerError("nothing was written; " + "\n".join(failures))
        return _install(jobs, stage / "figures", nb_dest, fig_dest, prune=canonical and _is_all(notebooks))
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _is_all(notebooks: list[Path]) -> bool:
    return sorted(notebooks) == canonical_notebooks()


def _install(jobs: list[Job], fig_stage: Path, nb_dest: Path, fig_dest: Path, prune: bool) -> list[Path]:
    nb_dest.mkdir(parents=True, exist_ok=True)
    fig_dest.mkdir(parents=True, exist_ok=True)
    written = []
    # figures and, in data/, the numbers each one plots
    produced = {p.relative_to(fig_stage) for p in fig_stage.rglob("*") if p.is_file()}
    if prune:  # a full canonical run owns figures/: drop figures no notebook makes any more
        for old in fig_dest.rglob("*"):
            if old.suffix in {".png", ".svg", ".csv"} and old.relative_to(fig_dest) not in produced:
                old.unlink()
    for relative in sorted(produced):
        (fig_dest / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(fig_stage / relative), fig_dest / relative)
        written.append(fig_dest / relative)
    for job in jobs:
        shutil.move(str(job.staged), nb_dest / job.source.name)
        written.append(nb_dest / job.source.name)
    return written


# ---------------------------------------------------------------- command line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.run",
        description="Execute the project notebooks with papermill (all of them by default).",
    )
    parser.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="e.g. 01_dti_rank")
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="override a parameter: a Python literal, a bare word is a string "
        "(-p lang vi, -p provinces 'Tiền Giang', -p provinces '[\"Hậu Giang\", \"Cần Thơ\"]')",
    )
    parser.add_argument("--output-dir", type=Path, help="write notebooks and figures here instead")
    parser.add_argument("--skip-validation", action="store_true", help=argparse.SUPPRESS)
    return parser


def _drop_canonical(parameters: dict[str, object]) -> dict[str, object]:
    """Values equal to the canonical ones change nothing: `-p lang en` is the canonical run."""
    from helpers.run.parameters import CANONICAL

    return {k: v for k, v in parameters.items() if k not in CANONICAL or v != CANONICAL[k]}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        notebooks = resolve_notebooks(args.notebooks)
        parameters = parse_parameters([tuple(p) for p in args.parameter], notebooks)
        output_dir = args.output_dir.resolve() if args.output_dir else None
        parameters = _drop_canonical(parameters)
        if parameters and output_dir is None:
            from helpers.run.parameters import CANONICAL, variant_dir

            output_dir = variant_dir({**CANONICAL, **parameters})
            print(f"parameters given: writing to {output_dir} (notebooks/ and figures/ untouched)")
        if not args.skip_validation:
            from helpers.run.validate import validate_all

            problems = validate_all()
            if problems:
                raise RunnerError("data validation failed; nothing was run:\n" + "\n".join(map(str, problems)))
        written = run_notebooks(notebooks, parameters, output_dir, log=lambda m: print(m, flush=True))
    except RunnerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} files")
    return 0
