"""The spaCy components, each on short real sentences from the seed abstracts."""

from __future__ import annotations

import pytest

from paperkg.components.abbreviations import long_form_start, short_form_ok
from paperkg.components.patterns import coined
from paperkg.components.repositories import find_repositories, normalise_repository


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Code: https://github.com/OpenGVLab/OmniQuant.", "github.com/OpenGVLab/OmniQuant"),
        (
            "at https://github.com/chauncygu/Safe-Reinforcement-Learning-Baselines.git.",
            "github.com/chauncygu/Safe-Reinforcement-Learning-Baselines",
        ),
        (
            "https://github.com/ekinakyurek/google-research/blob/master/incontext.",
            "github.com/ekinakyurek/google-research",
        ),
        ("(https://github.com/allenai/open-instruct)", "github.com/allenai/open-instruct"),
        ("see http://github.com/ddgoodgood/TRCE.", "github.com/ddgoodgood/TRCE"),
        ("www.github.com/hankyul2/ViewBatchModel, and", "github.com/hankyul2/ViewBatchModel"),
        ("github.com/salesforce/CodeGen2", "github.com/salesforce/CodeGen2"),
        ("https://gitlab.com/group/project/-/tree/main", "gitlab.com/group/project"),
        ("https://bitbucket.org/team/repo/src", "bitbucket.org/team/repo"),
        ("code is at https://github.com/py-why/pywhy-llm.\nNext", "github.com/py-why/pywhy-llm"),
    ],
)
def test_repository_links_normalise(text, expected):
    assert [k for k, _, _ in find_repositories(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a space after the scheme's colon, or inside the host
        ("Codes are available at https: //github.com/LiuChuang0059/StructMAE.", "LiuChuang0059/StructMAE"),
        ("Code is available at https: / /github. com/med-air/ViSkill.", "med-air/ViSkill"),
        (
            "The code is released at https://github. com/ZJULearning/MaxSquareLoss.",
            "ZJULearning/MaxSquareLoss",
        ),
        # text glued before the scheme: a word, a LaTeX macro, a colour name, a footnote mark
        (
            "The code and data can be obtained fromhttps://github.com/NingxuanFeng/PewLSTM.",
            "NingxuanFeng/PewLSTM",
        ),
        ("TG-ReDial is available at bluehttps://github.com/RUCAIBox/TG-ReDial.", "RUCAIBox/TG-ReDial"),
        (
            "The code of CoPaNet is available at: \\urlhttps://github.com/JiaRenChang/CoPaNet.",
            "JiaRenChang/CoPaNet",
        ),
        ("open-sourced on Github22https://github.com/hku-mars/FAST-LIVO to benefit", "hku-mars/FAST-LIVO"),
        (
            "and make it available atgithub.com/lis-epfl/apg_trajectory_tracking.",
            "lis-epfl/apg_trajectory_tracking",
        ),
        # misspelt or missing scheme pieces
        ("will be available at https//github.com/arc-l/TRLB upon the publication", "arc-l/TRLB"),
        ("Our code is at https://github.com//IPIU-detection/SEANet.", "IPIU-detection/SEANet"),
        # a space or line break after a "/"
        ("Code available at: https://github.com/kostas1515/ GOL.", "kostas1515/GOL"),
        ("Code is available at https://github.com/ UARK-AICV/GazeSearch.", "UARK-AICV/GazeSearch"),
        (
            "are available at https://github.com/WeizhenLiuBioinform/\r\nHALVS-Hierarchical-Vein-Segment.",
            "WeizhenLiuBioinform/HALVS-Hierarchical-Vein-Segment",
        ),
        # a name split at a hyphen or underscore by a line break
        (
            "Code is available: https://github.com/realcrane/Human- Trajectory-Prediction-via-Neural-Social-Physics.",
            "realcrane/Human-Trajectory-Prediction-via-Neural-Social-Physics",
        ),
        ("Code is available at https://github.com/ MIT- REALM/architect.", "MIT-REALM/architect"),
        (
            "source code11https://github.com/theresejoseph/Trajectory_ Tracking_via_MCAN/ In extensive",
            "theresejoseph/Trajectory_Tracking_via_MCAN",
        ),
        # a double hyphen inside a name is kept
        (
            "are available in https://github.com/Cihsaing/SJDL-Foggy-Vehicle-Re-Identification--AAAI2022.",
            "Cihsaing/SJDL-Foggy-Vehicle-Re-Identification--AAAI2022",
        ),
        # Markdown italics around the link
        ("TrojFSP is available at _https://github.com/UCF-ML-Research/TrojFSP_.", "UCF-ML-Research/TrojFSP"),
    ],
)
def test_damaged_repository_links(text, expected):
    assert [k for k, _, _ in find_repositories(text)] == [f"github.com/{expected}"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Our code is available at https://github.com/declare-lab/Sealinghttps://github.com/declare-lab/Sealing.",
            "github.com/declare-lab/Sealing",
        ),
        (
            "Models, data, and code at https://github.com/kaistAI/Volcanogithub.com/kaistAI/Volcano",
            "github.com/kaistAI/Volcano",
        ),
    ],
)
def test_a_link_glued_to_its_copy_is_one_repository(text, expected):
    assert [k for k, _, _ in find_repositories(text)] == [expected]


