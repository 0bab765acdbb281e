"""The ``paperkg`` command line: one module per command (or command group), each a thin function over
a library call; shared helpers (exit codes, errors, argument groups, graph loading) live in ``_common``.

Exit codes: 0 done; 1 failed (nothing or not everything written); 2 bad arguments;
3 done, but some input records were skipped (each reported on stderr as FILE:RECORD: reason).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from paperkg import __version__
from paperkg.atomic import OutputError
from paperkg.cli import build, evaluate, export, extract, leaderboard, neo4j, query, stats, train
from paperkg.cli._common import EXIT_FAIL, EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, CliError, redact
from paperkg.sources.base import one_line

__all__ = ["EXIT_FAIL", "EXIT_OK", "EXIT_SKIPPED", "EXIT_USAGE", "CliError", "main", "make_parser"]

# the order of the commands in --help
COMMAND_MODULES = [build, extract, stats, export, evaluate, train, leaderboard, neo4j, query]


def make_parser() -> argparse.ArgumentParser:
    """The parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="paperkg",
        description="Turn paper titles and abstracts into a knowledge graph of methods, datasets, benchmarks, "
        "tasks, metrics and code repositories; export it, browse it as HTML, or load it into Neo4j.",
        epilog="Start with: paperkg build examples/ --out exports/   then open exports/graph.html",
    )
    parser.add_argument("--version", action="version", version=f"paperkg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; returns the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="paperkg: %(message)s"
    )
    try:
        return args.func(args)
    except (CliError, OutputError) as exc:
        print(f"paperkg: error: {redact(one_line(str(exc), 500))}", file=sys.stderr)
        return EXIT_FAIL
    except BrokenPipeError:  # the reader stopped early (`| head`): not a failure; before OSError, its base
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return EXIT_OK
    except OSError as exc:  # the environment failed (disk, permissions): one line, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"paperkg: error: {redact(where + (exc.strerror or str(exc)))}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("paperkg: interrupted", file=sys.stderr)
        return 130
