"""Reader for CSV/TSV files with a header row (title and abstract columns, others optional)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from paperkg.models import InputIssue
from paperkg.sources.base import ReadItem, decode_text, open_bytes, record_from_mapping

__all__ = ["read_csv"]


def read_csv(path: Path) -> Iterator[ReadItem]:
    """One record per row: comma for .csv, tab for .tsv, else sniffed (comma, tab, semicolon)."""
    file = str(path)
    text = decode_text(open_bytes(path))
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".tsv"):
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel_tab
    elif name.endswith(".csv"):
        dialect = csv.excel
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = {h.strip().lower() for h in (reader.fieldnames or [])}
    if not header & {"title", "paper_title"} or not header & {"abstract", "summary"}:
        yield InputIssue(
            file=file, record="line 1", reason=f"header has no title/abstract columns: {sorted(header)}"
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
