"""Task rules: task phrases a title names ("... for X") and items of "tasks such as A, B and C"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from paperkg.components.patterns.base import (
    _TASK_LIST_HEADS,
    Candidate,
    _tokens_at,
    coined,
    title_end,
)

_TASK_BREAK = {
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "and",
    "with",
    "via",
    "using",
    "by",
    "through",
    "from",
    "under",
    "without",
    "is",
    "are",
    "on",
    "in",
    "of",
    "?",
}


def title_tasks(doc: Doc) -> Iterator[Candidate]:
    """Task phrases a title names after "for", "in" or "towards" ("... for Continual Learning")."""
    tend = title_end(doc)
    for t in doc[:tend]:
        if t.lower_ not in {"for", "towards", "toward"}:
            continue
        k = t.i + 1
        # "of"/"from"/"in" may continue a task phrase ("Segmentation from Noisy Annotations")
        while k < tend and (
            doc[k].lower_ in {"of", "from", "in"}
            or (doc[k].text not in _TASK_BREAK and doc[k].lower_ not in _TASK_BREAK)
        ):
            k += 1
        while k > t.i + 1 and doc[k - 1].lower_ in {"of", "from", "in"}:
            k -= 1
        if 1 <= k - (t.i + 1) <= 6 and any(doc[x].is_alpha for x in range(t.i + 1, k)):
            s = t.i + 1
            if doc[s].lower_ in {"the", "a", "an"}:
                s += 1
            if s < k and not coined(doc[s].text):
                yield Candidate(s, k, "task", "title_for", confidence=0.7)


def task_lists(doc: Doc) -> Iterator[Candidate]:
    """Lower-case phrases in "tasks such as A, B and C" / "including A and B tasks"."""
    for t in _tokens_at(doc, _TASK_LIST_HEADS):
        if t.lower_ in {"tasks", "problems", "applications"} and t.i + 2 < len(doc):
            k = t.i + 1
            if doc[k].lower_ == "such" and k + 1 < len(doc) and doc[k + 1].lower_ == "as":
                k += 2
            elif doc[k].lower_ in {"including", "like", ":"}:
                k += 1
            else:
                continue
            while k < t.sent.end:
                s = k
                while (
                    k < t.sent.end
                    and doc[k].text not in {",", ".", ";", ")"}
                    and doc[k].lower_ not in {"and", "or"}
                ):
                    k += 1
                if 1 <= k - s <= 5 and all(x.is_lower or x.text == "-" for x in doc[s:k]):
                    yield Candidate(s, k, "task", "task_list", confidence=0.6)
                if k < t.sent.end and doc[k].text in {",", "and", "or"}:
                    k += 1
                    if k < t.sent.end and doc[k].lower_ in {"and", "or"}:
                        k += 1
                    continue
                break
