"""Result candidates: every number of a sentence that could state a result, found in one linear pass.

A candidate is a number with its sign, unit ("%", "x", "times", "-fold", "points") and, when written as
"A-B" or "A to B", the upper end of a range. Numbers inside names ("ResNet-50", "GPT-4", "CIFAR-10",
"AP_{3D}") are not candidates. Whether a candidate is a result, and of what kind, is decided later by the
trained model (:mod:`paperkg.results.model`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NumberCandidate", "find_numbers", "parse_number"]

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = r"(?:\s?%|\s?(?:x|X|×)(?![A-Za-z])|\s(?:times|points?|pp)\b|pp\b|-fold\b|\s?fold\b)"
_VALUE = re.compile(
    rf"(?P<sign>[~+±−-]|\+/-)?(?P<num>{_NUMBER})(?P<unit>{_UNIT})?"
    rf"(?:(?P<sep>\s?[-–]\s?|\sto\s)(?P<sign2>[~+−-])?(?P<num2>{_NUMBER})(?P<unit2>{_UNIT})?)?"
)
_DIGIT = re.compile(r"\d")
_UNITS = {"%": "%", "x": "x", "X": "x", "×": "x", "times": "x", "fold": "x", "-fold": "x", "point": "points"}
_UNITS |= {"points": "points", "pp": "points"}


@dataclass(frozen=True, slots=True)
class NumberCandidate:
    """One number of a text with its unit; offsets index into the text the candidate was found in."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    high: float | None = None  # upper end of "A-B" / "A to B"
    from_to: bool = False  # one of the two numbers of "from A to B"


def parse_number(text: str) -> tuple[float, str | None] | None:
    """``(value, unit)`` of a number as written: "91.5%", "+20%", "2x", "0.848", "~99.04%", "3 times"."""
    m = _VALUE.fullmatch(text.strip())
    if m is None or m.group("num2"):
        return None
    return _value(m.group("sign"), m.group("num")), _unit(m.group("unit"))


def _value(sign: str | None, num: str) -> float:
    v = float(num.replace(",", ""))
    return -v if sign in {"-", "−"} else v


def _unit(raw: str | None) -> str | None:
    return _UNITS.get(raw.strip().lstrip("-"), raw.strip()) if raw else None


def _inside_name(text: str, at: int) -> bool:
    """True where the number at ``at`` continues a word: "ResNet-50", "GPT-4", "x2", "AP_{3D}", "mAP@0.5"."""
    if at == 0:
        return False
    before = text[at - 1]
    if before.isalnum() or before in "_{.@^":
        return True
    return before in "-/" and at >= 2 and text[at - 2].isalnum()  # "CIFAR-10/100", "ResNet-50"


def _citation(text: str, start: int, end: int) -> bool:
    """True for a bare number inside square brackets: "[35]", "[3, 12]", "[7-9]"."""
    before = text[max(0, start - 6) : start]
    after = text[end : end + 6]
    return bool(re.search(r"\[(?:\d+,\s?)*$", before)) and bool(re.match(r"(?:,\s?\d+)*\]", after))


def find_numbers(text: str, offset: int = 0) -> list[NumberCandidate]:
    """The number candidates of ``text`` (offsets shifted by ``offset``), left to right. "from A to B"
    gives two candidates (``from_to`` set on both), "A-B" and "ranging from A to B" one range."""
    out: list[NumberCandidate] = []
    if not _DIGIT.search(text):
        return out  # every candidate has a digit; one plain scan rules most sentences out
    for m in _VALUE.finditer(text):
        start = m.start()
        if _inside_name(text, start) or (m.end() < len(text) and text[m.end()].isalpha()):
            continue  # "ResNet-50", "GPT-4", "3D", "1.3B"
        if _citation(text, start, m.end()):
            continue  # "in [35]", "[3, 12]": a reference, not a value
        sign = m.group("sign")
        if sign in {"-", "−"} and text[:start].rstrip()[-1:] in {":", ";", "("}:
            sign, start = None, m.start("num")  # a list bullet ("include: -83.3% ..."), not a minus sign
        unit = _unit(m.group("unit"))
        if m.group("num2") and _range_ok(m, text):
            words = text[max(0, start - 20) : start].lower().split()
            if words[-1:] == ["from"] and m.group("sep").strip() == "to" and words[-2:-1] != ["ranging"]:
                end = m.end("unit") if m.group("unit") else m.end("num")
                low = _value(sign, m.group("num"))
                unit2 = _unit(m.group("unit2")) or unit
                at = m.start("sign2") if m.group("sign2") else m.start("num2")
                out.append(
                    NumberCandidate(
                        start + offset, end + offset, text[start:end], low, unit or unit2, from_to=True
                    )
                )
                out.append(
                    NumberCandidate(
                        at + offset,
                        m.end() + offset,
                        text[at : m.end()],
                        _value(m.group("sign2"), m.group("num2")),
                        unit2,
                        from_to=True,
                    )
                )
                continue
            out.append(
                NumberCandidate(
                    start=start + offset,
                    end=m.end() + offset,
                    text=text[start : m.end()],
                    value=_value(sign, m.group("num")),
                    unit=unit or _unit(m.group("unit2")),
                    high=_value(m.group("sign2"), m.group("num2")),
                )
            )
            continue
        end = m.end("unit") if m.group("unit") else m.end("num")
        out.append(
            NumberCandidate(start + offset, end + offset, text[start:end], _value(sign, m.group("num")), unit)
        )
    return out


def _range_ok(m: re.Match[str], text: str) -> bool:
    """'A-B' or 'A to B' read as one range only when their units agree."""
    sep = m.group("sep").strip()
    u1, u2 = _unit(m.group("unit")), _unit(m.group("unit2"))
    return u1 == u2 or u1 is None or (u2 is None and sep != "to")
