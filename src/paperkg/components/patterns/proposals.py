"""Proposal rules: names a paper introduces ("we propose X", "X, a novel ...", "dubbed X", a title's "X: ...").

The rules read the document's token table (:mod:`paperkg.components.tokens`), not spaCy ``Token``
objects.
"""

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
    _is_task_phrase_at,
    _text,
    _tokens_at,
    coined,
    is_task_phrase,
    name_span_at,
    title_end,
    titled_name_at,
)
from paperkg.components.tokens import TokenTable, token_table


def title_prefix(doc: Doc) -> Iterator[Candidate]:
    """The "Name: subtitle" convention: a short Title-Case or coined prefix before the colon."""
    tt = token_table(doc)
    text, lower = tt.text, tt.lower
    tend = title_end(doc)
    colon = next((i for i in range(tend) if text[i] == ":"), None)
    if colon is None or colon == 0 or colon > 9:
        return
    words = [i for i in range(colon) if text[i] not in {"-", "(", ")"}]
    paren = next((i for i in range(colon) if text[i] == "("), None)
    name_end = paren if paren is not None else colon
    if any(lower[i] in FUNCTION_WORDS for i in words) or not all(
        coined(text[i]) or _cap(tt, i) or tt.digit[i] for i in words
    ):
        return
    subtitle = set(lower[colon + 1 : tend])
    if lower[name_end - 1] in REVIEW_WORDS or (len(words) > 1 and subtitle & REVIEW_WORDS):
        return
    name = _text(tt, 0, name_end).lower()
    single = name_end == 1 or (name_end == 3 and text[1] == "-")
    if not single and name not in _text(tt, tend, len(text)).lower():
        return
    kind = "method"
    if subtitle & {"dataset", "corpus", "datasets"}:
        kind = "dataset"
    elif subtitle & {"benchmark", "evaluation", "suite", "arena", "leaderboard", "benchmarking"}:
        kind = "benchmark"
    yield Candidate(0, name_end, kind, "title_prefix", proposed=True, confidence=0.9)
    if paren is not None and paren + 2 < colon and text[paren + 2] == ")":
        yield Candidate(paren + 1, paren + 2, kind, "title_prefix_alias", proposed=True, confidence=0.9)


def _proposal_at(doc: Doc, tt: TokenTable, i: int) -> Iterator[Candidate]:
    """The name right after the proposal or naming cue at ``i`` ("we present X", "dubbed X")."""
    text, lower = tt.text, tt.lower
    limit = tt.sent_end[i]
    # an acronym defined right after the cue is the name: "we present X Y Z (XYZ)"
    ab = _abbreviation_at(doc, i + 1, min(i + 9, limit))
    if ab is not None and is_task_phrase(ab[0]):
        return  # "we study speaker diarization (SD)": a task, not a proposal
    if ab is not None:
        long, short = ab
        kind = _head_type(tt, max(long.end, short.end) + 1, limit) or "method"
        s = long.start  # take in capitalised words the acronym skipped: "Multi-Head [Gaussian ...]"
        while s - 1 > i and (_cap(tt, s - 1) or coined(text[s - 1]) or text[s - 1] == "-"):
            s -= 1
        long_start = s if text[s] != "-" else long.start
        for start, end in ((long_start, long.end), (short.start, short.end)):
            yield Candidate(start, end, kind, "proposal", proposed=True, confidence=0.85)
        return
    # skip determiners and adjectives up to the first name-like token, at most 8 tokens on
    naming = lower[i] in NAMING_CUES
    for j in range(i + 1, min(i + 9, limit)):
        if text[j] in {".", ";"} or (lower[j] in {"that", "which", "to"} and j > i + 1):
            break
        span = titled_name_at(doc, j, limit) if naming else name_span_at(doc, j, limit)
        if span is None:
            continue
        s, e = span
        if e - s == 1 and not coined(text[s]) and not (e < limit and text[e] == "("):
            continue  # one capitalised word ("We propose Bayesian ...") is not a name by itself
        kind = _head_type(tt, e, limit) or "method"
        yield Candidate(s, e, kind, "proposal", proposed=True, confidence=0.85)
        break


