"""Fault injection, outputs: interrupted, killed and concurrent builds, a full disk, a read-only or
unusable output folder and a corrupt extraction cache (issue 10, cases 1, 7, 8 and 11).

A build's files are complete or absent: each is renamed into place only when whole, the manifest
(`.paperkg-build.json`, size and SHA-256 of every file) is written last, and "up to date" is claimed
only when every file still matches it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT
from paperkg import export as export_pkg
from paperkg import pipeline
from paperkg.atomic import OutputError, OutputLock, atomic_file, matches
from paperkg.cli import main
from paperkg.export import _io as io_module
from paperkg.export.graphml import read_graphml
from paperkg.export.nodelink import read_node_link
from paperkg.pipeline import MANIFEST, build
from test_faults_inputs import good


def _inputs(folder: Path, start: int, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"papers_{start}.jsonl"
    path.write_text("".join(json.dumps(good(i)) + "\n" for i in range(start, start + n)), encoding="utf-8")
    return path


def _command(inputs: Path, out: Path, formats: str) -> tuple[list[str], dict[str, str]]:
    """``python -m paperkg build`` in a fresh process, with this checkout's sources."""
    cmd = [
        sys.executable,
        "-m",
        "paperkg",
        "build",
        str(inputs),
        "--out",
        str(out),
        "--formats",
        formats,
        "-q",
    ]
    return cmd, {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _papers_in(out: Path) -> int:
    g = read_node_link(out / "graph.json")
    return sum(1 for _, d in g.nodes(data=True) if d["label"] == "Paper")


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob(".*.tmp-*")]


def _consistent(out: Path, killed: bool = False) -> None:
    """Whatever state a build left: final names hold whole files, and a manifest matches its files
    (a killed build may leave a temporary file; the next build removes it)."""
    assert killed or _no_temp_files(out)
    if (out / "graph.json").exists():
        read_node_link(out / "graph.json")
    if (out / "graph.graphml").exists():
        read_graphml(out / "graph.graphml")
    if (out / MANIFEST).exists():
        record = json.loads((out / MANIFEST).read_text())
        assert all(matches(f) for f in record["files"])


def test_interrupted_larger_build_is_not_reported_up_to_date(tmp_path, monkeypatch):
    """Case 1: build A; start A+B and stop it after graph.json; build A again -> A's files, not B's."""
    a = _inputs(tmp_path / "in", 0, 5)
    b = _inputs(tmp_path / "in", 100, 3)
    out, cache = tmp_path / "out", tmp_path / "out" / ".cache"
    formats = ["json", "graphml"]
    first = build([str(a)], out=out, formats=formats, cache_dir=cache)
    assert _papers_in(out) == 5

    real = export_pkg.FILE_FORMATS["graphml"]

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setitem(export_pkg.FILE_FORMATS, "graphml", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build([str(a), str(b)], out=out, formats=formats, cache_dir=cache)
    assert _papers_in(out) == 8  # graph.json of the interrupted build was written whole
    assert not (out / MANIFEST).exists()  # ... but the folder no longer claims a finished build
    monkeypatch.setitem(export_pkg.FILE_FORMATS, "graphml", real)

    again = build([str(a)], out=out, formats=formats, cache_dir=cache)
    assert not again.up_to_date
    assert _papers_in(out) == 5
    assert again.summary == first.summary
    assert build([str(a)], out=out, formats=formats, cache_dir=cache).up_to_date


def test_a_changed_file_is_not_up_to_date(tmp_path):
    """Case 1: "up to date" checks every file's size and hash, not only that it exists."""
    a = _inputs(tmp_path / "in", 0, 3)
    out = tmp_path / "out"
    build([str(a)], out=out, formats=["json", "csv"], cache_dir=out / ".cache")
    with open(out / "edges.csv", "r+b") as fh:  # same size, one byte different
        fh.seek(5)
        byte = fh.read(1)
        fh.seek(5)
        fh.write(b"X" if byte != b"X" else b"Y")
    again = build([str(a)], out=out, formats=["json", "csv"], cache_dir=out / ".cache")
    assert not again.up_to_date
    _consistent(out)


def test_killed_builds_leave_whole_files_or_none(tmp_path):
    """Case 1: a build killed (SIGKILL) at a random moment never leaves a half-written file under a
    final name, and never a manifest that does not match."""
    inputs = _inputs(tmp_path / "in", 0, 150)
    out = tmp_path / "out"
    cmd, env = _command(inputs, out, "json,graphml,gexf,csv")
    rng = random.Random(10)
    for _ in range(2):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.5, 5.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _consistent(out, killed=True)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    _consistent(out)
    assert (out / MANIFEST).exists() and _papers_in(out) == 150


def test_concurrent_builds_wait_for_each_other(tmp_path):
    """Case 1: two builds into one folder at once: both succeed, one after the other, files valid."""
    inputs = _inputs(tmp_path / "in", 0, 60)
    out = tmp_path / "out"
    cmd, env = _command(inputs, out, "json,graphml")
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    _consistent(out)
    assert _papers_in(out) == 60


def test_second_build_refuses_or_waits_while_the_folder_is_locked(tmp_path, capsys):
    inputs = _inputs(tmp_path / "in", 0, 2)
    out = tmp_path / "out"
    with OutputLock(out):
        code = main(["build", str(inputs), "--out", str(out), "--formats", "json", "--no-wait"])
        err = capsys.readouterr().err
        assert code == 1
        assert err.count("\n") == 1 and "another paperkg build" in err and str(out) in err
        assert not (out / "graph.json").exists()

    lock = OutputLock(out).__enter__()
    threading.Timer(1.0, lock.__exit__).start()
    code = main(["build", str(inputs), "--out", str(out), "--formats", "json"])
    err = capsys.readouterr().err
    assert code == 0 and "waiting for another paperkg build" in err
    assert (out / "graph.json").is_file()


def _mount_tmpfs(path: Path, options: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
    return proc.returncode == 0


def _unmount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)


class _FullDisk:
    """A file proxy whose writes fail as on a full disk."""

    def __init__(self, fh):
        self.fh = fh

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.fh, name)


