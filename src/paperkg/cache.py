"""Extraction cache for incremental builds: one SQLite file, one row per paper.

A row's key is a hash of the extractor's fingerprint (its version, the source of the spaCy
components and extraction rules, the gazetteer files and the trained result model's hash) and the paper's title and abstract, so
a changed paper or a changed extractor is extracted again and everything else is read back.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import cache
from importlib import resources
from pathlib import Path

from paperkg.extract import Abbreviation, DocMentions
from paperkg.models import EntityType, Mention, Paper, Repository, ResultMention
from paperkg.results import model_digest

__all__ = ["ExtractionCache", "extractor_fingerprint", "paper_key"]

_SOURCES = (
    "nlp.py",
    "extract.py",
    "components/abbreviations.py",
    "components/gazetteer.py",
    "components/patterns.py",
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


def _load(paper: Paper, data: str) -> DocMentions:
    d = json.loads(data)
    mentions = []
    for m in d["m"]:
        m["type"] = EntityType(m["type"])
        mentions.append(Mention.model_construct(**m))  # written by _dump from validated models
    return DocMentions(
        paper=paper,
        mentions=mentions,
        abbreviations=[Abbreviation(long, short) for long, short in d["a"]],
        repositories=[Repository.model_construct(key=k, start=s, end=e) for k, s, e in d["r"]],
        results=[ResultMention.model_construct(**r) for r in d["x"]],
    )


class ExtractionCache:
    """Get and put per-paper extractions in ``<folder>/extractions.sqlite``."""

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(folder) / "extractions.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        self.hits = 0
        self.misses = 0

    def get_many(self, papers: list[Paper]) -> dict[int, DocMentions]:
        """Cached extractions by position in ``papers``."""
        keys = [paper_key(p) for p in papers]
        found: dict[str, str] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT key, data FROM extractions WHERE key IN ({marks})", chunk))
        out = {i: _load(p, found[k]) for i, (p, k) in enumerate(zip(papers, keys, strict=True)) if k in found}
        self.hits += len(out)
        self.misses += len(papers) - len(out)
        return out

    def put_many(self, docs: list[DocMentions]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO extractions (key, data) VALUES (?, ?)",
            [(paper_key(d.paper), _dump(d)) for d in docs],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()
