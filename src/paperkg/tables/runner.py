"""Runners: run a table build's per-partition tasks here, in a process pool, or on a Dask cluster.

Each runner maps a task function over tasks and yields the results in task order, keeping only a
bounded number of tasks in flight (so inputs are read as the workers need them). ``shared`` is one
read-only value every task gets (the key map of the finish step): a forked pool inherits it, a Dask
cluster gets it scattered once to every worker.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

__all__ = ["DaskRunner", "LocalRunner", "Runner", "make_runner"]

TaskFn = Callable[[Any, Any], Any]


class Runner(Protocol):
    """Maps ``fn(task, shared)`` over tasks, results in task order."""

    workers: int

    def map(self, fn: TaskFn, tasks: Iterable[Any], shared: Any = None) -> Iterator[Any]: ...

    def close(self) -> None: ...


_SHARED: Any = None


def _with_shared(fn: TaskFn, task: Any) -> Any:
    return fn(task, _SHARED)


def _set_shared(value: Any) -> None:
    global _SHARED
    _SHARED = value


def _ordered(
    submit: Callable[[Any], Any], result: Callable[[Any], Any], tasks: Iterable[Any], window: int
) -> Iterator[Any]:
    pending: deque[Any] = deque()
    for task in tasks:
        pending.append(submit(task))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


class LocalRunner:
    """Tasks in this process (``jobs`` 1) or in a pool of forked worker processes."""

    def __init__(self, jobs: int = 1) -> None:
        self.workers = jobs if jobs > 0 else (os.cpu_count() or 1)

    def map(self, fn: TaskFn, tasks: Iterable[Any], shared: Any = None) -> Iterator[Any]:
        if self.workers <= 1:
            for task in tasks:
                yield fn(task, shared)
            return
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(self.workers, initializer=_set_shared, initargs=(shared,)) as pool:
            yield from _ordered(
                lambda t: pool.apply_async(_with_shared, (fn, t)), lambda r: r.get(), tasks, 2 * self.workers
            )

    def close(self) -> None:
        pass


class DaskRunner:
    """Tasks on a Dask cluster; the scheduler retries a task whose worker failed or died."""

    def __init__(self, cluster: str | None = None, scheduler: str | None = None, retries: int = 3) -> None:
        from distributed import Client, LocalCluster

        # Dask logs its start and stop at INFO; show that only when paperkg runs with --verbose.
        quiet = logging.WARNING if logging.getLogger().level > logging.INFO else logging.INFO
        for name in ("distributed", "dask"):
            logging.getLogger(name).setLevel(quiet)
        self.retries = retries
        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            n = int((cluster or "local:2").split(":", 1)[1] or 2)
            self._cluster = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=quiet
            )
            self.client = Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))
        self._token = uuid.uuid4().hex[:8]

    def map(self, fn: TaskFn, tasks: Iterable[Any], shared: Any = None) -> Iterator[Any]:
        handle = self.client.scatter(shared, broadcast=True) if shared is not None else None
        name = getattr(fn, "__name__", "task")
        counter = iter(range(1 << 62))

        def submit(task: Any) -> Any:
            key = f"paperkg-{name}-{self._token}-{next(counter)}"
            return self.client.submit(fn, task, handle, key=key, retries=self.retries, pure=False)

        def result(future: Any) -> Any:
            value = future.result()
            future.release()
            return value

        yield from _ordered(submit, result, tasks, 2 * self.workers + 2)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_runner(jobs: int = 1, cluster: str | None = None, scheduler: str | None = None) -> Runner:
    """A Dask runner when ``cluster`` (``local:N``) or ``scheduler`` (``tcp://host:8786``) is given,
    else a local one with ``jobs`` processes."""
    if cluster or scheduler:
        return DaskRunner(cluster, scheduler)
    return LocalRunner(jobs)
