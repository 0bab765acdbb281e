"""The graph's shape, its schema conformance and the exports' round trips."""

from __future__ import annotations

import csv
import json
import re

import networkx as nx

from paperkg.export.gexf import read_gexf
from paperkg.export.graphml import read_graphml
from paperkg.export.nodelink import read_node_link, write_node_link
from paperkg.export.tables import read_csv_tables
from paperkg.graph import edge_evidence
from paperkg.schema import load_schema


def _out(result):
    return result.files[0].parent


def test_graph_labels_and_types_follow_the_schema(seed_build):
    g, schema = seed_build.graph, load_schema()
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert labels <= set(schema.labels)
    assert {"Paper", "Method", "Dataset", "Task", "Metric", "Repository", "Result"} <= labels
    for u, v, k in g.edges(keys=True):
        schema.check_edge(k, g.nodes[u]["label"], g.nodes[v]["label"])
    assert {"PROPOSES", "USES", "EVALUATED_ON", "ADDRESSES", "REPORTS", "HAS_CODE"} <= {
        k for _, _, k in g.edges(keys=True)
    }


def test_every_edge_carries_evidence_from_its_paper(seed_build):
    g = seed_build.graph
    for u, _, data in g.edges(data=True):
        evidence = edge_evidence(data)
        pid = (
            u if g.nodes[u]["label"] == "Paper" else g.nodes[u]["paper_id"]
        )  # a Result's edges cite its paper
        assert evidence and all(e.paper_id == pid for e in evidence)
        paper = g.nodes[pid]
        text = f"{paper['title']}\n\n{paper['abstract']}"
        assert data["sentence"] and data["sentence"] in text
        assert 0 <= data["start"] < data["end"] <= len(text)
        assert data["rule"]


def test_one_node_for_a_method_named_in_two_papers(seed_build):
    g = seed_build.graph
    shared = [n for n, d in g.nodes(data=True) if d["label"] == "Method" and d["n_papers"] >= 2]
    assert shared, "expected some method named by two or more seed papers"
    n = shared[0]
    assert len({u for u, _ in g.in_edges(n)}) == g.nodes[n]["n_papers"]


def test_omniquant_paper_has_code_and_proposes(seed_build):
    g = seed_build.graph
    paper = next(
        n for n, d in g.nodes(data=True) if d["label"] == "Paper" and d["title"].startswith("OmniQuant:")
    )
    out = {(k, g.nodes[v].get("name")) for _, v, k in g.out_edges(paper, keys=True)}
    assert ("HAS_CODE", "OmniQuant") in out
    assert any(k == "PROPOSES" for k, _ in out)


def _same_counts(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert a.number_of_nodes() == b.number_of_nodes()
    assert a.number_of_edges() == b.number_of_edges()
    assert set(a.nodes) == set(b.nodes)


def _same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph, empty_is_absent: bool = False) -> None:
    """Same nodes, edge keys and every attribute, with the same types (CSV cannot tell an empty
    string from a missing value, hence ``empty_is_absent``)."""
    _same_counts(a, b)

    def norm(d: dict) -> dict:
        return {k: v for k, v in d.items() if v != ""} if empty_is_absent else d

    for n, d in a.nodes(data=True):
        assert norm(b.nodes[n]) == norm(d), n
    assert set(a.edges(keys=True)) == set(b.edges(keys=True))
    for u, v, k, d in a.edges(keys=True, data=True):
        assert norm(b.edges[u, v, k]) == norm(d), (u, v, k)


def test_node_link_json_round_trip(seed_build, tmp_path):
    g = seed_build.graph
    back = read_node_link(_out(seed_build) / "graph.json")
    _same_graph(g, back)
    assert back.nodes["github.com/OpenGVLab/OmniQuant"]["label"] == "Repository"
    with open(tmp_path / "g.json", "w", encoding="utf-8") as fh:  # file handles work too
        write_node_link(g, fh)
    _same_graph(g, read_node_link(tmp_path / "g.json"))


def test_graphml_round_trip(seed_build):
    _same_graph(seed_build.graph, read_graphml(_out(seed_build) / "graph.graphml"))


def test_gexf_round_trip_keeps_every_attribute(seed_build):
    g = seed_build.graph
    _same_graph(g, read_gexf(_out(seed_build) / "graph.gexf"))
    text = (_out(seed_build) / "graph.gexf").read_text(encoding="utf-8")
    # paperkg's relation type and offsets are attributes, not GEXF's edge kind or time interval
    assert ' type="PROPOSES"' not in text and " start=" not in text and 'mode="dynamic"' not in text
    assert 'title="rel_type"' in text and 'title="char_start"' in text


