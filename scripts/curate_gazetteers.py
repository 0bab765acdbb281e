#!/usr/bin/env python3
"""Curate paperkg's shipped gazetteers from the noisy Papers with Code-derived name lists.

    python scripts/curate_gazetteers.py ../shared/gazetteers ../shared/corpora/paperlists_abstracts.jsonl.gz

Reads datasets/methods/metrics/tasks.tsv (name, sources), drops leaderboard variants, formulas and
common English words (judged by how often the word appears in lower case in the corpus), splits
benchmarks from datasets, drops the stoplist and the non-entities (core_stoplist.tsv,
core_nonentity.tsv), adds the hand-curated core lists in src/paperkg/data/gazetteers/core_*.tsv,
and writes src/paperkg/data/gazetteers/{dataset,benchmark,method,metric,task}.tsv.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "paperkg" / "data" / "gazetteers"
SOURCE = "pwc-derived"  # shared/gazetteers: Papers with Code-derived lists, CC BY-SA 4.0 parts
_BAD_CHARS = re.compile(r"[()\[\]{}$\\_@#*=<>|/:;\"?!,+%~`^]")
_BENCH = re.compile(r"bench|glue\b|leaderboard|challenge|arena|suite|eval\b", re.I)
_MEASURE = re.compile(
    r"accuracy|error|score|rate\b|precision|recall|distance|loss|f1|auc|likelihood|perplexity", re.I
)
_COINED = re.compile(r"[A-Z].*[A-Z]|\d|^[a-z]+[A-Z]")


def lowercase_counts(corpus: Path, limit: int = 40000) -> Counter[str]:
    """How often each word appears written in lower case in the corpus abstracts."""
    counts: Counter[str] = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            counts.update(
                w for w in re.findall(r"[A-Za-z][A-Za-z\-]+", json.loads(line)["abstract"]) if w.islower()
            )
    return counts


def read(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [
            row["name"].strip()
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            if row["name"].strip()
        ]


def plain(name: str, common: Counter[str], max_words: int) -> bool:
    """A name worth matching: no formula or variant marks, short, not just common words."""
    if _BAD_CHARS.search(name) or len(name) < 2 or len(name.split()) > max_words:
        return False
    if not re.search(r"[A-Za-z]{2}", name):
        return False
    words = re.findall(r"[A-Za-z]+", name)
    # Names made only of everyday words ("Soccer", "Video Storytelling") match ordinary prose.
    return not all(common[w.lower()] >= 30 for w in words) or bool(_COINED.search(name))


def core(kind: str) -> list[str]:
    path = OUT / f"core_{kind}.tsv"
    return read(path) if path.exists() else []


def write(kind: str, names: dict[str, str]) -> None:
    with (OUT / f"{kind}.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "source"])
        for name in sorted(names, key=str.lower):
            w.writerow([name, names[name]])


def main(shared: Path, corpus: Path) -> None:
    common = lowercase_counts(corpus)
    # never listed: the stoplist, and the guideline's non-entities (hardware, sensors, devices, ...)
    stop = {w.lower() for w in core("stoplist") + core("nonentity")}
    out: dict[str, dict[str, str]] = {k: {} for k in ("dataset", "benchmark", "method", "metric", "task")}
    for name in read(shared / "datasets.tsv"):
        if plain(name, common, 5) and name.lower() not in stop:
            out["benchmark" if _BENCH.search(name) else "dataset"][name] = SOURCE
    for name in read(shared / "methods.tsv"):
        # Only coined names (BioBERT, ResNet50, GPT-2): plain-word method names are too ambiguous.
        if plain(name, common, 3) and _COINED.search(name) and name.lower() not in stop and len(name) >= 3:
            out["method"][name] = SOURCE
    for name in read(shared / "metrics.tsv"):
        # Leaderboard column names include languages, subjects and settings; keep measures only.
        if (
            plain(name, common, 3)
            and name.lower() not in stop
            and (re.fullmatch(r"[A-Za-z]{0,2}[A-Z]{2,}[A-Za-z0-9@\-]*", name) or _MEASURE.search(name))
        ):
            out["metric"][name] = SOURCE
    for name in read(shared / "tasks.tsv"):
        words = name.split()
        if (
            2 <= len(words) <= 4
            and not _BAD_CHARS.search(name)
            and all(w.isalpha() or "-" in w for w in words)
            and name.lower() not in stop
        ):
            out["task"][name.lower()] = SOURCE
    # a derived metric that is also a task name ("speaker diarization") is a leaderboard label
    tasks = {n.lower() for n in out["task"]} | {n.lower() for n in core("task")}
    out["metric"] = {n: src for n, src in out["metric"].items() if n.lower() not in tasks}
    curated = {kind: core(kind) for kind in out}
    for kind, names in curated.items():
        # a curated name is that type only: drop it from the other types' derived lists
        lowered = {n.lower() for n in names}
        for other in out:
            if other != kind:
                for name in [n for n, src in out[other].items() if src == SOURCE and n.lower() in lowered]:
                    del out[other][name]
    for kind, names in curated.items():
        for name in names:
            out[kind][name] = "curated"
    for kind, names in out.items():
        write(kind, names)
        print(f"{kind}: {len(names)} names")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
