"""Result statements of one paper: number candidates, the model's decisions, ResultMention records.

For every number the trained model (:mod:`paperkg.results.model`) decides whether it states a result
and of which kind, then picks, among the targets near it, its metric, dataset or benchmark, method and
baseline ("our method achieves" goes to the paper's proposed method). "from A to B" gives two results:
A of kind ``baseline`` and B, whose ``baseline`` field holds A's value.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from paperkg.metrics import direction, impossible, metric_info
from paperkg.models import Mention, ResultMention
from paperkg.names import name_key
from paperkg.results.context import WINDOW, PaperContext, Sentence, Target, cues, words
from paperkg.results.features import (
    Features,
    _qualifier_before,
    candidate_features,
    on_unnamed,
    own_work_before,
    pair_features,
)
from paperkg.results.model import ResultModel, load_model
from paperkg.results.numbers import NumberCandidate

__all__ = ["FIELDS", "find_results", "find_results_in", "listed_before", "targets_for"]

FIELDS = ("metric", "dataset", "method", "compared_to")
_TARGET_KIND = {"metric": "metric", "dataset": "dataset", "method": "method", "compared_to": "method"}


def targets_for(ctx: PaperContext, s: Sentence, k: int, field: str) -> list[Target]:
    """What the ``k``-th number of ``s`` could attach to as its ``field``."""
    c = s.numbers[k]
    targets = ctx.targets(c, s, _TARGET_KIND[field])
    if field == "compared_to":
        return [t for t in targets if t.source != "proposed"]
    if field == "method":
        return [t for t in targets if not _compared(ctx, c, t)]
    return targets


def _compared(ctx: PaperContext, c: NumberCandidate, t: Target) -> bool:
    """True for a name written after the number behind a comparison word ("4.1% over Sent2vec, GenSen") or
    right after one before it ("PPO outperforms DPO by 2.5%", "beat the strong supervised baseline NLLB in
    40.91%"): a baseline, never the method that reached the number."""
    if t.start >= c.end:
        return bool(set(words(ctx.text[c.end : t.start])) & cues()["compare"])
    if t.source not in _NAMED or t.end > c.start:
        return False
    lead = words(ctx.text[max(0, t.start - 40) : t.start])[-3:]
    return bool(set(lead) & cues()["baseline_before"])


def listed_before(ctx: PaperContext, s: Sentence, field: str) -> list[Target]:
    """The names a sentence lists before its first number, left to right, overlaps merged (for
    "accuracy, precision and F1 were 97.1%, 97.3% and 97.2% respectively")."""
    if not s.numbers or "respectively" not in s.words:
        return []
    first = s.numbers[0]
    found = [
        t for t in ctx.targets(first, s, _TARGET_KIND[field]) if t.end <= first.start and t.source in _NAMED
    ]
    return _left_to_right(found)


_NAMED = {"mention", "lexicon"}


def _left_to_right(found: list[Target]) -> list[Target]:
    """``found`` in text order, a target that overlaps an earlier (or longer, same-start) one dropped."""
    found.sort(key=lambda t: (t.start, -t.end))
    out: list[Target] = []
    for t in found:
        if not out or t.start >= out[-1].end:
            out.append(t)
    return out


_LIST_GAP = re.compile(r"^\s*(?:,|and|, and|,and)\s*$")


def respective_names(ctx: PaperContext, s: Sentence, field: str) -> dict[int, str]:
    """ "accuracy, precision and F1 were 97.1%, 97.3% and 97.2% respectively", "1.2% and 2.4% on A and B
    respectively": each number of a list gets the name in the same place of the list of names (metrics or
    datasets) written just before the numbers, else just after them, when both lists have the same length."""
    if "respectively" not in s.words or len(s.numbers) < 2:
        return {}
    runs: list[list[int]] = [[0]]
    for k in range(1, len(s.numbers)):
        gap = ctx.text[s.numbers[k - 1].end : s.numbers[k].start]
        if _LIST_GAP.match(gap):
            runs[-1].append(k)
        else:
            runs.append([k])
    names = _names_in(ctx, s, field)
    out: dict[int, str] = {}
    for i, run in enumerate(runs):
        if len(run) < 2:
            continue
        lo = s.numbers[runs[i - 1][-1]].end if i else s.start
        hi = s.numbers[runs[i + 1][0]].start if i + 1 < len(runs) else s.end
        first, last = s.numbers[run[0]], s.numbers[run[-1]]
        before = [t for t in names if lo <= t.start and t.end <= first.start]
        after = [t for t in names if last.end <= t.start and t.end <= hi]
        for side in (before, after):
            if len(side) == len(run):
                out.update({k: t.text for k, t in zip(run, side, strict=True)})
                break
    return out


def _names_in(ctx: PaperContext, s: Sentence, field: str) -> list[Target]:
    """The names (extracted, or listed metrics) that ``field`` could take in ``s``, left to right,
    overlaps merged."""
    found: list[Target] = []
    for k in range(len(s.numbers)):
        found += [t for t in targets_for(ctx, s, k, field) if t.source in _NAMED and t.type != "task"]
    return _left_to_right(found)


def _widest(t: Target, targets: list[Target]) -> Target:
    """The longest extracted or listed name covering ``t`` ("test accuracy" over "accuracy")."""
    cover = [x for x in targets if x.source in _NAMED and x.start <= t.start and t.end <= x.end]
    return max(cover, key=lambda x: x.end - x.start, default=t)


def _score(model: ResultModel, field: str, f: Features) -> float:
    """How good a target is: the attachment model's logit plus the pairwise ranker's score."""
    ranker = model.rank.get(field)
    return model.attach[field].logit(f) + (ranker.logit(f) if ranker else 0.0)


def _attach(model: ResultModel, ctx: PaperContext, s: Sentence, k: int) -> dict[str, tuple[str, float]]:
    chosen: dict[str, tuple[str, float]] = {}
    for field in FIELDS:
        listed = listed_before(ctx, s, field)
        scored = [(pair_features(ctx, s, k, t, field, listed), t) for t in targets_for(ctx, s, k, field)]
        if scored:
            f, t = max(
                scored, key=lambda x: (_score(model, field, x[0]), -abs(x[1].start - s.numbers[k].start))
            )
            p = model.attach[field].prob(f)
            if p >= model.thresholds[field]:
                chosen[field] = (_widest(t, [x for _, x in scored]).text, p)
    if "method" in chosen and "compared_to" in chosen and chosen["method"][0] == chosen["compared_to"][0]:
        weaker = "method" if chosen["method"][1] < chosen["compared_to"][1] else "compared_to"
        del chosen[weaker]
    return chosen


def _kind(predicted: str, c: NumberCandidate, ctx: PaperContext, s: Sentence) -> str:
    """The model's kind, made consistent with how the number is written: "A-B" is a range, "2x" a ratio,
    "+2.1" or "by 2.1" or "2.3 mAP improvement" a change, not a level."""
    if c.high is not None and predicted != "baseline":
        return "range"
    if c.from_to and (c is s.numbers[0] or not s.numbers[s.numbers.index(c) - 1].from_to):
        return "baseline"  # the A of "from A to B"
    if c.unit == "x" and predicted not in {"range", "baseline"}:
        return "ratio"
    if predicted != "absolute":
        return predicted
    groups = cues()
    before = words(ctx.text[max(s.start, c.start - 40) : c.start])
    lead = [w for w in before if w not in {"the", "a", "an", "of"}][-2:]
    if lead in (["compared", "to"], ["compared", "with"]) or lead[-1:] in (["vs"], ["versus"], ["vs."]):
        return "baseline"  # "78.1% ..., compared to 77.0% test accuracy in [35]": the other's level
    while before and (before[-1] in _QUALIFYING or before[-1] in {"(", "of", "an", "a"}):
        before.pop()
    after = set(words(ctx.text[c.end : min(s.end, c.end + 30)])[:3])
    down = bool(after & groups["down"]) or bool(set(before[-6:]) & groups["down"])
    change_of = _CHANGE_OF.search(ctx.text, max(s.start, c.start - 60), c.start)  # "gains of 12.10, 6.51"
    if (
        c.text.startswith("+")
        or before[-1:] == ["by"]
        or change_of
        or after & (groups["up"] | groups["down"])
    ):
        return "reduction" if down and not c.text.startswith("+") else "improvement"
    return predicted


_CHANGE_OF = re.compile(
    r"\b(?:gains?|improvements?|increases?|reductions?|decreases?|drops?|lifts?|boosts?)\s+of\s+"
    r"(?:(?:up to|about|around|approximately|nearly|over|more than)\s+)?$",
    re.IGNORECASE,
)
_QUALIFYING = frozenset(
    {"up", "to", "approximately", "about", "around", "roughly", "nearly", "almost", "over", "than"}
)
_QUALIFYING |= {"more", "at", "least", "average", "on", "~"}


def _dataset_in_front(ctx: PaperContext, s: Sentence, c: NumberCandidate) -> str | None:
    """The dataset named right before the bracket the number opens: "CIFAR-10 (99.0%)"; "" when a name
    the extractor does not know as a dataset stands there ("Stanford Cars (96.0%)")."""
    if not ctx.text[max(s.start, c.start - 3) : c.start].rstrip().endswith("("):
        return None
    at = ctx.text.rfind("(", s.start, c.start)
    close = ctx.text.find(")", c.end, min(s.end, c.end + WINDOW))
    inside = ctx.targets(c, s, "dataset")
    if any(t.source == "mention" and c.end <= t.start < (close if close > 0 else s.end) for t in inside):
        return None  # "improves with scale (93% on CIFAR10, ...)": the bracket names its own dataset
    front = [t for t in inside if t.source == "mention" and 0 <= at - t.end <= 2]
    if front:
        return front[-1].text
    named = _TASK_IN_FRONT.search(ctx.text, max(s.start, at - 120), at)
    if named is not None:
        return named.group(1)  # "on a pairwise causal discovery task (97%, 13 points gain)"
    return "" if ctx.text[max(s.start, at - 2) : at].strip()[-1:].isalnum() else None


# the words before a bracket that end in a noun naming what was measured ("counterfactual reasoning task (")
_TASK_IN_FRONT = re.compile(
    r"(?:^|[,;:]\s+|\b(?:a|an|the|on|in|for)\s+)((?:[\w-]+\s+){0,3}(?:task|dataset|benchmark))\s*$"
)


_OF = re.compile(
    r"\s+(?:of|is|was|were|reaches|reached|=|:)\s+(?:(?:up to|about|approximately|around|nearly)\s+)?$"
)


def _metric_of(ctx: PaperContext, s: Sentence, c: NumberCandidate) -> str | None:
    """An extracted or listed metric name written just before the number and linked to it ("a Dice score
    of 70%", "an F1-score of up to 88%", "MAPEs of 2.47%", "accuracy was 91.2%")."""
    named = [t for t in ctx.targets(c, s, "metric") if t.source in _NAMED and t.end <= c.start]
    linked = [t for t in named if c.start - t.end <= 25 and _OF.match(ctx.text[t.end : c.start])]
    return max(linked, key=lambda t: (t.end, t.end - t.start)).text if linked else None


def _metric_right_after(ctx: PaperContext, s: Sentence, c: NumberCandidate) -> str | None:
    """An extracted or listed metric name written right after the number ("150 FPS", "76.7% mAP")."""
    follows = [t for t in ctx.targets(c, s, "metric") if t.source in _NAMED and 0 <= t.start - c.end <= 3]
    return max(follows, key=lambda t: t.end - t.start).text if follows else None


def find_results(doc: Doc, mentions: list[Mention], model: ResultModel | None = None) -> list[ResultMention]:
    """The result statements of one annotated paper (``model`` defaults to the shipped one)."""
    return find_results_in(PaperContext(doc, mentions), model or load_model())


def find_results_in(ctx: PaperContext, model: ResultModel) -> list[ResultMention]:
    """The result statements of a paper's context as ``model`` decides them."""
    out: list[ResultMention] = []
    for s in ctx.sentences:
        respective = {f: respective_names(ctx, s, f) for f in ("metric", "dataset", "method")}
        decided: dict[int, tuple[dict[str, tuple[str, float]], float]] = {}
        for k in range(len(s.numbers)):
            f = candidate_features(ctx, s, k)
            p = model.is_result.prob(f)
            if p >= model.thresholds["is_result"]:
                decided[k] = (_choose(model, ctx, s, k, respective), p)
        shared = {k: chosen for k, (chosen, _) in decided.items() if k not in respective["metric"]}
        _share_in_lists(ctx, s, shared, "metric")
        shared = {k: chosen for k, (chosen, _) in decided.items() if k not in respective["method"]}
        _share_in_lists(ctx, s, shared, "method")
        _subject_for_all(ctx, s, shared)
        found = {k: _result(model, ctx, s, k, chosen, p) for k, (chosen, p) in decided.items()}
        _share_kind_in_lists(ctx, s, found)
        out += [r for r in found.values() if r is not None]
    return out


_CHANGES = frozenset({"improvement", "reduction"})


def _share_kind_in_lists(ctx: PaperContext, s: Sentence, found: dict[int, ResultMention | None]) -> None:
    """ "outperforms the state-of-the-art by around 25% and 30% AP": a list whose first number is a gain
    or a reduction is a list of gains or reductions."""
    for run in list_runs(ctx, s):
        head = found.get(run[0])
        if head is None or head.kind not in _CHANGES:
            continue
        for k in run[1:]:
            r = found.get(k)
            if r is not None and r.kind == "absolute" and not s.numbers[k].from_to:
                found[k] = r.model_copy(update={"kind": head.kind})


def _choose(
    model: ResultModel, ctx: PaperContext, s: Sentence, k: int, respective: dict[str, dict[int, str]]
) -> dict[str, tuple[str, float]]:
    """The metric, dataset, method and baseline of the ``k``-th number: the model's picks, then what the
    writing settles ("respectively", "60x faster", "CIFAR-10 (99.0%)", "150 FPS")."""
    c = s.numbers[k]
    chosen = _attach(model, ctx, s, k)
    right_before = _metric_of(ctx, s, c)
    if right_before is not None:
        chosen["metric"] = (right_before, 1.0)  # "an F1-score of up to 88%", "MAPEs of 2.47%"
    for name, paired in respective.items():
        if k in paired:
            chosen[name] = (paired[k], 1.0)
    after = words(ctx.text[c.end : min(s.end, c.end + 30)])[:1]
    if after and after[0] in cues()["speed"] and after[0] != "times":
        chosen["metric"] = ("speed", 1.0)  # "60x faster": a speed ratio, whatever metric is near
    own = _own_method(model, ctx, s, k)
    if own is not None:
        chosen["method"] = (own, 1.0)  # "our proposed approach achieves ...": the paper's own method
    data = chosen.get("dataset")
    near = (max(s.start, c.start - WINDOW), min(s.end, c.end + WINDOW))
    if data is not None and ctx.text.find(data[0], *near) < 0 and on_unnamed(ctx, s, c):
        del chosen["dataset"]  # "10.5% on zero-shot models such as CLIP": not the paper's other dataset
    named_before = _dataset_in_front(ctx, s, c)
    if named_before == "":
        chosen.pop("dataset", None)  # "Stanford Cars (96.0%)": measured on what the bracket follows
    elif named_before is not None:
        chosen["dataset"] = (named_before, 1.0)  # "CIFAR-10 (99.0%)"
    right_after = _metric_right_after(ctx, s, c)
    if right_after is not None:
        chosen["metric"] = (right_after, 1.0)  # "150 FPS", "0.848 ROC AUC": the unit names it
    return chosen


def _own_method(model: ResultModel, ctx: PaperContext, s: Sentence, k: int) -> str | None:
    """The paper's proposed method when the sentence speaks of "our method" (or "the proposed model")
    before the number and names no method in between; of the paper's proposed names, the model's pick."""
    c = s.numbers[k]
    if not own_work_before(ctx.text, s, c):
        return None
    targets = targets_for(ctx, s, k, "method")
    if any(t.source == "mention" and s.start <= t.start and t.end <= c.start for t in targets):
        return None  # "our method, Loki, achieves": the model weighs the name written there
    own = [t for t in targets if t.source in {"proposed", "title"}]
    if not own:
        return None
    best = max(
        own,  # what a "we propose" sentence names first is what "our approach" refers back to
        key=lambda t: (
            name_key(t.text) in ctx.introduced,
            _score(model, "method", pair_features(ctx, s, k, t, "method")),
        ),
    )
    after = ctx.text[best.end : best.end + 20]
    short = next((t for t in own if after.lstrip().startswith("(" + t.text + ")")), None)
    return (short or best).text  # "Reward Preference Optimization (RPO)": the short name, as boards list it


_LIST_SLOT = re.compile(r"^\s*(?:(?:on|in|for)\s+[^,;()]{1,40}?)?\s*(?:,|and|, and|;)\s*$")


def list_runs(ctx: PaperContext, s: Sentence) -> list[list[int]]:
    """Runs of the sentence's numbers written as one list ("2.47%, 1.29%, and 0.88%", "93% on CIFAR10,
    79% on CIFAR100"), each run two numbers or more."""
    runs: list[list[int]] = [[0]] if s.numbers else []
    for k in range(1, len(s.numbers)):
        gap = ctx.text[s.numbers[k - 1].end : s.numbers[k].start]
        if _LIST_SLOT.match(gap) and s.numbers[k].unit == s.numbers[k - 1].unit:
            runs[-1].append(k)
        else:
            runs.append([k])
    return [r for r in runs if len(r) > 1]


def _share_in_lists(
    ctx: PaperContext, s: Sentence, chosen: dict[int, dict[str, tuple[str, float]]], field: str
) -> None:
    """A list of numbers shares the ``field`` (metric, method) named before its first number ("MAPEs of
    2.47%, 1.29% and 0.88%", "PPO outperforms DPO by up to 2.5% in math and 1.2% in general domains"): a
    later number keeps its own only when it is written in its own place of the list."""
    for run in list_runs(ctx, s):
        head = chosen.get(run[0], {}).get(field)
        first = s.numbers[run[0]]
        if head is None or ctx.text.find(head[0], max(s.start, first.start - WINDOW), first.start) < 0:
            continue
        for i, k in enumerate(run[1:], 1):
            if k not in chosen:
                continue
            c = s.numbers[k]
            lo = s.numbers[run[i - 1]].end
            hi = s.numbers[run[i + 1]].start if i + 1 < len(run) else min(s.end, c.end + 30)
            own = chosen[k].get(field)
            if own is None or ctx.text.find(own[0], lo, hi) < 0:
                chosen[k][field] = head


def _subject_for_all(ctx: PaperContext, s: Sentence, chosen: dict[int, dict[str, tuple[str, float]]]) -> None:
    """ "Algorithms based on GPT-3.5 and 4 outperform ... (97%, 13 points gain), ... (92%, 20 points gain)":
    a method named before the sentence's first number and chosen for one of them is the method of those
    numbers that found none of their own."""
    if not s.numbers:
        return
    first = s.numbers[0].start
    lo = max(s.start, first - WINDOW)
    subject = next(
        (
            c["method"]
            for c in chosen.values()
            if "method" in c and ctx.text.find(c["method"][0], lo, first) >= 0
        ),
        None,
    )
    if subject is None:
        return
    for k, c in chosen.items():
        if "method" not in c and "compared_to" not in c and not s.numbers[k].from_to:
            c["method"] = subject


def _result(
    model: ResultModel, ctx: PaperContext, s: Sentence, k: int, chosen: dict[str, tuple[str, float]], p: float
) -> ResultMention | None:
    """The ResultMention of the ``k``-th number of ``s``, or None for a level no metric can take."""
    c = s.numbers[k]
    kind = _kind(model.kind.predict(candidate_features(ctx, s, k)), c, ctx, s)
    unit_word = [w for w in words(ctx.text[c.end : min(s.end, c.end + 20)]) if w[0].isalpha()][:1]
    info = metric_info(chosen.get("metric", (None,))[0])
    if (
        c.unit is None
        and unit_word
        and unit_word[0] in cues()["time_unit"]
        and info is not None
        and info.share
    ):
        chosen.pop("metric")  # "in more than 65 GPU hours": a cost, not an accuracy
    if kind == "absolute" and impossible(chosen.get("metric", (None,))[0], c.value):
        return None  # "1000 classes ... accuracy": no accuracy is 1000
    lower = direction(chosen.get("metric", ("",))[0]) == "lower"
    if kind == "absolute" and c.unit == "%" and lower and s.words & cues()["down"]:
        kind = "reduction"  # "prune ResNet56 for 63.42% FLOPs": a share of a cost removed
    if kind == "baseline":  # the A of "from A to B" is a level the paper starts from, not its method's
        chosen["method"] = chosen.pop("compared_to", None) or (None, 0.0)
    partner = s.numbers[k - 1] if c.from_to and k > 0 and s.numbers[k - 1].from_to else None
    before = words(ctx.text[max(s.start, c.start - 30) : c.start])
    qualifier = _qualifier_before(before) or ("approximately" if c.text.startswith("~") else None)
    return ResultMention(
        value=c.value,
        value_text=c.text,
        unit=c.unit,
        kind=kind,
        high=c.high,
        baseline=partner.value if partner is not None and kind != "baseline" else None,
        qualifier=qualifier,
        metric=chosen.get("metric", (None,))[0],
        dataset=chosen.get("dataset", (None,))[0],
        method=chosen.get("method", (None,))[0],
        compared_to=chosen.get("compared_to", (None,))[0],
        start=c.start,
        end=c.end,
        sentence_start=s.start,
        sentence_end=s.end,
        confidence=round(p, 2),
    )
