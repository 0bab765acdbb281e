"""Token patterns that find entity candidates the gazetteers cannot know.

Each rule is a small pure function over a spaCy ``Doc`` (blank English: tokens and sentences, no
tagger) that yields :class:`Candidate` spans: names a paper proposes ("we propose X", "X, a novel
framework", "dubbed X", a title's "X: ..." prefix), names in evaluation contexts ("on the X
dataset", "experiments on A, B and C"), names in comparisons ("outperforms X"), coined names
(CamelCase, acronyms, names with digits such as ResNet50 or Llama-3) and task phrases. The
component runs them all and stores the candidates on ``doc._.candidates``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from paperkg.components.tokens import token_table

__all__ = ["Candidate", "coined", "find_candidates", "name_span_at"]


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


PROPOSE_CUES = frozenset(
    (
        "build builds construct constructs contribute contributes create creates curate curates design "
        "designs develop develops devise devises establish establishes formulate formulates introduce "
        "introduces offer offers present presents propose proposes release releases "
    ).split()
)

NAMING_CUES = frozenset(["called", "coined", "dubbed", "named", "namely", "termed"])

COMPARE_CUES = frozenset(
    "beats outperform outperforming outperforms over surpass surpasses surpassing than versus vs vs.".split()
)

SELF_WORDS = frozenset(["our", "paper", "study", "this", "we", "work"])

NOVEL_WORDS = frozenset(
    (
        "efficient first general large-scale lightweight new novel practical principled scalable simple "
        "unified "
    ).split()
)

DATA_HEADS = {
    "dataset": "dataset",
    "datasets": "dataset",
    "corpus": "dataset",
    "corpora": "dataset",
    "benchmark": "benchmark",
    "benchmarks": "benchmark",
    "suite": "benchmark",
    "leaderboard": "benchmark",
    "challenge": "benchmark",
    "environment": "benchmark",
    "environments": "benchmark",
}

METHOD_HEADS = frozenset(
    (
        "agent algorithm approach architecture framework library llm method model models module network "
        "optimizer pipeline system technique toolkit "
    ).split()
)

FUNCTION_WORDS = frozenset(
    (
        "a all an and are as at be beyond by can do does for from how in is it its learning need not of on or "
        "rethinking revisiting the to toward towards understanding via vs we what when where why with you "
        "your "
    ).split()
)

REVIEW_WORDS = frozenset(["overview", "perspective", "position", "primer", "review", "survey", "tutorial"])

NOT_NAMES = frozenset(
    (
        "1D 2D 3D 4D AGI AI API APIs ASR CNN CNNs CPU CPUs CV CoT DL DNN DNNs EU FL GAN GANs GNN GNNs GPU "
        "GPUs GenAI HTML ICL ID II IID III IR IV IoT JSON KD KG KGs LLM LLMs LM LMs ML MLLM MLLMs MLP MLPs "
        "MoE MoEs NLP NN NNs OCR OOD PDF PLM PLMs PhD QA RAG RAW RGB RL RNN RNNs SFT SGD SOTA SQL SSL TPU TTS "
        "UK URL URLs US USA VI VLM VLMs ViTs e.g. etc. i.e. vs. "
    ).split()
)
NOT_NAMES = NOT_NAMES | frozenset(
    # organisations and platforms named as such, not as systems; hardware and practices; other non-names
    "OpenAI DeepMind LinkedIn YouTube GitHub HuggingFace NVIDIA IBM MIT NASA TikTok WeChat arXiv PubMed iOS "
    "macOS COVID-19 SARS-CoV-2 K-12 IDs TPU TPUs FPGA FPGAs ASIC ASICs MLOps DevOps LLMOps".split()
)
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


def _cap(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha


def _capitalised(text: str, alpha: bool) -> bool:
    return alpha and text[:1].isupper()


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
            and (coined(text[end + 1]) or _capitalised(text[end + 1], alpha[end + 1]) or tt.digit[end + 1])
        ):
            end += 2
        elif (
            # a Title-Case name goes on over capitalised words; a coined one ("Wav2vec2") only over coined ones
            (coined(t) or (_capitalised(t, alpha[end]) and not first_coined))
            and tt.lower[end] not in FUNCTION_WORDS
            and t not in NOT_NAMES
        ) or (_VERSION.match(t) and any(c.isdigit() for c in t) and end - i <= 3):
            end += 1
        elif not tt.space[end - 1] and text[end - 1][-1:].isdigit() and t in _SIZE_SUFFIXES:
            end += 1  # the tokenizer splits "ImageNet-1K" as "ImageNet-1" + "K"
        else:
            break
    return (i, end) if end - i <= 8 else None


def _is_proposal_sentence(sent: Span) -> bool:
    lowers = {t.lower_ for t in sent}
    return bool(lowers & PROPOSE_CUES) and bool(lowers & SELF_WORDS)


METRIC_HEADS = frozenset("metric metrics measure measures score".split())
# Head words that make a lower-case phrase a task ("speaker diarization", "continual learning").
TASK_TAILS = frozenset(
    "answering captioning classification completion detection diarization estimation forecasting forgetting "
    "generation identification learning localization parsing planning prediction reasoning recognition "
    "retrieval segmentation summarization synthesis tracking translation unlearning verification problem "
    "setting phenomenon".split()
)


def is_task_phrase(span: Span) -> bool:
    """A lower-case phrase ending in a task head word ("speaker diarization")."""
    return span.text[:1].islower() and span[-1].lower_ in TASK_TAILS


def _head_type(doc: Doc, end: int, limit: int) -> str | None:
    """Type hinted by the words after a name: "X dataset", "X benchmark", "X framework", and past an
    acronym or apposition, "X (XM), a new learning-based metric"."""
    j = end
    if j < limit and doc[j].text == "(":
        j = next((k + 1 for k in range(j, min(j + 5, limit)) if doc[k].text == ")"), j)
    appositive = j + 1 < limit and doc[j].text == "," and doc[j + 1].lower_ in {"a", "an", "the"}
    window = 7 if appositive else 2
    for k in range(j + (2 if appositive else 0), min(j + window, limit)):
        w = doc[k].lower_
        if w in DATA_HEADS:
            return DATA_HEADS[w]
        if w in METHOD_HEADS:
            return "method"
        if w in METRIC_HEADS:
            return "metric"
        if not (doc[k].is_alpha or doc[k].text == "-") or w in {"that", "which", "for", "to", "of", "with"}:
            break
    return None


def _tokens_at(doc: Doc, words: frozenset[str]) -> Iterator[Token]:
    """The tokens whose lower-case text is in ``words``, found on the LOWER array (no Token objects are
    made for the rest: rules that start from a trigger word only look there)."""
    cache = doc.user_data.setdefault("paperkg_lower", {})
    if "array" not in cache:
        cache["array"] = doc.to_array("LOWER")
    key = id(words)
    if key not in cache:
        strings = doc.vocab.strings
        cache[key] = numpy.flatnonzero(numpy.isin(cache["array"], [strings.add(w) for w in words]))
    for i in cache[key]:
        yield doc[int(i)]


_COMMA = frozenset({","})
_PROPOSAL_TRIGGERS = PROPOSE_CUES | NAMING_CUES
_PAREN = frozenset({"("})
_EVAL_TRIGGERS = frozenset(DATA_HEADS) | {"on", "across"}
_COMPARE_TRIGGERS = COMPARE_CUES | {"to", "with"}
_TASK_LIST_HEADS = frozenset({"tasks", "problems", "applications"})


def title_end(doc: Doc) -> int:
    """Index of the first token after the title (the blank-line token)."""
    if "paperkg_title_end" not in doc.user_data:
        end = next((t.i for t in doc if t.is_space and "\n" in t.text), len(doc))
        doc.user_data["paperkg_title_end"] = end
    return doc.user_data["paperkg_title_end"]


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


_CONNECTORS = frozenset("of with for and as in to on via".split())


def titled_name_at(doc: Doc, i: int, limit: int) -> tuple[int, int] | None:
    """A name at ``i`` that may hold connector words between capitalised ones:
    "Aligning TeacheR with StudenT PreferencEs", "Transformer as Linear Expansion of learnGene"."""
    span = name_span_at(doc, i, limit)
    if span is None:
        return None
    s, e = span
    while e + 1 < limit and doc[e].lower_ in _CONNECTORS:
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


_NAME_STOP = frozenset("that which where who whose to for with by in on of and or is are was were as".split())
TERM_CUES = frozenset(["called", "dubbed", "named", "termed", "coined", "call", "term", "name", "dub"])
LIST_HEADS = frozenset(
    (
        "methods models algorithms techniques baselines approaches architectures optimizers frameworks "
        "systems tools regularizers "
    ).split()
)


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


RULES = (
    title_prefix,
    proposals,
    named_terms,
    evaluation_contexts,
    comparisons,
    method_lists,
    cited_names,
    coined_names,
    title_tasks,
    task_lists,
)


def find_candidates(doc: Doc) -> list[Candidate]:
    """All candidates of all rules, in rule order (earlier rules are more specific)."""
    out: list[Candidate] = []
    for rule in RULES:
        out.extend(rule(doc))
    return out


if not Doc.has_extension("candidates"):
    Doc.set_extension("candidates", default=[])


@Language.factory("paperkg_patterns")
def make_pattern_finder(nlp: Language, name: str) -> PatternFinder:
    return PatternFinder()


class PatternFinder:
    """Stores :class:`Candidate` objects on ``doc._.candidates``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.candidates = find_candidates(doc)
        return doc
