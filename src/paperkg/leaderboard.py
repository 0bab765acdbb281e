"""Leaderboards rebuilt from stated results: dataset -> (method, metric, value) with paper and evidence."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from paperkg.resolve import name_key

__all__ = ["LeaderboardRow", "find_dataset", "leaderboard"]


@dataclass(frozen=True)
class LeaderboardRow:
    method: str
    metric: str
    value: float
    value_text: str
    kind: str
    qualifier: str
    compared_to: str
    paper: str
    evidence: str


def find_dataset(g: nx.MultiDiGraph, name: str) -> str | None:
    """The Dataset/Benchmark node named ``name`` (case, spacing, hyphens and aliases ignored)."""
    key = name_key(name)
    for n, d in g.nodes(data=True):
        if d["label"] in {"Dataset", "Benchmark"}:
            names = [d.get("name", ""), *str(d.get("aliases", "")).split(" | ")]
            if key in {name_key(x) for x in names if x}:
                return n
    return None


def _linked(g: nx.MultiDiGraph, result: str, rel: str) -> str | None:
    return next((g.nodes[t].get("name") for _, t, k in g.out_edges(result, keys=True) if k == rel), None)


def leaderboard(
    g: nx.MultiDiGraph, dataset: str, metric: str | None = None, ascending: bool = False
) -> list[LeaderboardRow]:
    """Results stated on ``dataset`` (optionally for one metric), best value first (lowest first with
    ``ascending``, for error-like metrics). Raises KeyError when no such dataset is in the graph."""
    node = find_dataset(g, dataset)
    if node is None:
        raise KeyError(dataset)
    rows = []
    for r, _, k in g.in_edges(node, keys=True):
        if k != "ON_DATASET":
            continue
        d = g.nodes[r]
        m = _linked(g, r, "MEASURED_BY") or d.get("metric") or ""
        if metric and name_key(m) != name_key(metric):
            continue
        rows.append(
            LeaderboardRow(
                method=_linked(g, r, "ACHIEVED_BY") or d.get("method") or "",
                metric=m,
                value=float(d["value"]),
                value_text=str(d.get("value_text", d["value"])),
                kind=str(d.get("kind", "")),
                qualifier=str(d.get("qualifier") or ""),
                compared_to=_linked(g, r, "COMPARED_WITH") or d.get("compared_to") or "",
                paper=str(g.nodes[d["paper_id"]].get("title", d["paper_id"])),
                evidence=str(d.get("sentence", "")),
            )
        )
    return sorted(rows, key=lambda row: (row.value if ascending else -row.value, row.paper))
