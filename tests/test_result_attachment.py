"""What a stated result attaches to (metric, dataset, method, baseline), on real abstract sentences,
including the wrong rows a reader found on full-corpus leaderboards."""

from __future__ import annotations

from paperkg.extract import Extractor
from paperkg.models import Paper
from paperkg.results.context import Target, metric_shaped, name_shaped

LOKI = (
    "Empirically, using easily-available external metrics, our proposed approach, Loki, gains up to 29.7% "
    "relative improvement over SimCLR on ImageNet and scales to hundreds of thousands of classes. When no such "
    "metric is available, Loki can use self-derived metrics from class embeddings and obtains a 10.5% "
    "improvement on pretrained zero-shot models such as CLIP."
)


def _results(abstract: str, title: str = "A Paper"):
    return Extractor().extract(Paper(id="t:x", title=title, abstract=abstract)).results


def test_a_gain_on_something_else_is_not_filed_under_the_papers_dataset():
    first, second = _results(LOKI, title="Loki: Open-set Learning with Metric Spaces")
    assert (first.value_text, first.kind, first.dataset, first.compared_to) == (
        "29.7%",
        "improvement",
        "ImageNet",
        "SimCLR",
    )
    assert (second.value_text, second.kind, second.method) == ("10.5%", "improvement", "Loki")
    assert second.dataset != "ImageNet"  # measured on zero-shot models such as CLIP
    # change words and verbs are not metrics
    assert first.metric != "relative improvement" and second.metric not in {"obtains", "improvement"}


def test_e_g_and_baselines_are_neither_metric_nor_method():
    (r,) = _results(
        "We elaborate how the method can be applied for obtaining unsupervised representations of text and "
        "illustrate the performance on tasks such as measuring sentence similarity, word entailment and "
        "similarity, where we empirically observe significant gains (e.g., 4.1% relative improvement over "
        "Sent2vec, GenSen)."
    )
    assert r.kind == "improvement" and r.compared_to == "Sent2vec"
    assert r.method != "GenSen"  # a second baseline after "over", not the method that gained
    assert r.metric is None or "e.g" not in r.metric
    rs = _results(
        "We propose sense finetuning, which selects and finetunes a few (approx 10) sense vectors for each "
        "canonical example, and find that it outperforms other finetuning methods, e.g., 4.8% improvement vs "
        "0.3%."
    )
    assert [r.value_text for r in rs] == ["4.8%", "0.3%"]
    assert all(r.metric is None or "e.g" not in r.metric for r in rs)


def test_a_list_of_numbers_shares_the_metric_named_before_it():
    rs = _results(
        "The test on the MIT dataset shows that the FPNN model achieves outstanding predictive accuracy in "
        "EPBL tasks, with MAPEs of 2.47%, 1.29%, 1.08%, and 0.88% when the input cyclic data volumes are 10, "
        "20, 30, and 40, respectively."
    )
    listed = [r for r in rs if r.value_text in {"2.47%", "1.29%", "1.08%", "0.88%"}]
    assert len(listed) == 4 and len({r.metric for r in listed}) == 1
    rs = _results(
        "Results indicate that Gaussian Naive Bayes and RusBoost classifiers shows an optimal performance, "
        "achieving accuracies of up to 76.46% and 72.48% respectively on the ADNI dataset."
    )
    assert [(r.value_text, r.metric, r.dataset) for r in rs] == [
        ("76.46%", "accuracies", "ADNI"),
        ("72.48%", "accuracies", "ADNI"),  # not "respectively"
    ]


def test_each_dataset_of_a_list_and_the_metric_named_once():
    rs = _results(
        "In particular, we achieve the state-of-the-art results of 3.06% error rate on CIFAR10 and 16.90% on "
        "CIFAR100, using off-the-shelf network architectures (Wide ResNets)."
    )
    assert [(r.value_text, r.metric, r.dataset) for r in rs] == [
        ("3.06%", "error rate", "CIFAR10"),
        ("16.90%", "error rate", "CIFAR100"),
    ]
    rs = _results(
        "Experimental evaluation shows that we outperform state-of-the-art methods by large margins, in "
        "particular +26.6% on CIFAR10, +25.0% on CIFAR100-20 and +21.3% on STL10 in terms of classification "
        "accuracy."
    )
    assert [(r.kind, r.dataset) for r in rs] == [
        ("improvement", "CIFAR10"),
        ("improvement", "CIFAR100-20"),
        ("improvement", "STL10"),
    ]
    assert {r.metric for r in rs} == {"classification accuracy"}


