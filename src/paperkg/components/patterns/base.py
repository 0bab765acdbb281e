"""Shared vocabulary of the pattern rules: the Candidate record, cue words, name shapes and helpers.

Formerly the top of one 700-line module; the rules themselves live in proposals.py, contexts.py and tasks.py.

Token patterns that find entity candidates the gazetteers cannot know.

Each rule is a small pure function over a spaCy ``Doc`` (blank English: tokens and sentences, no
tagger) that yields :class:`Candidate` spans: names a paper proposes ("we propose X", "X, a novel
framework", "dubbed X", a title's "X: ..." prefix), names in evaluation contexts ("on the X
dataset", "experiments on A, B and C"), names in comparisons ("outperforms X"), coined names
(CamelCase, acronyms, names with digits such as ResNet50 or Llama-3) and task phrases. The
component runs them all and stores the candidates on ``doc._.candidates``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from paperkg.components.tokens import TokenTable, token_table
from paperkg.lexicon import cue_words

__all__ = [
    "DATA_HEADS",
    "FUNCTION_WORDS",
    "NOT_NAMES",
    "TASK_TAILS",
    "Candidate",
    "coined",
    "name_span_at",
    "title_end",
    "titled_name_at",
]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A token span [start, end) that may name an entity of ``type``, found by ``rule``."""

    start: int
    end: int
    type: str
    rule: str
    proposed: bool = False
    confidence: float = 0.5
    alias_of: tuple[int, int] | None = None  # token span of another name for the same thing


PROPOSE_CUES = cue_words("propose_cue")

NAMING_CUES = cue_words("naming_cue")

COMPARE_CUES = cue_words("compare_cue")

SELF_WORDS = cue_words("self_word")

NOVEL_WORDS = cue_words("novel_word")

DATA_HEADS = dict.fromkeys(cue_words("data_head_dataset"), "dataset") | dict.fromkeys(
    cue_words("data_head_benchmark"), "benchmark"
)

METHOD_HEADS = cue_words("method_head")

FUNCTION_WORDS = cue_words("function_word")

REVIEW_WORDS = cue_words("review_word")

# acronyms and capitalised words that look coined but name nothing specific (field abbreviations,
# hardware, organisations and platforms named as such, file formats)
NOT_NAMES = cue_words("not_name")

# Acronyms and shapes that look coined but name nothing specific: NOT_NAMES above.
_COINED = re.compile(
    r"^(?=.*[A-Za-z])(?:"
    r"[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*"  # CamelCase: OmniQuant, BioBERT, muParam
    r"|[A-Z][A-Z0-9]+[a-z]{0,2}"  # acronyms: BERT, GRPO, ASTEROID, QINRs
    r"|[A-Za-z]+[0-9][A-Za-z0-9]*"  # letters then digits: ResNet50, CodeGen2, Wav2Vec, o1
    r")$"
)
_SIZE_SUFFIXES = frozenset(["K", "k", "M", "B", "b", "m"])
_VERSION = re.compile(r"^(?:v?\d+(?:\.\d+)*[A-Za-z]?|[A-Z]{1,2}\d*|\d+[BbMmKk])$")


@lru_cache(maxsize=131072)
def coined(text: str) -> bool:
    """True for invented-looking names: CamelCase, acronyms, letters with digits (not plain words)."""
    if len(text) < 2 or text in NOT_NAMES:
        return False
    if "-" in text:
        # the tokenizer keeps a hyphen inside a token only before a digit: CIFAR-10, GPT-4o, Llama-3
        head = text.split("-", 1)[0]
        return bool(head) and (head[0].isupper() or coined(head)) and bool(re.search(r"-\d", text))
    return bool(_COINED.match(text))


def _capitalised(text: str, alpha: bool) -> bool:
    return alpha and text[:1].isupper()


def _cap(tt: TokenTable, i: int) -> bool:
    """Token ``i`` is a capitalised word."""
    return tt.alpha[i] and tt.text[i][:1].isupper()


def _text(tt: TokenTable, start: int, end: int) -> str:
    """The text of tokens [start, end) as ``doc[start:end].text`` gives it ("" when empty)."""
    return tt.span_text(start, end) if end > start else ""


VARIANT_SUFFIXES = cue_words("variant_suffix")
_MODEL_SIZE = re.compile(r"^\d+(?:\.\d+)?[BMK]$")  # "1B", "7B", "1.5B", "350M"


def _has_digit(text: list[str], start: int, end: int) -> bool:
    return any(c.isdigit() for t in text[start:end] for c in t)


def name_span_at(doc: Doc, i: int, limit: int) -> tuple[int, int] | None:
    """The name starting at token ``i``: a coined token or Title-Case words, hyphen-joined pieces and a
    version ("Wav2Vec 2.0", "Llama-3", "Confucius3-Math") included; None when token ``i`` starts none."""
    if i >= limit:
        return None
    tt = token_table(doc)
    text, alpha = tt.text, tt.alpha
    first_coined = coined(text[i])
    if not (first_coined or _capitalised(text[i], alpha[i])) or tt.lower[i] in FUNCTION_WORDS:
        return None
    end = i + 1
    while end < limit:
        t = text[end]
        if (
            t == "-"
            and end + 1 < limit
            and not tt.space[end - 1]
            and (
                coined(text[end + 1])
                or _capitalised(text[end + 1], alpha[end + 1])
                or tt.digit[end + 1]
                or _MODEL_SIZE.match(text[end + 1])
                # a variant of a versioned or coined name: "GPT-4o-mini", "DistilRoBERTa-base"
                or (tt.lower[end + 1] in VARIANT_SUFFIXES and (first_coined or _has_digit(text, i, end)))
                # one capital letter and a word: "U-net", "Q-learning", "K-means"
                or (end == i + 1 and len(text[i]) == 1 and alpha[end + 1])
            )
        ):
            end += 2
        elif (
            # a Title-Case name goes on over capitalised words; a coined one ("Wav2vec2") only over coined ones
            (coined(t) or (_capitalised(t, alpha[end]) and not first_coined))
            and tt.lower[end] not in FUNCTION_WORDS
            and t not in NOT_NAMES
        ) or (
            # a version ("Wav2Vec 2.0", "Llama 3"), not a score after a numbered name ("ResNet-50 37.7")
            _VERSION.match(t)
            and any(c.isdigit() for c in t)
            and end - i <= 3
            and not text[end - 1][-1:].isdigit()
        ):
            end += 1
        elif not tt.space[end - 1] and text[end - 1][-1:].isdigit() and t in _SIZE_SUFFIXES:
            end += 1  # the tokenizer splits "ImageNet-1K" as "ImageNet-1" + "K"
        else:
            break
    return (i, end) if end - i <= 8 else None


