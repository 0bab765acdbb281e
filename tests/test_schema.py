"""graph_schema/ is the single source: generated Cypher, queries and code must agree with it."""

from __future__ import annotations

import os
import re

from paperkg.models import EntityType
from paperkg.schema import constraints_cypher, load_schema, schema_dir
from paperkg.store.cypher import merge_nodes, merge_relationships
from paperkg.store.queries import ENGINES, ready_queries


def test_constraints_file_is_generated_from_schema():
    text = (schema_dir() / "constraints.cypher").read_text(encoding="utf-8")
    statements = [line.rstrip(";") for line in text.splitlines() if line and not line.startswith("//")]
    assert statements == constraints_cypher(), (
        "run: python -m paperkg.schema > graph_schema/constraints.cypher"
    )


def test_entity_types_have_schema_labels():
    labels = set(load_schema().labels)
    assert {t.label for t in EntityType} <= labels


def test_ready_queries_use_only_schema_labels_and_types():
    schema = load_schema()
    labels, rels = set(schema.labels), set(schema.relationship_types)
    queries = ready_queries()
    assert len(queries) >= 5
    for q in queries.values():
        assert q.answers, q.name
        for engine in ENGINES:
            body = "\n".join(line for line in q.text_for(engine).splitlines() if not line.startswith("//"))
            for lab in re.findall(r"[(\s]\w*:([\w|:]+)", body):
                assert set(re.split(r"[|:]", lab)) <= labels | rels, f"{q.name} ({engine}): {lab}"
            for rel in re.findall(r"\[\w*:([\w|]+)", body):
                assert set(rel.split("|")) <= rels, f"{q.name} ({engine}): {rel}"
            for p in q.params:
                assert f"${p.name}" in body, f"{q.name} ({engine}) declares ${p.name} but does not use it"


def test_loader_cypher_rejects_non_identifiers():
    import pytest

    assert "MERGE (n:Method {id: row.key})" in merge_nodes("Method", "id")
    assert "[r:USES]" in merge_relationships("USES", "Paper", "id", "Method", "id")
    with pytest.raises(ValueError):
        merge_nodes("Method} DETACH DELETE n //", "id")


def test_neo4j_server_script_help_creates_nothing(tmp_path):
    import shutil
    import subprocess

    from conftest import ROOT

    (tmp_path / "scripts").mkdir()
    script = shutil.copy(ROOT / "scripts" / "neo4j-server", tmp_path / "scripts" / "neo4j-server")
    # a fresh checkout's defaults, not the home of the server CI runs (scripts/test-all exports it)
    env = {k: v for k, v in os.environ.items() if k not in {"NEO4J_HOME_DIR", "NEO4J_STATE_DIR"}}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", script, *args], capture_output=True, text=True, timeout=30, env=env)

    for args in (["--help"], ["start", "--help"], ["help"]):
        proc = run(*args)
        assert proc.returncode == 0 and "neo4j-server start" in proc.stdout, proc.stderr
    proc = run("status")
    assert proc.returncode == 3 and "not running" in proc.stdout
    proc = run("stop")
    assert proc.returncode == 0 and "not running" in proc.stdout
    proc = run("frobnicate")
    assert proc.returncode == 1 and "unknown command" in proc.stderr
    assert not (tmp_path / ".neo4j").exists(), "help, status and stop must not create a server home"
