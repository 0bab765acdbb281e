"""Training and cross-validation of the decision models on annotated abstracts.

The annotated data are two JSONL files: papers (``title``, ``abstract``, ``id``) and gold records
written to the annotation guideline (``../shared/eval/``). Every candidate group of every paper is
labelled from the gold record of its paper (a name or alias of a gold method, dataset, benchmark or
metric, or a phrase sharing half its content words with a gold task), then two logistic
regressions are fitted on the groups' features. :func:`train` is deterministic: the same data give
the same model file, byte for byte. :func:`cross_validate` fits one model per fold and extracts the
held-out papers with it, so no gold name of a held-out paper reaches its model.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from paperkg.evaluate import load_gold, title_key
from paperkg.extract import DocMentions, mentions_from_prepared
from paperkg.extract.candidates import DocCandidates, find_candidates
from paperkg.extract.features import TASK_ONLY, doc_features
from paperkg.extract.model import CLASSES, DecisionModel, LinearModel
from paperkg.models import Paper, PaperExtraction
from paperkg.names import match_key, words
from paperkg.nlp import get_pipeline
from paperkg.resolve import EntityRegistry, resolve_paper

__all__ = ["Prepared", "TrainParams", "cross_validate", "fit", "label_groups", "load_annotated", "train"]

_CLASS = {c: i for i, c in enumerate(CLASSES)}


@dataclass(frozen=True)
class TrainParams:
    """Hyper-parameters of training (fixed; chosen once by cross-validation)."""

    c_type: float = 0.5
    c_proposed: float = 0.5
    c_task: float = 0.5
    positive_weight: float = 2.0  # sample weight of entity groups relative to "none" groups
    data_weight: float = 4.0  # ... of dataset and benchmark groups (rarer: 172 of 3,000 entity groups)
    metric_weight: float = 3.0  # ... of metric groups
    min_count: int = 2
    task_threshold: float = 0.1
    max_tasks: int = 5
    artifact_threshold: float = 0.35
    metric_threshold: float = 0.25


@dataclass
class Prepared:
    """One annotated paper with its candidates, their features and their labels."""

    paper: Paper
    gold: dict
    cands: DocCandidates
    features: list[list[str]]
    labels: list[int]
    proposed: list[bool]
    is_task: list[bool]


def load_annotated(papers_path: str | Path, gold_path: str | Path) -> list[tuple[Paper, dict]]:
    """Papers paired with their gold records (by title, as the scoring script pairs them)."""
    gold = {title_key(g["title"]): g for g in load_gold(gold_path)}
    out = []
    with open(papers_path, encoding="utf-8") as fh:
        for n, line in enumerate(filter(str.strip, fh)):
            rec = json.loads(line)
            g = gold.get(title_key(rec["title"]))
            if g is None:
                raise ValueError(f"{papers_path}:{n + 1}: no gold record for title {rec['title'][:60]!r}")
            paper = Paper(id=str(rec.get("id") or n), title=rec["title"], abstract=rec["abstract"])
            out.append((paper, g))
    return out


def _last_word(text: str) -> str:
    ws = re.findall(r"[a-z0-9]+", text.lower())
    return match_key(ws[-1]) if ws else ""


def label_groups(cands: DocCandidates, gold: dict) -> tuple[list[int], list[bool], list[bool]]:
    """The gold class, ``proposed`` flag and task label of every candidate group of one paper.

    The class counts a phrase as a task when it shares half its content words and its head word with
    a gold task; the task label (what the task ranker learns) only when it is also one of the phrases
    that match that task best ("continual learning", not "learning")."""
    names: dict[str, tuple[int, bool]] = {}
    for field, cls in (("metrics", "metric"), ("benchmarks", "benchmark"), ("datasets", "dataset")):
        for e in gold.get(field, []):
            forms = [e] if isinstance(e, str) else [e["name"], *e.get("aliases", [])]
            for f in forms:
                names[match_key(f)] = (_CLASS[cls], bool(not isinstance(e, str) and e.get("proposed")))
    for e in gold.get("methods", []):
        for f in [e["name"], *e.get("aliases", [])]:
            names[match_key(f)] = (_CLASS["method"], bool(e.get("proposed")))
    tasks = [(words(t), _last_word(t)) for t in gold.get("tasks", [])]
    doc = cands.doc
    labels, proposed = [], []
    overlaps: list[list[float]] = []  # per group: its overlap with each gold task (0 when no match)
    for g in cands.groups:
        forms = {doc[s:e].text for s, e in g.main_spans}
        hit = next((names[k] for k in map(match_key, forms) if k in names), None)
        row = [0.0] * len(tasks)
        if hit is None:
            text = doc[g.main_spans[0][0] : g.main_spans[0][1]].text
            w, last = words(text), _last_word(text)
            # half the words shared (the scoring's test) and the same head word: "long-term" is no
            # task for the gold "long-term forecasting"
            for k, (t, h) in enumerate(tasks):
                if w and t and last == h and len(w & t) / len(w | t) >= 0.5:
                    row[k] = len(w & t) / len(w | t)
            hit = (0, False)
        overlaps.append(row)
        labels.append(_CLASS["task"] if any(row) else hit[0])
        proposed.append(hit[1])
    best = [max((r[k] for r in overlaps), default=0.0) for k in range(len(tasks))]
    is_task = [any(v > 0 and v >= best[k] for k, v in enumerate(row)) for row in overlaps]
    return labels, proposed, is_task


def prepare(annotated: Sequence[tuple[Paper, dict]]) -> list[Prepared]:
    """Run the pipeline, candidates, features and labelling over annotated papers."""
    nlp = get_pipeline()
    out = []
    docs = nlp.pipe((p.text for p, _ in annotated), batch_size=64)
    for (paper, gold), doc in zip(annotated, docs, strict=True):
        cands = find_candidates(doc)
        labels, proposed, is_task = label_groups(cands, gold)
        out.append(Prepared(paper, gold, cands, doc_features(cands), labels, proposed, is_task))
    return out


def _matrix(rows: Sequence[Sequence[str]], index: dict[str, int]):
    from scipy.sparse import csr_matrix

    indptr, cols = [0], []
    for feats in rows:
        cols.extend(sorted({index[f] for f in feats if f in index}))
        indptr.append(len(cols))
    data = np.ones(len(cols))
    return csr_matrix((data, cols, indptr), shape=(len(rows), len(index)))


def _vocabulary(rows: Iterable[Sequence[str]], min_count: int, task_only: bool = True) -> dict[str, int]:
    counts: dict[str, int] = {}
    for feats in rows:
        for f in set(feats):
            if task_only or not f.startswith(TASK_ONLY):
                counts[f] = counts.get(f, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}


def _fit_linear(
    rows: list[list[str]],
    y: list[int],
    c: float,
    min_count: int,
    positive_weight: float = 1.0,
    task_only: bool = False,
    class_weights: dict[int, float] | None = None,
) -> LinearModel:
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    index = _vocabulary(rows, min_count, task_only)
    target = np.asarray(y)
    weight = np.where(target > 0, positive_weight, 1.0)
    for cls, w in (class_weights or {}).items():
        weight[target == cls] = w
    with threadpool_limits(1):  # one thread: the same result everywhere, and no oversubscription
        lr = LogisticRegression(C=c, max_iter=2000, tol=1e-5)
        lr.fit(_matrix(rows, index), target, sample_weight=weight)
    coef = lr.coef_.T  # (features, classes) or (features, 1) for a binary model
    intercept = lr.intercept_
    if coef.shape[1] > 1 and coef.shape[1] != len(CLASSES):
        raise ValueError("training data lack a class")
    keep = np.abs(coef).max(axis=1) >= 0.02  # tiny weights change no decision; they only bloat the file
    names = [f for f, i in sorted(index.items(), key=lambda kv: kv[1]) if keep[i]]
    w = np.round(coef[keep], 3)
    return LinearModel.from_json({"features": names, "weights": w.tolist(), "intercept": intercept.tolist()})


def fit(prepared: Sequence[Prepared], params: TrainParams | None = None) -> DecisionModel:
    """Fit the type and proposed models on prepared papers."""
    params = params or TrainParams()
    rows = [f for p in prepared for f in p.features]
    # the type model learns from the groups it will decide (task-only phrases are the task model's)
    typed = [
        (f, lab)
        for p in prepared
        for g, f, lab in zip(p.cands.groups, p.features, p.labels, strict=True)
        if not g.task_only
    ]
    type_model = _fit_linear(
        [f for f, _ in typed],
        [lab for _, lab in typed],
        params.c_type,
        params.min_count,
        params.positive_weight,
        class_weights={
            _CLASS["dataset"]: params.data_weight,
            _CLASS["benchmark"]: params.data_weight,
            _CLASS["metric"]: params.metric_weight,
        },
    )
    art = [
        (f, prop)
        for p in prepared
        for g, f, lab, prop in zip(p.cands.groups, p.features, p.labels, p.proposed, strict=True)
        if 0 < lab < _CLASS["metric"] and not g.task_only
    ]
    proposed_model = _fit_linear([f for f, _ in art], [int(v) for _, v in art], params.c_proposed, 1)
    is_task = [int(t) for p in prepared for t in p.is_task]
    task_model = _fit_linear(rows, is_task, params.c_task, params.min_count, task_only=True)
    model = DecisionModel(
        type_model,
        proposed_model,
        task_model,
        params.task_threshold,
        params.max_tasks,
        params.artifact_threshold,
        params.metric_threshold,
    )
    return DecisionModel.from_json(json.loads(model.dumps()))  # the rounded weights, as shipped


def train(papers_path: str | Path, gold_path: str | Path, params: TrainParams | None = None) -> DecisionModel:
    """The model trained on every annotated paper (what ships)."""
    return fit(prepare(load_annotated(papers_path, gold_path)), params)


def extract_prepared(prepared: Sequence[Prepared], model: DecisionModel) -> list[PaperExtraction]:
    """Resolved extractions of prepared papers with ``model``."""
    registry = EntityRegistry()
    out = []
    for p in prepared:
        dm: DocMentions = mentions_from_prepared(p.cands, p.features, p.paper, model)
        out.append(resolve_paper(dm, registry))
    return out


def cross_validate(
    prepared: Sequence[Prepared], folds: int = 5, seed: int = 0, params: TrainParams | None = None
) -> list[PaperExtraction]:
    """Extractions of every paper by a model that never saw it (``folds``-fold, shuffled by ``seed``)."""
    order = list(range(len(prepared)))
    random.Random(seed).shuffle(order)
    fold_of = {i: k % folds for k, i in enumerate(order)}
    out: list[PaperExtraction | None] = [None] * len(prepared)
    for k in range(folds):
        train_part = [p for i, p in enumerate(prepared) if fold_of[i] != k]
        test_idx = [i for i in range(len(prepared)) if fold_of[i] == k]
        model = fit(train_part, params)
        for i, ex in zip(test_idx, extract_prepared([prepared[i] for i in test_idx], model), strict=True):
            out[i] = ex
    return [x for x in out if x is not None]
