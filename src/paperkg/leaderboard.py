"""Leaderboards rebuilt from stated results, the same everywhere (CLI, HTML, JSON export).

:func:`result_row` is the one row builder: a Result node -> paper, method, value, evidence sentence,
confidence (and metric, kind, baseline). :func:`leaderboards` groups a dataset's rows by metric so that
like is compared with like: absolute levels ranked by the metric's direction (higher or lower is better,
from ``data/metrics_direction.tsv``), gains, reductions, ratios and baselines listed apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from paperkg.metrics import direction, metric_display
from paperkg.names import name_key

__all__ = [
    "Leaderboard",
    "LeaderboardRow",
    "all_leaderboards",
    "boards_from_rows",
    "cut",
    "find_dataset",
    "leaderboards",
    "result_row",
    "row_from_record",
]

LEVEL_KINDS = frozenset({"absolute"})


@dataclass(frozen=True)
class LeaderboardRow:
    """One stated result as a leaderboard shows it."""

    method: str
    metric: str
    value: float
    value_text: str
    kind: str
    qualifier: str
    compared_to: str
    baseline: float | None
    paper: str
    paper_id: str
    evidence: str
    confidence: float
    dataset: str
    direction: str | None
    result_id: str = ""  # the Result node the row shows ("" for rows read back from a store query)


@dataclass
class Leaderboard:
    """The results of one dataset (or benchmark) and one metric."""

    dataset: str
    metric: str
    direction: str | None  # higher | lower | None (not listed: ranked higher-first, flagged)
    task: str | None = None
    levels: list[LeaderboardRow] = field(default_factory=list)  # absolute levels, best first
    changes: list[LeaderboardRow] = field(default_factory=list)  # gains, reductions, ratios, baselines
    dataset_id: str = ""  # the Dataset/Benchmark node ("" for boards built from a store query's rows)


def _linked(g: nx.MultiDiGraph, node: str, rel: str) -> str | None:
    return next((g.nodes[t].get("name") for _, t, k in g.out_edges(node, keys=True) if k == rel), None)


def result_row(g: nx.MultiDiGraph, node: str) -> LeaderboardRow:
    """The leaderboard row of Result node ``node``: linked method and baseline names win over the text as
    written; the metric is the one a leaderboard groups under (``metric_name``: the listed canonical name,
    else as written), as the ready ``leaderboard`` query returns it."""
    d = g.nodes[node]
    metric = d.get("metric_name") or metric_display(_linked(g, node, "MEASURED_BY") or d.get("metric")) or ""
    paper = g.nodes[d["paper_id"]] if d.get("paper_id") in g else {}
    return LeaderboardRow(
        method=_linked(g, node, "ACHIEVED_BY") or d.get("method") or "",
        metric=metric,
        value=float(d["value"]),
        value_text=str(d.get("value_text", d["value"])),
        kind=str(d.get("kind", "")),
        qualifier=str(d.get("qualifier") or ""),
        compared_to=_linked(g, node, "COMPARED_WITH") or d.get("compared_to") or "",
        baseline=float(d["baseline"]) if d.get("baseline") not in (None, "") else None,
        paper=str(paper.get("title", d.get("paper_id", ""))),
        paper_id=str(d.get("paper_id", "")),
        evidence=str(d.get("sentence", "")),
        confidence=float(d.get("confidence") or 0.0),
        dataset=_linked(g, node, "ON_DATASET") or d.get("dataset") or "",
        direction=d.get("direction") or direction(metric),
        result_id=node,
    )


def row_from_record(r: dict[str, object]) -> LeaderboardRow:
    """The row of one record of the ready ``leaderboard`` query (embedded store or Neo4j): the same
    columns :func:`result_row` fills from the graph."""

    def text(key: str) -> str:
        return str(r.get(key) or "")

    baseline = r.get("baseline")
    return LeaderboardRow(
        method=text("method"),
        metric=text("metric"),
        value=float(r["value"]),  # type: ignore[arg-type]
        value_text=text("value_text") or str(r["value"]),
        kind=text("kind"),
        qualifier=text("qualifier"),
        compared_to=text("compared_to"),
        baseline=float(baseline) if baseline not in (None, "") else None,  # type: ignore[arg-type]
        paper=text("paper") or text("paper_id"),
        paper_id=text("paper_id"),
        evidence=text("evidence"),
        confidence=float(r.get("confidence") or 0.0),  # type: ignore[arg-type]
        dataset=text("dataset"),
        direction=str(r["direction"]) if r.get("direction") else None,
    )


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, an ellipsis marking a cut ("Attention Aggregation…")."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def find_dataset(g: nx.MultiDiGraph, name: str) -> str | None:
    """The Dataset/Benchmark node named ``name`` (case, spacing, hyphens and aliases ignored)."""
    key = name_key(name)
    for n, d in g.nodes(data=True):
        if d["label"] in {"Dataset", "Benchmark"}:
            names = [d.get("name", ""), *str(d.get("aliases", "")).split(" | ")]
            if key in {name_key(x) for x in names if x}:
                return n
    return None


def _rank(rows: list[LeaderboardRow], way: str | None) -> list[LeaderboardRow]:
    """Levels best first by the metric's direction (higher first when unknown), then surer first."""
    sign = 1.0 if way == "lower" else -1.0
    return sorted(rows, key=lambda r: (sign * r.value, -r.confidence, r.paper))


