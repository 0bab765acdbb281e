"""CPU time per abstract of each extraction step, in one process (a benchmark, not a test).

    python benchmarks/extract_speed.py [--n 1000] [--out benchmarks/results/extract_speed.md]

Reads the first 50 + 2N abstracts of ../shared/corpora/paperlists_abstracts.jsonl.gz: the first 50 warm
the extractor up (model and gazetteers loaded), the next N time the whole of ``Extractor.extract_many``
(abstracts per CPU-second), the last N the steps one by one, so that neither timing reuses what the
other cached (per-name caches). Reported in CPU milliseconds per abstract (process time, so other jobs
on the machine inflate it less than wall time): the spaCy pipeline (and each of its components),
candidates + features + decisions, and result statements.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import platform
import time
from pathlib import Path

from paperkg.components.tokens import doc_text, token_table
from paperkg.extract import Extractor, mentions_from_prepared
from paperkg.extract.candidates import find_candidates
from paperkg.extract.features import doc_features
from paperkg.models import Paper
from paperkg.results import find_results

# components that set sentence starts: the token table is read after them
_SENTENCE_SPLITTERS = ("paperkg_sentencizer", "paperkg_title_boundary")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "paperlists_abstracts.jsonl.gz"


def _pipeline_steps(ex: Extractor, papers: list[Paper]) -> tuple[list, dict[str, float]]:
    """The papers' Docs, made one component at a time, and the CPU seconds of each component (the
    token table, which the components after the sentence splitters share, counted apart)."""
    per: dict[str, float] = {"tokenizer": 0.0, "token table": 0.0}
    docs = []
    for p in papers:
        t = time.process_time()
        doc = ex.nlp.make_doc(p.text)
        per["tokenizer"] += time.process_time() - t
        table = False
        for name, proc in ex.nlp.pipeline:
            if not table and name not in _SENTENCE_SPLITTERS:
                table = True
                t = time.process_time()
                token_table(doc)
                doc_text(doc)
                per["token table"] += time.process_time() - t
            t = time.process_time()
            doc = proc(doc)
            per[name] = per.get(name, 0.0) + time.process_time() - t
        docs.append(doc)
    return docs, per


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out")
    a = ap.parse_args()
    with gzip.open(a.corpus, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in itertools.islice(fh, 50 + 2 * a.n)]
    papers = [Paper(id=str(i), title=r["title"], abstract=r["abstract"]) for i, r in enumerate(recs)]
    warm, whole, papers = papers[:50], papers[50 : 50 + a.n], papers[50 + a.n :]
    ex = Extractor()
    list(ex.extract_many(warm))
    t3 = time.process_time()
    n = sum(1 for _ in ex.extract_many(whole))
    t4 = time.process_time()
    t0 = time.process_time()
    docs, per_component = _pipeline_steps(ex, papers)
    t1 = time.process_time()
    prepared = [(find_candidates(d), d) for d in docs]
    done = [(c, doc_features(c), d) for c, d in prepared]
    mentions = [mentions_from_prepared(c, f, p, ex.model) for (c, f, _), p in zip(done, papers, strict=True)]
    t2 = time.process_time()
    for (_, _, d), m in zip(done, mentions, strict=True):
        find_results(d, m.mentions)
    t3b = time.process_time()
    ms = lambda s: 1000 * s / len(papers)  # noqa: E731
    rows = [
        "| step | CPU ms per abstract |",
        "|---|---|",
        f"| spaCy pipeline (tokenizer, components) | {ms(t1 - t0):.2f} |",
        *(f"| - {name} | {ms(cpu):.2f} |" for name, cpu in per_component.items()),
        f"| candidates + features + decisions (results included once) | {ms(t2 - t1):.2f} |",
        f"| result statements alone (again) | {ms(t3b - t2):.2f} |",
        f"| whole `extract_many` | {ms(t4 - t3):.2f} ({n / (t4 - t3):.0f} abstracts per CPU-second) |",
    ]
    text = (
        f"{a.n} + {a.n} corpus abstracts (whole run, steps), one process, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}\n\n" + "\n".join(rows) + "\n"
    )
    print(text)
    if a.out:
        Path(a.out).write_text("# Extraction speed\n\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
