"""Extraction quality: 5-fold cross-validation on the annotated abstracts, plus the dev check.

Everything learned comes only from the training folds: each fold's decision model is fitted on the
other four folds' gold records and extracts the held-out papers. The dev table extracts the 45 dev
abstracts (the bundled example pages) with the shipped model, which was trained on all 422
annotated abstracts and never on dev. Usage::

    python benchmarks/extraction_cv.py [--eval-dir ../shared/eval] [--dev-input examples/hf_daily]
        [--folds 5] [--seed 0] [--out benchmarks/results/extraction_cv.md]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from paperkg.evaluate import GroupScore, load_gold, score_records
from paperkg.extract.train import cross_validate, load_annotated, prepare
from paperkg.pipeline import extract_papers

ROOT = Path(__file__).resolve().parents[1]
SHOWN = ("repos", "methods", "methods.proposed", "data", "tasks", "metrics")
TARGETS = {
    "repos": 0.98,
    "methods": 0.80,
    "methods.proposed": 0.85,
    "data": 0.85,
    "tasks": 0.65,
    "metrics": 0.75,
}


def table(scores: dict[str, GroupScore]) -> str:
    """A markdown table of P/R/F1 per group."""
    rows = ["| group | P | R | F1 | gold | predicted | target F1 |", "|---|---|---|---|---|---|---|"]
    for g in SHOWN:
        s = scores[g]
        rows.append(
            f"| {g} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.gold} | {s.predicted} | {TARGETS[g]} |"
        )
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--dev-input", default=str(ROOT / "examples" / "hf_daily"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", help="also write the tables as markdown here")
    a = ap.parse_args()
    ev = Path(a.eval_dir)
    t0 = time.perf_counter()
    prepared = prepare(load_annotated(ev / "train_papers.jsonl", ev / "train_gold.jsonl"))
    cv, matched = score_records([p.gold for p in prepared], cross_validate(prepared, a.folds, a.seed))
    cv_text = table(cv)
    t1 = time.perf_counter()
    dev_gold = load_gold(ev / "dev_gold.jsonl")
    dev, dev_matched = score_records(dev_gold, list(extract_papers([a.dev_input])))
    dev_text = table(dev)
    report = (
        f"## {a.folds}-fold cross-validation on {len(prepared)} annotated abstracts (seed {a.seed})\n\n"
        f"{cv_text}\n\npapers matched: {matched}/{len(prepared)}; {t1 - t0:.0f} s\n\n"
        f"## dev_gold ({len(dev_gold)} abstracts), shipped model (trained on all {len(prepared)})\n\n"
        f"{dev_text}\n\npapers matched: {dev_matched}/{len(dev_gold)}\n"
    )
    print(report)
    if a.out:
        Path(a.out).write_text(
            "# Extraction quality\n\nCommand: `python benchmarks/extraction_cv.py --out "
            "benchmarks/results/extraction_cv.md`\n\n" + report,
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
