"""The learned extractor on real sentences: candidates, decisions, negatives, and the model file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperkg.extract import Extractor
from paperkg.extract.candidates import citation_mask, find_candidates
from paperkg.extract.model import DecisionModel, load_model, shipped_model_path
from paperkg.models import EntityType, Paper
from paperkg.names import match_key, name_key
from paperkg.nlp import get_pipeline
from paperkg.resolve import EntityRegistry, resolve_paper

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _entities(title: str, abstract: str) -> dict[str, str]:
    ex = resolve_paper(Extractor().extract(Paper(id="t:1", title=title, abstract=abstract)), EntityRegistry())
    out = {}
    for pe in ex.entities:
        for n in [pe.name, *pe.aliases]:
            out[n] = pe.entity.type.value
    return out


def test_proposed_method_datasets_baseline_and_metric():
    title = "SparseFormer: Sparse Visual Recognition"
    abstract = (
        "We propose SparseFormer, a novel vision transformer that attends to few tokens. Experiments on "
        "ImageNet and CIFAR-100 show that SparseFormer outperforms ResNet-50 and DeiT in top-1 accuracy."
    )
    ex = resolve_paper(Extractor().extract(Paper(id="t:1", title=title, abstract=abstract)), EntityRegistry())
    by_name = {pe.name: pe for pe in ex.entities}
    assert by_name["SparseFormer"].entity.type is EntityType.METHOD and by_name["SparseFormer"].proposed
    assert by_name["ImageNet"].entity.type is EntityType.DATASET
    assert by_name["CIFAR-100"].entity.type is EntityType.DATASET
    assert by_name["ResNet-50"].entity.type is EntityType.METHOD and not by_name["ResNet-50"].proposed
    assert any(pe.entity.type is EntityType.METRIC and "accuracy" in pe.name for pe in ex.entities)
    for pe in ex.entities:
        for m in pe.mentions:
            assert ex.paper.text[m.start : m.end] == m.text


def test_acronym_and_long_form_are_one_entity():
    ents = _entities(
        "Learning to Rank",
        "We introduce Contrastive Ranking Distillation (CRD), a new training method. CRD improves NDCG on "
        "MS MARCO.",
    )
    assert ents.get("Contrastive Ranking Distillation") == ents.get("CRD") == "method"


def test_citation_authors_are_not_candidates():
    doc = get_pipeline()(
        "Digits\n\nWe use MNIST (LeCun, Cortes, and Burges, 2010) and the muParam (Yang et al., 2022)."
    )
    cited = {t.text for t, c in zip(doc, citation_mask(doc), strict=True) if c}
    assert {"LeCun", "Cortes", "Burges", "Yang"} <= cited and "MNIST" not in cited
    texts = {doc[s:e].text for g in find_candidates(doc).groups for s, e in g.spans}
    assert not texts & {"LeCun", "Cortes", "Burges", "LeCun, Cortes"}
    ents = _entities("Digits", "We train on MNIST (LeCun, Cortes, and Burges, 2010) with a small CNN.")
    assert not {"LeCun", "Cortes", "Burges"} & set(ents)


def test_year_in_parentheses_without_authors_is_not_a_citation():
    doc = get_pipeline()("T\n\nWe evaluate on MS-COCO (COCO 2017).")
    assert not any(citation_mask(doc))


@pytest.mark.parametrize(
    ("title", "abstract", "never"),
    [
        (
            "Mapping with Robots",
            "We fuse LiDAR and camera data on a robot arm with six degrees of freedom (DoF). The 7-DoF arm "
            "and the UAVs are controlled by our planner.",
            {"LiDAR", "DoF", "degrees of freedom", "UAVs", "7-DoF"},
        ),
        (
            "Memory",
            "We model long-term dependencies and long-term memory in sequences with an LSTM.",
            {"long-term", "long"},
        ),
        (
            "Tagging",
            "Our tagger marks named entities in clinical notes and reaches 91.2 F1 on i2b2.",
            {"named entities", "named entity"},
        ),
        (
            "Cloud Training",
            "We train on NVIDIA A100 GPUs with code written in Python and MATLAB at OpenAI.",
            {"A100", "GPUs", "Python", "MATLAB", "OpenAI", "NVIDIA"},
        ),
    ],
)
def test_non_entities_never_become_entities(title, abstract, never):
    ents = _entities(title, abstract)
    found = {n for n, kind in ents.items() if kind != "task"} | set(ents)
    assert not {match_key(n) for n in found} & {match_key(n) for n in never}, ents


def test_at_most_five_tasks_without_near_duplicates():
    ex = resolve_paper(
        Extractor().extract(
            Paper(
                id="t:1",
                title="Semantic Segmentation from Noisy Annotations",
                abstract="We study image classification, object detection, semantic segmentation, speech "
                "recognition, machine translation and question answering tasks.",
            )
        ),
        EntityRegistry(),
    )
    tasks = [pe.name for pe in ex.entities if pe.entity.type is EntityType.TASK]
    assert 1 <= len(tasks) <= 5
    keys = [name_key(t) for t in tasks]
    assert len(keys) == len(set(keys))


def test_shipped_model_loads_and_round_trips():
    model = load_model()
    text = shipped_model_path().read_text(encoding="utf-8")
    assert DecisionModel.from_json(json.loads(text)).dumps() == text
    assert len(model.type.index) > 1000 and 0 < model.task_threshold < 1 and model.max_tasks == 5


@pytest.mark.skipif(
    not (EVAL / "train_gold.jsonl").exists(), reason="needs ../shared/eval (the annotated data)"
)
def test_training_from_the_data_reproduces_the_shipped_model():
    pytest.importorskip("sklearn")
    from paperkg.extract.train import train

    model = train(EVAL / "train_papers.jsonl", EVAL / "train_gold.jsonl")
    shipped = json.loads(shipped_model_path().read_text(encoding="utf-8"))
    fresh = json.loads(model.dumps())
    assert fresh["params"] == shipped["params"]
    for part in ("type", "proposed"):
        a, b = fresh[part], shipped[part]
        assert a["features"] == b["features"], part
        diff = max(
            abs(x - y)
            for ra, rb in zip(a["weights"], b["weights"], strict=True)
            for x, y in zip(ra, rb, strict=True)
        )
        assert diff <= 0.002, (part, diff)


def test_registry_bare_acronym_joins_its_definition_in_either_order():
    from paperkg.resolve import EntityRegistry as Registry

    reg = Registry()
    bare_first = reg.resolve(EntityType.METHOD, "SVM", [], set())
    defined = reg.resolve(EntityType.METHOD, "support vector machines", ["SVM"], {"support vector machines"})
    later = reg.resolve(EntityType.METHOD, "SVM", [], set())
    assert bare_first.key == defined.key == later.key
    reg2 = Registry()
    d = reg2.resolve(EntityType.METHOD, "support vector machine", ["SVM"], {"support vector machine"})
    assert reg2.resolve(EntityType.METHOD, "SVM", [], set()).key == d.key
    assert reg2.resolve(EntityType.METHOD, "Support Vector Machines", [], set()).key == d.key
    # another paper's different definition of the same letters stays apart
    other = reg2.resolve(
        EntityType.METHOD, "stochastic variational method", ["SVM"], {"stochastic variational method"}
    )
    assert other.key != d.key


def test_plural_case_and_punctuation_variants_are_one_entity():
    reg = EntityRegistry()
    keys = {
        reg.resolve(EntityType.METHOD, n, [], set()).key
        for n in ("Gaussian process", "Gaussian processes", "gaussian-process", "Gaussian Processes")
    }
    assert len(keys) == 1
    assert name_key("losses") == name_key("loss") and name_key("strategies") == name_key("strategy")


def test_one_name_one_type_across_papers_by_vote():
    reg = EntityRegistry()
    assert reg.vote(EntityType.DATASET, ["Atari"]) is EntityType.DATASET
    assert reg.vote(EntityType.BENCHMARK, ["Atari"]) is EntityType.DATASET  # tie: the earlier majority holds
    assert reg.vote(EntityType.BENCHMARK, ["Atari"]) is EntityType.BENCHMARK  # 2 benchmark votes to 1
    assert reg.vote(EntityType.DATASET, ["Atari 2600", "Atari"]) is EntityType.BENCHMARK


def test_spelling_variants_of_a_name_are_one_entity():
    reg = EntityRegistry()
    for group in (
        ("U-Net", "UNet"),
        ("Mask R-CNN", "Mask RCNN", "MaskRCNN"),
        ("support vector machine", "support vec- tor machines"),
        ("Kullback-Leibler", "Kullback–Leibler"),
    ):
        assert len({reg.resolve(EntityType.METHOD, n, [], set()).key for n in group}) == 1, group
    assert (
        reg.resolve(EntityType.METHOD, "ResNet-50", [], set()).key
        != reg.resolve(EntityType.METHOD, "ResNet-101", [], set()).key
    )


def test_the_kind_noun_after_a_coined_name_types_it():
    # "X, a benchmark for ..." and "X, a dataset of ..." type a name nobody has seen before
    ents = _entities(
        "Unlearning in Multimodal Models",
        "Machine unlearning removes harmful knowledge from trained models. We introduce ToxiClean, a "
        "benchmark for safety unlearning in multimodal large language models, with 3,000 images. Experiments "
        "with LLaVA-7B show that our method reduces over-forgetting by 79.5%.",
    )
    assert ents.get("ToxiClean") in ("benchmark", "dataset") and ents.get("LLaVA-7B") == "method"
    ents = _entities(
        "Rice Disease Recognition",
        "Rice leaf diseases reduce yields. We collect PaddyLeaf4, a dataset of 1,555 images of rice leaves "
        "with four diseases, and fine-tune ResNet50 and MobileNet on it. ResNet50 reaches an accuracy of "
        "97.2% on the test split.",
    )
    assert ents.get("PaddyLeaf4") == "dataset" and ents.get("MobileNet") == "method"
    assert ents.get("accuracy") == "metric"  # a stated result: "an accuracy of 97.2%"


def _name_candidates(text: str) -> set[str]:
    doc = get_pipeline()(text)
    cands = find_candidates(doc)
    return {doc[g.spans[0][0] : g.spans[0][1]].text for g in cands.groups if "name" in g.sources}


def test_name_candidates_keep_variant_and_size_suffixes_and_single_letter_names():
    names = _name_candidates(
        "We fine-tuned GPT-4o-mini and Llama-3.2-1B, and compare two U-net models with Q-learning, "
        "K-means and DistilRoBERTa-base."
    )
    assert {"GPT-4o-mini", "Llama-3.2-1B", "U-net", "Q-learning", "K-means", "DistilRoBERTa-base"} <= names
    # a plain word after a hyphen stays out: no "GPT-4-based", no "Transformer-based"
    names = _name_candidates("Our GPT-4-based agent and a Transformer-based encoder keep long-term memory.")
    assert not {"GPT-4-based", "Transformer-based", "long-term"} & names


def test_a_measure_before_an_improvement_word_is_a_candidate():
    doc = get_pipeline()("We report relative average precision improvements of 21.7% on the test set.")
    keys = {g.key for g in find_candidates(doc).groups}
    assert "average precision" in keys


def test_a_sentence_opening_word_and_a_score_stay_out_of_names():
    paper = Paper(
        id="t:1",
        title="Fast Detectors",
        abstract="We train detectors. Since LR-SGD converges fast, we use it. ResNet-50 reaches 37.7 mAP and "
        "Wav2Vec 2.0 transcribes.",
    )
    names = _name_candidates(paper.text)
    assert {"LR-SGD", "ResNet-50", "Wav2Vec 2.0"} <= names
    assert not {"Since LR-SGD", "ResNet-50 37.7", "ResNet-50 37.7 mAP"} & names
    assert "Segment Anything" in _name_candidates("We study masks. Segment Anything is strong.")


def test_an_unknown_name_listed_among_known_models_is_a_method():
    ents = _entities(
        "Leaf Disease Classification",
        "Plant diseases cut yields. We fine-tune ResNet18, Quorvex and VGG19 on leaf images and report an "
        "accuracy of 96.1%.",
    )
    assert ents.get("Quorvex") == "method" and ents.get("VGG19") == "method"


def test_generic_families_are_recognised_by_the_one_name_key():
    from paperkg.extract.rules import is_generic

    for family in ("LLMs", "Large Language Models", "deep neural networks", "Diffusion-Models", "ViTs"):
        assert is_generic(family), family
    for name in ("OmniQuant", "BERT", "cyclical curriculum learning"):
        assert not is_generic(name), name
