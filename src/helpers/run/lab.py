"""`make lab`: register the project kernel and start JupyterLab on 127.0.0.1
with token authentication, writing nothing outside the repository: Jupyter's
config, data and runtime folders, IPython's and matplotlib's all live in
`.venv/home/` (git-ignored, removed by `make clean`).

As root (CI, Docker), Jupyter refuses to start unless told `--allow-root`; that
is an explicit opt-in here (`make lab ALLOW_ROOT=1`) and changes nothing else:
still 127.0.0.1, still a token.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from helpers.data.paths import NOTEBOOKS, ROOT
from helpers.run import kernels

KERNELSPEC = kernels.KERNELSPEC
HOME = ROOT / ".venv" / "home"
# Where Jupyter, IPython, matplotlib and npm would otherwise write under ~ (settings,
# workspaces, kernel connection files, notebook signatures, font cache, npm logs).
FOLDERS = {
    "JUPYTER_CONFIG_DIR": "jupyter/config",
    "JUPYTER_DATA_DIR": "jupyter/data",
    "JUPYTER_RUNTIME_DIR": "jupyter/runtime",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
    "npm_config_cache": "npm",  # jupyter-lsp asks npm for language servers; npm logs there
}
# The server's kernel managers give kernels CurveZMQ keys (see helpers.run.kernels).
SERVER_CONFIG = {"KernelManager": {"transport_encryption": "auto"}}


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


def environment(base: dict | None = None) -> dict:
    """`base` (default: os.environ) with every Jupyter, IPython and matplotlib folder in HOME."""
    env = dict(os.environ if base is None else base)
    env.update({name: str(HOME / folder) for name, folder in FOLDERS.items()})
    return env


def prepare() -> dict:
    """Create the folders, the server config and the kernelspec; the environment to run in."""
    for folder in FOLDERS.values():
        (HOME / folder).mkdir(parents=True, exist_ok=True)
    config = HOME / FOLDERS["JUPYTER_CONFIG_DIR"] / "jupyter_server_config.json"
    config.write_text(json.dumps(SERVER_CONFIG, indent=1) + "\n", encoding="utf-8")
    kernels.install()
    return environment()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.run.lab", description=__doc__.split("\n\n")[0])
    parser.add_argument("--allow-root", action="store_true", help="allow running as root (containers, CI)")
    args = parser.parse_args(argv)
    try:
        command = lab_command(os.geteuid() == 0, args.allow_root)
    except LabError as exc:
        print(f"make lab: {exc}", file=sys.stderr)
        return 2
    env = prepare()
    if args.allow_root:
        print("make lab: running as root by explicit opt-in (ALLOW_ROOT=1); bound to 127.0.0.1, token on")
    os.execve(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
