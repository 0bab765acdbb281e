"""Shipped model files: where they live inside the package, how they are read and hashed.

Both trained models (the entity decisions, ``data/models/extractor.json``, and the result statements,
``data/results/model.json``) are plain JSON files inside the package. This module is the one loader:
it finds a file by its path parts under ``paperkg/``, reads its JSON and hashes its bytes for the
extractor fingerprint (cache keys).
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

__all__ = ["file_digest", "read_json", "shipped_path"]


def _resource(parts: tuple[str, ...]) -> Traversable:
    root = resources.files("paperkg")
    for part in parts:
        root = root / part
    return root


def shipped_path(*parts: str) -> Path:
    """The file's path inside the installed package (``shipped_path("data", "models", "extractor.json")``)."""
    return Path(str(_resource(parts)))


def read_json(*parts: str, path: str | Path | None = None) -> Any:
    """The JSON content of a shipped file, or of the file at ``path`` when one is given."""
    if path is not None:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return json.loads(_resource(parts).read_text(encoding="utf-8"))


def file_digest(*parts: str) -> str:
    """SHA-256 (hex) of a shipped file's bytes."""
    return hashlib.sha256(_resource(parts).read_bytes()).hexdigest()
