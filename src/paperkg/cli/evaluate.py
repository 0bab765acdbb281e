"""``paperkg eval``: score extraction against a gold JSONL file."""

from __future__ import annotations

import argparse

from paperkg.cli._common import EXIT_OK, add_common, add_extract_options, show_progress

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Extract INPUTs and print P/R/F1 per group against GOLD."""
    from paperkg.evaluate import format_scores, load_gold, score_records
    from paperkg.pipeline import extract_papers
    from paperkg.resolve import ResolveOptions

    gold = load_gold(args.gold)
    extraction = extract_papers(
        args.inputs,
        args.input_format,
        ResolveOptions(min_confidence=args.min_confidence),
        show_progress(args),
        args.jobs,
    )
    scores, matched = score_records(gold, list(extraction))
    print(format_scores(scores, matched, len(gold)))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``eval`` to the command parser."""
    p = sub.add_parser(
        "eval",
        help="score extraction against a gold JSONL file",
        description="Run extraction on INPUTs and print precision/recall/F1 per entity group "
        "against GOLD (one annotated paper per line, see the annotation guideline).",
        epilog="example:\n  paperkg eval ../shared/eval/dev_gold.jsonl examples/hf_daily",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("gold", metavar="GOLD", help="gold JSONL file")
    add_extract_options(p)
    add_common(p)
    p.set_defaults(func=run)
