"""A self-contained interactive HTML explorer of the graph (vis-network from pyvis, inlined).

The page opens from disk with no network: vis-network's JS and CSS come from the pyvis package, the
explorer's own JS/CSS from ``paperkg/data``, and the graph as JSON (``store``: every node but Result
nodes, every paper -> entity edge, results as leaderboard rows, abstracts compressed). The first
view is a per-type budget of the most-used nodes laid out in Python (``overview``); clicking a node
lays out its neighbourhood afresh, search lists every match of the whole graph, and the details
panel answers what a paper proposes, what a method uses and a dataset's leaderboard. The caller's
graph is never modified.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx

from paperkg.export._io import PathOrFile, opened
from paperkg.export.html.overview import build_overview, overview_payload
from paperkg.export.html.store import build_store

__all__ = ["DEFAULT_BUDGET", "page_data", "render_html", "script_json", "write_html"]

DEFAULT_BUDGET = 400  # nodes in the overview
_VIS = ("lib", "vis-9.1.2")
_APP_JS = ("explorer-data.js", "explorer-details.js", "explorer.js")  # in this order


def page_data(
    g: nx.MultiDiGraph, title: str = "paperkg graph", max_nodes: int = DEFAULT_BUDGET
) -> dict[str, object]:
    """Everything the page embeds as JSON: the whole-graph store plus the overview."""
    store = build_store(g)
    ov = build_overview(g, max_nodes)
    return {**store.payload, "overview": overview_payload(ov, store), "title": title, "budget": max_nodes}


def _asset(package: str, *parts: str) -> str:
    return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """Text that cannot end or confuse the <script> element it sits in (``</script``, ``<!--``)."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def script_json(data: object) -> str:
    """JSON safe inside a ``<script>`` element for any text: ``<``, ``>`` and ``&`` become ``\\u003c``
    escapes, so neither ``</script>`` nor ``<!--<script>`` (which makes the HTML parser swallow the
    following app script) can appear; ``JSON.parse`` reads the escapes back as the same characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(g: nx.MultiDiGraph, title: str = "paperkg graph", max_nodes: int = DEFAULT_BUDGET) -> str:
    """The page's HTML text (see the module docstring); ``max_nodes`` is the overview's node budget."""
    page = _asset("paperkg", "data", "explorer.html")
    parts = {
        "/*VIS_CSS*/": _asset("pyvis", *_VIS, "vis-network.css"),
        "/*APP_CSS*/": _asset("paperkg", "data", "explorer.css"),
        "/*VIS_JS*/": _script_safe(_asset("pyvis", *_VIS, "vis-network.min.js")),
        "/*APP_JS*/": _script_safe("\n".join(_asset("paperkg", "data", f) for f in _APP_JS)),
        "/*GRAPH_DATA*/": script_json(page_data(g, title, max_nodes)),
        "<!--TITLE-->": title.replace("&", "&amp;").replace("<", "&lt;"),
    }
    # One pass, so that text put in (vis-network's code, names in the data) is never searched for markers.
    pattern = re.compile("|".join(re.escape(m) for m in parts))
    return pattern.sub(lambda m: parts[m.group(0)], page)


def write_html(
    g: nx.MultiDiGraph,
    target: PathOrFile | Path,
    title: str = "paperkg graph",
    max_nodes: int = DEFAULT_BUDGET,
) -> None:
    """Write the explorer page to a path or text file handle."""
    with opened(target, "w") as fh:
        fh.write(render_html(g, title=title, max_nodes=max_nodes))
