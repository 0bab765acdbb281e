"""GEXF (Gephi's native format), written and read back with every attribute.

GEXF reserves some attribute names: an edge's ``type`` (directed/undirected), ``start``/``end`` (time
intervals: Gephi would read character offsets as a timeline), ``id``, ``label`` and ``weight``. paperkg's
attributes of those names are written under its own names (:data:`RENAMED`) and renamed back by
:func:`read_gexf`; a node's GEXF label is its display name (name, else title, else id).
"""

from __future__ import annotations

import networkx as nx

from paperkg.export._io import PathOrFile, opened

__all__ = ["RENAMED", "read_gexf", "write_gexf"]

# paperkg attribute -> the name it has in a GEXF file
RENAMED = {
    "type": "rel_type",
    "start": "char_start",
    "end": "char_end",
    "label": "node_label",
    "id": "node_id",
    "weight": "paperkg_weight",
}
_BACK = {v: k for k, v in RENAMED.items()}


def _out(data: dict) -> dict:
    return {RENAMED.get(k, k): v for k, v in data.items() if v is not None}


def write_gexf(g: nx.MultiDiGraph, target: PathOrFile) -> None:
    """Write ``g`` as GEXF 1.2 to a path or binary file handle."""
    h = nx.MultiDiGraph(name=g.graph.get("name", "paperkg"))
    for n, data in g.nodes(data=True):
        h.add_node(n, **_out(data), label=str(data.get("name") or data.get("title") or n))
    for u, v, k, data in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **_out(data))
    with opened(target, "wb") as fh:
        nx.write_gexf(h, fh)


def read_gexf(source: PathOrFile) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_gexf`: the same nodes, edge keys and attributes."""
    with opened(source, "rb") as fh:
        raw = nx.read_gexf(fh)
    g = nx.MultiDiGraph()
    for n, data in raw.nodes(data=True):
        data = {k: v for k, v in data.items() if k != "label"}  # GEXF's display label
        g.add_node(n, **{_BACK.get(k, k): v for k, v in data.items()})
    for u, v, data in raw.edges(data=True):
        data = {k: v for k, v in data.items() if k != "id"}  # GEXF's edge id
        key = data.pop("networkx_key", None)
        attrs = {_BACK.get(k, k): v for k, v in data.items()}
        g.add_edge(u, v, key=key if key is not None else attrs.get("type"), **attrs)
    return g
