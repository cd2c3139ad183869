"""The project kernel: how every client starts it, without start-up noise.

ipykernel warns "Kernel is running over TCP without encryption" on every start
unless the kernel manager gives it CurveZMQ keys. Where this project starts
kernels (the runner, `make lab`) the manager does (`transport_encryption =
"auto"`), so the messages are encrypted and the warning has no cause. Clients
that start the kernel themselves (plain papermill, nbconvert, nbval) launch it
through this module's kernelspec, which drops that one log line and nothing
else: the kernel listens on 127.0.0.1 and signs every message with its key.

    python -m helpers.run.kernels --install     write the kernelspec into .venv (make does)
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

# The notebooks' kernelspec is exactly this (a test checks), so a notebook opened
# in `make lab` starts the project kernel without asking. The name stays
# "python3" so that plain papermill in .venv finds it without registration.
KERNELSPEC = {"display_name": "Python 3 (mekong-dx .venv)", "language": "python", "name": "python3"}
NOTICE = "Kernel is running over TCP without encryption"


class EncryptedKernelManager(AsyncKernelManager):
    """A kernel manager that provisions CurveZMQ keys when the kernelspec supports them."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport_encryption = "auto"


class _DropNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(NOTICE)


def kernel_json() -> dict:
    """The kernelspec: this interpreter, launched through `helpers.run.kernels`."""
    return {
        "argv": [sys.executable, "-m", "helpers.run.kernels", "-f", "{connection_file}"],
        "display_name": KERNELSPEC["display_name"],
        "language": KERNELSPEC["language"],
        "metadata": {"debugger": True, "supported_encryption": ["curve"]},
        "kernel_protocol_version": "5.5",
    }


def install(prefix: str = sys.prefix) -> Path:
    """Write the kernelspec into `prefix` (the virtual environment); returns its folder."""
    folder = Path(prefix) / "share" / "jupyter" / "kernels" / KERNELSPEC["name"]
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(kernel_json(), indent=1) + "\n"
    target = folder / "kernel.json"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return folder


def launch() -> None:
    """Start an IPython kernel (as ipykernel_launcher does) without the TCP notice."""
    if sys.path and sys.path[0] in ("", str(Path.cwd())):
        del sys.path[0]  # the notebook's folder must not shadow installed modules
    logging.getLogger("IPKernelApp").addFilter(_DropNotice())
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    if sys.argv[1:] == ["--install"]:
        print(f"kernelspec written to {install()}")
    else:
        launch()
