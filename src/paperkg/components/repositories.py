"""Code repository links (GitHub, GitLab, Bitbucket) in every form abstracts write them.

``find_repositories`` is a pure function over text returning canonical ``host/owner/name`` keys with
their character spans; the spaCy component stores them on ``doc._.repositories``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["find_repositories", "normalise_repository"]

_URL = re.compile(
    r"(?<![\w.@/-])(?:https?://)?(?:www\.)?(github\.com|gitlab\.com|bitbucket\.org)\s?/\s?"
    r"([A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)/([A-Za-z0-9_.-]+)",
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


def normalise_repository(host: str, owner: str, name: str) -> str | None:
    """``host/owner/name`` with trailing punctuation and ``.git`` removed; None if not a repo."""
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
    for m in _URL.finditer(text):
        key = normalise_repository(m.group(1), m.group(2), m.group(3))
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
        doc._.repositories = find_repositories(doc.text) if "/" in doc.text else []
        return doc
