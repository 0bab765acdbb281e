"""The shipped word lists: general names only, the guideline's non-entities, every list's source stated."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from paperkg.components.gazetteer import (
    GAZETTEER_TYPES,
    NONENTITY_CATEGORIES,
    load_gazetteer,
    load_nonentities,
)

FOLDER = resources.files("paperkg") / "data" / "gazetteers"


def _rows(name: str) -> list[dict[str, str]]:
    with (FOLDER / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _gazetteer_hits(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(doc[s:e].text, kind) for s, e, kind in doc._.gazetteer]


def test_nonentities_cover_the_guideline_categories():
    non = load_nonentities()
    assert set(non.values()) == set(NONENTITY_CATEGORIES)
    assert non["LiDAR"] == "sensor" and non["IMU"] == "sensor" and non["GPS"] == "sensor"
    assert non["UAVs"] == "vehicle" and non["NAO"] == "vehicle"
    assert non["A100"] == "hardware" and non["OpenAI"] == "organisation"
    assert non["DoF"] == "unit" and non["degrees of freedom"] == "unit"
    assert non["MATLAB"] == "software" and non["Python"] == "software"
    # measures reported as results and frameworks the guideline counts as methods are not non-entities
    for name in ("FLOPs", "latency", "PyTorch", "Microsoft Azure", "Hugging Face"):
        assert name not in non


def test_no_nonentity_is_listed_under_an_entity_type():
    non = {n.lower() for n in load_nonentities()}
    for kind in GAZETTEER_TYPES:
        clash = [n for n in load_gazetteer(kind) if n.lower() in non]
        assert clash == [], f"{kind}.tsv lists non-entities: {clash[:5]}"


def test_core_lists_are_well_formed_and_without_duplicates():
    for path in FOLDER.iterdir():
        if not path.name.endswith(".tsv"):
            continue
        rows = _rows(path.name)
        names = [r["name"] for r in rows]
        assert rows and all(names), path.name
        assert len(names) == len(set(names)), f"{path.name} repeats names"


def test_every_list_has_its_source_stated():
    sources = (FOLDER / "SOURCES.md").read_text(encoding="utf-8")
    for path in FOLDER.iterdir():
        if path.name.endswith(".tsv"):
            assert f"`{path.name}`" in sources, f"SOURCES.md does not say where {path.name} comes from"
    assert {r["source"] for r in _rows("core_nonentity.tsv")} == {"curated"}


@pytest.mark.parametrize(
    "sentence",
    [
        "We present techniques to measure crop heights using a 3D Light Detection and Ranging (LiDAR) "
        "sensor mounted on an Unmanned Aerial Vehicle (UAV).",
        "Important to this is reasoning about the alignment between the two types of imagery, as even when "
        "the measurements are taken with sophisticated GPS+IMU systems, this alignment is not sufficiently "
        "accurate.",
        "This article presents the mechatronic design of the autonomous humanoid robot called NAO that is "
        "built by the French company Aldebaran-Robotics.",
        "We also compare our solver with the standard QP algorithms in MATLAB and find better performance "
        "in fewer function evaluations.",
        "We show that in standard architectures, the representational capacity of the network tends to "
        "capture fewer degrees of freedom as the number of layers increases.",
    ],
)
def test_devices_units_and_software_are_not_gazetteer_entities(nlp, sentence):
    assert _gazetteer_hits(nlp, sentence) == []


def test_properties_are_not_listed_as_tasks_but_real_tasks_are(nlp):
    text = (
        "Meanwhile, the redundancy reduction based self-supervised loss is converted to an intrinsic reward "
        "to further improve generalization in RL via an auxiliary objective."
    )
    assert ("generalization", "task") not in _gazetteer_hits(nlp, text)
    hits = _gazetteer_hits(nlp, "We study domain generalization and few-shot learning on ImageNet.")
    assert {("domain generalization", "task"), ("few-shot learning", "task"), ("ImageNet", "dataset")} <= set(
        hits
    )


def test_ambiguous_acronyms_are_not_typed_by_the_lists(nlp):
    # "MAE" is mean absolute error here, never the masked autoencoder; "EM" is not typed at all
    hits = _gazetteer_hits(nlp, "Our model reduces the MAE by 12% and the EM algorithm converges faster.")
    assert ("MAE", "method") not in hits and ("EM", "metric") not in hits
