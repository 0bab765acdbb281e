"""Answers of every ready query computed from the networkx graph, shared by the embedded-store and the
Neo4j tests (both engines must give exactly these)."""

from __future__ import annotations

from paperkg.graph import graph_summary
from paperkg.stats import top_entities


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

    def linked(r, rel):
        return [g.nodes[t] for _, t, k in g.out_edges(r, keys=True) if k == rel] or [None]

    rows = []
    for r, _, k in g.in_edges(ds, keys=True):
        if k != "ON_DATASET":
            continue
        d = g.nodes[r]
        for m in linked(r, "MEASURED_BY"):
            metric = d.get("metric_name") or (m or {}).get("name") or d.get("metric") or ""
            if params["metric"] and metric.lower() != params["metric"].lower():
                continue
            for meth in linked(r, "ACHIEVED_BY"):
                for base in linked(r, "COMPARED_WITH"):
                    rows.append(
                        {
                            "metric": metric,
                            "direction": d.get("direction") or (m or {}).get("direction"),
                            "kind": d["kind"],
                            "method": (meth or {}).get("name") or d.get("method"),
                            "value": d["value"],
                            "value_text": d["value_text"],
                            "compared_to": (base or {}).get("name") or d.get("compared_to"),
                            "baseline": d.get("baseline"),
                            "paper": g.nodes[d["paper_id"]]["title"],
                            "evidence": d["sentence"],
                            "confidence": d["confidence"],
                            "qualifier": d.get("qualifier"),
                            "paper_id": d["paper_id"],
                            "dataset": g.nodes[ds]["name"],
                        }
                    )
    return _leaderboard_order(rows)


def _leaderboard_key(r):
    section = 0 if r["kind"] == "absolute" else 1
    value = r["value"] if section == 0 and r["direction"] == "lower" else -r["value"]
    return (r["metric"], section, r["kind"], value, -r["confidence"], r["paper"])


def _leaderboard_order(rows):
    """Rows sorted by the query's ORDER BY, ties broken by every column (engines may order ties apart)."""
    return sorted(rows, key=lambda r: (_leaderboard_key(r), sorted((k, str(v)) for k, v in r.items())))


def params_for(name, g):
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
        "find_entity": {"name": g.nodes[_busiest(g, "Dataset", {"EVALUATED_ON"})]["name"]},
        "node_counts": {},
        "relationship_counts": {},
        "top_entities": {"type": "Dataset", "limit": 5},
    }[name]


def normalise(name, rows):
    if name == "leaderboard":
        keys = [_leaderboard_key(r) for r in rows]
        assert keys == sorted(keys), "leaderboard rows are not in the query's order"
        return _leaderboard_order(rows)
    if name == "papers_with_code_for_method":
        return sorted((r["paper"], r["relation"], tuple(sorted(r["code"]))) for r in rows)
    if name == "methods_sharing_datasets":
        return {r["method"]: (sorted(r["shared_datasets"]), r["n_shared"]) for r in rows}
    if name == "proposed_methods_with_code":
        return {(r["method"], r["repository"], r["paper"]) for r in rows}
    if name == "paper_evidence":
        return {(r["relation"], r["type"], r["name"], r["rule"]) for r in rows}
    return rows


def _expect_find_entity(g, params):
    from paperkg.names import name_key

    key = name_key(params["name"])
    rows = []
    for n, d in g.nodes(data=True):
        names = [d.get("name") or "", *str(d.get("aliases") or "").split(" | ")]
        if d["label"] not in {"Paper", "Result"} and key in {name_key(x) for x in names if x}:
            rows.append(
                {
                    "type": d["label"],
                    "name": d["name"],
                    "id": n,
                    "aliases": d.get("aliases") or None,
                    "papers": d.get("n_papers"),
                }
            )
    return sorted(rows, key=lambda r: (-(r["papers"] or 0), r["name"]))


def _expect_node_counts(g, params):
    return [{"label": k, "n": v} for k, v in graph_summary(g)["nodes"].items()]


def _expect_relationship_counts(g, params):
    return [{"type": k, "n": v} for k, v in graph_summary(g)["edges"].items()]


def _expect_top_entities(g, params):
    return [
        {"name": name, "papers": n}
        for name, n in top_entities(g, params["limit"], params["type"])[params["type"]]
    ]


def expected_answer(name, g, params):
    """What the ready query ``name`` must return for ``params``, computed from the networkx graph."""
    expect = globals().get(f"_expect_{name}")
    assert expect is not None, f"ready query {name} has no expected-answer check"
    expected = expect(g, params)
    if name == "papers_with_code_for_method":
        expected = sorted((r["paper"], r["relation"], tuple(sorted(r["code"]))) for r in expected)
    return expected
