"""Paper identity and de-duplication."""

from __future__ import annotations

import json

from conftest import SEEDS
from paperkg.parse import PaperReader, normalise_title, paper_id
from paperkg.sources.base import RawRecord


def _raw(**kw):
    return RawRecord(file="f", record="r", title=kw.pop("title", "A Title"), abstract="x", **kw)


def test_ids_prefer_arxiv_then_doi_then_title():
    assert paper_id(_raw(arxiv_id="2308.13137v2")) == "arxiv:2308.13137"
    assert paper_id(_raw(url="https://huggingface.co/papers/2401.01234")) == "arxiv:2401.01234"
    assert paper_id(_raw(url="https://arxiv.org/abs/hep-th/9901001v1")) == "arxiv:hep-th/9901001"
    assert paper_id(_raw(doi="10.1145/3292500.3330701")) == "doi:10.1145/3292500.3330701"
    a = paper_id(_raw(title="OmniQuant: Omnidirectionally Calibrated Quantization"))
    b = paper_id(_raw(title="  omniquant -- OMNIDIRECTIONALLY calibrated   quantization "))
    assert a == b and a.startswith("t:") and len(a) == 18


def test_normalise_title_folds_case_accents_and_punctuation():
    assert normalise_title("Café: A   Study!") == "cafe a study"


def test_seed_pages_repeat_papers_and_each_becomes_one(seed_papers):
    reader = PaperReader([str(SEEDS)])
    papers = list(reader)
    assert reader.duplicates > 40
    assert len({p.id for p in papers}) == len(papers) == len(seed_papers)
    assert len({normalise_title(p.title) for p in papers}) == len(papers)


def test_duplicate_is_dropped_and_the_first_sighting_kept(tmp_path):
    path = tmp_path / "p.jsonl"
    rows = [
        {"title": "Same Paper", "abstract": "abc"},
        {"title": "same  paper", "abstract": "abc", "date": "2024-01-02"},
        {"title": "Another", "abstract": "x", "id": "arXiv:2401.00001"},
        {"title": "Another, renamed", "abstract": "y", "url": "https://arxiv.org/abs/2401.00001"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    reader = PaperReader([str(path)])
    papers = list(reader)
    assert [p.title for p in papers] == ["Same Paper", "Another"]
    assert reader.duplicates == 2 and papers[0].date is None


def test_control_characters_are_removed_so_xml_exports_stay_valid(tmp_path):
    from paperkg.export.graphml import read_graphml, write_graphml
    from paperkg.pipeline import build

    path = tmp_path / "p.jsonl"
    path.write_text(
        json.dumps(
            {
                "title": "Bad\x0bTitle",
                "abstract": "An abstract\x00 with\x1f controls.",
                "authors": ["A\x07 Person"],
            }
        )
    )
    (paper,) = list(PaperReader([str(path)]))
    assert paper.title == "BadTitle" and paper.abstract == "An abstract with controls."
    assert paper.authors == ["A Person"]
    g = build([str(path)], out=None).graph
    write_graphml(g, tmp_path / "g.graphml")
    assert read_graphml(tmp_path / "g.graphml").number_of_nodes() == g.number_of_nodes()
