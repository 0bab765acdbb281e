"""Offline Neo4j import files: header + data CSVs for ``neo4j-admin database import full``, the
matching argument file, and a ``.cypher`` alternative for cypher-shell (values passed as
``:param`` maps, never pasted into the statements).

Labels, keys, property types and relationship types come from the schema. Rows are streamed from
a graph or from a build's Parquet tables (see :mod:`paperkg.export.rows`).
"""

from __future__ import annotations

import csv
import json
from contextlib import ExitStack
from itertools import groupby, islice
from pathlib import Path

from paperkg.atomic import atomic_file
from paperkg.export.rows import GraphSource, edge_rows, node_rows
from paperkg.schema import GraphSchema, constraints_cypher, load_schema

__all__ = ["write_cypher_script", "write_neo4j_admin"]

_TYPES = {"string": "", "int": ":int", "float": ":float"}


def _header(props: dict[str, str], key: str) -> tuple[list[str], list[str]]:
    names = [key] + [p for p in props if p != key]
    header = [f"{key}:ID"] + [f"{p}{_TYPES[props[p]]}" for p in names[1:]]
    return names, header


def _cell(value: object) -> object:
    return "" if value is None else value


def write_neo4j_admin(
    source: GraphSource, folder: str | Path, schema: GraphSchema | None = None
) -> list[Path]:
    """Write ``nodes_<Label>``/``rels_<TYPE>`` header and data CSVs plus ``import.args``."""
    schema = schema or load_schema()
    folder = Path(folder)
    written: list[Path] = []
    args: list[str] = []
    for label in schema.labels:
        props = schema.properties(label)
        key = schema.key(label)
        names, header = _header(props, key)
        h, d = folder / f"nodes_{label}.header.csv", folder / f"nodes_{label}.csv"
        with atomic_file(h) as fh:
            csv.writer(fh).writerow(header)
        with atomic_file(d) as fh:
            w = csv.writer(fh)
            for node, data in node_rows(source, label):
                w.writerow([node, *(_cell(data.get(n)) for n in names[1:])])
        written += [h, d]
        args.append(f"--nodes={label}={h.name},{d.name}")
    rel_props = schema.relationship_properties
    rel_names = list(rel_props)
    files = {}
    for rel in schema.relationship_types:
        h, d = folder / f"rels_{rel}.header.csv", folder / f"rels_{rel}.csv"
        with atomic_file(h) as fh:
            csv.writer(fh).writerow(
                [":START_ID", ":END_ID", *(f"{p}{_TYPES[rel_props[p]]}" for p in rel_names)]
            )
        files[rel] = d
        written += [h, d]
        args.append(f"--relationships={rel}={h.name},{d.name}")
    with ExitStack() as stack:  # one data file per type open at once: the rows come grouped by type
        writers = {rel: csv.writer(stack.enter_context(atomic_file(d))) for rel, d in files.items()}
        for u, v, rel, _, _, data in edge_rows(source):
            writers[rel].writerow([u, v, *(_cell(data.get(p)) for p in rel_names)])
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


def _batches(rows, size: int):
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def write_cypher_script(
    source: GraphSource, path: str | Path, schema: GraphSchema | None = None, batch: int = 500
) -> Path:
    """A cypher-shell script: constraints, then ``:param rows => [...]`` + ``UNWIND $rows`` batches."""
    schema = schema or load_schema()
    path = Path(path)
    with atomic_file(path) as fh:
        for stmt in constraints_cypher(schema):
            fh.write(stmt + ";\n")
        for label in schema.labels:
            key, props = schema.key(label), list(schema.properties(label))
            rows = ({key: n, **{p: d.get(p) for p in props if p != key}} for n, d in node_rows(source, label))
            for chunk in _batches(({k: v for k, v in r.items() if v is not None} for r in rows), batch):
                fh.write(":param rows => [" + ", ".join(_cypher_map(r) for r in chunk) + "];\n")
                fh.write(f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.{key}}}) SET n += row;\n")
        rel_names = list(schema.relationship_properties)
        for (rel, lu, lv), group in groupby(edge_rows(source), key=lambda e: e[2:5]):
            schema.check_edge(rel, lu, lv)
            ku, kv = schema.key(lu), schema.key(lv)
            for chunk in _batches(group, batch):
                items = ", ".join(
                    f"{{s: {_cypher_value(u)}, t: {_cypher_value(v)}, "
                    f"p: {_cypher_map({p: d.get(p) for p in rel_names if d.get(p) is not None})}}}"
                    for u, v, _, _, _, d in chunk
                )
                fh.write(f":param rows => [{items}];\n")
                fh.write(
                    f"UNWIND $rows AS row MATCH (a:{lu} {{{ku}: row.s}}) MATCH (b:{lv} {{{kv}: row.t}}) "
                    f"MERGE (a)-[r:{rel}]->(b) SET r += row.p;\n"
                )
    return path
