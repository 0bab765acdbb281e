"""Context rules: names in evaluation contexts, comparisons, method lists, citations, and coined names.

The rules read the document's token table (:mod:`paperkg.components.tokens`), not spaCy ``Token``
objects: they look at every token of every abstract.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from paperkg.components.patterns.base import (
    _COMPARE_TRIGGERS,
    _EVAL_TRIGGERS,
    _PAREN,
    COMPARE_CUES,
    DATA_HEADS,
    LIST_HEADS,
    Candidate,
    _cap,
    _head_type,
    _tokens_at,
    coined,
    name_span_at,
    title_end,
)
from paperkg.components.tokens import TokenTable, token_table
from paperkg.lexicon import cue_words

_LIST_GLUE = frozenset({",", "and", "&"})
# words before "on"/"across" that make what follows an evaluation set ("experiments on A, B and C")
_EVAL_WORDS = cue_words("eval_word")


def _data_head_names(doc: Doc, tt: TokenTable, i: int) -> Iterator[Candidate]:
    """Names before a data head word at ``i`` ("the CIFAR-10 dataset", "the Rapid-ABC and BabbleCor
    datasets") and inside a parenthesis after it ("two corpora (Rapid-ABC and BabbleCor)")."""
    text, kind = tt.text, DATA_HEADS[tt.lower[i]]
    sent_start, sent_end = tt.sent_start[i], tt.sent_end[i]
    j = i - 1
    while j >= sent_start and (
        text[j] in _LIST_GLUE or coined(text[j]) or _cap(tt, j) or text[j] == "-" or tt.digit[j]
    ):
        j -= 1
    k = j + 1
    tend = title_end(doc)
    while k < i:
        span = name_span_at(doc, k, i)
        if span is None:
            k += 1
            continue
        s, e = span
        # in a title every word is capitalised: there a single word must look coined
        if e - s > 1 or coined(text[s]) or (s != sent_start and s >= tend):
            yield Candidate(s, e, kind, "data_head", confidence=0.75)
        k = e
    if i + 2 < len(text) and text[i + 1] == "(":
        k = i + 2
        while k < sent_end and text[k] != ")":
            span = name_span_at(doc, k, sent_end)
            if span is None:
                if text[k] not in _LIST_GLUE:
                    break
                k += 1
                continue
            yield Candidate(span[0], span[1], kind, "data_head", confidence=0.75)
            k = span[1]


def _evaluated_on(doc: Doc, tt: TokenTable, i: int) -> Iterator[Candidate]:
    """Names listed after "on"/"across" at ``i`` in an evaluation context ("experiments on A, B, and C")."""
    text, lower = tt.text, tt.lower
    sent_start, sent_end = tt.sent_start[i], tt.sent_end[i]
    prev = set(lower[max(sent_start, i - 4) : i])
    # "+6.87% on iNat 2019", "+7.4% AP_{3D} on Lyft": a result value just before "on"
    after_number = any(text[x] == "%" or tt.like_num[x] for x in range(max(sent_start, i - 3), i))
    if not after_number and not prev & _EVAL_WORDS:
        return
    k = i + 1
    if k < len(text) and lower[k] == "the":
        k += 1
    tend = title_end(doc)
    while k < sent_end:
        span = name_span_at(doc, k, sent_end)
        if span is None:
            break
        s, e = span
        if (
            any(coined(text[x]) or tt.digit[x] or "-" in text[x] for x in range(s, e))
            or e - s > 1
            or (after_number and s != sent_start and s >= tend)
        ):
            yield Candidate(s, e, "dataset", "evaluated_on", confidence=0.6)
        k = e
        if k < sent_end and text[k] == ",":
            k += 1
        if k < sent_end and lower[k] == "and":
            k += 1


def evaluation_contexts(doc: Doc) -> Iterator[Candidate]:
    """Names before "dataset/benchmark" and in "experiments on A, B and C" lists."""
    tt = token_table(doc)
    for i in _tokens_at(doc, _EVAL_TRIGGERS):
        w = tt.lower[i]
        if w in DATA_HEADS and i > 0:
            yield from _data_head_names(doc, tt, i)
        if w in {"on", "across"} and i + 1 < len(tt.text):
            yield from _evaluated_on(doc, tt, i)


_COMPARED_SKIP = frozenset({"the", "strong", "existing", "baseline", "baselines"})


def comparisons(doc: Doc) -> Iterator[Candidate]:
    """Coined names after "outperforms/surpasses/than/over/compared to"."""
    tt = token_table(doc)
    lower = tt.lower
    for i in _tokens_at(doc, _COMPARE_TRIGGERS):
        if lower[i] in COMPARE_CUES or (lower[i] in {"to", "with"} and i > 0 and lower[i - 1] == "compared"):
            k = i + 1
            if k < len(lower) and lower[k] in _COMPARED_SKIP:
                k += 1
            span = name_span_at(doc, k, tt.sent_end[i])
            if span and coined(tt.text[span[0]]):
                yield Candidate(span[0], span[1], "method", "comparison", confidence=0.6)


def coined_names(doc: Doc) -> Iterator[Candidate]:
    """Every coined name, typed by the word after it when that word says (model, dataset ...)."""
    tt = token_table(doc)
    text, sent_end = tt.text, tt.sent_end
    i = 0
    n = len(text)
    while i < n:
        if coined(text[i]) and not (i > 0 and text[i - 1] == "("):
            span = name_span_at(doc, i, sent_end[i])
            if span is not None:
                s, e = span
                kind = _head_type(tt, e, sent_end[s]) or "method"
                # mixed-case and digit names (OLMoE, ResNet50) are rarely anything but names;
                # all-caps ones are often acronyms of concepts, so they need more evidence
                first = text[s]
                mixed = first[0].isupper() and (
                    any(c.islower() for c in first) or any(c.isdigit() for c in first)
                )
                yield Candidate(s, e, kind, "coined", confidence=0.5 if mixed else 0.45)
                i = e
                continue
        i += 1


_LIST_INTRO = frozenset({"including", "like"})
_ARTICLES_AND = frozenset({"the", "a", "an", "and", "or"})
_ITEM_END = frozenset({",", ".", ";", "(", ")"})
_LOWER_LIST_HEADS = frozenset({"methods", "techniques", "algorithms", "optimizers", "regularizers"})


def method_lists(doc: Doc) -> Iterator[Candidate]:
    """Items of "methods such as A, B, and the C" (lower-case ones too: warm-up, weight decay)."""
    tt = token_table(doc)
    text, lower = tt.text, tt.lower
    n = len(text)
    for i in _tokens_at(doc, LIST_HEADS):
        if lower[i] not in LIST_HEADS or i + 2 >= n:
            continue
        k = i + 1
        if lower[k] == "such" and lower[k + 1] == "as":
            k += 2
        elif lower[k] in _LIST_INTRO:
            k += 1
        else:
            continue
        end = tt.sent_end[i]
        lower_ok = lower[i] in _LOWER_LIST_HEADS
        while k < end:
            while k < end and lower[k] in _ARTICLES_AND:
                k += 1
            s = k
            while k < end and text[k] not in _ITEM_END and lower[k] not in {"and", "or"}:
                k += 1
            if 1 <= k - s <= 4 and (lower_ok or any(coined(text[x]) or _cap(tt, x) for x in range(s, k))):
                yield Candidate(s, k, "method", "method_list", confidence=0.6)
            if k < end and text[k] == "(":  # skip a citation or acronym
                k = next((x + 1 for x in range(k, min(k + 12, end)) if text[x] == ")"), end)
            if k < end and text[k] in {",", "and", "or"}:
                k += 1
                continue
            break


def cited_names(doc: Doc) -> Iterator[Candidate]:
    """A coined name followed by its citation: "the muParam (Yang et al., 2022)"."""
    tt = token_table(doc)
    text, lower = tt.text, tt.lower
    for i in _tokens_at(doc, _PAREN):
        if (
            text[i] == "("
            and i > 0
            and i + 3 < len(text)
            and lower[i + 2] == "et"
            and lower[i + 3] in {"al", "al."}
            and coined(text[i - 1])
        ):
            yield Candidate(i - 1, i, "method", "cited", confidence=0.7)
