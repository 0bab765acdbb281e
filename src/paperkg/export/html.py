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
from paperkg.leaderboard import LeaderboardRow, result_row
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
    """The results stated on a dataset or benchmark (or for a method): each metric's absolute levels best
    first by the metric's direction, then gains and reductions (rows from :func:`result_row`)."""
    rows = [result_row(g, r) for r, _, k in g.in_edges(node, keys=True) if k in {"ON_DATASET", "ACHIEVED_BY"}]
    way = {r.metric: r.direction for r in rows if r.direction}

    def order(r: LeaderboardRow) -> tuple:
        sign = 1.0 if way.get(r.metric) == "lower" else -1.0
        return (r.metric, r.kind != "absolute", r.kind, sign * r.value)

    return [
        {
            "value": r.value_text,
            "number": r.value,
            "kind": r.kind,
            "metric": r.metric,
            "method": r.method,
            "dataset": r.dataset,
            "paper": r.paper,
            "sentence": r.evidence,
            "confidence": r.confidence,
            "direction": r.direction,
            "compared_to": r.compared_to,
            "baseline": r.baseline,
        }
        for r in sorted(rows, key=order)
    ]


def _vis_asset(name: str) -> str:
    return (resources.files("pyvis").joinpath(*_VIS) / name).read_text(encoding="utf-8")


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def render_html(g: nx.MultiDiGraph, title: str = "paperkg graph", max_nodes: int = 1500) -> str:
    """The page's HTML text (see the module docstring)."""
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
    g: nx.MultiDiGraph, target: PathOrFile | Path, title: str = "paperkg graph", max_nodes: int = 1500
) -> None:
    """Write the explorer page to a path or text file handle."""
    with opened(target, "w") as fh:
        fh.write(render_html(g, title=title, max_nodes=max_nodes))
