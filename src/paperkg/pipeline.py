"""The whole path as plain library calls: inputs -> papers -> mentions -> entities -> tables -> files.

The CLI only parses arguments and calls these functions; each returns a result object. ``build``
writes the graph as Parquet tables (:mod:`paperkg.tables`, on one machine or a Dask cluster) and
the exports from them; ``extract_papers`` streams per-paper extractions.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path

import networkx as nx

from paperkg import __version__
from paperkg.atomic import (
    OutputError,
    OutputLock,
    atomic_file,
    check_writable,
    describe_os_error,
    file_record,
    matches,
    remove_stale_temporaries,
)
from paperkg.cache import ExtractionCache, extractor_fingerprint
from paperkg.export import DEFAULT_FORMATS, check_formats, write_table_exports
from paperkg.export.html import DEFAULT_BUDGET
from paperkg.extract import DocMentions, Extractor, extract_guarded
from paperkg.graph import graph_summary
from paperkg.models import InputIssue, Paper, PaperExtraction
from paperkg.parse import PaperReader
from paperkg.progress import Progress
from paperkg.resolve import EntityRegistry, ResolveOptions, resolve_paper
from paperkg.tables.build import TableBuild, build_tables
from paperkg.tables.layout import TableSet
from paperkg.tables.runner import make_runner
from paperkg.tables.settings import GRAPH_LIMIT, PARTITION

__all__ = ["MANIFEST", "BuildResult", "ExtractRun", "build", "extract_papers"]


CHUNK = 256
log = logging.getLogger("paperkg")


def _extract_chunk(papers: list[Paper]) -> list[DocMentions | InputIssue]:
    """Worker body: extract one chunk with this process's pipeline (see :func:`extract_guarded`)."""
    return extract_guarded(Extractor(), papers)


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
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.reader = PaperReader(self.inputs, self.fmt, warnings=self.warnings)
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
        cache = (
            ExtractionCache(self.cache_dir, warn=self.warnings.append) if self.cache_dir is not None else None
        )
        jobs = self.jobs if self.jobs > 0 else (os.cpu_count() or 1)
        pool = multiprocessing.get_context("fork").Pool(jobs) if jobs > 1 else None
        # Chunks in flight: workers extract the next chunks while this process resolves the current one.
        pending: deque[tuple[list[Paper], dict[int, DocMentions], AsyncResult | list]] = deque()

        def finish() -> Iterator[DocMentions]:
            chunk, known, work = pending.popleft()
            fresh = work.get() if isinstance(work, AsyncResult) else work
            done = [d for d in fresh if isinstance(d, DocMentions)]
            if cache and done:
                cache.put_many(done)
            self.extracted += len(done)
            self.cached += len(known)
            it = iter(fresh)
            for i in range(len(chunk)):
                item = known[i] if i in known else next(it)
                if isinstance(item, InputIssue):
                    self.reader.issues.append(item)
                else:
                    yield item
            bar.update(len(chunk))

        try:
            for chunk in _chunks(self.source, CHUNK):
                known = cache.get_many(chunk) if cache else {}
                todo = [p for i, p in enumerate(chunk) if i not in known]
                if pool is not None and todo:
                    pending.append((chunk, known, pool.apply_async(_extract_chunk, (todo,))))
                else:
                    pending.append((chunk, known, _extract_chunk(todo) if todo else []))
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
    Parquet tables (None when ``out`` was None), seconds per step, and the networkx graph when one
    was made (the exports needed it, or ``out`` was None, and it was within the graph limit)."""

    graph: nx.MultiDiGraph | None
    papers: int
    duplicates: int
    issues: list[InputIssue]
    files: list[Path]
    extracted: int = 0
    cached: int = 0
    up_to_date: bool = False
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
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


MANIFEST = ".paperkg-build.json"


def build(
    inputs: Iterable[str],
    out: str | Path | None = "exports",
    fmt: str | None = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    options: ResolveOptions | None = None,
    progress: bool = False,
    max_nodes: int = DEFAULT_BUDGET,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    cluster: str | None = None,
    scheduler: str | None = None,
    graph_limit: int = GRAPH_LIMIT,
    partition_size: int = PARTITION,
) -> BuildResult:
    """Read, extract and resolve into Parquet tables (``OUT/tables``), then write the exports.

    Extraction runs in this process, in ``jobs`` processes, or on a Dask cluster (``cluster`` =
    ``local:N`` or ``scheduler`` = ``tcp://host:8786``); the tables are the same whichever. With
    ``out`` None nothing is kept but the returned graph (within ``graph_limit``). With ``cache_dir``, papers extracted by an earlier build (same text, same extractor) are read
    back instead of extracted again. Before any long work the formats are checked (ValueError), the
    output folder is locked against other builds (``wait`` for them, else OutputError) and proved
    writable. Every file is written atomically, and ``OUT/.paperkg-build.json`` (each file's size and
    SHA-256) last: a build counts as up to date only when that manifest matches every file.
    """
    formats = check_formats(formats)
    settings = _Settings(
        fmt, formats, options or ResolveOptions(), progress, max_nodes, graph_limit, partition_size
    )
    if out is None:
        return _build(inputs, None, settings, jobs, cluster, scheduler, cache_dir)
    with OutputLock(out, wait=wait, on_wait=on_wait):
        check_writable(out)
        remove_stale_temporaries(out)  # what a killed build left
        if cache_dir is not None:
            check_writable(cache_dir)
        return _build(inputs, Path(out), settings, jobs, cluster, scheduler, cache_dir)


@dataclass(frozen=True)
class _Settings:
    """What decides a build's output (besides its inputs and the extractor)."""

    fmt: str | None
    formats: list[str]
    options: ResolveOptions
    progress: bool
    max_nodes: int
    graph_limit: int
    partition_size: int

    def digest_part(self) -> list:
        return [self.formats, repr(self.options), self.max_nodes, self.graph_limit]


def _build(
    inputs: Iterable[str],
    out: Path | None,
    settings: _Settings,
    jobs: int,
    cluster: str | None,
    scheduler: str | None,
    cache_dir: str | Path | None,
) -> BuildResult:
    reader = PaperReader(list(inputs), settings.fmt)
    digest = None
    if out is not None:
        manifest = out / MANIFEST
        if cache_dir is not None:
            # Nothing changed since the last build into the same folder: its exports stand as they are.
            first = PaperReader(reader.inputs, settings.fmt)
            digest = _build_digest(first, settings.digest_part(), out)
            done = _up_to_date(manifest, digest)
            log.info("inputs digest %s: %s", digest[:12], "up to date" if done else "building")
            if done is not None:
                papers = done["counts"]["nodes"].get("Paper", 0)
                return BuildResult(
                    graph=None,
                    papers=papers,
                    duplicates=first.duplicates,
                    issues=first.issues,
                    files=[Path(f["path"]) for f in done["files"]],
                    cached=papers,
                    up_to_date=True,
                    counts=done["counts"],
                    warnings=first.warnings,
                )
        # from here on the folder holds no finished build until the new manifest is written
        _unlink(manifest)
    work = Path(tempfile.mkdtemp(prefix="paperkg-")) if out is None else out / ".tables-building"
    runner = make_runner(jobs, cluster, scheduler)
    try:
        made = build_tables(
            reader, work, settings.options, runner, cache_dir, settings.partition_size, settings.progress
        )
    finally:
        runner.close()
    log.info(
        "%d papers (%d extracted, %d from cache, %d skipped) -> %s; %s",
        made.papers,
        made.extracted,
        made.cached,
        len(reader.issues),
        made.counts,
        ", ".join(f"{k} {v:.1f} s" for k, v in made.timings.items()),
    )
    result = BuildResult(
        graph=None,
        papers=made.papers,
        duplicates=reader.duplicates,
        issues=[*reader.issues, *made.issues],
        files=[],
        extracted=made.extracted,
        cached=made.cached,
        counts=made.counts,
        warnings=[*reader.warnings, *made.warnings],
        timings=dict(made.timings),
        table_build=made,
    )
    if out is None:
        result.graph = made.tables.graph() if made.tables.size() <= settings.graph_limit else None
        shutil.rmtree(work, ignore_errors=True)
        return result
    final = out / "tables"
    shutil.rmtree(final, ignore_errors=True)
    work.rename(final)
    result.tables = TableSet(final.resolve())
    clock = time.perf_counter()
    exports = write_table_exports(
        result.tables, out, settings.formats, settings.max_nodes, settings.graph_limit
    )
    result.timings["exports"] = round(time.perf_counter() - clock, 3)
    result.timings.update({f"export {k}": v for k, v in exports.timings.items()})
    result.files = [*exports.files, *result.tables.files()]
    result.graph, result.notes = exports.graph, exports.notes
    record = {"digest": digest, "files": [file_record(f) for f in result.files], "counts": result.summary}
    with atomic_file(out / MANIFEST) as fh:
        json.dump(record, fh)
    log.info("manifest %s: %d files with size and SHA-256", out / MANIFEST, len(result.files))
    return result


def _unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(describe_os_error(exc, path)) from exc


def _build_digest(papers: Iterable[Paper], settings: list, out: Path) -> str:
    # the extractor's fingerprint, the settings and every paper as read decide the result
    h = hashlib.sha256(
        json.dumps([__version__, extractor_fingerprint(), settings, str(out.resolve())]).encode()
    )
    for p in papers:
        h.update(p.model_dump_json().encode())
    return h.hexdigest()


def _up_to_date(manifest: Path, digest: str) -> dict | None:
    """The previous build's manifest when it had the same digest and every file it lists is still
    there with the same size and hash."""
    try:
        done = json.loads(manifest.read_text(encoding="utf-8"))
        if done.get("digest") != digest or not done.get("files"):
            return None
        return done if all(matches(f) for f in done["files"]) else None
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None  # unreadable or foreign manifest: build again
