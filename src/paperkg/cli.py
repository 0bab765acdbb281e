"""The ``paperkg`` command line: thin functions that parse arguments and call the library.

Exit codes: 0 done; 1 failed (nothing or not everything written); 2 bad arguments;
3 done, but some input records were skipped (each reported on stderr as FILE:RECORD: reason).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from paperkg import __version__
from paperkg.models import InputIssue

__all__ = ["main"]

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
log = logging.getLogger("paperkg")

_FORMAT_HELP = (
    "input format for every file: hf (Hugging Face Daily Papers page dump), jsonl, json, csv, arxiv "
    "(Atom feed); default: detected per file from its extension and content"
)


class CliError(Exception):
    """A failure to report as one line and exit 1."""


def _report_issues(issues: list[InputIssue]) -> int:
    for issue in issues:
        print(f"paperkg: skipped {issue}", file=sys.stderr)
    if issues:
        print(f"paperkg: {len(issues)} record(s) skipped", file=sys.stderr)
    return EXIT_SKIPPED if issues else EXIT_OK


def _progress(args: argparse.Namespace) -> bool:
    return (not args.quiet and sys.stderr.isatty()) or getattr(args, "progress", False)


def cmd_build(args: argparse.Namespace) -> int:
    from paperkg.pipeline import build
    from paperkg.resolve import ResolveOptions

    formats = args.formats.split(",") if args.formats else None
    kwargs = {"formats": formats} if formats else {}
    result = build(
        args.inputs,
        out=args.out,
        fmt=args.input_format,
        options=ResolveOptions(min_confidence=args.min_confidence),
        progress=_progress(args),
        max_nodes=args.max_nodes,
        jobs=args.jobs,
        cache_dir=None if args.no_cache else (args.cache or Path(args.out) / ".cache"),
        **kwargs,
    )
    s = result.summary
    print(
        f"papers: {result.papers} ({result.duplicates} duplicates merged; "
        f"{result.extracted} extracted, {result.cached} from cache)"
    )
    if result.up_to_date:
        print("nothing changed since the last build into this folder: its files are up to date")
    print("entities: " + ", ".join(f"{k} {v}" for k, v in result.entities_by_type.items()))
    print(f"repositories: {s['nodes'].get('Repository', 0)}, results: {s['nodes'].get('Result', 0)}")
    print("edges: " + ", ".join(f"{k} {v}" for k, v in s["edges"].items()))
    print("files:" if result.up_to_date else "files written:")
    for f in result.files:
        print(f"  {f}")
    return _report_issues(result.issues)


def cmd_extract(args: argparse.Namespace) -> int:
    from paperkg.export.extractions import write_extractions_jsonl
    from paperkg.pipeline import extract_papers
    from paperkg.resolve import ResolveOptions

    run = extract_papers(
        args.inputs,
        args.input_format,
        ResolveOptions(min_confidence=args.min_confidence),
        _progress(args),
        args.jobs,
    )
    if args.output and args.output != "-":
        with open(args.output, "w", encoding="utf-8") as fh:
            n = write_extractions_jsonl(run, fh)
        print(f"paperkg: wrote {n} papers to {args.output}", file=sys.stderr)
    else:
        write_extractions_jsonl(run, sys.stdout)
    return _report_issues(run.issues)


def _load_graph(path: str):
    from paperkg.export.graphml import read_graphml
    from paperkg.export.nodelink import read_node_link

    p = Path(path)
    if p.is_dir():
        p = p / "graph.json"
    if not p.is_file():
        raise CliError(
            f"{path}: no such graph file (give a graph.json or graph.graphml, or the exports folder)"
        )
    try:
        return read_graphml(p) if p.suffix == ".graphml" else read_node_link(p)
    except (ValueError, KeyError, json.JSONDecodeError) as exc:
        raise CliError(f"{p}: not a paperkg graph ({exc})") from exc


def cmd_stats(args: argparse.Namespace) -> int:
    from paperkg.graph import graph_summary
    from paperkg.stats import top_entities

    g = _load_graph(args.graph)
    s = graph_summary(g)
    print("nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes"].items()))
    print("edges: " + ", ".join(f"{k} {v}" for k, v in s["edges"].items()))
    for label, rows in top_entities(g, args.top, args.type).items():
        print(f"\ntop {label} by papers:")
        for name, n in rows:
            print(f"  {n:5}  {name}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from paperkg.export import write_exports

    g = _load_graph(args.graph)
    for f in write_exports(g, args.out, args.formats.split(","), max_nodes=args.max_nodes):
        print(f)
    return EXIT_OK


def cmd_leaderboard(args: argparse.Namespace) -> int:
    from paperkg.leaderboard import leaderboards

    g = _load_graph(args.graph)
    try:
        boards = leaderboards(g, args.dataset, args.metric)
    except KeyError:
        raise CliError(f"no dataset or benchmark named {args.dataset!r} in {args.graph}") from None
    if not boards:
        print(f"no results stated on {args.dataset}" + (f" for {args.metric}" if args.metric else ""))
        return EXIT_OK
    for b in boards:
        way = {"higher": "higher is better", "lower": "lower is better"}.get(
            b.direction or "", "direction unknown"
        )
        print(f"== {b.dataset} / {b.metric or '(no metric named)'} ({way})")
        for title, rows in (
            ("levels, best first", b.levels[: args.top]),
            ("gains, reductions, baselines", b.changes),
        ):
            if not rows:
                continue
            print(f"  {title}:")
            print(f"  {'method':28} {'value':>12} {'kind':11} {'conf':>4}  paper")
            for r in rows:
                vs = f" vs {r.compared_to}" if r.compared_to else ""
                print(
                    f"  {(r.method or '-')[:28]:28} {r.value_text[:12]:>12} {r.kind:11} {r.confidence:4.2f}  {r.paper[:60]}{vs}"
                )
                if args.evidence:
                    print(f"      evidence: {r.evidence}")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from paperkg.evaluate import format_scores, load_gold, score_records
    from paperkg.pipeline import extract_papers
    from paperkg.resolve import ResolveOptions

    gold = load_gold(args.gold)
    run = extract_papers(
        args.inputs,
        args.input_format,
        ResolveOptions(min_confidence=args.min_confidence),
        _progress(args),
        args.jobs,
    )
    scores, matched = score_records(gold, list(run))
    print(format_scores(scores, matched, len(gold)))
    return EXIT_OK


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--progress", action="store_true", help="show the progress bar even when stderr is not a terminal"
    )


def _extract_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="extract in N processes (0: one per CPU core; default 1)",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders of papers")
    p.add_argument(
        "--input-format", choices=["hf", "jsonl", "json", "csv", "arxiv"], metavar="FMT", help=_FORMAT_HELP
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=0.5,
        metavar="X",
        help="keep entities whose confidence is at least X (0-1, default 0.5)",
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperkg",
        description="Turn paper titles and abstracts into a knowledge graph of methods, datasets, benchmarks, "
        "tasks, metrics and code repositories; export it, browse it as HTML, or load it into Neo4j.",
        epilog="Start with: paperkg build examples/ --out exports/   then open exports/graph.html",
    )
    parser.add_argument("--version", action="version", version=f"paperkg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "build",
        help="extract entities and write the graph files (JSON, GraphML, GEXF, CSV, HTML)",
        description="Read papers, extract entities and links, build the graph and write its exports. "
        "No server needed.",
        epilog="examples:\n  paperkg build examples/hf_daily --out exports\n"
        "  paperkg build papers.jsonl more.csv --formats json,html --max-nodes 800",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _extract_opts(p)
    p.add_argument(
        "--out", default="exports", metavar="DIR", help="folder for the exports (default: exports)"
    )
    p.add_argument(
        "--formats",
        metavar="LIST",
        help="comma-separated: json,graphml,gexf,csv,html,neo4j-admin (default: all but neo4j-admin)",
    )
    p.add_argument(
        "--max-nodes",
        type=int,
        default=1500,
        metavar="N",
        help="the HTML page draws at most N nodes: top entities by degree with their papers (default 1500)",
    )
    p.add_argument(
        "--cache",
        metavar="DIR",
        help="extraction cache for incremental builds (default: OUT/.cache); unchanged papers are not "
        "extracted again",
    )
    p.add_argument("--no-cache", action="store_true", help="extract every paper, read and write no cache")
    _common(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "extract",
        help="write what was found in each paper as JSON Lines",
        description="Extract entities and repositories per paper, one JSON object per line "
        "(the format the evaluation script reads).",
        epilog="example:\n  paperkg extract examples/hf_daily --format jsonl > pred.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _extract_opts(p)
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    p.add_argument(
        "--format",
        default="jsonl",
        choices=["jsonl"],
        help="output format: jsonl, one JSON object per paper (the only one, and the default)",
    )
    _common(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "stats",
        help="counts and the most connected entities of a built graph",
        description="Summarise a graph written by 'paperkg build' (graph.json, graph.graphml or the "
        "exports folder).",
    )
    p.add_argument("graph", metavar="GRAPH", help="graph.json, graph.graphml or the exports folder")
    p.add_argument("--top", type=int, default=10, metavar="N", help="entities to list per type (default 10)")
    p.add_argument(
        "--type",
        choices=["Method", "Dataset", "Benchmark", "Task", "Metric", "Repository"],
        help="list only this type",
    )
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "export",
        help="write a built graph in other formats (e.g. neo4j-admin import files)",
        description="Convert a graph written by 'paperkg build' into other formats. 'leaderboards' writes "
        "leaderboards.json: every dataset's leaderboards (task, dataset, metric, rows with method, value, "
        "paper), close to the Papers with Code evaluation tables.",
        epilog="examples:\n  paperkg export neo4j-admin exports/graph.json\n"
        "  paperkg export leaderboards exports/graph.json --out exports",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "formats",
        metavar="FORMATS",
        help="comma-separated: json,graphml,gexf,csv,html,neo4j-admin,leaderboards",
    )
    p.add_argument(
        "graph",
        metavar="GRAPH",
        nargs="?",
        default="exports/graph.json",
        help="graph.json or graph.graphml (default exports/graph.json)",
    )
    p.add_argument("--out", default="exports", metavar="DIR", help="output folder (default: exports)")
    p.add_argument(
        "--max-nodes", type=int, default=1500, metavar="N", help="node limit for html (default 1500)"
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "leaderboard",
        help="results stated on a dataset or benchmark: method, metric, value, paper",
        description="Print the leaderboards of a dataset or benchmark rebuilt from the result statements "
        "of the abstracts, one per metric: absolute levels ranked by the metric's direction (higher or lower "
        "is better), then gains, reductions and baselines apart (method, value, confidence, paper; "
        "--evidence adds the sentence). All leaderboards as JSON: paperkg export leaderboards GRAPH.",
        epilog="examples:\n  paperkg leaderboard --dataset nuScenes\n"
        "  paperkg leaderboard exports/graph.json --dataset CIFAR-10 --metric accuracy --evidence",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "graph",
        metavar="GRAPH",
        nargs="?",
        default="exports/graph.json",
        help="graph.json, graph.graphml or the exports folder (default exports/graph.json)",
    )
    p.add_argument("--dataset", required=True, metavar="NAME", help="dataset or benchmark name or alias")
    p.add_argument("--metric", metavar="NAME", help="only results measured by this metric")
    p.add_argument("--top", type=int, default=20, metavar="N", help="levels shown per metric (default 20)")
    p.add_argument("--evidence", action="store_true", help="print each result's sentence")
    p.set_defaults(func=cmd_leaderboard)

    p = sub.add_parser(
        "eval",
        help="score extraction against a gold JSONL file",
        description="Run extraction on INPUTs and print precision/recall/F1 per entity group "
        "against GOLD (one annotated paper per line, see the annotation guideline).",
    )
    p.add_argument("gold", metavar="GOLD", help="gold JSONL file")
    _extract_opts(p)
    _common(p)
    p.set_defaults(func=cmd_eval)

    from paperkg.neo4j_cli import add_neo4j_commands

    add_neo4j_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="paperkg: %(message)s"
    )
    try:
        return args.func(args)
    except CliError as exc:
        print(f"paperkg: error: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("paperkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
