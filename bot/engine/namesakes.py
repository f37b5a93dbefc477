"""Namesakes: "When did Harold Venn raise the matter?" is not answered by what Ruth Venn did, nor "How old is Henrik
Lund?" by "Elin Lund, 15,"."""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.words import COMMON_WORD, english_words, words
from .phrases import POSSESSIVE, people
from .question import HONOURS, ROLE_OF, TITLES

# a first word this common in English is no given name ("Western Europe", "Central Europe"; "harold": 1,389)
GIVEN_NAME_MOST = 10_000


def namesake_only(question: str, sentence: str) -> bool:
    """Whether `sentence` names someone by first name and surname who shares the surname (no common English word:
    not the "Act" of two laws) of a person the question names in full, no first name in common, and does not name
    that person."""
    asked = _full_names(question)
    if not asked:
        return False
    named = _full_names(sentence)
    said: list[str] | None = None
    for a in asked:
        others = [n for n in named if n[-1] == a[-1] and not set(n[:-1]) & set(a[:-1])]
        if not others:
            continue
        said = said or [POSSESSIVE.sub("", w) for w in words(sentence)]  # "Venn's sister" names Venn
        # the surname alone besides the namesakes' may be the person asked about ("Venn studied with Ruth Venn")
        if not set(a) <= set(said) and said.count(a[-1]) <= len(others):
            return True
    return False


@lru_cache(maxsize=4096)
def _full_names(text: str) -> tuple[tuple[str, ...], ...]:
    """The people `text` names by two words or more, each as its lower-cased words, whose first word may be a given
    name and whose last a surname."""
    found = [parts for c in people(text) if len(parts := _given_and_surname(c.text)) >= 2]
    common = english_words() if found else {}  # (loaded only when a name is found: most questions name nobody)
    return tuple(parts for parts in found
                 if common.get(parts[-1], 0) < COMMON_WORD and common.get(parts[0], 0) < GIVEN_NAME_MOST)


def _given_and_surname(name: str) -> tuple[str, ...]:
    """A name's words, lower-cased, without the titles before it ("Councillor Venn" is no first name and a surname)."""
    parts = re.split(r"[\s–-]+", name.lower())
    while parts and parts[0] in _BEFORE_A_NAME:
        parts = parts[1:]
    return tuple(parts)


# titles, roles, honours, and these, which open other names too, but not a namesake's ("Lady Venn" is no given name)
_BEFORE_A_NAME = frozenset(TITLES | set(ROLE_OF) | HONOURS | {"dame", "sir", "lord", "lady", "justice", "father",
                                                              "sister", "brother", "coach", "captain"})
