"""Parse: turn raw source records into validated, de-duplicated :class:`Paper` objects.

Owns paper identity. A paper's id is ``arxiv:<id>`` when an arXiv id is known (field, id or URL),
``doi:<doi>`` when a DOI is, else ``t:<16 hex>`` from the normalised title. The same paper seen twice
(same id, or same normalised title) is kept once, as it was first read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from paperkg.models import InputIssue, Paper
from paperkg.sources import RawRecord, read_records
from paperkg.sources.arxiv import ARXIV_ID
from paperkg.sources.base import bad_text, one_line

__all__ = ["MAX_ABSTRACT", "MAX_TITLE", "PaperReader", "normalise_title", "paper_id", "sanitise", "to_paper"]

_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)", re.I)
_SPACE = re.compile(r"\s+")
# Characters XML 1.0 cannot hold and that mean nothing in a title or abstract: C0/C1 controls (not
# whitespace; U+0085 is a line break and becomes a space) and the noncharacters U+FFFE/U+FFFF. Removed
# once, here, for every export format.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# Limits on one record. A longer abstract is cut (with a warning) so that extraction time and memory
# stay bounded; a longer title is a misread record and skipped.
MAX_TITLE = 2_000
MAX_ABSTRACT = 100_000
MAX_FIELD = 2_000
MAX_AUTHORS = 5_000


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
    return _SPACE.sub(" ", _ILLEGAL.sub("", text or "")).strip()


def _clean_opt(text: str | None) -> str | None:
    return _clean(text) or None if text is not None else None


def sanitise(raw: RawRecord) -> RawRecord:
    """The record with every string cleaned (illegal characters removed, whitespace collapsed):
    the one place where input text is made safe for JSON, GraphML, GEXF, CSV and HTML alike."""
    return raw.model_copy(
        update={
            "title": _clean_opt(raw.title),
            "abstract": _clean_opt(raw.abstract),
            "id": _clean_opt(raw.id),
            "doi": _clean_opt(raw.doi),
            "arxiv_id": _clean_opt(raw.arxiv_id),
            "url": _clean_opt(raw.url),
            "date": _clean_opt(raw.date),
            "venue": _clean_opt(raw.venue),
            "authors": [a for a in (_clean(x) for x in raw.authors) if a],
        }
    )


def _problem(raw: RawRecord) -> str | None:
    """Why a (sanitised) record cannot become a paper, or None."""
    missing = [name for name in ("title", "abstract") if not getattr(raw, name)]
    if missing:
        return f"no {' and no '.join(missing)}"
    for name in ("title", "abstract", "id", "doi", "arxiv_id", "url", "date", "venue"):
        value = getattr(raw, name)
        if value and (problem := bad_text(value)):
            return f"{name} is {problem}" if problem.startswith("not") else f"{name} {problem}"
    for author in raw.authors:
        if problem := bad_text(author):
            return f"authors: {problem}"
    if len(raw.title or "") > MAX_TITLE:
        return f"title is {len(raw.title or '')} characters long (limit {MAX_TITLE}): not a title"
    if not normalise_title(raw.title or ""):
        return "title has no letters or digits"
    return None


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, at a space when there is one near the end."""
    cut = text[:limit]
    space = cut.rfind(" ", limit - 200)
    return cut[:space] if space > 0 else cut


def _limits(raw: RawRecord, warn: Callable[[str], None]) -> RawRecord:
    """Long values cut to their limits, each cut reported through ``warn``."""
    where = f"{raw.file}:{raw.record}"
    update: dict[str, object] = {}
    if len(raw.abstract or "") > MAX_ABSTRACT:
        warn(f"{where}: abstract cut from {len(raw.abstract or '')} to {MAX_ABSTRACT} characters")
        update["abstract"] = _cut(raw.abstract or "", MAX_ABSTRACT)
    for name in ("id", "doi", "arxiv_id", "url", "date", "venue"):
        value = getattr(raw, name)
        if value and len(value) > MAX_FIELD:
            warn(f"{where}: {name} cut from {len(value)} to {MAX_FIELD} characters")
            update[name] = _cut(value, MAX_FIELD)
    authors = [a if len(a) <= MAX_FIELD else _cut(a, MAX_FIELD) for a in raw.authors[:MAX_AUTHORS]]
    if len(raw.authors) > MAX_AUTHORS:
        warn(f"{where}: {len(raw.authors)} authors, kept the first {MAX_AUTHORS}")
    if authors != raw.authors:
        update["authors"] = authors
    return raw.model_copy(update=update) if update else raw


def to_paper(raw: RawRecord, warn: Callable[[str], None] | None = None) -> Paper | InputIssue:
    """Validate one record: sanitised, checked (a record without title or abstract, with bad bytes or
    lone surrogates becomes an issue) and cut to the size limits (reported through ``warn``)."""
    raw = sanitise(raw)
    if problem := _problem(raw):
        return InputIssue(file=raw.file, record=raw.record, reason=problem)
    raw = _limits(raw, warn or (lambda message: None))
    n_authors = raw.n_authors if raw.n_authors is not None else (len(raw.authors) or None)
    return Paper(
        id=paper_id(raw),
        title=raw.title or "",
        abstract=raw.abstract or "",
        url=raw.url,
        date=raw.date,
        authors=raw.authors,
        n_authors=n_authors,
        venue=raw.venue,
        source=_clean(
            f"{raw.file}:{raw.record}".encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        ),
    )


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest())


@dataclass
class PaperReader:
    """Streams unique papers from input files and keeps count of what was skipped.

    Iterate it once; afterwards ``issues`` lists every skipped record and ``duplicates`` counts
    papers seen again.
    """

    inputs: Iterable[str]
    fmt: str | None = None
    issues: list[InputIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicates: int = 0
    records: int = 0

    def __iter__(self) -> Iterator[Paper]:
        # Only a 64-bit digest of each id and title is kept, not the papers: memory stays at about
        # 120 bytes per paper read, and a paper is handed on as soon as it is read. The first sighting
        # of a paper wins (later ones may already have been extracted in another process).
        seen_ids: set[int] = set()
        seen_titles: set[int] = set()
        for item in read_records(self.inputs, self.fmt):
            if isinstance(item, InputIssue):
                self.issues.append(item)
                continue
            self.records += 1
            try:
                paper = to_paper(item, self.warnings.append)
            except Exception as exc:
                paper = InputIssue(
                    file=item.file, record=item.record, reason=one_line(f"{type(exc).__name__}: {exc}")
                )
            if isinstance(paper, InputIssue):
                self.issues.append(paper)
                continue
            id_key, title_key = _digest(paper.id), _digest(normalise_title(paper.title))
            if id_key in seen_ids or title_key in seen_titles:
                self.duplicates += 1
                continue
            seen_ids.add(id_key)
            seen_titles.add(title_key)
            yield paper
