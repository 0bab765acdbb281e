"""The trained result model: logistic-regression weights read from ``data/results/model.json``.

Scoring is a sum of feature weights, so inference needs no scikit-learn; training
(:mod:`paperkg.results.training`, ``scripts/train_results.py``) writes the file. The file holds one
binary model per decision (``is_result``, ``metric``, ``dataset``, ``method``, ``compared_to``), one
multi-class model for ``kind``, one pairwise ranker per attachment (which target is best) and the
probability the best target must reach to be attached.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from paperkg.modelfiles import file_digest, read_json

__all__ = ["Binary", "MultiClass", "ResultModel", "load_model", "model_digest"]

MODEL_PATH = ("data", "results", "model.json")


@dataclass(frozen=True)
class Binary:
    """P(yes | features) = sigmoid(bias + sum of weights)."""

    weights: dict[str, float]
    bias: float

    def logit(self, features: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())

    def prob(self, features: dict[str, float]) -> float:
        z = self.logit(features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class MultiClass:
    """P(class | features) by softmax over one weight vector per class."""

    classes: list[str]
    weights: dict[str, list[float]]
    bias: list[float]

    def probs(self, features: dict[str, float]) -> dict[str, float]:
        z = list(self.bias)
        for k, v in features.items():
            w = self.weights.get(k)
            if w is not None:
                z = [a + b * v for a, b in zip(z, w, strict=True)]
        top = max(z)
        e = [math.exp(x - top) for x in z]
        total = sum(e)
        return {c: x / total for c, x in zip(self.classes, e, strict=True)}

    def predict(self, features: dict[str, float]) -> str:
        p = self.probs(features)
        return max(self.classes, key=lambda c: p[c])


@dataclass(frozen=True)
class ResultModel:
    """Every decision the result extractor makes, with its thresholds."""

    is_result: Binary
    kind: MultiClass
    attach: dict[str, Binary]  # metric, dataset, method, compared_to: is this target right?
    rank: dict[str, Binary]  # the same fields: which of a number's targets is the best one
    thresholds: dict[str, float]

    def to_json(self) -> dict[str, object]:
        return {
            "is_result": {"weights": self.is_result.weights, "bias": self.is_result.bias},
            "kind": {"classes": self.kind.classes, "weights": self.kind.weights, "bias": self.kind.bias},
            "attach": {k: {"weights": m.weights, "bias": m.bias} for k, m in self.attach.items()},
            "rank": {k: {"weights": m.weights, "bias": m.bias} for k, m in self.rank.items()},
            "thresholds": self.thresholds,
        }

    @classmethod
    def from_json(cls, d: dict) -> ResultModel:
        return cls(
            is_result=Binary(**d["is_result"]),
            kind=MultiClass(**d["kind"]),
            attach={k: Binary(**m) for k, m in d["attach"].items()},
            rank={k: Binary(**m) for k, m in d.get("rank", {}).items()},
            thresholds=d["thresholds"],
        )


@cache
def load_model() -> ResultModel:
    """The shipped model."""
    return ResultModel.from_json(read_json(*MODEL_PATH))


def model_digest() -> str:
    """A hash of the shipped model file (part of the extractor fingerprint)."""
    return file_digest(*MODEL_PATH)[:16]
