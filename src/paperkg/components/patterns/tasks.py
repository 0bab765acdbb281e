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
from paperkg.components.tokens import token_table

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
    tt = token_table(doc)
    text, lower = tt.text, tt.lower
    tend = title_end(doc)
    for i in range(tend):
        if lower[i] not in {"for", "towards", "toward"}:
            continue
        k = i + 1
        # "of"/"from"/"in" may continue a task phrase ("Segmentation from Noisy Annotations")
        while k < tend and (
            lower[k] in {"of", "from", "in"} or (text[k] not in _TASK_BREAK and lower[k] not in _TASK_BREAK)
        ):
            k += 1
        while k > i + 1 and lower[k - 1] in {"of", "from", "in"}:
            k -= 1
        if 1 <= k - (i + 1) <= 6 and any(tt.alpha[x] for x in range(i + 1, k)):
            s = i + 1
            if lower[s] in {"the", "a", "an"}:
                s += 1
            if s < k and not coined(text[s]):
                yield Candidate(s, k, "task", "title_for", confidence=0.7)


def task_lists(doc: Doc) -> Iterator[Candidate]:
    """Lower-case phrases in "tasks such as A, B and C" / "including A and B tasks"."""
    tt = token_table(doc)
    text, lower = tt.text, tt.lower
    n = len(text)
    for i in _tokens_at(doc, _TASK_LIST_HEADS):
        if lower[i] in {"tasks", "problems", "applications"} and i + 2 < n:
            k = i + 1
            if lower[k] == "such" and k + 1 < n and lower[k + 1] == "as":
                k += 2
            elif lower[k] in {"including", "like", ":"}:
                k += 1
            else:
                continue
            end = tt.sent_end[i]
            while k < end:
                s = k
                while k < end and text[k] not in {",", ".", ";", ")"} and lower[k] not in {"and", "or"}:
                    k += 1
                if 1 <= k - s <= 5 and all(text[x].islower() or text[x] == "-" for x in range(s, k)):
                    yield Candidate(s, k, "task", "task_list", confidence=0.6)
                if k < end and text[k] in {",", "and", "or"}:
                    k += 1
                    if k < end and lower[k] in {"and", "or"}:
                        k += 1
                    continue
                break
