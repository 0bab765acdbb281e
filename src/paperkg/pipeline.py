"""The whole path as plain library calls: inputs -> papers -> mentions -> entities -> tables -> files.

The CLI only parses arguments and calls these functions; each returns a result object. ``build``
writes the graph as Parquet tables (:mod:`paperkg.tables`, on one machine or a Dask cluster) and
the exports from them; ``extract_papers`` streams per-paper extractions.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path

import networkx as nx

from paperkg import __version__
from paperkg.cache import ExtractionCache, extractor_fingerprint
from paperkg.export import DEFAULT_FORMATS, write_table_exports
from paperkg.extract import DocMentions, Extractor
from paperkg.graph import graph_summary
from paperkg.models import InputIssue, Paper, PaperExtraction
from paperkg.parse import PaperReader
from paperkg.progress import Progress
from paperkg.resolve import EntityRegistry, ResolveOptions, resolve_paper
from paperkg.tables.build import TableBuild, build_tables
from paperkg.tables.layout import TableSet
from paperkg.tables.runner import make_runner
from paperkg.tables.settings import GRAPH_LIMIT, PARTITION

__all__ = ["BuildResult", "ExtractRun", "build", "extract_papers"]


CHUNK = 256


def _extract_chunk(papers: list[Paper]) -> list[DocMentions]:
    """Worker body: extract one chunk with this process's pipeline."""
    return list(Extractor().extract_many(papers))


