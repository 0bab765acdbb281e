"""Acceptance tests against the real Neo4j server that scripts/neo4j-server starts (no mocks).

.ci/run starts the server and sets NEO4J_URI, NEO4J_PASSWORD and PAPERKG_REQUIRE_NEO4J=1; without a
server these tests skip locally, and fail under CI.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections import Counter

import pytest

from conftest import ROOT, required
from paperkg.store.neo4j import Neo4jConnectionError, Neo4jStore, connect, count_graph
from paperkg.store.neo4j_sync import push_graph
from paperkg.store.queries import ready_queries
from query_checks import expected_answer, normalise, params_for

pytestmark = pytest.mark.neo4j

URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
PASSWORD = os.environ.get("NEO4J_PASSWORD", "paperkg-test")


def claim_test_database(drv, paper_ids: set[str]) -> None:
    """Empty the database for the tests, but only when it is empty or holds nothing but what these
    tests write (papers of the seed graph); a user's database behind NEO4J_URI is never wiped."""
    foreign = drv.execute_query(
        "MATCH (n) WHERE NOT (n:Paper AND n.id IN $ids) AND NOT n:Method AND NOT n:Dataset AND NOT n:Benchmark "
        "AND NOT n:Task AND NOT n:Metric AND NOT n:Repository AND NOT (n:Result AND n.paper_id IN $ids) "
        "RETURN count(n) AS n",
        ids=sorted(paper_ids),
    ).records[0]["n"]
    if foreign:
        raise RuntimeError(
            f"refusing to wipe the database at {URI}: it holds {foreign} nodes these tests did not write"
        )
    drv.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="module")
def driver(seed_build):
    try:
        drv = connect(URI, "neo4j", PASSWORD)
    except Neo4jConnectionError as exc:
        if required("PAPERKG_REQUIRE_NEO4J"):
            pytest.fail(f"the Neo4j test server is required but not reachable: {exc}")
        pytest.skip(f"no Neo4j server (start one with scripts/neo4j-server start): {exc}")
    g = seed_build.graph
    try:
        claim_test_database(drv, {n for n, d in g.nodes(data=True) if d["label"] == "Paper"})
    except RuntimeError as exc:
        drv.close()
        pytest.fail(str(exc))
    yield drv
    drv.close()


@pytest.fixture(scope="module")
def loaded(driver, seed_build):
    first = push_graph(driver, seed_build.graph, batch_size=200)
    counts_first = count_graph(driver)
    second = push_graph(driver, seed_build.graph, batch_size=200)
    return first, second, counts_first


def test_push_counts_equal_the_networkx_graph(loaded, driver, seed_build):
    first, _, counts = loaded
    g = seed_build.graph
    assert counts == (g.number_of_nodes(), g.number_of_edges())
    assert first.nodes_created == g.number_of_nodes() and first.relationships_created == g.number_of_edges()
    labels = {
        r["label"]: r["n"]
        for r in driver.execute_query(
            "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"
        ).records
    }
    assert labels == dict(Counter(d["label"] for _, d in g.nodes(data=True)))


def test_second_push_changes_nothing(loaded, driver, seed_build):
    _, second, counts_first = loaded
    assert second.unchanged, str(second)
    assert second.properties_set == 0 and second.nodes_removed == 0 and second.relationships_removed == 0
    assert count_graph(driver) == counts_first


def test_fixture_refuses_a_database_it_did_not_create(loaded, driver, seed_build):
    driver.execute_query("CREATE (:Paper {id: 'user:precious'})")
    try:
        with pytest.raises(RuntimeError, match="refusing to wipe"):
            claim_test_database(driver, {"some:other"})
        assert (
            driver.execute_query("MATCH (p:Paper {id: 'user:precious'}) RETURN count(p) AS n").records[0]["n"]
            == 1
        )
    finally:
        driver.execute_query("MATCH (p:Paper {id: 'user:precious'}) DELETE p")


def test_push_after_re_extraction_removes_what_is_no_longer_stated(loaded, driver, seed_build):
    g = seed_build.graph
    newer = g.copy()
    # a "re-extraction": one paper loses a relationship and a result, an entity's count changes
    paper, target, rel = next(
        (u, v, k) for u, v, k in g.edges(keys=True) if k == "USES" and g.in_degree(v) == 1
    )
    newer.remove_edge(paper, target, key=rel)
    newer.remove_node(target)
    result = next(n for n, d in g.nodes(data=True) if d["label"] == "Result")
    newer.remove_node(result)
    try:
        report = push_graph(driver, newer, batch_size=300)
        assert report.relationships_removed >= 1 and report.nodes_removed >= 2, str(report)
        assert count_graph(driver) == (newer.number_of_nodes(), newer.number_of_edges())
        again = push_graph(driver, newer, batch_size=300)
        assert again.unchanged, str(again)
    finally:
        restored = push_graph(driver, g, batch_size=300)
        assert restored.nodes_created == 2 and count_graph(driver) == (
            g.number_of_nodes(),
            g.number_of_edges(),
        )


def test_constraints_exist_for_every_label(loaded, driver):
    from paperkg.schema import load_schema

    rows = driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type").records
    have = {(r["labelsOrTypes"][0], r["properties"][0]) for r in rows if r["type"] == "UNIQUENESS"}
    schema = load_schema()
    assert {(lab, schema.key(lab)) for lab in schema.labels} <= have


