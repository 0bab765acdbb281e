"""NLP: the spaCy pipeline that turns a paper's text into an annotated ``Doc``.

A blank English pipeline (tokenizer only, nothing to download) plus registered components:
``paperkg_sentencizer`` (spaCy's rule-based sentencizer, reading token arrays),
``paperkg_title_boundary`` (the title is its own sentence), and paperkg's
``paperkg_abbreviations``, ``paperkg_repositories``, ``paperkg_gazetteer`` and ``paperkg_patterns``.
Bump :data:`EXTRACTOR_VERSION` whenever a component or list changes what is extracted: caches are
keyed by it.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from paperkg.components import abbreviations as _abbreviations  # noqa: F401  (registers factories)
from paperkg.components import gazetteer as _gazetteer  # noqa: F401
from paperkg.components import patterns as _patterns  # noqa: F401
from paperkg.components import repositories as _repositories  # noqa: F401

__all__ = ["EXTRACTOR_VERSION", "PIPELINE", "ArraySentencizer", "build_pipeline", "get_pipeline"]

EXTRACTOR_VERSION = "1"
# chunks the tokenizer keeps split (about 40 MB when full; 20,000 abstracts hold about 200,000)
TOKENIZER_CACHE_SIZE = 250_000
PIPELINE = (
    "paperkg_sentencizer",
    "paperkg_title_boundary",
    "paperkg_abbreviations",
    "paperkg_repositories",
    "paperkg_gazetteer",
    "paperkg_patterns",
)


class ArraySentencizer(Sentencizer):
    """spaCy's ``Sentencizer`` (a sentence ends after ".", "!", "?" ... and the punctuation that
    follows them), its prediction read from the ORTH and IS_PUNCT arrays instead of one ``Token``
    object per token; the sentence starts it sets are the same."""

    _punct_orths: frozenset[int] | None = None

    def predict(self, docs: list[Doc]) -> list[list[bool]]:
        guesses: list[list[bool]] = []
        for doc in docs:
            n = len(doc)
            if not n:
                guesses.append([])
                continue
            if self._punct_orths is None:
                # string hashes do not depend on the vocabulary: ORTH equals them for these texts
                self._punct_orths = frozenset(doc.vocab.strings.add(c) for c in self.punct_chars)
            punct_orths = self._punct_orths
            orths, puncts = doc.to_array(["ORTH", "IS_PUNCT"]).T.tolist()
            starts = [False] * n
            starts[0] = True
            start, seen_period = 0, False
            for i in range(n):
                in_punct_chars = orths[i] in punct_orths
                if seen_period and not puncts[i] and not in_punct_chars:
                    starts[start] = True
                    start, seen_period = i, False
                elif in_punct_chars:
                    seen_period = True
            starts[start] = True
            guesses.append(starts)
        return guesses


@Language.factory("paperkg_sentencizer", default_config={"punct_chars": None, "overwrite": False})
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool) -> Sentencizer:
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite)


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
