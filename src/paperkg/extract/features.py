"""Features: what a reader looks at when deciding whether a candidate names an entity.

For one :class:`~paperkg.extract.candidates.CandidateGroup` (a name and all its spans in one paper)
:func:`group_features` returns a list of feature strings: the name itself and its head word, its
shape (capitals, digits, hyphens, length), which candidate rules and gazetteers found it, whether an
acronym is defined for it, the words right before and after each occurrence, cue words of its
sentences (we propose, evaluate on, outperforms, dataset, benchmark), whether it is in the title and
how often it occurs. The trained linear models (:mod:`paperkg.extract.model`) weigh them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import groupby

from spacy.tokens import Doc

from paperkg.components.tokens import token_table
from paperkg.extract.candidates import TASK_SOURCE, CandidateGroup, DocCandidates
from paperkg.extract.corpus import corpus_features
from paperkg.extract.rules import RuleVote, rule_votes
from paperkg.lexicon import cue_words
from paperkg.names import phrase_key

__all__ = [
    "TASK_ONLY",
    "DocView",
    "doc_features",
    "group_features",
    "lazy_doc_features",
    "shape",
    "task_features",
    "title_stat_features",
]

# Prefix of the features that only the task model reads (where a phrase sits, the words around it).
TASK_ONLY = "t:"

_SELF = cue_words("self")
_PROPOSE = cue_words("propose")
_EVAL = cue_words("evaluate")
_COMPARE = cue_words("compare")
MAX_CONTEXT_SPANS = 3
# nouns that say what kind of thing a nearby name is ("SafeEraser, a benchmark for ...", "the X model")
_KIND = (
    cue_words("phrase_kind")
    | cue_words("corpus_next_data")
    | cue_words("corpus_next_method")
    | cue_words("corpus_next_task")
)
KIND_WINDOW = 6
_LIST_GLUE = frozenset({",", "and", "or"})


def _char_shape(c: str) -> str:
    if c.isupper():
        return "X"
    if c.islower():
        return "x"
    if c.isdigit():
        return "d"
    return "_" if c.isspace() else c


# the shape of every ASCII character, applied with one C call (str.translate)
_ASCII_SHAPE = str.maketrans({chr(i): _char_shape(chr(i)) for i in range(128)})


@lru_cache(maxsize=65536)
def _collapse(text: str) -> str:
    # cached: names differ far more often than their character-class strings ("xxxx xxxxxxx")
    return "".join(k for k, _ in groupby(text))


@lru_cache(maxsize=65536)
def shape(text: str) -> str:
    """A name's shape: X for capitals, x for lower case, d for digits, other characters kept,
    repeats collapsed ("ResNet-50" -> "XxXx-d")."""
    text = text[:24]
    if text.isascii():
        return _collapse(text.translate(_ASCII_SHAPE))
    return _collapse("".join(map(_char_shape, text)))


@lru_cache(maxsize=65536)
def _case(text: str) -> str:
    if text.isascii():
        # in ASCII the letters are exactly the cased characters, so str.islower/isupper decide
        if text.lower() == text.upper():
            return "none"
        if text.islower():
            return "lower"
        if text.isupper():
            return "upper"
    else:
        letters = [c for c in text if c.isalpha()]
        if not letters:
            return "none"
        if all(c.islower() for c in letters):
            return "lower"
        if all(c.isupper() for c in letters):
            return "upper"
    words = [w for w in text.split() if w[:1].isalpha()]
    if words and all(w[0].isupper() for w in words):
        return "title" if all(w[1:].islower() or not w[1:].isalpha() for w in words) else "mixed_title"
    return "mixed"


@lru_cache(maxsize=65536)
def _name_features(name: str) -> tuple[str, ...]:
    """The features of a name alone (the same wherever it occurs), computed once per name."""
    low = name.lower()
    toks = low.split()
    return (
        "bias",
        "w=" + low,
        "hd=" + toks[-1],
        "fw=" + toks[0],
        "s3=" + toks[-1][-3:],
        "sh=" + shape(name),
        "case=" + _case(name),
        "nw=" + str(min(len(toks), 5)),
    )


_TAIL = re.compile(r"^(.*?[A-Za-z].*?)[\s\-_]*v?(\d+(?:\.\d+)?)([a-zA-Z]?)$")


@lru_cache(maxsize=65536)
def _number_tail(name: str) -> tuple[str, ...]:
    """A name ending in a number: what kind of number (a year, as data sets and challenges carry it, or
    a size, class count or version), and the corpus features of the name before it ("Caltech 256",
    "YouTube-VIS-2019", "ResNet-50")."""
    if not (name[-1:].isdigit() or name[-2:-1].isdigit()):
        return ()  # the regular expression below backtracks on long names; most end in a letter
    m = _TAIL.match(name)
    if m is None:
        return ()
    base, num = m.group(1), m.group(2)
    kind = (
        "year"
        if len(num) == 4 and num[:2] in ("19", "20")
        else "ver"
        if "." in num
        else f"n{min(len(num), 4)}"
    )
    return ("tail=" + kind, *corpus_features(base, "b"))


@dataclass(slots=True)
class DocView:
    """Per-token arrays of one ``Doc`` that the features read (built once per paper)."""

    lowers: list[str]
    texts: list[str]
    sent_of: list[int]
    sent_flags: list[tuple[bool, bool, bool, bool]]  # self, propose, evaluate, compare
    title_end: int
    votes: dict[tuple[int, int], RuleVote]
    vote_at: list[RuleVote | None]  # the rule vote covering each token
    numeric: list[bool]  # a number or a percent sign ("91.2", "2.1", "%")
    sent_start: list[int]
    sent_end: list[int]
    title_parts: frozenset[int]  # token indices where a title part starts or ends (title bounds, ":")
    n_sents: int
    title_words: frozenset[str]  # the title's lower-case words

    @classmethod
    def of(cls, doc: Doc, title_end: int) -> DocView:
        tt = token_table(doc)
        lowers = tt.lower
        votes = rule_votes(doc)
        vote_at: list[RuleVote | None] = [None] * len(lowers)
        for v in votes:
            vote_at[v.start : v.end] = [v] * (v.end - v.start)
        flags: list[tuple[bool, bool, bool, bool]] = []
        for s in sorted(set(tt.sent_start)):
            words = set(lowers[s : tt.sent_end[s]])
            flags.append(
                (bool(words & _SELF), bool(words & _PROPOSE), bool(words & _EVAL), bool(words & _COMPARE))
            )
        by_span = {(v.start, v.end): v for v in votes}
        numeric = [n or t == "%" for n, t in zip(tt.like_num, tt.text, strict=True)]
        colons = [i for i in range(title_end) if tt.text[i] in (":", "-", "\u2013", "\u2014", "?")]
        parts = frozenset([0, title_end, *colons, *(i + 1 for i in colons)])
        return cls(
            lowers,
            tt.text,
            tt.sent_id,
            flags,
            title_end,
            by_span,
            vote_at,
            numeric,
            tt.sent_start,
            tt.sent_end,
            parts,
            len(flags),
            frozenset(lowers[:title_end]),
        )


def group_features(group: CandidateGroup, view: DocView) -> list[str]:
    """The feature strings of one candidate group."""
    lowers, texts = view.lowers, view.texts
    spans = group.main_spans
    s0, e0 = spans[0]
    name = " ".join(texts[s0:e0]) if group.long_form is None else group.long_form
    feats = list(_name_features(name))
    feats.extend(corpus_features(name))
    head = name.rsplit(None, 1)[-1]
    if head != name:
        feats.extend(corpus_features(head, "h"))
    feats.extend(_number_tail(name))
    n = len(spans)
    feats.append("cnt=" + ("1" if n == 1 else "2" if n == 2 else "3+"))
    # the task phrase generators' sources are the task model's alone
    feats.extend(("t:src=" if s.startswith(TASK_SOURCE) else "src=") + s for s in group.sources)
    if group.long_form is not None:
        feats.append("abbr")
        feats.append("abbr_hd=" + name.lower().split()[-1])
        feats.append("abbr_sh=" + shape(group.short_form or ""))
        feats.extend(corpus_features(group.short_form or "", "s"))
    seen_title = False
    flags_any = [False, False, False, False]
    sents: set[int] = set()
    for s, e in spans[:MAX_CONTEXT_SPANS]:
        p1 = lowers[s - 1] if s > 0 else "<s>"
        p2 = lowers[s - 2] if s > 1 else "<s>"
        n1 = lowers[e] if e < len(lowers) else "</s>"
        n2 = lowers[e + 1] if e + 1 < len(lowers) else "</s>"
        feats.extend(("p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2, "p2p1=" + p2 + "_" + p1))
        # a number right before or after: a stated result ("2.1% higher top-1 accuracy", "F1 of 91.2")
        if any(view.numeric[max(s - 3, 0) : s]):
            feats.append("num_before")
        if any(view.numeric[e : e + 3]):
            feats.append("num_after")
        # the first kind noun after the name in its sentence, and one just before it
        stop = min(e + KIND_WINDOW, view.sent_end[s])
        after = next((w for w in lowers[e + 1 : stop] if w in _KIND), None)
        if after is not None:
            feats.append("ka=" + after)
        before = next((w for w in lowers[max(s - 3, view.sent_start[s]) : s - 1] if w in _KIND), None)
        if before is not None:
            feats.append("kb=" + before)
        # a list neighbour the hand rules typed ("ResNet18, [ResNet50] and VGG19")
        if p1 in _LIST_GLUE and s > 1 and view.vote_at[s - 2] is not None:
            feats.append("list_prev=" + view.vote_at[s - 2].type)
        if n1 in _LIST_GLUE and e + 1 < len(lowers) and view.vote_at[e + 1] is not None:
            feats.append("list_next=" + view.vote_at[e + 1].type)
        vote = view.votes.get((s, e))
        if vote is not None:
            feats.append("rule=" + vote.type)
            if vote.proposed:
                feats.append("rule_proposed")
        elif view.vote_at[s] is not None or view.vote_at[e - 1] is not None:
            inner = view.vote_at[s] or view.vote_at[e - 1]
            feats.append("rule_overlap=" + inner.type)
        if s < view.title_end:
            seen_title = True
        k = view.sent_of[s]
        sents.add(k)
        for i, f in enumerate(view.sent_flags[k]):
            flags_any[i] = flags_any[i] or f
    if seen_title:
        feats.append("title")
        feats.append("title_case=" + _case(name))
    if 1 in sents or (0 in sents and not seen_title):
        feats.append("first_sent")
    sf, pf, ef, cf = flags_any
    if sf and pf:
        feats.append("sent_we_propose")
    if ef:
        feats.append("sent_eval")
    if cf:
        feats.append("sent_compare")
    return feats


@cache
def phrase_stats() -> dict[str, tuple[int, int]]:
    """Phrase key -> (titles, abstracts) of the unlabelled corpus that use it (``phrase_stats.tsv``,
    written by ``scripts/build_phrase_stats.py``)."""
    path = resources.files("paperkg") / "data" / "extract" / "phrase_stats.tsv"
    out: dict[str, tuple[int, int]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "phrase\t")):
                continue
            phrase, titles, abstracts = line.rstrip("\n").split("\t")
            out[phrase] = (int(titles), int(abstracts))
    return out


def _bucket(n: float, bounds: tuple[float, ...]) -> str:
    return str(sum(n >= b for b in bounds))


@lru_cache(maxsize=65536)
def title_stat_features(name: str) -> tuple[str, ...]:
    """How often the corpus's titles name the phrase, and how often relative to its abstracts: a
    phrase many titles name is a research topic ("image classification"), one only abstracts use is
    not ("bandwidth consumption")."""
    titles, abstracts = phrase_stats().get(phrase_key(name), (0, 0))
    if not titles:
        return ("t:tdf=0",)
    return (
        "t:tdf=" + _bucket(titles, (10, 30, 100, 300)),
        "t:topic=" + _bucket(titles / (abstracts + 1), (0.05, 0.1, 0.2, 0.4)),
    )


def _sentence_place(k: int, n_sents: int) -> str:
    if k == 0:
        return "0"
    if k == n_sents - 1:
        return "last"
    return str(min(k, 4))


def task_features(group: CandidateGroup, view: DocView) -> list[str]:
    """Features only the task model reads: where the phrase first occurs (title, a whole part of the
    title, which sentence), the words around it and how the title and the abstract share it."""
    lowers = view.lowers
    s0, e0 = group.spans[0]
    words = lowers[s0:e0]
    feats = [
        "t:sent=" + _sentence_place(view.sent_of[s0], view.n_sents),
        "t:nw=" + str(min(e0 - s0, 6)),
        *title_stat_features(" ".join(words)),
    ]
    in_title = s0 < view.title_end
    if not in_title:
        # a phrase of the abstract whose words the title also uses names what the paper is about
        shared = sum(w in view.title_words for w in words)
        feats.append("t:in_title_words=" + ("all" if shared == len(words) else "some" if shared else "none"))
    if in_title:
        whole = s0 in view.title_parts and e0 in view.title_parts
        feats.append("t:title_whole" if whole else "t:title_part")
        if len(group.spans) > 1 and group.spans[-1][0] >= view.title_end:
            feats.append("t:title_and_abstract")
    return feats


def doc_features(cands: DocCandidates) -> list[list[str]]:
    """Features of every group of a paper, in group order (the task-only ones included: training)."""
    view = DocView.of(cands.doc, cands.title_end)
    return [group_features(g, view) + task_features(g, view) for g in cands.groups]


def lazy_doc_features(cands: DocCandidates) -> tuple[list[list[str]], Callable[[int], list[str]]]:
    """Features of every group of a paper without the task-only ones, and a function that gives a
    group's task-only features: extraction asks for them only for the groups the task model ranks."""
    view = DocView.of(cands.doc, cands.title_end)
    groups = cands.groups
    return [group_features(g, view) for g in groups], lambda i: task_features(groups[i], view)
