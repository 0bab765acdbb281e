"""The trained decision models: linear weights over feature strings, stored as one JSON file.

The file (``paperkg/data/models/extractor.json``) is written by :mod:`paperkg.extract.train` and
read here with nothing but the standard library and numpy, so extraction needs no scikit-learn.
It holds

- ``type``: a multinomial logistic regression over the classes ``none, method, dataset, benchmark,
  metric, task`` (weights per feature and class, plus an intercept per class);
- ``proposed``: a binary logistic regression for "this paper introduces it";
- ``task``: a binary logistic regression that ranks a paper's phrases as the tasks it addresses (it
  also reads the task-only features, named ``t:...``, that the type model never sees);
- ``params``: the decision thresholds (minimum probability of a method/dataset/benchmark, of a metric
  and of a task, at most five tasks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from paperkg.modelfiles import file_digest, read_json, shipped_path

__all__ = [
    "CLASSES",
    "MODEL_PATH",
    "DecisionModel",
    "LinearModel",
    "load_model",
    "model_digest",
    "shipped_model_path",
]

CLASSES = ("none", "method", "dataset", "benchmark", "metric", "task")
MODEL_PATH = ("data", "models", "extractor.json")


@dataclass(frozen=True)
class LinearModel:
    """Weights of a linear model over string features: one row per feature, one column per output."""

    index: dict[str, int]
    weights: np.ndarray  # (features + 1, outputs); the last row is all zeros (unknown features)
    intercept: np.ndarray  # (outputs,)

    def scores(self, rows: list[list[str]]) -> np.ndarray:
        """Raw scores (logits) of each row of features: (rows, outputs)."""
        if not rows:
            return np.zeros((0, self.intercept.shape[0]))
        get = self.index.get
        pad = len(self.index)
        cols: list[int] = []
        starts: list[int] = []
        for feats in rows:
            starts.append(len(cols))
            cols.append(pad)
            # the known indices as a set built in feature order: the same set, so the same
            # summation order (and the same floats), as a set comprehension, one lookup each
            cols.extend(set([i for i in map(get, feats) if i is not None]))
        return np.add.reduceat(self.weights[cols], starts, axis=0) + self.intercept

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        names = data["features"]
        w = np.asarray(data["weights"], dtype=np.float64).reshape(len(names), -1)
        w = np.vstack([w, np.zeros((1, w.shape[1]))])
        return cls({n: i for i, n in enumerate(names)}, w, np.asarray(data["intercept"], dtype=np.float64))

    def to_json(self) -> dict[str, Any]:
        names = sorted(self.index, key=self.index.__getitem__)
        return {
            "features": names,
            "weights": [[round(float(x), 3) for x in row] for row in self.weights[: len(names)]],
            "intercept": [round(float(x), 3) for x in self.intercept],
        }


def _sigmoid(model: LinearModel, rows: list[list[str]]) -> np.ndarray:
    z = model.scores(rows)[:, 0] if rows else np.zeros(0)
    return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class DecisionModel:
    """The type model, the proposed model and the decision thresholds."""

    type: LinearModel
    proposed: LinearModel
    task: LinearModel
    task_threshold: float = 0.3
    max_tasks: int = 5
    artifact_threshold: float = 0.4
    metric_threshold: float = 0.4

    def type_probabilities(self, rows: list[list[str]]) -> np.ndarray:
        z = self.type.scores(rows)
        z = z - z.max(axis=1, keepdims=True) if len(z) else z
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True) if len(e) else e

    def proposed_probabilities(self, rows: list[list[str]]) -> np.ndarray:
        return _sigmoid(self.proposed, rows)

    def task_probabilities(self, rows: list[list[str]]) -> np.ndarray:
        return _sigmoid(self.task, rows)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": 2,
            "classes": list(CLASSES),
            "params": {
                "artifact_threshold": self.artifact_threshold,
                "metric_threshold": self.metric_threshold,
                "max_tasks": self.max_tasks,
                "task_threshold": self.task_threshold,
            },
            "type": self.type.to_json(),
            "proposed": self.proposed.to_json(),
            "task": self.task.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DecisionModel:
        if data.get("format") != 2 or tuple(data.get("classes", ())) != CLASSES:
            raise ValueError("unsupported extractor model file (format or classes differ)")
        p = data["params"]
        return cls(
            LinearModel.from_json(data["type"]),
            LinearModel.from_json(data["proposed"]),
            LinearModel.from_json(data["task"]),
            float(p["task_threshold"]),
            int(p["max_tasks"]),
            float(p["artifact_threshold"]),
            float(p["metric_threshold"]),
        )

    def dumps(self) -> str:
        """The model as the deterministic JSON text that ships in the package."""
        return json.dumps(self.to_json(), separators=(",", ":"), sort_keys=True) + "\n"


def shipped_model_path() -> Path:
    """Where the shipped model file lives (inside the installed package)."""
    return shipped_path(*MODEL_PATH)


@cache
def load_model(path: str | None = None) -> DecisionModel:
    """The shipped model (or the one at ``path``)."""
    return DecisionModel.from_json(read_json(*MODEL_PATH, path=path))


def model_digest() -> str:
    """SHA-256 of the shipped model file (part of the extractor fingerprint)."""
    return file_digest(*MODEL_PATH)
