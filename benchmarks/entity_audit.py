#!/usr/bin/env python3
"""Entity audit: what a user sees first in a graph of 10,000 corpus abstracts (a benchmark, not a test).

    python benchmarks/entity_audit.py                          # sample, build, audit (a few minutes)
    python benchmarks/entity_audit.py --keep-build /tmp/audit  # ... and keep the sample and its graph.json
    python benchmarks/entity_audit.py --graph /tmp/audit/graph.json   # audit a graph built before
    python benchmarks/entity_audit.py --tally benchmarks/results/entity_audit.md   # count filled verdicts

Draws a fixed-seed sample of the corpus (default 10,000 of ../shared/corpora/paperlists_abstracts.jsonl.gz,
seed 11), builds its graph with the current extractor, and writes benchmarks/results/entity_audit.md and
.json with:

- the 50 entities of each type named by the most papers: name, aliases, papers, an example sentence and
  its paper, and an empty ``verdict`` column (right / wrong by ../shared/eval/GUIDELINE.md) for a judge;
- duplicate groups: separate nodes of one type whose names are the same up to case, punctuation,
  spacing and a plural ending (listed);
- names under more than one type (counted with and without the Dataset/Benchmark pairs, which the
  guideline lets the abstract decide; listed).

``--tally`` reads a Markdown file whose verdict columns a judge filled in and prints the share judged
right per type.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "paperlists_abstracts.jsonl.gz"
TYPES = ("Method", "Dataset", "Benchmark", "Task", "Metric")
PAPER_EDGES = {"PROPOSES", "USES", "EVALUATED_ON", "ADDRESSES", "REPORTS"}


def audit_key(name: str) -> str:
    """When two names count as one for the audit: letters and digits only, lower case, no plural ending.

    Deliberately the evaluation's notion of "same name" (../shared/eval/score.py), not the extractor's
    own normaliser: the audit must be able to find what the resolver failed to merge.
    """
    s = re.sub(r"[^0-9a-z]+", "", name.lower())
    if len(s) > 4 and s.endswith("ies"):
        return s[:-3] + "y"
    if len(s) > 4 and s.endswith(("sses", "xes", "ches", "shes")):
        return s[:-2]
    return s[:-1] if len(s) > 3 and s.endswith("s") and not s.endswith(("ss", "us", "is")) else s


def draw_sample(corpus: Path, size: int, seed: int, dest: Path) -> int:
    """Write ``size`` records of ``corpus`` picked with ``random.Random(seed)`` (corpus order kept)."""
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    picked = sorted(random.Random(seed).sample(range(len(lines)), min(size, len(lines))))
    dest.write_text("".join(lines[i] for i in picked), encoding="utf-8")
    return len(picked)


def build_graph_json(sample: Path, out: Path, jobs: int) -> Path:
    """Build the sample's graph (JSON export only) with the current extractor; return graph.json."""
    from paperkg.pipeline import build

    build([str(sample)], out=out, formats=["json"], jobs=jobs, progress=sys.stderr.isatty())
    return out / "graph.json"


def _example(edges: list[dict], names: list[str]) -> dict:
    """The most confident evidence sentence, the entity's name in it marked with ** **."""
    best = max(edges, key=lambda e: (e.get("confidence") or 0.0, -len(e.get("sentence") or "")))
    sentence = " ".join((best.get("sentence") or "").split())
    for name in sorted(names, key=len, reverse=True):
        m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence, re.IGNORECASE)
        if m:
            sentence = f"{sentence[: m.start()]}**{m.group(0)}**{sentence[m.end() :]}"
            break
    return {"paper_id": best.get("paper_id"), "rule": best.get("rule"), "sentence": sentence}


