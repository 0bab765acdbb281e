"""Parse: turn raw source records into validated, de-duplicated :class:`Paper` objects.

Owns paper identity. A paper's id is ``arxiv:<id>`` when an arXiv id is known (field, id or URL),
``doi:<doi>`` when a DOI is, else ``t:<16 hex>`` from the normalised title. The same paper seen twice
(same id, or same normalised title) is kept once, its metadata filled from the later sighting.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from paperkg.models import InputIssue, Paper
from paperkg.sources import RawRecord, read_records
from paperkg.sources.arxiv import ARXIV_ID
from paperkg.sources.base import bad_bytes

__all__ = ["PaperReader", "normalise_title", "paper_id", "to_paper"]

_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)", re.I)
_SPACE = re.compile(r"\s+")
# C0/C1 control characters (not whitespace): they break XML exports and mean nothing in a title or abstract
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalise_title(title: str) -> str:
    """Lowercase, accents folded, punctuation dropped, spaces collapsed: the key for title identity."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def paper_id(raw: RawRecord) -> str:
    """The stable id of a record (see the module docstring)."""
    for candidate in (raw.arxiv_id, raw.id, raw.url):
        if candidate:
            m = ARXIV_ID.search(candidate if "/" in candidate or ":" in candidate else f"arxiv:{candidate}")
            if m:
                return f"arxiv:{m.group(1)}"
    for candidate in (raw.doi, raw.id, raw.url):
        if candidate and (m := _DOI.search(candidate)):
            return f"doi:{m.group(1).rstrip('.').lower()}"
    digest = hashlib.sha1(normalise_title(raw.title or "").encode()).hexdigest()[:16]
    return f"t:{digest}"


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", _CONTROL.sub("", text or "")).strip()


def _clean_opt(text: str | None) -> str | None:
    return _clean(text) or None if text is not None else None


def to_paper(raw: RawRecord) -> Paper | InputIssue:
    """Validate one record; a record without title or abstract, or with bad bytes, becomes an issue."""
    title, abstract = _clean(raw.title), _clean(raw.abstract)
    missing = [name for name, value in (("title", title), ("abstract", abstract)) if not value]
    if missing:
        return InputIssue(file=raw.file, record=raw.record, reason=f"no {' and no '.join(missing)}")
    for name, value in (("title", title), ("abstract", abstract)):
        if problem := bad_bytes(value):
            return InputIssue(file=raw.file, record=raw.record, reason=f"{name} is {problem}")
    if not normalise_title(title):
        return InputIssue(file=raw.file, record=raw.record, reason="title has no letters or digits")
    return Paper(
        id=paper_id(raw),
        title=title,
        abstract=abstract,
        url=_clean_opt(raw.url),
        date=_clean_opt(raw.date),
        authors=[a for a in (_clean(x) for x in raw.authors) if a],
        n_authors=raw.n_authors if raw.n_authors is not None else (len(raw.authors) or None),
        venue=_clean_opt(raw.venue),
        source=f"{raw.file}:{raw.record}",
    )


@dataclass
class PaperReader:
    """Streams unique papers from input files and keeps count of what was skipped.

    Iterate it once; afterwards ``issues`` lists every skipped record and ``duplicates`` counts
    papers seen again.
    """

    inputs: Iterable[str]
    fmt: str | None = None
    issues: list[InputIssue] = field(default_factory=list)
    duplicates: int = 0
    records: int = 0

    def __iter__(self) -> Iterator[Paper]:
        by_id: dict[str, Paper] = {}
        by_title: dict[str, str] = {}
        for item in read_records(self.inputs, self.fmt):
            if isinstance(item, InputIssue):
                self.issues.append(item)
                continue
            self.records += 1
            paper = to_paper(item)
            if isinstance(paper, InputIssue):
                self.issues.append(paper)
                continue
            tkey = normalise_title(paper.title)
            known = by_id.get(paper.id) or by_id.get(by_title.get(tkey, ""))
            if known is not None:
                self.duplicates += 1
                for name in ("url", "date", "n_authors", "venue"):
                    if getattr(known, name) is None and getattr(paper, name) is not None:
                        setattr(known, name, getattr(paper, name))
                if not known.authors and paper.authors:
                    known.authors = paper.authors
                continue
            by_id[paper.id] = paper
            by_title[tkey] = paper.id
            yield paper
