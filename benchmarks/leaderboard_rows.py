"""The rows a reader judges: the top rows of the leaderboards of the datasets with the most results.

    python benchmarks/leaderboard_rows.py GRAPH [--datasets 10] [--rows 10] [--out benchmarks/results/leaderboard_rows.jsonl]
        [--md benchmarks/results/leaderboard_rows.md]

For each of the ``--datasets`` datasets or benchmarks with the most Result nodes, its leaderboards
(``paperkg.leaderboard.leaderboards``: one per metric, the metric with the most results first; absolute
levels best first by direction, then gains and reductions) are read in order and the first ``--rows``
rows kept. Each row is written as one JSON line with its evidence sentence and an empty ``verdict``
(``value``, ``metric``, ``method``: true/false, filled by a reader following
``../shared/eval/RESULTS_GUIDELINE.md``). ``--score FILE`` prints the share of rows judged right in a
filled file instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from paperkg.export.nodelink import read_node_link
from paperkg.leaderboard import leaderboards


def top_rows(graph: Path, n_datasets: int, n_rows: int) -> list[dict[str, object]]:
    g = read_node_link(graph)
    counts = Counter(t for _, t, k in g.edges(keys=True) if k == "ON_DATASET")
    out: list[dict[str, object]] = []
    for node, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n_datasets]:
        name = str(g.nodes[node].get("name", node))
        rows = [(b, r, "level") for b in leaderboards(g, name) for r in b.levels]
        rows += [(b, r, "change") for b in leaderboards(g, name) for r in b.changes]
        for rank, (b, r, section) in enumerate(rows[:n_rows], 1):
            out.append(
                {
                    "dataset": name,
                    "dataset_results": n,
                    "rank": rank,
                    "section": section,
                    "metric": b.metric,
                    "direction": b.direction,
                    "method": r.method,
                    "value_text": r.value_text,
                    "kind": r.kind,
                    "compared_to": r.compared_to,
                    "confidence": r.confidence,
                    "paper": r.paper,
                    "paper_id": r.paper_id,
                    "evidence": r.evidence,
                    "verdict": {"value": None, "metric": None, "method": None, "note": ""},
                }
            )
    return out


def markdown(rows: list[dict[str, object]], source: str) -> str:
    """The rows as a table a judge fills in (one verdict per row: value, metric, method right?)."""

    def cell(x: object, width: int = 0) -> str:
        text = " ".join(str(x if x is not None else "").split()).replace("|", "\\|")
        return text if not width or len(text) <= width else text[: width - 1] + "…"

    out = [
        "# Top leaderboard rows on the full corpus, for an independent judge",
        "",
        f"Rows of {source}: for each of the {len({r['dataset'] for r in rows})} datasets with the most "
        "results, the first rows of its leaderboards as `paperkg leaderboard` shows them (levels best first "
        "per metric, then gains and reductions). The verdict column is left for a judge following "
        "`../shared/eval/RESULTS_GUIDELINE.md`: value, metric and method each right or wrong; the same rows "
        "with full evidence are in `leaderboard_rows.jsonl` (field `verdict`), scored by "
        "`python benchmarks/leaderboard_rows.py --score benchmarks/results/leaderboard_rows.jsonl`.",
        "",
        "| # | dataset | metric | kind | value | method | compared to | paper | evidence | verdict |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['rank']} | {cell(r['dataset'])} | {cell(r['metric'])} | {cell(r['kind'])} | "
            f"{cell(r['value_text'])} | {cell(r['method'])} | {cell(r['compared_to'])} | {cell(r['paper'], 60)} | "
            f"{cell(r['evidence'])} | |"
        )
    return "\n".join(out) + "\n"


def score(path: Path) -> str:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    judged = [r for r in rows if all(r["verdict"][k] is not None for k in ("value", "metric", "method"))]
    right = [r for r in judged if all(r["verdict"][k] for k in ("value", "metric", "method"))]
    parts = [
        f"{k} {sum(bool(r['verdict'][k]) for r in judged)}/{len(judged)}"
        for k in ("value", "metric", "method")
    ]
    return f"rows judged {len(judged)}/{len(rows)}; all three right {len(right)}/{len(judged)}; " + ", ".join(
        parts
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph", type=Path, nargs="?", help="graph.json of a full-corpus build")
    ap.add_argument("--datasets", type=int, default=10)
    ap.add_argument("--rows", type=int, default=10)
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results/leaderboard_rows.jsonl"))
    ap.add_argument("--score", type=Path, help="print the share of rows judged right in this file")
    ap.add_argument("--md", type=Path, help="also write the rows as a Markdown table with a verdict column")
    args = ap.parse_args()
    if args.score:
        print(score(args.score))
        return 0
    if args.graph is None:
        ap.error("give GRAPH (or --score FILE)")
    rows = top_rows(args.graph, args.datasets, args.rows)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows of {len({r['dataset'] for r in rows})} datasets to {args.out}")
    if args.md:
        args.md.write_text(markdown(rows, f"`{args.graph}`"), encoding="utf-8")
        print(f"wrote {args.md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
