"""Curated name lists (datasets, benchmarks, methods, metrics, tasks) matched as phrases.

The lists ship as TSV files in ``paperkg/data/gazetteers`` (see SOURCES.md there). Names with a
capital letter or digit match case-sensitively ("MATH", "Adam"); all-lowercase names match in any
case ("accuracy", "random forest"). Matches are stored on ``doc._.gazetteer`` as
``(start_token, end_token, type)``; overlapping matches keep the longest.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

__all__ = ["GAZETTEER_TYPES", "NONENTITY_CATEGORIES", "load_gazetteer", "load_nonentities", "longest_first"]

GAZETTEER_TYPES = ("dataset", "benchmark", "method", "metric", "task")
# The guideline's non-entities (core_nonentity.tsv): names that are never an entity of any type.
NONENTITY_CATEGORIES = ("hardware", "sensor", "vehicle", "organisation", "place", "unit", "software")


@cache
def load_gazetteer(kind: str) -> tuple[str, ...]:
    """The names of one shipped list (``dataset``, ``benchmark``, ``method``, ``metric``, ``task``)."""
    if kind not in GAZETTEER_TYPES:
        raise ValueError(f"unknown gazetteer {kind!r}")
    path = resources.files("paperkg") / "data" / "gazetteers" / f"{kind}.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple(r["name"] for r in rows if r["name"])


@cache
def load_nonentities() -> Mapping[str, str]:
    """Non-entity name -> its category (``hardware``, ``sensor``, ... see NONENTITY_CATEGORIES).

    Compare names through the project's name key (case, hyphens and plurals ignored)."""
    path = resources.files("paperkg") / "data" / "gazetteers" / "core_nonentity.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return MappingProxyType({r["name"]: r["category"] for r in rows if r["name"]})


@cache
def _stoplist() -> frozenset[str]:
    path = resources.files("paperkg") / "data" / "gazetteers" / "core_stoplist.tsv"
    with path.open(encoding="utf-8") as fh:
        return frozenset(
            r["name"].lower() for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        )


if not Doc.has_extension("gazetteer"):
    Doc.set_extension("gazetteer", default=[])


@Language.factory("paperkg_gazetteer", default_config={"types": list(GAZETTEER_TYPES)})
def make_gazetteer_matcher(nlp: Language, name: str, types: list[str]) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, types)


class GazetteerMatcher:
    """Phrase matching over the shipped lists; later lists do not override earlier ones."""

    def __init__(self, nlp: Language, types: list[str]) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        stop = _stoplist()
        for kind in types:
            seen: set[str] = set()
            exact, lower = [], []
            for name in load_gazetteer(kind):
                if name.lower() in stop or name in seen:
                    continue
                seen.add(name)
                (exact if any(c.isupper() or c.isdigit() for c in name) else lower).append(name)
            self.exact.add(kind, list(nlp.tokenizer.pipe(exact)))
            self.lower.add(kind, list(nlp.tokenizer.pipe(lower)))
        self.priority = {kind: i for i, kind in enumerate(types)}

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        matches = [(s, e, strings[k]) for k, s, e in self.exact(doc)]
        matches += [(s, e, strings[k]) for k, s, e in self.lower(doc)]
        # On equal spans the earlier list wins (benchmark before dataset, say).
        matches.sort(key=lambda m: self.priority.get(m[2], 99))
        doc._.gazetteer = longest_first(matches)
        return doc


def longest_first(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """spaCy's ``filter_spans`` on ``(start, end, label)`` tuples: of overlapping matches the longest
    (then the first) is kept, in text order."""
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (m[1] - m[0], -m[0]), reverse=True):
        if m[0] not in taken and m[1] - 1 not in taken:
            kept.append(m)
            taken.update(range(m[0], m[1]))
    return sorted(kept, key=lambda m: m[0])
