#!/usr/bin/env python3
"""Entity F1 on SciERC (Luan et al., 2018, "Multi-Task Identification of Entities, Relations, and
Coreference for Scientific Knowledge Graph Construction") as an outside reference.

    python benchmarks/scierc_eval.py ../shared/scierc/dev.json

Each SciERC document's tokens are joined with single spaces into an abstract; paperkg extracts
mentions from it; a predicted mention matches a gold span of the paired type (paperkg method <->
SciERC Method; dataset/benchmark <-> Material; task <-> Task; metric <-> Metric) when the character
spans are equal ("exact") or overlap ("overlap"). Each gold span matches at most once. SciERC marks
generic phrases ("this algorithm", "a corpus") that paperkg's guideline leaves out, so recall here is
low by design; precision says how often what paperkg finds is a span SciERC also marks.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from paperkg.extract import Extractor
from paperkg.models import Paper

PAIRS = {
    "method": "Method",
    "dataset": "Material",
    "benchmark": "Material",
    "task": "Task",
    "metric": "Metric",
}


def gold_spans(doc: dict) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    tokens = [t for sent in doc["sentences"] for t in sent]
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    text = " ".join(tokens)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for sent in doc["ner"]:
        for s, e, label in sent:
            spans[label].append((starts[s], starts[e] + len(tokens[e])))
    return text, spans


def main(path: str) -> None:
    docs = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    ex = Extractor()
    counts = {m: defaultdict(lambda: [0, 0, 0]) for m in ("exact", "overlap")}  # label -> hits, pred, gold
    for doc in docs:
        text, gold = gold_spans(doc)
        paper = Paper(id=f"scierc:{doc['doc_key']}", title=str(doc["doc_key"]), abstract=text)
        found = ex.extract(paper)
        off = paper.abstract_offset
        pred: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in found.mentions:
            if m.start >= off:
                pred[PAIRS[m.type.value]].append((m.start - off, m.end - off))
        for label in ("Method", "Material", "Task", "Metric"):
            for mode in counts:
                used: set[int] = set()
                for ps, pe in pred[label]:
                    for i, (gs, ge) in enumerate(gold[label]):
                        same = (ps, pe) == (gs, ge) if mode == "exact" else ps < ge and gs < pe
                        if i not in used and same:
                            used.add(i)
                            break
                c = counts[mode][label]
                c[0] += len(used)
                c[1] += len(pred[label])
                c[2] += len(gold[label])
    print(f"SciERC {Path(path).name}: {len(docs)} abstracts")
    print(f"{'type':10} {'match':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for label in ("Method", "Material", "Task", "Metric"):
        for mode in counts:
            h, p, g = counts[mode][label]
            prec, rec = (h / p if p else 0.0), (h / g if g else 0.0)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            print(f"{label:10} {mode:8} {prec:6.3f} {rec:6.3f} {f1:6.3f} {g:6} {p:6}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/scierc/dev.json")
