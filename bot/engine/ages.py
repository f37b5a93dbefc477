"""A person's age, asked "how old" or "what age": "Seventeen-year-old Anika Sorell", "Graham Pettifer, 54,", "the
19-year-old", "died aged 87", "at the age of 12"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text.amounts import DIGITS, IN_WORDS
from ..text.words import UPPER, term_set
from .phrases import Candidate

_ASKED = re.compile(r"\bhow\s+old\b|\bwhat\s+age\b|\bage\s+(?:is|was|of)\b|['’]s\s+age\b|\b(?:his|her|their)\s+age\b",
                    re.I)
_NUMBER = rf"{DIGITS}|{IN_WORDS}"
_NAME = rf"[{UPPER}][\w'’-]+(?:\s+[{UPPER}][\w'’-]+){{0,3}}"
# "Seventeen-year-old Anika Sorell", "the 19-year-old's", "a 54-year-old man"; with no name after it, only of a person:
# "the 19-year-old scored", not "the 300-year-old mill" (a lower-case word after it is a person's noun, or a verb)
_YEARS_OLD = re.compile(rf"\b(?P<age>(?:{_NUMBER})[\s-]years?[\s-]old)\b(?:['’]s\b|(?:\s+(?-i:[a-z]+))?\s+"
                        rf"(?P<name>(?-i:{_NAME}))|"
                        r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:man|woman|men|women|boy|girl|son|daughter|pupil|student|player|"
                        r"driver|rider|mother|father|teenager|was|is|has|had|who|said|says|scored|won|died|and)\b))",
                        re.I)
# "Graham Pettifer, 54, of Lower Sandby"
_AFTER_NAME = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME}),\s+(?P<age>\d{{1,3}})(?=,|\s+(?:and|who|was|is|has|had)\b)")
# "died aged 87", "aged 18 to 21", "at the age of sixteen"
_AGED = re.compile(rf"\b(?:aged|at\s+the\s+age\s+of)\s+(?P<age>(?:{_NUMBER})(?:\s*(?:to|-|–)\s*(?:{_NUMBER}))?)\b",
                   re.I)
_FRAME = {"old", "age", "ag"}


def asks_age(question: str) -> bool:
    """Whether the question asks how old someone is or was."""
    return bool(_ASKED.search(question))


def ages(sentence: str, asked: Sequence[str]) -> list[Candidate]:
    """The ages the sentence gives of the person asked about (`asked`: the question's terms): an age given with a
    name stands only where every asked term is in that name or elsewhere in the sentence, so "How old is Henrik
    Lund?" is not answered by "Elin Lund, 15,"."""
    wanted = set(asked) - _FRAME
    # ("deckhand" in "Seventeen-year-old deckhand Tom Ives" is left out of the name)
    named = [m for pattern in (_YEARS_OLD, _AFTER_NAME) for m in pattern.finditer(sentence)
             if _fits(sentence, m.group("name"), m.start("name"), m.end("name"), wanted)]
    found = [Candidate(m.start("age"), m.end("age"), m.group("age"), m.group("age"))
             for m in (*named, *_AGED.finditer(sentence))]
    return sorted(found, key=lambda c: c.start)


def _fits(sentence: str, name: str | None, start: int, end: int, wanted: set[str]) -> bool:
    if not name or not wanted:
        return True
    own = term_set(name)
    return bool(wanted & own) and wanted <= own | term_set(sentence[:start] + " " + sentence[end:])
