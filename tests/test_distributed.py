"""A build on a Dask cluster (LocalCluster, 2 worker processes) equals the local build, and the
engine's task retries and worker restarts leave the result unchanged.

The corpus sample is 1,200 abstracts (partitions of 150): enough for entities shared across
partitions and workers, small enough to keep this file to a couple of minutes on 2 cores (a 10k
comparison was run by hand; see benchmarks/results/distributed.md).
"""

from __future__ import annotations

import gzip
import json
import os
import signal
from itertools import islice

import pytest

from conftest import SEEDS, SHARED
from paperkg.parse import PaperReader
from paperkg.pipeline import MANIFEST
from paperkg.tables.build import build_tables
from paperkg.tables.partition import stage
from paperkg.tables.runner import DaskRunner, LocalRunner
from test_tables import contents

CORPUS = SHARED / "corpora" / "paperlists_abstracts.jsonl.gz"


@pytest.fixture(scope="module")
def dask_runner():
    runner = DaskRunner(cluster="local:2")
    yield runner
    runner.close()


def test_seed_build_on_dask_equals_the_local_build(tmp_path, seed_papers, dask_runner):
    local = build_tables(seed_papers, tmp_path / "local", partition_size=60)
    dist = build_tables(seed_papers, tmp_path / "dask", runner=dask_runner, partition_size=60)
    assert contents(dist.tables) == contents(local.tables)
    assert dist.counts == local.counts and dist.papers == len(seed_papers)


@pytest.fixture(scope="module")
def corpus_sample(tmp_path_factory):
    if not CORPUS.exists():
        pytest.skip("../shared/corpora not beside the checkout")
    path = tmp_path_factory.mktemp("sample") / "sample.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        dst.writelines(islice(src, 1200))
    return list(PaperReader([str(path)]))


def test_corpus_sample_on_dask_equals_the_local_build(tmp_path, corpus_sample, dask_runner):
    local = build_tables(corpus_sample, tmp_path / "local", runner=LocalRunner(2), partition_size=150)
    dist = build_tables(corpus_sample, tmp_path / "dask", runner=dask_runner, partition_size=150)
    assert contents(dist.tables) == contents(local.tables)
    assert local.counts["nodes"]["Paper"] == len(corpus_sample) > 1000


class _KillOnce(DaskRunner):
    """Kills the worker process that is running a stage task, once, after the first result."""

    killed: int | None = None

    def map(self, fn, tasks, shared=None):
        results = super().map(fn, tasks, shared)
        first = next(results)
        if fn is stage and self.killed is None:
            busy = [w for w, keys in self.client.processing().items() if keys]
            pids = self.client.run(os.getpid, workers=busy[:1])
            self.killed = next(iter(pids.values()))
            os.kill(self.killed, signal.SIGKILL)
        yield first
        yield from results


def test_a_killed_worker_does_not_change_the_output(tmp_path, seed_papers):
    local = build_tables(seed_papers, tmp_path / "local", partition_size=20)
    runner = _KillOnce(cluster="local:2")
    try:
        dist = build_tables(seed_papers, tmp_path / "dask", runner=runner, partition_size=20)
        pids_after = set(runner.client.run(os.getpid).values())
    finally:
        runner.close()
    assert runner.killed is not None and runner.killed not in pids_after
    assert contents(dist.tables) == contents(local.tables)


def _fails_first_time(marker: str, _shared: object) -> str:
    if not os.path.exists(marker):
        open(marker, "w").close()
        raise RuntimeError("transient failure")
    return "done"


def test_a_failed_task_is_retried_by_the_engine(tmp_path, dask_runner):
    markers = [str(tmp_path / f"m{i}") for i in range(3)]
    assert list(dask_runner.map(_fails_first_time, markers)) == ["done"] * 3
    assert all(os.path.exists(m) for m in markers)


def test_cli_builds_on_a_local_cluster(tmp_path):
    from paperkg.cli import main

    code = main(
        ["build", str(SEEDS), "--out", str(tmp_path), "--cluster", "local:2", "--formats", "csv", "-q"]
    )
    assert code == 0
    with (tmp_path / "edges.csv").open(encoding="utf-8") as fh:
        assert sum(1 for _ in fh) > 1000
    assert json.loads((tmp_path / MANIFEST).read_text())["counts"]["nodes"]["Paper"] == 241
