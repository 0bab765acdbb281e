"""Context rules: names in evaluation contexts, comparisons, method lists, citations, and coined names."""

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


def evaluation_contexts(doc: Doc) -> Iterator[Candidate]:
    """Names before "dataset/benchmark" and in "experiments on A, B and C" lists."""
    for t in _tokens_at(doc, _EVAL_TRIGGERS):
        w = t.lower_
        if w in DATA_HEADS and t.i > 0:
            # "the CIFAR-10 dataset", "the Rapid-ABC and BabbleCor datasets"
            j = t.i - 1
            while j >= t.sent.start:
                tok = doc[j]
                if (
                    tok.text in {",", "and", "&"}
                    or coined(tok.text)
                    or _cap(tok)
                    or tok.text == "-"
                    or tok.is_digit
                ):
                    j -= 1
                    continue
                break
            k = j + 1
            while k < t.i:
                span = name_span_at(doc, k, t.i)
                if span is None:
                    k += 1
                    continue
                s, e = span
                # in a title every word is capitalised: there a single word must look coined
                in_title = s < title_end(doc)
                if e - s > 1 or coined(doc[s].text) or (s != t.sent.start and not in_title):
                    yield Candidate(s, e, DATA_HEADS[w], "data_head", confidence=0.75)
                k = e
            # "two corpora (Rapid-ABC and BabbleCor)"
            if t.i + 2 < len(doc) and doc[t.i + 1].text == "(":
                k = t.i + 2
                while k < t.sent.end and doc[k].text != ")":
                    span = name_span_at(doc, k, t.sent.end)
                    if span is None:
                        if doc[k].text not in {",", "and", "&"}:
                            break
                        k += 1
                        continue
                    yield Candidate(span[0], span[1], DATA_HEADS[w], "data_head", confidence=0.75)
                    k = span[1]
        if w in {"on", "across"} and t.i + 1 < len(doc):
            # "experiments on A, B, and C" (names listed after on/across)
            prev = {x.lower_ for x in doc[max(t.sent.start, t.i - 4) : t.i]}
            # "+6.87% on iNat 2019", "+7.4% AP_{3D} on Lyft": a result value just before "on"
            after_number = any(x.text == "%" or x.like_num for x in doc[max(t.sent.start, t.i - 3) : t.i])
            if not after_number and not prev & {
                "experiments",
                "evaluate",
                "evaluated",
                "evaluation",
                "results",
                "tested",
                "trained",
                "performance",
                "benchmarks",
                "datasets",
                "accuracy",
                "experiment",
                "evaluations",
            }:
                continue
            k = t.i + 1
            if k < len(doc) and doc[k].lower_ == "the":
                k += 1
            while k < t.sent.end:
                span = name_span_at(doc, k, t.sent.end)
                if span is None:
                    break
                s, e = span
                if (
                    any(coined(x.text) or x.is_digit or "-" in x.text for x in doc[s:e])
                    or e - s > 1
                    or (after_number and s != t.sent.start and s >= title_end(doc))
                ):
                    yield Candidate(s, e, "dataset", "evaluated_on", confidence=0.6)
                k = e
                if k < t.sent.end and doc[k].text == ",":
                    k += 1
                if k < t.sent.end and doc[k].lower_ == "and":
                    k += 1


def comparisons(doc: Doc) -> Iterator[Candidate]:
    """Coined names after "outperforms/surpasses/than/over/compared to"."""
    for t in _tokens_at(doc, _COMPARE_TRIGGERS):
        if t.lower_ in COMPARE_CUES or (
            t.lower_ in {"to", "with"} and t.i > 0 and doc[t.i - 1].lower_ == "compared"
        ):
            k = t.i + 1
            if k < len(doc) and doc[k].lower_ in {"the", "strong", "existing", "baseline", "baselines"}:
                k += 1
            span = name_span_at(doc, k, t.sent.end)
            if span and coined(doc[span[0]].text):
                yield Candidate(span[0], span[1], "method", "comparison", confidence=0.6)


def coined_names(doc: Doc) -> Iterator[Candidate]:
    """Every coined name, typed by the word after it when that word says (model, dataset ...)."""
    i = 0
    n = len(doc)
    while i < n:
        if coined(doc[i].text) and not (i > 0 and doc[i - 1].text == "("):
            span = name_span_at(doc, i, doc[i].sent.end)
            if span is not None:
                s, e = span
                kind = _head_type(doc, e, doc[s].sent.end) or "method"
                # mixed-case and digit names (OLMoE, ResNet50) are rarely anything but names;
                # all-caps ones are often acronyms of concepts, so they need more evidence
                text = doc[s].text
                mixed = text[0].isupper() and (
                    any(c.islower() for c in text) or any(c.isdigit() for c in text)
                )
                yield Candidate(s, e, kind, "coined", confidence=0.5 if mixed else 0.45)
                i = e
                continue
        i += 1


def method_lists(doc: Doc) -> Iterator[Candidate]:
    """Items of "methods such as A, B, and the C" (lower-case ones too: warm-up, weight decay)."""
    for t in _tokens_at(doc, LIST_HEADS):
        if t.lower_ not in LIST_HEADS or t.i + 2 >= len(doc):
            continue
        k = t.i + 1
        if doc[k].lower_ == "such" and doc[k + 1].lower_ == "as":
            k += 2
        elif doc[k].lower_ in {"including", "like"}:
            k += 1
        else:
            continue
        end = t.sent.end
        while k < end:
            while k < end and doc[k].lower_ in {"the", "a", "an", "and", "or"}:
                k += 1
            s = k
            while (
                k < end
                and doc[k].text not in {",", ".", ";", "(", ")"}
                and doc[k].lower_ not in {"and", "or"}
            ):
                k += 1
            lower_ok = t.lower_ in {"methods", "techniques", "algorithms", "optimizers", "regularizers"}
            if 1 <= k - s <= 4 and (lower_ok or any(coined(x.text) or _cap(x) for x in doc[s:k])):
                yield Candidate(s, k, "method", "method_list", confidence=0.6)
            if k < end and doc[k].text == "(":  # skip a citation or acronym
                k = next((x + 1 for x in range(k, min(k + 12, end)) if doc[x].text == ")"), end)
            if k < end and doc[k].text in {",", "and", "or"}:
                k += 1
                continue
            break


def cited_names(doc: Doc) -> Iterator[Candidate]:
    """A coined name followed by its citation: "the muParam (Yang et al., 2022)"."""
    for t in _tokens_at(doc, _PAREN):
        if (
            t.text == "("
            and t.i > 0
            and t.i + 3 < len(doc)
            and doc[t.i + 2].lower_ == "et"
            and (doc[t.i + 3].lower_ in {"al", "al."})
        ):
            j = t.i - 1
            if coined(doc[j].text):
                yield Candidate(j, j + 1, "method", "cited", confidence=0.7)
