"""What the result model looks at: a paper's sentences, their number candidates and the entity mentions
near each number, gathered once per paper with bounded windows so that work stays linear in the text.

Also the word lists the features use (``data/results/cues.tsv``, with sources) and the things a result
can attach to (:class:`Target`): extracted mentions, the paper's proposed method, metric names from
``data/metrics_direction.tsv`` and the short phrase written right after a number ("5.7% win rates").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.tokens import Doc

from paperkg.components.patterns import FUNCTION_WORDS
from paperkg.components.tokens import doc_text, token_table
from paperkg.metrics import metric_info, metric_names
from paperkg.models import EntityType, Mention
from paperkg.names import name_key
from paperkg.results.numbers import NumberCandidate, find_numbers

__all__ = ["HEADS", "WINDOW", "PaperContext", "Sentence", "Target", "cues", "words"]

_WORD = re.compile(r"[A-Za-z][\w\-]*\w|[A-Za-z]|\d[\d.,]*\d|\d|[^\w\s]")
WINDOW = 250  # characters either side of a number where its metric, method or baseline is looked for


@cache
def cues() -> dict[str, frozenset[str]]:
    """The cue word groups (up, down, speed, achieve, compare, size, self, qualifier:...) by name."""
    groups: dict[str, set[str]] = {}
    text = (resources.files("paperkg") / "data" / "results" / "cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines()[1:]:
        phrase, group, _source = line.split("\t")
        groups.setdefault(group, set()).add(phrase.lower())
    return {g: frozenset(p) for g, p in groups.items()}


def words(text: str) -> list[str]:
    """Lower-cased words and punctuation of a short stretch of text."""
    return [w.lower() for w in _WORD.findall(text)]


_SKIP = frozenset({"of", "the", "all", "our", "these", "its", "their"})


def size_or_setting(text: str, c: NumberCandidate, limit: int) -> bool:
    """True for a size, share or setting, never a result by the guideline: the first word after the number
    (past "of the") names a count or a setting ("16.8 billion parameters", "48.6% of the videos",
    "at 90% sparsity"). Ratios ("10x fewer parameters") are kept."""
    if c.unit == "x":
        return False
    groups = cues()
    content = [w for w in words(text[c.end : min(limit, c.end + 50)])[:5] if w not in _SKIP][:2]
    if any(w in groups["size"] or any(w.endswith(x) for x in groups["setting"]) for w in content):
        near = set(words(text[c.end : min(limit, c.end + 50)])[:4]) | set(
            words(text[max(0, c.start - 30) : c.start])[-4:]
        )
        return not near & (
            groups["up"] | groups["down"] | {"by"}
        )  # "boosts accuracy by 12.6% when labels ..."
    before = words(text[max(0, c.start - 20) : c.start])[-1:]
    return bool(before) and before[0] in groups["setting"]  # "bag size 128", "budget 5"


@dataclass(frozen=True, slots=True)
class Target:
    """Something a result can attach to: its text, where it is, and where it came from."""

    text: str
    start: int
    end: int
    source: str  # mention | proposed | lexicon | after
    type: str  # method | dataset | benchmark | metric | task
    proposed: bool = False
    freq: int = 1  # how often the paper names it
    confidence: float = 1.0  # the extractor's confidence in the mention (1.0 for phrases and lists)


@dataclass
class Sentence:
    """One sentence with its number candidates."""

    index: int
    start: int
    end: int
    text: str
    numbers: list[NumberCandidate]
    words: frozenset[str] = field(default_factory=frozenset)
    starts: list[int] = field(init=False, repr=False)  # the numbers' start offsets, for bisection

    def __post_init__(self) -> None:
        self.starts = [n.start for n in self.numbers]

    def numbers_within(self, lo: int, hi: int) -> int:
        """How many of the sentence's numbers start in ``[lo, hi)``."""
        return max(0, bisect_left(self.starts, hi) - bisect_left(self.starts, lo))


