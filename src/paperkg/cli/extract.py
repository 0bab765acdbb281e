"""``paperkg extract``: what was found in each paper, as JSON Lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paperkg.atomic import atomic_file, check_writable
from paperkg.cli._common import add_common, add_extract_options, report_issues, report_warnings, show_progress

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Extract and write one JSON object per paper to --output or stdout."""
    from paperkg.export.extractions import write_extractions_jsonl
    from paperkg.pipeline import extract_papers
    from paperkg.resolve import ResolveOptions

    to_file = bool(args.output and args.output != "-")
    if to_file:  # a folder that cannot be written fails now, not after the extraction
        check_writable(Path(args.output).resolve().parent)
    extraction = extract_papers(
        args.inputs,
        args.input_format,
        ResolveOptions(min_confidence=args.min_confidence),
        show_progress(args),
        args.jobs,
    )
    if to_file:
        with atomic_file(args.output) as fh:  # complete or absent, like the build's files
            n = write_extractions_jsonl(extraction, fh)
        print(f"paperkg: wrote {n} papers to {args.output}", file=sys.stderr)
    else:
        write_extractions_jsonl(extraction, sys.stdout)
    report_warnings(extraction.warnings)
    return report_issues(extraction.issues)


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``extract`` to the command parser."""
    p = sub.add_parser(
        "extract",
        help="write what was found in each paper as JSON Lines",
        description="Extract entities and repositories per paper, one JSON object per line "
        "(the format the evaluation script reads).",
        epilog="example:\n  paperkg extract examples/hf_daily --format jsonl > pred.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_extract_options(p)
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    p.add_argument(
        "--format",
        default="jsonl",
        choices=["jsonl"],
        help="output format: jsonl, one JSON object per paper (the only one, and the default)",
    )
    add_common(p)
    p.set_defaults(func=run)
