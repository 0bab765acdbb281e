"""Node-link JSON (networkx ``node_link_data``, edges under "edges"), written and read back."""

from __future__ import annotations

import json

import networkx as nx

from paperkg.export._io import PathOrFile, opened

__all__ = ["read_node_link", "write_node_link"]


def write_node_link(g: nx.MultiDiGraph, target: PathOrFile) -> None:
    """Write ``g`` as node-link JSON to a path or text file handle."""
    data = nx.node_link_data(g, edges="edges")
    with opened(target, "w") as fh:
        json.dump(data, fh, ensure_ascii=False)


def read_node_link(source: PathOrFile) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_node_link`."""
    with opened(source, "r") as fh:
        data = json.load(fh)
    g = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    for n, attrs in g.nodes(data=True):  # node-link keeps a node's "id" attribute as its key only
        attrs.setdefault("id", n)
    return g
