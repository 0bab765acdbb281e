"""Candidates: every span of a paper that might name an entity, grouped by name.

High recall is the goal here; the decisions are made later by the trained model
(:mod:`paperkg.extract.decisions`). Sources of candidates:

- the spaCy components' findings on the ``Doc``: gazetteer hits, the pattern rules' candidates
  (proposals, evaluation and comparison contexts, coined names, task lists ...) and acronym
  definitions ("Long Form (LF)");
- name-shaped spans: coined tokens and runs of capitalised words;
- lower-case phrases of one to four words, for tasks and metrics ("image segmentation",
  "success rate").

Spans inside citations ("(LeCun, Cortes, and Burges, 2010)") and the guideline's non-entities
(``core_nonentity.tsv``: hardware, sensors, vehicles, organisations, units ...) are never candidates.
All spans with the same :func:`paperkg.names.name_key` form one :class:`CandidateGroup`, and an
acronym's group is merged with its long form's, so every decision is made once per name per paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc

from paperkg.components.gazetteer import load_nonentities
from paperkg.components.patterns import FUNCTION_WORDS, NOT_NAMES, Candidate, coined, name_span_at, title_end
from paperkg.components.tokens import TokenTable, token_table
from paperkg.extract.corpus import lower_case_word
from paperkg.lexicon import cue_words
from paperkg.names import name_key

__all__ = ["PHRASE_BREAK", "TASK_BREAK", "TASK_SOURCE", "CandidateGroup", "DocCandidates", "find_candidates"]

# Words that end a lower-case phrase: a task or metric phrase never spans them.
PHRASE_BREAK = FUNCTION_WORDS | cue_words("phrase_break")
# Task phrases: the name rules' function words include "learning" and "understanding" (title words
# that are no names), the head words of task phrases ("imitation learning", "scene understanding");
# more words end a task phrase ("segmentation [using] transformers", "gap [between] detection").
TASK_BREAK = (PHRASE_BREAK - cue_words("phrase_head")) | cue_words("task_break")
# Source prefix of the spans only the task model weighs (the second pass of :func:`lower_phrases`).
# A group found by nothing else is a task or nothing (:attr:`CandidateGroup.task_only`); the type
# model never reads these sources.
TASK_SOURCE = "tp_"
MAX_PHRASE_WORDS = 4
# Words that may join two runs of title words into one task phrase ("parameter inference in
# nonlinear ordinary differential equations", "number of linear regions").
TITLE_JOINERS = cue_words("title_joiner")
MAX_JOINED_WORDS = 7
# Words that follow a phrase to say what kind of thing it is ("segmentation [tasks]").
PHRASE_KIND_WORDS = cue_words("phrase_kind")


@dataclass(slots=True)
class CandidateGroup:
    """All spans of one paper that share a name (and its acronym, when one is defined)."""

    key: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # every span, in text order
    sources: set[str] = field(default_factory=set)
    long_form: str | None = None  # the defined long form, when this group holds an acronym pair
    short_form: str | None = None
    typed: list[tuple[int, int]] = field(default_factory=list)  # the spans other generators found

    @property
    def task_only(self) -> bool:
        """Only task phrase generators found it: the type model never weighs it."""
        return not self.typed

    @property
    def main_spans(self) -> list[tuple[int, int]]:
        """The spans the type model reads: those not only the task phrase generators found (all
        spans of a task-only group)."""
        return self.typed or self.spans

    def add(self, start: int, end: int, source: str) -> None:
        if (start, end) not in self.spans:
            self.spans.append((start, end))
        if not source.startswith(TASK_SOURCE) and (start, end) not in self.typed:
            self.typed.append((start, end))
        self.sources.add(source)


@dataclass(slots=True)
class DocCandidates:
    """A paper's candidate groups plus what the later stages need from its ``Doc``."""

    doc: Doc
    groups: list[CandidateGroup]
    title_end: int


