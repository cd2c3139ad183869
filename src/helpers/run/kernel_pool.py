"""Notebook runs in worker processes, each keeping one kernel for the notebooks it takes
(start-up and imports paid once per worker, not once per notebook; tables-derived results,
helpers.data.loading.from_tables, shared). Another notebook gets a fresh namespace in that
kernel; strict nbval still runs every committed notebook in a kernel of its own."""

from __future__ import annotations

import multiprocessing
import os
import queue
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from helpers.data.paths import FIGURES_ENV, NOTEBOOKS
from helpers.run.determinism import clean_notebook, restart_counts
from helpers.run.failures import RunnerError, _log_tail, _stderr_to, describe_failure
from helpers.text import markdown, navigation

KERNEL = "python3"
# Run before another notebook in a kept kernel: no figure, variable or import of the last one left.
FRESH_NAMESPACE = "__import__('matplotlib.pyplot').pyplot.close('all')\nget_ipython().reset(new_session=False)"


@dataclass
class Job:
    source: Path
    staged: Path
    parameters: dict = field(default_factory=dict)
    figures: str = ""  # the staging folder its figures go to
    published: bool = False  # notebooks/ or notebooks/<lang>/: links to its other-language twin
    neighbours: list[Path] = field(default_factory=list)  # the notebooks run together, in order


def run_pool(
    tasks: list[list[Job]], workers: int, keep_kernels: bool = True
) -> Iterator[tuple[list[Job], list[float | RunnerError]]]:
    """Run each task (one notebook's renditions, in turn) on `workers` processes, each taking
    the next task when free; yields (task, seconds or the error per job) as tasks finish.
    `keep_kernels=False`: a new kernel for every task (the benchmark's floor)."""
    context = multiprocessing.get_context()
    todo, done = context.Queue(), context.Queue()
    for index, task in enumerate(tasks):
        todo.put((index, task))
    for _ in range(workers):
        todo.put(None)
    processes = [context.Process(target=_worker, args=(todo, done, keep_kernels), daemon=False) for _ in range(workers)]
    for process in processes:
        process.start()
    finished = 0
    try:
        while finished < len(tasks):
            try:
                index, results = done.get(timeout=1)
            except queue.Empty:
                if not any(p.is_alive() for p in processes) and done.empty():
                    raise RunnerError("the notebook workers stopped before every notebook was run") from None
                continue
            finished += 1
            yield tasks[index], results
    finally:
        for process in processes:
            process.join(timeout=None if finished == len(tasks) else 5)
            if process.is_alive():
                process.terminate()


def _worker(todo, done, keep_kernels: bool = True) -> None:
    """Take tasks until told to stop; one kernel for all of them, a new one after a failure."""
    from jupyter_core.utils import run_sync

    from helpers.run.kernels import EncryptedKernelManager

    km = None
    try:
        while (item := todo.get()) is not None:
            index, jobs = item
            results: list[float | RunnerError] = []
            for job in jobs:
                if km is not None and job is jobs[0] and not (keep_kernels and _fresh_namespace(km)):
                    run_sync(km.shutdown_kernel)(now=True)
                    km = None
                if km is None:
                    km = EncryptedKernelManager(kernel_name=KERNEL)  # started by the run, in its cwd
                    log = job.staged.with_suffix(".kernel.log")  # the kernel's stderr, for as long as it runs
                try:
                    results.append(_execute(job, km, log))
                except RunnerError as exc:
                    results.append(exc)
                if isinstance(results[-1], RunnerError):  # a failed run's kernel is not reused
                    if km.has_kernel:
                        run_sync(km.shutdown_kernel)(now=True)
                    km = None
            done.put((index, results))
    finally:
        if km is not None and km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)


def _fresh_namespace(km) -> bool:
    """Clear the kept kernel's namespace and figures; False when it cannot be (start a new one)."""
    from jupyter_core.utils import run_sync

    async def reset() -> bool:
        client = km.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            reply = await client.execute_interactive(
                FRESH_NAMESPACE, store_history=False, timeout=60, output_hook=lambda message: None
            )
            return reply["content"]["status"] == "ok"
        finally:
            client.stop_channels()

    if not km.has_kernel:
        return False
    try:
        return run_sync(reset)()
    except Exception:  # a dead or stuck kernel: the next notebook gets a new one
        return False


def _execute(job: Job, km=None, kernel_log: Path | None = None) -> float:
    """Run one notebook in a worker process (in kernel `km` when given, whose stderr goes to
    `kernel_log`); returns seconds taken."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from helpers.run.kernels import EncryptedKernelManager

    os.environ[FIGURES_ENV] = job.figures
    # The kernel must use its inline backend, or no chart is stored in the notebook.
    os.environ.pop("MPLBACKEND", None)
    kernel_log = kernel_log or job.staged.with_suffix(".kernel.log")
    start = time.perf_counter()
    try:
        with _stderr_to(kernel_log):
            nb = papermill.execute_notebook(
                str(job.source),
                str(job.staged),
                parameters=job.parameters,
                kernel_name=KERNEL,
                kernel_manager_class=EncryptedKernelManager,
                km=km,
                cwd=str(NOTEBOOKS),  # outputs do not depend on it: nbval runs notebooks/vi/ there
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,  # one write at the end, not two per cell
            )
    except PapermillExecutionError as exc:
        raise RunnerError(f"{job.source.name}: {describe_failure(exc)}") from None
    except Exception as exc:  # dead kernel, missing kernel spec, timeout: show the kernel's own words
        tail = _log_tail(kernel_log)
        raise RunnerError(
            f"{job.source.name}: the run stopped with {type(exc).__name__}: {exc}"
            + (f"\n    kernel log (last lines):\n{tail}" if tail else "")
        ) from None
    lang = job.parameters.get("lang", "en")
    markdown.translate(nb, lang)  # narrative in the run's language
    navigation.rewrite(nb, job.source.name, lang, job.neighbours, twin=job.published)
    restart_counts(nb)  # a kept kernel counts on from the notebooks it ran before
    nbformat.write(clean_notebook(nb, job.parameters), job.staged)
    return time.perf_counter() - start
