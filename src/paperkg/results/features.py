"""Features of a number candidate (is it a result, and of which kind) and of a (number, target) pair
(does the number belong to that metric, dataset or method), from the words and punctuation around them.

The spaCy pipeline is blank (no tagger or parser), so "structure" is what the text shows: the words just
before and after, the clause marks (commas, semicolons, brackets) and comparison words between the number
and a target, their order, the other numbers of a list, and "respectively".
"""

from __future__ import annotations

import re

from paperkg.metrics import metric_info
from paperkg.models import EntityType
from paperkg.names import name_key
from paperkg.results.context import HEADS, WINDOW, PaperContext, Sentence, Target, cues, words
from paperkg.results.numbers import NumberCandidate

__all__ = ["candidate_features", "on_unnamed", "own_work_before", "pair_features"]

Features = dict[str, float]
_METRIC = {EntityType.METRIC}
_DATA = {EntityType.DATASET, EntityType.BENCHMARK}
_METHOD = {EntityType.METHOD}


def _bin(n: float, edges: tuple[float, ...]) -> str:
    return str(next((e for e in edges if n <= e), "inf"))


# cue groups written for the target filters (context.py, find.py): features of pairs, not of candidates
_FILTER_GROUPS = frozenset({"not_metric", "baseline_before", "proposal", "time_unit", "clause_word"})
_NEVER_FEATURES = frozenset({"time_unit", "clause_word"})


def _groups(ws: list[str], pair: bool = True) -> set[str]:
    groups = cues()
    skip = _NEVER_FEATURES if pair else _FILTER_GROUPS
    return {
        g
        for g, ms in groups.items()
        if not g.startswith("qualifier") and g not in skip and ms.intersection(ws)
    }


def _qualifier_before(ws: list[str]) -> str | None:
    """'up to', 'approximately', ... written right before a value (``ws`` are the words before it)."""
    groups = cues()
    for n in (2, 1):
        key = " ".join(ws[-n:])
        for g, members in groups.items():
            if g.startswith("qualifier:") and key in members and len(ws) >= n:
                return g.split(":", 1)[1]
    return None


def candidate_features(ctx: PaperContext, s: Sentence, k: int) -> Features:
    """Features of the ``k``-th number of sentence ``s``."""
    c = s.numbers[k]
    text = ctx.text
    before = words(text[max(s.start, c.start - 80) : c.start])[-5:]
    after = words(text[c.end : min(s.end, c.end + 80)])[:5]
    f: Features = {"bias": 1.0, f"unit={c.unit}": 1.0}
    raw = c.text.lstrip("~+-−±")
    f["decimal"] = float("." in raw.split()[0])
    f[f"mag={_bin(abs(c.value), (1, 10, 100, 1000))}"] = 1.0
    if c.text[:1] in "+-−~±":
        f[f"sign={c.text[0]}"] = 1.0
    if c.unit is None and "." not in raw and 1900 <= c.value <= 2100:
        f["year"] = 1.0
    if c.high is not None:
        f["range"] = 1.0
    if c.from_to:
        first = k + 1 < len(s.numbers) and s.numbers[k + 1].from_to and s.numbers[k + 1].start > c.start
        f["from_to_first" if first and (k == 0 or not s.numbers[k - 1].from_to) else "from_to"] = 1.0
    for i, w in enumerate(reversed(before[-3:])):
        f[f"b{i + 1}={w}"] = 1.0
    for i, w in enumerate(after[:3]):
        f[f"a{i + 1}={w}"] = 1.0
    for g in _groups(before[-4:], pair=False):
        f[f"before:{g}"] = 1.0
    for g in _groups(after[:3], pair=False):
        f[f"after:{g}"] = 1.0
    for g in _groups(list(s.words), pair=False):
        f[f"sent:{g}"] = 1.0
    q = _qualifier_before(before)
    if q:
        f[f"qual={q}"] = 1.0
    if after[:1] == [")"] and c.unit is None and "." not in raw:
        f["enumeration"] = 1.0
    if before[-1:] == ["("]:
        f["in_parens"] = 1.0
    f[f"n_numbers={_bin(len(s.numbers), (1, 2, 4))}"] = 1.0
    if k > 0 and s.numbers[k - 1].unit == c.unit and c.start - s.numbers[k - 1].end < 25:
        f["listed_after_same_unit"] = 1.0
    if "respectively" in s.words:
        f["respectively"] = 1.0
    pos = s.index / max(1, len(ctx.sentences) - 1)
    f[f"sent_pos={_bin(pos, (0.0, 0.34, 0.67, 0.99))}"] = 1.0
    metrics = ctx.near(c.start, c.end, _METRIC, s)
    f["metric_in_sentence"] = float(bool(metrics))
    if any(0 <= m.start - c.end <= 3 for m in metrics):
        f["metric_right_after"] = 1.0
    if any(0 <= c.start - m.end <= 5 for m in metrics):
        f["metric_right_before"] = 1.0
    f["dataset_in_sentence"] = float(bool(ctx.near(c.start, c.end, _DATA, s)))
    return f


