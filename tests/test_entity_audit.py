"""benchmarks/entity_audit.py: duplicate groups, multi-type names, top lists and the verdict tally."""

from __future__ import annotations

import importlib.util
import json
import sys

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("entity_audit", ROOT / "benchmarks" / "entity_audit.py")
audit = importlib.util.module_from_spec(_spec)
sys.modules["entity_audit"] = audit
_spec.loader.exec_module(audit)


def _graph(tmp_path, entities):
    """A node-link graph.json with one paper per (label, name, n_papers, sentence) entity."""
    nodes, edges = [], []
    for i, (label, name, n, sentence) in enumerate(entities):
        pid = f"p{i}"
        nodes.append({"label": "Paper", "id": pid, "title": f"Paper {i}"})
        nodes.append({"label": label, "id": f"{label}:{i}", "name": name, "aliases": "", "n_papers": n})
        edges.append(
            {"type": "USES", "source": pid, "target": f"{label}:{i}", "paper_id": pid, "sentence": sentence}
        )
    path = tmp_path / "graph.json"
    path.write_text(json.dumps({"nodes": nodes, "edges": edges}), encoding="utf-8")
    return path


def test_audit_key_merges_case_punctuation_and_plural_but_not_versions():
    assert audit.audit_key("Gaussian processes") == audit.audit_key("Gaussian process")
    assert audit.audit_key("MS-COCO") == audit.audit_key("ms coco")
    assert audit.audit_key("UAVs") == audit.audit_key("UAV")
    assert audit.audit_key("ResNet-50") != audit.audit_key("ResNet-101")
    assert audit.audit_key("SVM") != audit.audit_key("support vector machines")  # acronyms are not case


def test_duplicates_and_multi_type_names_are_found(tmp_path):
    path = _graph(
        tmp_path,
        [
            ("Method", "Gaussian process", 7, "We fit a Gaussian process to the data."),
            ("Method", "Gaussian processes", 3, "Gaussian processes give calibrated uncertainty."),
            ("Dataset", "COCO", 9, "Experiments on COCO show gains."),
            ("Benchmark", "COCO", 2, "On the COCO benchmark we rank first."),
            ("Method", "LiDAR", 4, "A LiDAR scans the scene."),
            ("Dataset", "LiDAR", 1, "We collect LiDAR scans."),
        ],
    )
    entities, titles = audit.load_entities(path)
    dups = audit.duplicate_groups(entities)
    assert [[x["name"] for x in g] for g in dups["Method"]] == [["Gaussian process", "Gaussian processes"]]
    assert dups["Dataset"] == [] and dups["Benchmark"] == []
    multi = {r["name"]: r["types"] for r in audit.multi_type_names(entities)}
    assert multi == {"COCO": {"Dataset": 9, "Benchmark": 2}, "LiDAR": {"Method": 4, "Dataset": 1}}
    top = audit.top_entities(entities, titles, top=1)
    assert top["Method"][0]["name"] == "Gaussian process" and top["Method"][0]["verdict"] == ""
    assert top["Method"][0]["example_sentence"] == "We fit a **Gaussian process** to the data."


def test_markdown_has_a_verdict_column_and_the_tally_counts_it(tmp_path):
    path = _graph(
        tmp_path,
        [
            ("Method", "BERT", 5, "We fine-tune BERT."),
            ("Method", "DoF", 4, "A 7 DoF arm."),
            ("Task", "x", 1, "x"),
        ],
    )
    args = audit.argparse.Namespace(
        graph=str(path), keep_build=None, corpus="c", size=10, seed=1, jobs=1, top=50
    )
    report = audit.run_audit(args)
    assert report["meta"]["papers_in_graph"] == 3
    md = audit.render_markdown(report, 50)
    assert "| # | name | aliases | papers | example sentence | paper | verdict |" in md
    filled = md.replace("| Paper 0 |  |", "| Paper 0 | right |").replace(
        "| Paper 1 |  |", "| Paper 1 | wrong |"
    )
    (tmp_path / "filled.md").write_text(filled, encoding="utf-8")
    counts = audit.tally(tmp_path / "filled.md")
    assert counts["Method"] == (1, 2) and counts["Task"] == (0, 0)