def test_a_dataset_is_a_name_not_a_fragment():
    assert not name_shaped("of Imaging Studies 3") and not name_shaped("and COCO")
    assert name_shaped("Open Access Series of Imaging Studies 3") and name_shaped("nuScenes")
    rs = _results(
        "The research utilizes MRI data from the Alzheimer's Disease Neuroinformatics Initiative (ADNI) and the "
        "Open Access Series of Imaging Studies 3 (OASIS-3), focusing on both HC and uHC participants. Results "
        "indicate that Gaussian Naive Bayes and RusBoost classifiers shows an optimal performance, achieving "
        "accuracies of up to 76.46% and 72.48% respectively on the ADNI dataset."
    )
    assert rs and all(r.dataset is None or name_shaped(r.dataset) for r in rs)


def test_a_metric_is_metric_shaped():
    def shaped(text: str) -> bool:
        return metric_shaped(Target(text, 0, len(text), "after", "metric"), [])

    assert (
        shaped("win rates") and shaped("BLEU") and shaped("top-1 accuracy") and shaped("CIFAR-100 accuracy")
    )
    for wrong in (
        "CIFAR-100",
        "ResNet-18",
        "relative improvement",
        "e.g",
        "respectively",
        "obtains",
        "(most",
    ):
        assert not shaped(wrong), wrong


def test_our_method_achieves_goes_to_the_proposed_method_and_from_a_to_b_gives_the_baseline():
    rs = _results(
        "We propose BB8, a novel method for 3D object detection and pose estimation from color images only. "
        "We improve the state-of-the-art on the LINEMOD dataset from 73.7% to 89.3% of correctly registered "
        "RGB frames.",
        title="BB8: A Scalable, Accurate, Robust to Partial Occlusion Method for Predicting the 3D Poses",
    )
    assert [(r.value_text, r.kind, r.baseline) for r in rs] == [
        ("73.7%", "baseline", None),
        ("89.3%", "absolute", 73.7),
    ]
    assert rs[1].method == "BB8" and rs[0].method != "BB8"  # the starting level is not the paper's method
    assert {r.dataset for r in rs} == {"LINEMOD"}


def test_the_name_after_outperforms_or_baseline_is_the_baseline_and_a_list_shares_the_method():
    rs = _results("Notably, PPO outperforms DPO by up to 2.5% in math and 1.2% in general domains.")
    assert [(r.value_text, r.kind, r.method, r.compared_to) for r in rs] == [
        ("2.5%", "improvement", "PPO", "DPO"),
        ("1.2%", "improvement", "PPO", "DPO"),
    ]
    (r,) = _results(
        "GPT-4 has beat the strong supervised baseline NLLB in 40.91% of translation directions but still faces "
        "a large gap towards the commercial translation system like Google Translate, especially on "
        "low-resource languages."
    )
    assert r.method == "GPT-4" and r.compared_to == "NLLB"


def test_our_proposed_approach_is_the_network_the_paper_introduces_not_its_parts():
    rs = _results(
        "They typically generate target sequences in a left-to-right (L2R) manner, leaving the right-to-left "
        "(R2L) contexts unexploited. In this paper, we propose an Attention aggregation based Bi-directional "
        "Mutual learning Network (ABM) which consists of one shared encoder and two parallel inverse decoders "
        "(L2R and R2L). Extensive experiments demonstrate that our proposed approach achieves the recognition "
        "accuracy of 56.85 % on CROHME 2014, 52.92 % on CROHME 2016, and 53.96 % on CROHME 2019 without data "
        "augmentation and model ensembling, substantially outperforming the state-of-the-art methods.",
        title="Handwritten Mathematical Expression Recognition via Attention Aggregation based Bi-directional "
        "Mutual Learning",
    )
    assert [(r.value_text, r.method, r.dataset) for r in rs] == [
        ("56.85 %", "ABM", "CROHME 2014"),
        ("52.92 %", "ABM", "CROHME 2016"),
        ("53.96 %", "ABM", "CROHME 2019"),
    ]
    assert {r.metric for r in rs} == {"recognition accuracy"}


