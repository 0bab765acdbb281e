"""The explorer's data: the whole graph in a compact, index-based form the page can search and walk.

Every node but Result nodes becomes a row of column arrays (id, type, name, aliases, paper count,
normalised search keys); paper -> entity edges become one flat integer array; Result nodes become
rows of the results table with the node indices of their paper, dataset, method, metric and
baseline, and the leaderboards are those :mod:`paperkg.leaderboard` builds (rows and order as the CLI shows
them), given as indices into that table. Abstracts, full author lists and the character offsets of every mention go into gzip'd,
base64'd chunks that the page decompresses only when a paper is opened, so a page for the 87k-paper
corpus stays openable. The page reads this through ``explorer.js``; nothing here knows about drawing.
"""

from __future__ import annotations

import base64
import gzip
import json
from dataclasses import dataclass, field

import networkx as nx

from paperkg.leaderboard import all_leaderboards
from paperkg.names import name_key
from paperkg.schema import load_schema

__all__ = ["PAPER_RELS", "GraphStore", "build_store"]

# Relationships from a paper to an entity, drawn as edges; Result relationships are shown as tables.
PAPER_RELS = ("PROPOSES", "USES", "EVALUATED_ON", "ADDRESSES", "REPORTS", "HAS_CODE")
# Result -> node relationships and the column each fills in a result row.
_RESULT_LINKS = {"ON_DATASET": "dataset", "ACHIEVED_BY": "method", "MEASURED_BY": "metric"}
_RESULT_SKIP = {"id", "label", "paper_id"}
_CHUNK = 200  # papers per compressed text chunk
_MAX_AUTHORS = 3  # authors kept uncompressed (the full list is in the text chunk)


@dataclass
class GraphStore:
    """The indexable graph: ``index`` maps a node id to its row; ``payload`` is what the page embeds."""

    index: dict[str, int] = field(default_factory=dict)
    payload: dict[str, object] = field(default_factory=dict)

    def row(self, node: str) -> int:
        return self.index[node]


def _search_keys(name: str, aliases: str) -> str:
    """Normalised names (``name_key``) of a node, ``|``-joined, duplicates dropped, order kept."""
    keys = [name_key(name)] + [name_key(a) for a in aliases.split(" | ") if a.strip()]
    return "|".join(dict.fromkeys(k for k in keys if k))


def _short_authors(authors: str) -> str:
    names = [a.strip() for a in authors.replace(";", ",").split(",") if a.strip()]
    if len(names) <= _MAX_AUTHORS:
        return ", ".join(names)
    return ", ".join(names[:_MAX_AUTHORS]) + f" +{len(names) - _MAX_AUTHORS}"


def _pack(rows: list[object]) -> str:
    raw = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def _nodes(g: nx.MultiDiGraph, labels: list[str]) -> tuple[list[str], dict[str, list[object]]]:
    order = sorted(
        (n for n, d in g.nodes(data=True) if d["label"] != "Result"),
        key=lambda n: (labels.index(g.nodes[n]["label"]), n),
    )
    cols: dict[str, list[object]] = {"id": [], "t": [], "name": [], "alias": [], "n": [], "key": []}
    for n in order:
        d = g.nodes[n]
        paper = d["label"] == "Paper"
        name = str(d.get("title") if paper else d.get("name", n))
        aliases = "" if paper else str(d.get("aliases") or "")
        cols["id"].append(n)
        cols["t"].append(labels.index(d["label"]))
        cols["name"].append(name)
        cols["alias"].append(aliases)
        cols["n"].append(int(d.get("n_papers") or 0))
        cols["key"].append("" if paper else _search_keys(name, aliases))
    return order, cols


def _edges(g: nx.MultiDiGraph, index: dict[str, int], rels: list[str]) -> list[int]:
    flat: list[int] = []
    for u, v, k in g.edges(keys=True):
        if k in PAPER_RELS and u in index and v in index:
            flat += [index[u], index[v], rels.index(k)]
    return flat


def _results(g: nx.MultiDiGraph, index: dict[str, int]) -> dict[str, object]:
    """Result rows: paper, dataset, method, metric node indices (-1 when absent), then the fields."""
    results = [n for n, d in g.nodes(data=True) if d["label"] == "Result"]
    fields = sorted({k for r in results for k in g.nodes[r] if k not in _RESULT_SKIP})
    rows = []
    for r in sorted(results):
        d = g.nodes[r]
        links = {col: -1 for col in _RESULT_LINKS.values()}
        for _, v, k in g.out_edges(r, keys=True):
            if k in _RESULT_LINKS and v in index:
                links[_RESULT_LINKS[k]] = index[v]
        paper = index.get(str(d.get("paper_id")), -1)
        rows.append([paper, links["dataset"], links["method"], links["metric"], *(d.get(f) for f in fields)])
    return {"fields": fields, "rows": rows}


