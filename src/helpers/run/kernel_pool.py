"""Notebook runs in worker processes, each keeping one kernel for the notebooks it takes
(start-up and imports paid once per worker, not once per notebook; tables-derived results,
helpers.data.loading.from_tables, shared). Another notebook gets a fresh namespace in that
kernel; strict nbval still runs every committed notebook in a kernel of its own."""

from __future__ import annotations

import functools
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
FRESH_NAMESPACE = "__import__('helpers.run.fresh', fromlist=['fresh']).fresh_namespace()"


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
    """Take tasks until told to stop; one kernel (and one client of it) for all of them,
    a new one after a failure."""
    kernel = None
    try:
        while (item := todo.get()) is not None:
            index, jobs = item
            results: list[float | RunnerError] = []
            for job in jobs:
                if kernel is not None and job is jobs[0] and not (keep_kernels and kernel.fresh_namespace()):
                    kernel.stop()
                    kernel = None
                try:
                    if kernel is None:
                        kernel = Kernel(job)
                    results.append(_execute(job, kernel))
                except RunnerError as exc:
                    results.append(exc)
                if isinstance(results[-1], RunnerError) and kernel is not None:  # a failed run's kernel is not reused
                    kernel.stop()
                    kernel = None
            done.put((index, results))
    finally:
        if kernel is not None:
            kernel.stop()


class Kernel:
    """A started kernel and one client of it, kept for every notebook the worker runs on
    it: each new client waits for the kernel and then for a quiet output channel (about
    0.2 s), so the notebooks share the one client rather than start their own."""

    def __init__(self, job: Job):
        from jupyter_core.utils import run_sync

        from helpers.run.kernels import EncryptedKernelManager

        _kernel_environment(job)
        self.log = job.staged.with_suffix(".kernel.log")  # the kernel's stderr, for as long as it runs
        self.km = EncryptedKernelManager(kernel_name=KERNEL)
        self.client = None
        try:
            with _stderr_to(self.log):
                # as papermill starts it: in notebooks/, input history in memory
                run_sync(self.km.start_kernel)(
                    extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=str(NOTEBOOKS)
                )
            self.client = self.km.client()
            self.client.start_channels()
            run_sync(self.client.wait_for_ready)(timeout=60)
        except Exception as exc:
            self.stop()
            raise _stopped(job, exc, self.log) from None
        self.client.allow_stdin = False

    def fresh_namespace(self) -> bool:
        """Clear the namespace and figures; False when it cannot be (start a new kernel)."""
        from jupyter_core.utils import run_sync

        if not self.km.has_kernel:
            return False
        try:
            reply = run_sync(self.client.execute_interactive)(
                FRESH_NAMESPACE, store_history=False, timeout=60, output_hook=lambda message: None
            )
        except Exception:  # a dead or stuck kernel: the next notebook gets a new one
            return False
        return reply["content"]["status"] == "ok"

    def stop(self) -> None:
        from jupyter_core.utils import run_sync

        if self.client is not None:
            self.client.stop_channels()
        if self.km.has_kernel:
            run_sync(self.km.shutdown_kernel)(now=True)


def _kernel_environment(job: Job) -> None:
    """What a kernel inherits when it starts (Kernel, once per kernel: one run has one figure
    folder): the run's figure folder; no MPLBACKEND, as the kernel must use its inline
    backend, or no chart is stored in the notebook."""
    os.environ[FIGURES_ENV] = job.figures
    os.environ.pop("MPLBACKEND", None)


def _stopped(job: Job, exc: Exception, kernel_log: Path) -> RunnerError:
    """A dead kernel, a missing kernel spec, a timeout: the kernel's own words."""
    tail = _log_tail(kernel_log)
    return RunnerError(
        f"{job.source.name}: the run stopped with {type(exc).__name__}: {exc}"
        + (f"\n    kernel log (last lines):\n{tail}" if tail else "")
    )


@functools.cache  # registered once per worker process
def _kept_client_engine() -> str:
    """papermill's own engine, except that the notebook runs through the kept client:
    nbclient otherwise starts a client of its own for every notebook and leaves it open,
    and that client, sharing the kernel's session identity, takes the replies meant for
    the kept one."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    class KeptClientNotebook(PapermillNotebookClient):
        def __init__(self, nb_man, kept_client=None, **kw):
            super().__init__(nb_man, **kw)
            self.kc = kept_client  # set after nbclient's own __init__, which clears it

    class KeptClientEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man,
            kernel_name,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            start_timeout=60,
            execution_timeout=None,
            **kwargs,
        ):
            kwargs.pop("input_path", None)
            timeout = execution_timeout or kwargs.pop("timeout", None)
            kwargs.pop("startup_timeout", None)
            client = KeptClientNotebook(
                nb_man,
                timeout=timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                **kwargs,
            )
            return client.execute()

    papermill_engines.register(_KEPT_CLIENT, KeptClientEngine)
    return _KEPT_CLIENT


_KEPT_CLIENT = "kept-client"


def _execute(job: Job, kernel: Kernel) -> float:
    """Run one notebook in a worker process on `kernel`; returns seconds taken."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from helpers.run.kernels import EncryptedKernelManager

    start = time.perf_counter()
    try:
        with _stderr_to(kernel.log):
            nb = papermill.execute_notebook(
                str(job.source),
                str(job.staged),
                parameters=job.parameters,
                kernel_name=KERNEL,
                kernel_manager_class=EncryptedKernelManager,
                engine_name=_kept_client_engine(),
                km=kernel.km,
                kept_client=kernel.client,
                cwd=str(NOTEBOOKS),  # outputs do not depend on it: nbval runs notebooks/vi/ there
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,  # one write at the end, not two per cell
            )
    except PapermillExecutionError as exc:
        raise RunnerError(f"{job.source.name}: {describe_failure(exc)}") from None
    except Exception as exc:
        raise _stopped(job, exc, kernel.log) from None
    lang = job.parameters.get("lang", "en")
    markdown.translate(nb, lang)  # narrative in the run's language
    navigation.rewrite(nb, job.source.name, lang, job.neighbours, twin=job.published)
    restart_counts(nb)  # a kept kernel counts on from the notebooks it ran before
    nbformat.write(clean_notebook(nb, job.parameters), job.staged)
    return time.perf_counter() - start
