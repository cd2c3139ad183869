"""Execute the notebooks with papermill: checked parameters, parallel runs,
atomic installation of results and deterministic (volatile-free) output.

Command line: `python -m helpers.run [NOTEBOOK ...] [-p NAME VALUE ...] [--output-dir DIR]`.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from helpers.data.paths import FIGURES, NOTEBOOKS, ROOT
from helpers.run.determinism import clean_notebook, restart_counts, volatile_metadata  # noqa: F401 (tests)
from helpers.run.failures import RunnerError
from helpers.run.kernel_pool import Job, run_pool

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
class Rendition:
    """One set of runs: its parameters and where its notebooks and figures go."""

    parameters: dict
    notebooks: Path
    figures: Path
    published: bool = True


def renditions(parameters: dict, output_dir: Path | None, english_only: bool = False) -> list[Rendition]:
    """No parameters: English and each published language (notebooks/<lang>/, figures/<lang>/),
    in place or under output_dir; `-p lang vi` alone: that language; otherwise output_dir."""
    from helpers.run.parameters import CANONICAL, PUBLISHED, published_lang

    lang = published_lang({**CANONICAL, **parameters})
    if not parameters:
        nb_dir, fig_dir = (NOTEBOOKS, FIGURES) if output_dir is None else (output_dir, output_dir / "figures")
        langs = () if english_only else PUBLISHED
        return [Rendition({}, nb_dir, fig_dir)] + [Rendition({"lang": x}, nb_dir / x, fig_dir / x) for x in langs]
    if output_dir is not None:  # a published choice written elsewhere is still that rendition (same bytes)
        return [Rendition(parameters, output_dir, output_dir / "figures", lang is not None)]
    if lang is None:
        raise RunnerError("parameters given: choose where results go with --output-dir DIR")
    return [Rendition({"lang": lang}, NOTEBOOKS / lang, FIGURES / lang)]


def run_notebooks(
    notebooks: list[Path],
    parameters: dict | None = None,
    output_dir: Path | None = None,
    workers: int | None = None,
    log=print,
    english_only: bool = False,
    keep_kernels: bool = True,
) -> list[Path]:
    """Execute `notebooks`; install results only if every one succeeded. Each worker keeps
    one kernel for the notebooks it runs (`keep_kernels=False`: a new kernel per notebook).

    Canonical mode (no parameters, no output_dir): notebooks are rewritten in
    place, figures land in figures/, and each published language is run too
    (notebooks/<lang>/, figures/<lang>/; not with `english_only`, which `make bench`
    compares with), all in one pool. With output_dir, notebooks/ and figures/ are not touched.
    """
    from helpers.run import kernels

    kernels.install()  # an environment made before the kernelspec changed gets it too
    sets = renditions(parameters or {}, output_dir, english_only)

    # Staging lives beside the repository so that the final moves are renames.
    stage = Path(tempfile.mkdtemp(prefix=".run-staging-", dir=ROOT))
    try:
        jobs: list[tuple[Job, Rendition]] = []
        for number, rendition in enumerate(sets):
            (stage / f"{number}").mkdir(parents=True)
            for nb in notebooks:
                job = Job(nb, stage / f"{number}" / nb.name, rendition.parameters)
                job.figures = str(stage / "figures")  # one stand-in for figures/ (helpers.data.paths.figures_dir)
                job.published = rendition.published
                # a published notebook links to its published neighbours, even when run alone
                job.neighbours = canonical_notebooks() if rendition.published else list(notebooks)
                jobs.append((job, rendition))
        workers = workers or min(len(jobs), os.cpu_count() or 1)
        failures = []
        # one task per notebook (its renditions in turn); each worker keeps one kernel for its tasks
        tasks = [[job for job, _ in jobs if job.source == nb] for nb in notebooks]
        # longest first, so that no worker is left with a long notebook while the other
        # waits (expected_work); the results do not depend on the order
        tasks.sort(key=lambda task: -expected_work(task[0].source))
        done = 0
        for task, results in run_pool(tasks, min(workers, len(tasks)), keep_kernels):
            for job, result in zip(task, results):
                done += 1
                name = job.source.stem + (f" ({job.parameters['lang']})" if "lang" in job.parameters else "")
                if isinstance(result, RunnerError):
                    failures.append(str(result))
                    log(f"[{done}/{len(jobs)}] {name}: FAILED")
                else:
                    log(f"[{done}/{len(jobs)}] {name}: ok ({result:.1f} s)")
        if failures:
            raise RunnerError("nothing was written; " + "\n".join(failures))
        prune = not parameters and output_dir is None and not english_only and _is_all(notebooks)
        return _install(jobs, prune, FIGURES if output_dir is None else output_dir / "figures")
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def expected_work(path: Path) -> int:
    """What a notebook costs to run, roughly: its code cells, and three more per chart its
    committed copy shows (drawing and rendering a chart costs about three cells)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]  # a count: no need to validate it
    code = [c for c in cells if c["cell_type"] == "code"]
    charts = sum("image/png" in o.get("data", {}) for c in code for o in c.get("outputs", []))
    return len(code) + 3 * charts


