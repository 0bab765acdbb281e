"""CPU time per abstract of each extraction step, in one process (a benchmark, not a test).

    python benchmarks/extract_speed.py [--n 1000] [--out benchmarks/results/extract_speed.md]

Reads the first N abstracts of ../shared/corpora/paperlists_abstracts.jsonl.gz and reports, in CPU
milliseconds per abstract (process time, so other jobs on the machine inflate it less than wall time):
the spaCy pipeline, candidates + features + decisions, and result statements, plus abstracts per
CPU-second for the whole of ``Extractor.extract_many``.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import platform
import time
from pathlib import Path

from paperkg.extract import Extractor, mentions_from_prepared
from paperkg.extract.candidates import find_candidates
from paperkg.extract.features import doc_features
from paperkg.models import Paper
from paperkg.results import find_results

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "paperlists_abstracts.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out")
    a = ap.parse_args()
    with gzip.open(a.corpus, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in itertools.islice(fh, a.n)]
    papers = [Paper(id=str(i), title=r["title"], abstract=r["abstract"]) for i, r in enumerate(recs)]
    ex = Extractor()
    list(ex.extract_many(papers[:50]))  # warm up: model and gazetteers loaded
    t0 = time.process_time()
    docs = list(ex.nlp.pipe((p.text for p in papers), batch_size=64))
    t1 = time.process_time()
    prepared = [(find_candidates(d), d) for d in docs]
    done = [(c, doc_features(c), d) for c, d in prepared]
    mentions = [mentions_from_prepared(c, f, p, ex.model) for (c, f, _), p in zip(done, papers, strict=True)]
    t2 = time.process_time()
    for (_, _, d), m in zip(done, mentions, strict=True):
        find_results(d, m.mentions)
    t3 = time.process_time()
    n = sum(1 for _ in ex.extract_many(papers))
    t4 = time.process_time()
    ms = lambda s: 1000 * s / len(papers)  # noqa: E731
    rows = [
        "| step | CPU ms per abstract |",
        "|---|---|",
        f"| spaCy pipeline (tokenizer, components) | {ms(t1 - t0):.2f} |",
        f"| candidates + features + decisions (results included once) | {ms(t2 - t1):.2f} |",
        f"| result statements alone (again) | {ms(t3 - t2):.2f} |",
        f"| whole `extract_many` | {ms(t4 - t3):.2f} ({n / (t4 - t3):.0f} abstracts per CPU-second) |",
    ]
    text = (
        f"{len(papers)} corpus abstracts, one process, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}\n\n" + "\n".join(rows) + "\n"
    )
    print(text)
    if a.out:
        Path(a.out).write_text("# Extraction speed\n\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
