"""Reader for CSV/TSV files with a header row (title and abstract columns, others optional)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from paperkg.models import InputIssue
from paperkg.sources.base import ReadItem, Source, decode_text, record_from_mapping

__all__ = ["read_csv"]

_DELIMITERS = ",;\t|"
_TITLE = {"title", "paper_title"}
_ABSTRACT = {"abstract", "summary"}


def _columns(header_line: str, delimiter: str) -> set[str]:
    row = next(csv.reader([header_line], delimiter=delimiter), [])
    return {h.strip().lower() for h in row}


def _delimiter(first: str, name: str) -> str:
    """The separator whose header row ``first`` names a title and an abstract column; the extension's
    default (tab for .tsv, comma otherwise) when none does, so the error message shows that header."""
    default = "\t" if name.endswith(".tsv") else ","
    for d in (default, *_DELIMITERS):
        cols = _columns(first, d)
        if cols & _TITLE and cols & _ABSTRACT:
            return d
    return default


def _text_lines(source: Source) -> Iterator[str]:
    for n, raw in enumerate(source.lines()):
        yield (decode_text(raw) if n == 0 else raw.decode("utf-8", errors="surrogateescape")) + "\n"


def read_csv(path: Path, source: Source) -> Iterator[ReadItem]:
    """One record per row, read line by line; the separator (comma, semicolon, tab or |) is the one
    whose header names the title and abstract columns."""
    file = str(path)
    rows = _text_lines(source)
    first = next(rows, "")
    name = path.name.lower().removesuffix(".gz")
    delimiter = _delimiter(first, name)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # abstracts can exceed the 128 KiB default
    reader = csv.DictReader(chain([first], rows), delimiter=delimiter)
    header = {h.strip().lower() for h in (reader.fieldnames or [])}
    if not header & _TITLE or not header & _ABSTRACT:
        seps = [repr(d) for d in _DELIMITERS if d != delimiter and len(_columns(first, d)) > 1]
        hint = f"; the header splits on {' or '.join(seps)}, but has no such columns either" if seps else ""
        yield InputIssue(
            file=file,
            record="line 1",
            reason=f"header has no title/abstract columns: {sorted(header)}{hint}",
        )
        return
    try:
        for row in reader:
            if None in row:
                yield InputIssue(
                    file=file, record=f"line {reader.line_num}", reason="more fields than the header names"
                )
                continue
            yield record_from_mapping(row, file, f"line {reader.line_num}")
    except csv.Error as exc:
        yield InputIssue(file=file, record=f"line {reader.line_num}", reason=f"CSV error: {exc}")
