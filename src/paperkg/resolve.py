"""Resolve: group a paper's mentions into entities and give each entity a stable id across papers.

Within a paper, mentions with the same normalised name, and acronyms with their long forms, become
one :class:`PaperEntity`. Across papers, :class:`EntityRegistry` maps every normalised name and long
form to one key, so "ImageNet-1K" / "ImageNet 1k" or "Learnable Weight Clipping" / "LWC" (when the
acronym was defined) are one node, while different versions ("ResNet-50", "ResNet-101") stay apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from paperkg.extract import DocMentions
from paperkg.models import Entity, EntityType, Mention, PaperEntity, PaperExtraction
from paperkg.names import name_key

__all__ = ["EntityRegistry", "ResolveOptions", "entity_key", "name_key", "resolve_paper"]

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]{0,9}s?$")


def entity_key(kind: EntityType, name: str) -> str:
    """The stable node id of an entity: ``<type>:<slug of its normalised name>``."""
    slug = re.sub(r"[^a-z0-9.]+", "-", name_key(name)).strip("-") or "x"
    return f"{kind.value}:{slug}"


@dataclass(frozen=True)
class ResolveOptions:
    """Thresholds for what becomes an entity."""

    min_confidence: float = 0.0
    max_tasks: int = 5


@dataclass
class _Group:
    type: EntityType
    mentions: list[Mention] = field(default_factory=list)
    long_forms: set[str] = field(default_factory=set)
    short_forms: set[str] = field(default_factory=set)

    @property
    def confidence(self) -> float:
        return max(m.confidence for m in self.mentions)

    @property
    def proposed(self) -> bool:
        return any(m.proposed for m in self.mentions)

    def name(self) -> str:
        forms = [m.text for m in self.mentions]
        longs = [f for f in forms if f in self.long_forms]
        if longs:
            return longs[0]
        return Counter(forms).most_common(1)[0][0]


def _group_mentions(doc: DocMentions) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for m in doc.mentions:
        key = name_key(m.text)
        g = groups.get(key)
        if g is None:
            groups[key] = g = _Group(m.type)
        elif g.type != m.type and m.confidence > g.confidence:
            g.type = m.type
        g.mentions.append(m)
    # acronym <-> long form: merge the two groups
    for ab in doc.abbreviations:
        lk, sk = name_key(ab.long), name_key(ab.short)
        long_g, short_g = groups.get(lk), groups.get(sk)
        if long_g is None or short_g is None:
            continue
        long_g.long_forms.add(ab.long)
        long_g.short_forms.add(ab.short)
        if long_g is not short_g:
            long_g.mentions.extend(short_g.mentions)
            long_g.mentions.sort(key=lambda m: m.start)
            groups[sk] = long_g
    unique: list[_Group] = []
    seen: set[int] = set()
    for g in groups.values():
        if id(g) not in seen:
            seen.add(id(g))
            unique.append(g)
    return unique


class EntityRegistry:
    """Cross-paper identity: every known name of an entity points at its one key."""

    def __init__(self) -> None:
        self._by_name: dict[tuple[EntityType, str], str] = {}
        self.entities: dict[str, Entity] = {}

    def __len__(self) -> int:
        return len(self.entities)

    def resolve(self, kind: EntityType, name: str, aliases: list[str], long_forms: set[str]) -> Entity:
        """The registered entity for these names (created or extended with new aliases)."""
        # Bare acronyms are ambiguous across papers: they only match through their long form.
        names = [name, *aliases]
        matchable = [
            n
            for n in names
            if n in long_forms or not (_ACRONYM.match(n) and n not in long_forms and long_forms)
        ]
        key = next(
            (self._by_name[(kind, name_key(n))] for n in matchable if (kind, name_key(n)) in self._by_name),
            None,
        )
        if key is None:
            key = entity_key(kind, name)
            n = 2
            while key in self.entities:
                key = f"{entity_key(kind, name)}-{n}"
                n += 1
            self.entities[key] = Entity(key=key, type=kind, name=name, aliases=[])
        entity = self.entities[key]
        known = {name_key(entity.name), *(name_key(a) for a in entity.aliases)}
        for n in names:
            if name_key(n) not in known:
                entity.aliases = [*entity.aliases, n]
                known.add(name_key(n))
        for n in matchable:
            self._by_name.setdefault((kind, name_key(n)), key)
        return entity


def _display(kind: EntityType, name: str) -> str:
    # Tasks are lower-case noun phrases; plain-word metrics too ("accuracy"), acronyms keep case.
    if kind is EntityType.TASK or (kind is EntityType.METRIC and name[:1].isupper() and name[1:].islower()):
        return name.lower()
    return name


def resolve_paper(
    doc: DocMentions, registry: EntityRegistry, options: ResolveOptions | None = None
) -> PaperExtraction:
    """One paper's entities, registered in ``registry`` (which gains any new ones)."""
    options = options or ResolveOptions()
    title_end = len(doc.paper.title)
    groups = [g for g in _group_mentions(doc) if g.confidence >= options.min_confidence]
    tasks = [g for g in groups if g.type is EntityType.TASK]
    tasks.sort(key=lambda g: (min(m.start for m in g.mentions) >= title_end, -len(g.mentions), -g.confidence))
    keep_tasks = {id(g) for g in tasks[: options.max_tasks]}
    out: list[PaperEntity] = []
    for g in groups:
        if g.type is EntityType.TASK and id(g) not in keep_tasks:
            continue
        name = _display(g.type, g.name())
        aliases: list[str] = []
        for m in g.mentions:
            form = _display(g.type, m.text)
            if name_key(form) != name_key(name) and name_key(form) not in {name_key(a) for a in aliases}:
                aliases.append(form)
        entity = registry.resolve(g.type, name, aliases, g.long_forms)
        out.append(
            PaperEntity(
                entity=entity,
                name=name,
                aliases=aliases,
                proposed=g.proposed,
                confidence=round(g.confidence, 3),
                mentions=g.mentions,
            )
        )
    out.sort(key=lambda pe: pe.mentions[0].start)
    return PaperExtraction(paper=doc.paper, entities=out, repositories=doc.repositories, results=doc.results)
