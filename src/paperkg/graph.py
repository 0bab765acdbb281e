"""Graph: build the networkx knowledge graph, typed by the schema, every edge with its evidence.

Nodes are keyed by stable ids (paper ids, entity keys, ``github.com/owner/name``) and carry a
``label`` from the schema. Edges live in a ``MultiDiGraph`` keyed by relationship type, so one
paper can both PROPOSE and be EVALUATED_ON a dataset; each edge keeps its best evidence (sentence,
offsets, rule, confidence) in flat properties and all evidence as JSON in ``evidence``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

import networkx as nx

from paperkg.metrics import direction, metric_display
from paperkg.models import EntityType, Evidence, Mention, PaperEntity, PaperExtraction
from paperkg.names import name_key
from paperkg.schema import load_schema

__all__ = ["GraphBuilder", "build_graph", "edge_evidence", "graph_summary", "relation_for"]

_EVAL_RULES = ("evaluated_on", "data_head", "gazetteer_benchmark")
_EVAL_WORDS = ("evaluat", "experiment", "benchmark", "test", "outperform", "achiev", "results on", "accuracy")


def relation_for(pe: PaperEntity, sentences: Iterable[str]) -> str:
    """The relationship type from a paper to one of its entities."""
    kind = pe.entity.type
    if kind is EntityType.TASK:
        return "ADDRESSES"
    if kind is EntityType.METRIC:
        return "REPORTS"
    if pe.proposed:
        return "PROPOSES"
    if kind is EntityType.BENCHMARK:
        return "EVALUATED_ON"
    if kind is EntityType.DATASET:
        rules = " ".join(m.rule for m in pe.mentions)
        if any(r in rules for r in _EVAL_RULES) or any(
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


class GraphBuilder:
    """Adds paper extractions to a ``MultiDiGraph`` one at a time (streaming-friendly)."""

    def __init__(self) -> None:
        self.schema = load_schema()
        self.graph = nx.MultiDiGraph(name="paperkg")

    def _node(self, key: str, label: str, **props: object) -> None:
        props = {k: v for k, v in props.items() if v is not None}
        if key in self.graph:
            self.graph.nodes[key].update(props)
        else:
            self.graph.add_node(key, label=label, id=key, **props)

    def _edge(self, source: str, target: str, rel: str, evidence: list[Evidence]) -> None:
        self.schema.check_edge(rel, self.graph.nodes[source]["label"], self.graph.nodes[target]["label"])
        best = max(evidence, key=lambda e: e.confidence)
        self.graph.add_edge(
            source,
            target,
            key=rel,
            type=rel,
            paper_id=best.paper_id,
            sentence=best.sentence,
            start=best.start,
            end=best.end,
            rule=best.rule,
            confidence=best.confidence,
            n_mentions=len(evidence),
            evidence=_pack(evidence, best),
        )

    def add(self, ex: PaperExtraction) -> None:
        p = ex.paper
        text = p.text
        self._node(
            p.id,
            "Paper",
            title=p.title,
            abstract=p.abstract,
            url=p.url,
            date=p.date,
            authors="; ".join(p.authors) or None,
            n_authors=p.n_authors,
            venue=p.venue,
            source=p.source,
        )
        for pe in ex.entities:
            e = pe.entity
            extra = {"direction": direction(e.name)} if e.type is EntityType.METRIC else {}
            self._node(e.key, e.type.label, name=e.name, aliases=" | ".join(e.aliases), **extra)
            evidence = [_evidence(p.id, text, m) for m in pe.mentions]
            rel = relation_for(pe, (ev.sentence for ev in evidence))
            self._edge(p.id, e.key, rel, evidence)
        for r in ex.repositories:
            self._node(r.key, "Repository", name=r.name, host=r.host, owner=r.owner, url=r.url)
            start, end = r.start or 0, r.end or 0
            sentence_start = text.rfind(". ", 0, start) + 2 if start else 0
            sentence_end = text.find(". ", end)
            sentence = text[max(0, sentence_start) : sentence_end if sentence_end > 0 else len(text)]
            ev = Evidence(
                paper_id=p.id,
                sentence=sentence,
                start=start,
                end=end,
                rule="repository_link",
                confidence=0.99,
            )
            self._edge(p.id, r.key, "HAS_CODE", [ev])
        self._results(ex)

    def _results(self, ex: PaperExtraction) -> None:
        """Result nodes linked to their paper, dataset/benchmark, metric, method and baseline."""
        p = ex.paper
        keys: dict[tuple[str, str], str] = {}
        for pe in ex.entities:
            for form in (pe.name, *pe.aliases, *(m.text for m in pe.mentions)):
                keys.setdefault((pe.entity.type.value, name_key(form)), pe.entity.key)

        def key_of(text: str | None, *types: str) -> str | None:
            if not text:
                return None
            return next((keys[(t, name_key(text))] for t in types if (t, name_key(text)) in keys), None)

        for r in ex.results:
            rid = f"result:{p.id}:{r.start}"
            sentence = p.text[r.sentence_start : r.sentence_end]
            self._node(
                rid,
                "Result",
                value=r.value,
                value_text=r.value_text,
                unit=r.unit,
                kind=r.kind,
                high=r.high,
                baseline=r.baseline,
                qualifier=r.qualifier,
                metric=r.metric,
                metric_name=metric_display(r.metric),
                direction=direction(r.metric),
                dataset=r.dataset,
                method=r.method,
                compared_to=r.compared_to,
                paper_id=p.id,
                sentence=sentence,
                confidence=r.confidence,
            )
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
            self._edge(p.id, rid, "REPORTS_RESULT", ev)
            for rel, target in (
                ("ON_DATASET", key_of(r.dataset, "dataset", "benchmark")),
                ("MEASURED_BY", key_of(r.metric, "metric")),
                ("ACHIEVED_BY", key_of(r.method, "method")),
                ("COMPARED_WITH", key_of(r.compared_to, "method")),
            ):
                if target is not None:
                    self._edge(rid, target, rel, ev)

    def finish(self) -> nx.MultiDiGraph:
        """Set ``n_papers`` on every non-paper node and return the graph."""
        g = self.graph
        for node, data in g.nodes(data=True):
            if data["label"] not in {"Paper", "Result"}:
                data["n_papers"] = len({u for u, _ in g.in_edges(node) if g.nodes[u]["label"] == "Paper"})
        return g


def build_graph(extractions: Iterable[PaperExtraction]) -> nx.MultiDiGraph:
    """The knowledge graph of these extractions."""
    builder = GraphBuilder()
    for ex in extractions:
        builder.add(ex)
    return builder.finish()


def graph_summary(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Node counts by label and edge counts by relationship type."""
    return {
        "nodes": dict(sorted(Counter(d["label"] for _, d in g.nodes(data=True)).items())),
        "edges": dict(sorted(Counter(k for _, _, k in g.edges(keys=True)).items())),
    }
