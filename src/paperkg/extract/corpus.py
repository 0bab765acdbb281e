"""Corpus statistics of names as features: how a word or word pair behaves in 87k abstracts.

``data/extract/corpus_stats.tsv.gz`` (written by ``scripts/corpus_name_stats.py`` from the
unlabelled paperlists corpus) holds, per lower-case word and word pair, its document count and how
many of its occurrences are capitalised in mid-sentence, followed by a data-set, model or task noun,
preceded by "on", in a measurement context or after a proposal verb. :func:`corpus_features` turns
one name's row into coarse feature strings ("cdf=3", "c_data=hi"); a name the corpus does not know
gets "cdf=0".
"""

from __future__ import annotations

import gzip
import math
import re
from functools import cache, lru_cache
from importlib import resources

from paperkg.lexicon import cue_words

__all__ = ["STAT_FIELDS", "context_lists", "corpus_features", "encode", "lower_case_word", "stats_key"]

STAT_FIELDS = (
    "docs",
    "n",
    "cap",
    "next_data",
    "next_method",
    "next_task",
    "prev_on",
    "metric_ctx",
    "propose",
)
_SHARES = STAT_FIELDS[2:]
_WORD = re.compile(r"[a-z0-9]+")


def context_lists() -> dict[str, frozenset[str]]:
    """The context word lists the statistics count (``corpus_*`` in ``cue_words.tsv``)."""
    names = (
        "corpus_next_data",
        "corpus_next_method",
        "corpus_next_task",
        "corpus_prev_metric",
        "corpus_prev_propose",
    )
    return {n: cue_words(n) for n in names}


@lru_cache(maxsize=262144)
def stats_key(name: str) -> str:
    """The statistics key of a name: its lower-case letter/digit runs, a plural "s" dropped
    ("ResNet-50" -> "resnet 50", "win rates" -> "win rate")."""
    return " ".join(
        w[:-1] if len(w) > 3 and w[-1] == "s" and w[-2] != "s" else w for w in _WORD.findall(name.lower())
    )


def _share(k: int, n: int) -> str:
    share = k / n
    return "0" if k == 0 else "l" if share < 0.05 else "m" if share < 0.25 else "h"


def encode(row: list[int]) -> str:
    """One key's counts (``STAT_FIELDS``) as the file's code: a document-count bucket (1-4, powers
    of ten) and one letter per share (0, l < 5%, m < 25%, h), the shares only when the name occurs
    at least three times."""
    docs, n = row[0], row[1]
    code = str(min(int(math.log10(docs)) + 1, 4))
    return code + ("".join(_share(k, n) for k in row[2:]) if n >= 3 else "")


@cache
def _table() -> dict[str, str]:
    path = resources.files("paperkg") / "data" / "extract" / "corpus_stats.tsv.gz"
    with path.open("rb") as raw:
        lines = gzip.decompress(raw.read()).decode("utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines[1:])


@lru_cache(maxsize=65536)
def corpus_features(name: str, prefix: str = "c") -> tuple[str, ...]:
    """Feature strings for a name's corpus statistics (empty past two words: none are counted)."""
    key = stats_key(name)
    if not key or key.count(" ") > 1:
        return ()
    code = _table().get(key)
    return _code_features(code or "0", prefix)


@lru_cache(maxsize=16384)
def _code_features(code: str, prefix: str) -> tuple[str, ...]:
    """The feature strings of one statistics code (far fewer codes than names, so this is cached)."""
    out = [prefix + "df=" + code[0]]
    out.extend(f"{prefix}_{f}={c}" for f, c in zip(_SHARES, code[1:], strict=False))
    return tuple(out)


@lru_cache(maxsize=65536)
def lower_case_word(word: str) -> bool:
    """True for a word the corpus writes in lower case in mid-sentence almost always ("since",
    "teaching"): capitalised, it only opens a sentence."""
    if not word.isalpha() or " " in word:
        return False
    code = _table().get(stats_key(word))
    return code is not None and len(code) > 1 and code[1] in "0l" and code[0] >= "3"
