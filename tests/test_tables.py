"""Parquet tables: schema columns, keyed resolution that ignores input order and partitioning, and
exports streamed from the tables (graph formats only within the graph limit)."""

from __future__ import annotations

import csv
import json
import random

import pyarrow.parquet as pq

from conftest import SEEDS
from paperkg.models import EntityType
from paperkg.pipeline import build
from paperkg.resolve import KeyMap, NameStats, entity_key, resolve_keys
from paperkg.schema import load_schema
from paperkg.tables.build import build_tables
from paperkg.tables.layout import TableSet
from paperkg.tables.overview import overview_graph


def contents(tables: TableSet) -> dict[str, list[tuple]]:
    """Every table's rows, sorted (order-free comparison of two builds)."""
    out = {}
    for path in tables.files():
        name = str(path.parent.relative_to(tables.root))
        rows = [tuple(sorted(r.items())) for r in pq.read_table(path).to_pylist()]
        out.setdefault(name, []).extend(rows)
    return {k: sorted(v, key=repr) for k, v in sorted(out.items())}


def _stats(*entities: tuple[str, str, list[str], list[str]]) -> list[NameStats]:
    """One NameStats per entity: (provisional key, name, aliases, linked keys)."""
    out = []
    for key, name, aliases, links in entities:
        s = NameStats()
        for other in links:
            s.links.add(tuple(sorted((key, other))))
        s.names[(key, name)] += 1
        for form in (name, *aliases):
            s.forms[(key, form)] += 1
        out.append(s)
    return out


def test_keyed_resolution_is_the_same_in_any_order_and_grouping():
    m, d = EntityType.METHOD, EntityType.DATASET
    lwc, lwc_long = entity_key(m, "LWC"), entity_key(m, "Learnable Weight Clipping")
    gpt, gpt_data = entity_key(m, "GPT-4"), entity_key(d, "GPT-4")
    gpt_long = entity_key(m, "Generative Pre-trained Transformer 4")
    parts = _stats(
        (lwc_long, "Learnable Weight Clipping", ["LWC"], []),
        (lwc, "LWC", [], []),
        (gpt, "GPT-4", [], []),
        (gpt_long, "Generative Pre-trained Transformer 4", ["GPT-4"], [gpt]),
        (gpt, "GPT-4", [], []),
        (gpt_data, "GPT-4", [], []),
    )
    first = resolve_keys(_merged(parts))
    for seed in range(5):
        shuffled = parts[:]
        random.Random(seed).shuffle(shuffled)
        halves = [_merged(shuffled[: seed + 1]), _merged(shuffled[seed + 1 :])]
        again = resolve_keys(halves[1].merge(halves[0]))
        assert again.entities == first.entities and again.renamed == first.renamed
    keys = {k for k, _, _ in first.entities}
    # linked by one paper: one entity, named as most papers name it, the other name an alias
    assert first.key(gpt_long) == first.key(gpt) == gpt
    assert next(e for e in first.entities if e[0] == gpt)[2] == ["Generative Pre-trained Transformer 4"]
    # a bare acronym stays apart from its long form; a name has one type (the one most papers give it)
    assert {lwc, lwc_long} <= keys and gpt_long not in keys and gpt_data not in keys
    assert first.key(gpt_data) == gpt
    assert next(e for e in first.entities if e[0] == lwc_long)[2] == ["LWC"]


def _merged(parts: list[NameStats]) -> NameStats:
    out = NameStats()
    for p in parts:
        out.merge(p)
    return out


def test_tables_follow_the_schema(seed_build):
    tables, schema = seed_build.tables, load_schema()
    for label in schema.labels:
        files = tables.node_files(label)
        assert files, label
        assert pq.read_schema(files[0]).names[0] == schema.key(label)
        assert set(pq.read_schema(files[0]).names) == set(schema.properties(label))
    for rel, source, target in tables.rel_groups():
        schema.check_edge(rel, source, target)
        names = pq.read_schema(tables.rel_files(rel, source, target)[0]).names
        assert names == ["from", "to", *schema.relationship_properties]
    counts = tables.counts()
    assert (
        counts["nodes"] == {label: n for label, n in seed_build.summary["nodes"].items()}
        and sum(counts["edges"].values()) == seed_build.graph.number_of_edges()
    )


def test_evidence_table_has_every_item_of_every_edge(seed_build):
    g = seed_build.graph
    n_items = sum(len(json.loads(d["evidence"])) for _, _, d in g.edges(data=True))
    rows = [r for b in seed_build.tables.evidence_batches() for r in b.to_pylist()]
    assert len(rows) == n_items
    row = rows[0]
    assert g.has_edge(row["source"], row["target"], key=row["type"])
    text = g.nodes[row["paper_id"]]["title"] + "\n\n" + g.nodes[row["paper_id"]]["abstract"]
    assert row["sentence"] in text


def test_input_order_and_partitioning_do_not_change_the_tables(tmp_path, seed_papers):
    one = build_tables(seed_papers, tmp_path / "one")
    shuffled = seed_papers[:]
    random.Random(7).shuffle(shuffled)
    two = build_tables(shuffled, tmp_path / "two", partition_size=37)
    assert contents(one.tables) == contents(two.tables)
    assert one.counts["nodes"]["Paper"] == len(seed_papers)


def test_registry_free_entities_get_one_key_across_papers(seed_build):
    g = seed_build.graph
    methods = [n for n, d in g.nodes(data=True) if d["label"] == EntityType.METHOD.label]
    assert methods and all(n.startswith("method:") for n in methods)
    shared = [n for n in methods if g.nodes[n]["n_papers"] > 1]
    assert shared and all(len({u for u, _ in g.in_edges(n)}) >= 2 for n in shared)