def test_full_disk_is_one_line_and_leaves_no_partial_file(tmp_path, capsys, monkeypatch):
    """Case 8: a 1 MiB tmpfs with 64 KiB free (or, where mounting is not allowed, a writer that
    hits ENOSPC)."""
    inputs = _inputs(tmp_path / "in", 0, 40)
    small = tmp_path / "small"
    mounted = _mount_tmpfs(small, "size=1m")
    try:
        out = small / "out"
        if mounted:
            (small / "ballast").write_bytes(b"\0" * (1024 * 1024 - 64 * 1024))
        else:
            real = io_module.atomic_file

            @contextlib.contextmanager
            def full(path, mode="w"):
                with real(path, mode) as fh:
                    yield _FullDisk(fh)

            monkeypatch.setattr(io_module, "atomic_file", full)
        code = main(["build", str(inputs), "--out", str(out), "--formats", "json,graphml,gexf", "--no-cache"])
        err = capsys.readouterr().err
        assert code == 1
        assert err.count("\n") == 1 and "no space left" in err and "Traceback" not in err
        _consistent(out)
        assert not (out / MANIFEST).exists()
    finally:
        if mounted:
            _unmount(small)


def test_read_only_output_fails_before_extraction(tmp_path, capsys, monkeypatch):
    """Case 8: with --no-cache an unwritable --out is reported before any paper is extracted."""
    inputs = _inputs(tmp_path / "in", 0, 3)

    def never(*args, **kwargs):
        raise AssertionError("extraction started before the output folder was checked")

    monkeypatch.setattr(pipeline, "extract_papers", never)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["build", str(inputs), "--out", str(blocker / "out"), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and str(blocker) in err

    ro = tmp_path / "ro"
    if _mount_tmpfs(ro, "size=1m,ro"):
        try:
            code = main(["build", str(inputs), "--out", str(ro / "out"), "--no-cache"])
            err = capsys.readouterr().err
            assert code == 1 and err.count("\n") == 1 and "read-only" in err
        finally:
            _unmount(ro)


def test_unknown_format_is_rejected_before_any_work(tmp_path, capsys):
    """Case 11: exit 2, nothing written."""
    inputs = _inputs(tmp_path / "in", 0, 2)
    with pytest.raises(SystemExit) as exc:
        main(["build", str(inputs), "--out", str(tmp_path / "out"), "--formats", "json,htm"])
    assert exc.value.code == 2
    assert "unknown export format 'htm'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("damage", ["truncate", "random", "bad_row", "bad_json"])
def test_corrupt_cache_is_set_aside_and_rebuilt(tmp_path, capsys, damage):
    """Case 7: the build warns, extracts again and gives the same graph as a clean build."""
    inputs = _inputs(tmp_path / "in", 0, 6)
    out = tmp_path / "out"
    clean = build([str(inputs)], out=None)
    build([str(inputs)], out=out, formats=["json"], cache_dir=out / ".cache")
    db = out / ".cache" / "extractions.sqlite"
    if damage == "truncate":
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 3])
    elif damage == "random":
        db.write_bytes(random.Random(1).randbytes(20_000))
    else:
        con = sqlite3.connect(db)
        value = '{"m": [{"type": "method"}], "a": [], "r": [], "x": []}' if damage == "bad_row" else "{oops"
        con.execute("UPDATE extractions SET data = ?", (value,))
        con.commit()
        con.close()
    (out / MANIFEST).unlink()  # force the build past the up-to-date check
    code = main(["build", str(inputs), "--out", str(out), "--formats", "json"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "paperkg: warning: extraction cache" in err and "Traceback" not in err
    back = read_node_link(out / "graph.json")
    assert sorted(back.nodes) == sorted(clean.graph.nodes)
    assert back.number_of_edges() == clean.graph.number_of_edges()
    again = build([str(inputs)], out=out, formats=["json"], cache_dir=out / ".cache")
    assert again.up_to_date or again.cached == 6


def test_atomic_file_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_file(target) as fh:
        fh.write("new, half")
        raise RuntimeError("boom")
    assert target.read_text() == "old" and _no_temp_files(tmp_path)
    with pytest.raises(OutputError, match="is a folder"), atomic_file(tmp_path) as fh:
        fh.write("x")


def test_a_killed_writers_temporary_file_is_removed_by_the_next_build(tmp_path):
    inputs = _inputs(tmp_path / "in", 0, 2)
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".graph.json.tmp-99999-abcd1234"
    stale.write_text('{"half": ')
    build([str(inputs)], out=out, formats=["json"])
    assert not stale.exists() and _no_temp_files(out)
    _consistent(out)
