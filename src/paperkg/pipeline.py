"""The whole path as plain library calls: inputs -> papers -> mentions -> entities -> graph -> files.

The CLI only parses arguments and calls these functions; each returns a result object.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from paperkg.export import DEFAULT_FORMATS, write_exports
from paperkg.extract import Extractor
from paperkg.graph import GraphBuilder, graph_summary
from paperkg.models import InputIssue, PaperExtraction
from paperkg.parse import PaperReader
from paperkg.progress import Progress
from paperkg.resolve import EntityRegistry, ResolveOptions, resolve_paper

__all__ = ["BuildResult", "ExtractRun", "build", "extract_papers"]


@dataclass
class ExtractRun:
    """Streams extractions for the inputs; after iteration holds counts and skipped records."""

    inputs: list[str]
    fmt: str | None = None
    options: ResolveOptions = field(default_factory=ResolveOptions)
    progress: bool = False
    registry: EntityRegistry = field(default_factory=EntityRegistry)
    papers: int = 0

    def __post_init__(self) -> None:
        self.reader = PaperReader(self.inputs, self.fmt)

    @property
    def issues(self) -> list[InputIssue]:
        return self.reader.issues

    def __iter__(self) -> Iterator[PaperExtraction]:
        extractor = Extractor()
        with Progress("extracting", unit="papers", enabled=self.progress) as bar:
            for doc in extractor.extract_many(self.reader):
                self.papers += 1
                bar.update()
                yield resolve_paper(doc, self.registry, self.options)


def extract_papers(
    inputs: Iterable[str],
    fmt: str | None = None,
    options: ResolveOptions | None = None,
    progress: bool = False,
) -> ExtractRun:
    """An :class:`ExtractRun` over ``inputs`` (iterate it to extract)."""
    return ExtractRun(list(inputs), fmt, options or ResolveOptions(), progress)


@dataclass
class BuildResult:
    """What a build did: the graph, counts, files written and records skipped."""

    graph: nx.MultiDiGraph
    papers: int
    duplicates: int
    issues: list[InputIssue]
    files: list[Path]

    @property
    def entities_by_type(self) -> dict[str, int]:
        return dict(
            sorted(
                Counter(
                    d["label"]
                    for _, d in self.graph.nodes(data=True)
                    if d["label"] not in {"Paper", "Repository"}
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
) -> BuildResult:
    """Read, extract, resolve, build the graph and (unless ``out`` is None) write the exports."""
    run = extract_papers(inputs, fmt, options, progress)
    builder = GraphBuilder()
    for ex in run:
        builder.add(ex)
    g = builder.finish()
    files = write_exports(g, out, formats, max_nodes=max_nodes) if out is not None else []
    return BuildResult(
        graph=g, papers=run.papers, duplicates=run.reader.duplicates, issues=run.issues, files=files
    )
