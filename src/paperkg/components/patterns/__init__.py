"""Pattern rules that find entity candidates the gazetteers cannot know, one module per rule family.

- :mod:`.base`: the :class:`Candidate` record, cue words, name shapes (:func:`coined`, :func:`name_span_at`);
- :mod:`.proposals`: names a paper introduces;
- :mod:`.contexts`: evaluation, comparison, list, citation contexts and coined names;
- :mod:`.tasks`: task phrases.

The ``paperkg_patterns`` component runs every rule and stores the candidates on ``doc._.candidates``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from paperkg.components.patterns.base import (
    DATA_HEADS,
    FUNCTION_WORDS,
    NOT_NAMES,
    TASK_TAILS,
    Candidate,
    coined,
    name_span_at,
    title_end,
)
from paperkg.components.patterns.contexts import (
    cited_names,
    coined_names,
    comparisons,
    evaluation_contexts,
    method_lists,
)
from paperkg.components.patterns.proposals import (
    named_terms,
    proposals,
    title_prefix,
)
from paperkg.components.patterns.tasks import (
    task_lists,
    title_tasks,
)

__all__ = [
    "DATA_HEADS",
    "FUNCTION_WORDS",
    "NOT_NAMES",
    "RULES",
    "TASK_TAILS",
    "Candidate",
    "PatternFinder",
    "coined",
    "find_candidates",
    "name_span_at",
    "title_end",
]

RULES = (
    title_prefix,
    proposals,
    named_terms,
    evaluation_contexts,
    comparisons,
    method_lists,
    cited_names,
    coined_names,
    title_tasks,
    task_lists,
)


def find_candidates(doc: Doc) -> list[Candidate]:
    """All candidates of all rules, in rule order (earlier rules are more specific)."""
    out: list[Candidate] = []
    for rule in RULES:
        out.extend(rule(doc))
    return out


if not Doc.has_extension("candidates"):
    Doc.set_extension("candidates", default=[])


@Language.factory("paperkg_patterns")
def make_pattern_finder(nlp: Language, name: str) -> PatternFinder:
    return PatternFinder()


class PatternFinder:
    """Stores :class:`Candidate` objects on ``doc._.candidates``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.candidates = find_candidates(doc)
        return doc
