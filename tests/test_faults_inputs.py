"""Fault injection, inputs: a generated corpus of bad records mixed with good ones (issue 10, cases 2,
3, 4 and 13). Every good record must come out as a paper, every bad one must be reported as one line
naming its file and record, and nothing may end in a traceback.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import ROOT
from paperkg.cli import main
from paperkg.export.graphml import read_graphml
from paperkg.export.nodelink import read_node_link
from paperkg.parse import MAX_ABSTRACT, PaperReader

ABSTRACT = (
    "We propose {name}, a method for image classification evaluated on ImageNet and CIFAR-10. "
    "{name} improves top-1 accuracy by 2.1 points over ResNet-50 while using fewer parameters."
)


def good(i: int, **extra: object) -> dict:
    """A valid paper record with a unique title."""
    name = f"Net{i}X"
    return {"title": f"Good Paper {i}: {name} for Vision", "abstract": ABSTRACT.format(name=name), **extra}


def _jsonl(rows: list[bytes]) -> bytes:
    return b"\n".join(rows) + b"\n"


def _dump(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def bad_corpus(folder: Path) -> tuple[set[str], dict[str, str]]:
    """Write the corpus; returns (titles that must come out, {file:record -> expected reason part})."""
    folder.mkdir(parents=True, exist_ok=True)
    titles: set[str] = set()
    bad: dict[str, str] = {}

    def ok(i: int, **extra: object) -> bytes:
        rec = good(i, **extra)
        titles.add(rec["title"])
        return _dump(rec)

    f = folder / "mixed.jsonl"
    rows = [
        ok(1),
        # case 2: a non-UTF-8 byte in authors and in venue
        _dump(good(900, authors=["Ann X"]))[:-1].replace(b"Ann X", b"Ann \xff X") + b"}",
        _dump(good(901, venue="ICML"))[:-1].replace(b"ICML", b"IC\xe9ML") + b"}",
        ok(2),
        # case 2: a lone surrogate escape, an integer over 4,300 digits, JSON nested 100,000 deep
        _dump(good(902)).replace(b"Good Paper 902", b"Good Paper \\ud800 902"),
        b'{"title": "Big", "abstract": "x", "n_authors": ' + b"9" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        ok(3),
        # case 4: raw line and paragraph separators inside strings stay inside their record
        ok(4, abstract=ABSTRACT.format(name="Sep4") + "\u2028Second\u2029line\u0085end."),
        # case 3: characters XML cannot hold, in the title
        ok(5, title="Good Paper 5: \ufffe\uffffNet5X"),
        # case 13: authors as an object
        ok(6, authors={"name": "Ada Lovelace"}),
        b"not json at all",
        b'"a string"',
        b'{"title": "no abstract here"}',
        ok(7, authors={"0": "Alan Turing", "1": "Grace Hopper"}),
    ]
    f.write_bytes(_jsonl(rows))
    titles.discard("Good Paper 5: \ufffe\uffffNet5X")
    titles.add("Good Paper 5: Net5X")
    for line, reason in {
        2: "authors: not valid UTF-8",
        3: "venue is not valid UTF-8",
        5: "title has a lone surrogate",
        6: "4300 digits",
        7: "nested too deeply",
        12: "invalid JSON",
        13: "expected a JSON object",
        14: "no abstract",
    }.items():
        bad[f"{f}:line {line}"] = reason

    # case 2: a text over 1,000,000 characters is cut, not dropped
    long = folder / "long.jsonl"
    long.write_bytes(_jsonl([ok(10, abstract=ABSTRACT.format(name="Long10") + " filler" * 200_000)]))

    # case 2: a truncated .gz and a corrupt .gz keep the records before the damage
    rows = b"".join(_dump(good(20 + i)) + b"\n" for i in range(40))
    packed = gzip.compress(rows)
    (folder / "truncated.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    corrupt = bytearray(gzip.compress(_dump(good(80)) + b"\n"))
    corrupt[len(corrupt) // 2] ^= 0xFF
    (folder / "corrupt.jsonl.gz").write_bytes(bytes(corrupt))
    bad[f"{folder / 'truncated.jsonl.gz'}:record"] = "record(s) before it were read"
    bad[f"{folder / 'corrupt.jsonl.gz'}:record"] = "record(s) before it were read"

    # case 13: a ;-separated .csv
    csv_path = folder / "semicolon.csv"
    rec = good(30)
    titles.add(rec["title"])
    csv_path.write_text(f'title;abstract;authors\n"{rec["title"]}";"{rec["abstract"]}";"Ann; Bob"\n')
    return titles, bad


def _truncated_part(folder: Path) -> tuple[set[str], int]:
    """Titles of the truncated archive written whole before the cut, and 1 when a cut line follows
    them (it is reported as invalid JSON), else 0."""
    data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress((folder / "truncated.jsonl.gz").read_bytes())
    *whole, cut = data.split(b"\n")
    return {json.loads(line)["title"] for line in whole}, int(bool(cut))


def test_every_good_record_comes_out_and_every_bad_one_is_reported(tmp_path):
    titles, bad = bad_corpus(tmp_path / "in")
    reader = PaperReader([str(tmp_path / "in")])
    papers = list(reader)
    got = {p.title for p in papers}
    complete, cut_line = _truncated_part(tmp_path / "in")
    assert 0 < len(complete) < 40
    assert titles | complete == got
    reported = [str(i) for i in reader.issues]
    for where, reason in bad.items():
        assert any(r.startswith(where) and reason in r for r in reported), (where, reason, reported)
    assert len(reader.issues) == len(bad) + cut_line
    long = next(p for p in papers if p.title.startswith("Good Paper 10"))
    assert len(long.abstract) <= MAX_ABSTRACT and long.abstract.startswith("We propose Long10")
    assert any("abstract cut from" in w for w in reader.warnings)
    sep = next(p for p in papers if p.title.startswith("Good Paper 4"))
    assert "Second line end." in sep.abstract  # separators folded to spaces, never a split record
    authors = {p.title: p.authors for p in papers}
    assert authors["Good Paper 6: Net6X for Vision"] == ["Ada Lovelace"]
    assert authors["Good Paper 7: Net7X for Vision"] == ["Alan Turing", "Grace Hopper"]


def test_the_build_writes_every_format_and_exits_3(tmp_path, capsys):
    titles, _ = bad_corpus(tmp_path / "in")
    out = tmp_path / "out"
    code = main(["build", str(tmp_path / "in"), "--out", str(out), "--formats", "json,graphml,gexf,csv,html"])
    err = capsys.readouterr().err
    assert code == 3
    assert all(line.startswith("paperkg: ") for line in err.splitlines()), err
    assert "Traceback" not in err
    for name in ("graph.json", "graph.graphml", "graph.gexf", "nodes.csv", "edges.csv", "graph.html"):
        assert (out / name).is_file()
    g = read_graphml(out / "graph.graphml")  # case 3: U+FFFE/U+FFFF never reach the XML
    assert "Good Paper 5: Net5X" in {d.get("title") for _, d in g.nodes(data=True)}
    j = read_node_link(out / "graph.json")
    complete, _ = _truncated_part(tmp_path / "in")
    assert {d["title"] for _, d in j.nodes(data=True) if d["label"] == "Paper"} == titles | complete


def test_line_numbers_stay_right_after_separators(tmp_path):
    """Case 4: U+2028 in line 1 must not shift the line number of a bad record on line 3."""
    path = tmp_path / "sep.jsonl"
    path.write_bytes(_jsonl([_dump(good(1, title="A\u2028B\u2029C\u0085D title")), _dump(good(2)), b"{oops"]))
    reader = PaperReader([str(path)])
    assert len(list(reader)) == 2
    assert [i.record for i in reader.issues] == ["line 3"]


def test_semicolon_csv_without_columns_gets_a_hint(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("name;text\na;b\n")
    reader = PaperReader([str(path)])
    assert list(reader) == []
    (issue,) = reader.issues
    assert "';'" in issue.reason and "no title/abstract columns" in issue.reason


def test_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    """Case 13: a folder that cannot be listed is named, the others are read."""
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "open").mkdir()
    (tmp_path / "in" / "open" / "a.jsonl").write_text(json.dumps(good(1)) + "\n")
    (tmp_path / "in" / "locked" / "b.jsonl").write_text(json.dumps(good(2)) + "\n")
    real = os.scandir
    locked = str(tmp_path / "in" / "locked")

    def scandir(path="."):
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    reader = PaperReader([str(tmp_path / "in")])
    assert [p.title for p in reader] == [good(1)["title"]]
    assert [str(i) for i in reader.issues] == [
        f"{locked}:folder: cannot read folder: Permission denied; its files are not included"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their permissions")
def test_unreadable_subfolder_for_real(tmp_path):
    locked = tmp_path / "in" / "locked"
    locked.mkdir(parents=True)
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps(good(1)) + "\n")
    locked.chmod(0)
    try:
        reader = PaperReader([str(tmp_path / "in")])
        assert len(list(reader)) == 1
        assert any("cannot read folder" in i.reason for i in reader.issues)
    finally:
        locked.chmod(0o755)


def test_generated_corpus_through_the_real_command_line(tmp_path):
    """The same corpus through ``python -m paperkg`` in a fresh process: exit 3, no traceback."""
    bad_corpus(tmp_path / "in")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "paperkg",
            "build",
            str(tmp_path / "in"),
            "--out",
            str(tmp_path / "o"),
            "--formats",
            "json,graphml",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    assert all(line.startswith("paperkg: ") for line in proc.stderr.splitlines()), proc.stderr


class _Exploding:
    """An extractor that fails on papers whose title says BOOM (a stand-in for an extractor bug)."""

    def __init__(self) -> None:
        from paperkg.extract import Extractor

        self.inner = Extractor()

    def extract(self, paper):
        if "BOOM" in paper.title:
            raise RuntimeError("component failed\non two lines")
        return self.inner.extract(paper)

    def extract_many(self, papers):
        for p in papers:
            yield self.extract(p)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_paper_the_extractor_fails_on_is_skipped_alone(tmp_path, monkeypatch, capsys, jobs):
    """Case 2: the guard reaches extraction: one paper's failure loses that paper only."""
    import paperkg.pipeline
    import paperkg.tables.partition

    monkeypatch.setattr(paperkg.pipeline, "Extractor", _Exploding)
    monkeypatch.setattr(paperkg.tables.partition, "Extractor", _Exploding)  # where builds extract
    src = tmp_path / "p.jsonl"
    rows = [good(1), good(2, title="BOOM Paper Two for Vision"), good(3)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    code = main(["build", str(src), "--out", str(tmp_path / "o"), "--formats", "json", "--jobs", str(jobs)])
    err = capsys.readouterr().err
    assert code == 3
    assert (
        f"paperkg: skipped {src}:line 2: extraction failed: RuntimeError: component failed on two lines\n"
        in err
    )
    titles = {d.get("title") for _, d in read_node_link(tmp_path / "o" / "graph.json").nodes(data=True)}
    assert {good(1)["title"], good(3)["title"]} <= titles and rows[1]["title"] not in titles


def test_extract_output_is_checked_first_and_written_whole(tmp_path, capsys, monkeypatch):
    import paperkg.pipeline

    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps(good(1)) + "\n")
    blocker = tmp_path / "file"
    blocker.write_text("x")

    def never(*args, **kwargs):
        raise AssertionError("extraction started before the output was checked")

    with monkeypatch.context() as m:
        m.setattr(paperkg.pipeline, "extract_papers", never)
        assert main(["extract", str(src), "-o", str(blocker / "pred.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("paperkg: error: cannot write") and err.count("\n") == 1
    assert main(["extract", str(src), "-o", str(tmp_path / "pred.jsonl")]) == 0
    assert json.loads((tmp_path / "pred.jsonl").read_text())["title"] == good(1)["title"]
    assert not list(tmp_path.glob(".pred.jsonl.tmp-*"))