class PaperContext:
    """One paper's sentences, numbers and mentions, indexed for bounded look-ups."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.text = doc_text(doc)
        self.sentences: list[Sentence] = []
        for i, (first, end) in enumerate(token_table(doc).sentences):
            last = doc[end - 1]
            start_char, end_char = doc[first].idx, last.idx + len(last)
            s = self.text[start_char:end_char]
            lower = frozenset(words(s)) if len(s) < 2000 else frozenset()
            numbers = [c for c in find_numbers(s, start_char) if not size_or_setting(self.text, c, end_char)]
            self.sentences.append(Sentence(i, start_char, end_char, s, numbers, lower))
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.freq = Counter((m.type, name_key(m.text)) for m in self.mentions)
        self.proposed = next((m for m in self.mentions if m.proposed and m.type is EntityType.METHOD), None)
        proposed_keys = {
            name_key(m.text) for m in self.mentions if m.proposed and m.type is EntityType.METHOD
        }
        self.proposed_methods = _first_of(self.mentions, proposed_keys, {EntityType.METHOD})
        self.introduced = self._introduced()
        methods = Counter(name_key(m.text) for m in self.mentions if m.type is EntityType.METHOD)
        self.paper_methods = _first_of(
            self.mentions, {k for k, _ in methods.most_common(2)}, {EntityType.METHOD}
        )
        self.other_names = {name_key(m.text) for m in self.mentions if m.type is not EntityType.METHOD}
        self.title_name = _title_name(self.text, self.sentences[0]) if self.sentences else []
        data = Counter(
            name_key(m.text) for m in self.mentions if m.type in {EntityType.DATASET, EntityType.BENCHMARK}
        )
        top = {k for k, _ in data.most_common(3)}
        self.paper_datasets = _first_of(self.mentions, top, {EntityType.DATASET, EntityType.BENCHMARK})

    def _introduced(self) -> set[str]:
        """The name keys of the first method named in each sentence that introduces the paper's work ("we
        propose an Attention aggregation based ... Network (ABM) which consists of ... decoders (L2R and
        R2L)": ABM, not its parts)."""
        verbs = cues()["proposal"]
        out: set[str] = set()
        for s in self.sentences:
            stems = {w.rstrip("sd") for w in s.words} | s.words  # "proposes", "proposed" -> "propose"
            if not ({"we", "this", "our"} & s.words and verbs & stems):
                continue
            lo, hi = bisect_left(self._starts, s.start), bisect_left(self._starts, s.end)
            first = next((m for m in self.mentions[lo:hi] if m.type is EntityType.METHOD), None)
            if first is not None:
                out.add(name_key(first.text))
        return out

    def near(self, start: int, end: int, types: set[EntityType], sentence: Sentence) -> list[Mention]:
        """Mentions of ``types`` in ``sentence`` within :data:`WINDOW` characters of ``start``-``end``."""
        lo = bisect_left(self._starts, max(sentence.start, start - WINDOW))
        hi = bisect_right(self._starts, min(sentence.end, end + WINDOW))
        return [m for m in self.mentions[lo:hi] if m.type in types and m.sentence_start == sentence.start]

    def targets(self, c: NumberCandidate, sentence: Sentence, kind: str) -> list[Target]:
        """What the number ``c`` could attach to as its ``kind`` (metric, dataset, method)."""
        if kind == "metric":
            out = [self._target(m) for m in self.near(c.start, c.end, {EntityType.METRIC}, sentence)]
            out += _lexicon_metrics(self.text, sentence, c)
            phrases = _phrase_after(self.text, c, sentence) + _phrase_before(self.text, c, sentence)
            phrases += _phrase_into(self.text, c, sentence)
            named = self.near(c.start, c.end, _NOT_METRIC_TYPES, sentence)
            return _dedupe(out + [t for t in phrases if metric_shaped(t, named)])
        if kind == "dataset":
            types = {EntityType.DATASET, EntityType.BENCHMARK, EntityType.TASK}
            out = [self._target(m) for m in self.near(c.start, c.end, types, sentence)]
            out += [self._target(m, "paper") for m in self.paper_datasets]
            out += _named_datasets(self.text, sentence, c)
            return _dedupe([t for t in out if name_shaped(t.text)])
        out = [self._target(m) for m in self.near(c.start, c.end, {EntityType.METHOD}, sentence)]
        out += [self._target(m, "proposed") for m in self.proposed_methods]
        if sentence.index > 0:
            prev = self.sentences[sentence.index - 1]
            out += [
                self._target(m, "previous")
                for m in self.near(prev.end - WINDOW, prev.end, {EntityType.METHOD}, prev)
            ]
        out += [self._target(m, "paper") for m in self.paper_methods]
        named = [
            t for t in _named_methods(self.text, sentence, c) if name_key(t.text) not in self.other_names
        ]
        return _dedupe(out + named + self.title_name)

    def _target(self, m: Mention, source: str = "mention") -> Target:
        freq = self.freq[(m.type, name_key(m.text))]
        return Target(m.text, m.start, m.end, source, m.type.value, m.proposed, freq, m.confidence)


_NOT_METRIC_TYPES = {EntityType.DATASET, EntityType.BENCHMARK, EntityType.METHOD, EntityType.TASK}
_NAME_WITH_NUMBER = re.compile(r"^[A-Z][A-Za-z]*[-_]?\d")  # "CIFAR-100", "ResNet-18", "GPT4"


