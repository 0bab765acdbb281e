"""Proposal rules: names a paper introduces ("we propose X", "X, a novel ...", "dubbed X", a title's "X: ...")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from paperkg.components.patterns.base import (
    _COMMA,
    _NAME_STOP,
    _PROPOSAL_TRIGGERS,
    DATA_HEADS,
    FUNCTION_WORDS,
    NAMING_CUES,
    NOVEL_WORDS,
    REVIEW_WORDS,
    TERM_CUES,
    Candidate,
    _abbreviation_at,
    _cap,
    _head_type,
    _is_proposal_sentence,
    _tokens_at,
    coined,
    is_task_phrase,
    name_span_at,
    title_end,
    titled_name_at,
)


def title_prefix(doc: Doc) -> Iterator[Candidate]:
    """The "Name: subtitle" convention: a short Title-Case or coined prefix before the colon."""
    tend = title_end(doc)
    colon = next((t.i for t in doc[:tend] if t.text == ":"), None)
    if colon is None or colon == 0 or colon > 9:
        return
    words = [t for t in doc[:colon] if t.text not in {"-", "(", ")"}]
    paren = next((t.i for t in doc[:colon] if t.text == "("), None)
    name_end = paren if paren is not None else colon
    if any(t.lower_ in FUNCTION_WORDS for t in words) or not all(
        coined(t.text) or _cap(t) or t.is_digit for t in words
    ):
        return
    subtitle = {t.lower_ for t in doc[colon + 1 : tend]}
    if doc[name_end - 1].lower_ in REVIEW_WORDS or (len(words) > 1 and subtitle & REVIEW_WORDS):
        return
    name = doc[:name_end].text.lower()
    abstract = doc[tend:].text.lower()
    single = name_end == 1 or (name_end == 3 and doc[1].text == "-")
    if not single and name not in abstract:
        return
    kind = "method"
    if subtitle & {"dataset", "corpus", "datasets"}:
        kind = "dataset"
    elif subtitle & {"benchmark", "evaluation", "suite", "arena", "leaderboard", "benchmarking"}:
        kind = "benchmark"
    yield Candidate(0, name_end, kind, "title_prefix", proposed=True, confidence=0.9)
    if paren is not None and paren + 2 < colon and doc[paren + 2].text == ")":
        yield Candidate(paren + 1, paren + 2, kind, "title_prefix_alias", proposed=True, confidence=0.9)


def proposals(doc: Doc) -> Iterator[Candidate]:
    """Names right after "we propose/introduce/present ...", "called/dubbed X" and "X, a novel ..."."""
    for t in _tokens_at(doc, _PROPOSAL_TRIGGERS):
        sent = t.sent
        limit = sent.end
        if not _is_proposal_sentence(sent):
            continue
        # an acronym defined right after the cue is the name: "we present X Y Z (XYZ)"
        ab = _abbreviation_at(doc, t.i + 1, min(t.i + 9, limit))
        if ab is not None and is_task_phrase(ab[0]):
            continue  # "we study speaker diarization (SD)": a task, not a proposal
        if ab is not None:
            long, short = ab
            kind = _head_type(doc, max(long.end, short.end) + 1, limit) or "method"
            s = long.start  # take in capitalised words the acronym skipped: "Multi-Head [Gaussian ...]"
            while s - 1 > t.i and (_cap(doc[s - 1]) or coined(doc[s - 1].text) or doc[s - 1].text == "-"):
                s -= 1
            long = doc[s : long.end] if doc[s].text != "-" else long
            for part in (long, short):
                yield Candidate(part.start, part.end, kind, "proposal", proposed=True, confidence=0.85)
            continue
        # skip determiners and adjectives up to the first name-like token, at most 8 tokens on
        for j in range(t.i + 1, min(t.i + 9, limit)):
            w = doc[j]
            if w.text in {".", ";"} or (w.lower_ in {"that", "which", "to"} and j > t.i + 1):
                break
            span = titled_name_at(doc, j, limit) if t.lower_ in NAMING_CUES else name_span_at(doc, j, limit)
            if span is None:
                continue
            s, e = span
            if e - s == 1 and not coined(doc[s].text) and not (e < limit and doc[e].text == "("):
                continue  # one capitalised word ("We propose Bayesian ...") is not a name by itself
            kind = _head_type(doc, e, limit) or "method"
            yield Candidate(s, e, kind, "proposal", proposed=True, confidence=0.85)
            break
    for t in _tokens_at(doc, _COMMA):
        # "X, a novel framework" / "X, a new dataset" / "Long Form (LF), a new ..."
        if not (
            t.text == ","
            and t.i + 2 < len(doc)
            and doc[t.i + 1].lower_ in {"a", "an"}
            and (doc[t.i + 2].lower_ in NOVEL_WORDS)
        ):
            continue
        head = next(
            (DATA_HEADS[w.lower_] for w in doc[t.i + 2 : min(t.i + 8, len(doc))] if w.lower_ in DATA_HEADS),
            "method",
        )
        if doc[t.i - 1].text == ")":
            ab = next(((lf, sf) for lf, sf in doc._.abbreviations if max(lf.end, sf.end) == t.i - 1), None)
            for part in ab or ():
                yield Candidate(part.start, part.end, head, "appositive_novel", proposed=True, confidence=0.8)
            continue
        j = t.i - 1
        while (
            j > 0 and (coined(doc[j - 1].text) or _cap(doc[j - 1]) or doc[j - 1].text == "-") and t.i - j < 6
        ):
            j -= 1
        while j < t.i and doc[j].text == "-":
            j += 1
        if (
            j < t.i
            and any(coined(doc[k].text) or _cap(doc[k]) for k in range(j, t.i))
            and (j == doc[j].sent.start or not _cap(doc[j]) or t.i - j > 1 or coined(doc[j].text))
        ):
            yield Candidate(j, t.i, head, "appositive_novel", proposed=True, confidence=0.8)


def named_terms(doc: Doc) -> Iterator[Candidate]:
    """What a paper names itself: "a framework, named Recformer", "we term such module as learngene",
    "a framework we call the concept space" (lower-case names included)."""
    for t in _tokens_at(doc, TERM_CUES):
        if t.lower_ not in TERM_CUES or (
            t.lower_ in {"call", "term", "name"} and not {x.lower_ for x in t.sent} & {"we", "our"}
        ):
            continue
        limit = t.sent.end
        k = t.i + 1
        window = doc[k : min(k + 4, limit)]
        as_at = next((x.i for x in window if x.lower_ == "as"), None)
        if t.lower_ in {"term", "call", "name", "dub"} and as_at is not None:
            k = as_at + 1
        while k < limit and doc[k].lower_ in {"the", "it", "this", "them", "our", "a", "an", "as"}:
            k += 1
        titled = (
            titled_name_at(doc, k, limit) if k < limit and (_cap(doc[k]) or coined(doc[k].text)) else None
        )
        if titled is not None:
            kind = _head_type(doc, titled[1], limit) or "method"
            # "ARTE, dubbed Aligning TeacheR with StudenT PreferencEs": the two names are aliases
            alias = (
                (t.i - 2, t.i - 1)
                if t.i >= 2 and doc[t.i - 1].text == "," and coined(doc[t.i - 2].text)
                else None
            )
            yield Candidate(
                titled[0], titled[1], kind, "named_term", proposed=True, confidence=0.8, alias_of=alias
            )
            continue
        e = k
        while (
            e < limit
            and e - k < 4
            and (doc[e].is_alpha or doc[e].text == "-" or coined(doc[e].text))
            and (doc[e].lower_ not in _NAME_STOP)
        ):
            e += 1
        if (
            e > k
            and doc[e - 1].text != "-"
            and (e == limit or not doc[e].is_alpha or doc[e].lower_ in _NAME_STOP)
        ):
            if is_task_phrase(doc[k:e]):  # "the scalable oversight problem"
                yield Candidate(k, e, "task", "named_term", confidence=0.7)
                continue
            kind = _head_type(doc, e, limit) or "method"
            yield Candidate(k, e, kind, "named_term", proposed=True, confidence=0.8)