def _boards(g: nx.MultiDiGraph, index: dict[str, int]) -> list[list[object]]:
    """Every leaderboard as :func:`paperkg.leaderboard.all_leaderboards` builds it (the rows, groups and
    order the CLI, the ready query and leaderboards.json show): ``[dataset node, metric, direction,
    level result rows best first, [[change result row, compared to], ...]]``, result rows being indices
    into the ``results`` table."""
    row_of = {r: i for i, r in enumerate(sorted(n for n, d in g.nodes(data=True) if d["label"] == "Result"))}
    out: list[list[object]] = []
    for b in all_leaderboards(g):
        node = b.dataset_id
        if node not in index:
            continue
        levels = [row_of[r.result_id] for r in b.levels]
        changes = [[row_of[r.result_id], r.compared_to] for r in b.changes]
        out.append([index[node], b.metric, b.direction, levels, changes])
    return out


def _marks(g: nx.MultiDiGraph, paper: str, index: dict[str, int], rels: list[str]) -> list[list[int]]:
    """[start, end, sentence start, sentence end, node, rel] per mention (best evidence per edge)."""
    text = str(g.nodes[paper].get("title", "")) + "\n\n" + str(g.nodes[paper].get("abstract", ""))
    out = []
    for _, v, k, d in g.out_edges(paper, keys=True, data=True):
        if k not in PAPER_RELS or v not in index or d.get("start") is None:
            continue
        start, end = int(d["start"]), int(d["end"])
        sent = str(d.get("sentence") or "")
        s0 = text.rfind(sent, 0, end) if sent else -1
        s0, s1 = (s0, s0 + len(sent)) if s0 >= 0 else (start, end)
        out.append([start, end, s0, s1, index[v], rels.index(k)])
    return sorted(out)


def _texts(
    g: nx.MultiDiGraph, papers: list[str], index: dict[str, int], rels: list[str], budget: int
) -> tuple[list[str], list[int]]:
    """Compressed chunks of [abstract, authors, marks] and each paper's chunk (-1: not embedded).

    Papers are taken in the order given (most connected first) until ``budget`` compressed bytes.
    """
    chunks: list[str] = []
    where = [-1] * len(papers)
    used = 0
    for start in range(0, len(papers), _CHUNK):
        part = papers[start : start + _CHUNK]
        rows = [
            [
                str(g.nodes[p].get("abstract", "")),
                str(g.nodes[p].get("authors") or ""),
                _marks(g, p, index, rels),
            ]
            for p in part
        ]
        packed = _pack(rows)
        if used + len(packed) > budget:
            break
        used += len(packed)
        for i in range(len(part)):
            where[start + i] = len(chunks)
        chunks.append(packed)
    return chunks, where


def _papers(
    g: nx.MultiDiGraph, index: dict[str, int], rels: list[str], text_budget: int
) -> dict[str, object]:
    # Most connected papers first: when the text budget runs out, the best-linked abstracts are kept.
    papers = sorted(
        (n for n, d in g.nodes(data=True) if d["label"] == "Paper"), key=lambda p: (-g.out_degree(p), p)
    )
    chunks, where = _texts(g, papers, index, rels, text_budget)
    cols: dict[str, list[object]] = {
        "node": [],
        "date": [],
        "authors": [],
        "url": [],
        "venue": [],
        "chunk": [],
    }
    for i, p in enumerate(papers):
        d = g.nodes[p]
        cols["node"].append(index[p])
        cols["date"].append(str(d.get("date") or ""))
        cols["authors"].append(_short_authors(str(d.get("authors") or "")))
        cols["url"].append(str(d.get("url") or ""))
        cols["venue"].append(str(d.get("venue") or ""))
        cols["chunk"].append(where[i])
    return {**cols, "chunk_size": _CHUNK, "chunks": chunks, "embedded": sum(1 for w in where if w >= 0)}


def build_store(g: nx.MultiDiGraph, text_budget: int = 40_000_000) -> GraphStore:
    """The whole graph (but Result nodes, which become leaderboard rows) as the page's data."""
    schema = load_schema()
    labels = [lab for lab in schema.labels if lab != "Result"]
    rels = list(PAPER_RELS)
    order, nodes = _nodes(g, labels)
    index = {n: i for i, n in enumerate(order)}
    payload: dict[str, object] = {
        "labels": [{"label": lab, "color": schema.color(lab), "shape": schema.shape(lab)} for lab in labels],
        "rels": [_rel_style(schema.relationship(r), r) for r in rels],
        "nodes": nodes,
        "edges": _edges(g, index, rels),
        "results": _results(g, index),
        "boards": _boards(g, index),
        "papers": _papers(g, index, rels, text_budget),
    }
    return GraphStore(index=index, payload=payload)


def _rel_style(spec: dict[str, object], rel: str) -> dict[str, object]:
    return {
        "rel": rel,
        "color": spec.get("color", "#999999"),
        "dashes": bool(spec.get("dashes", False)),
        "description": spec.get("description", ""),
    }