def lower_phrases(doc: Doc, tend: int = 0) -> list[tuple[int, int, str]]:
    """Spans of one to four lower-case words inside runs that no function word breaks
    ("long - term memory" counts "long-term" as one word), each with where it sits in its run:
    ``phrase_run`` (the whole run), ``phrase_end`` (ends the run, where English puts the head noun)
    or ``phrase_kind`` (before a word naming its kind).

    A second pass finds task phrases, their sources prefixed with :data:`TASK_SOURCE`: runs that
    "learning"/"understanding" head ("imitation learning") and more words break ("using", "between"),
    and in the first ``tend`` tokens (the title) capitalised words too ("Monocular Depth Estimation")
    and two runs joined by "of", "for" or "in" ("Parameter Inference in Nonlinear ODEs")."""
    tt = token_table(doc)
    text, lower, alpha = tt.text, tt.lower, tt.alpha
    n = len(text)
    plain = [alpha[i] and text[i] == lower[i] and lower[i] not in PHRASE_BREAK for i in range(n)]
    out, _ = _run_spans(tt, plain, 0, "")
    task_ok = [
        alpha[i] and (i < tend or text[i] == lower[i]) and lower[i] not in TASK_BREAK for i in range(n)
    ]
    seen = {(s, e) for s, e, _ in out}
    task, runs = _run_spans(tt, task_ok, tend, TASK_SOURCE)
    out.extend(span for span in task if span[:2] not in seen)
    out.extend(_joined_title_phrases(runs, lower))
    return out


def _run_spans(
    tt: TokenTable, ok: list[bool], tend: int, prefix: str
) -> tuple[list[tuple[int, int, str]], list[tuple[list[int], list[int]]]]:
    """The phrase spans of the runs of ``ok`` words, and the word bounds of the runs in the title."""
    text, lower, alpha, space, digit = tt.text, tt.lower, tt.alpha, tt.space, tt.digit
    out: list[tuple[int, int, str]] = []
    runs: list[tuple[list[int], list[int]]] = []
    n = len(text)
    i = 0
    while i < n:
        if not ok[i]:
            i += 1
            continue
        # a run of words: each word is a token or token-hyphen-token(s)
        starts: list[int] = []
        ends: list[int] = []
        j = i
        while j < n and ok[j]:
            s = j
            j += 1
            while (
                j + 1 < n
                and text[j] == "-"
                and not space[j - 1]
                and ((alpha[j + 1] and (j < tend or text[j + 1] == lower[j + 1])) or digit[j + 1])
            ):
                j += 2
            starts.append(s)
            ends.append(j)
            if not space[j - 1] and j < n and alpha[j]:
                break  # glued to something else
        last = len(starts) - 1
        for a in range(len(starts)):
            for b in range(a, min(a + MAX_PHRASE_WORDS, len(starts))):
                # a noun phrase ends where its run ends, or before a word that names its kind
                # ("image segmentation [methods]"); other sub-spans are not candidates
                if b == last:
                    out.append((starts[a], ends[b], prefix + ("phrase_run" if a == 0 else "phrase_end")))
                elif lower[starts[b + 1]] in PHRASE_KIND_WORDS:
                    out.append((starts[a], ends[b], prefix + "phrase_kind"))
        if i < tend:
            runs.append((starts, ends))
        i = max(j, i + 1)
    return out, runs


def _joined_title_phrases(
    runs: list[tuple[list[int], list[int]]], lower: list[str]
) -> list[tuple[int, int, str]]:
    """Title spans "A of B": the end of one run, a joining word, then the whole next run."""
    out: list[tuple[int, int, str]] = []
    for (s1, e1), (s2, e2) in pairwise(runs):
        if s2[0] != e1[-1] + 1 or lower[e1[-1]] not in TITLE_JOINERS:
            continue
        for a in range(max(0, len(s1) - 3), len(s1)):
            if len(s1) - a + 1 + len(s2) <= MAX_JOINED_WORDS:
                out.append((s1[a], e2[-1], TASK_SOURCE + "title_joined"))
    return out


def name_spans(doc: Doc, tend: int) -> list[tuple[int, int]]:
    """Coined tokens and runs of capitalised words (a single capitalised word opening a sentence
    only when it looks coined)."""
    tt = token_table(doc)
    text = tt.text
    out: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        c0 = text[i][:1]
        if not (c0.isupper() or (c0.isalpha() and coined(text[i]))):
            i += 1
            continue
        span = name_span_at(doc, i, tt.sent_end[i])
        if span is None:
            i += 1
            continue
        s, e = span
        if (
            s == tt.sent_start[i]
            and e - s > 1
            and s >= tend
            and coined(text[s + 1])
            and lower_case_word(text[s])
        ):
            s += 1  # "Since LR-SGD ...": a common word that opens the sentence is no part of the name
        if e - s > 1 or coined(text[s]) or s != tt.sent_start[i] or s < tend:
            out.append((s, e))
        i = e
    return out


_YEAR = re.compile(r"^(?:19|20)\d\d[a-z]?$")