def pair_features(
    ctx: PaperContext, s: Sentence, k: int, t: Target, field: str, listed: list[Target] | None = None
) -> Features:
    """Features of attaching the ``k``-th number of ``s`` to target ``t`` as its ``field``; ``listed`` are
    the names written before the sentence's first number (for "A, B and C ... respectively")."""
    c = s.numbers[k]
    text = ctx.text
    f: Features = {"bias": 1.0, f"src={t.source}": 1.0, f"type={t.type}": 1.0}
    tws = words(t.text)
    f[f"n_words={min(len(tws), 4)}"] = 1.0
    if tws:
        f[f"head={tws[-1]}"] = 1.0
        if len(tws) == 1:
            f[f"only={tws[0]}"] = 1.0
        for g in _groups(tws):
            f[f"t_grp={g}"] = 1.0
    if field == "metric" and metric_info(t.text) is not None:
        f["listed_metric"] = 1.0
    if t.text[:1].isupper():
        f["capitalised"] = 1.0
    same = s.start <= t.start < s.end
    f["same_sentence"] = float(same)
    if t.proposed:
        f["proposed"] = 1.0
    f[f"freq={_bin(t.freq, (1, 2, 4))}"] = 1.0
    self_sentence = bool(s.words & cues()["self"])
    f[f"src={t.source}|self={self_sentence}"] = 1.0
    if field in {"method", "compared_to"} and own_work_before(text, s, c):
        f[f"src={t.source}|our_head"] = 1.0  # "our method achieves ...": the paper's proposed method
    if t.type == "method" and name_key(t.text) in ctx.introduced:
        f[f"introduced|src={t.source}"] = 1.0
    if t.source == "proposed":
        f[f"proposed_conf={_bin(t.confidence, (0.5, 0.8))}"] = 1.0
    if t.source == "paper":
        f[f"paper|sentence_names={bool(ctx.near(c.start, c.end, _DATA | _METHOD, s))}"] = 1.0
        f[f"paper|on_unnamed={on_unnamed(ctx, s, c)}"] = 1.0
    if not same:
        f["self_sentence" if "we" in s.words or "our" in s.words else "other_sentence"] = 1.0
        return f
    side = "after" if t.start >= c.end else "before"
    gap = t.start - c.end if side == "after" else c.start - t.end
    f[side] = 1.0
    f[f"{side}_dist={_bin(gap, (1, 3, 10, 30, 60, 120))}"] = 1.0
    lo, hi = (c.end, t.start) if side == "after" else (t.end, c.start)
    if hi - lo > 2 * WINDOW:  # a far name in a long sentence: its ends say enough, and work stays bounded
        between = words(text[lo : lo + WINDOW]) + words(text[hi - WINDOW : hi])
    else:
        between = words(text[lo:hi])
    bset = set(between)
    for mark in (
        ",",
        ";",
        "(",
        ")",
        "and",
        "on",
        "of",
        "in",
        "by",
        "with",
        "to",
        "than",
        "over",
        "vs",
        "for",
    ):
        if mark in bset:
            f[f"{side}_has={mark}"] = 1.0
    for g in _groups(between):
        f[f"{side}_grp={g}"] = 1.0
    lead = words(text[max(s.start, t.start - 30) : t.start])[-2:]
    for w in lead:
        f[f"lead={w}"] = 1.0
    others = s.numbers_within(min(c.end, t.end), max(c.start, t.start))
    f[f"{side}_numbers_between={_bin(others, (0, 1, 3))}"] = 1.0
    rank = _rank(ctx, s, c, t, side)
    f[f"{side}_rank={min(rank, 3)}"] = 1.0
    if listed and "respectively" in s.words:
        order = next((i for i, x in enumerate(listed) if x.start == t.start), None)
        if order is not None:
            f["resp_order" if order == k else "resp_other"] = 1.0
            f["resp_count_match"] = float(len(listed) == len(s.numbers))
    f[f"{field}_{side}"] = 1.0
    return f


_OWN = re.compile(
    r"\b(?:our|the proposed)\s+(?:proposed\s+|new\s+|final\s+|best\s+)?(?:[\w-]+\s+)?(?:"
    + "|".join(sorted(HEADS))
    + r")\b",
    re.IGNORECASE,
)


def own_work_before(text: str, s: Sentence, c: NumberCandidate) -> bool:
    """True when the sentence speaks of the paper's own method before the number: "our method achieves",
    "the proposed model reaches", "our best model scores"."""
    return _OWN.search(text, max(s.start, c.start - WINDOW), c.start) is not None


def on_unnamed(ctx: PaperContext, s: Sentence, c: NumberCandidate) -> bool:
    """ "10.5% improvement on pretrained zero-shot models such as CLIP": the number says what it was
    measured on, and that is no dataset or benchmark the extractor found."""
    tail = ctx.text[c.end : min(s.end, c.end + 60)]
    m = re.search(r"\b(?:on|in)\s+", tail)
    if m is None:
        return False
    at = c.end + m.end()
    if any(at <= d.start <= at + 4 for d in ctx.near(c.start, c.end, _METHOD, s)):
        return False  # "48% on ResNet-18": a backbone, the dataset is still the paper's
    return not any(at <= d.start < at + 40 for d in ctx.near(c.start, c.end, _DATA, s))


def _rank(ctx: PaperContext, s: Sentence, c: NumberCandidate, t: Target, side: str) -> int:
    """How many targets of the same type lie between the number and ``t`` (0: the nearest one)."""
    types = _METRIC if t.type == "metric" else _DATA if t.type in {"dataset", "benchmark"} else _METHOD
    near = ctx.near(c.start, c.end, types, s)
    if side == "after":
        return sum(1 for m in near if c.end <= m.start < t.start)
    return sum(1 for m in near if t.end <= m.start and m.end <= c.start)
