"""Reader for Hugging Face Daily Papers page dumps (the text a browser copies from the page).

A dump is a run of blank-line separated paragraphs: page boilerplate ("Subscribe", "Daily Papers"),
then for each paper a title paragraph, an abstract paragraph and, on some pages, an
"• N authors" line, a "·" separator and a date line. Cards whose title or abstract is missing
leave stray metadata, which is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from paperkg.models import InputIssue
from paperkg.sources.base import RawRecord, ReadItem, Source, decode_text
from paperkg.sources.base import lines as split_lines

__all__ = ["read_hf_daily"]

_BOILERPLATE = {
    "new",
    "get trending papers in your email inbox!",
    "subscribe",
    "daily papers",
    "byak and the research community",
    "·",
    "submitted by",
    "upvote",
}
_DATE = re.compile(
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(?:,? (\d{4}))?(?: \d+)?$"
)
_AUTHORS = re.compile(r"^[•·\-\s]*(\d+) authors?$")
_MIN_ABSTRACT = 120
_MAX_TITLE = 300


def _iso_date(value: str) -> str:
    m = _DATE.match(value)
    if m and m.group(1):
        month, day = value.split()[:2]
        try:
            return (
                datetime.strptime(f"{month[:3]} {day.rstrip(',')} {m.group(1)}", "%b %d %Y")
                .date()
                .isoformat()
            )
        except ValueError:
            return value
    return " ".join(value.split()[:2])


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, text) for each non-empty line; wrapped paragraphs are joined."""
    start, lines = 0, []
    for n, raw in enumerate(split_lines(text), start=1):
        line = raw.strip()
        if line and not (_AUTHORS.match(line) or _DATE.match(line) or line.lower() in _BOILERPLATE):
            if not lines:
                start = n
            lines.append(line)
            continue
        if lines:
            yield start, " ".join(lines)
            lines = []
        if line:
            yield n, line
    if lines:
        yield start, " ".join(lines)


def read_hf_daily(path: Path, source: Source) -> Iterator[ReadItem]:
    """Yield one record per title+abstract pair; unpaired paragraphs become issues."""
    text = decode_text(source.read())
    file = str(path)
    pending: tuple[int, str] | None = None  # a title waiting for its abstract
    current: RawRecord | None = None  # the last paper, still collecting authors/date lines

    def unpaired(item: tuple[int, str]) -> InputIssue:
        return InputIssue(
            file=file, record=f"line {item[0]}", reason=f"title without an abstract: {item[1][:60]!r}"
        )

    for line_no, para in _blocks(text):
        if para.lower() in _BOILERPLATE:
            continue
        if m := _AUTHORS.match(para):
            if current is not None and current.n_authors is None:
                current.n_authors = int(m.group(1))
            continue
        if _DATE.match(para):
            # A date closes a card: later metadata lines belong to a card with no title.
            if current is not None:
                current.date = _iso_date(para)
                yield current
                current = None
            continue
        if current is not None:
            yield current
            current = None
        if pending is None:
            if len(para) <= _MAX_TITLE:
                pending = (line_no, para)
            else:
                yield InputIssue(file=file, record=f"line {line_no}", reason="abstract without a title")
            continue
        if len(para) < _MIN_ABSTRACT:
            yield unpaired(pending)
            pending = (line_no, para)
            continue
        current = RawRecord(file=file, record=f"line {pending[0]}", title=pending[1], abstract=para)
        pending = None
    if current is not None:
        yield current
    if pending is not None:
        yield unpaired(pending)