def name_shaped(text: str) -> bool:
    """False for a fragment that cannot be a name as cut: it opens with a function word or a lower-case
    link ("of Imaging Studies 3", "on the", "and COCO")."""
    ws = text.split()
    return bool(ws) and ws[0].lower() not in FUNCTION_WORDS and ws[0][0].isalnum()


def metric_shaped(t: Target, named: list[Mention]) -> bool:
    """True for a phrase that can name a metric: a listed metric, or words that are not a dataset, method or
    task the extractor found ("CIFAR-100"), not a name with a number, and no change, comparison or list word
    ("relative improvement", "respectively", "e.g")."""
    if metric_info(t.text) is not None:
        return True
    if not name_shaped(t.text) or any(m.start < t.end and t.start < m.end for m in named):
        return False
    ws = words(t.text)
    if ws and ws[0].endswith("ing"):
        return False  # "using the MNIST dataset", "leading to": a verb, not a measure
    banned = (
        cues()["not_metric"]
        | cues()["clause_word"]
        | cues()["up"]
        | cues()["down"]
        | cues()["compare"]
        | cues()["achieve"]
    )
    return not (set(ws) & banned) and not _NAME_WITH_NUMBER.match(t.text) and "." not in t.text


_NAMEISH = re.compile(
    r"^(?=.[^\s]*[A-Z0-9])[A-Za-z0-9][\w\-.+/]*$"
)  # a capital after the first letter, or a digit
HEADS = frozenset(
    "model models method methods approach framework network networks architecture system algorithm".split()
)
_NOT_NAMES = frozenset("we our the this these in on for with a an it its by to as at from".split())


def _title_name(text: str, title: Sentence) -> list[Target]:
    """The name a title gives before its colon ("Loki: ..."), if it is one to three name-like words."""
    head = text[title.start : title.end].split(":", 1)
    if len(head) < 2 or not 0 < len(head[0].split()) <= 3 or not _NAMEISH.match(head[0].split()[0]):
        return []
    name = head[0].strip()
    at = text.find(name, title.start)
    return [Target(name, at, at + len(name), "title", "method", proposed=True)]


def _named_methods(text: str, sentence: Sentence, c: NumberCandidate) -> list[Target]:
    """Names written where English puts them: the sentence's subject ("RAPQ can reach ..."), before a
    head noun ("the EfficientNet-V2 model"), or after "our method," ("Our approach, Loki, gains ...")."""
    lo = max(sentence.start, c.start - WINDOW)
    found = list(re.finditer(r"\S+", text[lo : c.start]))
    out = []
    for i, m in enumerate(found):
        w = m.group(0).strip(",;:()")
        at = lo + m.start() + m.group(0).find(w)
        prev = found[i - 1].group(0).lower().strip(",") if i else ""
        nxt = found[i + 1].group(0).lower().strip(",.;") if i + 1 < len(found) else ""
        if not w or w.lower() in _NOT_NAMES or not _NAMEISH.match(w):
            continue
        subject = lo == sentence.start and (i == 0 or (i == 1 and prev == "the"))
        appositive = prev in HEADS and found[i - 1].group(0).endswith(",")
        source = "subject" if subject else "head" if nxt in HEADS else "appositive" if appositive else None
        if source:
            out.append(Target(w, at, at + len(w), source, "method"))
    return out


_DATASET_NOUN = re.compile(
    r"\b((?:[A-Z][\w\-.]*\s+){0,2}[A-Z0-9][\w\-.]*)\s+(?:data\s?set|benchmark|corpus|test set)s?\b"
)


def _named_datasets(text: str, sentence: Sentence, c: NumberCandidate) -> list[Target]:
    """Names written before "dataset", "benchmark" or "corpus" near the number ("the MIT dataset", "the
    T-LESS dataset") whether or not the entity extractor found them."""
    out = []
    lo, hi = max(sentence.start, c.start - WINDOW), min(sentence.end, c.end + WINDOW)
    for m in _DATASET_NOUN.finditer(text, lo, hi):
        ws = m.group(1).split()
        while ws and ws[0].lower() in _NOT_NAMES:
            ws.pop(0)  # "The MIT dataset"
        if not ws:
            continue
        name = " ".join(ws)
        at = text.find(name, m.start(1))
        out.append(Target(name, at, at + len(name), "dataset_noun", "dataset"))
    return out


def _first_of(mentions: list[Mention], keys: set[str], types: set[EntityType]) -> list[Mention]:
    """The first mention of each name in ``keys`` among ``mentions`` of ``types``."""
    out: list[Mention] = []
    seen: set[str] = set()
    for m in mentions:
        k = name_key(m.text)
        if m.type in types and k in keys and k not in seen:
            seen.add(k)
            out.append(m)
    return out


