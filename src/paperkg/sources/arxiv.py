"""Reader for arXiv API Atom feeds (export.arxiv.org/api/query responses)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from paperkg.models import InputIssue
from paperkg.sources.base import RawRecord, ReadItem, Source

__all__ = ["ARXIV_ID", "read_arxiv_atom"]

_NS = {"a": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}
ARXIV_ID = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|huggingface\.co/papers/|arxiv:)([a-z\-]+(?:\.[A-Z]{2})?/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?",
    re.I,
)


def _clean(text: str | None) -> str | None:
    return re.sub(r"\s+", " ", text).strip() if text else None


def read_arxiv_atom(path: Path, source: Source) -> Iterator[ReadItem]:
    """One record per ``<entry>``; an unparsable feed is reported as one issue."""
    file = str(path)
    try:
        root = ET.fromstring(source.read())
    except ET.ParseError as exc:
        yield InputIssue(file=file, record=f"line {exc.position[0]}", reason=f"invalid XML: {exc}")
        return
    for i, entry in enumerate(root.iterfind("a:entry", _NS)):
        ident = _clean(entry.findtext("a:id", namespaces=_NS)) or ""
        m = ARXIV_ID.search(ident)
        yield RawRecord(
            file=file,
            record=f"entry {i}",
            title=_clean(entry.findtext("a:title", namespaces=_NS)),
            abstract=_clean(entry.findtext("a:summary", namespaces=_NS)),
            arxiv_id=m.group(1) if m else None,
            doi=_clean(entry.findtext("arxiv:doi", namespaces=_NS)),
            url=ident or None,
            date=(_clean(entry.findtext("a:published", namespaces=_NS)) or "")[:10] or None,
            authors=[
                n
                for a in entry.iterfind("a:author", _NS)
                if (n := _clean(a.findtext("a:name", namespaces=_NS)))
            ],
        )
