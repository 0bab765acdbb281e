"""The embedded store (LadybugDB): DDL from the schema, bulk load, atomic write, every ready query
against answers computed from networkx, names as people type them, and the CLI on top of it."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES
from paperkg.cli import main
from paperkg.names import name_key
from paperkg.schema import load_schema
from paperkg.store import StoreError
from paperkg.store.embedded import STORE_FILE, EmbeddedStore, ddl, write_store
from paperkg.store.queries import QueryError, ready_queries
from paperkg.store.rows import graph_rows, lookup_keys
from query_checks import expected_answer, normalise, params_for


@pytest.fixture(scope="module")
def store(seed_build):
    path = seed_build.files[0].parent / STORE_FILE
    with EmbeddedStore(path) as s:
        yield s


def test_ddl_covers_every_label_property_and_relationship_pair():
    schema = load_schema()
    text = "\n".join(ddl(schema))
    for label in schema.labels:
        assert f"CREATE NODE TABLE `{label}`(" in text
        for prop in schema.properties(label):
            assert f"`{prop}`" in text
    for rel in schema.relationship_types:
        spec = schema.relationship(rel)
        stmt = next(s for s in ddl(schema) if s.startswith(f"CREATE REL TABLE `{rel}`("))
        for a in spec["from"]:
            for b in spec["to"]:
                assert f"FROM `{a}` TO `{b}`" in stmt


def test_store_holds_every_node_and_edge(store, seed_build):
    g = seed_build.graph
    _, rows = store.run("MATCH (n) RETURN count(n) AS n")
    assert rows[0]["n"] == g.number_of_nodes()
    _, rows = store.run("MATCH ()-[r]->() RETURN count(r) AS n")
    assert rows[0]["n"] == g.number_of_edges()
    _, rows = store.run(
        "MATCH (p:Paper)-[r:HAS_CODE]->(c:Repository {id: $id}) RETURN p.title AS t, r.sentence AS s, r.`end` AS e",
        {"id": "github.com/OpenGVLab/OmniQuant"},
    )
    assert rows[0]["t"].startswith("OmniQuant") and "github.com/OpenGVLab/OmniQuant" in rows[0]["s"]
    assert isinstance(rows[0]["e"], int)


@pytest.mark.parametrize("name", sorted(ready_queries()))
def test_ready_query_answers_match_the_graph(name, store, seed_build):
    g = seed_build.graph
    query = ready_queries()[name]
    params = params_for(name, g)
    _, rows = store.run(query.text_for("ladybug"), query.bind(params))
    assert normalise(name, rows) == expected_answer(name, g, params)
    assert rows, f"{name} returned nothing for {params}"


def test_names_as_people_type_them(store, seed_build):
    q = ready_queries()["methods_evaluated_on"]
    answers = [
        store.run(q.text_for("ladybug"), q.bind({"dataset": v}))[1]
        for v in ["CIFAR-10", "cifar10", "Cifar 10"]
    ]
    assert answers[0] and answers[0] == answers[1] == answers[2]
    # an alias finds its entity: take any entity with an alias from the graph
    g = seed_build.graph
    node, d = next((n, d) for n, d in g.nodes(data=True) if d.get("aliases") and d["label"] == "Method")
    alias = d["aliases"].split(" | ")[0]
    found = store.run(ready_queries()["find_entity"].text_for("ladybug"), {"name": name_key(alias)})[1]
    assert node in {r["id"] for r in found}


def test_lookup_keys_hold_name_and_aliases():
    key, keys = lookup_keys("CIFAR-10", ["CIFAR 10", "Canadian Institute For Advanced Research 10"])
    assert key == "cifar10" and keys.startswith("|cifar10|") and keys.count("|cifar10|") == 1
    assert "|canadian institute for advanced research10|" in keys


def test_rows_take_ids_from_node_keys_when_the_graph_has_no_id_attribute(seed_build):
    g = seed_build.graph.copy()
    for _, d in g.nodes(data=True):
        d.pop("id", None)
    rows = graph_rows(g)
    assert all(r["id"] for label_rows in rows.nodes.values() for r in label_rows)


def test_query_parameters_defaults_and_errors():
    q = ready_queries()["leaderboard"]
    assert q.bind({"dataset": "CIFAR-10"}) == {"dataset": "cifar10", "metric": ""}
    with pytest.raises(QueryError, match="needs --param dataset"):
        q.bind({})
    with pytest.raises(QueryError, match="takes no parameter colour"):
        q.bind({"dataset": "x", "colour": "red"})
    assert ready_queries()["most_used_datasets"].bind({}) == {"limit": 10}


def test_failed_store_write_leaves_nothing(tmp_path, seed_build, monkeypatch):
    import paperkg.store.embedded as embedded

    def broken(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(embedded, "load_tables", broken)
    with pytest.raises(RuntimeError):
        write_store(seed_build.graph, tmp_path / STORE_FILE)
    assert list(tmp_path.iterdir()) == []


def test_missing_store_is_one_line(tmp_path):
    with pytest.raises(StoreError, match="no embedded store"):
        EmbeddedStore(tmp_path / STORE_FILE)


def test_cli_queries_answer_from_the_embedded_store(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert (
        main(["build", str(EXAMPLES / "papers.jsonl"), "--out", str(tmp_path), "-q", "--formats", "store"])
        == 0
    )
    assert (tmp_path / STORE_FILE).is_file() and not (tmp_path / "graph.json").exists()
    capsys.readouterr()
    store = ["--store", str(tmp_path)]
    assert main(["query", "top_tasks", "--format", "json", *store]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and set(rows[0]) == {"task", "papers"}
    assert main(["query", "MATCH (p:Paper) RETURN p.title AS title, p.venue AS venue LIMIT 1", *store]) == 0
    out = capsys.readouterr().out
    assert "None" not in out and "(1 row)" in out
    assert main(["query", "MATCH (p:Paper) RETURN p.abstract AS a LIMIT 1", "--max-width", "20", *store]) == 0
    out = capsys.readouterr().out
    assert "…" in out and "--max-width 0" in out
    assert main(["query", "MATCH (p:Paper) RETURN p.abstract AS a LIMIT 1", "--max-width", "0", *store]) == 0
    assert "…" not in capsys.readouterr().out
    assert main(["stats", str(tmp_path), "--top", "2"]) == 0
    assert "top Method by papers:" in capsys.readouterr().out


def test_cli_bad_query_and_missing_store_fail_with_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert main(["query", "RETURN 1", "--store", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no embedded store" in err[0]
    write_store(__import__("networkx").MultiDiGraph(), tmp_path / STORE_FILE)  # an empty store
    assert main(["query", "MATCH (x RETURN x", "--store", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("paperkg: error: query failed:")


def test_neo4j_admin_files_from_graph_json_have_ids(tmp_path, seed_build, capsys):
    graph_json = seed_build.files[0]
    assert main(["export", "neo4j-admin", str(graph_json), "--out", str(tmp_path)]) == 0
    import csv

    for path in (tmp_path / "neo4j-admin").glob("nodes_*.csv"):
        if path.name.endswith(".header.csv"):
            continue
        ids = [row[0] for row in csv.reader(path.open(encoding="utf-8"))]
        assert all(ids), f"{path.name}: empty id:ID cells"
    header = (tmp_path / "neo4j-admin" / "nodes_Dataset.header.csv").read_text()
    assert header.startswith("id:ID,") and "name_keys" in header and "sync_hash" in header


def test_done_when_commands_answer_from_the_embedded_store(seed_build, capsys, monkeypatch):
    """The issue's acceptance commands, on the store that build wrote (no server, no JSON read)."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    import paperkg.cli._common as common

    monkeypatch.setattr(common, "load_graph", lambda *_: pytest.fail("the query commands read graph.json"))
    store = ["--store", str(seed_build.files[0].parent)]
    for argv in (
        ["query", "most_used_datasets"],
        ["query", "methods_evaluated_on", "--param", "dataset=CIFAR-10"],
        [
            "query",
            "MATCH (p:Paper)-[:HAS_CODE]->(r:Repository) RETURN p.title AS title, r.id AS repo LIMIT 5",
        ],
    ):
        assert main([*argv, *store, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out), argv


def test_readme_and_queries_command_list_the_same_queries(capsys):
    from conftest import ROOT

    assert main(["queries"]) == 0
    listed = {line for line in capsys.readouterr().out.splitlines() if line and not line.startswith(" ")}
    assert listed == set(ready_queries())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Ready queries (`paperkg queries`") :][:1500]
    assert {name for name in ready_queries() if f"`{name}`" in section} == set(ready_queries())
