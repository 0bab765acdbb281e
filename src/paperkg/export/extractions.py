"""Per-paper extraction records as JSON Lines (the format ``paperkg extract`` writes).

One object per paper: title, id, entities (type, name, aliases, proposed, confidence, mentions with
character offsets into title + blank line + abstract) and repositories. ``shared/eval/score.py``
reads this format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from paperkg.models import PaperExtraction

__all__ = ["extraction_record", "write_extractions_jsonl"]


def extraction_record(ex: PaperExtraction) -> dict[str, Any]:
    """The JSON-ready record of one paper's extraction."""
    return {
        "id": ex.paper.id,
        "title": ex.paper.title,
        "entities": [
            {
                "type": pe.entity.type.value,
                "name": pe.name,
                "aliases": pe.aliases,
                "proposed": pe.proposed,
                "confidence": pe.confidence,
                "key": pe.entity.key,
                "mentions": [
                    {"start": m.start, "end": m.end, "text": m.text, "rule": m.rule} for m in pe.mentions
                ],
            }
            for pe in ex.entities
        ],
        "repositories": [r.key for r in ex.repositories],
    }


def write_extractions_jsonl(extractions: Iterable[PaperExtraction], fh: IO[str]) -> int:
    """Write one JSON object per paper to an open text file; returns the number written."""
    n = 0
    for ex in extractions:
        fh.write(json.dumps(extraction_record(ex), ensure_ascii=False) + "\n")
        n += 1
    return n
