"""Sources: read input files into raw records, one reader module per format.

``read_records`` expands folders, picks each file's reader (by extension, then by content) unless
a format is forced, and yields :class:`RawRecord` objects or :class:`InputIssue` objects for what it
had to skip. Readers never raise on bad content: they report and carry on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from pathlib import Path

from paperkg.models import InputIssue
from paperkg.sources.arxiv import read_arxiv_atom
from paperkg.sources.base import RawRecord, ReadItem, Source, lines, one_line
from paperkg.sources.csv import read_csv
from paperkg.sources.hf_daily import read_hf_daily
from paperkg.sources.jsonl import read_json, read_jsonl

__all__ = ["FORMATS", "RawRecord", "ReadItem", "detect_format", "expand_inputs", "read_records"]

Reader = Callable[[Path, Source], Iterator[ReadItem]]

FORMATS: dict[str, Reader] = {
    "hf": read_hf_daily,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "arxiv": read_arxiv_atom,
}

_BY_SUFFIX = {
    ".txt": "hf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".atom": "arxiv",
    ".xml": "arxiv",
}
_INPUT_SUFFIXES = set(_BY_SUFFIX) | {s + ".gz" for s in _BY_SUFFIX}


def detect_format(path: Path) -> str:
    """The reader name for ``path``: from its extension (``.gz`` looked through), else its content."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _BY_SUFFIX:
        return _BY_SUFFIX[suffixes[-1]]
    with closing(Source(path).chunks()) as chunks:
        head = next(chunks, b"")[:4096].lstrip().decode("utf-8", errors="replace")
    first = lines(head)[0].rstrip()
    if head.startswith("<") and "<feed" in head:
        return "arxiv"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl" if first.endswith("}") else "json"
    if any(d in first for d in ",;\t") and "title" in first.lower():
        return "csv"
    return "hf"


def _is_input(p: Path) -> bool:
    return "".join(p.suffixes[-2:]).lower() in _INPUT_SUFFIXES or p.suffix.lower() in _BY_SUFFIX


def _walk(folder: Path) -> tuple[list[Path], list[InputIssue]]:
    """Input files under ``folder`` (sorted) and an issue for every subfolder that cannot be read."""
    found: list[Path] = []
    issues: list[InputIssue] = []

    def unreadable(exc: OSError) -> None:
        reason = f"cannot read folder: {exc.strerror or exc}; its files are not included"
        issues.append(InputIssue(file=str(exc.filename or folder), record="folder", reason=reason))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs.sort()
        found.extend(p for name in files if _is_input(p := Path(root) / name) and p.is_file())
    return sorted(found), issues


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[Path | InputIssue]:
    """Files as given, and the input files found (sorted) under each folder."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found, issues = _walk(path)
            yield from issues
            if not found:
                yield InputIssue(
                    file=str(path), record="folder", reason="no input files (.txt .jsonl .json .csv .xml)"
                )
            yield from found
        elif path.is_file():
            yield path
        else:
            yield InputIssue(file=str(path), record="file", reason="no such file")


def read_records(inputs: Iterable[str | Path], fmt: str | None = None) -> Iterator[ReadItem]:
    """Yield every record (or issue) from ``inputs``; ``fmt`` forces one reader for all files.

    Nothing a file holds makes this raise: an unreadable file, a truncated archive or a reader
    failure becomes an :class:`InputIssue` saying how many records were read before it.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    for path in expand_inputs(inputs):
        if isinstance(path, InputIssue):
            yield path
            continue
        yield from _read_file(path, fmt)


def _read_file(path: Path, fmt: str | None) -> Iterator[ReadItem]:
    n = 0
    try:
        source = Source(path)
        reader = FORMATS[fmt or detect_format(path)]
        for item in reader(path, source):
            n += isinstance(item, RawRecord)
            yield item
    except OSError as exc:
        yield InputIssue(file=str(path), record="file", reason=f"cannot read: {exc.strerror or exc}")
        return
    except Exception as exc:
        reason = f"reading stopped after {n} record(s): {type(exc).__name__}: {exc}"
        yield InputIssue(file=str(path), record=f"record {n + 1}", reason=one_line(reason))
        return
    if source.error:
        yield InputIssue(
            file=str(path),
            record=f"record {n + 1}",
            reason=f"{source.error}; the {n} record(s) before it were read",
        )