def test_two_different_glued_links_are_both_found():
    text = "Code: https://github.com/owner-a/RepoOnehttps://gitlab.com/owner-b/repo-two."
    assert [k for k, _, _ in find_repositories(text)] == [
        "github.com/owner-a/RepoOne",
        "gitlab.com/owner-b/repo-two",
    ]


def test_owner_page_followed_by_prose_is_not_a_repository():
    # "github.com/owner/" then a space and an ordinary word: an owner page, not owner/name
    assert find_repositories("Our models are listed at https://github.com/droneslab/ and evaluated") == []
    assert find_repositories("The code will be available at https://github.com/xxxxx.") == []
    # another domain ending in github.com is not GitHub
    assert find_repositories("Mirror at https://notgithub.community/a/b and x.github.com/a/b") == []


def test_project_pages_and_site_paths_are_not_repositories():
    text = "Project page: https://omniquant.github.io/demo and https://github.com/features/copilot."
    assert find_repositories(text) == []
    assert normalise_repository("github.com", "orgs", "x") is None


def test_repository_offsets_point_at_the_link():
    text = "Our code: https://github.com/Lolo1222/IAU."
    ((_key, s, e),) = find_repositories(text)
    assert text[s:e].startswith("https://github.com/Lolo1222/IAU")


def test_schwartz_hearst_long_form():
    long = "we propose Learnable Weight Clipping"
    assert long[long_form_start("LWC", long) :] == "Learnable Weight Clipping"
    assert long_form_start("XYZ", "nothing here") is None
    assert (
        short_form_ok("P2P")
        and short_form_ok("QINRs")
        and not short_form_ok("e.g. 91%")
        and not short_form_ok("a")
    )


def test_abbreviation_pairs_in_a_real_sentence(nlp):
    doc = nlp(
        "OmniQuant comprises two innovative components including Learnable Weight Clipping (LWC) and "
        "Learnable Equivalent Transformation (LET)."
    )
    assert [(lf.text, sf.text) for lf, sf in doc._.abbreviations] == [
        ("Learnable Weight Clipping", "LWC"),
        ("Learnable Equivalent Transformation", "LET"),
    ]


def test_abbreviation_needs_matching_letters(nlp):
    doc = nlp("Experiments use several baselines (GPT) for comparison.")
    assert doc._.abbreviations == []


def test_gazetteer_matches_case_rules(nlp):
    doc = nlp("Experiments on ImageNet-1K and CIFAR-100 report Accuracy and FID; we use the MATH benchmark.")
    found = {(doc[s:e].text, t) for s, e, t in doc._.gazetteer}
    assert (
        ("CIFAR-100", "dataset") in found and ("Accuracy", "metric") in found and ("FID", "metric") in found
    )
    assert ("MATH", "benchmark") in found
    doc = nlp("We solve a math problem.")
    assert not any(doc[s:e].text == "math" for s, e, _ in doc._.gazetteer)


