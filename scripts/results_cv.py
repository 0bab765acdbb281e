#!/usr/bin/env python3
"""Cross-validate the result model on the annotated results and print the scorer's table.

    python scripts/results_cv.py [--folds 5] [--gold ../shared/eval/train_results_gold.jsonl]

Papers are split into folds by their id; for each fold the model is trained on the other folds only
(everything learned: weights and nothing else) and predicts the held-out papers. The predictions of all
folds are written as one graph.json (Paper and Result nodes) and scored by ``score_results.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from paperkg.models import Paper
from paperkg.results.find import find_results_in
from paperkg.results.training import examples, first_value, fit, prepare

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def load(gold_path: Path, papers_path: Path) -> tuple[list[Paper], dict[str, list[dict]]]:
    gold = {g["id"]: g["results"] for g in map(json.loads, gold_path.open(encoding="utf-8"))}
    papers = []
    for line in papers_path.open(encoding="utf-8"):
        d = json.loads(line)
        if d["id"] in gold:
            papers.append(Paper(id=d["id"], title=d["title"], abstract=d["abstract"]))
    return papers, gold


def fold_of(paper_id: str, k: int) -> int:
    return int(hashlib.sha256(paper_id.encode()).hexdigest(), 16) % k


def _spurious(nodes: list[dict], papers: list[Paper], gold: dict[str, list[dict]]) -> str:
    """How often a matched result gets a metric, dataset or method where the gold names none (the
    scorer does not count these; a leaderboard shows them), matching values as the scorer does."""
    counts = {f: [0, 0] for f in ("metric", "dataset", "method")}
    for p in papers:
        left = [(first_value(r["value_text"]), r) for r in gold[p.id]]
        used: set[int] = set()
        for n in (n for n in nodes if n.get("paper_id") == p.id):
            v = first_value(n["value_text"])
            hit = next((i for i, (gv, _) in enumerate(left) if i not in used and gv == v), None)
            if hit is None:
                continue
            used.add(hit)
            for f, c in counts.items():
                if not left[hit][1].get(f):
                    c[1] += 1
                    c[0] += bool(n.get(f))
    parts = [f"{f} {a}/{b}" for f, (a, b) in counts.items()]
    return "attached where the gold names none (not in the scorer): " + ", ".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--gold", type=Path, default=EVAL / "train_results_gold.jsonl")
    ap.add_argument("--papers", type=Path, default=EVAL / "train_papers.jsonl")
    ap.add_argument(
        "--c",
        type=float,
        default=0.5,
        help="inverse regularisation strength (chosen by this cross-validation)",
    )
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    papers, gold = load(args.gold, args.papers)
    prepared = prepare(papers)
    data = [examples(p, ctx, gold[p.id]) for p, ctx in prepared]
    nodes: list[dict] = []
    for k in range(args.folds):
        model = fit([ex for ex in data if fold_of(ex.paper.id, args.folds) != k], args.c)
        for p, ctx in prepared:
            if fold_of(p.id, args.folds) != k:
                continue
            nodes.append({"id": p.id, "label": "Paper", "title": p.title})
            for r in find_results_in(ctx, model):
                nodes.append(
                    {"id": f"result:{p.id}:{r.start}", "label": "Result", "paper_id": p.id, **r.model_dump()}
                )
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph.json"
        graph.write_text(json.dumps({"nodes": nodes, "links": []}), encoding="utf-8")
        cmd = [sys.executable, str(EVAL / "score_results.py"), str(args.gold), str(graph)]
        out = subprocess.run(
            cmd + (["--show-errors"] if args.show_errors else []), capture_output=True, text=True
        )
    scores = dict(kv.split("=") for kv in out.stdout.split())
    print(
        f"{args.folds}-fold cross-validation on {len(papers)} annotated abstracts ({scores['gold']} results)"
    )
    print("| | value P | value R | F1 | metric right | dataset right | method right |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| cross-validated | {scores['precision']} | {scores['recall']} | {scores['f1']} | {scores['metric_right']} "
        f"(n={scores['metric_n']}) | {scores['dataset_right']} (n={scores['dataset_n']}) | "
        f"{scores['method_right']} (n={scores['method_n']}) |"
    )
    print(_spurious(nodes, papers, gold))
    if args.show_errors:
        print(out.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
