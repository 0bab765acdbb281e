"""Code repository links (GitHub, GitLab, Bitbucket) in every form abstracts write them.

``find_repositories`` is a pure function over text returning canonical ``host/owner/name`` keys with
their character spans; the spaCy component stores them on ``doc._.repositories``.

Abstracts come from PDF and LaTeX extraction, so links arrive damaged in a few recurring ways that
the pattern tolerates: a space inside the scheme or host (``https: //github. com/...``), text glued
before the scheme (``fromhttps://``, ``\\urlhttps://``, footnote marks ``11https://``), a space or
line break after a ``/``, a word split at a hyphen by a line break (``Human- Trajectory``), and two
links glued together (``.../Sealinghttps://github.com/...``). The canonical key drops the scheme,
``www.``, ``.git``, trailing punctuation and any deeper path.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from paperkg.components.tokens import doc_text

__all__ = ["find_repositories", "normalise_repository"]

# One path segment: letters, digits, ``-``, ``_``, ``.``. A ``-`` or ``_`` followed by one space is a
# name split by a line break (``Human- Trajectory``); the segment stops where a second link is glued
# on (``.../Sealinghttps://...``, ``.../Volcanogithub.com/...``).
_GLUED = r"https?:|www\.|(?:github|gitlab)\.com/|bitbucket\.org/"
_SEGMENT = rf"[A-Za-z0-9_](?:(?!{_GLUED})(?:[A-Za-z0-9.]|[-_](?:[ \t](?=[A-Za-z0-9]))?))*"
_URL = re.compile(
    # Scheme or "//" (misspelt "htps", colon lost, spaces inside): anything may be glued before it.
    # Without one the host must not continue a domain, path or e-mail address ("x.github.com").
    r"(?:(?:(?:https?|htps?)[ \t]?:?[ \t]?)?/[ \t]?/[ \t]?(?:www\.)?|(?<![.@/-])(?:www\.)?)"
    r"(?P<host>github[ \t]?\.[ \t]?com|gitlab[ \t]?\.[ \t]?com|bitbucket[ \t]?\.[ \t]?org)(?![\w.-])"
    rf"\s?/{{1,2}}\s{{0,2}}(?P<owner>{_SEGMENT})\s?/(?P<gap>\s{{0,2}})(?P<name>{_SEGMENT})",
    re.IGNORECASE,
)
# First path segments that are site pages, not owners.
_NOT_OWNERS = {
    "orgs",
    "features",
    "topics",
    "sponsors",
    "marketplace",
    "about",
    "settings",
    "explore",
    "users",
}
_HOST_WORD = re.compile(r"github|gitlab|bitbucket", re.IGNORECASE)  # cheap test before the full pattern
_SPACE = re.compile(r"\s+")
# After a gap ("github.com/owner/ Name") the name must look like one (a capital, digit, "-", "_" or
# ".") or close the sentence; "github.com/owner/ and the data" is an owner page followed by prose.
_NAME_LIKE = re.compile(r"[A-Z0-9_.-]")
_CLOSES = re.compile(r"\s*(?:[.,;:)\]}\"']|$)")


def normalise_repository(host: str, owner: str, name: str) -> str | None:
    """``host/owner/name`` with spaces, trailing punctuation and ``.git`` removed; None if not a repo."""
    host, owner, name = (_SPACE.sub("", part) for part in (host, owner, name))
    name = name.rstrip(".,;:")
    if name.lower().endswith(".git"):
        name = name[:-4]
    name = name.rstrip(".")
    if not name or owner.lower() in _NOT_OWNERS:
        return None
    return f"{host.lower()}/{owner}/{name}"


def find_repositories(text: str) -> list[tuple[str, int, int]]:
    """``(key, start, end)`` for each repository link, first occurrence of each key only."""
    seen: set[str] = set()
    out: list[tuple[str, int, int]] = []
    if not _HOST_WORD.search(text):
        return out
    for m in _URL.finditer(text):
        name = m.group("name").rstrip(".,;:")
        if name.endswith("_") and text[m.start() - 1 : m.start()] == "_":
            name = name[:-1]  # Markdown italics: _https://github.com/owner/name_
        if m.group("gap") and not (_NAME_LIKE.search(name) or _CLOSES.match(text, m.end())):
            continue
        key = normalise_repository(m.group("host"), m.group("owner"), name)
        if key and key.lower() not in seen:
            seen.add(key.lower())
            out.append((key, m.start(), m.end()))
    return out


if not Doc.has_extension("repositories"):
    Doc.set_extension("repositories", default=[])


@Language.factory("paperkg_repositories")
def make_repository_finder(nlp: Language, name: str) -> RepositoryFinder:
    return RepositoryFinder()


class RepositoryFinder:
    """Stores ``(key, start_char, end_char)`` triples on ``doc._.repositories``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.repositories = find_repositories(doc_text(doc))
        return doc
