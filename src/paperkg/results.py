"""Result statements: "achieves 91.5% accuracy on CIFAR-10", "improves FID by 2.1 over X",
"accuracy increases from 84.6% to 91.5%", "up to approximately +20% in accuracy", "2x faster".

Part of the extract stage. Small pure functions find numeric values with their unit, qualifier and
kind in a sentence's tokens; :func:`find_results` ties each value to the metric, dataset or benchmark
and method mentions of the same sentence and to a comparison target ("over X", "compared to Y").
A number counts as a result only when a metric names it, or a result word ("improvement", "gain",
"outperforms") stands next to it; sizes and shares ("1.6B parameters", "48.6% of the videos") do not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from paperkg.models import EntityType, Mention, ResultMention

__all__ = ["find_results", "parse_number"]

_NUM = re.compile(r"^[~+\-−]?\d+(?:[.,]\d+)?(?:%|x|×)?$")
_QUALIFIERS = {
    "up to": "up to",
    "approximately": "approximately",
    "approx": "approximately",
    "around": "approximately",
    "about": "approximately",
    "roughly": "approximately",
    "nearly": "approximately",
    "almost": "approximately",
    "over": "over",
    "above": "over",
    "more than": "over",
    "at least": "at least",
    "~": "approximately",
    "average": "average",
    "averagely": "average",
    "on average": "average",
    "below": "under",
    "under": "under",
}
_UP = {
    "improves",
    "improve",
    "improved",
    "improvement",
    "improvements",
    "gain",
    "gains",
    "increase",
    "increases",
    "increased",
    "boost",
    "boosts",
    "lift",
    "lifts",
    "higher",
    "better",
    "outperforms",
    "outperform",
    "surpasses",
    "surpass",
    "relative",
    "absolute",
}
_DOWN = {
    "reduce",
    "reduces",
    "reduced",
    "reducing",
    "reduction",
    "decrease",
    "decreases",
    "decreased",
    "lower",
    "fewer",
    "less",
    "drop",
    "drops",
    "saving",
    "savings",
}
_ACHIEVE = {
    "achieves",
    "achieve",
    "achieved",
    "achieving",
    "reaches",
    "reach",
    "reached",
    "reaching",
    "obtains",
    "obtain",
    "attains",
    "attain",
    "scores",
    "scored",
    "scoring",
    "yields",
    "yield",
    "with",
    "of",
    "at",
    "is",
    "was",
    "were",
    "are",
}
_QUALIFIER_WORDS = {
    "up",
    "to",
    "approximately",
    "approx",
    "around",
    "about",
    "roughly",
    "nearly",
    "almost",
    "over",
    "more",
    "than",
    "at",
    "least",
    "~",
    "an",
    "a",
    "average",
    "of",
}
_COMPARE = {"over", "than", "vs", "vs.", "versus"}
_YEAR = re.compile(r"^(19|20)\d\d$")
_NOT_RESULT_AFTER = {
    "of",
    "parameters",
    "params",
    "tokens",
    "samples",
    "images",
    "videos",
    "questions",
    "hours",
    "layers",
    "examples",
    "users",
    "students",
    "frames",
    "epochs",
    "steps",
    "years",
    "days",
}


def parse_number(text: str) -> tuple[float, str | None] | None:
    """``(value, unit)`` of a number token such as "91.5%", "+20%", "2x", "0.848", "~99.04%"."""
    if not _NUM.match(text):
        return None
    unit = None
    if text.endswith("%"):
        unit, text = "%", text[:-1]
    elif text.endswith(("x", "×")):
        unit, text = "x", text[:-1]
    text = text.lstrip("~+").replace("−", "-").replace(",", ".")
    try:
        return float(text), unit
    except ValueError:
        return None


def _number_at(tokens: Sequence[Token], i: int) -> tuple[int, float, str | None] | None:
    """(end index, value, unit) for the number starting at token ``i`` ("91.5 %", "+7.1 %", "2x")."""
    tok = tokens[i]
    text = tok.text
    end = i + 1
    if text in {"+", "-", "~", "−"} and i + 1 < len(tokens) and not tok.whitespace_:
        if text in {"-", "−"} and (i == 0 or tokens[i - 1].text in {":", ";", "(", "-"}):
            text = ""  # a list bullet ("Key findings include: -83.3% ..."), not a minus sign
        text += tokens[i + 1].text
        end += 1
    if end < len(tokens) and (
        tokens[end].text == "%" or (tokens[end].text in {"x", "×"} and not tokens[end - 1].whitespace_)
    ):
        text += tokens[end].text
        end += 1
    elif end < len(tokens) and tokens[end].lower_ in {"points", "point", "pp"}:
        parsed = parse_number(text)
        return (end + 1, parsed[0], "points") if parsed else None
    parsed = parse_number(text)
    if parsed is None or not any(
        c.isdigit() for c in tok.text + (tokens[i + 1].text if i + 1 < len(tokens) else "")
    ):
        return None
    return end, parsed[0], parsed[1]


def _qualifier(words: list[str]) -> str | None:
    for n in (2, 1):
        if len(words) >= n:
            key = " ".join(words[-n:])
            if key in _QUALIFIERS:
                return _QUALIFIERS[key]
    return None


class _SentenceMentions:
    """The mentions of one sentence, sorted, with bisect lookups: each value's metric, dataset and
    method are found in time independent of the sentence's length (a 1 MB abstract stays linear)."""

    def __init__(self, mentions: list[Mention], sent: Span, text: str) -> None:
        inside = mentions[
            bisect_left(mentions, sent.start_char, key=_start) : bisect_left(
                mentions, sent.end_char, key=_start
            )
        ]
        self.metrics = [m for m in inside if m.type is EntityType.METRIC]
        self.metrics_by_end = sorted(self.metrics, key=_end)
        self.data = [m for m in inside if m.type in {EntityType.DATASET, EntityType.BENCHMARK}]
        self.data_by_end = sorted(self.data, key=_end)
        # positions of the clause breaks that stop a value's dataset search
        self.breaks = [k.start() for k in re.compile(r"[;)]").finditer(text, sent.start_char, sent.end_char)]
        # the method the sentence is about and its comparison target ("over X") do not depend on the value
        self.method: Mention | None = None
        self.compared: Mention | None = None
        for m in inside:
            if m.type is not EntityType.METHOD:
                continue
            lead = text[max(sent.start_char, m.start - 20) : m.start].lower().split()
            if lead and (lead[-1] in _COMPARE or lead[-1] in {"outperforms", "surpasses", "to", "with"}):
                self.compared = self.compared or m
            elif self.method is None:
                self.method = m
        self.self_reference = bool(re.search(r"\b(we|our)\b", sent.text.lower()))

    def method_before(self, pos: int) -> Mention | None:
        return self.method if self.method is not None and self.method.start < pos else None

    def dataset_for(self, end: int, start: int) -> Mention | None:
        """The dataset a value was measured on: the first one named after it in the same clause
        ("+7.4% AP on Lyft"), else the nearest one before it."""
        k = bisect_left(self.data, end, key=_start)
        first_after = self.data[k] if k < len(self.data) else None
        if first_after is not None:
            b = bisect_left(self.breaks, end)
            if b < len(self.breaks) and self.breaks[b] < first_after.start:
                first_after = None  # a ";" or ")" closes the clause first
        if first_after is not None and first_after.start - end <= 60:
            return first_after
        j = bisect_right(self.data_by_end, start, key=_end)
        return self.data_by_end[j - 1] if j else first_after

    def metric_for(self, start: int, end: int) -> Mention | None:
        """The metric a value belongs to: right after it ("0.848 ROC AUC"), right before it ("accuracy
        of 82.6%"), else the nearest one in the sentence."""
        k = bisect_left(self.metrics, end, key=_start)
        if k < len(self.metrics) and self.metrics[k].start - end <= 3:
            return self.metrics[k]
        j = bisect_right(self.metrics_by_end, start, key=_end)
        if j and start - self.metrics_by_end[j - 1].end <= 5:
            return self.metrics_by_end[j - 1]
        p = bisect_left(self.metrics, start, key=_start)
        near = self.metrics[max(0, p - 1) : p + 1]  # the nearest by start is one of these two
        return min(near, key=lambda m: abs(m.start - start)) if near else None


