"""`make bench`: median wall-clock of the full regeneration, of the same
notebooks executed one after another with plain `jupyter nbconvert --execute`,
and of the test suite. Installation is excluded (the environment exists).

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

from helpers import loading
from helpers.paths import FIGURES_ENV, ROOT
from helpers.running import canonical_notebooks

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.benchmark")
    parser.add_argument("--runs", type=int, default=3, help="repetitions per measurement (default 3)")
    parser.add_argument("--test-runs", type=int, default=3, help="repetitions of the test suite")
    parser.add_argument("--profile", action="store_true", help="where the time goes, per notebook and per figure")
    args = parser.parse_args(argv)
    if args.profile:
        from helpers import profiling

        return profiling.main()

    shutil.rmtree(BENCH, ignore_errors=True)
    env = {**os.environ, FIGURES_ENV: str(BENCH / "figures"), "PYTHONHASHSEED": "0"}
    bin_dir = Path(sys.executable).parent
    notebooks = [str(p) for p in canonical_notebooks()]
    regions = loading.load("regions")
    mekong = sorted(regions.loc[regions["in_mekong_delta"], "province"])
    measures = {
        "regeneration (python -m helpers.run, parallel)": (
            [sys.executable, "-m", "helpers.run", "--output-dir", str(BENCH / "run")],
            args.runs,
        ),
        "baseline (jupyter nbconvert --execute, one after another)": (
            [
                "bash",
                "-c",
                " && ".join(
                    f"'{bin_dir / 'jupyter'}' nbconvert --to notebook --execute "
                    f"--output-dir '{BENCH / 'nbconvert'}' '{nb}'"
                    for nb in notebooks
                ),
            ],
            args.runs,
        ),
        "regeneration, the 13 Mekong Delta provinces": (
            [
                sys.executable,
                "-m",
                "helpers.run",
                "-p",
                "provinces",
                repr(mekong),
                "--output-dir",
                str(BENCH / "mekong"),
            ],
            args.runs,
        ),
        "test suite (python -m pytest)": ([sys.executable, "-m", "pytest", "-q"], args.test_runs),
    }
    # Side-by-side targets: the 13-province run at most 1.5x the default one, the suite at most 3x.
    ratios = {
        "13 provinces / default regeneration": ("regeneration, the 13 Mekong Delta provinces", 1.5),
        "test suite / default regeneration": ("test suite (python -m pytest)", 3.0),
    }
    medians: dict[str, float] = {}
    cpu_medians: dict[str, float] = {}
    print(f"machine: {_machine()}")
    print(f"notebooks: {len(notebooks)}; runs: {args.runs} (tests: {args.test_runs})\n")
    print("| measurement | median (s) | min (s) | max (s) | CPU, median (s) | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    try:
        for label, (cmd, runs) in measures.items():
            cpu: list[float] = []
            times = [_timed(cmd, env, cpu) for _ in range(runs)]
            medians[label], cpu_medians[label] = statistics.median(times), statistics.median(cpu)
            print(
                f"| {label} | {statistics.median(times):.1f} | {min(times):.1f} | {max(times):.1f} "
                f"| {cpu_medians[label]:.1f} | {runs} |",
                flush=True,
            )
        first = next(iter(measures))
        print()
        for name, (label, target) in ratios.items():
            ratio = medians[label] / medians[first]
            cpu_ratio = cpu_medians[label] / cpu_medians[first]
            print(
                f"{name}: {ratio:.2f}x wall-clock, {cpu_ratio:.2f}x CPU (target at most {target:g}x)"
                f"{'' if ratio <= target else ' -- above target'}"
            )
    except BenchError as exc:
        print(f"\nbenchmark stopped: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(BENCH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
