"""Fault injection, command line: bad arguments are refused up front (exit 2), failures are one line
(exit 1), secrets never printed (issue 10, cases 9, 10 and 11).
"""

from __future__ import annotations

import json
import logging
import os

import pytest

from conftest import required
from paperkg.cli import main
from paperkg.cli._common import parse_params, redact
from test_faults_inputs import good

SECRET = "s3cret-pass"


def _usage_error(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("size", ["0", "-5", "ten"])
def test_push_batch_size_must_be_positive(size, capsys, tmp_path):
    err = _usage_error(["neo4j", "push", str(tmp_path), "--batch-size", size], capsys)
    assert "--batch-size" in err and "Traceback" not in err


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "localhost:7687", "bolt://", "ftp://x"])
def test_push_uri_must_be_bolt_or_neo4j(uri, capsys, tmp_path):
    err = _usage_error(["neo4j", "push", str(tmp_path), "--uri", uri], capsys)
    assert "is not a Neo4j URI" in err and "bolt://" in err


@pytest.mark.parametrize("command", [["neo4j", "push", "graph.json"], ["query", "top_tasks"]])
def test_credentials_in_the_uri_are_refused_and_never_printed(command, capsys, monkeypatch):
    uri = f"bolt://neo4j:{SECRET}@127.0.0.1:7687"
    err = _usage_error([*command, "--uri", uri], capsys)
    assert SECRET not in err and "***@127.0.0.1" in err and "NEO4J_PASSWORD" in err
    monkeypatch.setenv("NEO4J_URI", uri)  # from the environment too
    err = _usage_error(command, capsys)
    assert SECRET not in err


def test_redact_covers_any_scheme():
    text = f"cannot reach neo4j+s://u:{SECRET}@db.example:7687 or http://a@b/c"
    assert redact(text) == "cannot reach neo4j+s://***@db.example:7687 or http://***@b/c"


def test_push_to_a_missing_database_is_one_line(capsys, seed_build, monkeypatch):
    """Needs the project's Neo4j server (it writes nothing: the database does not exist)."""
    from paperkg.store.neo4j import Neo4jConnectionError, connect

    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    password = os.environ.get("NEO4J_PASSWORD", "paperkg-test")
    try:
        connect(uri, "neo4j", password).close()
    except Neo4jConnectionError as exc:
        if required("PAPERKG_REQUIRE_NEO4J"):
            pytest.fail(f"the Neo4j test server is required but not reachable: {exc}")
        pytest.skip(f"no Neo4j server: {exc}")
    graph = next(f for f in seed_build.files if f.name == "graph.json")
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    code = main(["neo4j", "push", str(graph), "--uri", uri, "--database", "nosuchdb", "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"paperkg: error: database 'nosuchdb' does not exist on {uri}\n"


def _write_graph(path, nodes, edges=()):
    data = {"directed": True, "multigraph": True, "graph": {}, "nodes": nodes, "edges": list(edges)}
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "kind",
    [
        "truncated_graphml",
        "truncated_json",
        "binary",
        "no_label",
        "bad_number",
        "orphan_result",
        "not_a_graph",
    ],
)
@pytest.mark.parametrize("command", ["stats", "leaderboard"])
def test_stats_and_leaderboard_on_broken_graphs(kind, command, seed_build, tmp_path, capsys):
    """Case 10: one line naming the file, exit 1, no traceback."""
    files = {f.name: f for f in seed_build.files}
    if kind == "truncated_graphml":
        path = tmp_path / "graph.graphml"
        data = files["graph.graphml"].read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "truncated_json":
        path = tmp_path / "graph.json"
        data = files["graph.json"].read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "binary":
        path = tmp_path / "graph.json"
        path.write_bytes(b"\xff\xfe\x00garbage\x9c" * 50)
    elif kind == "no_label":
        path = tmp_path / "graph.json"
        _write_graph(path, [{"id": "a", "name": "A"}])
    elif kind == "bad_number":
        path = tmp_path / "graph.json"
        _write_graph(path, [{"id": "method:a", "label": "Method", "name": "A", "n_papers": "many"}])
    elif kind == "orphan_result":
        path = tmp_path / "graph.json"
        _write_graph(path, [{"id": "r", "label": "Result", "value": 1.0, "paper_id": "gone"}])
    else:
        path = tmp_path / "graph.json"
        path.write_text(json.dumps([1, 2, 3]))
    argv = [command, str(path)] + (["--dataset", "ImageNet"] if command == "leaderboard" else [])
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"paperkg: error: {path}") and err.count("\n") == 1, err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_stats_on_an_unreadable_file(tmp_path, capsys, seed_build):
    path = tmp_path / "graph.json"
    path.write_bytes(next(f for f in seed_build.files if f.name == "graph.json").read_bytes())
    path.chmod(0)
    try:
        assert main(["stats", str(path)]) == 1
        assert "cannot read" in capsys.readouterr().err
    finally:
        path.chmod(0o644)


def test_param_values_stay_strings_unless_typed():
    """Case 11: an id such as 0123 is not turned into 123."""
    assert parse_params(["id=0123", "limit=10", "neg=-3", "name=BERT", "x=1.5", "empty="]) == {
        "id": "0123",
        "limit": 10,
        "neg": -3,
        "name": "BERT",
        "x": "1.5",
        "empty": "",
    }
    assert parse_params(["id:int=0123", "limit:str=10", "x:float=1.5", "flag:bool=true"]) == {
        "id": 123,
        "limit": "10",
        "x": 1.5,
        "flag": True,
    }


@pytest.mark.parametrize("pair", ["noequals", "x:int=abc", "x:date=1", "=1"])
def test_bad_params_are_one_line_errors(pair, capsys, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "unused")
    assert main(["query", "RETURN 1", "--param", pair]) == 1
    err = capsys.readouterr().err
    assert err.startswith("paperkg: error: --param") and err.count("\n") == 1


def test_verbose_logs_the_stages(tmp_path, capsys):
    """Case 11: -v says what the build did; without it the same build logs nothing."""
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps(good(1)) + "\n")
    root = logging.getLogger()
    for verbose in (True, False):
        for h in list(root.handlers):  # basicConfig only configures a fresh root logger
            root.removeHandler(h)
        argv = (["-v"] if verbose else []) + ["build", str(src), "--out", str(tmp_path / f"o{verbose}")]
        assert main([*argv, "--formats", "json"]) == 0
        err = capsys.readouterr().err
        assert ("paperkg: 1 papers (1 extracted" in err) is verbose
        assert ("json: " in err and "bytes" in err) is verbose


@pytest.mark.parametrize(("flag", "value"), [("--jobs", "-1"), ("--jobs", "two"), ("--max-nodes", "x")])
def test_build_numbers_are_checked_up_front(flag, value, tmp_path, capsys):
    err = _usage_error(["build", str(tmp_path), "--out", str(tmp_path / "o"), flag, value], capsys)
    assert flag in err and not (tmp_path / "o").exists()


def test_export_rejects_unknown_formats_up_front(seed_build, tmp_path, capsys):
    graph = next(f for f in seed_build.files if f.name == "graph.json")
    err = _usage_error(["export", "json,htm", str(graph), "--out", str(tmp_path / "o")], capsys)
    assert "unknown export format 'htm'" in err and not (tmp_path / "o").exists()
