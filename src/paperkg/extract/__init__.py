"""Extract: candidates from rules, decisions from data.

A paper's annotated spaCy ``Doc`` (:mod:`paperkg.nlp`) goes through three stages:

1. :mod:`~paperkg.extract.candidates`: every span that might name an entity, grouped by name;
2. :mod:`~paperkg.extract.features`: what a reader would look at, as feature strings;
3. :mod:`~paperkg.extract.decisions`: the trained models (:mod:`~paperkg.extract.model`, fitted by
   :mod:`~paperkg.extract.train` on the annotated abstracts) keep, type and mark ``proposed``.

The result is one :class:`DocMentions` per paper: typed :class:`~paperkg.models.Mention` objects,
acronym definitions, code links and result statements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from paperkg.components.tokens import token_table
from paperkg.extract.candidates import DocCandidates, find_candidates
from paperkg.extract.decisions import Decision, decide
from paperkg.extract.features import lazy_doc_features
from paperkg.extract.model import DecisionModel, load_model
from paperkg.models import InputIssue, Mention, Paper, Repository, ResultMention
from paperkg.nlp import get_pipeline
from paperkg.results import find_results

__all__ = [
    "Abbreviation",
    "DocMentions",
    "Extractor",
    "extract_guarded",
    "mentions_from_doc",
    "mentions_from_prepared",
]


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An acronym definition in one paper: long form and short form, as written."""

    long: str
    short: str


@dataclass
class DocMentions:
    """What extraction found in one paper (input to :mod:`paperkg.resolve`)."""

    paper: Paper
    mentions: list[Mention] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    repositories: list[Repository] = field(default_factory=list)
    results: list[ResultMention] = field(default_factory=list)


def _mentions(doc: Doc, decisions: list[Decision]) -> list[Mention]:
    tt = token_table(doc)
    out: list[Mention] = []
    for d in decisions:
        rule = "model:" + "+".join(sorted(d.group.sources))
        for s, e in d.spans:
            start, end = tt.char_span(s, e)
            # the sentence of the span's first token (spaCy's Span.sent)
            sent_start, sent_end = tt.char_span(tt.sent_start[s], tt.sent_end[s])
            out.append(
                Mention(
                    type=d.type,
                    text=tt.span_text(s, e),
                    start=start,
                    end=end,
                    rule=rule,
                    proposed=d.proposed,
                    confidence=round(d.probability, 3),
                    sentence_start=sent_start,
                    sentence_end=sent_end,
                )
            )
    out.sort(key=lambda m: m.start)
    return out


def mentions_from_prepared(
    cands: DocCandidates,
    features: list[list[str]],
    paper: Paper,
    model: DecisionModel,
    task_features: Callable[[int], list[str]] | None = None,
) -> DocMentions:
    """Decisions over a paper's candidates and their features."""
    doc = cands.doc
    mentions = _mentions(doc, decide(cands, features, model, task_features))
    return DocMentions(
        paper=paper,
        mentions=mentions,
        abbreviations=[Abbreviation(long.text, short.text) for long, short in doc._.abbreviations],
        repositories=[Repository(key=k, start=s, end=e) for k, s, e in doc._.repositories],
        results=find_results(doc, mentions),
    )


def mentions_from_doc(doc: Doc, paper: Paper, model: DecisionModel | None = None) -> DocMentions:
    """Candidates, features and decisions for one annotated ``Doc``."""
    cands = find_candidates(doc)
    features, task_features = lazy_doc_features(cands)
    return mentions_from_prepared(cands, features, paper, model or load_model(), task_features)


class Extractor:
    """Runs the spaCy pipeline over papers in batches and yields their mentions.

    ``nlp.pipe`` streams: at most ``batch_size`` Docs are alive at once. ``model`` defaults to the
    shipped decision model.
    """

    def __init__(
        self, nlp: Language | None = None, batch_size: int = 64, model: DecisionModel | None = None
    ) -> None:
        self.nlp = nlp or get_pipeline()
        self.batch_size = batch_size
        self.model = model or load_model()

    def extract(self, paper: Paper) -> DocMentions:
        return mentions_from_doc(self.nlp(paper.text), paper, self.model)

    def extract_many(self, papers: Iterable[Paper]) -> Iterator[DocMentions]:
        pairs = ((p.text, p) for p in papers)
        for doc, paper in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield mentions_from_doc(doc, paper, self.model)


def extract_guarded(extractor: Extractor, papers: list[Paper]) -> list[DocMentions | InputIssue]:
    """The papers' extractions in order; a paper the extractor fails on becomes an
    :class:`InputIssue` in its place (the batch is extracted again one paper at a time to find it),
    so one bad paper never loses the others."""
    try:
        return list(extractor.extract_many(papers))
    except Exception:
        out: list[DocMentions | InputIssue] = []
        for paper in papers:
            try:
                out.append(extractor.extract(paper))
            except Exception as exc:
                file, _, record = paper.source.rpartition(":")
                reason = f"extraction failed: {type(exc).__name__}: {exc}"
                out.append(InputIssue(file=file or paper.source, record=record or paper.id, reason=reason))
        return out