def load_entities(graph_json: Path) -> tuple[list[dict], dict[str, str]]:
    """Entity nodes with their example evidence, and paper id -> title."""
    data = json.loads(graph_json.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    titles = {i: n.get("title", "") for i, n in nodes.items() if n.get("label") == "Paper"}
    evidence: dict[str, list[dict]] = defaultdict(list)
    for e in data.get("edges", data.get("links", [])):
        if e.get("type") in PAPER_EDGES and e["source"] in titles:
            evidence[e["target"]].append(e)
    entities = []
    for node_id, n in nodes.items():
        if n.get("label") not in TYPES:
            continue
        aliases = [a for a in (n.get("aliases") or "").split(" | ") if a]
        names = [n["name"], *aliases]
        entities.append(
            {
                "id": node_id,
                "type": n["label"],
                "name": n["name"],
                "aliases": aliases,
                "n_papers": int(n.get("n_papers") or len({e["source"] for e in evidence[node_id]})),
                "example": _example(evidence[node_id], names) if evidence[node_id] else None,
            }
        )
    return entities, titles


def top_entities(entities: list[dict], titles: dict[str, str], top: int) -> dict[str, list[dict]]:
    """Per type, the ``top`` entities by papers (ties by name), with an empty verdict."""
    out: dict[str, list[dict]] = {}
    for kind in TYPES:
        ranked = sorted((e for e in entities if e["type"] == kind), key=lambda e: (-e["n_papers"], e["name"]))
        rows = []
        for rank, e in enumerate(ranked[:top], 1):
            ex = e["example"] or {}
            rows.append(
                {
                    "rank": rank,
                    **{k: e[k] for k in ("id", "name", "aliases", "n_papers")},
                    "example_sentence": ex.get("sentence", ""),
                    "example_paper": titles.get(ex.get("paper_id", ""), ""),
                    "verdict": "",
                }
            )
        out[kind] = rows
    return out


def duplicate_groups(entities: list[dict]) -> dict[str, list[list[dict]]]:
    """Per type, groups of two or more nodes whose names share an audit key."""
    out: dict[str, list[list[dict]]] = {}
    for kind in TYPES:
        groups: dict[str, list[dict]] = defaultdict(list)
        for e in entities:
            if e["type"] == kind:
                groups[audit_key(e["name"])].append({"name": e["name"], "n_papers": e["n_papers"]})
        dups = [sorted(g, key=lambda x: -x["n_papers"]) for g in groups.values() if len(g) > 1]
        out[kind] = sorted(dups, key=lambda g: -sum(x["n_papers"] for x in g))
    return out


def multi_type_names(entities: list[dict]) -> list[dict]:
    """Names (by audit key) that are nodes of more than one type, most papers first."""
    by_key: dict[str, dict[str, int]] = defaultdict(dict)
    shown: dict[str, str] = {}
    for e in entities:
        key = audit_key(e["name"])
        by_key[key][e["type"]] = by_key[key].get(e["type"], 0) + e["n_papers"]
        shown.setdefault(key, e["name"])
    rows = [
        {"name": shown[k], "types": types, "n_papers": sum(types.values())}
        for k, types in by_key.items()
        if len(types) > 1
    ]
    return sorted(rows, key=lambda r: (-r["n_papers"], r["name"]))


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(report: dict, top: int) -> str:
    """The audit as Markdown: summary, the per-type tables with a verdict column, duplicates, multi-type."""
    meta, dups, multi = report["meta"], report["duplicate_groups"], report["multi_type"]
    source = (
        f"built from {meta['sample_size']} abstracts of `{meta['corpus']}` drawn with seed {meta['seed']}"
        if meta["graph"] is None
        else f"read from `{meta['graph']}`"
    )
    lines = [
        "# Entity audit",
        "",
        f"{meta['papers_in_graph']} papers in the graph, {source}; extractor fingerprint "
        f"`{meta['extractor']}`, commit `{meta['commit']}`. Reproduce: `{meta['command']}`.",
        "",
        "Judge: fill each `verdict` cell with `right` or `wrong` by ../shared/eval/GUIDELINE.md (is this name "
        "an entity of this type?), then run `python benchmarks/entity_audit.py --tally THIS_FILE`.",
        "",
        "| type | entities | duplicate groups |",
        "|---|---|---|",
        *(f"| {k} | {meta['entities'][k]} | {len(dups[k])} |" for k in TYPES),
        "",
        f"Duplicate groups (same name up to case, punctuation, spacing, plural; same type): "
        f"**{sum(len(v) for v in dups.values())}**. Names under more than one type: **{len(multi)}** "
        f"({report['multi_type_excluding_dataset_benchmark']} without the Dataset/Benchmark-only pairs).",
    ]
    for kind in TYPES:
        lines += ["", f"## Top {top} {kind} entities by papers", ""]
        lines += [
            "| # | name | aliases | papers | example sentence | paper | verdict |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in report["top"][kind]:
            aliases = ", ".join(r["aliases"][:4]) + (" ..." if len(r["aliases"]) > 4 else "")
            lines.append(
                f"| {r['rank']} | {_cell(r['name'])} | {_cell(aliases)} | {r['n_papers']} | "
                f"{_cell(r['example_sentence'])} | {_cell(r['example_paper'][:80])} | {r['verdict']} |"
            )
    lines += ["", "## Duplicate groups", ""]
    for kind in TYPES:
        for group in dups[kind]:
            names = ", ".join(f"{_cell(x['name'])} ({x['n_papers']})" for x in group)
            lines.append(f"- {kind}: {names}")
    if not any(dups.values()):
        lines.append("None.")
    lines += ["", "## Names under more than one type (most papers first; all of them in the JSON)", ""]
    for r in multi[:150]:
        types = ", ".join(f"{k} {v}" for k, v in sorted(r["types"].items(), key=lambda kv: -kv[1]))
        lines.append(f"- {_cell(r['name'])}: {types}")
    return "\n".join(lines) + "\n"


def tally(markdown: Path) -> dict[str, tuple[int, int]]:
    """(right, judged) per type from the filled verdict columns of an audit Markdown file."""
    counts: dict[str, list[int]] = {}
    kind = None
    for line in markdown.read_text(encoding="utf-8").splitlines():
        m = re.match(r"## Top \d+ (\w+) entities", line)
        if m:
            kind = m.group(1)
            counts[kind] = [0, 0]
            continue
        if line.startswith("## "):
            kind = None
        cells = [c.strip().lower() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if kind and cells and cells[0].isdigit() and cells[-1] in {"right", "wrong"}:
            counts[kind][1] += 1
            counts[kind][0] += cells[-1] == "right"
    return {k: (v[0], v[1]) for k, v in counts.items()}


def _commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() or "unknown"


def run_audit(args: argparse.Namespace) -> dict:
    """Sample and build (unless --graph), then audit the graph; returns the report."""
    from paperkg.cache import extractor_fingerprint

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep_build or tmp)
        if args.graph:
            graph_json, sample_size = Path(args.graph), None
        else:
            work.mkdir(parents=True, exist_ok=True)
            sample_size = draw_sample(Path(args.corpus), args.size, args.seed, work / "sample.jsonl")
            graph_json = build_graph_json(work / "sample.jsonl", work, args.jobs)
        entities, titles = load_entities(graph_json)
    multi = multi_type_names(entities)
    return {
        "meta": {
            "corpus": str(args.corpus),
            "sample_size": sample_size,
            "seed": args.seed,
            "graph": str(args.graph) if args.graph else None,
            "papers_in_graph": len(titles),
            "entities": {k: sum(e["type"] == k for e in entities) for k in TYPES},
            "extractor": extractor_fingerprint()[:16],
            "commit": _commit(),
            "command": " ".join(["python", "benchmarks/entity_audit.py", *sys.argv[1:]]),
        },
        "top": top_entities(entities, titles, args.top),
        "duplicate_groups": duplicate_groups(entities),
        "multi_type": multi,
        "multi_type_excluding_dataset_benchmark": sum(
            set(r["types"]) != {"Dataset", "Benchmark"} for r in multi
        ),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        epilog=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--corpus", default=str(CORPUS), help="JSONL(.gz) corpus to sample (default: %(default)s)"
    )
    ap.add_argument("--size", type=int, default=10000, help="abstracts in the sample (default: 10000)")
    ap.add_argument("--seed", type=int, default=11, help="sampling seed (default: 11)")
    ap.add_argument("--graph", help="audit this built graph.json instead of sampling and building")
    ap.add_argument(
        "--keep-build", metavar="DIR", help="build into DIR (sample.jsonl, graph.json) and keep it"
    )
    ap.add_argument("--jobs", type=int, default=1, help="extraction processes for the build (default: 1)")
    ap.add_argument("--top", type=int, default=50, help="entities listed per type (default: 50)")
    ap.add_argument(
        "--out", default=str(HERE / "results" / "entity_audit"), help="output path without suffix"
    )
    ap.add_argument(
        "--tally", metavar="MD", help="count the filled verdicts of an audit Markdown file and exit"
    )
    args = ap.parse_args(argv)
    if args.tally:
        for kind, (right, judged) in tally(Path(args.tally)).items():
            share = f"{right / judged:.0%}" if judged else "-"
            print(f"{kind:10s} {right:3d} right of {judged:3d} judged  {share}")
        return
    report = run_audit(args)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    out.with_suffix(".md").write_text(render_markdown(report, args.top), encoding="utf-8")
    dups = sum(len(v) for v in report["duplicate_groups"].values())
    print(
        f"{report['meta']['papers_in_graph']} papers; duplicate groups: {dups}; names under more than one type: "
        f"{len(report['multi_type'])}; wrote {out.with_suffix('.md')} and .json"
    )


if __name__ == "__main__":
    main()