def citation_mask(doc: Doc) -> list[bool]:
    """True for the tokens of citations: a parenthesis holding a year after a comma or "et al."
    ("(LeCun, Cortes, and Burges, 2010)", "(Yang et al., 2022)", not "(COCO 2017)") and the authors
    right before "et al." ("Yang et al.")."""
    texts = token_table(doc).text
    mask = [False] * len(texts)
    open_at: int | None = None
    for i, text in enumerate(texts):
        if text in ("(", "["):
            open_at = i
        elif text in (")", "]") and open_at is not None:
            inside = texts[open_at + 1 : i]
            if (
                i - open_at <= 40
                and any(_YEAR.match(w) for w in inside)
                and ("," in inside or "et" in inside)
            ):
                mask[open_at : i + 1] = [True] * (i + 1 - open_at)
            open_at = None
        elif text == "et" and i + 1 < len(texts) and texts[i + 1].startswith("al"):
            j = i - 1
            while j >= 0 and texts[j][:1].isupper() and i - j <= 3:
                mask[j] = True
                j -= 1
    return mask


@cache
def nonentity_keys() -> frozenset[str]:
    """Name keys of the guideline's non-entities (hardware, sensors, vehicles, organisations, places,
    units, generic software: ``core_nonentity.tsv``)."""
    return frozenset(name_key(n) for n in load_nonentities())


def _blocked_keys(doc: Doc) -> set[str]:
    """The keys this paper adds to the non-entities (:func:`nonentity_keys`): the other form of any
    acronym pair one of whose forms is a non-entity ("degrees of freedom (DoF)", "Unmanned Aerial
    Vehicles (UAVs)")."""
    known = nonentity_keys()
    blocked: set[str] = set()
    for long, short in doc._.abbreviations:
        lk, sk = name_key(long.text), name_key(short.text)
        if lk in known or sk in known or lk in blocked or sk in blocked:
            blocked.update((lk, sk))
    return blocked


def find_candidates(doc: Doc) -> DocCandidates:
    """Every candidate span of ``doc``, grouped by name (never inside a citation)."""
    tend = title_end(doc)
    groups: dict[str, CandidateGroup] = {}
    cited = citation_mask(doc)
    known, blocked = nonentity_keys(), _blocked_keys(doc)
    span_text = token_table(doc).span_text
    names_of: dict[tuple[int, int], tuple[str, str]] = {}  # the text and key of each span seen

    def add(start: int, end: int, source: str) -> CandidateGroup | None:
        if cited[start] or cited[end - 1]:
            return None
        text_key = names_of.get((start, end))
        if text_key is None:
            text = span_text(start, end)
            text_key = names_of[start, end] = (text, name_key(text))
        text, key = text_key
        if (
            not key
            or len(text) < 2
            or key in known
            or key in blocked
            or (text in NOT_NAMES and source.startswith(("name", "phrase", TASK_SOURCE)))
        ):
            return None
        g = groups.get(key)
        if g is None:
            g = groups[key] = CandidateGroup(key)
        g.add(start, end, source)
        return g

    for s, e, kind in doc._.gazetteer:
        add(s, e, f"gaz_{kind}")
    for c in doc._.candidates:
        c: Candidate
        add(c.start, c.end, f"{c.rule}_{c.type}" + ("_proposed" if c.proposed else ""))
    names = name_spans(doc, tend)
    for s, e in names:
        add(s, e, "name")
    for s, e, edge in lower_phrases(doc, tend):
        add(s, e, edge)
    # an acronym and its long form are one group
    name_ending_at = {e: s for s, e in names}
    for long, short in doc._.abbreviations:
        # a long form inside a longer capitalised name is that name: "Multi-Head [Gaussian Adaptive
        # Attention Mechanism] (GAAM)"
        s0 = name_ending_at.get(long.end)
        if s0 is not None and s0 < long.start and long.end - s0 <= 10:
            long = doc[s0 : long.end]
        lg = add(long.start, long.end, "abbr_long")
        sg = add(short.start, short.end, "abbr_short")
        if lg is None or sg is None or lg is sg:
            continue
        lg.long_form, lg.short_form = long.text, short.text
        for s, e in sg.spans:
            lg.add(s, e, "abbr_short" if (s, e) in sg.typed else TASK_SOURCE + "abbr_short")
        lg.sources |= sg.sources
        groups[sg.key] = lg
    unique: dict[int, CandidateGroup] = {}
    for g in groups.values():
        unique.setdefault(id(g), g)
    out = list(unique.values())
    for g in out:
        g.spans.sort()
        g.typed.sort()
    out.sort(key=lambda g: g.main_spans[0])
    return DocCandidates(doc=doc, groups=out, title_end=tend)