def test_over_the_graph_limit_html_is_an_overview_and_graph_files_are_left_out(tmp_path):
    result = build([str(SEEDS)], out=tmp_path, formats=["json", "csv", "html"], graph_limit=100, max_nodes=60)
    assert result.graph is None
    assert not (tmp_path / "graph.json").exists() and (tmp_path / "nodes.csv").is_file()
    assert any(n.startswith("json: not written") for n in result.notes)
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "graph limit (100)" in page and any(n.startswith("graph.html: overview") for n in result.notes)
    overview = overview_graph(TableSet(tmp_path / "tables"), 60)
    labels = {d["label"] for _, d in overview.nodes(data=True)}
    assert 0 < overview.number_of_nodes() <= 60 + 15 and "Paper" in labels and len(labels) > 1


def test_csv_from_tables_has_every_node_and_edge(seed_build):
    out = seed_build.files[0].parent
    with open(out / "nodes.csv", encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with open(out / "edges.csv", encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    g = seed_build.graph
    assert {r["id"] for r in nodes} == set(g.nodes)
    assert {(r["source"], r["target"], r["type"]) for r in edges} == set(g.edges(keys=True))


def test_one_name_takes_the_type_most_papers_give_it_in_any_order():
    m, d = EntityType.METHOD, EntityType.DATASET
    parts = _stats(
        (entity_key(d, "SVHN"), "SVHN", [], []),
        (entity_key(m, "SVHN"), "SVHN", [], []),
        (entity_key(d, "SVHN"), "SVHN", [], []),
        (entity_key(m, "BERT"), "BERT", [], []),
    )
    for seed in range(4):
        shuffled = parts[:]
        random.Random(seed).shuffle(shuffled)
        keys = resolve_keys(_merged(shuffled))
        assert keys.key(entity_key(m, "SVHN")) == entity_key(d, "SVHN") == keys.key(entity_key(d, "SVHN"))
        assert [k for k, _, _ in keys.entities] == [entity_key(d, "SVHN"), entity_key(m, "BERT")]


def test_a_retyped_entity_gets_the_relationship_its_type_allows(seed_build):
    g, schema = seed_build.graph, load_schema()
    for u, v, k in g.edges(keys=True):
        schema.check_edge(k, g.nodes[u]["label"], g.nodes[v]["label"])
        if g.nodes[v]["label"] == "Task":
            assert k == "ADDRESSES"


def _resolve_texts(texts: list[tuple[str, str]]) -> tuple[NameStats, KeyMap]:
    """Extract (title, abstract) pairs and resolve them as a table build does."""
    from paperkg.extract import Extractor
    from paperkg.models import Paper
    from paperkg.resolve import local_entities

    papers = [Paper(id=f"t:{i}", title=t, abstract=a) for i, (t, a) in enumerate(texts)]
    stats = NameStats()
    for doc in Extractor().extract_many(papers):
        for le in local_entities(doc):
            stats.add(le)
    return stats, resolve_keys(stats)


def test_bare_acronym_joins_the_definition_the_build_gives_it():
    texts = [
        (
            "Ground substrate classification",
            "We classify the substrates with a support vector machine (SVM).",
        ),
        ("Bleeding frame detection", "An SVM is applied to 800 sample WCE images to detect bleeding frames."),
    ]
    stats, keys = _resolve_texts(texts)
    bare = entity_key(EntityType.METHOD, "SVM")
    assert (bare, "SVM") in stats.names, "the second paper names the bare acronym"
    assert keys.key(bare) == keys.key(entity_key(EntityType.METHOD, "support vector machine"))
    assert sum(1 for _, name, _ in keys.entities if "SVM" in name or "support vector" in name) == 1


def test_bare_acronym_with_rival_definitions_stays_apart():
    m = EntityType.METHOD
    gp, gauss, genetic = (entity_key(m, n) for n in ("GP", "Gaussian process", "genetic programming"))
    parts = _stats(
        (gauss, "Gaussian process", ["GP"], []),
        (genetic, "genetic programming", ["GP"], []),
        (gp, "GP", [], []),
    )
    parts[0].definitions[(gp, gauss)] += 1
    parts[1].definitions[(gp, genetic)] += 1
    rival = resolve_keys(_merged(parts))
    assert rival.key(gp) == gp and rival.key(gauss) != rival.key(genetic)
    parts[0].definitions[(gp, gauss)] += 1  # now twice as many papers define GP as Gaussian process
    clear = resolve_keys(_merged(parts))
    assert clear.key(gp) == clear.key(gauss) != clear.key(genetic)


def test_one_acronym_defined_two_ways_keeps_both_long_forms_apart():
    texts = [
        (
            "Domain adaptation for segmentation",
            "Domain adaptation (DA) transfers a segmentation model to new cities.",
        ),
        ("Learned data augmentation", "We study data augmentation (DA) policies for image classification."),
    ]
    _, keys = _resolve_texts(texts)
    owner = {}
    for key, name, aliases in keys.entities:
        for n in (name, *aliases):
            owner[n.lower()] = key
    assert "domain adaptation" in owner and "data augmentation" in owner
    assert owner["domain adaptation"] != owner["data augmentation"]


def test_a_name_most_papers_give_one_type_keeps_it_whatever_its_variants_link():
    t, m = EntityType.TASK, EntityType.METHOD
    task, method = entity_key(t, "planning"), entity_key(m, "planning")
    # as local_entities writes them: each key linked to its spelling-variant node of its own type
    parts = _stats(
        *[(task, "planning", [], ["task:~planning"])] * 3, (method, "planning", [], ["method:~planning"])
    )
    keys = resolve_keys(_merged(parts))
    assert [k for k, _, _ in keys.entities] == [task]
    assert keys.key(method) == keys.key(task) == task
