"""Result statements on real abstract sentences, the results gold file, and the leaderboard."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, SEEDS
from paperkg.cli import main
from paperkg.evaluate import score_results
from paperkg.extract import Extractor
from paperkg.leaderboard import leaderboard
from paperkg.models import Paper
from paperkg.pipeline import build, extract_papers
from paperkg.results import parse_number

GOLD = ROOT / "tests" / "data" / "results_gold.jsonl"


def _results(abstract: str):
    return Extractor().extract(Paper(id="t:x", title="A Paper", abstract=abstract)).results


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
        ("from_to", 91.5, 84.6),
        ("improvement", 12.6, None),
    ]
    assert rs[0].metric == "accuracy" and rs[1].qualifier == "up to"


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


def test_leaderboard_from_the_graph(tmp_path, capsys):
    result = build([str(SEEDS)], out=tmp_path, formats=["json"])
    rows = leaderboard(result.graph, "nuscenes")
    assert rows and rows[0].value >= rows[-1].value and all(r.method == "LiSe" for r in rows)
    assert main(["leaderboard", str(tmp_path), "--dataset", "nuScenes", "--evidence"]) == 0
    out = capsys.readouterr().out
    assert "LiSe" in out and "+7.1%" in out and "evidence:" in out
    assert main(["leaderboard", str(tmp_path), "--dataset", "no such data"]) == 1
