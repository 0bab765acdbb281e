"""The one name normaliser: the form under which two written names count as the same name."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_key"]


def name_key(name: str) -> str:
    """Normalised form for matching names: case, accents, hyphens/spaces and a plural 's' ignored.

    Digits and versions are kept, so ResNet-50 and ResNet-101 stay different.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[\s\-_/]+", " ", text)
    text = re.sub(r"[^a-z0-9. ]+", "", text).strip(" .")
    text = re.sub(r"(?<=[a-z]) (?=\d)", "", text)  # "imagenet 1k" == "imagenet1k" == "ImageNet-1K"
    if len(text) > 4 and text.endswith("s") and not text.endswith(("ss", "us", "is")):
        text = text[:-1]
    return text
