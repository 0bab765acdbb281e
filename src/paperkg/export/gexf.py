"""GEXF (Gephi's native format), written and read back with every attribute.

GEXF reserves some attribute names: an edge's ``type`` (directed/undirected), ``start``/``end`` (time
intervals: Gephi would read character offsets as a timeline), ``id``, ``label`` and ``weight``. paperkg's
attributes of those names are written under its own names (:data:`RENAMED`) and renamed back by
:func:`read_gexf`; a node's GEXF label is its display name (name, else title, else id).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from lxml import etree

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


_GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_NS = "http://www.gexf.net/1.2draft"


def _declare(items: Iterable[dict]) -> dict[str, tuple[str, str]]:
    """GEXF attribute ids and types for every attribute name the items have (first type seen wins;
    a name with mixed types is written as a string)."""
    kinds: dict[str, str] = {}
    for data in items:
        for k, v in data.items():
            if v is None:
                continue
            kind = _GEXF_TYPES.get(type(v), "string")
            if kinds.setdefault(k, kind) != kind:
                kinds[k] = "string"
    return {k: (str(i), kind) for i, (k, kind) in enumerate(sorted(kinds.items()))}


def _value(v: object) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def _attvalues(xf: etree.xmlfile, data: dict, declared: dict[str, tuple[str, str]]) -> None:
    values = [(declared[k][0], _value(v)) for k, v in data.items() if v is not None]
    if values:
        with xf.element("attvalues"):
            for i, v in values:
                xf.write(etree.Element("attvalue", {"for": i, "value": v}))


def write_gexf(g: nx.MultiDiGraph, target: PathOrFile) -> None:
    """Write ``g`` as GEXF 1.2 to a path or binary file handle, streamed element by element (the
    graph is not copied, so memory stays that of the graph)."""
    node_attrs = _declare(_out(d) for _, d in g.nodes(data=True))
    edge_attrs = _declare({**_out(d), "networkx_key": k} for _, _, k, d in g.edges(keys=True, data=True))
    with opened(target, "wb") as fh, etree.xmlfile(fh, encoding="utf-8") as xf:
        xf.write_declaration()
        with (
            xf.element("gexf", {"xmlns": _NS, "version": "1.2"}),
            xf.element(
                "graph",
                {"defaultedgetype": "directed", "mode": "static", "name": g.graph.get("name", "paperkg")},
            ),
        ):
            for cls, declared in (("edge", edge_attrs), ("node", node_attrs)):
                with xf.element("attributes", {"mode": "static", "class": cls}):
                    for name, (i, kind) in declared.items():
                        xf.write(etree.Element("attribute", {"id": i, "title": name, "type": kind}))
            with xf.element("nodes"):
                for n, data in g.nodes(data=True):
                    label = str(data.get("name") or data.get("title") or n)
                    with xf.element("node", {"id": str(n), "label": label}):
                        _attvalues(xf, _out(data), node_attrs)
            with xf.element("edges"):
                for i, (u, v, k, data) in enumerate(g.edges(keys=True, data=True)):
                    with xf.element("edge", {"source": str(u), "target": str(v), "id": str(i)}):
                        _attvalues(xf, {**_out(data), "networkx_key": k}, edge_attrs)


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
