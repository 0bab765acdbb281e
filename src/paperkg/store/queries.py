"""Ready queries: named Cypher files in ``graph_schema/queries`` with what they answer and their
parameters, in one text per engine.

``NAME.cypher`` holds the header and the query as Neo4j runs it; ``NAME.ladybug.cypher``, when
present, the embedded engine's dialect of the same query (dialects live in files, not in code).
Header lines::

    // answers: what the query answers
    // params: dataset:name, metric:name=, limit:int=10
    // example: dataset=CIFAR-10

A parameter is ``NAME[:KIND][=DEFAULT]``; without ``=`` it is required. Kinds: ``str`` (default),
``int``, ``float``, ``bool``, and ``name``: a name as people type it, which is turned into the
normalised lookup key (``CIFAR-10``, ``cifar10`` and an alias all find the same node).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperkg.names import name_key
from paperkg.schema import schema_dir

__all__ = ["ENGINES", "QueryError", "QueryParam", "ReadyQuery", "ready_queries"]

ENGINES = ("neo4j", "ladybug")
_KINDS = ("str", "int", "float", "bool", "name")
_PARAM = re.compile(r"^(\w+)(?::(\w+))?(?:=(.*))?$")


class QueryError(ValueError):
    """Parameters that do not fit a ready query."""


def _convert(kind: str, name: str, raw: object) -> object:
    if kind == "name":
        return name_key(str(raw))
    if kind == "str":
        return str(raw)
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text not in {"true", "false", "1", "0", "yes", "no"}:
            raise QueryError(f"parameter {name}: expected true or false, got {raw!r}")
        return text in {"true", "1", "yes"}
    try:
        return int(raw) if kind == "int" else float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise QueryError(f"parameter {name}: expected {kind}, got {raw!r}") from None


@dataclass(frozen=True)
class QueryParam:
    """One declared parameter: its kind and, when optional, its default."""

    name: str
    kind: str = "str"
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def __str__(self) -> str:
        kind = "" if self.kind == "str" else f" ({self.kind})"
        return f"{self.name}{kind}" + ("" if self.required else f" = {self.default or repr('')}")


@dataclass
class ReadyQuery:
    """A named query: what it answers, its parameters, and its text per engine."""

    name: str
    answers: str
    params: list[QueryParam]
    texts: dict[str, str]
    path: Path
    example: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The Neo4j text (the main file)."""
        return self.texts["neo4j"]

    def text_for(self, engine: str) -> str:
        """The query in ``engine``'s dialect (the main file when it needs no dialect of its own)."""
        return self.texts.get(engine, self.texts["neo4j"])

    def bind(self, values: dict[str, object]) -> dict[str, Any]:
        """Parameters for the query: defaults filled, names normalised, unknown or missing ones refused."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(
                f"{self.name} takes no parameter {', '.join(unknown)}; it takes "
                + (", ".join(known) or "none")
            )
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise QueryError(f"{self.name} needs --param {'=... --param '.join(missing)}=...")
        return {p.name: _convert(p.kind, p.name, values.get(p.name, p.default)) for p in self.params}


def _parse_params(spec: str, source: Path) -> list[QueryParam]:
    params = []
    for item in filter(None, (s.strip() for s in spec.split(","))):
        m = _PARAM.match(item)
        if not m or (m.group(2) or "str") not in _KINDS:
            raise ValueError(f"{source}: bad parameter declaration {item!r} (NAME[:KIND][=DEFAULT])")
        params.append(QueryParam(m.group(1), m.group(2) or "str", m.group(3)))
    return params


def ready_queries(folder: Path | None = None) -> dict[str, ReadyQuery]:
    """The ready queries by name, each with its dialect texts."""
    folder = folder or schema_dir() / "queries"
    out: dict[str, ReadyQuery] = {}
    for path in sorted(folder.glob("*.cypher")):
        if path.name.count(".") > 1:  # NAME.ENGINE.cypher: a dialect, read with its main file
            continue
        text = path.read_text(encoding="utf-8")
        meta = dict(re.findall(r"^//[ \t]*(\w+):[ \t]*(.*)$", text, flags=re.M))
        example = dict(kv.split("=", 1) for kv in meta.get("example", "").split() if "=" in kv)
        texts = {"neo4j": text}
        for engine in ENGINES[1:]:
            dialect = path.with_name(f"{path.stem}.{engine}.cypher")
            if dialect.is_file():
                texts[engine] = dialect.read_text(encoding="utf-8")
        params = _parse_params(meta.get("params", ""), path)
        out[path.stem] = ReadyQuery(path.stem, meta.get("answers", ""), params, texts, path, example)
    return out
