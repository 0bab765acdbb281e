"""The explorer's embedded graph data survives any text (issue 10, case 5).

``<!--<script>`` in a title once put the HTML parser into its "escaped script" state, so the data
element swallowed the app script and the page came up blank; ``</script>`` ended the data early.
"""

from __future__ import annotations

import json
import re

import pytest

from paperkg.export.html import script_json
from paperkg.pipeline import build

EVIL = ["<!--<script>", "</script><script>alert(1)</script>", "a & b <!-- c -->", "<\u2028\u2029>"]


def _data_element(page: str) -> str:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert m is not None
    return m.group(1)


@pytest.mark.parametrize("text", EVIL)
def test_script_json_has_no_markup_and_reads_back(text):
    payload = script_json({"title": text})
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert json.loads(payload) == {"title": text}


def test_explorer_page_keeps_its_app_script_for_hostile_titles(tmp_path):
    src = tmp_path / "papers.jsonl"
    rows = [
        {
            "title": f"{t} A Study of Things",
            "abstract": f"We propose FooNet {t}, a method evaluated on ImageNet.",
        }
        for t in EVIL
    ]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    build([str(src)], out=tmp_path / "out", formats=["html"])
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    data = _data_element(page)
    # inside script data only "</script" ends the element and "<!--" starts the escaped state
    assert "<" not in data
    titles = set(json.loads(data)["nodes"]["name"])
    for r in rows:
        assert " ".join(r["title"].split()) in titles  # parse folds line separators to spaces
    # the app script still follows the data element, intact
    assert page.index('id="graph-data"') < page.index("JSON.parse(document.getElementById")
