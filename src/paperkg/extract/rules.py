"""Rule votes: the hand-written rules' verdict on a paper's spans, one feature among many.

Merges the gazetteer matches, pattern candidates and acronym definitions of one paper, types each
span from the votes and the words around it, drops generic families ("large language models",
"deep neural networks") and marks proposals. The trained models (:mod:`paperkg.extract.decisions`)
see these verdicts as features ("the rules say dataset"), next to everything else; they decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from paperkg.components.patterns import DATA_HEADS, FUNCTION_WORDS, NOT_NAMES, TASK_TAILS, Candidate, coined
from paperkg.components.tokens import TokenTable, token_table
from paperkg.lexicon import cue_words
from paperkg.names import name_key

__all__ = ["GENERIC", "RuleVote", "is_generic", "rule_votes"]

# Head words that make a phrase a metric.
_METRIC_TAILS = cue_words("metric_tail")


_ARTIFACTS = frozenset({"method", "dataset", "benchmark"})
# Families and paradigms the guideline says are not methods (normalised by _norm)
GENERIC = frozenset(name_key(g) for g in cue_words("generic"))


def is_generic(text: str) -> bool:
    """True for broad families and paradigms ("LLMs", "deep neural networks", "diffusion models")."""
    return name_key(text) in GENERIC or text in NOT_NAMES


@dataclass
class _Span:
    start: int
    end: int
    votes: dict[str, float] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    proposed: bool = False
    confidence: float = 0.0

    def vote(self, kind: str, weight: float, rule: str, proposed: bool = False) -> None:
        self.votes[kind] = self.votes.get(kind, 0.0) + weight
        if rule not in self.rules:
            self.rules.append(rule)
        self.proposed = self.proposed or proposed
        self.confidence = max(self.confidence, weight)

    @property
    def type(self) -> str:
        return max(self.votes.items(), key=lambda kv: kv[1])[0]


def _long_form_type(tt: TokenTable, start: int, end: int) -> tuple[str, float] | None:
    """Type and confidence for an acronym's long form (tokens [start, end)) judged from its own words."""
    alpha = [k for k in range(start, end) if tt.alpha[k]]
    if not alpha:
        return None
    tail = tt.lower[alpha[-1]]
    capitalised = sum(tt.text[k][:1].isupper() for k in alpha) >= max(1, len(alpha) - 1)
    if tail in DATA_HEADS:
        return DATA_HEADS[tail], 0.75
    if tail in _METRIC_TAILS:
        return "metric", 0.6
    if tail in TASK_TAILS and not capitalised:
        return "task", 0.55
    if capitalised:
        return "method", 0.6
    return "method", 0.35


@dataclass(frozen=True, slots=True)
class RuleVote:
    """The hand-written rules' verdict on one token span: its type and whether it is proposed."""

    start: int
    end: int
    type: str
    proposed: bool


