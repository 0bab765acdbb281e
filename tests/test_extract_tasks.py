"""Task decisions on real sentences: the phrase candidates, their labels, the corpus statistics and the
ranked task list (negatives included: "generalization" alone, "long-term", "named entities")."""

from __future__ import annotations

import pytest

from paperkg.extract import Extractor
from paperkg.extract.candidates import TASK_SOURCE, find_candidates, lower_phrases
from paperkg.extract.features import title_stat_features
from paperkg.extract.train import label_groups
from paperkg.models import EntityType, Paper
from paperkg.names import phrase_key
from paperkg.nlp import get_pipeline
from paperkg.resolve import EntityRegistry, resolve_paper


def _doc(title: str, abstract: str):
    return get_pipeline()(f"{title}\n\n{abstract}")


def _phrases(title: str, abstract: str) -> dict[str, set[str]]:
    doc = _doc(title, abstract)
    out: dict[str, set[str]] = {}
    for s, e, src in lower_phrases(doc, len(get_pipeline()(title))):
        out.setdefault(doc[s:e].text, set()).add(src)
    return out


def _tasks(title: str, abstract: str) -> list[str]:
    ex = resolve_paper(Extractor().extract(Paper(id="t:1", title=title, abstract=abstract)), EntityRegistry())
    return [pe.name for pe in ex.entities if pe.entity.type is EntityType.TASK]


def test_title_words_may_be_capitalised_and_hyphenated():
    spans = _phrases(
        "Challenges of Using Transformer-Based Multi-Task Learning in NLP",
        "We study multi-task learning across tasks.",
    )
    assert "Multi-Task Learning" in spans
    assert all(src.startswith(TASK_SOURCE) for src in spans["Multi-Task Learning"])
    # a group that only the task pass finds is the task model's alone
    doc = _doc("Challenges of Using Transformer-Based Multi-Task Learning in NLP", "We study it.")
    groups = {doc[g.spans[0][0] : g.spans[0][1]].text: g for g in find_candidates(doc).groups}
    assert groups["Transformer-Based Multi-Task Learning"].task_only
    # lower-case words of the abstract: "learning" is a head word, no phrase breaker
    assert "multi-task learning" in spans
    # "Using" ends the phrase before it
    assert not any("Using" in p for p in spans)


def test_title_runs_joined_by_in_of_for():
    spans = _phrases(
        "Multiphase MCMC Sampling for Parameter Inference in Nonlinear Ordinary Differential Equations",
        "We study parameter inference.",
    )
    assert "Parameter Inference in Nonlinear Ordinary Differential Equations" in spans
    # joining never happens in the abstract, and never across "using"
    body = _phrases("T", "We study parameter inference in nonlinear equations using sampling methods.")
    assert "parameter inference in nonlinear equations" not in body
    task = {p for p, srcs in body.items() if any(s.startswith(TASK_SOURCE) for s in srcs)}
    assert not any("using" in p for p in task)


def test_prepositions_end_task_phrases():
    spans = _phrases("T", "We close the gap between detection and tracking during training.")
    task = {p for p, srcs in spans.items() if any(s.startswith(TASK_SOURCE) for s in srcs)}
    assert task and not any("between" in p or "during" in p for p in task)
    # the first pass keeps its phrases as they were: its spans are what the type model reads
    assert "gap between detection" in spans and spans["gap between detection"] == {"phrase_run"}


def test_task_label_goes_to_the_best_matching_phrase():
    doc = _doc(
        "A Unified Framework for Continual Learning",
        "Continual learning suffers from catastrophic forgetting; learning new tasks erases old ones.",
    )
    cands = find_candidates(doc)
    labels, _, is_task = label_groups(cands, {"tasks": ["continual learning", "catastrophic forgetting"]})
    chosen = {
        doc[g.spans[0][0] : g.spans[0][1]].text.lower()
        for g, t in zip(cands.groups, is_task, strict=True)
        if t
    }
    assert {"continual learning", "catastrophic forgetting"} <= chosen
    assert "learning" not in chosen and "forgetting" not in chosen
    # the type model's label stays the loose one (half the words and the head word shared)
    loose = {
        doc[g.spans[0][0] : g.spans[0][1]].text.lower()
        for g, lab in zip(cands.groups, labels, strict=True)
        if lab
    }
    assert "forgetting" in loose


def test_corpus_statistics_of_phrases():
    assert phrase_key("Multi-Task Learning") == "multi task learning"
    assert phrase_key("Graphs") == "graph"
    topic = title_stat_features("image classification")
    assert topic[0] != "t:tdf=0" and int(topic[0].split("=")[1]) >= 2
    assert title_stat_features("bandwidth consumption flows") == ("t:tdf=0",)


@pytest.mark.parametrize(
    ("title", "abstract", "wanted", "never"),
    [
        (
            "An Adaptive Probabilistic Approach to Goal-Level Imitation Learning",
            "Imitation learning lets robots acquire skills from demonstrations. We propose a probabilistic "
            "approach that learns goals rather than trajectories, which improves generalization to new "
            "objects.",
            "imitation learning",
            {"generalization", "improves generalization"},
        ),
        (
            "Monocular Depth Estimation with Attention",
            "We study monocular depth estimation for autonomous driving. Our model improves generalization "
            "across datasets and captures long-term context.",
            "monocular depth estimation",
            {"generalization", "long-term", "attention"},
        ),
        (
            "Tagging Clinical Notes",
            "Our tagger marks named entities in clinical notes and reaches 91.2 F1 on i2b2.",
            None,
            {"named entities", "named entity"},
        ),
    ],
)
def test_ranked_tasks(title, abstract, wanted, never):
    tasks = _tasks(title, abstract)
    assert len(tasks) <= 5
    if wanted:
        assert any(wanted in t for t in tasks), tasks
    assert not set(tasks) & never, tasks
