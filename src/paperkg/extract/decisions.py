"""Decisions: which candidate groups are entities, of which type, proposed or not.

The type model gives every group a probability per class. A group becomes a method, dataset,
benchmark or metric when that class is the most probable one; overlapping spans go to the more
probable group. Tasks are ranked by the task model's probability: those above the model's threshold,
without near-duplicates (half their content words shared with a better one), at most five.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from paperkg.extract.candidates import CandidateGroup, DocCandidates
from paperkg.extract.model import CLASSES, DecisionModel
from paperkg.models import EntityType
from paperkg.names import words

__all__ = ["Decision", "decide"]

_METHOD, _DATASET, _BENCHMARK, _METRIC, _TASK = (
    CLASSES.index(c) for c in ("method", "dataset", "benchmark", "metric", "task")
)
_LENGTH_BONUS = 0.05
_TASK_LENGTH_BONUS = 0.05
_TASK_FLOOR = 0.05  # chosen by cross-validation (0.02: tasks F1 .573, 0.05: .575)


@dataclass(frozen=True, slots=True)
class Decision:
    """One kept candidate group: its type, the spans it keeps, its probability and ``proposed``."""

    group: CandidateGroup
    type: EntityType
    spans: tuple[tuple[int, int], ...]
    probability: float
    proposed: bool


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and (len(a & b) / len(a | b) >= 0.5 or a <= b or b <= a)


def _tasks(cands: DocCandidates, task_p: np.ndarray, model: DecisionModel, skip: set[int]) -> list[Decision]:
    doc = cands.doc
    # a longer phrase breaks near-ties ("image classification" over "classification")
    lengths = np.array([min(e - s, 4) for s, e in (g.spans[0] for g in cands.groups)])
    order = np.argsort(-(task_p + _TASK_LENGTH_BONUS * lengths), kind="stable")
    chosen: list[Decision] = []
    chosen_words: list[frozenset[str]] = []
    for i in order:
        p = float(task_p[i])
        if p < model.task_threshold or len(chosen) >= model.max_tasks:
            break
        if i in skip:
            continue
        g = cands.groups[i]
        w = words(doc[g.spans[0][0] : g.spans[0][1]].text)
        if any(_similar(w, c) for c in chosen_words):
            continue
        chosen_words.append(w)
        chosen.append(Decision(g, EntityType.TASK, tuple(g.spans), p, False))
    return chosen


def _task_probabilities(
    features: list[list[str]],
    probs: np.ndarray,
    model: DecisionModel,
    skip: set[int],
    task_features: Callable[[int], list[str]] | None,
) -> np.ndarray:
    """The task model's probability of the groups it ranks: not kept as artifacts, and at least
    ``_TASK_FLOOR`` likely a task by the type model (the others, most groups, stay at 0)."""
    out = np.zeros(len(features))
    idx = [i for i in np.flatnonzero(probs[:, _TASK] >= _TASK_FLOOR).tolist() if i not in skip]
    if idx:
        extra = task_features or (lambda i: [])
        out[idx] = model.task_probabilities([features[i] + extra(i) for i in idx])
    return out


def decide(
    cands: DocCandidates,
    features: list[list[str]],
    model: DecisionModel,
    task_features: Callable[[int], list[str]] | None = None,
) -> list[Decision]:
    """The kept groups of one paper, in text order. ``task_features(i)`` gives group ``i``'s task-only
    features when ``features`` lack them (extraction computes them only for the groups it ranks)."""
    if not cands.groups:
        return []
    probs = model.type_probabilities(features)
    # dataset and benchmark are one kind of thing told apart by the abstract's own word: their
    # probabilities are pooled to decide "data or not", then the larger one names the type
    pooled = probs[:, [_METHOD, _DATASET, _METRIC]].copy()
    pooled[:, 1] += probs[:, _BENCHMARK]
    kind = pooled.argmax(axis=1)
    best_p = pooled[np.arange(len(kind)), kind]
    best = np.array([_METHOD, _DATASET, _METRIC])[kind]
    data = best == _DATASET
    best[data & (probs[:, _BENCHMARK] > probs[:, _DATASET])] = _BENCHMARK
    threshold = np.where(best == _METRIC, model.metric_threshold, model.artifact_threshold)
    artifacts = [
        i
        for i in range(len(best))
        if best_p[i] >= threshold[i] and best_p[i] >= probs[i, _TASK] and not cands.groups[i].task_only
    ]
    proposed = model.proposed_probabilities([features[i] for i in artifacts])

    # overlapping spans go to the more probable group, a longer name breaking near-ties
    # ("Fashion-MNIST" over "MNIST", "MobileNet-V2" over "MobileNet")
    def rank(k: int) -> float:
        g = cands.groups[artifacts[k]]
        s, e = g.main_spans[0]
        return -(best_p[artifacts[k]] + _LENGTH_BONUS * min(e - s, 5))

    artifacts_by_p = sorted(range(len(artifacts)), key=rank)
    taken = [False] * len(cands.doc)
    out: list[Decision] = []
    for k in artifacts_by_p:
        i = artifacts[k]
        g = cands.groups[i]
        spans = tuple((s, e) for s, e in g.main_spans if not any(taken[s:e]))
        if not spans:
            continue
        for s, e in spans:
            taken[s:e] = [True] * (e - s)
        kind = EntityType(CLASSES[best[i]])
        is_proposed = kind is not EntityType.METRIC and bool(proposed[k] >= 0.5)
        out.append(Decision(g, kind, spans, float(best_p[i]), is_proposed))
    skip = set(artifacts)
    out.extend(_tasks(cands, _task_probabilities(features, probs, model, skip, task_features), model, skip))
    out.sort(key=lambda d: d.spans[0])
    return out
