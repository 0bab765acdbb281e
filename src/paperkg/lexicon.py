"""Word lists of the extraction rules, candidate generators and features, read from one data file,
``data/extract/cue_words.tsv``.

Each row names its list (``function_word``, ``not_name``, ``generic``, ``task_tail``, ``phrase_kind``,
``phrase_head``, ``task_break``, ``title_joiner``, ``corpus_next_data`` ...), one word or phrase, and where
it comes from (see ``data/extract/SOURCES.md``). It sits at the package's top level, beside
:mod:`paperkg.names`, because the spaCy components and the extract stage both read it.
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
