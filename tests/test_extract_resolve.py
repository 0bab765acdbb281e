"""Typing, filtering and resolution of mentions into entities."""

from __future__ import annotations

from paperkg.extract import Extractor
from paperkg.extract.rules import is_generic
from paperkg.models import EntityType, Paper
from paperkg.resolve import EntityRegistry, entity_key, name_key, resolve_paper


def _paper(title, abstract, pid="t:1"):
    return Paper(id=pid, title=title, abstract=abstract)


def _entities(title, abstract, registry=None):
    ex = Extractor()
    registry = registry or EntityRegistry()
    return resolve_paper(ex.extract(_paper(title, abstract)), registry)


def test_generic_families_are_filtered():
    for g in [
        "large language models",
        "LLMs",
        "deep neural networks",
        "Transformers",
        "diffusion models",
        "reinforcement learning",
    ]:
        assert is_generic(g), g
    assert not is_generic("OmniQuant") and not is_generic("BERT")
    ex = _entities(
        "On Scaling", "Large language models (LLMs) and deep neural networks (DNNs) are everywhere."
    )
    assert not [pe for pe in ex.entities if pe.entity.type is EntityType.METHOD]


def test_proposed_method_with_acronym_and_components():
    ex = _entities(
        "OmniQuant: Omnidirectionally Calibrated Quantization for Large Language Models",
        "We introduce an Omnidirectionally calibrated Quantization (OmniQuant) technique for LLMs. OmniQuant "
        "comprises two innovative components including Learnable Weight Clipping (LWC) and Learnable Equivalent "
        "Transformation (LET). Experiments on LLaMA-2 show it works. Codes are available at "
        "https://github.com/OpenGVLab/OmniQuant.",
    )
    methods = {pe.name: pe for pe in ex.entities if pe.entity.type is EntityType.METHOD}
    omni = next(pe for pe in methods.values() if "OmniQuant" in [pe.name, *pe.aliases])
    assert omni.proposed
    lwc = methods["Learnable Weight Clipping"]
    assert lwc.aliases == ["LWC"] and lwc.proposed
    assert "LLaMA-2" in methods and not methods["LLaMA-2"].proposed
    assert [r.key for r in ex.repositories] == ["github.com/OpenGVLab/OmniQuant"]
    for pe in ex.entities:
        for m in pe.mentions:
            assert ex.paper.text[m.start : m.end] == m.text


def test_datasets_metrics_tasks_found_and_typed():
    ex = _entities(
        "Transformer as Linear Expansion of Learngene",
        # results are stated after the abstract's opening sentence, as abstracts do
        "We expand a learngene linearly to initialise Transformers of varied depth. Extensive experiments on "
        "ImageNet-1K, iNat 2019 and CIFAR-100 show 2.1% higher top-1 accuracy for image classification.",
    )
    by_type = {}
    for pe in ex.entities:
        by_type.setdefault(pe.entity.type.value, set()).add(pe.name)
    assert {"ImageNet-1K", "CIFAR-100"} <= by_type["dataset"]
    assert any("accuracy" in m for m in by_type["metric"])
    assert "image classification" in by_type["task"]


def test_name_keys_merge_spelling_variants_but_not_versions():
    assert name_key("ImageNet-1K") == name_key("ImageNet 1k") == name_key("imagenet-1k")
    assert name_key("Random Forests") == name_key("random forest")
    assert name_key("ResNet-50") != name_key("ResNet-101")
    assert entity_key(EntityType.DATASET, "CIFAR-10") == "dataset:cifar10"


def test_registry_merges_across_papers_by_long_form_and_keeps_versions_apart():
    reg = EntityRegistry()
    a = reg.resolve(EntityType.METHOD, "Learnable Weight Clipping", ["LWC"], {"Learnable Weight Clipping"})
    b = reg.resolve(EntityType.METHOD, "learnable weight clipping", [], set())
    assert a.key == b.key == "method:learnable-weight-clipping" and a.aliases == ["LWC"]
    r50 = reg.resolve(EntityType.METHOD, "ResNet-50", [], set())
    r101 = reg.resolve(EntityType.METHOD, "ResNet-101", [], set())
    assert r50.key != r101.key
    # the same string typed as a dataset is a different node
    assert reg.resolve(EntityType.DATASET, "ResNet-50", [], set()).key == "dataset:resnet50"


def test_same_method_in_two_papers_is_one_entity():
    reg = EntityRegistry()
    e1 = _entities("Paper One", "Our model outperforms BERT and BioBERT on our data.", reg)
    e2 = _entities("Paper Two", "Compared with BERT, our approach is faster.", reg)
    k1 = {pe.entity.key for pe in e1.entities if pe.name == "BERT"}
    k2 = {pe.entity.key for pe in e2.entities if pe.name == "BERT"}
    assert k1 == k2 == {"method:bert"}


def test_at_most_five_tasks_title_first():
    ex = _entities(
        "Adaptive Early-Learning Correction for Segmentation from Noisy Annotations",
        "We study image classification, object detection, semantic segmentation, speech recognition, "
        "machine translation and question answering tasks.",
    )
    tasks = [pe.name for pe in ex.entities if pe.entity.type is EntityType.TASK]
    assert 1 <= len(tasks) <= 5
    title_words = set(ex.paper.title.lower().split())
    assert set(tasks[0].split()) <= title_words  # the title's task is listed first


def test_generic_acronym_short_forms_are_dropped_and_paradigms_become_tasks():
    ex = _entities(
        "IRCoCo: Immediate Rewards-Guided Deep Reinforcement Learning for Code Completion",
        "We use pre-trained language models (PTLMs) and deep reinforcement learning (DRL). PTLMs are large. "
        "DRL helps code completion.",
    )
    by_name = {pe.name: pe.entity.type.value for pe in ex.entities}
    assert "PTLMs" not in by_name and "PTLM" not in by_name
    assert "task" in {by_name.get("deep reinforcement learning"), by_name.get("reinforcement learning")}


def test_metric_words_need_a_result_context():
    ex = _entities(
        "On Forgetting", "We optimise the recall interval between sessions. Accuracy matters to users."
    )
    assert not [pe for pe in ex.entities if pe.entity.type is EntityType.METRIC]
    ex = _entities("On Forgetting", "Our method reaches 91.5% accuracy on CIFAR-10.")
    assert [pe.name for pe in ex.entities if pe.entity.type is EntityType.METRIC] == ["accuracy"]


def test_acronym_long_form_inside_a_longer_name_links_the_acronym():
    from paperkg.extract.candidates import find_candidates
    from paperkg.nlp import get_pipeline

    title = "Gaussian Adaptive Attention is All You Need"
    abstract = (
        "We propose the Multi-Head Gaussian Adaptive Attention Mechanism (GAAM), a novel probabilistic "
        "attention framework. GAAM integrates learnable mean and variance."
    )
    doc = get_pipeline()(f"{title}\n\n{abstract}")
    groups = [g for g in find_candidates(doc).groups if g.short_form == "GAAM"]
    assert len(groups) == 1 and groups[0].long_form == "Multi-Head Gaussian Adaptive Attention Mechanism"
    ex = _entities(title, abstract)
    assert not [pe for pe in ex.entities if pe.name == "Gaussian Adaptive Attention Mechanism"]