class _DocText:
    """Span and sentence texts of one document, each joined once from its token table."""

    def __init__(self, doc: Doc) -> None:
        self.tt = token_table(doc)
        self._spans: dict[tuple[int, int], str] = {}
        self._sents: dict[int, str] = {}

    def span(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        text = self._spans.get((start, end))
        if text is None:
            text = self._spans[start, end] = self.tt.span_text(start, end) if end > start else ""
        return text

    def sentence(self, i: int) -> tuple[int, int, str]:
        """Bounds and text of token ``i``'s sentence."""
        s, e = self.tt.sent_start[i], self.tt.sent_end[i]
        text = self._sents.get(s)
        if text is None:
            text = self._sents[s] = self.span(s, e)
        return s, e, text


def _sentence_is_self(dt: _DocText, i: int) -> bool:
    s, e, text = dt.sentence(i)
    return bool(set(dt.tt.lower[s:e]) & {"we", "our", "ours"}) or "this paper" in text.lower()


def _abbreviation_votes(
    doc: Doc, dt: _DocText, get: Callable[[int, int], _Span], spans: dict[tuple[int, int], _Span]
) -> tuple[list[tuple[Span, Span]], set[str]]:
    """Votes from the acronym definitions; returns the alias pairs and the short forms of generic
    families ("LLMs")."""
    tt = dt.tt
    proposed_names = {dt.span(c.start, c.end).lower() for c in doc._.candidates if c.proposed}
    # every span by its normalised text: an acronym is typed by what its other occurrences say
    by_name: dict[str, list[_Span]] = {}
    for sp in spans.values():
        by_name.setdefault(name_key(dt.span(sp.start, sp.end)), []).append(sp)
    abbreviations: list[tuple[Span, Span]] = []
    generic_shorts: set[str] = set()
    for c in doc._.candidates:
        if c.alias_of is not None:
            named, other = doc[c.start : c.end], doc[c.alias_of[0] : c.alias_of[1]]
            abbreviations.append((named, other) if len(named) >= len(other) else (other, named))
    for long, short in doc._.abbreviations:
        long_text, short_text = dt.span(long.start, long.end), dt.span(short.start, short.end)
        if is_generic(long_text) or is_generic(short_text):
            # a family is no method; a learning paradigm the paper is about is a task
            if tt.lower[long.end - 1] in TASK_TAILS and long_text[:1].islower():
                # a definition outweighs a list entry: "deep reinforcement learning (DRL)" is a task here
                for part in (long, short):
                    get(part.start, part.end).vote("task", 0.9, "abbreviation")
                abbreviations.append((long, short))
            else:
                generic_shorts.update({short_text, short_text.rstrip("s")})
            continue
        abbreviations.append((long, short))
        known = [
            x for x in by_name.get(name_key(long_text), []) + by_name.get(name_key(short_text), []) if x.votes
        ]
        judged = _long_form_type(tt, long.start, long.end)
        if known:
            best = max(known, key=lambda x: x.confidence)
            kind, weight = best.type, max(best.confidence, 0.7)
        else:
            kind, weight = judged or ("method", 0.35)
        sent_start, sent_end, sent_text = dt.sentence(long.start)
        proposed = (
            long_text.lower() in proposed_names
            or short_text.lower() in proposed_names
            or any(c.proposed and sent_start <= c.start < sent_end for c in doc._.candidates)
            or (_sentence_is_self(dt, long.start) and kind == "method" and weight >= 0.6)
            # named components of a proposed method: "OmniQuant comprises ... Learnable Weight Clipping (LWC)"
            or (kind == "method" and weight >= 0.6 and any(n in sent_text.lower() for n in proposed_names))
        )
        if proposed:
            weight = max(weight, 0.8)
        for part in (long, short):
            get(part.start, part.end).vote(kind, weight, "abbreviation", proposed)
    return abbreviations, generic_shorts


def rule_votes(doc: Doc) -> list[RuleVote]:
    """The hand-written rules' typed spans of ``doc`` (a feature for the trained models)."""
    spans: dict[tuple[int, int], _Span] = {}
    dt = _DocText(doc)

    def get(s: int, e: int) -> _Span:
        sp = spans.get((s, e))
        if sp is None:
            sp = spans[s, e] = _Span(s, e)
        return sp

    gaz_weight = {"task": 0.7, "metric": 0.8}
    for s, e, kind in doc._.gazetteer:
        get(s, e).vote(kind, gaz_weight.get(kind, 0.8), f"gazetteer_{kind}")
    for c in doc._.candidates:
        c: Candidate
        get(c.start, c.end).vote(c.type, c.confidence, c.rule, c.proposed)
    _, generic_shorts = _abbreviation_votes(doc, dt, get, spans)

    # Overlaps: keep the span with the strongest evidence, longer spans first on ties.
    ordered = sorted(spans.values(), key=lambda x: (-x.confidence, -(x.end - x.start), x.start))
    owner: list[_Span | None] = [None] * len(doc)
    kept: list[_Span] = []
    for sp in ordered:
        if any(owner[i] is not None for i in range(sp.start, sp.end)):
            continue
        for i in range(sp.start, sp.end):
            owner[i] = sp
        kept.append(sp)
    # A name's evidence is shared by all its occurrences in the paper.
    by_text: dict[str, list[_Span]] = {}
    for sp in kept:
        by_text.setdefault(name_key(dt.span(sp.start, sp.end)), []).append(sp)
    out: list[RuleVote] = []
    for group in by_text.values():
        best = max(group, key=lambda x: x.confidence)
        kind = best.type
        proposed = any(x.proposed for x in group)
        for sp in group:
            text = dt.span(sp.start, sp.end)
            if kind == "metric" and not _metric_context(dt, sp.start, sp.end):
                continue
            if _bad_name(dt.tt, sp.start, sp.end, text, kind) or (
                kind in _ARTIFACTS and (is_generic(text) or text in generic_shorts or text in NOT_NAMES)
            ):
                continue
            out.append(RuleVote(sp.start, sp.end, kind, proposed and kind in _ARTIFACTS))
    return out


_RESULT_CUES = re.compile("|".join(sorted(cue_words("result_cue"))), re.I)


_AFTER_METRIC = cue_words("after_metric")


def _metric_context(dt: _DocText, start: int, end: int) -> bool:
    """A bare everyday word ("accuracy", "reward", "recall") is a metric only where results are stated."""
    tt = dt.tt
    text = dt.span(start, end)
    if end - start > 1 or not (text.islower() or (start == tt.sent_start[start] and text[1:].islower())):
        return True
    if end < len(tt.text):
        nxt = tt.text[end]
        if nxt.islower() and tt.alpha[end] and tt.lower[end] not in _AFTER_METRIC:
            return False  # a modifier, not a measure: "recall interval", "accuracy gains"
    return bool(_RESULT_CUES.search(dt.sentence(start)[2]))


def _bad_name(tt: TokenTable, start: int, end: int, text: str, kind: str) -> bool:
    if len(text) < 2 or not any(c.isalpha() for c in text):
        return True
    if kind in {"task", "metric"}:
        return False
    first, last = tt.lower[start], tt.lower[end - 1]
    return (
        first in FUNCTION_WORDS
        or last in FUNCTION_WORDS
        or (end - start == 1 and not coined(text) and tt.text[start].islower())
    )
