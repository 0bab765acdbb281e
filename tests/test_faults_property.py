"""Property-based fault injection (hypothesis): arbitrary strings, bytes and JSON shapes thrown at the
readers. Whatever the file holds, reading never raises, every valid record comes out as a paper and
every invalid one is reported as an issue (issue 10)."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperkg.parse import PaperReader

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# any text, including surrogates, separators, controls and noncharacters
TEXT = st.text(st.characters(codec=None, categories=None), max_size=40)
JSON_LEAF = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT
JSON = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
# printable words so that a valid title survives cleaning and has letters
WORD = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=10)


@st.composite
def valid_record(draw, i: int) -> dict:
    """A record that must come out: a unique title, an abstract, and any extra fields of any shape
    (authors, venue and date may be anything; ids are plain so that no two records merge)."""
    extra = draw(st.dictionaries(st.sampled_from(["authors", "venue", "year", "url", "n_authors"]), JSON))
    extra = {k: v for k, v in extra.items() if not _has_surrogate(v)}
    title = f"Record {i} " + " ".join(draw(st.lists(WORD, min_size=1, max_size=4)))
    abstract = " ".join(draw(st.lists(TEXT, min_size=1, max_size=5))) + " abstract text"
    if _has_surrogate(abstract):
        abstract = abstract.encode("utf-8", "replace").decode("utf-8", "replace")
    return {**extra, "title": title, "abstract": abstract}


def _has_surrogate(value: object) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in json.dumps(value, ensure_ascii=False)) if value else False


INVALID_JSONL = st.one_of(
    # not an object
    JSON.filter(lambda v: not isinstance(v, dict)).map(lambda v: json.dumps(v).encode()),
    # an object with neither title nor abstract
    st.dictionaries(st.sampled_from(["name", "id", "x", "authors"]), JSON, max_size=3).map(
        lambda v: json.dumps(v).encode()
    ),
    # not JSON at all (one line, not blank)
    st.binary(min_size=1, max_size=60).filter(lambda b: _bad_json_line(b)),
)


def _bad_json_line(data: bytes) -> bool:
    """One line that is not blank (a BOM and Unicode spaces count as blank) and is not JSON."""
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "surrogateescape")
    if "\n" in text or "\r" in text or not text.strip():
        return False
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return True
    return False


def _read(name: str, data: bytes) -> PaperReader:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        reader = PaperReader([str(path)])
        reader.papers = list(reader)
    return reader


@SETTINGS
@given(st.data())
def test_jsonl_readers_keep_the_valid_and_report_the_invalid(data):
    n = data.draw(st.integers(1, 8))
    lines, valid, invalid = [], [], 0
    for i in range(n):
        if data.draw(st.booleans()):
            rec = data.draw(valid_record(i))
            valid.append(rec)
            lines.append(
                json.dumps(rec, ensure_ascii=data.draw(st.booleans())).encode("utf-8", "surrogatepass")
            )
        else:
            lines.append(data.draw(INVALID_JSONL))
            invalid += 1
    reader = _read("p.jsonl", b"\n".join(lines) + b"\n")
    titles = {p.title for p in reader.papers}
    assert {" ".join(r["title"].split()) for r in valid} == titles
    assert len(reader.issues) == invalid


@SETTINGS
@given(JSON)
def test_any_json_document_is_read_without_raising(doc):
    reader = _read("p.json", json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    for p in reader.papers:
        assert p.title and p.abstract
    if not reader.papers:
        assert reader.issues or doc in ([], {"papers": []})


@SETTINGS
@given(
    st.binary(max_size=400), st.sampled_from(["x.jsonl", "x.json", "x.csv", "x.txt", "x.xml", "x.jsonl.gz"])
)
def test_arbitrary_bytes_never_raise(blob, name):
    reader = _read(name, blob)
    assert all(p.title and p.abstract for p in reader.papers)


@SETTINGS
@given(st.lists(st.tuples(TEXT, TEXT), max_size=6), st.sampled_from([",", ";", "\t"]))
def test_csv_rows_of_any_text(rows, delimiter):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter)
    w.writerow(["title", "abstract"])
    w.writerows(rows)
    reader = _read("p.csv", buf.getvalue().encode("utf-8", "surrogatepass"))
    assert len(reader.papers) + len(reader.issues) + reader.duplicates == len(rows)
