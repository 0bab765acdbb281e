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
from collections.abc import Iterator
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


_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _script_json_parts(data: object) -> Iterator[str]:
    for part in json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).iterencode(data):
        yield part.translate(_SCRIPT_ESCAPES)


def script_json(data: object) -> str:
    """JSON safe inside a ``<script>`` element for any text: ``<``, ``>`` and ``&`` become ``\\u003c``
    escapes, so neither ``</script>`` nor ``<!--<script>`` (which makes the HTML parser swallow the
    following app script) can appear; ``JSON.parse`` reads the escapes back as the same characters."""
    return "".join(_script_json_parts(data))


def _page_parts(g: nx.MultiDiGraph, title: str, max_nodes: int) -> Iterator[str]:
    """The page's text in pieces, the graph's JSON encoded as it is written (at the size of the 87k
    corpus one string of it would hold tens of MB, and its escaped and spliced copies as much again)."""
    page = _asset("paperkg", "data", "explorer.html")
    fixed = {
        "/*VIS_CSS*/": lambda: [_asset("pyvis", *_VIS, "vis-network.css")],
        "/*APP_CSS*/": lambda: [_asset("paperkg", "data", "explorer.css")],
        "/*VIS_JS*/": lambda: [_script_safe(_asset("pyvis", *_VIS, "vis-network.min.js"))],
        "/*APP_JS*/": lambda: [_script_safe("\n".join(_asset("paperkg", "data", f) for f in _APP_JS))],
        "/*GRAPH_DATA*/": lambda: _script_json_parts(page_data(g, title, max_nodes)),
        "<!--TITLE-->": lambda: [title.replace("&", "&amp;").replace("<", "&lt;")],
    }
    # The template is searched once, so text put in (vis-network's code, names in the data) is
    # never searched for markers.
    pattern = re.compile("|".join(re.escape(m) for m in fixed))
    at = 0
    for m in pattern.finditer(page):
        yield page[at : m.start()]
        yield from fixed[m.group(0)]()
        at = m.end()
    yield page[at:]


def render_html(g: nx.MultiDiGraph, title: str = "paperkg graph", max_nodes: int = DEFAULT_BUDGET) -> str:
    """The page's HTML text (see the module docstring); ``max_nodes`` is the overview's node budget."""
    return "".join(_page_parts(g, title, max_nodes))


def write_html(
    g: nx.MultiDiGraph,
    target: PathOrFile | Path,
    title: str = "paperkg graph",
    max_nodes: int = DEFAULT_BUDGET,
) -> None:
    """Write the explorer page to a path or text file handle, piece by piece."""
    with opened(target, "w") as fh:
        batch: list[str] = []
        size = 0
        for part in _page_parts(g, title, max_nodes):
            batch.append(part)
            size += len(part)
            if size >= 1 << 20:
                fh.write("".join(batch))
                batch, size = [], 0
        fh.write("".join(batch))