def test_datasets_written_as_the_x_dataset_or_in_the_bracket_or_before_it():
    rs = _results(
        "The test on the MIT dataset shows that the FPNN model achieves outstanding predictive accuracy in EPBL "
        "tasks, with MAPEs of 2.47%, 1.29%, 1.08%, and 0.88% when the input cyclic data volumes are 10, 20, "
        "30, and 40, respectively."
    )
    assert {r.dataset for r in rs if r.value_text.endswith("%")} == {"MIT"}
    rs = _results(
        "We show that the performance of MLPs drastically improves with scale (93% on CIFAR10, 79% on CIFAR100, "
        "69% on TinyImageNet), highlighting that lack of inductive bias can indeed be compensated."
    )
    assert [(r.value_text, r.dataset) for r in rs] == [
        ("93%", "CIFAR10"),
        ("79%", "CIFAR100"),
        ("69%", "TinyImageNet"),
    ]
    rs = _results(
        "Algorithms based on GPT-3.5 and 4 outperform existing algorithms on a pairwise causal discovery task "
        "(97%, 13 points gain), counterfactual reasoning task (92%, 20 points gain) and event causality (86% "
        "accuracy in determining necessary and sufficient causes in vignettes)."
    )
    found = {r.value_text: r for r in rs}
    assert found["97%"].dataset == "pairwise causal discovery task" and found["97%"].metric != "task"
    assert found["92%"].dataset == "counterfactual reasoning task"
    assert {r.method for r in rs} == {"GPT-3.5"}  # the sentence's subject, for every number of it


def test_a_metric_written_as_metric_of_value_is_that_values_metric():
    rs = _results(
        "While both architectures reached a similar Dice score of 70% on average, the PLS-Net was more accurate "
        "with an F1-score of up to 88%."
    )
    assert [(r.value_text, r.metric, r.qualifier) for r in rs] == [
        ("70%", "Dice score", None),
        ("88%", "F1-score", "up to"),
    ]


def test_citations_costs_and_the_compared_level_are_not_levels_of_the_metric():
    rs = _results(
        "For example, the network discovered by our approach on CIFAR-100 dataset achieves 78.1% test accuracy "
        "under 120 GPU hours, compared to 77.0% test accuracy in more than 65, 536 GPU hours in [35]."
    )
    found = {r.value_text: r for r in rs}
    assert "35" not in found  # the reference [35]
    assert found["78.1%"].kind == "absolute" and found["78.1%"].metric == "test accuracy"
    assert found["77.0%"].kind == "baseline"  # the level it is compared to
    assert all(r.metric is None for r in rs if r.unit is None)  # "65, 536 GPU hours" is no accuracy


def test_a_list_of_gains_stays_a_list_of_gains():
    rs = _results(
        "Experiments on the challenging KITTI benchmark show that our approach outperforms the state-of-the-art "
        "by around 25% and 30% AP on the tasks of 3D localization and 3D detection."
    )
    assert [(r.value_text, r.kind) for r in rs] == [("25%", "improvement"), ("30%", "improvement")]
    rs = _results(
        "In particular, we achieve 68.4% mIoU at 84 fps on the Cityscapes test set with a single Nivida Titan X "
        "(Maxwell) GPU card."
    )
    assert [(r.value_text, r.metric) for r in rs] == [("68.4%", "mIoU"), ("84", "fps")]


def test_gains_of_a_list_are_gains():
    rs = _results(
        "Our results showcase a significant advantage of PODNet over existing art, with accuracy gains of 12.10, "
        "6.51, and 2.85 percentage points, respectively."
    )
    assert [(r.value_text, r.kind) for r in rs] == [
        ("12.10", "improvement"),
        ("6.51", "improvement"),
        ("2.85", "improvement"),
    ]
    assert all(r.metric != "percentage" for r in rs)
