"""Resolve: group a paper's mentions into entities and give each entity a stable id across papers.

Within a paper, mentions with the same normalised name, and acronyms with their long forms, become
one :class:`PaperEntity`. Across papers, :class:`EntityRegistry` maps every normalised name and long
form to one key, so "ImageNet-1K" / "ImageNet 1k", "Gaussian process" / "Gaussian processes" or
"Learnable Weight Clipping" / "LWC" (when the acronym was defined) are one node, a bare "SVM" joins the
entity the build saw it defined as ("support vector machines (SVM)"), and different versions
("ResNet-50", "ResNet-101") stay apart. One name has one type across a build: each paper's type
counts as a vote, and a name takes the type most papers gave it so far (the build streams, so the
first papers of a build decide before the later ones are seen).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from paperkg.extract import DocMentions
from paperkg.models import Entity, EntityType, Mention, PaperEntity, PaperExtraction
from paperkg.names import identity_key, name_key

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
        key = identity_key(m.text)
        g = groups.get(key)
        if g is None:
            groups[key] = g = _Group(m.type)
        elif g.type != m.type and m.confidence > g.confidence:
            g.type = m.type
        g.mentions.append(m)
    # acronym <-> long form: merge the two groups
    for ab in doc.abbreviations:
        lk, sk = identity_key(ab.long), identity_key(ab.short)
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
        self._by_short: dict[tuple[EntityType, str], str] = {}  # acronym -> the entity it was defined as
        self._votes: dict[str, Counter[EntityType]] = {}  # name key -> papers naming it, per type
        self._defined: dict[str, str] = {}  # entity key -> the long form that defined its acronym
        self.entities: dict[str, Entity] = {}

    def __len__(self) -> int:
        return len(self.entities)

    def vote(self, kind: EntityType, names: list[str]) -> EntityType:
        """Count this paper's type for its names and return the type the build gives them: the type
        most papers gave any of these names so far (one name, one type), this paper's on ties."""
        keys = {identity_key(n) for n in names}
        total: Counter[EntityType] = Counter()
        for k in keys:
            total.update(self._votes.get(k, {}))
        for k in keys:
            self._votes.setdefault(k, Counter())[kind] += 1
        if not total:
            return kind
        best, n = total.most_common(1)[0]
        return best if n > total.get(kind, 0) else kind

    def _find(self, kind: EntityType, names: list[str], long_forms: set[str]) -> str | None:
        # Bare acronyms are ambiguous across papers: they match through their long form, or through the
        # one definition the build has seen for them ("SVM" -> "support vector machines").
        for n in names:
            bare = bool(_ACRONYM.match(n)) and n not in long_forms
            k = (kind, identity_key(n))
            if bare and long_forms:
                continue  # this paper defines it: the long form decides
            if k in self._by_name:
                return self._by_name[k]
            if bare and k in self._by_short:
                return self._by_short[k]
        if long_forms:
            # an acronym seen bare before its definition joins the definition's entity
            for n in names:
                k = (kind, identity_key(n))
                if _ACRONYM.match(n) and n not in long_forms and k in self._by_name:
                    key = self._by_name[k]
                    if self._defined.get(key, "") in ("", identity_key(next(iter(long_forms)))):
                        return key
        return None

    def resolve(self, kind: EntityType, name: str, aliases: list[str], long_forms: set[str]) -> Entity:
        """The registered entity for these names (created or extended with new aliases)."""
        names = [name, *aliases]
        key = self._find(kind, names, long_forms)
        if key is None:
            key = entity_key(kind, name)
            n = 2
            while key in self.entities:
                key = f"{entity_key(kind, name)}-{n}"
                n += 1
            self.entities[key] = Entity(key=key, type=kind, name=name, aliases=[])
        entity = self.entities[key]
        known = {identity_key(entity.name), *(identity_key(a) for a in entity.aliases)}
        for n in names:
            if identity_key(n) not in known:
                entity.aliases = [*entity.aliases, n]
                known.add(identity_key(n))
        for n in names:
            k = (kind, identity_key(n))
            if long_forms and _ACRONYM.match(n) and n not in long_forms:
                # an acronym this paper defines: bare uses elsewhere may take this definition
                self._by_short.setdefault(k, key)
                self._defined.setdefault(key, identity_key(next(iter(long_forms))))
            else:
                self._by_name.setdefault(k, key)
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
            if identity_key(form) != identity_key(name) and identity_key(form) not in {
                identity_key(a) for a in aliases
            }:
                aliases.append(form)
        kind = registry.vote(g.type, [name, *aliases])
        if kind is not g.type:
            name = _display(kind, g.name())
            aliases = [a for a in aliases if identity_key(a) != identity_key(name)]
        entity = registry.resolve(kind, name, aliases, g.long_forms)
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
