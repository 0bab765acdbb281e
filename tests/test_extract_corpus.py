"""Corpus statistics of names (data/extract/corpus_stats.tsv.gz) as features of the extractor."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

from paperkg.extract.corpus import corpus_features, encode, stats_key

ROOT = Path(__file__).resolve().parents[1]


def _feats(name: str) -> dict[str, str]:
    return dict(f.split("=", 1) for f in corpus_features(name))


def test_keys_ignore_case_punctuation_and_plural():
    assert stats_key("ResNet-50") == "resnet 50"
    assert stats_key("win rates") == stats_key("Win Rate") == "win rate"
    assert stats_key("process") == "process"  # "ss" is no plural


def test_codes_bucket_document_counts_and_shares():
    # docs, n, cap, next_data, next_method, next_task, prev_on, metric_ctx, propose
    # 10/40 is a quarter: high; 2/40 is 5%: middle
    assert encode([12, 40, 38, 10, 0, 0, 1, 0, 2]) == "2hh00l0m"
    assert encode([5, 2, 2, 0, 0, 0, 0, 0, 0]) == "1"  # too few occurrences for shares


def test_a_dataset_name_and_a_measure_read_differently_in_the_corpus():
    city = _feats("Cityscapes")
    assert city["c_cap"] == "h" and city["c_next_data"] in "mh" and city["c_prev_on"] in "mh"
    acc = _feats("accuracy")
    assert acc["cdf"] == "4" and acc["c_cap"] in "0l" and acc["c_metric_ctx"] in "mh"
    assert _feats("Xception")["c_next_method"] in "mh"


def test_an_unknown_name_has_only_a_zero_count_and_long_names_none():
    assert corpus_features("Zyxwvutsr Qwertyuiopnet") == ("cdf=0",)
    assert corpus_features("a very long name of four words") == ()


def test_the_script_counts_contexts_of_a_small_corpus(tmp_path):
    spec = importlib.util.spec_from_file_location("cns", ROOT / "scripts" / "corpus_name_stats.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    recs = [
        {"title": f"Paper {i}", "abstract": "We evaluate on Foobench dataset and report higher accuracy."}
        for i in range(10)
    ]
    src = tmp_path / "c.jsonl.gz"
    src.write_bytes(gzip.compress("\n".join(map(json.dumps, recs)).encode()))
    stats = mod.count(src)
    docs, n, cap, nxt_data, _, _, prev_on, metric_ctx, _ = stats["foobench"]
    assert (docs, n, cap, nxt_data, prev_on, metric_ctx) == (10, 10, 10, 10, 10, 0)
    assert stats["accuracy"][7] == 10  # "higher accuracy"
    assert "foobench dataset" in stats and "we" in stats
