"""The two steps a build runs per partition of papers (on any worker; each step is idempotent).

``stage``: extract the partition's papers (or read them from the extraction cache), resolve their
entities within each paper (provisional keys), write the Paper and Result node tables and the
partition's relationships to a staging table, and return the names seen (:class:`NameStats`).
``finish``: after cross-paper resolution, rewrite the staged relationships with the final keys
(merging a paper's relationships that now point at one entity), write the relationship and
evidence tables, and return per-node paper counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from paperkg.cache import ExtractionCache
from paperkg.extract import DocMentions, Extractor, extract_guarded
from paperkg.graph import NodeRow, edge_evidence, edge_props, paper_rows, relation_of
from paperkg.models import EntityType, InputIssue, Paper, PaperExtraction
from paperkg.resolve import NameStats, ResolveOptions, local_entities
from paperkg.schema import load_schema
from paperkg.tables.layout import (
    EVIDENCE_SCHEMA,
    STAGING_SCHEMA,
    TableSet,
    node_schema,
    part_name,
    rel_schema,
    write_table,
)

__all__ = ["FinishResult", "FinishTask", "StageResult", "StageTask", "finish", "stage"]


@dataclass(frozen=True)
class StageTask:
    index: int
    papers: list[Paper]
    root: str
    options: ResolveOptions
    cache_dir: str | None = None


@dataclass
class StageResult:
    index: int
    papers: int
    extracted: int
    cached: int
    names: NameStats
    warnings: list[str] = field(default_factory=list)
    issues: list[InputIssue] = field(default_factory=list)


@dataclass(frozen=True)
class FinishTask:
    index: int
    root: str


@dataclass
class FinishResult:
    index: int
    n_papers: dict[str, Counter[str]] = field(default_factory=dict)
    edges: Counter[str] = field(default_factory=Counter)


_EXTRACTORS: dict[type, Extractor] = {}


def _extractor() -> Extractor:
    """This process's extractor (one per class, so a replaced ``Extractor`` takes effect)."""
    if Extractor not in _EXTRACTORS:
        _EXTRACTORS[Extractor] = Extractor()
    return _EXTRACTORS[Extractor]


def _docs(
    papers: list[Paper], cache_dir: str | None, warnings: list[str]
) -> tuple[list[DocMentions | InputIssue], int]:
    """The partition's extractions in paper order (an issue in place of a paper the extractor failed
    on), and how many came from the cache."""
    if cache_dir is None:
        return extract_guarded(_extractor(), papers), 0
    store = ExtractionCache(cache_dir, warn=warnings.append)
    try:
        known = store.get_many(papers)
        fresh = extract_guarded(_extractor(), [p for i, p in enumerate(papers) if i not in known])
        done = [d for d in fresh if isinstance(d, DocMentions)]
        if done:
            store.put_many(done)
    finally:
        store.close()
    it = iter(fresh)
    return [known[i] if i in known else next(it) for i in range(len(papers))], len(known)


def _node_table(label: str, rows: list[NodeRow]) -> pa.Table:
    schema = node_schema(label)
    key = schema.names[0]
    return pa.Table.from_pylist([{key: r.id, **_nulls(r.props)} for r in rows], schema=schema)


def _nulls(props: dict) -> dict:
    """Empty strings as nulls, as every store row has them (:func:`paperkg.store.rows.graph_rows`)."""
    return {k: (None if v == "" else v) for k, v in props.items()}


def stage(task: StageTask, _shared: object = None) -> StageResult:
    """Extract and stage one partition (see the module docstring)."""
    warnings: list[str] = []
    items, cached = _docs(task.papers, task.cache_dir, warnings)
    docs = [d for d in items if isinstance(d, DocMentions)]
    issues = [d for d in items if isinstance(d, InputIssue)]
    tables = TableSet(Path(task.root))
    names = NameStats()
    nodes: dict[str, list[NodeRow]] = defaultdict(list)
    staged: list[dict] = []
    for doc in docs:
        local = local_entities(doc, task.options)
        for le in local:
            names.add(le)
        ex = PaperExtraction(
            paper=doc.paper,
            entities=[le.paper_entity for le in local],
            repositories=doc.repositories,
            results=doc.results,
        )
        paper_nodes, edges = paper_rows(ex)
        for n in paper_nodes:
            nodes[n.label].append(n)
        for e in edges:
            staged.append(
                {
                    "type": e.type,
                    "source_label": e.source_label,
                    "target_label": e.target_label,
                    "from": e.source,
                    "to": e.target,
                    **edge_props(e.evidence),
                }
            )
    for label in ("Paper", "Result"):
        write_table(_node_table(label, nodes[label]), tables.node_dir(label) / part_name(task.index))
    write_table(
        pa.Table.from_pylist(staged, schema=STAGING_SCHEMA), tables.staging_dir / part_name(task.index)
    )
    return StageResult(task.index, len(docs), len(docs) - cached, cached, names, warnings, issues)


def _merge(rows: list[dict]) -> dict:
    """One relationship from a paper's rows that resolution made the same (all evidence kept)."""
    if len(rows) == 1:
        return rows[0]
    evidence = sorted(
        (ev for r in rows for ev in edge_evidence(r)), key=lambda e: (e.start, e.end, e.rule, -e.confidence)
    )
    return {**rows[0], **edge_props(evidence)}


def _retarget(row: dict, target: str) -> bool:
    """Point a staged relationship at its final entity; when resolution gave the entity another type,
    a paper's relationship type is derived again for it, and a result's relationship the schema does
    not allow for that type is dropped (False)."""
    row["to"] = target
    kind = EntityType(target.split(":", 1)[0])
    if kind.label == row["target_label"]:
        return True
    row["target_label"] = kind.label
    if row["source_label"] == "Paper":
        ev = edge_evidence(row)
        row["type"] = relation_of(
            kind, row["type"] == "PROPOSES", [e.rule for e in ev], [e.sentence for e in ev]
        )
        return True
    return kind.label in load_schema().relationship(row["type"])["to"]


def finish(task: FinishTask, renamed: dict[str, str]) -> FinishResult:
    """Final keys for one staged partition (``renamed``: provisional key -> final key, where they
    differ); write its relationship and evidence tables."""
    tables = TableSet(Path(task.root))
    staged = tables.staging_dir / part_name(task.index)
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for row in pq.read_table(staged).to_pylist():
        if row["to"] in renamed and not _retarget(row, renamed[row["to"]]):
            continue
        groups.setdefault((row["from"], row["to"], row["type"]), []).append(row)
    result = FinishResult(task.index)
    by_table: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    evidence: list[dict] = []
    papers_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (source, target, rel), rows in groups.items():
        row = _merge(rows)
        by_table[(rel, row["source_label"], row["target_label"])].append(_nulls(row))
        result.edges[rel] += 1
        if row["source_label"] == "Paper" and row["target_label"] != "Result":
            papers_of[row["target_label"]].add((source, target))
        evidence.extend(
            {"source": source, "target": target, "type": rel, **ev.model_dump()} for ev in edge_evidence(row)
        )
    schema = rel_schema()
    for (rel, s, t), rows in sorted(by_table.items()):
        write_table(
            pa.Table.from_pylist(rows, schema=schema), tables.rel_dir(rel, s, t) / part_name(task.index)
        )
    write_table(
        pa.Table.from_pylist(evidence, schema=EVIDENCE_SCHEMA), tables.evidence_dir / part_name(task.index)
    )
    result.n_papers = {label: Counter(t for _, t in pairs) for label, pairs in papers_of.items()}
    return result
