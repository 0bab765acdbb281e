"""Incremental builds (extraction cache) and parallel extraction give the same graph as a plain build."""

from __future__ import annotations

import json
import shutil

from conftest import EXAMPLES, SEEDS
from paperkg.pipeline import build


def _shape(g):
    return (
        sorted(g.nodes),
        sorted((u, v, k) for u, v, k in g.edges(keys=True)),
        sorted((n, d.get("name", ""), d.get("aliases", "")) for n, d in g.nodes(data=True)),
    )


def test_second_build_extracts_only_new_papers_and_matches_a_full_build(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    pages = sorted(SEEDS.glob("*.txt"))
    for p in pages[:3]:
        shutil.copy(p, inputs / p.name)
    cache = tmp_path / "cache"
    first = build([str(inputs)], out=None, cache_dir=cache)
    assert first.cached == 0 and first.extracted == first.papers
    for p in pages[3:]:
        shutil.copy(p, inputs / p.name)
    second = build([str(inputs)], out=None, cache_dir=cache)
    full = build([str(inputs)], out=None)
    assert second.cached == first.papers
    assert second.extracted == second.papers - first.papers > 0
    assert _shape(second.graph) == _shape(full.graph)
    third = build([str(inputs)], out=None, cache_dir=cache)
    assert third.extracted == 0 and third.cached == third.papers


def test_changed_abstract_is_extracted_again(tmp_path):
    src = tmp_path / "p.jsonl"
    rows = [json.loads(x) for x in (EXAMPLES / "papers.jsonl").read_text().splitlines()]
    src.write_text("\n".join(json.dumps(r) for r in rows))
    build([str(src)], out=None, cache_dir=tmp_path / "c")
    rows[0]["abstract"] += " We also evaluate on ImageNet."
    src.write_text("\n".join(json.dumps(r) for r in rows))
    again = build([str(src)], out=None, cache_dir=tmp_path / "c")
    assert again.extracted == 1 and again.cached == len(rows) - 1


def test_parallel_extraction_gives_the_same_graph():
    one = build([str(SEEDS)], out=None, jobs=1)
    two = build([str(SEEDS)], out=None, jobs=2)
    assert _shape(one.graph) == _shape(two.graph)


def test_unchanged_rebuild_keeps_the_exports_and_a_change_rebuilds(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "out" / ".cache"
    first = build([str(SEEDS)], out=out, cache_dir=cache, formats=["json", "csv"])
    stamp = (out / "graph.json").stat().st_mtime_ns
    again = build([str(SEEDS)], out=out, cache_dir=cache, formats=["json", "csv"])
    assert again.up_to_date and again.graph is None
    assert again.summary == first.summary and again.files == first.files
    assert (out / "graph.json").stat().st_mtime_ns == stamp
    extra = tmp_path / "new.jsonl"
    extra.write_text(
        json.dumps({"title": "A New Paper on Graphs", "abstract": "We evaluate BERT on GLUE."}) + "\n"
    )
    changed = build([str(SEEDS), str(extra)], out=out, cache_dir=cache, formats=["json", "csv"])
    assert not changed.up_to_date and changed.extracted == 1 and changed.papers == first.papers + 1
    (out / "graph.json").unlink()
    assert not build([str(SEEDS), str(extra)], out=out, cache_dir=cache, formats=["json", "csv"]).up_to_date