def _chunks(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    chunk: list[Paper] = []
    for p in papers:
        chunk.append(p)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class ExtractRun:
    """Streams extractions for the inputs; after iteration holds counts and skipped records.

    ``jobs`` > 1 extracts chunks in worker processes (results keep input order); ``cache_dir`` reuses
    earlier extractions of unchanged papers. Resolution runs in this process, in input order, so the
    result is the same whatever ``jobs`` and the cache hold.
    """

    inputs: list[str]
    fmt: str | None = None
    options: ResolveOptions = field(default_factory=ResolveOptions)
    progress: bool = False
    jobs: int = 1
    cache_dir: str | Path | None = None
    registry: EntityRegistry = field(default_factory=EntityRegistry)
    papers: int = 0
    extracted: int = 0
    cached: int = 0

    def __post_init__(self) -> None:
        self.reader = PaperReader(self.inputs, self.fmt)
        self.source: Iterable[Paper] = self.reader

    def read_all(self) -> list[Paper]:
        """Read every paper now (the run then extracts from this list)."""
        papers = list(self.reader)
        self.source = papers
        return papers

    @property
    def issues(self) -> list[InputIssue]:
        return self.reader.issues

    def _docs(self, bar: Progress) -> Iterator[DocMentions]:
        cache = ExtractionCache(self.cache_dir) if self.cache_dir is not None else None
        jobs = self.jobs if self.jobs > 0 else (os.cpu_count() or 1)
        pool = multiprocessing.get_context("fork").Pool(jobs) if jobs > 1 else None
        extractor = Extractor() if pool is None else None
        # Chunks in flight: workers extract the next chunks while this process resolves the current one.
        pending: deque[tuple[list[Paper], dict[int, DocMentions], AsyncResult | list[DocMentions]]] = deque()

        def finish() -> Iterator[DocMentions]:
            chunk, known, work = pending.popleft()
            fresh = work.get() if isinstance(work, AsyncResult) else work
            if cache and fresh:
                cache.put_many(fresh)
            self.extracted += len(fresh)
            self.cached += len(known)
            it = iter(fresh)
            for i in range(len(chunk)):
                yield known[i] if i in known else next(it)
            bar.update(len(chunk))

        try:
            for chunk in _chunks(self.source, CHUNK):
                known = cache.get_many(chunk) if cache else {}
                todo = [p for i, p in enumerate(chunk) if i not in known]
                if pool is not None and todo:
                    pending.append((chunk, known, pool.apply_async(_extract_chunk, (todo,))))
                else:
                    pending.append((chunk, known, list(extractor.extract_many(todo)) if todo else []))
                if len(pending) > 2 * jobs:
                    yield from finish()
            while pending:
                yield from finish()
        finally:
            if pool is not None:
                pool.close()
                pool.join()
            if cache is not None:
                cache.close()

    def __iter__(self) -> Iterator[PaperExtraction]:
        with Progress("extracting", unit="papers", enabled=self.progress) as bar:
            for doc in self._docs(bar):
                self.papers += 1
                yield resolve_paper(doc, self.registry, self.options)


def extract_papers(
    inputs: Iterable[str],
    fmt: str | None = None,
    options: ResolveOptions | None = None,
    progress: bool = False,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
) -> ExtractRun:
    """An :class:`ExtractRun` over ``inputs`` (iterate it to extract)."""
    return ExtractRun(list(inputs), fmt, options or ResolveOptions(), progress, jobs, cache_dir)


@dataclass
class BuildResult:
    """What a build did: counts, files written, records skipped, notes on formats left out, the
    Parquet tables (None when ``out`` was None) and the networkx graph when one was made (the
    exports needed it, or ``out`` was None, and it was within the graph limit)."""

    graph: nx.MultiDiGraph | None
    papers: int
    duplicates: int
    issues: list[InputIssue]
    files: list[Path]
    extracted: int = 0
    cached: int = 0
    up_to_date: bool = False
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    tables: TableSet | None = None
    timings: dict[str, float] = field(default_factory=dict)
    table_build: TableBuild | None = None

    @property
    def summary(self) -> dict[str, dict[str, int]]:
        """Node counts by label and edge counts by type."""
        return self.counts or graph_summary(self.graph)

    @property
    def entities_by_type(self) -> dict[str, int]:
        return {k: v for k, v in self.summary["nodes"].items() if k not in {"Paper", "Repository", "Result"}}


def build(
    inputs: Iterable[str],
    out: str | Path | None = "exports",
    fmt: str | None = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    options: ResolveOptions | None = None,
    progress: bool = False,
    max_nodes: int = 1500,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
    cluster: str | None = None,
    scheduler: str | None = None,
    graph_limit: int = GRAPH_LIMIT,
    partition_size: int = PARTITION,
) -> BuildResult:
    """Read, extract and resolve into Parquet tables (``OUT/tables``), then write the exports.

    Extraction runs in this process, in ``jobs`` processes, or on a Dask cluster (``cluster`` =
    ``local:N`` or ``scheduler`` = ``tcp://host:8786``); the tables are the same whichever. With
    ``cache_dir``, papers extracted by an earlier build (same text, same extractor) are read back
    instead of extracted again. With ``out`` None nothing is kept but the returned graph.
    """
    formats = list(formats)
    options = options or ResolveOptions()
    reader = PaperReader(list(inputs), fmt)
    manifest = digest = None
    if cache_dir is not None and out is not None:
        # Nothing changed since the last build into the same folder: its exports stand as they are.
        first = PaperReader(reader.inputs, fmt)
        digest = _build_digest(first, [formats, repr(options), max_nodes, graph_limit], Path(out))
        manifest = Path(cache_dir) / "build.json"
        done = _up_to_date(manifest, digest)
        if done is not None:
            return BuildResult(
                graph=None,
                papers=done["counts"]["nodes"].get("Paper", 0),
                duplicates=first.duplicates,
                issues=first.issues,
                files=[Path(f) for f in done["files"]],
                cached=done["counts"]["nodes"].get("Paper", 0),
                up_to_date=True,
                counts=done["counts"],
            )
    work = Path(tempfile.mkdtemp(prefix="paperkg-")) if out is None else Path(out) / ".tables-building"
    runner = make_runner(jobs, cluster, scheduler)
    try:
        made = build_tables(reader, work, options, runner, cache_dir, partition_size, progress)
    finally:
        runner.close()
    result = BuildResult(
        graph=None,
        papers=made.papers,
        duplicates=reader.duplicates,
        issues=reader.issues,
        files=[],
        extracted=made.extracted,
        cached=made.cached,
        counts=made.counts,
        timings=dict(made.timings),
        table_build=made,
    )
    if out is None:
        result.graph = made.tables.graph() if made.tables.size() <= graph_limit else None
        shutil.rmtree(work, ignore_errors=True)
        return result
    final = Path(out) / "tables"
    shutil.rmtree(final, ignore_errors=True)
    work.rename(final)
    result.tables = TableSet(final.resolve())
    clock = time.perf_counter()
    exports = write_table_exports(result.tables, out, formats, max_nodes=max_nodes, graph_limit=graph_limit)
    result.timings["exports"] = round(time.perf_counter() - clock, 3)
    result.files = [*exports.files, *result.tables.files()]
    result.graph, result.notes = exports.graph, exports.notes
    if manifest is not None:
        manifest.write_text(
            json.dumps({"digest": digest, "files": [str(f) for f in result.files], "counts": result.summary}),
            encoding="utf-8",
        )
    return result


def _build_digest(papers: Iterable[Paper], settings: list, out: Path) -> str:
    # the extractor's fingerprint, the settings and every paper as read decide the result
    h = hashlib.sha256(
        json.dumps([__version__, extractor_fingerprint(), settings, str(out.resolve())]).encode()
    )
    for p in papers:
        h.update(p.model_dump_json().encode())
    return h.hexdigest()


def _up_to_date(manifest: Path, digest: str) -> dict | None:
    """The previous build's record when it had the same digest and its files are still there."""
    try:
        done = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if done.get("digest") != digest or not all(Path(f).is_file() for f in done.get("files", [])):
        return None
    return done
