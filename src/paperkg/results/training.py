"""Training the result model from annotated results (``../shared/eval/RESULTS_GUIDELINE.md``).

:func:`examples` turns one annotated paper into labelled candidates and (number, target) pairs;
:func:`fit` trains the logistic regressions with scikit-learn (a development dependency, needed only
here) and returns a :class:`~paperkg.results.model.ResultModel`. ``scripts/train_results.py`` trains on
every annotated paper and writes the shipped model; ``scripts/results_cv.py`` cross-validates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from paperkg.extract import mentions_from_doc
from paperkg.models import Paper
from paperkg.nlp import get_pipeline
from paperkg.results.context import PaperContext
from paperkg.results.features import Features, candidate_features, pair_features
from paperkg.results.find import FIELDS, listed_before, targets_for
from paperkg.results.model import Binary, MultiClass, ResultModel

__all__ = ["PaperExamples", "examples", "first_value", "fit", "prepare", "same_name"]

THRESHOLDS = {"is_result": 0.5, "metric": 0.1, "dataset": 0.15, "method": 0.05, "compared_to": 0.3}


def first_value(text: str | None) -> str | None:
    """The first number of a value as the scorer reads it ("97.07 %" -> "97.07%", "6.5 times" -> "6.5")."""
    text = re.sub(r"(?<=\d)[\s,](?=\d{3}\b)", "", (text or "").lower().replace("×", "x"))
    found = re.findall(r"(\d+(?:\.\d+)?)\s*(%|x\b|-fold)?", text)
    return found[0][0] + (found[0][1] or "") if found else None


def same_name(a: str | None, b: str | None) -> bool:
    """The scorer's name match: equal or contained once case and punctuation are dropped."""
    x, y = re.sub(r"[^0-9a-z]+", "", (a or "").lower()), re.sub(r"[^0-9a-z]+", "", (b or "").lower())
    return bool(x and y) and (x == y or x in y or y in x)


@dataclass
class PaperExamples:
    """One annotated paper's labelled examples."""

    paper: Paper
    ctx: PaperContext
    candidates: list[tuple[Features, int]] = field(default_factory=list)
    kinds: list[tuple[Features, str]] = field(default_factory=list)
    pairs: dict[str, list[list[tuple[Features, int]]]] = field(
        default_factory=lambda: {f: [] for f in FIELDS}
    )


def prepare(papers: list[Paper]) -> list[tuple[Paper, PaperContext]]:
    """Run the extractor over ``papers``: each with its sentences, numbers and mentions."""
    nlp = get_pipeline()
    out = []
    for doc, paper in nlp.pipe(((p.text, p) for p in papers), as_tuples=True):
        out.append((paper, PaperContext(doc, mentions_from_doc(doc, paper).mentions)))
    return out


def _gold_spans(text: str, results: list[dict]) -> list[tuple[int, int, dict]]:
    """Where each gold result's value is written: inside its context, each occurrence used once."""
    used: set[int] = set()
    out = []
    for r in results:
        at = text.find(r["context"])
        if at < 0:
            continue
        pos = at
        while True:
            hit = text.find(r["value_text"], pos, at + len(r["context"]))
            if hit < 0 or hit not in used:
                break
            pos = hit + 1
        if hit >= 0:
            used.add(hit)
            out.append((hit, hit + len(r["value_text"]), r))
    return out


def examples(paper: Paper, ctx: PaperContext, gold: list[dict]) -> PaperExamples:
    """Label every number of ``paper``: result or not, its kind, and for each field which target is right."""
    ex = PaperExamples(paper, ctx)
    spans = _gold_spans(paper.text, gold)
    taken: set[int] = set()
    for s in ctx.sentences:
        for k, c in enumerate(s.numbers):
            f = candidate_features(ctx, s, k)
            hit = next(
                (
                    i
                    for i, (a, b, r) in enumerate(spans)
                    if i not in taken
                    and c.start < b
                    and a < c.end
                    and first_value(r["value_text"]) == first_value(c.text)
                ),
                None,
            )
            ex.candidates.append((f, int(hit is not None)))
            if hit is None:
                continue
            taken.add(hit)
            r = spans[hit][2]
            ex.kinds.append((f, r["kind"]))
            for name in FIELDS:
                listed = listed_before(ctx, s, name)
                group = [
                    (pair_features(ctx, s, k, t, name, listed), int(same_name(t.text, r.get(name))))
                    for t in targets_for(ctx, s, k, name)
                ]
                ex.pairs[name].append(group)
    return ex


def _binary(data: list[tuple[Features, int]], c: float) -> Binary:
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([f for f, _ in data])
    y = [label for _, label in data]
    if len(set(y)) < 2:
        return Binary({}, 0.0 if not y else (4.0 if y[0] else -4.0))
    lr = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=0).fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, lr.coef_[0], strict=True) if abs(w) >= 1e-4}
    return Binary(weights, round(float(lr.intercept_[0]), 4))


def _multi(data: list[tuple[Features, str]], c: float) -> MultiClass:
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([f for f, _ in data])
    y = [label for _, label in data]
    lr = LogisticRegression(C=c, max_iter=2000, random_state=0).fit(x, y)
    names = vec.get_feature_names_out()
    weights = {
        str(n): [round(float(w), 4) for w in lr.coef_[:, j]]
        for j, n in enumerate(names)
        if max(abs(lr.coef_[:, j])) >= 1e-4
    }
    return MultiClass([str(c) for c in lr.classes_], weights, [round(float(b), 4) for b in lr.intercept_])


def _difference(a: Features, b: Features) -> Features:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0.0) - v
    return out


def _ranker(groups: list[list[tuple[Features, int]]], c: float) -> Binary:
    """Which of one number's targets is the right one: a linear score learned from (right - wrong)
    feature differences (a pairwise ranking; no bias, so only differences between targets count)."""
    data: list[tuple[Features, int]] = []
    for group in groups:
        right = [f for f, y in group if y]
        wrong = [f for f, y in group if not y]
        for p in right:
            for n in wrong:
                data += [(_difference(p, n), 1), (_difference(n, p), 0)]
    if not data:
        return Binary({}, 0.0)
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([f for f, _ in data])
    lr = LogisticRegression(C=c, max_iter=2000, solver="liblinear", fit_intercept=False, random_state=0)
    lr.fit(x, [y for _, y in data])
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, lr.coef_[0], strict=True) if abs(w) >= 1e-4}
    return Binary(weights, 0.0)


def fit(data: list[PaperExamples], c: float = 1.0) -> ResultModel:
    """Train every decision on the examples of ``data`` (deterministic: fixed solvers and order)."""
    return ResultModel(
        is_result=_binary([x for ex in data for x in ex.candidates], c),
        kind=_multi([x for ex in data for x in ex.kinds], c),
        attach={name: _binary([x for ex in data for g in ex.pairs[name] for x in g], c) for name in FIELDS},
        rank={name: _ranker([g for ex in data for g in ex.pairs[name]], c) for name in FIELDS},
        thresholds=dict(THRESHOLDS),
    )
