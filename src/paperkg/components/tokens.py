"""Token table: plain Python lists of a ``Doc``'s token attributes, built once per document.

Rules and candidate generators look at thousands of tokens per abstract; creating a spaCy ``Token``
object for every look is most of their cost. :func:`token_table` reads each attribute once and keeps
the lists on ``doc.user_data``, so every later reader shares them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

__all__ = ["TokenTable", "token_table"]

_KEY = "paperkg_tokens"


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token lists of one document (index = token index)."""

    text: list[str]
    lower: list[str]
    space: list[bool]  # a space follows the token
    alpha: list[bool]
    digit: list[bool]
    sent_start: list[int]  # index of the first token of the token's sentence
    sent_end: list[int]  # index after the last token of the token's sentence
    sent_id: list[int]

    def __len__(self) -> int:
        return len(self.text)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end) as the document writes it."""
        parts = []
        for i in range(start, end - 1):
            parts.append(self.text[i])
            if self.space[i]:
                parts.append(" ")
        parts.append(self.text[end - 1])
        return "".join(parts)


def token_table(doc: Doc) -> TokenTable:
    """The document's token table (built on first use, then cached on the ``Doc``)."""
    table = doc.user_data.get(_KEY)
    if table is None:
        text, lower, space, alpha, digit = [], [], [], [], []
        for t in doc:
            text.append(t.text)
            lower.append(t.lower_)
            space.append(bool(t.whitespace_))
            alpha.append(t.is_alpha)
            digit.append(t.is_digit)
        n = len(text)
        start, end, sid = [0] * n, [n] * n, [0] * n
        for k, sent in enumerate(doc.sents):
            s, e = sent.start, sent.end
            start[s:e] = [s] * (e - s)
            end[s:e] = [e] * (e - s)
            sid[s:e] = [k] * (e - s)
        table = TokenTable(text, lower, space, alpha, digit, start, end, sid)
        doc.user_data[_KEY] = table
    return table