def _is_proposal_sentence(tt: TokenTable, i: int) -> bool:
    """Token ``i``'s sentence has a proposal cue and a word for the paper itself ("we propose")."""
    lowers = set(tt.lower[tt.sent_start[i] : tt.sent_end[i]])
    return bool(lowers & PROPOSE_CUES) and bool(lowers & SELF_WORDS)


METRIC_HEADS = cue_words("metric_head")
# Head words that make a lower-case phrase a task ("speaker diarization", "continual learning").
TASK_TAILS = cue_words("task_tail")


def is_task_phrase(span: Span) -> bool:
    """A lower-case phrase ending in a task head word ("speaker diarization")."""
    return span.text[:1].islower() and span[-1].lower_ in TASK_TAILS


def _is_task_phrase_at(tt: TokenTable, start: int, end: int) -> bool:
    """:func:`is_task_phrase` of tokens [start, end) (a non-empty span)."""
    return tt.text[start][:1].islower() and tt.lower[end - 1] in TASK_TAILS


_HEAD_STOP = frozenset({"that", "which", "for", "to", "of", "with"})


def _head_type(tt: TokenTable, end: int, limit: int) -> str | None:
    """Type hinted by the words after a name: "X dataset", "X benchmark", "X framework", and past an
    acronym or apposition, "X (XM), a new learning-based metric"."""
    text, lower = tt.text, tt.lower
    j = end
    if j < limit and text[j] == "(":
        j = next((k + 1 for k in range(j, min(j + 5, limit)) if text[k] == ")"), j)
    appositive = j + 1 < limit and text[j] == "," and lower[j + 1] in {"a", "an", "the"}
    window = 7 if appositive else 2
    for k in range(j + (2 if appositive else 0), min(j + window, limit)):
        w = lower[k]
        if w in DATA_HEADS:
            return DATA_HEADS[w]
        if w in METHOD_HEADS:
            return "method"
        if w in METRIC_HEADS:
            return "metric"
        if not (tt.alpha[k] or text[k] == "-") or w in _HEAD_STOP:
            break
    return None


def _tokens_at(doc: Doc, words: frozenset[str]) -> list[int]:
    """The indices, in order, of the tokens whose lower-case text is in ``words`` (rules that start
    from a trigger word only look there), read from one index of the document's lower-case words."""
    index = doc.user_data.get("paperkg_lower_index")
    if index is None:
        index = {}
        for i, w in enumerate(token_table(doc).lower):
            positions = index.get(w)
            if positions is None:
                index[w] = [i]
            else:
                positions.append(i)
        doc.user_data["paperkg_lower_index"] = index
    hits = [index[w] for w in words if w in index]
    if len(hits) == 1:
        return hits[0]
    return sorted(i for positions in hits for i in positions)


_COMMA = frozenset({","})
_PROPOSAL_TRIGGERS = PROPOSE_CUES | NAMING_CUES
_PAREN = frozenset({"("})
_EVAL_TRIGGERS = frozenset(DATA_HEADS) | {"on", "across"}
_COMPARE_TRIGGERS = COMPARE_CUES | {"to", "with"}
_TASK_LIST_HEADS = cue_words("task_list_head")


def title_end(doc: Doc) -> int:
    """Index of the first token after the title (the blank-line token)."""
    if "paperkg_title_end" not in doc.user_data:
        text = token_table(doc).text
        end = next((i for i, t in enumerate(text) if "\n" in t and t.isspace()), len(doc))
        doc.user_data["paperkg_title_end"] = end
    return doc.user_data["paperkg_title_end"]


_CONNECTORS = frozenset("of with for and as in to on via".split())


def titled_name_at(doc: Doc, i: int, limit: int) -> tuple[int, int] | None:
    """A name at ``i`` that may hold connector words between capitalised ones:
    "Aligning TeacheR with StudenT PreferencEs", "Transformer as Linear Expansion of learnGene"."""
    span = name_span_at(doc, i, limit)
    if span is None:
        return None
    s, e = span
    lower = token_table(doc).lower
    while e + 1 < limit and lower[e] in _CONNECTORS:
        nxt = name_span_at(doc, e + 1, limit)
        if nxt is None or e + 1 - s > 8:
            break
        e = nxt[1]
    return s, e


def _abbreviation_at(doc: Doc, start: int, end: int) -> tuple[Span, Span] | None:
    """The acronym definition whose long or short form begins in tokens [start, end)."""
    for long, short in doc._.abbreviations:
        if start <= min(long.start, short.start) < end:
            return long, short
    return None


_NAME_STOP = cue_words("name_stop")
TERM_CUES = cue_words("term_cue")
LIST_HEADS = cue_words("list_head")
