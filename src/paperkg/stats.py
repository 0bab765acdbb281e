"""Summaries of a built graph: the most connected entities per type."""

from __future__ import annotations

import networkx as nx

__all__ = ["top_entities"]


def top_entities(
    g: nx.MultiDiGraph, n: int = 10, label: str | None = None
) -> dict[str, list[tuple[str, int]]]:
    """For each entity label, the ``n`` entities named by the most papers, as (name, papers)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for node, d in g.nodes(data=True):
        lab = d.get("label")
        if lab in {"Paper", "Result"} or (label and lab != label):
            continue
        # n_papers is set by the table build (counting Result in-edges here would inflate methods)
        out.setdefault(lab, []).append((str(d.get("name", node)), int(d["n_papers"])))
    return {lab: sorted(rows, key=lambda r: (-r[1], r[0]))[:n] for lab, rows in sorted(out.items())}
