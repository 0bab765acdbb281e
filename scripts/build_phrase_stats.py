"""Corpus statistics of phrases: in how many titles and how many abstracts of the unlabelled corpus a
phrase occurs, written to ``src/paperkg/data/extract/phrase_stats.tsv``.

A phrase that many titles name ("image classification", "continual learning") is a research topic; one
that abstracts use but titles never do ("bandwidth consumption", "improves accuracy") rarely is. The
task features read both counts. Phrases are runs of one to four words (lower case, letters and digits;
hyphens split words) inside a title part (no punctuation inside); the file keeps those found in at
least ``--min-titles`` titles, none beginning or ending with a stop word ("of", "for", ...). Deterministic: the same corpus gives the same file, byte for byte.

Usage::

    python scripts/build_phrase_stats.py [--corpus ../shared/corpora/paperlists_abstracts.jsonl.gz]
        [--min-titles 5] [--out src/paperkg/data/extract/phrase_stats.tsv]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from paperkg.names import STOP_WORDS, phrase_key

ROOT = Path(__file__).resolve().parents[1]
MAX_WORDS = 4
_PART = re.compile(r"[^\s\w-]+")  # punctuation ends a part of a text


def phrases(text: str) -> set[str]:
    """Keys of every run of one to four words of ``text`` that no punctuation interrupts."""
    out: set[str] = set()
    for part in _PART.split(text.lower()):
        ws = phrase_key(part).split()
        for i in range(len(ws)):
            if ws[i] in STOP_WORDS:
                continue
            for j in range(i + 1, min(i + MAX_WORDS, len(ws)) + 1):
                if ws[j - 1] not in STOP_WORDS:
                    out.add(" ".join(ws[i:j]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--corpus", default=str(ROOT.parent / "shared" / "corpora" / "paperlists_abstracts.jsonl.gz")
    )
    ap.add_argument("--min-titles", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "src" / "paperkg" / "data" / "extract" / "phrase_stats.tsv"))
    a = ap.parse_args()
    with gzip.open(a.corpus, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    titles: Counter[str] = Counter()
    for r in records:
        titles.update(phrases(r.get("title") or ""))
    kept = {p for p, n in titles.items() if n >= a.min_titles}
    abstracts: Counter[str] = Counter()
    for r in records:
        abstracts.update(p for p in phrases(r.get("abstract") or "") if p in kept)
    with open(a.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            f"# {len(records)} abstracts of {Path(a.corpus).name}; phrases in >= {a.min_titles} titles\n"
        )
        fh.write("phrase\ttitles\tabstracts\n")
        for p in sorted(kept):
            fh.write(f"{p}\t{titles[p]}\t{abstracts[p]}\n")
    print(f"{len(kept)} phrases -> {a.out}")


if __name__ == "__main__":
    main()
