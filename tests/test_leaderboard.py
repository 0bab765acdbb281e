"""One leaderboard everywhere: rows from the graph and from the ready query are the same rows, ranked the
same way (levels by the metric's direction, gains and reductions apart with their baselines), and the CLI
table cuts long names with an ellipsis, the baseline in its own column."""

from __future__ import annotations

import json
import shutil

from paperkg.cli import main
from paperkg.leaderboard import boards_from_rows, cut, leaderboards, row_from_record
from paperkg.pipeline import build

# Real abstract sentences (corpus and bundled pages), one paper each.
PAPERS = [
    {
        "id": "t:loki",
        "title": "Loki: Open-set Learning with Metric Spaces",
        "abstract": "Empirically, using easily-available external metrics, our proposed approach, Loki, gains "
        "up to 29.7% relative improvement over SimCLR on ImageNet and scales to hundreds of thousands of "
        "classes.",
    },
    {
        "id": "t:ccep",
        "title": "Evolutionary Pruning for Efficient Networks",
        "abstract": "The experiments show that CCEP can achieve a competitive performance with the "
        "state-of-the-art pruning methods, e.g., prune ResNet56 for 63.42% FLOPs on CIFAR10 with -0.24% "
        "accuracy drop, and ResNet50 for 44.56% FLOPs on ImageNet with 0.07% accuracy drop.",
    },
    {
        "id": "t:swin",
        "title": "A Hierarchical Vision Transformer",
        "abstract": "We propose Hierarchical Shifted Window Vision Transformer Networks, a new backbone. "
        "Hierarchical Shifted Window Vision Transformer Networks achieve 87.3% top-1 accuracy on ImageNet.",
    },
    {
        "id": "t:small",
        "title": "A Small Network",
        "abstract": "We propose TinyNet. TinyNet achieves 71.2% top-1 accuracy on ImageNet.",
    },
]


def _record(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "metric": "FID",
        "direction": "lower",
        "kind": "absolute",
        "method": "A",
        "value": 3.0,
        "value_text": "3.0",
        "compared_to": None,
        "baseline": None,
        "paper": "P",
        "evidence": "e",
        "confidence": 0.5,
        "qualifier": None,
        "paper_id": "p",
        "dataset": "D",
    }
    return base | over


def test_levels_rank_by_direction_and_changes_stay_apart():
    rows = [
        row_from_record(_record(method="A", value=3.0)),
        row_from_record(_record(method="B", value=2.1, confidence=0.4)),
        row_from_record(_record(method="C", value=2.1, confidence=0.9)),
        row_from_record(_record(method="D", value=0.5, kind="reduction", compared_to="X", baseline=3.4)),
        row_from_record(_record(method="E", value=9.0, metric="IS", direction="higher")),
    ]
    fid, is_ = boards_from_rows("D", rows)
    assert fid.metric == "FID"
    assert [r.method for r in fid.levels] == ["C", "B", "A"]  # lower is better; a tie: surer first
    assert [(r.method, r.compared_to, r.baseline) for r in fid.changes] == [("D", "X", 3.4)]
    assert is_.metric == "IS" and [r.method for r in is_.levels] == ["E"]


def test_cut_marks_the_cut():
    assert cut("LiSe", 30) == "LiSe"
    assert cut("Hierarchical Shifted Window Vision Transformer Networks", 30).endswith("…")
    assert len(cut("Hierarchical Shifted Window Vision Transformer Networks", 30)) <= 30


def test_cli_graph_and_export_show_the_same_board(tmp_path, capsys):
    src = tmp_path / "papers.jsonl"
    src.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    result = build([str(src)], out=tmp_path / "out", formats=["json", "leaderboards", "store"])
    boards = leaderboards(result.graph, "ImageNet")
    top1 = next(b for b in boards if b.metric == "top-1 accuracy")
    assert [r.value_text for r in top1.levels] == ["87.3%", "71.2%"]
    gains = [r for b in boards for r in b.changes if r.value_text == "29.7%"]
    assert gains and gains[0].compared_to == "SimCLR" and gains[0].kind == "improvement"
    exported = json.loads((tmp_path / "out" / "leaderboards.json").read_text(encoding="utf-8"))
    board = next(e for e in exported if e["dataset"] == "ImageNet" and e["metric"] == "top-1 accuracy")
    assert [x["value_text"] for x in board["rows"]] == ["87.3%", "71.2%"]
    capsys.readouterr()
    alone = tmp_path / "alone"  # a graph file with no store beside it is read into memory
    alone.mkdir()
    shutil.copy(tmp_path / "out" / "graph.json", alone / "graph.json")
    assert main(["leaderboard", str(alone / "graph.json"), "--dataset", "imagenet"]) == 0
    from_graph = capsys.readouterr().out
    assert main(["leaderboard", str(tmp_path / "out"), "--dataset", "imagenet"]) == 0  # the ready query
    out = capsys.readouterr().out
    assert out == from_graph
    level_lines = [line for line in out.splitlines() if "87.3%" in line or "71.2%" in line]
    assert "87.3%" in level_lines[0] and "…" in level_lines[0]  # the long name cut, marked
    gain = next(line for line in out.splitlines() if "29.7%" in line)
    assert "SimCLR" in gain.split("29.7%")[1] and "improvement" in gain
    assert "compared to" in out and " vs " not in out  # the baseline has its own column