def _changes(rows: list[LeaderboardRow]) -> list[LeaderboardRow]:
    """Gains, reductions, ratios, ranges and baselines: by kind, the largest first, then surer first."""
    return sorted(rows, key=lambda r: (r.kind, -r.value, -r.confidence, r.paper))


def _boards(g: nx.MultiDiGraph, node: str, metric: str | None = None) -> list[Leaderboard]:
    rows = []
    for r, _, k in g.in_edges(node, keys=True):
        if k != "ON_DATASET":
            continue
        row = result_row(g, r)
        if metric and name_key(row.metric) != name_key(metric_display(metric) or metric):
            continue
        rows.append(row)
    task = _task_of(g, {row.paper_id for row in rows})
    return boards_from_rows(str(g.nodes[node].get("name", node)), rows, task, node)


def boards_from_rows(
    dataset: str, rows: list[LeaderboardRow], task: str | None = None, dataset_id: str = ""
) -> list[Leaderboard]:
    """Group one dataset's result rows (from the graph or from a store's ``leaderboard`` query) into
    leaderboards, one per metric, the metric with the most results first."""
    by_metric: dict[str, list[LeaderboardRow]] = defaultdict(list)
    for row in rows:
        by_metric[row.metric].append(row)
    out = []
    for name, metric_rows in by_metric.items():
        way = next((r.direction for r in metric_rows if r.direction), None)
        board = Leaderboard(dataset, name, way, task, dataset_id=dataset_id)
        board.levels = _rank([r for r in metric_rows if r.kind in LEVEL_KINDS], way)
        board.changes = _changes([r for r in metric_rows if r.kind not in LEVEL_KINDS])
        out.append(board)
    return sorted(out, key=lambda b: (not b.metric, -len(b.levels) - len(b.changes), b.metric))


def _task_of(g: nx.MultiDiGraph, papers: set[str]) -> str | None:
    """The task most of these papers address."""
    tasks = Counter(
        g.nodes[t].get("name")
        for p in papers
        if p in g
        for _, t, k in g.out_edges(p, keys=True)
        if k == "ADDRESSES"
    )
    return tasks.most_common(1)[0][0] if tasks else None


def leaderboards(g: nx.MultiDiGraph, dataset: str, metric: str | None = None) -> list[Leaderboard]:
    """The leaderboards of ``dataset``, one per metric (only ``metric``'s when given), the metric with the
    most results first. Raises KeyError when no such dataset is in the graph."""
    node = find_dataset(g, dataset)
    if node is None:
        raise KeyError(dataset)
    return _boards(g, node, metric)


def all_leaderboards(g: nx.MultiDiGraph, min_results: int = 1) -> list[Leaderboard]:
    """Every dataset's and benchmark's leaderboards, the datasets with the most results first."""
    counts = Counter(t for _, t, k in g.edges(keys=True) if k == "ON_DATASET")
    out = []
    for node, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= min_results:
            out += _boards(g, node)
    return out
