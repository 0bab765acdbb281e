"""Extraction cache for incremental builds: one SQLite file, one row per paper.

A row's key is a hash of the extractor's fingerprint (its version, the source of the spaCy
components and extraction rules, the gazetteer files and the trained result model's hash) and the paper's title and abstract, so
a changed paper or a changed extractor is extracted again and everything else is read back.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

from paperkg.extract import Abbreviation, DocMentions
from paperkg.extract.model import model_digest as extractor_model_digest
from paperkg.models import EntityType, Mention, Paper, Repository, ResultMention
from paperkg.results import model_digest

__all__ = ["ExtractionCache", "extractor_fingerprint", "paper_key"]

_SOURCES = (
    "nlp.py",
    "extract/__init__.py",
    "extract/candidates.py",
    "extract/decisions.py",
    "extract/features.py",
    "extract/model.py",
    "extract/rules.py",
    "components/abbreviations.py",
    "components/gazetteer.py",
    "components/patterns/__init__.py",
    "components/patterns/base.py",
    "components/patterns/contexts.py",
    "components/patterns/proposals.py",
    "components/patterns/tasks.py",
    "components/tokens.py",
    "lexicon.py",
    "extract/corpus.py",
    "data/extract/corpus_stats.tsv.gz",
    "data/extract/phrase_stats.tsv",
    "data/extract/cue_words.tsv",
    "components/repositories.py",
    "metrics.py",
    "names.py",
    "results/context.py",
    "results/features.py",
    "results/find.py",
    "results/model.py",
    "results/numbers.py",
    "data/metrics_direction.tsv",
    "data/results/cues.tsv",
)


@cache
def extractor_fingerprint() -> str:
    """A digest of everything that decides what extraction returns."""
    from paperkg.nlp import EXTRACTOR_VERSION

    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    root = resources.files("paperkg")
    for name in _SOURCES:
        h.update((root / name).read_bytes())
    for path in sorted((root / "data" / "gazetteers").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".tsv"):
            h.update(path.read_bytes())
    h.update(model_digest().encode())  # the trained result model's weights
    h.update(extractor_model_digest().encode())  # the trained entity decision model's weights
    return h.hexdigest()[:16]


def paper_key(paper: Paper) -> str:
    """The cache key of one paper's extraction."""
    text = f"{extractor_fingerprint()}\0{paper.title}\0{paper.abstract}"
    return hashlib.sha256(text.encode()).hexdigest()


def _dump(doc: DocMentions) -> str:
    return json.dumps(
        {
            "m": [m.model_dump(mode="json") for m in doc.mentions],
            "a": [[a.long, a.short] for a in doc.abbreviations],
            "r": [[r.key, r.start, r.end] for r in doc.repositories],
            "x": [r.model_dump(mode="json") for r in doc.results],
        },
        separators=(",", ":"),
    )


def _fields(row: dict, model: type) -> dict:
    """``row`` when it has exactly ``model``'s fields (a damaged row is refused, not half-built)."""
    if not isinstance(row, dict) or row.keys() != model.model_fields.keys():
        raise KeyError(f"{model.__name__} row with fields {sorted(row) if isinstance(row, dict) else row!r}")
    return row


def _load(paper: Paper, data: str) -> DocMentions:
    d = json.loads(data)
    mentions = []
    for m in d["m"]:
        m = _fields(m, Mention)
        m["type"] = EntityType(m["type"])
        mentions.append(Mention.model_construct(**m))  # written by _dump from validated models
    return DocMentions(
        paper=paper,
        mentions=mentions,
        abbreviations=[Abbreviation(long, short) for long, short in d["a"]],
        repositories=[Repository.model_construct(key=k, start=s, end=e) for k, s, e in d["r"]],
        results=[ResultMention.model_construct(**_fields(r, ResultMention)) for r in d["x"]],
    )


class ExtractionCache:
    """Get and put per-paper extractions in ``<folder>/extractions.sqlite``.

    A cache that is not a readable SQLite database (truncated, overwritten, from elsewhere) is set
    aside as ``extractions.sqlite.corrupt-<time>`` and a fresh one started; a row that cannot be read
    back is dropped and its paper extracted again. Both are reported through ``warn``, never raised:
    a cache only saves time.
    """

    def __init__(self, folder: str | Path, warn: Callable[[str], None] | None = None) -> None:
        self.path = Path(folder) / "extractions.sqlite"
        self.warn = warn or (lambda message: None)
        self.hits = 0
        self.misses = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            cols = [r[1] for r in db.execute("PRAGMA table_info(extractions)")]
            if cols[:2] != ["key", "data"]:
                raise sqlite3.DatabaseError(f"unexpected columns {cols}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _set_aside(self, exc: Exception) -> None:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        for suffix in ("", "-journal", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            if part.exists():
                os.replace(part, Path(str(aside) + suffix))
        self.warn(
            f"extraction cache {self.path} is unreadable ({exc}): moved to {aside.name}, starting a new "
            "one (papers are extracted again)"
        )

    def _rows(self, keys: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT key, data FROM extractions WHERE key IN ({marks})", chunk))
        return found

    def get_many(self, papers: list[Paper]) -> dict[int, DocMentions]:
        """Cached extractions by position in ``papers``."""
        keys = [paper_key(p) for p in papers]
        try:
            found = self._rows(keys)
        except sqlite3.DatabaseError as exc:  # damaged after opening: start over
            self._db.close()
            self._set_aside(exc)
            self._db = self._open()
            found = {}
        out: dict[int, DocMentions] = {}
        bad: list[str] = []
        for i, (p, k) in enumerate(zip(papers, keys, strict=True)):
            if k not in found:
                continue
            try:
                out[i] = _load(p, found[k])
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                bad.append(k)
                self.warn(
                    f"extraction cache {self.path}: unreadable entry for {p.id} ({exc!r}); extracting again"
                )
        if bad:
            self._db.executemany("DELETE FROM extractions WHERE key = ?", [(k,) for k in bad])
            self._db.commit()
        self.hits += len(out)
        self.misses += len(papers) - len(out)
        return out

    def put_many(self, docs: list[DocMentions]) -> None:
        rows = [(paper_key(d.paper), _dump(d)) for d in docs]
        try:
            self._db.executemany("INSERT OR REPLACE INTO extractions (key, data) VALUES (?, ?)", rows)
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            # a full disk or a damaged file: the build goes on without caching these papers
            self.warn(f"extraction cache {self.path}: cannot store extractions ({exc}); continuing without")

    def close(self) -> None:
        self._db.close()
