"""Result extraction does a bounded amount of work per value (issue 10, case 6: it was quadratic).

Wall-clock times are not asserted; instead the mention list handed to ``find_results`` counts how
often it is scanned from start to end. Before the fix every value scanned the whole paper's mentions
(and rebuilt ``Doc.text``), so a long number-dense abstract took minutes.
"""

from __future__ import annotations

from paperkg.extract import mentions_from_doc
from paperkg.models import Paper
from paperkg.nlp import get_pipeline
from paperkg.results import find_results

_SENTENCE = (
    "Our method achieves 91.5% accuracy on CIFAR-10 and improves BLEU by +3.6 over BERT on WMT14. "
    "Accuracy, precision and F1 were 97.1%, 97.3% and 97.2% respectively. "
)


class _CountingList(list):
    """A list that counts full iterations (``for m in mentions``)."""

    scans = 0

    def __iter__(self):
        type(self).scans += 1
        return super().__iter__()


def _doc(n: int):
    paper = Paper(id="t:long", title="Long", abstract=_SENTENCE * n)
    doc = get_pipeline()(paper.text)
    return doc, mentions_from_doc(doc, paper)


def test_mentions_are_scanned_a_bounded_number_of_times():
    doc, extracted = _doc(60)
    mentions = _CountingList(extracted.mentions)
    _CountingList.scans = 0
    results = find_results(doc, mentions)
    assert len(results) >= 60 * 4  # every sentence still yields its results
    assert _CountingList.scans <= 2  # not once per value or per sentence


def test_long_text_gives_the_same_results_as_its_parts():
    """Each repeated sentence pair yields the same results, shifted by its offset (the method and dataset
    may differ: they can be named elsewhere in the paper, here in the other repetitions)."""
    _, one = _doc(1)
    _, three = _doc(3)
    assert len(three.results) == 3 * len(one.results)
    step = len(_SENTENCE)
    for k in range(3):
        part = three.results[k * len(one.results) : (k + 1) * len(one.results)]
        for a, b in zip(one.results, part, strict=True):
            assert (b.value, b.metric, b.kind) == (a.value, a.metric, a.kind)
            assert b.start - a.start == k * step


def test_one_long_sentence_costs_a_bounded_amount_per_value(monkeypatch):
    """A text with no sentence end (a table flattened into one line): the words looked at per value stay
    bounded, so four times the text means about four times the work, not sixteen."""
    import paperkg.results.features as features

    read = [0]
    real = features.words

    def counting(text: str) -> list[str]:
        read[0] += len(text)
        return real(text)

    monkeypatch.setattr(features, "words", counting)
    part = (
        "our method achieves 91.5% accuracy on CIFAR-10 and 78.2% top-1 accuracy on ImageNet, improving over "
        "ResNet by 2.1 points, "
    )
    work = []
    for n in (50, 200):
        paper = Paper(id="t:line", title="Line", abstract=part * n + "end.")
        doc = get_pipeline()(paper.text)
        read[0] = 0
        results = find_results(doc, mentions_from_doc(doc, paper).mentions)
        assert len(results) >= 3 * n
        work.append(read[0])
    assert work[1] <= 4 * 1.3 * work[0]
