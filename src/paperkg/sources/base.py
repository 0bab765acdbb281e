"""What every reader shares: the raw record type, text decoding and field lookup."""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from paperkg.models import InputIssue

__all__ = [
    "RawRecord",
    "ReadItem",
    "SourceBytes",
    "bad_text",
    "decode_text",
    "field",
    "lines",
    "one_line",
    "open_bytes",
    "read_source",
    "record_from_mapping",
]

_SURROGATE = re.compile(r"[\ud800-\udfff]")


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


@dataclass(frozen=True)
class SourceBytes:
    """A file's bytes (unpacked when gzipped) and, when unpacking stopped early, why."""

    data: bytes
    error: str | None = None


def read_source(path: Path) -> SourceBytes:
    """Read a file, unpacking ``.gz`` as a stream: a truncated or corrupt archive keeps the bytes
    before the damage and says what went wrong, so the records read so far are not lost."""
    raw = path.read_bytes()
    named_gz = path.suffix.lower() == ".gz"
    if not (named_gz or raw[:2] == b"\x1f\x8b"):
        return SourceBytes(raw)
    unpacked = _gunzip(raw)
    if not named_gz and unpacked.error and not unpacked.data:
        return SourceBytes(raw)  # only looked like gzip: read it as it is
    return unpacked


def _gunzip(raw: bytes) -> SourceBytes:
    out: list[bytes] = []
    rest = raw
    try:
        while rest:  # one gzip member after another (``cat a.gz b.gz`` is a valid .gz)
            unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
            for i in range(0, len(rest), 1 << 20):
                out.append(unpack.decompress(rest[i : i + (1 << 20)]))
                if unpack.eof:
                    break
            if not unpack.eof:
                out.append(unpack.flush())
                return SourceBytes(b"".join(out), "the compressed data ends early (truncated .gz)")
            rest = unpack.unused_data.lstrip(b"\0")
    except zlib.error as exc:
        return SourceBytes(b"".join(out), f"corrupt compressed data ({exc})")
    return SourceBytes(b"".join(out))


def open_bytes(path: Path) -> bytes:
    """A file's bytes, unpacking ``.gz`` transparently (as much as can be read)."""
    return read_source(path).data


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (a BOM is dropped); invalid bytes survive as lone surrogates.

    Readers keep going past bad bytes; :func:`bad_bytes` lets the record that holds them be
    reported and skipped, so one broken record never loses the rest of a file.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="surrogateescape")


def bad_text(text: str) -> str | None:
    """Describe the first undecodable byte or lone surrogate in ``text``; None when there is none.

    Undecodable bytes arrive as U+DC80..U+DCFF (see :func:`decode_text`); other lone surrogates come
    from JSON escapes such as ``"\\ud800"``. Neither can be written as UTF-8 or XML.
    """
    m = _SURROGATE.search(text)
    if m is None:
        return None
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"not valid UTF-8 (byte 0x{code - 0xDC00:02x} at character {m.start()})"
    return f"has a lone surrogate \\u{code:04x} at character {m.start()} (an unpaired \\u escape)"


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line (line breaks folded to spaces), cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def lines(text: str) -> list[str]:
    """Split on line ends only (\\n, \\r\\n, \\r): unlike ``str.splitlines`` a U+2028, U+2029,
    U+0085 or form feed inside a JSON string does not end the line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def field(row: Mapping[str, Any], *names: str) -> Any:
    """The first present, non-empty value among ``names`` (matched case-insensitively)."""
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, "", []):
            return value
    return None


def _author_name(value: Any) -> str | None:
    """One author as written: a string, or a mapping with a name (or given and family names)."""
    if isinstance(value, Mapping):
        name = value.get("name") or value.get("full_name") or value.get("fullname")
        if isinstance(name, str):
            return name.strip() or None
        parts = [value.get(k) for k in ("given", "first", "family", "last")]
        return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip()) or None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    return None  # nested lists and other shapes are not names


def _authors(value: Any) -> list[str]:
    """Authors from a "A, B and C" / "A; B" string, a list of names or name objects, or one object."""
    if value is None:
        return []
    if isinstance(value, str):
        parts = (
            re.split(r"\s*;\s*|\s+and\s+", value) if ";" in value or " and " in value else value.split(",")
        )
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, Mapping):
        one = _author_name(value)
        if one is not None:
            return [one]
        # {"0": "Ada", "1": "Alan"} or {"first": {...}, ...}: its values are the authors
        return [n for v in value.values() if (n := _author_name(v))]
    if isinstance(value, list):
        return [n for a in value if (n := _author_name(a))]
    return [n] if (n := _author_name(value)) else []


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        return None
    return str(value)


def _count(value: Any) -> int | None:
    """A plausible count (0..1,000,000) from an int or digit string; anything else is None."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    text = str(value).strip() if isinstance(value, str) else None
    if text is not None:
        return int(text) if text.isdigit() and len(text) <= 7 else None  # no 5,000-digit int()
    return value if 0 <= value <= 1_000_000 else None


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
        n_authors=_count(n_authors),
        venue=_text(field(row, "venue", "conference", "journal")),
    )
