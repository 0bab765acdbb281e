"""Offline Neo4j import files: header + data CSVs for ``neo4j-admin database import full``, the
matching argument file, and a ``.cypher`` alternative for cypher-shell (values passed as
``:param`` maps, never pasted into the statements).

Labels, keys, property types and relationship types come from the schema.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from paperkg.atomic import atomic_file
from paperkg.schema import GraphSchema, constraints_cypher, load_schema
from paperkg.store.rows import content_hash, graph_rows

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
    g: nx.MultiDiGraph, folder: str | Path, schema: GraphSchema | None = None
) -> list[Path]:
    """Write ``nodes_<Label>``/``rels_<TYPE>`` header and data CSVs plus ``import.args``.

    Rows are the stores' rows (:func:`paperkg.store.rows.graph_rows`): ids from the graph's node keys,
    lookup keys filled, and ``sync_hash`` so that a later ``paperkg neo4j push`` of the same graph
    changes nothing.
    """
    schema = schema or load_schema()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = graph_rows(g, schema)
    written: list[Path] = []
    args: list[str] = []
    for label in schema.labels:
        names, header = _header(schema.properties(label), schema.key(label))
        h, d = folder / f"nodes_{label}.header.csv", folder / f"nodes_{label}.csv"
        _write_csv(h, [header])
        label_rows = rows.nodes.get(label, [])
        _write_csv(d, ([*(_cell(r[n]) for n in names), content_hash(r)] for r in label_rows))
        written += [h, d]
        args.append(f"--nodes={label}={h.name},{d.name}")
    rel_props = schema.relationship_properties
    rel_names = list(rel_props)
    by_type: dict[str, list[dict]] = defaultdict(list)
    for (rel, _, _), rel_rows in rows.relationships.items():
        by_type[rel] += rel_rows
    for rel in schema.relationship_types:
        h, d = folder / f"rels_{rel}.header.csv", folder / f"rels_{rel}.csv"
        _write_csv(
            h, [[":START_ID", ":END_ID", *(f"{p}{_TYPES[rel_props[p]]}" for p in rel_names), "sync_hash"]]
        )
        _write_csv(
            d,
            ([r["from"], r["to"], *(_cell(r[p]) for p in rel_names), content_hash(r)] for r in by_type[rel]),
        )
        written += [h, d]
        args.append(f"--relationships={rel}={h.name},{d.name}")
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


def write_cypher_script(
    g: nx.MultiDiGraph, path: str | Path, schema: GraphSchema | None = None, batch: int = 500
) -> Path:
    """A cypher-shell script: constraints, then ``:param rows => [...]`` + ``UNWIND $rows`` batches."""
    schema = schema or load_schema()
    path = Path(path)
    with atomic_file(path) as fh:
        for stmt in constraints_cypher(schema):
            fh.write(stmt + ";\n")
        rows = graph_rows(g, schema)
        for label, label_rows in rows.nodes.items():
            key = schema.key(label)
            present = [{k: v for k, v in r.items() if v is not None} for r in label_rows]
            for i in range(0, len(present), batch):
                fh.write(
                    ":param rows => [" + ", ".join(_cypher_map(r) for r in present[i : i + batch]) + "];\n"
                )
                fh.write(f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.{key}}}) SET n += row;\n")
        for (rel, lu, lv), rel_rows in sorted(rows.relationships.items()):
            ku, kv = schema.key(lu), schema.key(lv)
            for i in range(0, len(rel_rows), batch):
                chunk = ", ".join(
                    f"{{s: {_cypher_value(r['from'])}, t: {_cypher_value(r['to'])}, p: "
                    f"{_cypher_map({k: v for k, v in r.items() if v is not None and k not in ('from', 'to')})}}}"
                    for r in rel_rows[i : i + batch]
                )
                fh.write(f":param rows => [{chunk}];\n")
                fh.write(
                    f"UNWIND $rows AS row MATCH (a:{lu} {{{ku}: row.s}}) MATCH (b:{lv} {{{kv}: row.t}}) "
                    f"MERGE (a)-[r:{rel}]->(b) SET r += row.p;\n"
                )
    return path
