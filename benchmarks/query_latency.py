#!/usr/bin/env python3
"""Query latency on the embedded store (a benchmark, not a test): every ready query, a free Cypher
query, and whole ``paperkg`` commands as a user runs them (process start included).

    paperkg build ../shared/corpora/paperlists_abstracts.jsonl.gz --out exports --jobs 2
    python benchmarks/query_latency.py exports/graph.lbug

For each ready query: the first run after opening the store, then the median and max of --repeat
runs. Writes benchmarks/results/query_latency.md.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from paperkg.store.embedded import EmbeddedStore
from paperkg.store.queries import ready_queries

HERE = Path(__file__).resolve().parent
PARAMS = {
    "methods_evaluated_on": {"dataset": "CIFAR-10"},
    "leaderboard": {"dataset": "ImageNet"},
    "methods_sharing_datasets": {"method": "BERT"},
    "papers_with_code_for_method": {"method": "BERT"},
    "find_entity": {"name": "cifar10"},
    "top_entities": {"type": "Method"},
}
FREE = "MATCH (p:Paper)-[:HAS_CODE]->(r:Repository) RETURN p.title AS title, r.id AS repo LIMIT 5"


def _ms(fn) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store", help="graph.lbug written by paperkg build (or its folder)")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--note", default="", help="a line about the machine's load during the run")
    args = ap.parse_args()
    open_ms, store = _ms(lambda: EmbeddedStore(args.store))
    _, (_, first_paper) = _ms(
        lambda: store.run("MATCH (p:Paper)-[:REPORTS_RESULT]->() RETURN p.id AS id LIMIT 1")
    )
    PARAMS["paper_evidence"] = {"paper_id": first_paper[0]["id"]}
    _, (_, counts) = _ms(lambda: store.run("MATCH (n) RETURN count(n) AS n"))
    rows_out = []
    cases = [
        (name, q.text_for("ladybug"), q.bind(PARAMS.get(name, {}))) for name, q in ready_queries().items()
    ]
    cases.append(("(free Cypher) papers with code", FREE, {}))
    for name, text, params in cases:
        first, (_, rows) = _ms(lambda text=text, params=params: store.run(text, params))
        times = [_ms(lambda text=text, params=params: store.run(text, params))[0] for _ in range(args.repeat)]
        rows_out.append(
            f"| {name} | {len(rows)} | {first:.1f} | {statistics.median(times):.1f} | {max(times):.1f} |"
        )
    store.close()
    commands = [
        ["query", "most_used_datasets"],
        ["query", "methods_evaluated_on", "--param", "dataset=CIFAR-10"],
        ["query", FREE],
        ["stats"],
        ["leaderboard", "--dataset", "ImageNet"],
    ]
    cli_rows = []
    for cmd in commands:
        where = ["--store", args.store] if cmd[0] == "query" else [str(Path(args.store))]
        argv = [sys.executable, "-m", "paperkg", cmd[0], *where, *cmd[1:]]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        assert proc.returncode == 0, proc.stderr
        shown = " ".join(c if " " not in c else repr(c) for c in ["paperkg", *cmd])
        cli_rows.append(f"| `{shown}` | {wall:.2f} | {cpu:.2f} |")
    out = [
        f"Store: {args.store} ({Path(args.store).stat().st_size / 2**20:.0f} MiB, {counts[0]['n']} nodes); "
        f"LadybugDB, read-only, opened in {open_ms:.0f} ms; {args.repeat} runs per query. " + args.note,
        "",
        "| ready query (embedded store) | rows | first run ms | median ms | max ms |",
        "|---|---|---|---|---|",
        *rows_out,
        "",
        "| whole command (process start, imports, store open, query, print) | wall s | CPU s |",
        "|---|---|---|",
        *cli_rows,
    ]
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "query_latency.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
