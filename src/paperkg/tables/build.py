"""Run a table build: stage every partition, resolve entities across papers, finish every partition,
then write the entity and repository node tables.

Only the name statistics and the key map are held whole (in proportion to the number of distinct
names, not of papers or mentions); papers are read as the workers need them. The result is the same
whatever the runner, the number of workers or the partition size.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from paperkg.graph import entity_row
from paperkg.models import EntityType, InputIssue, Paper, Repository
from paperkg.progress import Progress
from paperkg.resolve import KeyMap, NameStats, ResolveOptions, resolve_keys
from paperkg.tables.layout import TableSet, node_schema, part_name, write_table
from paperkg.tables.partition import FinishTask, StageTask, finish, stage
from paperkg.tables.runner import LocalRunner, Runner
from paperkg.tables.settings import PARTITION

__all__ = ["TableBuild", "build_tables"]


@dataclass
class TableBuild:
    """What a table build did: counts, seconds per step (stage, resolve, finish, entities), the staged
    relationships' size (what a cluster moves between the two passes) and the name statistics'
    size (what the resolver holds)."""

    tables: TableSet
    papers: int = 0
    extracted: int = 0
    cached: int = 0
    entities: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    staging_bytes: int = 0
    names: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    issues: list[InputIssue] = field(default_factory=list)


def _partitions(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    """Partitions growing from 256 papers to ``size``: small inputs still reach every worker, big
    ones get few, large tasks (the result does not depend on the cut)."""
    chunk: list[Paper] = []
    target = min(size, 256)
    for p in papers:
        chunk.append(p)
        if len(chunk) == target:
            yield chunk
            chunk = []
            target = min(size, 2 * target)
    if chunk:
        yield chunk


def _write_entities(tables: TableSet, keys: KeyMap, n_papers: dict[str, Counter[str]]) -> None:
    rows: dict[str, list[dict]] = {t.label: [] for t in EntityType}
    for key, name, aliases in keys.entities:
        kind = EntityType(key.split(":", 1)[0])
        node = entity_row(key, kind, name, aliases, n_papers.get(kind.label, Counter())[key])
        rows[kind.label].append({"id": key, **node.props})
    repos = n_papers.get("Repository", Counter())
    rows["Repository"] = [
        {
            "id": r.key,
            "name": r.name,
            "host": r.host,
            "owner": r.owner,
            "url": r.url,
            "n_papers": repos[r.key],
        }
        for r in (Repository(key=k) for k in sorted(repos))
    ]
    for label, items in rows.items():
        write_table(
            pa.Table.from_pylist(items, schema=node_schema(label)), tables.node_dir(label) / part_name(0)
        )


def build_tables(
    papers: Iterable[Paper],
    root: str | Path,
    options: ResolveOptions | None = None,
    runner: Runner | None = None,
    cache_dir: str | Path | None = None,
    partition_size: int = PARTITION,
    progress: bool = False,
) -> TableBuild:
    """Write the graph's tables for ``papers`` into the empty or absent folder ``root``."""
    root = Path(root).resolve()
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    runner = runner or LocalRunner()
    options = options or ResolveOptions()
    cache = str(Path(cache_dir).resolve()) if cache_dir is not None else None
    result = TableBuild(TableSet(root))
    tasks = (
        StageTask(i, chunk, str(root), options, cache)
        for i, chunk in enumerate(_partitions(papers, partition_size))
    )
    names = NameStats()
    parts = 0
    clock = time.perf_counter()
    with Progress("extracting", unit="papers", enabled=progress) as bar:
        for done in runner.map(stage, tasks):
            names.merge(done.names)
            parts += 1
            result.papers += done.papers
            result.extracted += done.extracted
            result.cached += done.cached
            result.warnings += [w for w in done.warnings if w not in result.warnings]
            result.issues += done.issues
            bar.update(done.papers)
    clock = _lap(result, "stage", clock)
    result.names = {"links": len(names.links), "names": len(names.names), "forms": len(names.forms)}
    keys = resolve_keys(names)
    del names
    result.entities = len(keys.entities)
    result.names["renamed"] = len(keys.renamed)
    result.staging_bytes = sum(f.stat().st_size for f in result.tables.staging_dir.glob("*.parquet"))
    clock = _lap(result, "resolve", clock)
    n_papers: dict[str, Counter[str]] = {}
    with Progress("writing tables", unit="partitions", enabled=progress) as bar:
        for done in runner.map(finish, (FinishTask(i, str(root)) for i in range(parts)), keys.renamed):
            for label, counts in done.n_papers.items():
                n_papers.setdefault(label, Counter()).update(counts)
            bar.update(1)
    clock = _lap(result, "finish", clock)
    _write_entities(result.tables, keys, n_papers)
    shutil.rmtree(result.tables.staging_dir, ignore_errors=True)
    result.counts = result.tables.counts()
    _lap(result, "entities", clock)
    return result


def _lap(result: TableBuild, stage: str, since: float) -> float:
    now = time.perf_counter()
    result.timings[stage] = round(now - since, 3)
    return now
