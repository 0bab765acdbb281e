#!/usr/bin/env python3
"""Train the result model on every annotated abstract and write src/paperkg/data/results/model.json.

    python scripts/train_results.py [--gold ../shared/eval/train_results_gold.jsonl] [--c 0.5]

Deterministic (fixed solvers, papers in file order): the same data gives the same file. Needs
scikit-learn (the dev extra); the written weights are read without it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from results_cv import EVAL, load

from paperkg.results.training import examples, fit, prepare

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "paperkg" / "data" / "results" / "model.json"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=EVAL / "train_results_gold.jsonl")
    ap.add_argument("--papers", type=Path, default=EVAL / "train_papers.jsonl")
    ap.add_argument(
        "--c",
        type=float,
        default=0.5,
        help="inverse regularisation strength (chosen by this cross-validation)",
    )
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    papers, gold = load(args.gold, args.papers)
    model = fit([examples(p, ctx, gold[p.id]) for p, ctx in prepare(papers)], args.c)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(
        json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    tmp.replace(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes) from {len(papers)} annotated abstracts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
