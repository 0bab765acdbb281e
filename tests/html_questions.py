"""The explorer's three questions answered from the networkx graph (what the browser tests expect).

Written independently of the page's JavaScript: the tests compare what a user reads in the page
with these sets.
"""

from __future__ import annotations

import networkx as nx

DATA = {"Dataset", "Benchmark"}


def label(g: nx.MultiDiGraph, n: str) -> str:
    return g.nodes[n]["label"]


def linked(g: nx.MultiDiGraph, paper: str, rels: set[str]) -> set[str]:
    return {v for _, v, k in g.out_edges(paper, keys=True) if k in rels}


def papers_of(g: nx.MultiDiGraph, node: str, rels: set[str]) -> set[str]:
    return {u for u, _, k in g.in_edges(node, keys=True) if k in rels and label(g, u) == "Paper"}


def results_on(g: nx.MultiDiGraph, node: str, rel: str) -> list[str]:
    return [r for r, _, k in g.in_edges(node, keys=True) if k == rel]


def result_link(g: nx.MultiDiGraph, result: str, rel: str) -> str | None:
    return next((v for _, v, k in g.out_edges(result, keys=True) if k == rel), None)


def code_of(g: nx.MultiDiGraph, method: str) -> set[str]:
    """Repositories linked by the papers that propose the method."""
    return {r for p in papers_of(g, method, {"PROPOSES"}) for r in linked(g, p, {"HAS_CODE"})}


def methods_on(g: nx.MultiDiGraph, dataset: str) -> set[str]:
    """Methods named by papers that evaluate on or use the dataset, or achieving a result on it."""
    out = {
        m
        for p in papers_of(g, dataset, {"EVALUATED_ON", "USES"})
        for m in linked(g, p, {"PROPOSES", "USES"})
        if label(g, m) == "Method"
    }
    for r in results_on(g, dataset, "ON_DATASET"):
        m = result_link(g, r, "ACHIEVED_BY")
        if m is not None:
            out.add(m)
    return out


def datasets_of(g: nx.MultiDiGraph, method: str) -> set[str]:
    """Datasets/benchmarks named by papers proposing or using the method, or in its results."""
    out = {
        d
        for p in papers_of(g, method, {"PROPOSES", "USES"})
        for d in linked(g, p, {"USES", "EVALUATED_ON", "PROPOSES"})
        if label(g, d) in DATA
    }
    for r in results_on(g, method, "ACHIEVED_BY"):
        d = result_link(g, r, "ON_DATASET")
        if d is not None:
            out.add(d)
    return out


def pick_dataset(g: nx.MultiDiGraph) -> str:
    """A dataset with stated results and methods with code, the most-used such one first."""
    cands = [n for n, d in g.nodes(data=True) if d["label"] in DATA and results_on(g, n, "ON_DATASET")]
    return max(
        cands,
        key=lambda n: (any(code_of(g, m) for m in methods_on(g, n)), len(results_on(g, n, "ON_DATASET")), n),
    )


def pick_paper(g: nx.MultiDiGraph) -> str:
    """A paper that proposes something and links its code."""
    cands = [
        n
        for n, d in g.nodes(data=True)
        if d["label"] == "Paper" and linked(g, n, {"PROPOSES"}) and linked(g, n, {"HAS_CODE"})
    ]
    return max(cands, key=lambda n: (len(linked(g, n, {"PROPOSES"})), n))


def pick_method(g: nx.MultiDiGraph) -> str:
    """The method with the most datasets (ties: by id)."""
    cands = [n for n, d in g.nodes(data=True) if d["label"] == "Method"]
    return max(cands, key=lambda n: (len(datasets_of(g, n)), n))