def _is_all(notebooks: list[Path]) -> bool:
    return sorted(notebooks) == canonical_notebooks()


def _install(jobs: list[tuple[Job, Rendition]], prune: bool, root: Path) -> list[Path]:
    """Notebooks to their renditions' folders; the staged stand-in for figures/ to `root`."""
    written = []
    # figures and, in data/, the numbers each one plots (a published rendition's in its subfolder)
    fig_stage = Path(jobs[0][0].figures)
    produced = {root / p.relative_to(fig_stage): p for p in fig_stage.rglob("*") if p.is_file()}
    if prune:  # a full canonical run owns figures/: drop figures no notebook makes any more
        for old in FIGURES.rglob("*"):
            if old.suffix in {".png", ".svg", ".csv"} and old not in produced:
                old.unlink()
    for target in sorted(produced):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced[target]), target)
        written.append(target)
    for job, rendition in jobs:
        rendition.notebooks.mkdir(parents=True, exist_ok=True)
        shutil.move(str(job.staged), rendition.notebooks / job.source.name)
        written.append(rendition.notebooks / job.source.name)
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
    parser.add_argument("--english-only", action="store_true", help=argparse.SUPPRESS)  # make bench
    return parser


def _drop_canonical(parameters: dict[str, object]) -> dict[str, object]:
    """Values equal to the canonical ones change nothing: `-p lang en` is the canonical run."""
    from helpers.run.parameters import CANONICAL

    return {k: v for k, v in parameters.items() if k not in CANONICAL or v != CANONICAL[k]}


def _published(parameters: dict[str, object]) -> bool:
    from helpers.run.parameters import CANONICAL, published_lang

    return published_lang({**CANONICAL, **parameters}) is not None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        notebooks = resolve_notebooks(args.notebooks)
        parameters = parse_parameters([tuple(p) for p in args.parameter], notebooks)
        output_dir = args.output_dir.resolve() if args.output_dir else None
        parameters = _drop_canonical(parameters)
        if parameters and output_dir is None and not _published(parameters):
            from helpers.run.parameters import CANONICAL, variant_dir

            output_dir = variant_dir({**CANONICAL, **parameters})
            print(f"parameters given: writing to {output_dir} (notebooks/ and figures/ untouched)")
        if not args.skip_validation:
            from helpers.run.validate import validate_all

            problems = validate_all()
            if problems:
                raise RunnerError("data validation failed; nothing was run:\n" + "\n".join(map(str, problems)))
        log = lambda m: print(m, flush=True)  # noqa: E731
        written = run_notebooks(notebooks, parameters, output_dir, log=log, english_only=args.english_only)
    except RunnerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} files")
    return 0