def test_edge_evidence_is_stored(loaded, driver):
    rows = driver.execute_query(
        "MATCH (p:Paper)-[r:HAS_CODE]->(c:Repository {id: $id}) RETURN p.title AS t, r.sentence AS s, r.rule AS rule",
        id="github.com/OpenGVLab/OmniQuant",
    ).records
    assert rows and rows[0]["t"].startswith("OmniQuant") and "github.com/OpenGVLab/OmniQuant" in rows[0]["s"]


def test_wrong_password_and_unreachable_server_give_clear_errors(driver):
    with pytest.raises(Neo4jConnectionError, match="wrong user or password"):
        connect(URI, "neo4j", PASSWORD + "-wrong")
    with pytest.raises(
        Neo4jConnectionError, match=re.escape("cannot reach Neo4j at bolt://127.0.0.1:1")
    ) as exc:
        connect("bolt://127.0.0.1:1", "neo4j", PASSWORD)
    assert "\n" not in str(exc.value)


def _cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "paperkg", *args],
        capture_output=True,
        text=True,
        # the server script's default password when the shell has none (unreachable-server tests need one)
        env={"NEO4J_PASSWORD": "paperkg-test", **os.environ, **(env or {})},
    )


def test_cli_query_on_neo4j_prints_rows_only(loaded):
    # an aggregation over missing values makes the server send a notification; it must not reach stderr
    proc = _cli(
        "query", "MATCH (p:Paper) RETURN count(p.no_such_property) AS n", "--uri", URI, "--format", "csv"
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "n\n0" and proc.stderr == "", proc.stderr
    proc = _cli("query", "top_tasks", "--uri", URI)
    assert proc.returncode == 0 and "(10 rows)" in proc.stdout and proc.stderr == ""


def test_cli_unreachable_server_is_one_line():
    proc = _cli("query", "RETURN 1", "--uri", "bolt://127.0.0.1:1")
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("paperkg: error: cannot reach Neo4j at bolt://127.0.0.1:1")


def test_cli_push_uses_neo4j_bolt_port(seed_build, tmp_path):
    env = {"NEO4J_URI": "", "NEO4J_BOLT_PORT": "1"}
    proc = _cli("neo4j", "push", str(seed_build.files[0]), "-q", env=env)
    assert proc.returncode == 1 and "bolt://127.0.0.1:1" in proc.stderr, proc.stderr


# --- every ready query, checked against answers computed from the networkx graph ---------------


@pytest.mark.parametrize("name", sorted(ready_queries()))
def test_ready_query_answers_match_the_graph(name, loaded, driver, seed_build):
    g = seed_build.graph
    query = ready_queries()[name]
    params = params_for(name, g)
    _, rows = Neo4jStore(driver).run(query.text_for("neo4j"), query.bind(params))
    assert normalise(name, rows) == expected_answer(name, g, params)
    assert rows, f"{name} returned nothing for {params}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_neo4j_admin_import_from_graph_json_round_trips(loaded, seed_build, tmp_path):
    """graph.json -> paperkg neo4j import (real neo4j-admin) -> a second, fresh server on a free port."""
    graph_json = seed_build.files[0]
    assert graph_json.name == "graph.json"
    home = tmp_path / "imported"
    script = str(ROOT / "scripts" / "neo4j-server")
    proc = _cli("neo4j", "import", str(graph_json), "--admin", f"{script} import --home {home} --")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "rows/s" in proc.stdout
    port = _free_port()
    # its own state folder and default home, so that "stop" below cannot touch the main test server
    env = {
        **os.environ,
        "NEO4J_PASSWORD": PASSWORD,
        "NEO4J_STATE_DIR": str(tmp_path / "state"),
        "NEO4J_HOME_DIR": str(tmp_path / "no-default-home"),
    }
    start = subprocess.run(
        [script, "start", "--home", str(home), "--port", str(port)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert start.returncode == 0, start.stderr[-2000:]
    try:
        other = connect(f"bolt://127.0.0.1:{port}", "neo4j", PASSWORD)
        try:
            g = seed_build.graph
            assert count_graph(other) == (g.number_of_nodes(), g.number_of_edges())
            missing = other.execute_query("MATCH (n) WHERE n.id IS NULL OR n.id = '' RETURN count(n) AS n")
            assert missing.records[0]["n"] == 0
            # the imported rows carry the same sync hashes: pushing the graph afterwards changes nothing
            assert push_graph(other, g).unchanged
        finally:
            other.close()
    finally:
        # "stop" without --home stops the server started with --home (it used to say "not running")
        stop = subprocess.run([script, "stop"], capture_output=True, text=True, env=env, timeout=120)
        status = subprocess.run(
            [script, "status", "--home", str(home)], capture_output=True, text=True, env=env
        )
    assert "stopped" in stop.stdout and status.returncode == 3, stop.stdout + stop.stderr


@pytest.mark.parametrize(
    "command", [["stats", "--top", "5"], ["leaderboard", "--dataset", "nuscenes", "--evidence"]], ids=str
)
def test_cli_answers_the_same_from_neo4j_and_the_embedded_store(command, loaded, seed_build, capsys):
    from paperkg.cli import main

    store = str(seed_build.files[0].parent)
    assert main([command[0], store, *command[1:]]) == 0
    embedded = capsys.readouterr().out
    assert main([*command, "--uri", URI]) == 0
    assert capsys.readouterr().out == embedded and embedded.count("\n") > 3
