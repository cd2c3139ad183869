"""`make lab`: register the project kernel and start JupyterLab on 127.0.0.1
with token authentication.

As root (CI, Docker), Jupyter refuses to start unless told `--allow-root`; that
is an explicit opt-in here (`make lab ALLOW_ROOT=1`) and changes nothing else:
still 127.0.0.1, still a token.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from helpers.paths import NOTEBOOKS

# The notebooks' kernelspec is exactly this (a test checks), so a notebook opened
# in `make lab` starts the project kernel without asking. The name stays
# "python3" so that plain papermill in .venv finds a kernel without registration.
KERNELSPEC = {"display_name": "Python 3 (mekong-dx .venv)", "language": "python", "name": "python3"}


class LabError(Exception):
    pass


def lab_command(is_root: bool, allow_root: bool) -> list[str]:
    """The `jupyter lab` command line; LabError for root without the opt-in."""
    if is_root and not allow_root:
        raise LabError(
            "you are running as root, which Jupyter refuses by default. In a container or CI "
            "where that is expected, opt in with `make lab ALLOW_ROOT=1` (still 127.0.0.1 only, "
            "token authentication on)."
        )
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--ServerApp.ip=127.0.0.1",
        "--no-browser",
        f"--notebook-dir={NOTEBOOKS}",
    ]
    if allow_root:
        command.append("--allow-root")
    return command


def install_kernel() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ipykernel",
            "install",
            "--sys-prefix",
            "--name",
            KERNELSPEC["name"],
            "--display-name",
            KERNELSPEC["display_name"],
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.lab", description=__doc__.split("\n\n")[0])
    parser.add_argument("--allow-root", action="store_true", help="allow running as root (containers, CI)")
    args = parser.parse_args(argv)
    try:
        command = lab_command(os.geteuid() == 0, args.allow_root)
    except LabError as exc:
        print(f"make lab: {exc}", file=sys.stderr)
        return 2
    install_kernel()
    if args.allow_root:
        print("make lab: running as root by explicit opt-in (ALLOW_ROOT=1); bound to 127.0.0.1, token on")
    os.execv(command[0], command)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
