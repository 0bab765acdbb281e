"""Reader for JSON Lines (one paper object per line) and JSON (an array, or an object holding one)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from paperkg.models import InputIssue
from paperkg.sources.base import ReadItem, decode_text, open_bytes, record_from_mapping

__all__ = ["read_json", "read_jsonl"]


def read_jsonl(path: Path) -> Iterator[ReadItem]:
    """One record per non-empty line; a line that is not a JSON object is reported and skipped."""
    file = str(path)
    for n, line in enumerate(decode_text(open_bytes(path)).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputIssue(
                file=file, record=f"line {n}", reason=f"invalid JSON: {exc.msg} at column {exc.colno}"
            )
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


def read_json(path: Path) -> Iterator[ReadItem]:
    """Records from a JSON array (or {"papers": [...]}, or a single paper object)."""
    file = str(path)
    try:
        doc = json.loads(decode_text(open_bytes(path)))
    except json.JSONDecodeError as exc:
        yield InputIssue(
            file=file, record=f"line {exc.lineno}", reason=f"invalid JSON: {exc.msg} at column {exc.colno}"
        )
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
