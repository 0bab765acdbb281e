"""Resolve: group a paper's mentions into entities and give each entity a stable id across papers.

Within a paper, mentions with the same normalised name, and acronyms with their long forms, become
one :class:`PaperEntity` whose provisional key is ``entity_key(type, name)``. Across papers, names
that may match (normalised names and long forms; bare acronyms only through their long form) link
provisional keys, so "ImageNet-1K" / "ImageNet 1k", "Gaussian process" / "Gaussian processes" or
"Learnable Weight Clipping" / "LWC" (when the acronym was defined) are one node, while different
versions ("ResNet-50", "ResNet-101") stay apart.

Builds resolve with :class:`NameStats` + :func:`resolve_keys`: a keyed aggregation (connected
components over provisional keys, then a name chosen by counts) whose result does not depend on the
order or the partitioning of the papers, so a build on a Dask cluster equals a local one. A bare
acronym joins the entity the build defines it as when one definition clearly dominates.
:class:`EntityRegistry` is the streaming variant for per-paper output (``paperkg extract``): one name
has one type (each paper's type is a vote, the majority so far wins), a bare "SVM" joins the entity
the build saw it defined as, and keys are final as soon as a paper is seen, at the price of
depending on input order.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from paperkg.extract import DocMentions
from paperkg.models import Entity, EntityType, Mention, PaperEntity, PaperExtraction
from paperkg.names import identity_key, name_key

__all__ = [
    "EntityRegistry",
    "KeyMap",
    "NameStats",
    "ResolveOptions",
    "entity_key",
    "local_entities",
    "matchable",
    "name_key",
    "resolve_keys",
    "resolve_paper",
]

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]{0,9}s?$")


def entity_key(kind: EntityType, name: str) -> str:
    """The stable node id of an entity: ``<type>:<slug of its normalised name>``."""
    return f"{kind.value}:{_slug(name_key(name))}"


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", key).strip("-") or "x"


def matchable(names: Iterable[str], long_forms: set[str]) -> list[str]:
    """The names that may match other papers' names: bare acronyms only through a long form."""
    return [
        n for n in names if n in long_forms or not (_ACRONYM.match(n) and n not in long_forms and long_forms)
    ]


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


@dataclass(frozen=True)
class LocalEntity:
    """One paper's entity before cross-paper resolution: provisional key, and the provisional keys of
    its other matchable names (the links :func:`resolve_keys` follows)."""

    paper_entity: PaperEntity
    links: tuple[str, ...]
    long_forms: frozenset[str]
    raw_name: str


def local_entities(doc: DocMentions, options: ResolveOptions | None = None) -> list[LocalEntity]:
    """One paper's entities with provisional keys (``entity_key(type, name)``), in text order."""
    options = options or ResolveOptions()
    title_end = len(doc.paper.title)
    groups = [g for g in _group_mentions(doc) if g.confidence >= options.min_confidence]
    tasks = [g for g in groups if g.type is EntityType.TASK]
    tasks.sort(key=lambda g: (min(m.start for m in g.mentions) >= title_end, -len(g.mentions), -g.confidence))
    keep_tasks = {id(g) for g in tasks[: options.max_tasks]}
    out: list[LocalEntity] = []
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
        key = entity_key(g.type, name)
        names = matchable([name, *aliases], g.long_forms)
        if g.long_forms:
            # a short form this paper defines links only through its long form, also when the display
            # lower-cased it (task "DA" -> "da"), else every "DA" of the build would meet at one key
            shorts = {identity_key(s) for s in g.short_forms}
            names = [n for n in names if identity_key(n) not in shorts]
        links = {entity_key(g.type, n) for n in names} - {key}
        # spelling variants ("U-Net" / "UNet", "Mask R-CNN" / "MaskRCNN") meet at a shared identity node
        links |= {f"{g.type.value}:~{identity_key(n)}" for n in names}
        pe = PaperEntity(
            entity=Entity(key=key, type=g.type, name=name, aliases=aliases),
            name=name,
            aliases=aliases,
            proposed=g.proposed,
            confidence=round(g.confidence, 3),
            mentions=g.mentions,
        )
        out.append(LocalEntity(pe, tuple(sorted(links)), frozenset(g.long_forms), g.name()))
    out.sort(key=lambda le: le.paper_entity.mentions[0].start)
    return out


def resolve_paper(
    doc: DocMentions, registry: EntityRegistry | None = None, options: ResolveOptions | None = None
) -> PaperExtraction:
    """One paper's entities; with a ``registry``, registered there (keys final across papers in input
    order), else with provisional keys for :func:`resolve_keys`."""
    entities = []
    for le in local_entities(doc, options):
        pe = le.paper_entity
        if registry is not None:
            kind = registry.vote(pe.entity.type, [pe.name, *pe.aliases])
            if kind is not pe.entity.type:
                pe.name = _display(kind, le.raw_name)
                pe.aliases = [a for a in pe.aliases if identity_key(a) != identity_key(pe.name)]
            pe.entity = registry.resolve(kind, pe.name, pe.aliases, set(le.long_forms))
        entities.append(pe)
    return PaperExtraction(
        paper=doc.paper, entities=entities, repositories=doc.repositories, results=doc.results
    )


