"""Offline Neo4j import files: header + data CSVs for ``neo4j-admin database import full``, the
matching argument file, and a ``.cypher`` alternative for cypher-shell (values passed as
``:param`` maps, never pasted into the statements).

Labels, keys, property types and relationship types come from the schema. Rows are streamed from
a graph or from a build's Parquet tables (:class:`paperkg.export.rows.SourceRows`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path

from paperkg.atomic import atomic_file
from paperkg.export.rows import GraphSource, SourceRows
from paperkg.schema import GraphSchema, constraints_cypher, load_schema
from paperkg.store.rows import content_hash

__all__ = ["write_cypher_script", "write_neo4j_admin"]

_TYPES = {"string": "", "int": ":int", "float": ":float"}


def _header(props: dict[str, str], key: str) -> tuple[list[str], list[str]]:
    names = [key] + [p for p in props if p != key]
    header = [f"{key}:ID"] + [f"{p}{_TYPES[props[p]]}" for p in names[1:]] + ["sync_hash"]
    return names, header


def _cell(value: object) -> object:
    return "" if value is None else value


def _write_csv(path: Path, rows: Iterable[list[object]]) -> None:
    with atomic_file(path) as fh:
        csv.writer(fh).writerows(rows)


def write_neo4j_admin(
    source: GraphSource, folder: str | Path, schema: GraphSchema | None = None
) -> list[Path]:
    """Write ``nodes_<Label>``/``rels_<TYPE>`` header and data CSVs plus ``import.args``.

    Rows are the stores' rows (:func:`paperkg.store.rows.graph_rows`): ids from the graph's node keys,
    lookup keys filled, and ``sync_hash`` so that a later ``paperkg neo4j push`` of the same graph
    changes nothing.
    """
    schema = schema or load_schema()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = SourceRows(source)
    written: list[Path] = []
    args: list[str] = []
    for label in schema.labels:
        names, header = _header(schema.properties(label), schema.key(label))
        h, d = folder / f"nodes_{label}.header.csv", folder / f"nodes_{label}.csv"
        _write_csv(h, [header])
        _write_csv(d, ([*(_cell(r.get(n)) for n in names), content_hash(r)] for r in rows.nodes(label)))
        written += [h, d]
        args.append(f"--nodes={label}={h.name},{d.name}")
    rel_props = schema.relationship_properties
    rel_names = list(rel_props)
    data: dict[str, Path] = {}
    for rel in schema.relationship_types:
        h, data[rel] = folder / f"rels_{rel}.header.csv", folder / f"rels_{rel}.csv"
        _write_csv(
            h, [[":START_ID", ":END_ID", *(f"{p}{_TYPES[rel_props[p]]}" for p in rel_names), "sync_hash"]]
        )
        written += [h, data[rel]]
        args.append(f"--relationships={rel}={h.name},{data[rel].name}")
    with ExitStack() as stack:  # one data file per type, open together: a type has several groups
        writers = {rel: csv.writer(stack.enter_context(atomic_file(d))) for rel, d in data.items()}
        for group in rows.groups():
            for r in rows.relationships(group):
                writers[group[0]].writerow(
                    [r["from"], r["to"], *(_cell(r.get(p)) for p in rel_names), content_hash(r)]
                )
    arg_file = folder / "import.args"
    with atomic_file(arg_file) as fh:
        fh.write("\n".join(["--multiline-fields=true", *args]) + "\n")
    written.append(arg_file)
    return written


def _cypher_value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=True)  # a JSON string is a valid Cypher string literal


def _cypher_map(row: dict[str, object]) -> str:
    return "{" + ", ".join(f"`{k}`: {_cypher_value(v)}" for k, v in row.items()) + "}"


def _batches(rows: Iterator[dict], size: int) -> Iterator[list[dict]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def write_cypher_script(
    source: GraphSource, path: str | Path, schema: GraphSchema | None = None, batch: int = 500
) -> Path:
    """A cypher-shell script: constraints, then ``:param rows => [...]`` + ``UNWIND $rows`` batches."""
    schema = schema or load_schema()
    path = Path(path)
    rows = SourceRows(source)
    with atomic_file(path) as fh:
        for stmt in constraints_cypher(schema):
            fh.write(stmt + ";\n")
        for label in schema.labels:
            key = schema.key(label)
            present = ({k: v for k, v in r.items() if v is not None} for r in rows.nodes(label))
            for chunk in _batches(present, batch):
                fh.write(":param rows => [" + ", ".join(_cypher_map(r) for r in chunk) + "];\n")
                fh.write(f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.{key}}}) SET n += row;\n")
        for rel, lu, lv in rows.groups():
            ku, kv = schema.key(lu), schema.key(lv)
            for chunk in _batches(iter(rows.relationships((rel, lu, lv))), batch):
                items = ", ".join(
                    f"{{s: {_cypher_value(r['from'])}, t: {_cypher_value(r['to'])}, p: "
                    f"{_cypher_map({k: v for k, v in r.items() if v is not None and k not in ('from', 'to')})}}}"
                    for r in chunk
                )
                fh.write(f":param rows => [{items}];\n")
                fh.write(
                    f"UNWIND $rows AS row MATCH (a:{lu} {{{ku}: row.s}}) MATCH (b:{lv} {{{kv}: row.t}}) "
                    f"MERGE (a)-[r:{rel}]->(b) SET r += row.p;\n"
                )
    return path
