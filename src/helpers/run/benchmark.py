"""`make bench`: median wall-clock and CPU time of the full regeneration, of
its floor (as many kernels that only start and import, one after another), of
the regeneration for the 13 Mekong Delta provinces and of the test suite, in
rounds (each measurement once per round), and their ratios against the
targets. `--profile`: where a regeneration's time goes (helpers.run.profiling).
Installation is excluded (the environment exists).

Writes nothing under notebooks/ or figures/: outputs go to .bench/.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from helpers.data import loading
from helpers.data.paths import FIGURES_ENV, ROOT
from helpers.run.runner import canonical_notebooks

BENCH = ROOT / ".bench"


class BenchError(Exception):
    """A measured command failed; carries its own output."""


def _cpu() -> float:
    """User + system seconds of every finished child process (kernels included)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(cmd: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of `cmd`; its CPU seconds are appended to `cpu`
    (steadier than wall-clock on a machine shared with other work)."""
    start, cpu_start = time.perf_counter(), _cpu()
    # Output is kept (not shown) so that a failure can say why.
    done = subprocess.run(cmd, cwd=ROOT, env=env, check=False, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if cpu is not None:
        cpu.append(_cpu() - cpu_start)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-40:])
        raise BenchError(f"command failed with exit status {done.returncode}: {' '.join(cmd)}\n{tail}")
    return seconds


def _machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [ln.split(":", 1)[1].strip() for ln in cpuinfo.read_text().splitlines() if ln.startswith("model name")]
        cpu = names[0] if names else cpu
    mem = ""
    if hasattr(os, "sysconf"):
        mem = f", {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB RAM"
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, {platform.system()}"


def floor_imports() -> str:
    """What a floor kernel runs: pandas, matplotlib (pyplot), seaborn and every
    helpers module a notebook's setup cell imports."""
    import ast

    import nbformat

    modules = set()
    for path in canonical_notebooks():
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
        for node in ast.parse(code[0].source).body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
                modules |= {f"{node.module}.{alias.name}" for alias in node.names}
    return "import pandas, matplotlib.pyplot, seaborn\nimport " + ", ".join(sorted(modules))


def floor_run(folder: Path) -> None:
    """The floor: as many kernels as there are notebooks, each only starting and
    importing (floor_imports), one after another, through the runner's own
    machinery (papermill, one worker), each in a new kernel."""
    import nbformat

    from helpers.run.runner import run_notebooks

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for path in canonical_notebooks():
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(floor_imports())])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        paths.append(folder / "source" / path.name)
        paths[-1].parent.mkdir(exist_ok=True)
        nbformat.write(nb, paths[-1])
    run_notebooks(paths, {}, folder / "out", workers=1, log=lambda message: None, keep_kernels=False)


REGENERATION = "regeneration (python -m helpers.run, parallel, English and Vietnamese)"
ENGLISH = "regeneration, English only (the rendition before the Vietnamese one was committed)"
FLOOR = "floor (kernels that only start and import, one after another)"
MEKONG = "regeneration, the 13 Mekong Delta provinces"
TESTS = "test suite (python -m pytest)"
BASELINE = "baseline (jupyter nbconvert --execute, one after another)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.run.benchmark")
    parser.add_argument("--runs", type=int, default=3, help="rounds of measurements (default 3)")
    parser.add_argument("--no-tests", action="store_true", help="leave out the test suite")
    parser.add_argument("--baseline", action="store_true", help="also time plain nbconvert, one notebook after another")
    parser.add_argument("--profile", action="store_true", help="where the time goes, per notebook and per figure")
    parser.add_argument("--floor-run", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.profile:
        from helpers.run import profiling

        return profiling.main()
    if args.floor_run:
        floor_run(args.floor_run)
        return 0

    shutil.rmtree(BENCH, ignore_errors=True)
    env = {**os.environ, FIGURES_ENV: str(BENCH / "figures"), "PYTHONHASHSEED": "0"}
    bin_dir = Path(sys.executable).parent
    notebooks = [str(p) for p in canonical_notebooks()]
    regions = loading.load("regions")
    mekong = sorted(regions.loc[regions["in_mekong_delta"], "province"])
    measures = {
        REGENERATION: [sys.executable, "-m", "helpers.run", "--output-dir", str(BENCH / "run")],
        ENGLISH: [sys.executable, "-m", "helpers.run", "--english-only", "--output-dir", str(BENCH / "en")],
        FLOOR: [sys.executable, "-m", "helpers.run.benchmark", "--floor-run", str(BENCH / "floor")],
        MEKONG: [
            sys.executable,
            "-m",
            "helpers.run",
            "-p",
            "provinces",
            repr(mekong),
            "--output-dir",
            str(BENCH / "m"),
        ],
    }
    if args.baseline:
        measures[BASELINE] = [
            "bash",
            "-c",
            " && ".join(
                f"'{bin_dir / 'jupyter'}' nbconvert --to notebook --execute --output-dir '{BENCH / 'nbconvert'}' '{nb}'"
                for nb in notebooks
            ),
        ]
    if not args.no_tests:
        measures[TESTS] = [sys.executable, "-m", "pytest", "-q"]
    # Side by side: (what, of what, target)
    ratios = [
        (REGENERATION, ENGLISH, 1.8),
        (REGENERATION, FLOOR, 1.1),
        (MEKONG, ENGLISH, 1.5),
        (TESTS, REGENERATION, 2.0),
    ]
    wall: dict[str, list[float]] = {label: [] for label in measures}
    cpu: dict[str, list[float]] = {label: [] for label in measures}
    print(f"machine: {_machine()}")
    print(f"notebooks: {len(notebooks)}; rounds: {args.runs} (each round runs every measurement once, in turn)")
    try:
        for _ in range(args.runs):  # A B C A B C ...: a slow spell of the machine hits every measurement
            for label, cmd in measures.items():
                shutil.rmtree(BENCH / "floor", ignore_errors=True)
                wall[label].append(_timed(cmd, env, cpu[label]))
                print(f"  {label}: {wall[label][-1]:.1f} s, CPU {cpu[label][-1]:.1f} s", file=sys.stderr, flush=True)
        median = {label: statistics.median(times) for label, times in wall.items()}
        cpu_median = {label: statistics.median(times) for label, times in cpu.items()}
        print("\n| measurement | median (s) | min (s) | max (s) | CPU, median (s) | runs |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, times in wall.items():
            print(
                f"| {label} | {median[label]:.1f} | {min(times):.1f} | {max(times):.1f} "
                f"| {cpu_median[label]:.1f} | {len(times)} |"
            )
        print()
        for what, base, target in ratios:
            if what not in median:
                continue
            ratio, cpu_ratio = median[what] / median[base], cpu_median[what] / cpu_median[base]
            print(
                f"{what.split(' (')[0]} / {base.split(' (')[0]}: {ratio:.2f}x wall-clock, {cpu_ratio:.2f}x CPU "
                f"(target at most {target:g}x wall-clock){'' if ratio <= target else ' -- above target'}"
            )
    except BenchError as exc:
        print(f"\nbenchmark stopped: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(BENCH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
