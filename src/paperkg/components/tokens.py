"""Token table: plain Python lists of a ``Doc``'s token attributes, built once per document.

Rules and candidate generators look at thousands of tokens per abstract; creating a spaCy ``Token``
object for every look is most of their cost. :func:`token_table` reads each attribute once and keeps
the lists on ``doc.user_data``, so every later reader shares them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

__all__ = ["TokenTable", "doc_text", "sentence_bounds", "token_table"]

_KEY = "paperkg_tokens"
_TEXT_KEY = "paperkg_text"


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
    sentences: list[tuple[int, int]]  # token bounds [start, end) of each sentence
    like_num: list[bool]  # spaCy's LIKE_NUM: "10", "10.5", "ten", "1/2"
    idx: list[int]  # character offset of the token in the document

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens [start, end) (``doc[start:end].start_char``, ``end_char``)."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])

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


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """The token bounds [start, end) of ``doc.sents``, read from one array instead of a Python loop
    over every token (``doc.sents`` itself stays the reference: hooks, errors, empty documents)."""
    if not len(doc) or "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [(sent.start, sent.end) for sent in doc.sents]
    # doc.sents starts a sentence at token 0 and at every later token whose sent_start is 1
    starts = [0] + [i for i in (doc.to_array("SENT_START") == 1).nonzero()[0].tolist() if i > 0]
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


def token_table(doc: Doc) -> TokenTable:
    """The document's token table (built on first use, then cached on the ``Doc``)."""
    table = doc.user_data.get(_KEY)
    if table is None:
        # array reads instead of a Token object per token and attribute; LOWER, IS_ALPHA and IS_DIGIT
        # are str.lower, str.isalpha and str.isdigit of the text in spaCy's English vocabulary,
        # cheaper to apply here than to read as 64-bit hashes and flags
        n = len(doc)
        strings = doc.vocab.strings
        text = [strings[h] for h in doc.to_array("ORTH").tolist()] if n else []
        lower = [t.lower() for t in text]
        alpha = [t.isalpha() for t in text]
        digit = [t.isdigit() for t in text]
        idx, space, like_num = doc.to_array(["IDX", "SPACY", "LIKE_NUM"]).T.tolist() if n else ([], [], [])
        space = [v == 1 for v in space]
        like_num = [v == 1 for v in like_num]
        start, end, sid = [0] * n, [n] * n, [0] * n
        sentences = sentence_bounds(doc)
        for k, (s, e) in enumerate(sentences):
            start[s:e] = [s] * (e - s)
            end[s:e] = [e] * (e - s)
            sid[s:e] = [k] * (e - s)
        table = TokenTable(text, lower, space, alpha, digit, start, end, sid, sentences, like_num, idx)
        doc.user_data[_KEY] = table
    return table


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document from the token table and cached on the ``Doc``
    (``doc.text`` itself joins a new string from every token on each read)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        tt = token_table(doc)
        text = doc.user_data[_TEXT_KEY] = "".join(
            [t + " " if sp else t for t, sp in zip(tt.text, tt.space, strict=True)]
        )
    return text
