"""The whole path as plain library calls: inputs -> papers -> mentions -> entities -> graph -> files.

The CLI only parses arguments and calls these functions; each returns a result object.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path

import networkx as nx

from paperkg import __version__
from paperkg.cache import ExtractionCache, extractor_fingerprint
from paperkg.export import DEFAULT_FORMATS, write_exports
from paperkg.export.html import DEFAULT_BUDGET
from paperkg.extract import DocMentions, Extractor
from paperkg.graph import GraphBuilder, graph_summary
from paperkg.models import InputIssue, Paper, PaperExtraction
from paperkg.parse import PaperReader
from paperkg.progress import Progress
from paperkg.resolve import EntityRegistry, ResolveOptions, resolve_paper

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
    """What a build did: the graph (None when the exports were already up to date), counts, files
    written and records skipped."""

    graph: nx.MultiDiGraph | None
    papers: int
    duplicates: int
    issues: list[InputIssue]
    files: list[Path]
    extracted: int = 0
    cached: int = 0
    up_to_date: bool = False
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

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
    max_nodes: int = DEFAULT_BUDGET,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
) -> BuildResult:
    """Read, extract, resolve, build the graph and (unless ``out`` is None) write the exports.

    With ``cache_dir``, papers extracted by an earlier build (same text, same extractor) are read
    back instead of extracted again.
    """
    formats = list(formats)
    run = extract_papers(inputs, fmt, options, progress, jobs, cache_dir)
    manifest = digest = None
    if cache_dir is not None and out is not None:
        # Nothing changed since the last build into the same folder: its exports stand as they are.
        papers = run.read_all()
        digest = _build_digest(papers, formats, options or ResolveOptions(), max_nodes, Path(out))
        manifest = Path(cache_dir) / "build.json"
        done = _up_to_date(manifest, digest)
        if done is not None:
            return BuildResult(
                graph=None,
                papers=len(papers),
                duplicates=run.reader.duplicates,
                issues=run.issues,
                files=[Path(f) for f in done["files"]],
                cached=len(papers),
                up_to_date=True,
                counts=done["counts"],
            )
    builder = GraphBuilder()
    for ex in run:
        builder.add(ex)
    g = builder.finish()
    files = write_exports(g, out, formats, max_nodes=max_nodes) if out is not None else []
    result = BuildResult(
        graph=g,
        papers=run.papers,
        duplicates=run.reader.duplicates,
        issues=run.issues,
        files=files,
        extracted=run.extracted,
        cached=run.cached,
    )
    if manifest is not None:
        manifest.write_text(
            json.dumps({"digest": digest, "files": [str(f) for f in files], "counts": result.summary}),
            encoding="utf-8",
        )
    return result


def _build_digest(
    papers: list[Paper], formats: list[str], options: ResolveOptions, max_nodes: int, out: Path
) -> str:
    # the extractor's fingerprint plus every paper as read decide the result
    h = hashlib.sha256(
        json.dumps(
            [__version__, extractor_fingerprint(), formats, repr(options), max_nodes, str(out.resolve())]
        ).encode()
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
