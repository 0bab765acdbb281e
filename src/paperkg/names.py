"""Name normalisation: the one place that decides when two written names are the same name.

Two keys, used everywhere names are compared:

- :func:`name_key` identifies an entity's name: case, accents, hyphens/spaces/underscores and a
  plural ending are ignored, digits and versions kept ("ImageNet-1K" == "imagenet 1k",
  "Gaussian processes" == "Gaussian process", "ResNet-50" != "ResNet-101").
- :func:`identity_key` is :func:`name_key` without spaces: what entity resolution compares, so that
  "U-Net" / "UNet" and "Mask R-CNN" / "MaskRCNN" are one entity.
- :func:`match_key` is the evaluation's looser key (the project's scoring script): only letters and
  digits are kept, then a plural ending is dropped.

:func:`phrase_key` is the key of the corpus phrase statistics (every word singular, no punctuation).
:func:`words` gives the content words of a phrase (task matching and task de-duplication).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["STOP_WORDS", "identity_key", "match_key", "name_key", "phrase_key", "slug", "words"]

STOP_WORDS = frozenset({"the", "a", "an", "of", "for", "in", "on", "and", "to", "with", "via", "by"})

_SEPARATORS = re.compile(r"[\s\-_/\u2010-\u2015]+")
_NOT_KEPT = re.compile(r"[^a-z0-9. ]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z]) (?=\d)")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"[a-z0-9]+")


def _singular(text: str) -> str:
    if len(text) > 4 and text.endswith("ies"):
        return text[:-3] + "y"
    if len(text) > 4 and text.endswith(("sses", "xes", "ches", "shes")):
        return text[:-2]
    if len(text) > 3 and text.endswith("s") and not text.endswith(("ss", "us", "is")):
        return text[:-1]
    return text


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The identity key of a name: case, accents, separators and a plural ending ignored."""
    if name.isascii():  # NFKD and the ASCII filter leave ASCII text as it is
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _SEPARATORS.sub(" ", text)
    text = _NOT_KEPT.sub("", text).strip(" .")
    text = _LETTER_DIGIT.sub("", text)  # "imagenet 1k" == "imagenet1k" == "ImageNet-1K"
    return _singular(text)


@lru_cache(maxsize=65536)
def identity_key(name: str) -> str:
    """The key under which two names are one entity: :func:`name_key` without its spaces, so
    spelling variants meet ("U-Net" / "UNet", "Mask R-CNN" / "MaskRCNN", "Q-Learning" / "Qlearning",
    "support vec- tor machines" / "support vector machine", "Kullback–Leibler" / "Kullback-Leibler")."""
    return name_key(name).replace(" ", "")


def match_key(name: str) -> str:
    """The evaluation's key: letters and digits only, lower case, a plural 's' dropped."""
    s = _NON_ALNUM.sub("", name.lower())
    if len(s) > 4 and s.endswith("ies"):
        return s[:-3] + "y"
    return s[:-1] if len(s) > 3 and s.endswith("s") else s


def words(text: str) -> frozenset[str]:
    """Content words of a phrase, lower case, without the evaluation's stop words."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


def phrase_key(text: str) -> str:
    """A phrase's words, lower case, letters and digits only, each without a plural ending: the key of
    the corpus phrase statistics ("Multi-Task Learning" -> "multi task learning")."""
    return " ".join(map(_singular, _WORD.findall(text.lower())))


def slug(name: str) -> str:
    """A URL- and id-safe slug of a name's key ("method:omniquant")."""
    return re.sub(r"[^a-z0-9.]+", "-", name_key(name)).strip("-") or "x"