def _dedupe(targets: list[Target]) -> list[Target]:
    seen: set[tuple[str, int]] = set()
    out = []
    for t in targets:
        if (t.text.lower(), t.start) not in seen:
            seen.add((t.text.lower(), t.start))
            out.append(t)
    return out


def _lexicon_metrics(text: str, sentence: Sentence, c: NumberCandidate) -> list[Target]:
    """Metric names of the curated list written within the window around the number."""
    lo, hi = max(sentence.start, c.start - 120), min(sentence.end, c.end + 120)
    window = text[lo:hi]
    out = []
    for m in _metric_pattern().finditer(window):
        out.append(Target(m.group(0), lo + m.start(), lo + m.end(), "lexicon", "metric"))
    return out


@cache
def _metric_pattern() -> re.Pattern[str]:
    """Listed metric names; names written with capitals ("IS", "AP", "EM") match only as written."""
    names = sorted(metric_names(), key=len, reverse=True)
    alts = [re.escape(n) if any(ch.isupper() for ch in n) else "(?i:" + re.escape(n) + ")" for n in names]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?:s|es)?(?![\w-])")


_AFTER_STOP = frozenset(
    {"of", "on", "in", "and", "or", "with", "for", "to", "than", "over", "compared", "at"}
)
_LINKS = frozenset({"of", "by", "is", "was", "were", "are", "at", "to", "up", "(", "an", "a", "the", "about"})
_INTO = frozenset({"in", "for", "on"})


def _phrases(tail: str, at: int, source: str, backwards: bool = False) -> list[Target]:
    """Targets made of the first one to three words of ``tail`` (or its last ones, ``backwards``)."""
    found = list(re.finditer(r"[^\s,;:()\[\]]+", tail))
    if backwards:
        found.reverse()
    out: list[Target] = []
    kept: list[re.Match[str]] = []
    for m in found[:3]:
        w = m.group(0).rstrip(".")
        if not w or not w[0].isalpha() or w.lower() in FUNCTION_WORDS or w.lower() in _AFTER_STOP:
            break
        gap = (
            tail[kept[-1].end() : m.start()]
            if kept and not backwards
            else tail[m.end() : kept[-1].start()]
            if kept
            else " "
        )
        if gap.strip():
            break
        kept.append(m)
        a, b = (kept[0].start(), kept[-1].end()) if not backwards else (kept[-1].start(), kept[0].end())
        out.append(
            Target(tail[a:b].rstrip("."), at + a, at + a + len(tail[a:b].rstrip(".")), source, "metric")
        )
    return out


def _phrase_before(text: str, c: NumberCandidate, sentence: Sentence) -> list[Target]:
    """The words before the number once links are skipped: "test accuracy of 61%", "helpfulness by 9.6%"."""
    lo = max(sentence.start, c.start - 60)
    head = text[lo : c.start]
    ws = list(re.finditer(r"\S+", head))
    while ws and (ws[-1].group(0).lower() in _LINKS or ws[-1].group(0).lower() in cues()["qualifier:up to"]):
        ws.pop()
    if not ws:
        return []
    return _phrases(head[: ws[-1].end()], lo, "before", backwards=True)


def _phrase_into(text: str, c: NumberCandidate, sentence: Sentence) -> list[Target]:
    """The words after "in"/"for" (not "on": what it was measured on) following the number: "a decrease of 79.5% in the SARR metric"."""
    tail = text[c.end : min(sentence.end, c.end + 60)]
    m = re.match(r"\s*(?:\S+\s+){0,2}?(?:in|for)\s+(?:terms of\s+)?(?:the\s+)?", tail)
    if m is None:
        return []
    return _phrases(tail[m.end() :], c.end + m.end(), "into")


def _phrase_after(text: str, c: NumberCandidate, sentence: Sentence) -> list[Target]:
    """The one to three words written right after the number: "5.7% win rates", "0.5 BLEU gain"."""
    tail = text[c.end : min(sentence.end, c.end + 50)]
    out = []
    pos = 0
    for n, m in enumerate(re.finditer(r"\S+", tail)):
        w = m.group(0).strip(",;:.()")
        if n >= 3 or not w or not w[0].isalpha() or w.lower() in FUNCTION_WORDS or w.lower() in _AFTER_STOP:
            break
        if n == 0:
            pos = m.start()
        end = m.start() + len(m.group(0).rstrip(",;:.()"))
        out.append(Target(tail[pos:end], c.end + pos, c.end + end, "after", "metric"))
        if m.group(0)[-1:] in ",;:.)":
            break
    return out