@dataclass
class NameStats:
    """What a partition of papers tells the cross-paper resolver, mergeable in any order.

    ``links``: pairs of provisional keys that one paper gave to one entity (a long form and a
    versioned short form, say). ``names``/``forms``: per provisional key, how many paper entities
    used each text as their name, and as any of their forms.
    """

    links: set[tuple[str, str]] = field(default_factory=set)
    names: Counter[tuple[str, str]] = field(default_factory=Counter)
    forms: Counter[tuple[str, str]] = field(default_factory=Counter)
    definitions: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, le: LocalEntity) -> None:
        pe = le.paper_entity
        key = pe.entity.key
        for other in le.links:
            self.links.add((key, other) if key < other else (other, key))
        self.names[(key, pe.name)] += 1
        for form in (pe.name, *pe.aliases):
            self.forms[(key, form)] += 1
        if le.long_forms:
            for form in pe.aliases:
                if _ACRONYM.match(form) and form not in le.long_forms:
                    self.definitions[(entity_key(pe.entity.type, form), key)] += 1

    def merge(self, other: NameStats) -> NameStats:
        """Add ``other`` into this one (and return it)."""
        self.links |= other.links
        self.names.update(other.names)
        self.forms.update(other.forms)
        self.definitions.update(other.definitions)
        return self


@dataclass
class KeyMap:
    """The result of cross-paper resolution: final keys and the entity nodes.

    ``renamed`` maps each provisional key whose entity got another key; every other provisional
    key is final as it is. ``entities`` holds ``(key, name, aliases)`` sorted by key.
    """

    renamed: dict[str, str]
    entities: list[tuple[str, str, list[str]]]

    def key(self, provisional: str) -> str:
        return self.renamed.get(provisional, provisional)


def _union_find(links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Parent pointers whose roots are the smallest key of each component (so any link order gives
    the same roots)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in sorted(links):
        ra, rb = find(a), find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            parent[hi] = lo
    for x in list(parent):
        find(x)
    return parent


def _aliases(name: str, forms: Counter[str]) -> list[str]:
    """Each other spelling once (its most used form), most used first."""
    best: dict[str, tuple[int, str]] = {}
    for form, n in forms.items():
        k = identity_key(form)
        if k == identity_key(name):
            continue
        if k not in best or (-n, form) < (-best[k][0], best[k][1]):
            best[k] = (n, form)
    return [form for n, form in sorted(best.values(), key=lambda t: (-t[0], t[1]))]


def _types(stats: NameStats) -> dict[str, str]:
    """Provisional keys whose name the build gives another type: one name, one type, the type most
    paper entities gave it (over the whole build; ties keep the key's own type)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for (key, form), n in stats.forms.items():
        votes[name_key(form)][key.split(":", 1)[0]] += n
    retyped: dict[str, str] = {}
    for key, name in stats.names:
        kind, slug = key.split(":", 1)
        counts = votes[name_key(name)]
        best = max(counts, key=lambda k: (counts[k], k == kind, k))
        if best != kind:
            retyped[key] = f"{best}:{slug}"
    return retyped


def _definition_links(
    stats: NameStats, canon: Callable[[str], str], parent: dict[str, str]
) -> set[tuple[str, str]]:
    """Bare acronyms ("SVM" in a paper that never spells it out) joined to the entity the build defines
    them as ("support vector machines (SVM)" elsewhere), when one definition clearly dominates: at least
    twice as many papers as any other (an acronym with rival meanings stays apart)."""
    bare = {canon(key) for key, _ in stats.names}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for (acronym, defined), n in stats.definitions.items():
        a, d = canon(acronym), canon(defined)
        if a in bare and a.split(":", 1)[0] == d.split(":", 1)[0]:
            votes[a][parent.get(d, d)] += n
    out: set[tuple[str, str]] = set()
    for a, counts in votes.items():
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
            out.add(tuple(sorted((a, ranked[0][0]))))
    return out


def _typed_link(a: str, b: str) -> tuple[str, str]:
    """A link with its spelling-variant node (``type:~identity``) moved to the type of the key it
    links, so a key the vote retyped meets its variants there, not its old type's."""
    kind_a, slug_a = a.split(":", 1)
    kind_b, slug_b = b.split(":", 1)
    if slug_b.startswith("~") and not slug_a.startswith("~"):
        b = f"{kind_a}:{slug_b}"
    elif slug_a.startswith("~") and not slug_b.startswith("~"):
        a = f"{kind_b}:{slug_a}"
    return (a, b) if a < b else (b, a)


def resolve_keys(stats: NameStats) -> KeyMap:
    """Entities across papers: each name takes the type most papers gave it, then connected
    components of linked provisional keys, each named by the name most papers use (ties: the
    smallest text), keyed by that name. Order-independent."""
    retyped = _types(stats)

    def canon(key: str) -> str:
        return retyped.get(key, key)

    def shown(key: str, name: str) -> str:
        return _display(EntityType(canon(key).split(":", 1)[0]), name) if key in retyped else name

    links = {_typed_link(canon(a), canon(b)) for a, b in stats.links}
    parent = _union_find(links | _definition_links(stats, canon, _union_find(links)))
    names: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for (key, name), n in stats.names.items():
        root = parent.get(canon(key), canon(key))
        names[root][shown(key, name)] += n
        kinds[root][canon(key).split(":", 1)[0]] += n
    for (key, form), n in stats.forms.items():
        forms[parent.get(canon(key), canon(key))][shown(key, form)] += n
    final: dict[str, str] = {}
    entities: list[tuple[str, str, list[str]]] = []
    for root, counts in names.items():
        name = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        # the type most of its paper entities have (the root is only the smallest key of the component)
        kind = min(kinds[root].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        key = entity_key(EntityType(kind), name)
        final[root] = key
        entities.append((key, name, _aliases(name, forms[root])))
    renamed: dict[str, str] = {}
    for key, _ in stats.names:
        c = canon(key)
        target = final[parent.get(c, c)]
        if target != key:
            renamed[key] = target
    entities.sort()
    return KeyMap(renamed, entities)
