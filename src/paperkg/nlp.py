"""NLP: the spaCy pipeline that turns a paper's text into an annotated ``Doc``.

A blank English pipeline (tokenizer only, nothing to download) plus registered components:
``sentencizer``, ``paperkg_title_boundary`` (the title is its own sentence), and paperkg's
``paperkg_abbreviations``, ``paperkg_repositories``, ``paperkg_gazetteer`` and ``paperkg_patterns``.
Bump :data:`EXTRACTOR_VERSION` whenever a component or list changes what is extracted: caches are
keyed by it.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from paperkg.components import abbreviations as _abbreviations  # noqa: F401  (registers factories)
from paperkg.components import gazetteer as _gazetteer  # noqa: F401
from paperkg.components import patterns as _patterns  # noqa: F401
from paperkg.components import repositories as _repositories  # noqa: F401

__all__ = ["EXTRACTOR_VERSION", "PIPELINE", "build_pipeline", "get_pipeline"]

EXTRACTOR_VERSION = "1"
# chunks the tokenizer keeps split (about 40 MB when full; 20,000 abstracts hold about 200,000)
TOKENIZER_CACHE_SIZE = 250_000
PIPELINE = (
    "sentencizer",
    "paperkg_title_boundary",
    "paperkg_abbreviations",
    "paperkg_repositories",
    "paperkg_gazetteer",
    "paperkg_patterns",
)


@Language.component("paperkg_title_boundary")
def title_boundary(doc: Doc) -> Doc:
    """Start a sentence after every line break, so the title never runs into the abstract."""
    if len(doc) < 2:
        return doc
    # only whitespace tokens can hold a line break: find them in one array read
    for i in doc.to_array("IS_SPACE")[:-1].nonzero()[0].tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


def _tokenizer_fixes(nlp: Language) -> None:
    """Split a sentence-final period after a capital letter ("... i.e., OLMoE.", "on GLUE."), which
    the English defaults keep attached so that "U.S." survives; abstracts end sentences on acronyms
    far more often than they write U.S."""
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[A-Za-z0-9][A-Z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    # The tokenizer remembers how it split each whitespace-delimited chunk, but only for the first
    # 10,000 distinct chunks (spaCy's default), and the gazetteer's own names fill those while the
    # pipeline is built: every chunk of real text was then split again by the affix regexes (half of
    # the tokenizer's time). A larger cache only saves work; the tokens are the same.
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_SIZE


def build_pipeline() -> Language:
    """A fresh pipeline with every paperkg component, in order."""
    nlp = spacy.blank("en")
    _tokenizer_fixes(nlp)
    for name in PIPELINE:
        config = (
            {"types": ["benchmark", "dataset", "method", "metric", "task"]}
            if name == "paperkg_gazetteer"
            else {}
        )
        nlp.add_pipe(name, config=config)
    return nlp


@cache
def get_pipeline() -> Language:
    """The process-wide pipeline (built once; building loads the gazetteers)."""
    return build_pipeline()
