"""The whole path as plain library calls: inputs -> papers -> mentions -> entities -> graph -> files.

The CLI only parses arguments and calls these functions; each returns a result object.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from paperkg.cache import ExtractionCache
from paperkg.export import DEFAULT_FORMATS, write_exports
from paperkg.extract import DocMentions, Extractor
from paperkg.graph import GraphBuilder, graph_summary
from paperkg.models import InputIssue, Paper, PaperExtraction
from paperkg.parse import PaperReader
from paperkg.progress import Progress
from paperkg.resolve import EntityRegistry, ResolveOptions, resolve_paper

__all__ = ["BuildResult", "ExtractRun", "build", "extract_papers"]


CHUNK = 512


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

    @property
    def issues(self) -> list[InputIssue]:
        return self.reader.issues

    def _docs(self, bar: Progress) -> Iterator[DocMentions]:
        cache = ExtractionCache(self.cache_dir) if self.cache_dir is not None else None
        jobs = self.jobs if self.jobs > 0 else (os.cpu_count() or 1)
        pool = multiprocessing.get_context("fork").Pool(jobs) if jobs > 1 else None
        extractor = Extractor() if pool is None else None
        try:
            for chunk in _chunks(self.reader, CHUNK):
                known = cache.get_many(chunk) if cache else {}
                todo = [p for i, p in enumerate(chunk) if i not in known]
                if pool is not None and todo:
                    parts = [todo[i : i + CHUNK // jobs + 1] for i in range(0, len(todo), CHUNK // jobs + 1)]
                    fresh = [d for part in pool.map(_extract_chunk, parts) for d in part]
                else:
                    fresh = list(extractor.extract_many(todo)) if todo else []
                if cache and fresh:
                    cache.put_many(fresh)
                self.extracted += len(fresh)
                self.cached += len(known)
                it = iter(fresh)
                for i in range(len(chunk)):
                    yield known[i] if i in known else next(it)
                bar.update(len(chunk))
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
    """What a build did: the graph, counts, files written and records skipped."""

    graph: nx.MultiDiGraph
    papers: int
    duplicates: int
    issues: list[InputIssue]
    files: list[Path]
    extracted: int = 0
    cached: int = 0

    @property
    def entities_by_type(self) -> dict[str, int]:
        return dict(
            sorted(
                Counter(
                    d["label"]
                    for _, d in self.graph.nodes(data=True)
                    if d["label"] not in {"Paper", "Repository", "Result"}
                ).items()
            )
        )

    @property
    def summary(self) -> dict[str, dict[str, int]]:
        return graph_summary(self.graph)


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
) -> BuildResult:
    """Read, extract, resolve, build the graph and (unless ``out`` is None) write the exports.

    With ``cache_dir``, papers extracted by an earlier build (same text, same extractor) are read
    back instead of extracted again.
    """
    run = extract_papers(inputs, fmt, options, progress, jobs, cache_dir)
    builder = GraphBuilder()
    for ex in run:
        builder.add(ex)
    g = builder.finish()
    files = write_exports(g, out, formats, max_nodes=max_nodes) if out is not None else []
    return BuildResult(
        graph=g,
        papers=run.papers,
        duplicates=run.reader.duplicates,
        issues=run.issues,
        files=files,
        extracted=run.extracted,
        cached=run.cached,
    )
