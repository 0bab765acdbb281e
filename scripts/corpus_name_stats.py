"""Corpus statistics of names: how often, and in which contexts, a word or word pair occurs in the
87k unlabelled conference abstracts of ``../shared/corpora/paperlists_abstracts.jsonl.gz``.

For every word and word pair (lower-case runs of letters and digits, "ResNet-50" -> "resnet 50")
that occurs in enough abstracts, the script counts its documents and occurrences and how many of
those occurrences are written capitalised in mid-sentence, are followed by a word that names a data
set, a model or a task ("... dataset", "... network", "... task"), follow "on" ("evaluated on X"),
sit in a measurement context ("in terms of X", "higher X", "X of 91%") or follow a proposal verb.
The context words are the ``corpus_*`` lists of ``data/extract/cue_words.tsv``. The extractor's
features (:mod:`paperkg.extract.features`) read the shares as coarse buckets.

The corpus carries no labels, so nothing here comes from annotated data. Output is deterministic
(sorted keys, integer counts)::

    python scripts/corpus_name_stats.py ../shared/corpora/paperlists_abstracts.jsonl.gz \
        src/paperkg/data/extract/corpus_stats.tsv.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from paperkg.extract.corpus import STAT_FIELDS, context_lists, encode, stats_key  # noqa: E402

_TOKEN = re.compile(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]")
MIN_DOCS_WORD = 5
MIN_DOCS_PAIR = 8


def _abstracts(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                yield (rec.get("title") or "") + ". " + (rec.get("abstract") or "")


def _words(text: str) -> list[tuple[str, bool, bool, int]]:
    """Alphanumeric words of a text: (lower-case form, capitalised, sentence-initial, index of the
    token that follows)."""
    toks = _TOKEN.findall(text)
    out = []
    initial = True
    for i, t in enumerate(toks):
        if t[0].isalnum():
            out.append((stats_key(t), t[0].isupper(), initial, i))
            initial = False
        elif t in ".!?:;":
            initial = True
    return out


def count(path: Path) -> dict[str, list[int]]:
    """The statistics rows of every kept word and word pair."""
    lists = context_lists()
    nxt_data, nxt_method, nxt_task = (
        lists["corpus_next_data"],
        lists["corpus_next_method"],
        lists["corpus_next_task"],
    )
    prv_metric, prv_propose = lists["corpus_prev_metric"], lists["corpus_prev_propose"]
    docs: Counter[str] = Counter()
    for text in _abstracts(path):
        ws = [w for w, *_ in _words(text)]
        docs.update(set(ws) | {a + " " + b for a, b in pairwise(ws)})
    keep = {k for k, n in docs.items() if n >= (MIN_DOCS_WORD if " " not in k else MIN_DOCS_PAIR)}
    stats = {k: [docs[k]] + [0] * (len(STAT_FIELDS) - 1) for k in keep}
    for text in _abstracts(path):
        ws = _words(text)
        lw = [w for w, *_ in ws]
        n = len(ws)
        for i in range(n):
            for span in (1, 2):
                j = i + span
                if j > n:
                    break
                key = lw[i] if span == 1 else lw[i] + " " + lw[i + 1]
                row = stats.get(key)
                if row is None:
                    continue
                _, cap, initial, _ = ws[i]
                nxt = lw[j] if j < n else ""
                p1 = lw[i - 1] if i > 0 else ""
                p2 = lw[i - 2] if i > 1 else ""
                row[1] += 1
                row[2] += cap and not initial
                row[3] += nxt in nxt_data
                row[4] += nxt in nxt_method
                row[5] += nxt in nxt_task
                row[6] += p1 == "on"
                row[7] += (
                    p1 in prv_metric
                    or (p2 == "term" and p1 == "of")
                    or (nxt == "of" and j + 1 < n and lw[j + 1][:1].isdigit())
                )
                row[8] += p1 in prv_propose
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    a = ap.parse_args()
    stats = count(a.corpus)
    lines = ["key\tcode"]
    lines.extend(f"{k}\t{encode(stats[k])}" for k in sorted(stats))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # mtime 0: the same corpus gives the same bytes
    a.out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(stats)} keys -> {a.out} ({a.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
