"""Word lists of the candidate generators and features, read from ``data/extract/cue_words.tsv``.

Each row names its list (``phrase_break``, ``phrase_head``, ``phrase_kind``, ``title_joiner``, ``self``,
``propose``, ``evaluate``,
``compare``), a lower-case word and where it comes from (see ``data/extract/SOURCES.md``).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

__all__ = ["cue_words"]


@cache
def _lists() -> dict[str, frozenset[str]]:
    path = resources.files("paperkg") / "data" / "extract" / "cue_words.tsv"
    out: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            out.setdefault(row["list"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in out.items()}


def cue_words(name: str) -> frozenset[str]:
    """The words of one list (KeyError for an unknown list name)."""
    return _lists()[name]