def _novel_appositive(doc: Doc, tt: TokenTable, i: int) -> Iterator[Candidate]:
    """The name before the comma at ``i`` in "X, a novel framework" / "Long Form (LF), a new ..."."""
    text, lower = tt.text, tt.lower
    n = len(text)
    head = next(
        (DATA_HEADS[lower[w]] for w in range(i + 2, min(i + 8, n)) if lower[w] in DATA_HEADS), "method"
    )
    if text[i - 1] == ")":
        ab = next(((lf, sf) for lf, sf in doc._.abbreviations if max(lf.end, sf.end) == i - 1), None)
        for part in ab or ():
            yield Candidate(part.start, part.end, head, "appositive_novel", proposed=True, confidence=0.8)
        return
    j = i - 1
    while j > 0 and (coined(text[j - 1]) or _cap(tt, j - 1) or text[j - 1] == "-") and i - j < 6:
        j -= 1
    while j < i and text[j] == "-":
        j += 1
    if (
        j < i
        and any(coined(text[k]) or _cap(tt, k) for k in range(j, i))
        and (j == tt.sent_start[j] or not _cap(tt, j) or i - j > 1 or coined(text[j]))
    ):
        yield Candidate(j, i, head, "appositive_novel", proposed=True, confidence=0.8)


def proposals(doc: Doc) -> Iterator[Candidate]:
    """Names right after "we propose/introduce/present ...", "called/dubbed X" and "X, a novel ..."."""
    tt = token_table(doc)
    for i in _tokens_at(doc, _PROPOSAL_TRIGGERS):
        if _is_proposal_sentence(tt, i):
            yield from _proposal_at(doc, tt, i)
    lower = tt.lower
    n = len(lower)
    for i in _tokens_at(doc, _COMMA):
        # "X, a novel framework" / "X, a new dataset" / "Long Form (LF), a new ..."
        if tt.text[i] == "," and i + 2 < n and lower[i + 1] in {"a", "an"} and lower[i + 2] in NOVEL_WORDS:
            yield from _novel_appositive(doc, tt, i)


_TERM_VERBS = frozenset({"call", "term", "name"})
_TERM_SKIP = frozenset({"the", "it", "this", "them", "our", "a", "an", "as"})


def _term_span(doc: Doc, tt: TokenTable, i: int) -> tuple[int, int, int] | None:
    """Where the name after the naming word at ``i`` starts (``k``), and the end of a Title-Case name
    there (``e``, or -1 when none starts at ``k``): (k, titled end, sentence end)."""
    text, lower = tt.text, tt.lower
    limit = tt.sent_end[i]
    k = i + 1
    as_at = next((x for x in range(k, min(k + 4, limit)) if lower[x] == "as"), None)
    if lower[i] in {"term", "call", "name", "dub"} and as_at is not None:
        k = as_at + 1
    while k < limit and lower[k] in _TERM_SKIP:
        k += 1
    titled = titled_name_at(doc, k, limit) if k < limit and (_cap(tt, k) or coined(text[k])) else None
    return k, -1 if titled is None else titled[1], limit


def named_terms(doc: Doc) -> Iterator[Candidate]:
    """What a paper names itself: "a framework, named Recformer", "we term such module as learngene",
    "a framework we call the concept space" (lower-case names included)."""
    tt = token_table(doc)
    text, lower = tt.text, tt.lower
    for i in _tokens_at(doc, TERM_CUES):
        if lower[i] not in TERM_CUES or (
            lower[i] in _TERM_VERBS and not set(lower[tt.sent_start[i] : tt.sent_end[i]]) & {"we", "our"}
        ):
            continue
        k, titled_end, limit = _term_span(doc, tt, i)
        if titled_end >= 0:
            kind = _head_type(tt, titled_end, limit) or "method"
            # "ARTE, dubbed Aligning TeacheR with StudenT PreferencEs": the two names are aliases
            alias = (i - 2, i - 1) if i >= 2 and text[i - 1] == "," and coined(text[i - 2]) else None
            yield Candidate(k, titled_end, kind, "named_term", proposed=True, confidence=0.8, alias_of=alias)
            continue
        e = k
        while (
            e < limit
            and e - k < 4
            and (tt.alpha[e] or text[e] == "-" or coined(text[e]))
            and (lower[e] not in _NAME_STOP)
        ):
            e += 1
        if e > k and text[e - 1] != "-" and (e == limit or not tt.alpha[e] or lower[e] in _NAME_STOP):
            if _is_task_phrase_at(tt, k, e):  # "the scalable oversight problem"
                yield Candidate(k, e, "task", "named_term", confidence=0.7)
                continue
            kind = _head_type(tt, e, limit) or "method"
            yield Candidate(k, e, kind, "named_term", proposed=True, confidence=0.8)
