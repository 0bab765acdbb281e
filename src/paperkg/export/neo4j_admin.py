"""Offline Neo4j import files: header + data CSVs for ``neo4j-admin database import full``, the
matching argument file, and a ``.cypher`` alternative for cypher-shell (values passed as
``:param`` maps, never pasted into the statements).

Labels, keys, property types and relationship types come from the schema.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import networkx as nx

from paperkg.atomic import atomic_file
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
    g: nx.MultiDiGraph, folder: str | Path, schema: GraphSchema | None = None
) -> list[Path]:
    """Write ``nodes_<Label>``/``rels_<TYPE>`` header and data CSVs plus ``import.args``."""
    schema = schema or load_schema()
    folder = Path(folder)
    written: list[Path] = []
    args: list[str] = []
    by_label: dict[str, list[dict]] = defaultdict(list)
    for _, data in g.nodes(data=True):
        by_label[data["label"]].append(data)
    for label in schema.labels:
        props = schema.properties(label)
        names, header = _header(props, schema.key(label))
        h, d = folder / f"nodes_{label}.header.csv", folder / f"nodes_{label}.csv"
        with atomic_file(h) as fh:
            csv.writer(fh).writerow(header)
        with atomic_file(d) as fh:
            w = csv.writer(fh)
            for data in by_label.get(label, []):
                w.writerow([_cell(data.get(n)) for n in names])
        written += [h, d]
        args.append(f"--nodes={label}={h.name},{d.name}")
    rel_props = schema.relationship_properties
    rel_names = list(rel_props)
    by_type: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for u, v, k, data in g.edges(keys=True, data=True):
        by_type[k].append((u, v, data))
    for rel in schema.relationship_types:
        h, d = folder / f"rels_{rel}.header.csv", folder / f"rels_{rel}.csv"
        with atomic_file(h) as fh:
            csv.writer(fh).writerow(
                [":START_ID", ":END_ID", *(f"{p}{_TYPES[rel_props[p]]}" for p in rel_names)]
            )
        with atomic_file(d) as fh:
            w = csv.writer(fh)
            for u, v, data in by_type.get(rel, []):
                w.writerow([u, v, *(_cell(data.get(p)) for p in rel_names)])
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
        for label in schema.labels:
            key, props = schema.key(label), list(schema.properties(label))
            rows = [
                {p: d.get(p) for p in props if d.get(p) is not None}
                for _, d in g.nodes(data=True)
                if d["label"] == label
            ]
            for i in range(0, len(rows), batch):
                fh.write(":param rows => [" + ", ".join(_cypher_map(r) for r in rows[i : i + batch]) + "];\n")
                fh.write(f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.{key}}}) SET n += row;\n")
        rel_names = list(schema.relationship_properties)
        groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for u, v, k, d in g.edges(keys=True, data=True):
            row = {"s": u, "t": v, "p": {p: d.get(p) for p in rel_names if d.get(p) is not None}}
            groups[(k, g.nodes[u]["label"], g.nodes[v]["label"])].append(row)
        for (rel, lu, lv), rows in sorted(groups.items()):
            schema.check_edge(rel, lu, lv)
            ku, kv = schema.key(lu), schema.key(lv)
            for i in range(0, len(rows), batch):
                chunk = ", ".join(
                    f"{{s: {_cypher_value(r['s'])}, t: {_cypher_value(r['t'])}, p: {_cypher_map(r['p'])}}}"
                    for r in rows[i : i + batch]
                )
                fh.write(f":param rows => [{chunk}];\n")
                fh.write(
                    f"UNWIND $rows AS row MATCH (a:{lu} {{{ku}: row.s}}) MATCH (b:{lv} {{{kv}: row.t}}) "
                    f"MERGE (a)-[r:{rel}]->(b) SET r += row.p;\n"
                )
    return path