def test_csv_tables_round_trip(seed_build):
    out = _out(seed_build)
    back = read_csv_tables(out / "nodes.csv", out / "edges.csv")
    _same_graph(seed_build.graph, back, empty_is_absent=True)


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_neo4j_admin_files_follow_the_schema(seed_build):
    folder = _out(seed_build) / "neo4j-admin"
    schema = load_schema()
    args = (folder / "import.args").read_text().split()
    assert len([a for a in args if a.startswith("--nodes=")]) == len(schema.labels)
    total_nodes = total_rels = 0
    for label in schema.labels:
        header = _rows(folder / f"nodes_{label}.header.csv")[0]
        assert header[0] == "id:ID"
        total_nodes += len(_rows(folder / f"nodes_{label}.csv"))
    for rel in schema.relationship_types:
        header = _rows(folder / f"rels_{rel}.header.csv")[0]
        assert header[:2] == [":START_ID", ":END_ID"] and "confidence:float" in header
        total_rels += len(_rows(folder / f"rels_{rel}.csv"))
    assert total_nodes == seed_build.graph.number_of_nodes()
    assert total_rels == seed_build.graph.number_of_edges()


def test_cypher_script_passes_values_as_params(seed_build):
    script = (_out(seed_build) / "neo4j-admin" / "load.cypher").read_text(encoding="utf-8")
    statements = [s for s in script.splitlines() if s and not s.startswith(":param")]
    assert all(s.startswith(("CREATE", "UNWIND")) for s in statements)
    assert all("$rows" in s for s in statements if s.startswith("UNWIND"))
    assert not any("OmniQuant" in s for s in statements)  # values only in :param lines


def _page_data(html: str) -> dict:
    return json.loads(re.search(r'id="graph-data">(.*?)</script>', html, re.S).group(1))


def test_html_is_self_contained(seed_build):
    html = (_out(seed_build) / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "vis.Network" in html and "graph-data" in html
    data = _page_data(html)
    n_results = sum(1 for _, d in seed_build.graph.nodes(data=True) if d["label"] == "Result")
    assert len(data["nodes"]["id"]) == seed_build.graph.number_of_nodes() - n_results > 0
    assert len(data["results"]["rows"]) == n_results
    assert "Result" not in {lab["label"] for lab in data["labels"]}


def test_html_does_not_mutate_the_graph(seed_build):
    from paperkg.export.html import render_html

    g = seed_build.graph
    before = (g.number_of_nodes(), g.number_of_edges(), dict(g.nodes[next(iter(g.nodes))]))
    render_html(g, max_nodes=50)
    assert before == (g.number_of_nodes(), g.number_of_edges(), dict(g.nodes[next(iter(g.nodes))]))


def test_html_overview_keeps_a_budget_per_type(seed_build):
    from paperkg.export.html import page_data
    from paperkg.export.html.overview import budget_per_type

    g = seed_build.graph
    data = page_data(g, max_nodes=100)
    ov = data["overview"]
    labels = [lab["label"] for lab in data["labels"]]
    drawn = [labels[data["nodes"]["t"][row]] for row, _, _ in ov["nodes"]]
    assert 0 < len(drawn) <= 100 and "Result" not in drawn
    quota = budget_per_type(ov["total"], 100, with_papers=True)
    for label in ("Method", "Dataset", "Task", "Paper"):
        assert 0 < drawn.count(label) <= quota[label]
    top = min(
        (n for n, d in g.nodes(data=True) if d["label"] == "Method"),
        key=lambda n: (-int(g.nodes[n]["n_papers"]), n),
    )
    assert data["nodes"]["id"].index(top) in {row for row, _, _ in ov["nodes"]}


def test_html_escapes_script_breaking_names(seed_build):
    from paperkg.export.html import render_html

    g = seed_build.graph.copy()
    evil = "</script><!--<script>alert(1)</script>"
    g.add_node("method:evil", label="Method", id="method:evil", name=evil, aliases="", n_papers=1)
    html = render_html(g, title=evil)
    body = html.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and evil in _page_data(html)["nodes"]["name"]
    assert "<title>&lt;/script>&lt;!--&lt;script>" in html


def test_html_text_chunks_hold_abstracts_and_mention_offsets(seed_build):
    import base64
    import gzip

    from paperkg.export.html.store import build_store

    g = seed_build.graph
    papers = build_store(g).payload["papers"]
    k = 0
    rows = json.loads(gzip.decompress(base64.b64decode(papers["chunks"][papers["chunk"][k]])))
    node = papers["node"][k]
    paper = build_store(g).payload["nodes"]["id"][node]
    abstract, _, marks = rows[k % papers["chunk_size"]]
    assert abstract == g.nodes[paper]["abstract"]
    text = g.nodes[paper]["title"] + "\n\n" + abstract
    for start, end, s0, s1, _, _ in marks:
        assert s0 <= start < end <= s1 and text[start:end].strip()


def test_stats_count_papers_not_results(seed_build):
    from paperkg.stats import top_entities

    g = seed_build.graph
    achieved = {v for _, v, k in g.edges(keys=True) if k == "ACHIEVED_BY"}
    assert achieved
    rows = top_entities(g, 10_000, "Method")["Method"]
    by_name = dict(rows)
    unique = {name for name in by_name if sum(1 for n, _ in rows if n == name) == 1}
    for m in achieved:
        papers = {u for u in g.predecessors(m) if g.nodes[u]["label"] == "Paper"}
        if g.nodes[m]["name"] in unique:
            assert by_name[g.nodes[m]["name"]] == len(papers) < g.in_degree(m)
