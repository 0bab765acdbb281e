"""A self-contained interactive HTML explorer of the graph (vis-network from pyvis, inlined).

The page opens from disk with no network: vis-network's JS and CSS come from the pyvis package and
are inlined, node/edge data is embedded as JSON. It has a legend, colours and shapes by type (from
the schema), size by degree, a search box (name or alias), type checkboxes, a neighbourhood view,
a details panel (node properties; an edge's evidence sentence), and physics that stops once the
layout settles. Big graphs are cut to the top ``max_nodes`` by degree, and the page says what was
left out. The caller's graph is never modified.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from paperkg.export._io import PathOrFile, opened
from paperkg.schema import load_schema

__all__ = ["render_html", "script_json", "select_nodes", "write_html"]

_VIS = ("lib", "vis-9.1.2")


def drawable(g: nx.MultiDiGraph) -> set[str]:
    """Every node but Result nodes (results are listed in their dataset's and method's details)."""
    return {n for n, d in g.nodes(data=True) if d["label"] != "Result"}


def select_nodes(g: nx.MultiDiGraph, max_nodes: int) -> set[str]:
    """The nodes to draw: all when they fit, else top entities by degree with their papers."""
    nodes = drawable(g)
    if len(nodes) <= max_nodes:
        return nodes
    entities = sorted((n for n in nodes if g.nodes[n]["label"] != "Paper"), key=lambda n: (-g.degree(n), n))
    keep: set[str] = set()
    for n in entities:
        if len(keep) >= max_nodes:
            break
        keep.add(n)
        for p in sorted(g.predecessors(n), key=lambda p: -g.degree(p)):
            if len(keep) >= max_nodes:
                break
            keep.add(p)
    return keep


def _results_of(g: nx.MultiDiGraph, node: str) -> list[dict[str, object]]:
    """The results stated on a dataset or benchmark (or for a method), best value first."""
    rows = []
    for r, _, k in g.in_edges(node, keys=True):
        if k not in {"ON_DATASET", "ACHIEVED_BY"}:
            continue
        d = g.nodes[r]
        rows.append(
            {
                "value": d.get("value_text"),
                "number": d.get("value"),
                "kind": d.get("kind"),
                "metric": d.get("metric") or "",
                "method": d.get("method") or "",
                "dataset": d.get("dataset") or "",
                "paper": g.nodes[d["paper_id"]].get("title", d["paper_id"]),
                "sentence": d.get("sentence", ""),
            }
        )
    return sorted(rows, key=lambda row: -(row["number"] or 0))


def _vis_asset(name: str) -> str:
    return (resources.files("pyvis").joinpath(*_VIS) / name).read_text(encoding="utf-8")


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def render_html(
    g: nx.MultiDiGraph, title: str = "paperkg graph", max_nodes: int = 1500, note: str = ""
) -> str:
    """The page's HTML text (see the module docstring); ``note`` is shown above the graph (what a
    page drawn from part of a bigger graph left out)."""
    schema = load_schema()
    keep = select_nodes(g, max_nodes)
    drawn = drawable(g)
    net = Network(directed=True)
    degree = dict(g.degree(keep))
    for n in sorted(keep):
        d = g.nodes[n]
        label = d["label"]
        name = d.get("title") if label == "Paper" else d.get("name", n)
        info = {k: v for k, v in d.items() if k not in {"abstract", "evidence"}}
        if label == "Paper":
            info["code"] = [v for _, v, k in g.out_edges(n, keys=True) if k == "HAS_CODE"]
        if label in {"Dataset", "Benchmark", "Method"}:
            info["results"] = _results_of(g, n)
        net.add_node(
            n,
            label=_short(str(name)),
            shape=schema.shape(label),
            color=schema.color(label),
            value=1 + degree.get(n, 0),
            ntype=label,
            title=f"{label}: {name}",
            full=str(name),
            aliases=str(d.get("aliases", "")),
            info=info,
        )
    for u, v, k, d in g.edges(keys=True, data=True):
        if u in keep and v in keep:
            net.add_edge(
                u,
                v,
                rel=k,
                sentence=d.get("sentence", ""),
                rule=d.get("rule", ""),
                confidence=d.get("confidence"),
                arrows="to",
                color="#bbbbbb",
            )
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "legend": [  # Result nodes are not drawn, so they get no legend entry
            {"label": lab, "color": schema.color(lab), "shape": schema.shape(lab)}
            for lab in schema.labels
            if lab != "Result"
        ],
        "omitted": {
            "nodes": len(drawn) - len(keep),
            "papers": sum(1 for n, d in g.nodes(data=True) if n not in keep and d["label"] == "Paper"),
            "results": sum(1 for _, d in g.nodes(data=True) if d["label"] == "Result"),
            "total": len(drawn),
            "max_nodes": max_nodes,
        },
        "title": title,
        "note": note,
    }
    payload = script_json(data)
    template = resources.files("paperkg") / "data" / "explorer.html"
    page = template.read_text(encoding="utf-8")
    return (
        page.replace("/*VIS_CSS*/", _vis_asset("vis-network.css"))
        .replace("/*VIS_JS*/", _vis_asset("vis-network.min.js").replace("</script", "<\\/script"))
        .replace("/*GRAPH_DATA*/", payload)
        .replace("<!--TITLE-->", title.replace("<", "&lt;"))
    )


def script_json(data: object) -> str:
    """JSON safe inside a ``<script>`` element for any text: ``<``, ``>`` and ``&`` become ``\\u003c``
    escapes, so neither ``</script>`` nor ``<!--<script>`` (which makes the HTML parser swallow the
    following app script) can appear; ``JSON.parse`` reads the escapes back as the same characters."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_html(
    g: nx.MultiDiGraph,
    target: PathOrFile | Path,
    title: str = "paperkg graph",
    max_nodes: int = 1500,
    note: str = "",
) -> None:
    """Write the explorer page to a path or text file handle."""
    with opened(target, "w") as fh:
        fh.write(render_html(g, title=title, max_nodes=max_nodes, note=note))
