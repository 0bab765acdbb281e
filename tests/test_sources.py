"""Readers: each format on real seed text, format detection, and bad input that is reported and skipped."""

from __future__ import annotations

import json

from conftest import EXAMPLES, SEEDS
from paperkg.models import InputIssue
from paperkg.parse import PaperReader
from paperkg.sources import detect_format, read_records
from paperkg.sources.base import RawRecord


def _records(path, fmt=None):
    items = list(read_records([path], fmt))
    return [i for i in items if isinstance(i, RawRecord)], [i for i in items if isinstance(i, InputIssue)]


def test_hf_daily_page_dump_pairs_titles_abstracts_and_metadata():
    recs, issues = _records(SEEDS / "002_42d595172a92d705.txt")
    titles = [r.title for r in recs]
    assert (
        "UrbanSAM: Learning Invariance-Inspired Adapters for Segment Anything Models in Urban Construction"
        in titles
    )
    first = recs[0]
    assert first.abstract.startswith("Object extraction and segmentation from remote sensing (RS) images")
    assert first.n_authors == 7 and first.date == "Feb 20"
    dwork = next(r for r in recs if r.title == "Preserving Statistical Validity in Adaptive Data Analysis")
    assert dwork.date == "2014-11-10" and dwork.n_authors == 6
    assert not any(r.title.lower() in {"subscribe", "daily papers", "new"} for r in recs)
    assert issues == []


def test_hf_daily_every_page_reads_without_boilerplate(seed_papers):
    assert len(seed_papers) > 200
    for p in seed_papers:
        assert len(p.abstract) > 120
        assert "Get trending papers" not in p.title and "authors" not in p.title


def test_jsonl_csv_and_atom_examples_read_the_same_papers():
    jsonl, _ = _records(EXAMPLES / "papers.jsonl")
    csv_, _ = _records(EXAMPLES / "papers.csv")
    atom, _ = _records(EXAMPLES / "arxiv_feed.atom")
    assert [r.title for r in jsonl] == [r.title for r in csv_] == [r.title for r in atom]
    assert len(jsonl) == 5
    assert atom[0].arxiv_id == "9901.00001" and atom[0].authors == ["Example Author 1"]
    assert jsonl[0].abstract == csv_[0].abstract == atom[0].abstract


def test_format_detection_by_extension_and_content(tmp_path):
    assert detect_format(EXAMPLES / "papers.jsonl") == "jsonl"
    assert detect_format(EXAMPLES / "arxiv_feed.atom") == "arxiv"
    assert detect_format(SEEDS / "000_35e52490554a25b5.txt") == "hf"
    odd = tmp_path / "papers.data"
    odd.write_text('{"title": "A", "abstract": "B"}\n')
    assert detect_format(odd) == "jsonl"


def test_json_array_document(tmp_path):
    path = tmp_path / "papers.json"
    path.write_text(json.dumps({"papers": [{"title": "T1", "summary": "S1"}, "oops"]}))
    recs, issues = _records(path)
    assert [r.title for r in recs] == ["T1"] and recs[0].abstract == "S1"
    assert len(issues) == 1 and issues[0].record == "record 1"


def test_bad_jsonl_lines_are_reported_and_the_rest_kept(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"title": "Good paper", "abstract": "A real abstract."})
    path.write_bytes(
        (good + "\n{not json\n" + json.dumps({"title": "No abstract"}) + "\n").encode()
        + b'{"title": "Caf\xe9", "abstract": "latin-1 bytes"}\n'
        + json.dumps({"title": "Second good", "abstract": "Another abstract."}).encode()
        + b"\n"
    )
    reader = PaperReader([str(path)])
    papers = list(reader)
    assert [p.title for p in papers] == ["Good paper", "Second good"]
    reasons = {i.record: i.reason for i in reader.issues}
    assert reasons["line 2"].startswith("invalid JSON")
    assert reasons["line 3"] == "no abstract"
    assert "not valid UTF-8" in reasons["line 4"] and "0xe9" in reasons["line 4"]
    assert all(i.file == str(path) for i in reader.issues)


def test_missing_file_and_csv_without_columns(tmp_path):
    bad_csv = tmp_path / "x.csv"
    bad_csv.write_text("name,text\na,b\n")
    items = list(read_records([tmp_path / "missing.jsonl", bad_csv]))
    assert [str(i) for i in items] == [
        f"{tmp_path / 'missing.jsonl'}:file: no such file",
        f"{bad_csv}:line 1: header has no title/abstract columns: ['name', 'text']",
    ]


def test_invalid_atom_is_one_issue(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text("<feed><entry>")
    recs, issues = _records(path)
    assert recs == [] and len(issues) == 1 and issues[0].reason.startswith("invalid XML")


def test_gzip_input(tmp_path):
    import gzip

    path = tmp_path / "p.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"title": "Zipped", "abstract": "Inside a gzip file."}\n'))
    recs, _ = _records(path)
    assert recs[0].title == "Zipped"


def _stream_rows(n: int) -> list[dict]:
    # non-ASCII text, so a small chunk size cuts through multi-byte characters too
    return [
        {"title": f"Paper {i} über Schätzung", "abstract": f"Abstract {i} — résumé " * 7} for i in range(n)
    ]


def test_jsonl_and_csv_are_read_in_chunks_with_the_same_records(tmp_path, monkeypatch):
    import csv as csvlib
    import gzip

    from paperkg.sources import base

    rows = _stream_rows(60)
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_bytes(b"\r\n".join(json.dumps(r, ensure_ascii=False).encode() for r in rows) + b"\r\n")
    gz = tmp_path / "b.jsonl.gz"  # two members with zero padding between them, as `cat a.gz b.gz` gives
    half = len(rows) // 2
    gz.write_bytes(
        gzip.compress("\n".join(json.dumps(r) for r in rows[:half]).encode() + b"\n")
        + b"\0" * 5
        + gzip.compress("\n".join(json.dumps(r) for r in rows[half:]).encode())
    )
    table = tmp_path / "c.csv"
    with table.open("w", newline="", encoding="utf-8") as fh:
        w = csvlib.DictWriter(fh, fieldnames=["title", "abstract"])
        w.writeheader()
        w.writerows(rows)
    whole = {p: _records(p)[0] for p in (jsonl, gz, table)}
    monkeypatch.setattr(base, "CHUNK", 7)
    for path, expected in whole.items():
        recs, issues = _records(path)
        assert not issues
        assert [(r.title, r.abstract, r.record) for r in recs] == [
            (r.title, r.abstract, r.record) for r in expected
        ]
        assert [r.title for r in recs] == [r["title"] for r in rows]


def test_truncated_gz_read_in_chunks_keeps_the_records_before_the_cut(tmp_path, monkeypatch):
    import gzip

    from paperkg.sources import base

    rows = _stream_rows(200)
    packed = gzip.compress("\n".join(json.dumps(r) for r in rows).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    monkeypatch.setattr(base, "CHUNK", 64)
    recs, issues = _records(path)
    assert 0 < len(recs) < len(rows)
    assert [r.title for r in recs] == [r["title"] for r in rows[: len(recs)]]
    assert "truncated .gz" in issues[-1].reason and f"the {len(recs)} record(s)" in issues[-1].reason
