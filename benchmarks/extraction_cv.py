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
from paperkg.export.extractions import extraction_record
from paperkg.extract.train import Prepared, cross_validate, load_annotated, prepare
from paperkg.models import PaperExtraction
from paperkg.names import match_key
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


_GOLD_FIELDS = {"methods": ("methods",), "data": ("datasets", "benchmarks"), "metrics": ("metrics",)}
_PRED_TYPES = {"methods": ("method",), "data": ("dataset", "benchmark"), "metrics": ("metric",)}


def _keys(e: dict | str) -> set[str]:
    names = [e] if isinstance(e, str) else [e.get("name", ""), *(e.get("aliases") or [])]
    return {match_key(n) for n in names} - {""}


def error_breakdown(prepared: list[Prepared], extractions: list[PaperExtraction]) -> str:
    """Where the cross-validated errors of methods, data and metrics come from, as a markdown table.

    A missed gold entity is *no candidate* when no candidate span of its paper has one of its names
    (under the scoring's key; the task-only phrases of the second pass do not count), *other type* when the extractor kept it under another group, else
    *dropped* (a candidate the model did not keep). A wrong prediction is *other type* when it is a
    gold entity of another group, else *not in gold*. The candidate ceiling is the recall that
    perfect decisions over the candidates would reach."""
    rows = [
        "| group | gold | candidate ceiling | missed: no candidate | missed: dropped | missed: other type "
        "| wrong: not in gold | wrong: other type |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for group, fields in _GOLD_FIELDS.items():
        gold_n = ceiling = no_cand = dropped = other_fn = not_gold = other_fp = 0
        for prep, ex in zip(prepared, extractions, strict=True):
            doc = prep.cands.doc
            cand_keys = {
                match_key(doc[s:e].text) for g in prep.cands.groups if not g.task_only for s, e in g.spans
            }
            rec = extraction_record(ex)
            preds = [(p["type"], _keys(p)) for p in rec["entities"] if p["type"] != "task"]
            mine = [k for t, k in preds if t in _PRED_TYPES[group]]
            gold = [_keys(e) for f in fields for e in prep.gold.get(f, [])]
            others = [
                _keys(e)
                for g2, f2 in _GOLD_FIELDS.items()
                if g2 != group
                for f in f2
                for e in prep.gold.get(f, [])
            ]
            used: set[int] = set()
            for keys in mine:  # the scoring's greedy one-to-one matching
                hit = next((i for i, g in enumerate(gold) if i not in used and keys & g), None)
                if hit is not None:
                    used.add(hit)
                elif any(keys & o for o in others):
                    other_fp += 1
                else:
                    not_gold += 1
            for i, g in enumerate(gold):
                gold_n += 1
                has_cand = bool(g & cand_keys)
                ceiling += has_cand
                if i in used:
                    continue
                if not has_cand:
                    no_cand += 1
                elif any(g & k for t, k in preds if t not in _PRED_TYPES[group]):
                    other_fn += 1
                else:
                    dropped += 1
        rows.append(
            f"| {group} | {gold_n} | {ceiling / gold_n:.3f} | {no_cand} | {dropped} | {other_fn} | {not_gold} "
            f"| {other_fp} |"
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
    cv_extractions = cross_validate(prepared, a.folds, a.seed)
    cv, matched = score_records([p.gold for p in prepared], cv_extractions)
    cv_text = table(cv) + "\n\nWhere the errors are:\n\n" + error_breakdown(prepared, cv_extractions)
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
