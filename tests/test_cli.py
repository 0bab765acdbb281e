"""The command line: every command's help, build/extract/stats/export/eval, exit codes on bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, SEEDS, SHARED
from paperkg.cli import EXIT_OK, EXIT_SKIPPED, main

COMMANDS = [
    [],
    ["build"],
    ["extract"],
    ["stats"],
    ["export"],
    ["eval"],
    ["leaderboard"],
    ["neo4j"],
    ["neo4j", "push"],
    ["query"],
    ["queries"],
]


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: " ".join(c) or "paperkg")
def test_every_command_has_help(cmd, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*cmd, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "usage: paperkg" in out and len(out) > 200


def test_entry_point_runs(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "paperkg.cli", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("paperkg ")


def test_build_writes_every_export_and_prints_a_summary(tmp_path, capsys):
    code = main(["build", str(SEEDS), "--out", str(tmp_path), "-q"])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    for name in ["graph.json", "graph.graphml", "graph.gexf", "nodes.csv", "edges.csv", "graph.html"]:
        assert (tmp_path / name).stat().st_size > 1000, name
        assert str(tmp_path / name) in out
    assert "papers: " in out and "duplicates merged" in out and "edges: " in out and "Method" in out


def test_extract_command_of_the_evaluation_reads_seed_pages(capsys):
    # the documented evaluation command: paperkg extract SEEDS/*.txt --format jsonl > pred.jsonl
    pages = sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert main(["extract", *pages, "--format", "jsonl", "-q"]) == EXIT_OK
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) > 200 and all({"title", "entities", "repositories"} <= set(r) for r in rows)


def test_input_format_forces_a_reader(tmp_path, capsys):
    odd = tmp_path / "papers.dat"
    odd.write_text('{"title": "Forced", "abstract": "Read as JSON Lines."}\n')
    assert main(["extract", str(odd), "--input-format", "jsonl", "-q"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["title"] == "Forced"


def test_extract_jsonl_format(tmp_path, capsys):
    out = tmp_path / "pred.jsonl"
    assert main(["extract", str(EXAMPLES / "papers.jsonl"), "-o", str(out), "-q"]) == EXIT_OK
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 5
    omni = next(r for r in rows if r["title"].startswith("OmniQuant"))
    assert omni["repositories"] == ["github.com/OpenGVLab/OmniQuant"]
    e = omni["entities"][0]
    assert set(e) >= {"type", "name", "aliases", "proposed", "confidence", "mentions"}
    assert e["type"] in {"method", "dataset", "benchmark", "task", "metric"}
    text = (
        omni["title"]
        + "\n\n"
        + next(
            json.loads(x)["abstract"]
            for x in (EXAMPLES / "papers.jsonl").read_text().splitlines()
            if json.loads(x)["title"] == omni["title"]
        )
    )
    for m in e["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]


def test_bad_records_are_reported_and_exit_code_says_so(tmp_path, capsys):
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(
        '{"title": "Fine", "abstract": "We evaluate BERT on GLUE."}\n{broken\n{"title": "No abstract"}\n'
    )
    code = main(["build", str(bad), str(tmp_path / "nope.csv"), "--out", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err.splitlines()
    assert code == EXIT_SKIPPED
    assert (
        f"paperkg: skipped {bad}:line 2: invalid JSON: Expecting property name enclosed in double quotes at column 2"
        in err
    )
    assert f"paperkg: skipped {bad}:line 3: no abstract" in err
    assert f"paperkg: skipped {tmp_path / 'nope.csv'}:file: no such file" in err
    assert (tmp_path / "out" / "graph.json").exists()
    graph = json.loads((tmp_path / "out" / "graph.json").read_text())
    assert [n["title"] for n in graph["nodes"] if n["label"] == "Paper"] == ["Fine"]


def test_stats_and_export(tmp_path, capsys):
    main(["build", str(EXAMPLES / "papers.jsonl"), "--out", str(tmp_path), "-q", "--formats", "json"])
    capsys.readouterr()
    assert main(["stats", str(tmp_path), "--top", "3"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "nodes: " in out and "top Method by papers:" in out
    assert (
        main(["export", "neo4j-admin,graphml", str(tmp_path / "graph.json"), "--out", str(tmp_path / "x")])
        == 0
    )
    assert (tmp_path / "x" / "neo4j-admin" / "import.args").exists() and (
        tmp_path / "x" / "graph.graphml"
    ).exists()


def test_stats_on_a_missing_graph_fails_with_one_line(tmp_path, capsys):
    assert main(["stats", str(tmp_path / "none.json")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("paperkg: error:")


def test_query_on_neo4j_without_password_fails_cleanly(monkeypatch, capsys):
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["query", "RETURN 1", "--uri", "bolt://127.0.0.1:7687"]) == 1
    assert "NEO4J_PASSWORD" in capsys.readouterr().err


@pytest.mark.skipif(
    not (SHARED / "eval" / "dev_gold.jsonl").exists(), reason="../shared/eval not beside the checkout"
)
def test_dev_gold_all_papers_matched_and_repos(tmp_path, capsys):
    from paperkg.evaluate import load_gold, score_records
    from paperkg.pipeline import extract_papers

    gold = load_gold(SHARED / "eval" / "dev_gold.jsonl")
    scores, matched = score_records(gold, list(extract_papers([str(SEEDS)])))
    assert matched == len(gold) == 45
    assert scores["repos"].f1 >= 0.95
    assert scores["methods"].f1 >= 0.6 and scores["tasks"].f1 >= 0.4


def test_a_reader_that_stops_early_is_not_an_error():
    # `paperkg queries | head -1`: the pipe closes before the listing is written
    proc = subprocess.Popen(
        [sys.executable, "-m", "paperkg", "queries"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and err == "", err
