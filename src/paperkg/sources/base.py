"""What every reader shares: the raw record type, text decoding and field lookup."""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from paperkg.models import InputIssue

__all__ = ["RawRecord", "ReadItem", "bad_bytes", "decode_text", "field", "open_bytes", "record_from_mapping"]

_BAD_BYTES = re.compile(r"[\udc80-\udcff]")


class RawRecord(BaseModel):
    """A record as a source file gave it, before ids and checks (see :mod:`paperkg.parse`)."""

    model_config = ConfigDict(extra="forbid")

    file: str
    record: str
    title: str | None = None
    abstract: str | None = None
    id: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    url: str | None = None
    date: str | None = None
    authors: list[str] = Field(default_factory=list)
    n_authors: int | None = None
    venue: str | None = None


ReadItem = RawRecord | InputIssue


def open_bytes(path: Path) -> bytes:
    """Read a file's bytes, unpacking ``.gz`` transparently."""
    data = path.read_bytes()
    if path.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (a BOM is dropped); invalid bytes survive as lone surrogates.

    Readers keep going past bad bytes; :func:`bad_bytes` lets the record that holds them be
    reported and skipped, so one broken record never loses the rest of a file.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="surrogateescape")


def bad_bytes(text: str) -> str | None:
    """Describe the first undecodable byte in ``text``, or return None when there is none."""
    m = _BAD_BYTES.search(text)
    if m is None:
        return None
    byte = ord(m.group()) - 0xDC00
    return f"not valid UTF-8 (byte 0x{byte:02x} at character {m.start()})"


def field(row: Mapping[str, Any], *names: str) -> Any:
    """The first present, non-empty value among ``names`` (matched case-insensitively)."""
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, "", []):
            return value
    return None


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = (
            re.split(r"\s*;\s*|\s+and\s+", value) if ";" in value or " and " in value else value.split(",")
        )
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, list):
        out = []
        for a in value:
            if isinstance(a, dict):
                a = a.get("name") or " ".join(str(a.get(k, "")) for k in ("given", "family")).strip()
            if a:
                out.append(str(a).strip())
        return out
    return [str(value)]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        return None
    return str(value)


def record_from_mapping(row: Mapping[str, Any], file: str, record: str) -> RawRecord:
    """Build a :class:`RawRecord` from a JSON object or CSV row with the usual field names."""
    date = field(row, "date", "published", "publication_date", "published_at", "year")
    n_authors = field(row, "n_authors", "num_authors")
    return RawRecord(
        file=file,
        record=record,
        title=_text(field(row, "title", "paper_title", "name")),
        abstract=_text(field(row, "abstract", "summary", "paper_abstract", "text")),
        id=_text(field(row, "id", "paper_id", "uid")),
        doi=_text(field(row, "doi")),
        arxiv_id=_text(field(row, "arxiv_id", "arxiv", "arxivid")),
        url=_text(field(row, "url", "link", "pdf_url", "paper_url")),
        date=_text(date),
        authors=_authors(field(row, "authors", "author")),
        n_authors=int(n_authors) if isinstance(n_authors, int | str) and str(n_authors).isdigit() else None,
        venue=_text(field(row, "venue", "conference", "journal")),
    )
