"""`make validate` (`python -m helpers.run.validate`): the data checks of
helpers.checks.validation plus the checks that need the wording layer (every
catalogue key a run will ask for, Vietnamese notes and glossary), in one pass.
Prints every problem as `file:row:column: message`; exits 1 if there is one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.analysis import scope, service_levels
from helpers.checks import validation
from helpers.checks.validation import COLUMNS, Problem
from helpers.data.paths import ROOT
from helpers.text import vietnamese_checks, wording_checks


def _wording(c, tables: dict) -> None:
    stacked = [service_levels.stacked_parts(name) for name in scope.charts()]
    wording_checks.check(c, tables, {part for found in stacked if found for part in found[1]})


def _vietnamese(c, tables: dict) -> None:
    vietnamese_checks.check(c)


def validate_all(root: Path = ROOT) -> list[Problem]:
    """Every problem of the data in `root`, the wording checks included."""
    return validation.validate_all(root, extra=(_wording, _vietnamese))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.run.validate", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder holding data/ (default: this one)")
    problems = validate_all(parser.parse_args(argv).root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); nothing downstream was written.", file=sys.stderr)
        return 1
    print("data valid: " + ", ".join(f"{name}.csv" for name in COLUMNS) + ", reference tables")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
