"""What every reader shares: the raw record type, text decoding and field lookup."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel, ConfigDict, Field

from paperkg.models import InputIssue

__all__ = [
    "RawRecord",
    "ReadItem",
    "Source",
    "bad_text",
    "decode_text",
    "field",
    "lines",
    "one_line",
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


CHUNK = 1 << 20  # bytes read (and unpacked) at a time


class Source:
    """One input file read as a stream of byte chunks, unpacked as it goes when it is gzipped.

    Nothing is held whole unless a reader asks for :meth:`read`: JSON Lines and CSV files of any size
    are read line by line in bounded memory. When the chunks end early, ``error`` says why (a
    truncated or corrupt archive); the bytes before the damage have been given out by then.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error: str | None = None

    def chunks(self) -> Iterator[bytes]:
        """The file's bytes, unpacked when it is named ``.gz`` or starts with gzip's magic bytes."""
        with self.path.open("rb") as fh:
            first = fh.read(CHUNK)
            named_gz = self.path.suffix.lower() == ".gz"
            if not (named_gz or first[:2] == b"\x1f\x8b"):
                yield first
                yield from iter(lambda: fh.read(CHUNK), b"")
                return
            unpacked = False
            for out in _gunzip(first, fh, self):
                unpacked = unpacked or bool(out)
                yield out
        if self.error and not unpacked and not named_gz:
            self.error = None  # only looked like gzip: read it as it is
            with self.path.open("rb") as fh:
                yield from iter(lambda: fh.read(CHUNK), b"")

    def read(self) -> bytes:
        """The whole (unpacked) file, for formats that are parsed as one document."""
        return b"".join(self.chunks())

    def lines(self) -> Iterator[bytes]:
        """The file's lines without their ends: lines end at \\n, \\r\\n or \\r (as :func:`lines`)."""
        pending: list[bytes] = []
        for chunk in self.chunks():
            pending.append(chunk)
            if b"\n" not in chunk:
                continue
            parts = b"".join(pending).split(b"\n")
            pending = [parts.pop()]
            for part in parts:
                yield from _cr_split(part)
        rest = b"".join(pending)
        if rest:
            yield from _cr_split(rest)


def _cr_split(line: bytes) -> list[bytes]:
    if line.endswith(b"\r"):
        line = line[:-1]
    return line.split(b"\r") if b"\r" in line else [line]


def _gunzip(first: bytes, fh: BinaryIO, source: Source) -> Iterator[bytes]:
    """Unpack gzip members one after another (``cat a.gz b.gz`` is a valid .gz), zero padding
    between them ignored; set ``source.error`` when the data end early or are corrupt."""
    unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
    pending, fed = first, False
    try:
        while True:
            data = pending or fh.read(CHUNK)
            pending = b""
            if not data:
                break
            if unpack.eof:  # the last member is complete: what follows is padding or a new member
                data = data.lstrip(b"\0")
                if not data:
                    continue
                unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
            fed = True
            out = unpack.decompress(data)
            if out:
                yield out
            if unpack.eof:
                pending = unpack.unused_data
    except zlib.error as exc:
        source.error = f"corrupt compressed data ({exc})"
        return
    if fed and not unpack.eof:
        tail = unpack.flush()
        if tail:
            yield tail
        source.error = "the compressed data ends early (truncated .gz)"


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
