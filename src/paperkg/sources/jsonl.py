"""Reader for JSON Lines (one paper object per line) and JSON (an array, or an object holding one)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from paperkg.models import InputIssue
from paperkg.sources.base import ReadItem, Source, decode_text, record_from_mapping

__all__ = ["read_json", "read_jsonl"]


def _loads(text: str) -> tuple[Any, int, str | None]:
    """``(value, 0, None)``, or ``(None, line, reason)`` for text that is not JSON or that Python
    cannot hold: an integer over 4,300 digits (ValueError) or nesting deeper than the stack allows."""
    try:
        return json.loads(text), 0, None
    except json.JSONDecodeError as exc:
        return None, exc.lineno, f"invalid JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return None, 0, "JSON nested too deeply"
    except ValueError as exc:  # e.g. "Exceeds the limit (4300 digits) for integer string conversion"
        return None, 0, f"unreadable JSON value: {str(exc).splitlines()[0]}"


def read_jsonl(path: Path, source: Source) -> Iterator[ReadItem]:
    """One record per non-empty line; a line that is not a JSON object is reported and skipped.

    Lines end at \\n (or \\r\\n) only: U+2028/U+2029/U+0085 inside a string do not split a record.
    The file is read line by line, so its size is not limited by memory.
    """
    file = str(path)
    for n, raw in enumerate(source.lines(), start=1):
        line = decode_text(raw) if n == 1 else raw.decode("utf-8", errors="surrogateescape")
        if not line.strip():
            continue
        obj, _, problem = _loads(line)
        if problem is not None:
            yield InputIssue(file=file, record=f"line {n}", reason=problem)
            continue
        if not isinstance(obj, dict):
            yield InputIssue(
                file=file, record=f"line {n}", reason=f"expected a JSON object, got {type(obj).__name__}"
            )
            continue
        yield record_from_mapping(obj, file, f"line {n}")


def _papers(doc: Any) -> list[Any] | None:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for key in ("papers", "records", "data", "items", "results"):
            if isinstance(doc.get(key), list):
                return doc[key]
        if "title" in doc or "abstract" in doc:
            return [doc]
    return None


def read_json(path: Path, source: Source) -> Iterator[ReadItem]:
    """Records from a JSON array (or {"papers": [...]}, or a single paper object)."""
    file = str(path)
    doc, line, problem = _loads(decode_text(source.read()))
    if problem is not None:
        yield InputIssue(file=file, record=f"line {line}" if line else "document", reason=problem)
        return
    papers = _papers(doc)
    if papers is None:
        yield InputIssue(file=file, record="document", reason="no list of papers found in the JSON document")
        return
    for i, obj in enumerate(papers):
        if not isinstance(obj, dict):
            yield InputIssue(
                file=file, record=f"record {i}", reason=f"expected an object, got {type(obj).__name__}"
            )
            continue
        yield record_from_mapping(obj, file, f"record {i}")