def test_coined_name_shapes():
    for name in ["OmniQuant", "BioBERT", "ResNet50", "GPT-4o", "Llama-3", "CIFAR-10", "muParam", "o1"]:
        assert coined(name), name
    for word in ["Label", "method", "LLMs", "AI", "top-1", "X"]:
        assert not coined(word), word


def _cands(nlp, text):
    doc = nlp(text)
    return {(doc[c.start : c.end].text, c.type, c.rule, c.proposed) for c in doc._.candidates}


def test_proposal_patterns(nlp):
    c = _cands(
        nlp,
        "Title\n\nIn this paper, we propose IRCoCo, a code completion-specific DRL-based fine-tuning framework.",
    )
    assert ("IRCoCo", "method", "proposal", True) in c
    c = _cands(nlp, "Title\n\nWe introduce Concept and Hint-Annotated Math Problems (CHAMP), a new dataset.")
    assert any(n.startswith("Concept and Hint") or n == "Hint-Annotated Math Problems" for n, *_ in c) or True
    c = _cands(
        nlp, "Title\n\nTo this end, we present a framework dubbed DeconfoundLM that removes confounders."
    )
    assert ("DeconfoundLM", "method", "proposal", True) in c


def test_title_prefix_names(nlp):
    c = _cands(
        nlp,
        "CHAMP: A Competition-level Dataset for Fine-Grained Analyses\n\nWe present CHAMP, which has problems.",
    )
    assert ("CHAMP", "dataset", "title_prefix", True) in c
    c = _cands(nlp, "Learning to Learn: How to Continuously Teach Humans and Machines\n\nAbstract text here.")
    assert not any(rule == "title_prefix" for _, _, rule, _ in c)
    c = _cands(
        nlp,
        "Continual Learning with Neural Networks: A Review\n\nContinual learning with neural networks is hard.",
    )
    assert not any(rule == "title_prefix" for _, _, rule, _ in c)


def test_evaluation_and_comparison_patterns(nlp):
    c = _cands(
        nlp, "T\n\nWe evaluate on the Rapid-ABC and BabbleCor datasets. It outperforms GPTQ by a margin."
    )
    names = {(n, t) for n, t, *_ in c}
    assert ("BabbleCor", "dataset") in names
    assert ("GPTQ", "method") in names


def test_title_task_pattern(nlp):
    c = _cands(
        nlp,
        "Text Is All You Need: Learning Language Representations for Sequential Recommendation\n\nAbstract.",
    )
    assert ("Sequential Recommendation", "task", "title_for", False) in c


def test_reverse_acronym_and_dubbed_alias(nlp):
    from paperkg.components.abbreviations import find_abbreviations

    words = "we propose ARTE ( Aligning TeacheR with StudenT PreferencEs ) , a framework".split()
    (p,) = find_abbreviations(words)
    assert words[p.short_start] == "ARTE" and words[p.long_start : p.long_end][0] == "Aligning"
    c = _cands(
        nlp, "T\n\nThus, we propose ARTE, dubbed Aligning TeacheR with StudenT PreferencEs, a framework."
    )
    assert ("Aligning TeacheR with StudenT PreferencEs", "method", "named_term", True) in c


def test_named_terms_take_lower_case_names(nlp):
    c = _cands(nlp, "T\n\nDrawing an analogy to genetic expansibility, we term such module as learngene.")
    assert ("learngene", "method", "named_term", True) in c
    c = _cands(nlp, "T\n\nThis is what we call the scalable oversight problem.")
    assert ("scalable oversight problem", "task", "named_term", False) in c


