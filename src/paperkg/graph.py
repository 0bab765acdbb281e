"""Graph: the nodes and relationships of the knowledge graph, typed by the schema, every edge with
its evidence.

:func:`paper_rows` turns one paper's extraction into node and relationship rows (what the Parquet
tables of :mod:`paperkg.tables` hold); :func:`graph_from_rows` makes a networkx ``MultiDiGraph`` of
rows for the exports that need one. Nodes are keyed by stable ids (paper ids, entity keys,
``github.com/owner/name``) and carry a ``label`` from the schema. Edges are keyed by relationship
type, so one paper can both PROPOSE and be EVALUATED_ON a dataset; each edge keeps its best evidence
(sentence, offsets, rule, confidence) in flat properties and all evidence as JSON in ``evidence``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

import networkx as nx

from paperkg.metrics import direction, metric_display
from paperkg.models import EntityType, Evidence, Mention, PaperEntity, PaperExtraction
from paperkg.names import name_key
from paperkg.schema import load_schema
from paperkg.store.rows import ALIAS_SEPARATOR, lookup_keys

__all__ = [
    "EdgeRow",
    "NodeRow",
    "edge_evidence",
    "edge_props",
    "entity_row",
    "graph_from_rows",
    "graph_summary",
    "paper_rows",
    "relation_for",
    "relation_of",
]

_EVAL_RULES = ("evaluated_on", "data_head", "gazetteer_benchmark")
_EVAL_WORDS = ("evaluat", "experiment", "benchmark", "test", "outperform", "achiev", "results on", "accuracy")


def relation_for(pe: PaperEntity, sentences: Iterable[str]) -> str:
    """The relationship type from a paper to one of its entities."""
    return relation_of(pe.entity.type, pe.proposed, [m.rule for m in pe.mentions], sentences)


def relation_of(kind: EntityType, proposed: bool, rules: Iterable[str], sentences: Iterable[str]) -> str:
    """The relationship type from a paper to an entity of this kind, named with these rules in these
    sentences (also used when cross-paper resolution gives an entity another type)."""
    if kind is EntityType.TASK:
        return "ADDRESSES"
    if kind is EntityType.METRIC:
        return "REPORTS"
    if proposed:
        return "PROPOSES"
    if kind is EntityType.BENCHMARK:
        return "EVALUATED_ON"
    if kind is EntityType.DATASET:
        joined = " ".join(rules)
        if any(r in joined for r in _EVAL_RULES) or any(
            w in s.lower() for s in sentences for w in _EVAL_WORDS
        ):
            return "EVALUATED_ON"
    return "USES"


def _evidence(paper_id: str, text: str, m: Mention) -> Evidence:
    return Evidence(
        paper_id=paper_id,
        sentence=text[m.sentence_start : m.sentence_end],
        start=m.start,
        end=m.end,
        rule=m.rule,
        confidence=m.confidence,
    )


def _pack(evidence: list[Evidence], best: Evidence) -> str:
    """Evidence as JSON without what the edge already holds: its paper id, and its sentence where an
    item's sentence is the same (mentions in one sentence are common; this keeps big graphs small)."""
    items = []
    for e in evidence:
        item = e.model_dump(exclude={"paper_id"})
        if e.sentence == best.sentence:
            del item["sentence"]
        items.append(item)
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def edge_evidence(data: dict) -> list[Evidence]:
    """The evidence list stored on an edge's attribute dict (see :func:`_pack`)."""
    return [
        Evidence.model_validate({"paper_id": data["paper_id"], "sentence": data["sentence"], **e})
        for e in json.loads(data["evidence"])
    ]


class NodeRow(NamedTuple):
    """One node as a table row: its key, label and properties (None where unknown)."""

    id: str
    label: str
    props: dict[str, object]


class EdgeRow(NamedTuple):
    """One relationship of one paper (or of one of its results), with all its evidence."""

    source: str
    target: str
    type: str
    source_label: str
    target_label: str
    evidence: list[Evidence]


def edge_props(evidence: list[Evidence]) -> dict[str, object]:
    """The schema's relationship properties: the best evidence flat, all of it as JSON."""
    best = max(evidence, key=lambda e: e.confidence)
    return {
        "paper_id": best.paper_id,
        "sentence": best.sentence,
        "start": best.start,
        "end": best.end,
        "rule": best.rule,
        "confidence": best.confidence,
        "n_mentions": len(evidence),
        "evidence": _pack(evidence, best),
    }


def entity_row(key: str, kind: EntityType, name: str, aliases: list[str], n_papers: int) -> NodeRow:
    """The node of a resolved entity (metrics also say whether higher is better)."""
    props: dict[str, object] = {
        "name": name,
        "aliases": ALIAS_SEPARATOR.join(aliases) or None,
        "n_papers": n_papers,
    }
    props["name_key"], props["name_keys"] = lookup_keys(name, aliases)
    if kind is EntityType.METRIC:
        props["direction"] = direction(name)
    return NodeRow(key, kind.label, props)


