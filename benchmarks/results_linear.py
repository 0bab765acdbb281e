"""Time result extraction (``results.find_results``) on number-dense text of growing length.

The spaCy pipeline runs once per size (its time is reported apart); ``find_results`` is timed alone,
so a super-linear rule shows as a growing "µs/char" column. Times are CPU seconds of this process
(``time.process_time``), so other work on a shared machine does not inflate them. Usage::

    python benchmarks/results_linear.py --sizes 10000 100000 1000000 [--out benchmarks/results/results_linear.md]
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from paperkg.extract import mentions_from_doc
from paperkg.models import Paper
from paperkg.nlp import get_pipeline
from paperkg.results import find_results

# Number-dense sentences in the style of abstracts: every sentence states two or three results.
_SENTENCES = (
    "Our method achieves 91.5% accuracy on CIFAR-10 and 78.2% top-1 accuracy on ImageNet, "
    "improving over ResNet by 2.1 points. ",
    "It reduces FID from 12.4 to 8.7 and improves BLEU by +3.6 over BERT on WMT14. ",
    "Accuracy, precision and F1 were 97.1%, 97.3% and 97.2% respectively; ",
    "latency drops by 35% with 2x fewer parameters, up to 4.5x faster than LLaMA, ",
)


def number_dense_text(n_chars: int) -> str:
    """About ``n_chars`` characters of result statements."""
    parts: list[str] = []
    size = 0
    i = 0
    while size < n_chars:
        s = _SENTENCES[i % len(_SENTENCES)]
        parts.append(s)
        size += len(s)
        i += 1
    return "".join(parts)[:n_chars]


def run(sizes: list[int]) -> list[tuple[int, float, float, int]]:
    """(chars, pipeline s, find_results s, results found) per size."""
    nlp = get_pipeline()
    nlp.max_length = max(sizes) + 1000
    rows = []
    for n in sizes:
        abstract = number_dense_text(n)
        paper = Paper(id="t:bench", title="Benchmark", abstract=abstract)
        t0 = time.process_time()
        doc = nlp(paper.text)
        mentions = mentions_from_doc(doc, paper).mentions
        t1 = time.process_time()
        found = find_results(doc, mentions)
        t2 = time.process_time()
        rows.append((n, t1 - t0, t2 - t1, len(found)))
        print(f"{n:>9} chars  pipeline {t1 - t0:7.2f} s  find_results {t2 - t1:7.3f} s  results {len(found)}")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--out", type=Path, help="write a Markdown table here")
    args = ap.parse_args()
    rows = run(args.sizes)
    if args.out:
        lines = [
            f"Machine: {platform.machine()}, CPython {platform.python_version()}; number-dense text "
            "(`benchmarks/results_linear.py`); CPU seconds.",
            "",
            "| chars | pipeline + mentions CPU s | find_results CPU s | µs/char (find_results) | results |",
            "|---|---|---|---|---|",
        ]
        for n, pipe_s, res_s, found in rows:
            lines.append(f"| {n} | {pipe_s:.2f} | {res_s:.3f} | {1e6 * res_s / n:.2f} | {found} |")
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