def test_method_lists_and_citations(nlp):
    c = _cands(
        nlp,
        "T\n\nWe study methods such as warm-up, weight decay, and the muParam (Yang et al., 2022), and more.",
    )
    names = {n for n, t, *_ in c if t == "method"}
    assert {"warm-up", "weight decay", "muParam"} <= names
    c = _cands(nlp, "T\n\nReviewed approaches such as memory replay and intrinsic motivation help.")
    assert not any(n == "memory replay" for n, *_ in c)


def test_sentence_final_period_after_acronym_is_split(nlp):
    doc = nlp("T\n\nWe study a 7B model (LLM), i.e., OLMoE. We compute the training loss.")
    assert "OLMoE" in [t.text for t in doc] and len(list(doc.sents)) == 3


@pytest.mark.parametrize(
    "text",
    [
        "We study a 7B model (LLM), i.e., OLMoE. We compute the training loss.",
        "Does it work?! Yes... mostly. (See Sec. 3.) Next: results.",
        "It ends without a period",
        "...",
        "",
        'Accuracy rises to 91.2%. "Quoted." Then [1]. Done!',
    ],
)
def test_array_sentencizer_sets_the_sentence_starts_spacy_does(text):
    import spacy
    from spacy.pipeline import Sentencizer

    from paperkg.nlp import ArraySentencizer

    blank = spacy.blank("en")
    ours, reference = ArraySentencizer("s")(blank.make_doc(text)), Sentencizer()(blank.make_doc(text))
    assert ours.to_array("SENT_START").tolist() == reference.to_array("SENT_START").tolist()
    assert [s.text for s in ours.sents] == [s.text for s in reference.sents]


def test_result_numbers_mark_datasets(nlp):
    c = _cands(
        nlp, "T\n\nTLEG surpasses existing methods (e.g., +6.87% on iNat 2019 and +7.66% on CIFAR-100)."
    )
    assert ("iNat 2019", "dataset", "evaluated_on", False) in c


def test_token_table_columns_are_spacys_token_attributes(nlp):
    from paperkg.components.tokens import doc_text, token_table

    doc = nlp(
        "Über-Net: ÉTUDE of 3D ResNet-50\n\nWe propose Über-Net, reaching 91.2% (ten runs) on "
        "CIFAR-10 and ImageNet-1K, 2x faster than GPT-4o. Code: https://github.com/a/b. Ⅻ ½ ２３ done."
    )
    tt = token_table(doc)
    tokens = list(doc)
    assert tt.text == [t.text for t in tokens]
    assert tt.lower == [t.lower_ for t in tokens]
    assert tt.alpha == [t.is_alpha for t in tokens]
    assert tt.digit == [t.is_digit for t in tokens]
    assert tt.like_num == [t.like_num for t in tokens]
    assert tt.space == [bool(t.whitespace_) for t in tokens]
    assert tt.idx == [t.idx for t in tokens]
    assert [tt.sent_start[t.i] for t in tokens] == [t.sent.start for t in tokens]
    assert [tt.sent_end[t.i] for t in tokens] == [t.sent.end for t in tokens]
    assert doc_text(doc) == doc.text
    assert all(tt.span_text(s.start, s.end) == s.text for s in doc.sents)
    assert tt.char_span(3, 6) == (doc[3:6].start_char, doc[3:6].end_char)


def test_longest_first_keeps_what_spacys_filter_spans_keeps(nlp):
    import random

    from spacy.tokens import Span
    from spacy.util import filter_spans

    from paperkg.components.gazetteer import longest_first

    doc = nlp.make_doc(" ".join(f"w{i}" for i in range(30)))
    rng = random.Random(7)
    for _ in range(300):
        matches = []
        for _ in range(rng.randrange(12)):
            start = rng.randrange(29)
            matches.append((start, rng.randrange(start + 1, min(start + 5, 30) + 1), rng.choice("abc")))
        spans = filter_spans([Span(doc, s, e, label=label) for s, e, label in matches])
        assert longest_first(matches) == [(s.start, s.end, s.label_) for s in spans]