def paper_rows(ex: PaperExtraction) -> tuple[list[NodeRow], list[EdgeRow]]:
    """The nodes and relationships one paper contributes (entity nodes are not included: they are
    made once across papers by the resolver). Entity targets are the extraction's entity keys."""
    p = ex.paper
    text = p.text
    nodes = [
        NodeRow(
            p.id,
            "Paper",
            {
                "title": p.title,
                "abstract": p.abstract,
                "url": p.url,
                "date": p.date,
                "authors": "; ".join(p.authors) or None,
                "n_authors": p.n_authors,
                "venue": p.venue,
                "source": p.source,
            },
        )
    ]
    edges: list[EdgeRow] = []
    for pe in ex.entities:
        e = pe.entity
        evidence = [_evidence(p.id, text, m) for m in pe.mentions]
        rel = relation_for(pe, (ev.sentence for ev in evidence))
        edges.append(EdgeRow(p.id, e.key, rel, "Paper", e.type.label, evidence))
    for r in ex.repositories:
        start, end = r.start or 0, r.end or 0
        sentence_start = text.rfind(". ", 0, start) + 2 if start else 0
        sentence_end = text.find(". ", end)
        sentence = text[max(0, sentence_start) : sentence_end if sentence_end > 0 else len(text)]
        ev = Evidence(
            paper_id=p.id, sentence=sentence, start=start, end=end, rule="repository_link", confidence=0.99
        )
        edges.append(EdgeRow(p.id, r.key, "HAS_CODE", "Paper", "Repository", [ev]))
    _results(ex, nodes, edges)
    return nodes, edges


def _results(ex: PaperExtraction, nodes: list[NodeRow], edges: list[EdgeRow]) -> None:
    """Result nodes linked to their paper, dataset/benchmark, metric, method and baseline."""
    p = ex.paper
    keys: dict[tuple[str, str], tuple[str, str]] = {}
    for pe in ex.entities:
        for form in (pe.name, *pe.aliases, *(m.text for m in pe.mentions)):
            keys.setdefault((pe.entity.type.value, name_key(form)), (pe.entity.key, pe.entity.type.label))

    def key_of(text: str | None, *types: str) -> tuple[str, str] | None:
        if not text:
            return None
        return next((keys[(t, name_key(text))] for t in types if (t, name_key(text)) in keys), None)

    for r in ex.results:
        rid = f"result:{p.id}:{r.start}"
        sentence = p.text[r.sentence_start : r.sentence_end]
        props = r.model_dump(include=_RESULT_FIELDS)
        props.update(metric_name=metric_display(r.metric), direction=direction(r.metric))
        nodes.append(NodeRow(rid, "Result", {**props, "paper_id": p.id, "sentence": sentence}))
        ev = [
            Evidence(
                paper_id=p.id,
                sentence=sentence,
                start=r.start,
                end=r.end,
                rule="result",
                confidence=r.confidence,
            )
        ]
        edges.append(EdgeRow(p.id, rid, "REPORTS_RESULT", "Paper", "Result", ev))
        for rel, target in (
            ("ON_DATASET", key_of(r.dataset, "dataset", "benchmark")),
            ("MEASURED_BY", key_of(r.metric, "metric")),
            ("ACHIEVED_BY", key_of(r.method, "method")),
            ("COMPARED_WITH", key_of(r.compared_to, "method")),
        ):
            if target is not None:
                edges.append(EdgeRow(rid, target[0], rel, "Result", target[1], ev))


_RESULT_FIELDS = {
    "value",
    "value_text",
    "unit",
    "kind",
    "high",
    "baseline",
    "qualifier",
    "metric",
    "dataset",
    "method",
    "compared_to",
    "confidence",
}


def graph_from_rows(
    nodes: Iterable[NodeRow], edges: Iterable[EdgeRow | tuple[str, str, str, dict]]
) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` of these rows (edges as rows with evidence, or as ``(u, v, type, props)``);
    None-valued properties are left out, relationships are checked against the schema."""
    schema = load_schema()
    g = nx.MultiDiGraph(name="paperkg")
    for n in nodes:
        g.add_node(n.id, label=n.label, id=n.id, **{k: v for k, v in n.props.items() if v is not None})
    for e in edges:
        if isinstance(e, EdgeRow):
            u, v, rel, props = e.source, e.target, e.type, edge_props(e.evidence)
        else:
            u, v, rel, props = e
        schema.check_edge(rel, g.nodes[u]["label"], g.nodes[v]["label"])
        g.add_edge(u, v, key=rel, type=rel, **props)
    return g


def graph_summary(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Node counts by label and edge counts by relationship type."""
    return {
        "nodes": dict(sorted(Counter(d["label"] for _, d in g.nodes(data=True)).items())),
        "edges": dict(sorted(Counter(k for _, _, k in g.edges(keys=True)).items())),
    }
