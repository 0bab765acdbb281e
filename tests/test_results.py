"""Result statements on real abstract sentences, the results gold file, and the leaderboard."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, SEEDS
from paperkg.cli import main
from paperkg.evaluate import score_results
from paperkg.extract import Extractor
from paperkg.leaderboard import leaderboards
from paperkg.metrics import direction
from paperkg.models import Paper
from paperkg.pipeline import build, extract_papers
from paperkg.results import parse_number

GOLD = ROOT / "tests" / "data" / "results_gold.jsonl"


def _results(abstract: str, title: str = "A Paper"):
    return Extractor().extract(Paper(id="t:x", title=title, abstract=abstract)).results


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("91.5%", (91.5, "%")),
        ("+20%", (20.0, "%")),
        ("2x", (2.0, "x")),
        ("0.848", (0.848, None)),
        ("~99.04%", (99.04, "%")),
        ("words", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


def test_absolute_result_with_metric_and_dataset():
    (r,) = _results(
        "Empirical data has shown that the CNN-SVM model was able to achieve a test accuracy of "
        "~99.04% using the MNIST dataset."
    )
    assert (r.value, r.unit, r.kind, r.qualifier) == (99.04, "%", "absolute", "approximately")
    assert r.metric == "test accuracy" and r.dataset == "MNIST"


def test_from_to_and_up_to():
    rs = _results(
        "In a fine-tuning supervised setting, our results demonstrate that CLIP pre-training improves "
        "classification performance, where accuracy increases from 84.6% to 91.5%. Furthermore, CLIP boosts "
        "classification accuracy by up to 12.6% when labels are limited."
    )
    assert [(r.kind, r.value, r.baseline) for r in rs] == [
        ("baseline", 84.6, None),
        ("absolute", 91.5, 84.6),
        ("improvement", 12.6, None),
    ]
    assert rs[1].metric == "accuracy" and rs[2].qualifier == "up to"


def test_lists_respectively_and_comparisons():
    rs = _results(
        "The accuracy, precision, sensitivity, F1-score, specificity in the detection were 97.07 %, 97.34 %, "
        "97.07 %, 97.14 % and 97.36 % respectively."
    )
    assert [r.metric for r in rs] == ["accuracy", "precision", "sensitivity", "F1-score", "specificity"]
    (r,) = _results("Our approach, Loki, gains up to 29.7% relative improvement over SimCLR on ImageNet.")
    assert r.compared_to == "SimCLR" and r.dataset == "ImageNet" and r.kind == "improvement"


def test_sizes_and_shares_are_not_results():
    assert _results("Ling-Lite contains 16.8 billion parameters, trained on 1.3T tokens in 2024.") == []
    assert _results("These websites account for 48.6% of the videos.") == []
    assert _results("We answer (1) why and (2) how.") == []


def test_results_gold_precision_and_recall():
    gold = [json.loads(line) for line in GOLD.read_text().splitlines()]
    scores = score_results(gold, extract_papers([str(SEEDS)]))
    assert scores.gold >= 60
    assert scores.precision >= 0.8
    assert scores.recall >= 0.6


def test_settings_are_not_results_and_speedups_are_ratios():
    # "at 90% ERK sparsity" is a setting, not an ImageNet top-1 result (corpus sentence, spacing as written)
    rs = _results(
        "Notably on ImageNet with ResNet50 ours achieves an +1.3 increase in Top-1 accuracy over prior art at "
        "90% ERKsparsity."
    )
    assert [r.value_text for r in rs] == ["+1.3"] and rs[0].kind == "improvement"
    # "60x faster" is a speed ratio, not accuracy
    rs = _results(
        "On both CIFAR-10 and ImageNet, our method achieves remarkable on search accuracy, 60x faster on "
        "CIFAR-10 and 24x faster on ImageNet, while maintaining competitive accuracies."
    )
    assert [(r.value_text, r.kind, r.metric, r.dataset) for r in rs] == [
        ("60x", "ratio", "speed", "CIFAR-10"),
        ("24x", "ratio", "speed", "ImageNet"),
    ]


def test_reductions_of_costs():
    rs = _results(
        "The experiments show that CCEP can achieve a competitive performance with the state-of-the-art pruning "
        "methods, e.g., prune ResNet56 for 63.42% FLOPs on CIFAR10 with -0.24% accuracy drop, and ResNet50 for "
        "44.56% FLOPs on ImageNet with 0.07% accuracy drop."
    )
    flops = [r for r in rs if r.metric == "FLOPs"]
    assert [(r.value_text, r.kind) for r in flops] == [("63.42%", "reduction"), ("44.56%", "reduction")]
    assert flops[0].dataset == "CIFAR10" and flops[1].dataset == "ImageNet"
    (r,) = _results(
        "For CIFAR-10, we perform  channel removal on different CNN models up to 74% reduction, which results "
        "in significant size reduction and computation saving."
    )
    assert (r.value_text, r.kind, r.qualifier, r.dataset) == ("74%", "reduction", "up to", "CIFAR-10")


def test_gains_attach_to_their_own_metric():
    # "2.5%" is a rise in NDS, not mAP
    rs = _results(
        "Employing our SD-Fusion strategy, we assemble two popular methods with moderate performance, achieving "
        "a 4.3% increase in mAP and a 2.5% rise in NDS, thus ranking first in the nuScenes benchmark."
    )
    assert [(r.value_text, r.kind, r.metric, r.dataset) for r in rs] == [
        ("4.3%", "improvement", "mAP", "nuScenes"),
        ("2.5%", "improvement", "NDS", "nuScenes"),
    ]


def test_our_method_attaches_to_the_proposed_method_and_baselines_to_comparisons():
    rs = _results(
        "We propose FooNet, a new detector. FooNet achieves 91.5% top-1 accuracy on ImageNet, outperforming "
        "ResNet-50 by 2.1%. Our method also runs 3x faster than ResNet-50.",
        title="FooNet: fast detection",
    )
    assert [(r.value_text, r.kind, r.method) for r in rs] == [
        ("91.5%", "absolute", "FooNet"),
        ("2.1%", "improvement", "FooNet"),
        ("3x", "ratio", "FooNet"),
    ]
    assert rs[0].metric == "top-1 accuracy" and rs[0].dataset == "ImageNet"
    assert rs[2].compared_to == "ResNet-50"


def test_ranges_and_ratios_lists():
    (r,) = _results("It improves the classification accuracy by 2% - 10% using a single model.")
    assert (r.kind, r.value, r.high, r.metric) == ("range", 2.0, 10.0, "classification accuracy")
    rs = _results(
        "We propose CLOSURE. CLOSURE is 398×, 833× and 23.6× faster than the outer approximation GRCC."
    )
    assert [(r.kind, r.method, r.compared_to) for r in rs] == [("ratio", "CLOSURE", "GRCC")] * 3


def test_metric_directions():
    assert direction("top-1 accuracy") == "higher" and direction("Test Accuracy") == "higher"
    assert direction("FID") == "lower" and direction("EER") == "lower" and direction("perplexity") == "lower"
    assert direction("latency") == "lower" and direction("word error rate") == "lower"
    assert direction("frobnication index") is None


def test_leaderboard_from_the_graph(tmp_path, capsys):
    result = build([str(SEEDS)], out=tmp_path, formats=["json", "leaderboards"])
    boards = leaderboards(result.graph, "nuscenes")
    rows = [r for b in boards for r in b.levels + b.changes]
    assert (
        rows
        # the method's entity, under its long form or its acronym ("LiDAR-2D Self-paced Learning (LiSe)")
        and all(r.method in {"LiSe", "LiDAR-2D Self-paced Learning"} for r in rows)
        and all(r.evidence and r.confidence > 0 for r in rows)
    )
    for b in boards:
        assert len({r.metric for r in b.levels + b.changes}) == 1  # like with like
        assert all(r.kind == "absolute" for r in b.levels)
        way = -1 if b.direction == "lower" else 1
        assert all(way * x.value >= way * y.value for x, y in zip(b.levels, b.levels[1:], strict=False))
    exported = json.loads((tmp_path / "leaderboards.json").read_text())
    nus = [e for e in exported if e["dataset"].lower() == "nuscenes"]
    assert nus and {"task", "dataset", "metric", "direction", "rows", "changes"} <= set(nus[0])
    assert all(
        {"method", "value", "paper", "evidence", "confidence"} <= set(x) for e in nus for x in e["changes"]
    )
    assert main(["leaderboard", str(tmp_path), "--dataset", "nuScenes", "--evidence"]) == 0
    out = capsys.readouterr().out
    assert "LiSe" in out and "+7.1%" in out and "evidence:" in out
    assert main(["leaderboard", str(tmp_path), "--dataset", "no such data"]) == 1


def test_a_number_in_brackets_belongs_to_the_name_before_it():
    rs = _results(
        "Our TResNet models also transfer well and achieve state-of-the-art accuracy on competitive single-label "
        "classification datasets such as Stanford Cars (96.0%), CIFAR-10 (99.0%), CIFAR-100 (91.5%) and "
        "Oxford-Flowers (99.1%).",
        title="TResNet: High Performance GPU-Dedicated Architecture",
    )
    datasets = {r.value_text: r.dataset for r in rs}
    assert datasets["99.0%"] == "CIFAR-10" and datasets["91.5%"] == "CIFAR-100"
    assert datasets["96.0%"] != "CIFAR-10" and datasets["99.1%"] != "CIFAR-100"
    rs = _results(
        "Our algorithm improves one-shot accuracy on ImageNet from 82.2% to 87.8% and from 88% accuracy to 95% "
        "accuracy on Omniglot compared to competing approaches."
    )
    assert [(r.value_text, r.kind) for r in rs][:2] == [("82.2%", "baseline"), ("87.8%", "absolute")]
