"""Quiet runs and a self-contained `make lab`: no kernel start prints ipykernel's
TCP notice (the runner's kernels are encrypted, other clients' kernels drop the
line), and Jupyter, IPython and matplotlib write only inside the repository."""

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import nbformat

from helpers.data.paths import ROOT
from helpers.run import kernels, lab

BIN = Path(sys.executable).parent


def tiny_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import sys; print('ran', file=sys.stderr)")]
    nb.metadata["kernelspec"] = dict(kernels.KERNELSPEC)
    nbformat.write(nb, path)
    return path


def test_plain_papermill_prints_no_tcp_notice(tmp_path):
    kernels.install()  # what make and the runner do
    notebook = tiny_notebook(tmp_path / "tiny.ipynb")
    done = subprocess.run(
        [str(BIN / "papermill"), str(notebook), str(tmp_path / "out.ipynb"), "--no-progress-bar"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert kernels.NOTICE not in done.stderr
    assert "ran" in (tmp_path / "out.ipynb").read_text(encoding="utf-8")  # the kernel's own stderr is kept


def test_the_runner_kernel_is_encrypted():
    async def start():
        km = kernels.EncryptedKernelManager(kernel_name="python3")
        await km.start_kernel()
        try:
            return km.curve_publickey is not None and km.curve_secretkey is not None
        finally:
            await km.shutdown_kernel(now=True)

    assert asyncio.run(start())


def test_make_lab_keeps_every_jupyter_folder_inside_the_repository():
    env = lab.environment({"PATH": str(BIN), "HOME": "/nonexistent-home"})
    for name in lab.FOLDERS:
        assert Path(env[name]).is_relative_to(ROOT / ".venv"), name
    shown = subprocess.run(
        [str(BIN / "jupyter"), "--paths", "--json"], capture_output=True, text=True, env=env, check=True
    )
    paths = json.loads(shown.stdout)
    for kind in ("config", "data"):
        assert Path(paths[kind][0]).is_relative_to(ROOT), (kind, paths[kind])
    assert Path(paths["runtime"][0]).is_relative_to(ROOT)
    assert not [p for p in paths["config"] + paths["data"] if p.startswith("/nonexistent-home")]
    # .venv/ is git-ignored: nothing lab writes shows in git status
    ignored = subprocess.run(["git", "check-ignore", "-q", str(lab.HOME)], cwd=ROOT)
    assert ignored.returncode == 0
