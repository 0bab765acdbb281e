"""Acronym definitions, "Long Form (LF)", found with the Schwartz & Hearst (2003) algorithm.

The algorithm is a few pure functions over strings and token lists; the spaCy component at the end
only runs them over each sentence and stores the pairs on ``doc._.abbreviations``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from paperkg.components.tokens import token_table

__all__ = ["AbbreviationPair", "find_abbreviations", "long_form_start", "short_form_ok"]


@dataclass(frozen=True, slots=True)
class AbbreviationPair:
    """A defined acronym: token spans [start, end) of the long and the short form."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int


def short_form_ok(short: str) -> bool:
    """Schwartz-Hearst's short-form test: 2-10 chars, starts alphanumeric, has a capital letter."""
    if not 2 <= len(short) <= 10 or not short[0].isalnum():
        return False
    if not any(c.isupper() for c in short) or len(short.split()) > 2:
        return False
    return any(c.isalpha() for c in short)


def long_form_start(short: str, long: str) -> int | None:
    """Index in ``long`` where the long form of ``short`` begins, or None when no match.

    Walks the short form right to left, finding each letter or digit in the long form, also right to
    left; the short form's first character must begin a word of the long form.
    """
    s = len(short) - 1
    i = len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = i + 1
    # back up to the beginning of the word that holds the first matched character
    while start > 0 and long[start - 1].isalnum():
        start -= 1
    return start


def _match_tokens(words: Sequence[str], short: str) -> int | None:
    """Number of trailing ``words`` that make the long form of ``short`` (None when none do)."""
    max_words = min(len(short) + 5, len(short) * 2)
    window = list(words[-max_words:])
    text = " ".join(window)
    start = long_form_start(short, text)
    if start is None:
        return None
    n = len(text[start:].split(" "))
    if n < 1 or (n == 1 and len(window[-1]) <= len(short)):
        return None
    return n


def find_abbreviations(words: Sequence[str]) -> list[AbbreviationPair]:
    """All "long form ( SF )" definitions in a token list (one sentence's tokens)."""
    pairs: list[AbbreviationPair] = []
    for i, tok in enumerate(words):
        if tok != "(":
            continue
        for close in (i + 2, i + 3):
            if close < len(words) and words[close] == ")":
                short = "".join(words[i + 1 : close]) if close == i + 2 else " ".join(words[i + 1 : close])
                if not short_form_ok(short):
                    break
                left = list(words[:i])
                # a long form never crosses a clause boundary
                cut = max(
                    (k for k, w in enumerate(left) if w in {",", ";", ":", "(", ")", ".", "—"}), default=-1
                )
                n = _match_tokens(left[cut + 1 :], short)
                if n:
                    pairs.append(AbbreviationPair(i - n, i, i + 1, close))
                break
        else:
            # the reverse order, "SF (Long Form)": ARTE (Aligning TeacheR with StudenT PreferencEs)
            if i > 0 and short_form_ok(words[i - 1]) and words[i - 1].isalnum():
                close = next((k for k in range(i + 2, min(i + 13, len(words))) if words[k] == ")"), None)
                if close is not None and _reverse_match(words[i + 1 : close], words[i - 1]):
                    pairs.append(AbbreviationPair(i + 1, close, i - 1, i))
    return pairs


def _reverse_match(inside: Sequence[str], short: str) -> bool:
    """True when the words inside the parentheses are, from their first word, a long form of ``short``."""
    if len(inside) < 2 or any(w in {",", ";", "(", "."} for w in inside):
        return False
    text = " ".join(inside)
    start = long_form_start(short, text)
    return start == 0 and text[0].lower() == short[0].lower()


if not Doc.has_extension("abbreviations"):
    Doc.set_extension("abbreviations", default=[])


@Language.factory("paperkg_abbreviations")
def make_abbreviation_detector(nlp: Language, name: str) -> AbbreviationDetector:
    return AbbreviationDetector()


class AbbreviationDetector:
    """Stores ``(long_span, short_span)`` pairs on ``doc._.abbreviations``."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[Span, Span]] = []
        tt = token_table(doc)
        for base, end in tt.sentences:
            words = tt.text[base:end]
            if "(" not in words:  # every definition has a parenthesis
                continue
            for p in find_abbreviations(words):
                found.append(
                    (
                        doc[base + p.long_start : base + p.long_end],
                        doc[base + p.short_start : base + p.short_end],
                    )
                )
        doc._.abbreviations = found
        return doc
