"""Score extractions against a gold file written to the annotation guideline.

Same matching as the project's evaluation: papers pair by title (case and spacing ignored); names
match on any name or alias by :func:`paperkg.names.match_key` (the scoring script's key: letters and
digits, lower case, a plural ending dropped); tasks match
when their content words overlap by at least half (Jaccard); each gold item matches once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperkg.export.extractions import extraction_record
from paperkg.models import PaperExtraction
from paperkg.names import match_key, words

__all__ = ["GROUPS", "GroupScore", "format_scores", "load_gold", "score_records", "title_key"]

GROUPS = ("repos", "methods", "methods.proposed", "data", "artifacts", "tasks", "metrics")


@dataclass
class GroupScore:
    hits: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _names(e: Any) -> set[str]:
    if isinstance(e, str):
        return {match_key(e)} - {""}
    return {match_key(n) for n in [e.get("name", ""), *(e.get("aliases") or [])]} - {""}


def _task_same(p: str, g: str) -> bool:
    a, b = words(p), words(g)
    return bool(a and b) and len(a & b) / len(a | b) >= 0.5


def _repo(r: str) -> str:
    r = re.sub(r"^[a-z]+://", "", r.strip().lower())
    r = re.sub(r"^www\.", "", r)
    r = re.sub(r"\.git$", "", r.rstrip("/.)"))
    return "/".join(r.split("/")[:3])


def _gold_groups(g: dict) -> dict[str, list]:
    m, d, b = g.get("methods", []), g.get("datasets", []), g.get("benchmarks", [])
    return {
        "repos": [_repo(r) for r in g.get("repos", [])],
        "methods": m,
        "methods.proposed": [e for e in m if e.get("proposed")],
        "data": d + b,
        "artifacts": m + d + b,
        "tasks": list(g.get("tasks", [])),
        "metrics": list(g.get("metrics", [])),
    }


def _pred_groups(p: dict) -> dict[str, list]:
    ents = p.get("entities", [])

    def of(*types: str) -> list[dict]:
        return [e for e in ents if e.get("type") in types]

    return {
        "repos": sorted({_repo(r) for r in p.get("repositories", [])}),
        "methods": of("method"),
        "methods.proposed": [e for e in of("method") if e.get("proposed")],
        "data": of("dataset", "benchmark"),
        "artifacts": of("method", "dataset", "benchmark"),
        "tasks": [e["name"] for e in of("task")],
        "metrics": of("metric"),
    }


def _matcher(group: str) -> Callable[[Any, Any], bool]:
    if group == "repos":
        return lambda p, g: p == g
    if group == "tasks":
        return _task_same
    return lambda p, g: bool(_names(p) & _names(g))


def _hits(pred: list, gold: list, same: Callable[[Any, Any], bool]) -> int:
    used: set[int] = set()
    for p in pred:
        for i, g in enumerate(gold):
            if i not in used and same(p, g):
                used.add(i)
                break
    return len(used)


def title_key(title: str) -> str:
    """How gold and predicted papers are paired, as the scoring scripts pair them: by title, case and
    spacing ignored."""
    return re.sub(r"\s+", " ", title).strip().lower()


def load_gold(path: str | Path) -> list[dict]:
    """The gold records of a JSONL file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_records(
    gold: list[dict], predictions: Iterable[PaperExtraction | dict]
) -> tuple[dict[str, GroupScore], int]:
    """Per-group scores and the number of gold papers that had a prediction."""
    by_title = {}
    for p in predictions:
        rec = extraction_record(p) if isinstance(p, PaperExtraction) else p
        by_title[title_key(rec.get("title", ""))] = rec
    scores = {g: GroupScore() for g in GROUPS}
    matched = 0
    for g in gold:
        p = by_title.get(title_key(g["title"]))
        matched += p is not None
        gg, pg = _gold_groups(g), _pred_groups(p or {})
        for group in GROUPS:
            s = scores[group]
            s.hits += _hits(pg[group], gg[group], _matcher(group))
            s.predicted += len(pg[group])
            s.gold += len(gg[group])
    return scores, matched


def format_scores(scores: dict[str, GroupScore], matched: int, total: int) -> str:
    """The score table as text."""
    lines = [
        f"papers matched: {matched}/{total}",
        f"{'group':18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}",
    ]
    for name, s in scores.items():
        lines.append(f"{name:18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:5} {s.predicted:5}")
    return "\n".join(lines)


@dataclass
class ResultScores:
    """Value-level precision/recall of result statements, and how often matched ones name the
    gold metric and dataset."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    metric_right: int = 0
    metric_gold: int = 0
    dataset_right: int = 0
    dataset_gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    def __str__(self) -> str:
        m = self.metric_right / self.metric_gold if self.metric_gold else 0.0
        d = self.dataset_right / self.dataset_gold if self.dataset_gold else 0.0
        return (
            f"results: precision {self.precision:.3f} ({self.matched}/{self.predicted}), recall {self.recall:.3f} "
            f"({self.matched}/{self.gold}); metric right {m:.3f} ({self.metric_right}/{self.metric_gold}), "
            f"dataset right {d:.3f} ({self.dataset_right}/{self.dataset_gold})"
        )


def score_results(gold: list[dict], extractions: Iterable[PaperExtraction]) -> ResultScores:
    """Score result statements on the papers of a results gold file (each gold paper lists all its
    results; a prediction matches a gold result when their value spans overlap)."""
    by_title = {title_key(ex.paper.title): ex for ex in extractions}
    s = ResultScores()
    for g in gold:
        ex = by_title.get(title_key(g["title"]))
        results = ex.results if ex else []
        s.predicted += len(results)
        s.gold += len(g["results"])
        used: set[int] = set()
        for r in g["results"]:
            if ex is None:
                continue
            at = ex.paper.text.find(r["context"])
            start = at + r["context"].find(r["value_text"])
            end = start + len(r["value_text"])
            hit = next(
                (i for i, p in enumerate(results) if i not in used and p.start < end and start < p.end), None
            )
            if hit is None:
                continue
            used.add(hit)
            s.matched += 1
            p = results[hit]
            if r.get("metric"):
                s.metric_gold += 1
                s.metric_right += bool(p.metric) and match_key(p.metric) == match_key(r["metric"])
            if r.get("dataset"):
                s.dataset_gold += 1
                s.dataset_right += bool(p.dataset) and match_key(p.dataset) == match_key(r["dataset"])
    return s