def _start(m: Mention) -> int:
    return m.start


def _end(m: Mention) -> int:
    return m.end


def find_results(doc: Doc, mentions: list[Mention]) -> list[ResultMention]:
    """The result statements of one annotated paper."""
    out: list[ResultMention] = []
    proposed = next((m for m in mentions if m.proposed and m.type is EntityType.METHOD), None)
    mentions = sorted(mentions, key=_start)
    text = doc.text  # Doc.text joins every token: once per paper, not once per value
    for sent in doc.sents:
        index = _SentenceMentions(mentions, sent, text)
        sent_results: list[ResultMention] = []
        tokens = list(sent)
        words = [t.lower_ for t in tokens]
        i = 0
        while i < len(tokens):
            num = _number_at(tokens, i)
            if num is None:
                i += 1
                continue
            end, value, unit = num
            start_tok, end_tok = tokens[i], tokens[end - 1]
            bare_integer = unit is None and "." not in start_tok.text and "," not in start_tok.text
            if bare_integer and (
                _YEAR.match(start_tok.text) or (i + 1 < len(tokens) and tokens[i + 1].text == ")")
            ):
                i = end  # a year or an enumeration "(1)"
                continue
            before = words[max(0, i - 4) : i]
            # the word before the value once qualifiers are skipped: "by [up to] 12.6%"
            k = i
            while k > 0 and words[k - 1] in _QUALIFIER_WORDS:
                k -= 1
            lead = words[k - 1] if k > 0 else ""
            after = words[end : end + 3]
            context = set(words[max(0, i - 8) : end + 4])
            kind = "absolute"
            baseline = None
            # "from 84.6% to 91.5%": one result, the second value, with its baseline
            if before[-1:] == ["from"] and end + 1 < len(tokens) and words[end] == "to":
                nxt = _number_at(tokens, end + 1)
                if nxt is not None:
                    baseline = value
                    end, value, unit = nxt[0], nxt[1], nxt[2] or unit
                    end_tok = tokens[end - 1]
                    kind = "from_to"
            else:
                # the words right around the value say what kind it is: "by 9.6%", "+7.1%", "5.7% gains"
                near = set(words[max(0, i - 3) : i]) | set(words[end : end + 2])
                if near & _DOWN or (lead == "by" and context & _DOWN):
                    kind = "reduction"
                elif lead == "by" or tokens[i].text.startswith("+") or near & _UP:
                    kind = "improvement"
            # "64.66% to 75.71%", "21%-42%": a range
            range_high = None
            if (
                kind in {"absolute", "improvement"}
                and end + 1 < len(tokens)
                and words[end] in {"to", "-", "–"}
            ):
                nxt = _number_at(tokens, end + 1)
                if nxt is not None and (nxt[2] == unit or nxt[2] is None):
                    range_high = nxt[1]
                    end = nxt[0]
                    end_tok = tokens[end - 1]
            char_pos = start_tok.idx
            value_end = end_tok.idx + len(end_tok.text)
            metric = index.metric_for(char_pos, value_end)
            cue = bool(context & (_UP | _DOWN)) or kind == "from_to" or unit == "x"
            # one more value of a list whose first value was a result: "(+7.1% on A, and +8.3% on B)"
            listed = bool(sent_results) and sent_results[-1].unit == unit and unit is not None
            adjacent = metric is not None and (
                0 <= metric.start - value_end <= 3 or 0 <= char_pos - metric.end <= 5
            )
            if after[:1] and after[0] in _NOT_RESULT_AFTER and unit != "x" and not adjacent:
                i = end
                continue
            if bare_integer and not adjacent:
                i = end
                continue
            if metric is None and not (cue or listed):
                i = end
                continue
            if metric is not None and abs(metric.start - char_pos) > 80 and not (cue or listed):
                i = end
                continue
            dataset = index.dataset_for(value_end, char_pos)
            method = index.method_before(char_pos)
            compared = index.compared
            if method is None and proposed is not None and index.self_reference:
                method = proposed
            confidence = (
                0.5 + 0.2 * (metric is not None) + 0.1 * (dataset is not None) + 0.1 * (method is not None)
            )
            sent_results.append(
                ResultMention(
                    value=value,
                    value_text=text[start_tok.idx : end_tok.idx + len(end_tok.text)],
                    unit=unit,
                    kind=kind if range_high is None else "range",
                    high=range_high,
                    baseline=baseline,
                    qualifier=_qualifier(
                        words[max(0, i - 3) : i] + ([] if not tokens[i].text.startswith("~") else ["~"])
                    ),
                    metric=metric.text if metric else None,
                    dataset=dataset.text if dataset else None,
                    method=method.text if method else None,
                    compared_to=compared.text if compared else None,
                    start=start_tok.idx,
                    end=end_tok.idx + len(end_tok.text),
                    sentence_start=sent.start_char,
                    sentence_end=sent.end_char,
                    confidence=round(min(confidence, 1.0), 2),
                )
            )
            i = end
        _pair_respectively(sent, sent_results, index.metrics)
        out.extend(sent_results)
    return out


def _pair_respectively(sent: Span, results: list[ResultMention], metrics: list[Mention]) -> None:
    """ "accuracy, precision and F1 were 97.1%, 97.3% and 97.2% respectively": pair metrics and values in order.

    ``metrics`` are the sentence's metric mentions."""
    if not results or "respectively" not in sent.text.lower():
        return
    first = results[0].start
    names = [m.text for m in metrics if m.start < first]
    if len(names) == len(results):
        for r, name in zip(results, names, strict=True):
            r.metric = name
