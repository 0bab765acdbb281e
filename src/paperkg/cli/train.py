"""``paperkg train``: rebuild the entity decision model from annotated abstracts."""

from __future__ import annotations

import argparse
import sys

from paperkg.cli._common import EXIT_OK, CliError

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Train on PAPERS + GOLD and write the model file (the shipped one by default)."""
    from paperkg.atomic import atomic_file
    from paperkg.extract.model import shipped_model_path
    from paperkg.extract.train import train

    try:
        model = train(args.papers, args.gold)
    except (OSError, ValueError, KeyError) as exc:
        raise CliError(f"cannot train: {exc}") from exc
    out = args.output or str(shipped_model_path())
    with atomic_file(out) as fh:
        fh.write(model.dumps())
    print(
        f"paperkg: wrote {out} ({len(model.type.index)} type features, "
        f"{len(model.proposed.index)} proposed features, {len(model.task.index)} task features)",
        file=sys.stderr,
    )
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``train`` to the command parser."""
    p = sub.add_parser(
        "train",
        help="rebuild the extractor's decision model from annotated abstracts",
        description="Fit the entity decision models (keep/type, proposed) on annotated abstracts and "
        "write them as one JSON file. Training is deterministic: the same data give the same file. "
        "Needs scikit-learn (the dev extra); extraction itself does not.",
        epilog="example (rebuild the shipped model):\n"
        "  paperkg train ../shared/eval/train_papers.jsonl ../shared/eval/train_gold.jsonl\n"
        "example (train elsewhere):\n"
        "  paperkg train papers.jsonl gold.jsonl -o /tmp/extractor.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("papers", metavar="PAPERS", help="JSONL of papers (title, abstract, id)")
    p.add_argument("gold", metavar="GOLD", help="JSONL of gold records written to the annotation guideline")
    p.add_argument(
        "--output", "-o", metavar="FILE", help="where to write the model (default: the shipped model file)"
    )
    p.set_defaults(func=run)
