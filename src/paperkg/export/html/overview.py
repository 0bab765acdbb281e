"""The explorer's first view: a per-type budget of the most-used nodes, laid out in Python.

Small builds get a paper-level overview (the top methods, datasets, benchmarks, tasks, metrics and
repositories by number of papers, plus the papers that connect most of them, with the real typed
edges). Large builds get an entity-level overview: no paper nodes, and links between entities that
papers name together (method-dataset, method-task, ...) weighted by the number of such papers, each
node keeping only its strongest links so the picture stays legible. Positions are computed with
networkx (force-directed, fixed seed) and pushed apart so that nodes do not pile up; the page draws
them with physics off. Result nodes are never drawn.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
import numpy as np

from paperkg.export.html.store import PAPER_RELS, GraphStore

__all__ = ["LINK_KINDS", "Overview", "budget_per_type", "build_overview", "overview_payload"]

# Share of the node budget per type (papers only in the paper-level view).
_SHARES = {
    "Method": 0.30,
    "Dataset": 0.16,
    "Benchmark": 0.07,
    "Task": 0.15,
    "Metric": 0.08,
    "Repository": 0.06,
    "Paper": 0.18,
}
# Entity-level links: (kind, colour, dashed, the type pairs it joins).
LINK_KINDS: list[tuple[str, str, bool, set[frozenset[str]]]] = [
    ("method-data", "#2e8b57", False, {frozenset({"Method", "Dataset"}), frozenset({"Method", "Benchmark"})}),
    ("method-task", "#d4a017", False, {frozenset({"Method", "Task"})}),
    ("data-task", "#8cd17d", True, {frozenset({"Dataset", "Task"}), frozenset({"Benchmark", "Task"})}),
    (
        "metric",
        "#b07aa1",
        True,
        {frozenset({"Metric", t}) for t in ("Method", "Dataset", "Benchmark", "Task")},
    ),
    ("code", "#222222", False, {frozenset({"Method", "Repository"})}),
]
_PAPER_VIEW_MAX = 2000  # more papers than this: the entity-level view
_LINKS_PER_NODE = 3  # entity-level view: each node keeps its strongest links


@dataclass
class Overview:
    """What the first view draws: node ids with positions, typed weighted edges, and what was left out."""

    mode: str
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    edges: list[tuple[str, str, str, int]] = field(default_factory=list)
    shown: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    links_total: int = 0


def budget_per_type(counts: dict[str, int], budget: int, with_papers: bool) -> dict[str, int]:
    """Nodes per type: shares of ``budget``; what a small type cannot use goes to the others."""
    shares = {t: s for t, s in _SHARES.items() if with_papers or t != "Paper"}
    total_share = sum(shares.values())
    want = {t: int(budget * s / total_share) for t, s in shares.items()}
    got = {t: min(want[t], counts.get(t, 0)) for t in shares}
    spare = budget - sum(got.values())
    while spare > 0:
        hungry = [t for t in shares if counts.get(t, 0) > got[t]]
        if not hungry:
            break
        for t in sorted(hungry, key=lambda t: -shares[t]):
            if spare <= 0:
                break
            got[t] += 1
            spare -= 1
    return got


def _by_type(g: nx.MultiDiGraph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for n, d in g.nodes(data=True):
        if d["label"] not in {"Result", "Paper"}:
            out.setdefault(d["label"], []).append(n)
    for nodes in out.values():
        nodes.sort(key=lambda n: (-int(g.nodes[n].get("n_papers") or 0), n))
    return out


def _papers(g: nx.MultiDiGraph) -> list[str]:
    return [n for n, d in g.nodes(data=True) if d["label"] == "Paper"]


def _paper_view(g: nx.MultiDiGraph, budget: int) -> Overview:
    entities = _by_type(g)
    papers = _papers(g)
    counts = {t: len(v) for t, v in entities.items()} | {"Paper": len(papers)}
    quota = budget_per_type(counts, budget, with_papers=True)
    keep = {n for t, nodes in entities.items() for n in nodes[: quota.get(t, 0)]}
    keep |= _connecting_papers(g, papers, keep, quota["Paper"])
    edges = sorted(
        {(u, v, k, 1) for u, v, k in g.edges(keys=True) if k in PAPER_RELS and u in keep and v in keep}
    )
    linked = {u for u, _, _, _ in edges} | {v for _, v, _, _ in edges}
    keep &= linked  # an entity none of the drawn papers names would float alone; search still finds it
    return _finish(g, "papers", keep, edges, counts, len(edges))


def _connecting_papers(g: nx.MultiDiGraph, papers: list[str], keep: set[str], quota: int) -> set[str]:
    """Papers chosen greedily to connect the kept entities, the most-used ones first (weighted cover),
    then the papers naming the most kept entities."""
    named = {p: {v for v in g.successors(p) if v in keep} for p in papers}
    weight = {n: 1 + int(g.nodes[n].get("n_papers") or 0) for n in keep}
    uncovered, chosen = set(keep), set()
    while len(chosen) < quota:
        gain = {p: sum(weight[v] for v in named[p] & uncovered) for p in papers if p not in chosen}
        best = max(gain, key=lambda p: (gain[p], len(named[p]), p), default=None)
        if best is None or gain[best] == 0:
            break
        chosen.add(best)
        uncovered -= named[best]
    rest = sorted((p for p in papers if p not in chosen and named[p]), key=lambda p: (-len(named[p]), p))
    return chosen | set(rest[: max(0, quota - len(chosen))])


def _entity_links(g: nx.MultiDiGraph, keep: set[str]) -> Counter[tuple[str, str, str]]:
    """(a, b, kind) -> number of papers naming both (the code kind: proposing paper has the repo)."""
    kind_of = {pair: kind for kind, _, _, pairs in LINK_KINDS for pair in pairs}
    links: Counter[tuple[str, str, str]] = Counter()
    for p in _papers(g):
        named = set()
        for _, v, k in g.out_edges(p, keys=True):
            if v in keep and k in PAPER_RELS and (g.nodes[v]["label"] != "Method" or k != "HAS_CODE"):
                named.add((v, k))
        for (a, ka), (b, kb) in combinations(sorted(named), 2):
            kind = kind_of.get(frozenset({g.nodes[a]["label"], g.nodes[b]["label"]}))
            if kind is None or a == b:
                continue
            if kind == "code" and "PROPOSES" not in (ka, kb):
                continue
            links[(a, b, kind)] += 1
    return links


def _entity_view(g: nx.MultiDiGraph, budget: int) -> Overview:
    entities = _by_type(g)
    counts = {t: len(v) for t, v in entities.items()} | {"Paper": len(_papers(g))}
    quota = budget_per_type(counts, budget, with_papers=False)
    keep = {n for t, nodes in entities.items() for n in nodes[: quota.get(t, 0)]}
    links = _entity_links(g, keep)
    best: dict[str, list[tuple[int, tuple[str, str, str]]]] = {}
    for key, w in links.items():
        for end in key[:2]:
            best.setdefault(end, []).append((w, key))
    chosen = set()
    for items in best.values():
        items.sort(key=lambda x: (-x[0], x[1]))
        chosen.update(key for _, key in items[:_LINKS_PER_NODE])
    edges = sorted((a, b, kind, links[(a, b, kind)]) for a, b, kind in chosen)
    keep &= {a for a, _, _, _ in edges} | {b for _, b, _, _ in edges}  # unlinked nodes would float alone
    return _finish(g, "entities", keep, edges, counts, len(links))


def _layout(nodes: list[str], edges: list[tuple[str, str, str, int]]) -> dict[str, tuple[float, float]]:
    h = nx.Graph()
    h.add_nodes_from(nodes)
    for a, b, _, w in edges:
        h.add_edge(a, b, weight=1.0 + np.log1p(w))
    if not nodes:
        return {}
    if len(nodes) < 500:
        pos = nx.spring_layout(h, weight="weight", seed=7, iterations=150, k=1.6 / np.sqrt(len(nodes)))
    else:
        pos = nx.forceatlas2_layout(h, weight="weight", seed=7, max_iter=150, distributed_action=True)
    xy = _even_density(np.array([pos[n] for n in nodes], dtype=float), spacing=100.0)
    xy = _spread(xy, min_dist=60.0)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, xy, strict=True)}


def _even_density(xy: np.ndarray, spacing: float) -> np.ndarray:
    """Keep each node's angle and rank by distance from the centre, but place the ranks so that the
    disc has the same density everywhere (force layouts crowd the hubs into a core whose labels pile
    up, while a few outliers set the scale). ``spacing`` is the typical distance between nodes."""
    xy = xy - np.median(xy, axis=0)
    radius = np.hypot(xy[:, 0], xy[:, 1])
    angle = np.arctan2(xy[:, 1], xy[:, 0])
    rank = np.empty(len(xy))
    rank[np.argsort(radius, kind="stable")] = np.arange(len(xy))
    outer = spacing * np.sqrt(len(xy) / np.pi)
    r = outer * np.sqrt((rank + 0.5) / len(xy))
    return np.column_stack([r * np.cos(angle), r * np.sin(angle)])


def _spread(xy: np.ndarray, min_dist: float, rounds: int = 200) -> np.ndarray:
    """Push nodes closer than ``min_dist`` apart (labels need room; force layouts pile up hubs)."""
    for _ in range(rounds):
        diff = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((diff**2).sum(-1)) + np.eye(len(xy))
        close = (dist < min_dist) & ~np.eye(len(xy), dtype=bool)
        if not close.any():
            break
        push = np.where(close, (min_dist - dist) / dist / 2, 0.0)[..., None] * diff
        xy = xy + push.sum(axis=1)
    return xy


def _finish(
    g: nx.MultiDiGraph,
    mode: str,
    keep: set[str],
    edges: list[tuple[str, str, str, int]],
    counts: dict[str, int],
    links_total: int,
) -> Overview:
    nodes = sorted(keep)
    shown = Counter(g.nodes[n]["label"] for n in nodes)
    return Overview(
        mode=mode,
        positions=_layout(nodes, edges),
        edges=edges,
        shown=dict(shown),
        total=counts,
        links_total=links_total,
    )


def build_overview(g: nx.MultiDiGraph, budget: int) -> Overview:
    """The overview of ``g`` within ``budget`` nodes (paper-level for small builds, else entity-level)."""
    if len(_papers(g)) <= _PAPER_VIEW_MAX:
        return _paper_view(g, budget)
    return _entity_view(g, budget)


def overview_payload(ov: Overview, store: GraphStore) -> dict[str, object]:
    """The overview as the page embeds it: rows and positions, edges by kind index, counts."""
    rels = list(PAPER_RELS) if ov.mode == "papers" else [k for k, _, _, _ in LINK_KINDS]
    kinds = (
        store.payload["rels"]
        if ov.mode == "papers"
        else [{"rel": k, "color": c, "dashes": d, "description": _kind_text(k)} for k, c, d, _ in LINK_KINDS]
    )
    return {
        "mode": ov.mode,
        "nodes": [[store.row(n), x, y] for n, (x, y) in ov.positions.items()],
        "edges": [[store.row(a), store.row(b), rels.index(k), w] for a, b, k, w in ov.edges],
        "kinds": kinds,
        "shown": ov.shown,
        "total": ov.total,
        "links_total": ov.links_total,
    }


def _kind_text(kind: str) -> str:
    return {
        "method-data": "papers name the method and the dataset/benchmark",
        "method-task": "papers name the method and the task",
        "data-task": "papers name the dataset/benchmark and the task",
        "metric": "papers name the metric with the entity",
        "code": "papers proposing the method link this repository",
    }[kind]
