"""The typed records that flow between paperkg's stages.

Every stage takes and returns these pydantic models (strict: unknown fields are rejected), never
loose dicts: ``Paper`` (parse), ``Mention`` (extract), ``Entity`` and ``Repository`` (resolve),
``Evidence`` and ``Relation`` (graph), plus ``InputIssue`` for records that were skipped.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Entity",
    "EntityType",
    "Evidence",
    "InputIssue",
    "Mention",
    "Paper",
    "PaperEntity",
    "PaperExtraction",
    "Relation",
    "Repository",
    "ResultMention",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=True)


class EntityType(StrEnum):
    """The kinds of named things the extractor finds in an abstract."""

    METHOD = "method"
    DATASET = "dataset"
    BENCHMARK = "benchmark"
    TASK = "task"
    METRIC = "metric"

    @property
    def label(self) -> str:
        """The graph node label for this type (``Method``, ``Dataset``, ...)."""
        return self.value.capitalize()


class Paper(_Strict):
    """One paper: title and abstract plus whatever metadata the source gave.

    Character offsets everywhere in paperkg index into :attr:`text`, which is the title, a blank
    line, then the abstract.
    """

    id: str = Field(min_length=1, description="stable id: arxiv:..., doi:... or t:<hash of title>")
    title: str = Field(min_length=1)
    abstract: str = Field(min_length=1)
    url: str | None = None
    date: str | None = None
    authors: list[str] = Field(default_factory=list)
    n_authors: int | None = Field(default=None, ge=0)
    venue: str | None = None
    source: str = Field(default="", description="file and record the paper was read from")

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.abstract}"

    @property
    def abstract_offset(self) -> int:
        """Offset of the abstract's first character in :attr:`text`."""
        return len(self.title) + 2


class Mention(_Strict):
    """One span of a paper's text that names an entity, with the rule that found it."""

    type: EntityType
    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rule: str = Field(min_length=1)
    proposed: bool = False
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    sentence_start: int = Field(default=0, ge=0)
    sentence_end: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.end <= self.start:
            raise ValueError(f"mention end {self.end} must be after start {self.start}")
        return self


class Entity(_Strict):
    """A resolved entity: one node shared by every paper that names it."""

    key: str = Field(min_length=3, description="stable id, e.g. method:omniquant")
    type: EntityType
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class Repository(_Strict):
    """A code repository, canonical as host/owner/name."""

    key: str = Field(pattern=r"^(github\.com|gitlab\.com|bitbucket\.org)/[^/\s]+/[^/\s]+$")
    start: int | None = None
    end: int | None = None

    @property
    def host(self) -> str:
        return self.key.split("/")[0]

    @property
    def owner(self) -> str:
        return self.key.split("/")[1]

    @property
    def name(self) -> str:
        return self.key.split("/")[2]

    @property
    def url(self) -> str:
        return f"https://{self.key}"


class ResultMention(_Strict):
    """A result a paper states: a value with its unit and kind, and the metric, dataset or benchmark,
    method and comparison target named in the same sentence (as written there)."""

    value: float
    value_text: str = Field(min_length=1)
    unit: str | None = None
    kind: Literal["absolute", "improvement", "reduction", "ratio", "range", "baseline"] = "absolute"
    high: float | None = Field(default=None, description="upper end of a range")
    baseline: float | None = Field(default=None, description='the A of "from A to B"')
    qualifier: str | None = Field(default=None, description="up to, approximately, over, ...")
    metric: str | None = None
    dataset: str | None = None
    method: str | None = None
    compared_to: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence_start: int = Field(ge=0)
    sentence_end: int = Field(ge=0)
    confidence: float = Field(ge=0.0, le=1.0)


class PaperEntity(_Strict):
    """An entity as one paper names it: the resolved entity plus this paper's mentions."""

    entity: Entity
    name: str = Field(min_length=1, description="the name this paper uses")
    aliases: list[str] = Field(default_factory=list, description="other names this paper gives it")
    proposed: bool = False
    confidence: float = Field(ge=0.0, le=1.0)
    mentions: list[Mention] = Field(min_length=1)


class PaperExtraction(_Strict):
    """Everything extracted from one paper."""

    paper: Paper
    entities: list[PaperEntity] = Field(default_factory=list)
    repositories: list[Repository] = Field(default_factory=list)
    results: list[ResultMention] = Field(default_factory=list)


class Evidence(_Strict):
    """Why an edge exists: the sentence and span of one paper, and the rule that matched."""

    paper_id: str
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)


class Relation(_Strict):
    """A typed edge between two node keys, with its evidence."""

    source: str
    target: str
    type: str
    evidence: list[Evidence] = Field(min_length=1)


class InputIssue(_Strict):
    """A record that could not be read, reported and skipped."""

    file: str
    record: str = Field(description="line number, record index or element, as the format allows")
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.record}: {self.reason}"
