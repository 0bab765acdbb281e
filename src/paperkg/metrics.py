"""Metrics as entities: canonical names, aliases and which direction is better.

``data/metrics_direction.tsv`` (columns ``name``, ``aliases`` joined by ``|``, ``direction`` = higher or
lower, ``scale`` = share for proportions, ``source``) is the one list; the graph puts the direction on Metric nodes and the leaderboards rank
absolute levels by it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import NamedTuple

from paperkg.names import name_key

__all__ = ["MetricInfo", "direction", "impossible", "metric_display", "metric_info", "metric_names"]


class MetricInfo(NamedTuple):
    """A listed metric: its canonical name and whether higher or lower values are better."""

    name: str
    direction: str
    share: bool = False  # a proportion: written as 0-1 or 0-100%, never above 100


@cache
def _table() -> dict[str, MetricInfo]:
    text = (resources.files("paperkg") / "data" / "metrics_direction.tsv").read_text(encoding="utf-8")
    out: dict[str, MetricInfo] = {}
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        name, aliases, way, scale, _source = line.split("\t")
        info = MetricInfo(name, way, scale == "share")
        for form in (name, *(a for a in aliases.split("|") if a)):
            out.setdefault(name_key(form), info)
    return out


def metric_names() -> list[str]:
    """Every name and alias of the list, as written there."""
    text = (resources.files("paperkg") / "data" / "metrics_direction.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines()[1:]:
        if line.strip():
            name, aliases, _way, _scale, _source = line.split("\t")
            out += [name, *(a for a in aliases.split("|") if a)]
    return out


def metric_info(name: str | None) -> MetricInfo | None:
    """The listed metric ``name`` stands for (any alias, case and hyphens ignored), trying its last words
    too ("test top-1 accuracy" -> top-1 accuracy, "average error rate" -> error rate)."""
    if not name:
        return None
    table = _table()
    parts = name_key(name).split()
    for i in range(len(parts)):
        hit = table.get(" ".join(parts[i:]))
        if hit is not None:
            return hit
    return None


def direction(name: str | None) -> str | None:
    """'higher' or 'lower' (is better) for a metric name, or None when it is not listed."""
    info = metric_info(name)
    return info.direction if info else None


def metric_display(name: str | None) -> str | None:
    """The name a leaderboard groups a metric under: the listed canonical name when the metric is listed
    under exactly that name or an alias ("Top-1 Acc." stays itself, "F1-score" -> F1), else as written."""
    if not name:
        return None
    hit = _table().get(name_key(name))
    return hit.name if hit else name


def impossible(name: str | None, value: float) -> bool:
    """True for a level no listed proportion can take ("accuracy 1000", "mAP 128")."""
    info = metric_info(name)
    return info is not None and info.share and not 0 <= value <= 100
