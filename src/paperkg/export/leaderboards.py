"""Every leaderboard of a graph as one JSON file, close to the Papers with Code evaluation-tables dump.

``leaderboards.json`` is a list with one object per (dataset, metric)::

    {"task": "object detection", "dataset": "nuScenes", "metric": "NDS", "direction": "higher",
     "rows": [{"method": "LiSe", "value": 71.2, "value_text": "71.2%", "paper": "...", "paper_id": "arxiv:...",
               "paper_url": "...", "evidence": "...", "confidence": 0.93}],
     "changes": [{"kind": "improvement", "method": "LiSe", "value": 7.1, "value_text": "+7.1%",
                  "compared_to": "...", "baseline": null, ...}]}

``rows`` are absolute levels, best first by the metric's direction (higher first when the direction is
unknown, ``direction`` null); ``changes`` are gains, reductions, ratios, ranges and baselines.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from paperkg.atomic import atomic_file
from paperkg.leaderboard import Leaderboard, LeaderboardRow, all_leaderboards

__all__ = ["leaderboards_json", "write_leaderboards"]


def _row(g: nx.MultiDiGraph, r: LeaderboardRow, change: bool) -> dict[str, object]:
    out: dict[str, object] = {"method": r.method or None, "value": r.value, "value_text": r.value_text}
    if change:
        out |= {"kind": r.kind, "compared_to": r.compared_to or None, "baseline": r.baseline}
    paper = g.nodes[r.paper_id] if r.paper_id in g else {}
    out |= {
        "paper": r.paper,
        "paper_id": r.paper_id,
        "paper_url": paper.get("url"),
        "evidence": r.evidence,
        "confidence": r.confidence,
    }
    return out


def leaderboards_json(g: nx.MultiDiGraph, boards: list[Leaderboard] | None = None) -> list[dict[str, object]]:
    """The export's records (all leaderboards of ``g`` unless ``boards`` are given)."""
    return [
        {
            "task": b.task,
            "dataset": b.dataset,
            "metric": b.metric or None,
            "direction": b.direction,
            "rows": [_row(g, r, False) for r in b.levels],
            "changes": [_row(g, r, True) for r in b.changes],
        }
        for b in (all_leaderboards(g) if boards is None else boards)
    ]


def write_leaderboards(g: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``leaderboards.json`` (complete or absent: written to a temporary name, then renamed)."""
    with atomic_file(path) as fh:
        fh.write(json.dumps(leaderboards_json(g), ensure_ascii=False, indent=1) + "\n")
