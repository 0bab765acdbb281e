"""Acceptance tests against the real Neo4j server that scripts/neo4j-server starts (no mocks).

.ci/run starts the server and sets NEO4J_URI, NEO4J_PASSWORD and PAPERKG_REQUIRE_NEO4J=1; without a
server these tests skip locally, and fail under CI.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter

import pytest

from conftest import ROOT, required
from paperkg.neo4j_store import (
    Neo4jConnectionError,
    connect,
    count_graph,
    push_graph,
    ready_queries,
    run_query,
)

pytestmark = pytest.mark.neo4j

URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
PASSWORD = os.environ.get("NEO4J_PASSWORD", "paperkg-test")


@pytest.fixture(scope="module")
def driver():
    try:
        drv = connect(URI, "neo4j", PASSWORD)
    except Neo4jConnectionError as exc:
        if required("PAPERKG_REQUIRE_NEO4J"):
            pytest.fail(f"the Neo4j test server is required but not reachable: {exc}")
        pytest.skip(f"no Neo4j server (start one with scripts/neo4j-server start): {exc}")
    drv.execute_query("MATCH (n) DETACH DELETE n")
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
    assert second.nodes_created == 0 and second.relationships_created == 0
    assert count_graph(driver) == counts_first


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
    with pytest.raises(Neo4jConnectionError, match=re.escape("cannot reach Neo4j at bolt://127.0.0.1:1")):
        connect("bolt://127.0.0.1:1", "neo4j", PASSWORD)


# --- every ready query, checked against answers computed from the networkx graph ---------------


def _papers_into(g, node, rels):
    return {u for u, _, k in g.in_edges(node, keys=True) if k in rels}


def _expect_most_used_datasets(g, params):
    rows = [
        {"name": d["name"], "type": d["label"], "papers": len(_papers_into(g, n, {"EVALUATED_ON", "USES"}))}
        for n, d in g.nodes(data=True)
        if d["label"] in {"Dataset", "Benchmark"}
    ]
    rows = [r for r in rows if r["papers"]]
    return sorted(rows, key=lambda r: (-r["papers"], r["name"]))[: params["limit"]]


def _expect_top_tasks(g, params):
    rows = [
        {"task": d["name"], "papers": len(_papers_into(g, n, {"ADDRESSES"}))}
        for n, d in g.nodes(data=True)
        if d["label"] == "Task"
    ]
    return sorted(rows, key=lambda r: (-r["papers"], r["task"]))[: params["limit"]]


def _busiest(g, label, rels):
    return max(
        (n for n, d in g.nodes(data=True) if d["label"] == label),
        key=lambda n: (len(_papers_into(g, n, rels)), n),
    )


def _expect_methods_evaluated_on(g, params):
    target = next(
        n
        for n, d in g.nodes(data=True)
        if d["label"] in {"Dataset", "Benchmark"} and d["name"] == params["dataset"]
    )
    out = []
    for p in _papers_into(g, target, {"EVALUATED_ON"}):
        for _, m, k in g.out_edges(p, keys=True):
            if k in {"PROPOSES", "USES"} and g.nodes[m]["label"] == "Method":
                out.append(
                    {"method": g.nodes[m]["name"], "relation": k, "paper": g.nodes[p]["title"], "paper_id": p}
                )
    return sorted(out, key=lambda r: (r["method"], r["paper"]))


def _expect_papers_with_code_for_method(g, params):
    m = next(n for n, d in g.nodes(data=True) if d["label"] == "Method" and d["name"] == params["method"])
    out = []
    for p, _, k in g.in_edges(m, keys=True):
        if k in {"PROPOSES", "USES"}:
            code = [f"https://{r}" for _, r, kk in g.out_edges(p, keys=True) if kk == "HAS_CODE"]
            out.append({"paper": g.nodes[p]["title"], "relation": k, "code": code})
    return out


def _expect_methods_sharing_datasets(g, params):
    m = next(n for n, d in g.nodes(data=True) if d["label"] == "Method" and d["name"] == params["method"])
    datasets = {
        d
        for p in _papers_into(g, m, {"PROPOSES", "USES"})
        for _, d, k in g.out_edges(p, keys=True)
        if k == "EVALUATED_ON"
    }
    shared: dict[str, set[str]] = {}
    for d in datasets:
        for p in _papers_into(g, d, {"EVALUATED_ON"}):
            for _, o, k in g.out_edges(p, keys=True):
                if k in {"PROPOSES", "USES"} and g.nodes[o]["label"] == "Method" and o != m:
                    shared.setdefault(g.nodes[o]["name"], set()).add(g.nodes[d]["name"])
    return {name: (sorted(ds), len(ds)) for name, ds in shared.items()}


def _expect_proposed_methods_with_code(g, params):
    out = set()
    for p, m, k in g.edges(keys=True):
        if k == "PROPOSES" and g.nodes[m]["label"] == "Method":
            for _, r, kk in g.out_edges(p, keys=True):
                if kk == "HAS_CODE":
                    out.add((g.nodes[m]["name"], r, g.nodes[p]["title"]))
    return out


def _expect_paper_evidence(g, params):
    p = params["paper_id"]
    return {
        (k, g.nodes[x]["label"], g.nodes[x].get("name", x), d["rule"])
        for _, x, k, d in g.out_edges(p, keys=True, data=True)
    }


def _expect_leaderboard(g, params):
    ds = next(
        n
        for n, d in g.nodes(data=True)
        if d["label"] in {"Dataset", "Benchmark"} and d["name"] == params["dataset"]
    )
    rows = []
    for r, _, k in g.in_edges(ds, keys=True):
        if k != "ON_DATASET":
            continue
        d = g.nodes[r]
        metric = next(
            (g.nodes[m]["name"] for _, m, kk in g.out_edges(r, keys=True) if kk == "MEASURED_BY"),
            d.get("metric"),
        )
        method = next(
            (g.nodes[m]["name"] for _, m, kk in g.out_edges(r, keys=True) if kk == "ACHIEVED_BY"),
            d.get("method"),
        )
        rows.append(
            {
                "method": method,
                "metric": metric,
                "value": d["value"],
                "value_text": d["value_text"],
                "kind": d["kind"],
                "paper": g.nodes[d["paper_id"]]["title"],
                "evidence": d["sentence"],
            }
        )
    return sorted(rows, key=lambda r: (-r["value"], r["paper"]))


def _params_for(name, g):
    method_with_data = max(
        (n for n, d in g.nodes(data=True) if d["label"] == "Method"),
        key=lambda m: (
            sum(
                1
                for p in _papers_into(g, m, {"PROPOSES", "USES"})
                for _, _, k in g.out_edges(p, keys=True)
                if k == "EVALUATED_ON"
            ),
            m,
        ),
    )
    method_with_code = next(
        m
        for p, m, k in sorted(g.edges(keys=True))
        if k == "PROPOSES"
        and g.nodes[m]["label"] == "Method"
        and any(kk == "HAS_CODE" for _, _, kk in g.out_edges(p, keys=True))
    )
    omni = next(
        n for n, d in g.nodes(data=True) if d["label"] == "Paper" and d["title"].startswith("OmniQuant:")
    )
    return {
        "most_used_datasets": {"limit": 10},
        "top_tasks": {"limit": 10},
        "methods_evaluated_on": {"dataset": g.nodes[_busiest(g, "Dataset", {"EVALUATED_ON"})]["name"]},
        "papers_with_code_for_method": {"method": g.nodes[method_with_code]["name"]},
        "methods_sharing_datasets": {"method": g.nodes[method_with_data]["name"]},
        "proposed_methods_with_code": {},
        "paper_evidence": {"paper_id": omni},
        "leaderboard": {"dataset": g.nodes[_busiest(g, "Dataset", {"ON_DATASET"})]["name"], "metric": ""},
    }[name]


def _normalise(name, rows):
    if name == "papers_with_code_for_method":
        return sorted((r["paper"], r["relation"], tuple(sorted(r["code"]))) for r in rows)
    if name == "methods_sharing_datasets":
        return {r["method"]: (sorted(r["shared_datasets"]), r["n_shared"]) for r in rows}
    if name == "proposed_methods_with_code":
        return {(r["method"], r["repository"], r["paper"]) for r in rows}
    if name == "paper_evidence":
        return {(r["relation"], r["type"], r["name"], r["rule"]) for r in rows}
    return rows


@pytest.mark.parametrize("name", sorted(ready_queries()))
def test_ready_query_answers_match_the_graph(name, loaded, driver, seed_build):
    g = seed_build.graph
    expect = globals().get(f"_expect_{name}")
    assert expect is not None, f"ready query {name} has no expected-answer check in this test"
    params = _params_for(name, g)
    _, rows = run_query(driver, ready_queries()[name].text, params)
    expected = expect(g, params)
    got = _normalise(name, rows)
    if name == "papers_with_code_for_method":
        expected = sorted((r["paper"], r["relation"], tuple(sorted(r["code"]))) for r in expected)
    assert got == expected
    assert rows, f"{name} returned nothing for {params}"


def test_neo4j_admin_import_matches_the_bolt_load(loaded, seed_build, tmp_path):
    """Import the offline CSVs into a second, fresh server with neo4j-admin and compare counts."""
    folder = seed_build.files[0].parent / "neo4j-admin"
    home = tmp_path / "imported"
    script = str(ROOT / "scripts" / "neo4j-server")
    env = {**os.environ, "NEO4J_PASSWORD": PASSWORD}
    # the argument file names its CSVs relative to its own folder, as neo4j-admin users run it
    imp = subprocess.run(
        [script, "import", "--home", str(home), "--", "neo4j", "@import.args"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=folder,
    )
    assert imp.returncode == 0, imp.stdout[-2000:] + imp.stderr[-2000:]
    start = subprocess.run(
        [script, "start", "--home", str(home), "--port", "7699"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert start.returncode == 0, start.stderr[-2000:]
    try:
        other = connect("bolt://127.0.0.1:7699", "neo4j", PASSWORD)
        try:
            g = seed_build.graph
            assert count_graph(other) == (g.number_of_nodes(), g.number_of_edges())
            n_methods = other.execute_query("MATCH (m:Method) RETURN count(m) AS n").records[0]["n"]
            assert n_methods == sum(1 for _, d in g.nodes(data=True) if d["label"] == "Method")
        finally:
            other.close()
    finally:
        subprocess.run([script, "stop", "--home", str(home)], capture_output=True, timeout=120)
