"""Questions for someone's full name ("What is Ambassador Park's full name?", "「朴大使」のフルネームは何ですか？"):
the answer is the one person the retrieved sentences name in full with that name in it ("Park Cheol-hee"), not
whoever the sentence names first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..models import Sentence
from ..text.words import words
from .answer import ScoredSentence
from .phrases import POSSESSIVE, people
from .question import ROLE_OF, TITLES

_ASKS = re.compile(r"\b(?:full|whole|complete)\s+name\b|풀\s*네임|전체\s*이름|フルネーム|氏名", re.I)


def asks_full_name(question: str) -> bool:
    """Whether the question asks for someone's full name ("full name", 풀네임, フルネーム, 氏名)."""
    return bool(_ASKS.search(question))


def named_in(question: str, spelled: Iterable[str] = ()) -> set[str]:
    """The words of the question that may be part of someone's name, lower case (`spelled`: the English
    spellings of names a Korean or Japanese question writes in its own script)."""
    found = {POSSESSIVE.sub("", w) for w in words(question)} - TITLES - ROLE_OF.keys()
    return found | {w for s in spelled for w in words(s)}


def full_name_first(question: str, ranked: list[ScoredSentence], sentences: Sequence[Sentence],
                    spelled: Iterable[str] = ()) -> list[ScoredSentence]:
    """`ranked` with the sentence that names the asked-about person in full first, the name its phrase, when
    the retrieved sentences give exactly one full name (two words or more) holding a word of the question;
    else `ranked` as it is ("What is Funakoshi's first name?": the sources never give one)."""
    if not asks_full_name(question):
        return ranked
    asked = named_in(question, spelled)
    found: dict[str, tuple[int, int]] = {}  # full name -> (index in ranked, offset in its sentence)
    for n, item in enumerate(ranked):
        for person in people(sentences[item.sid].text):
            parts = person.text.lower().split()
            if len(parts) >= 2 and asked & {p for part in parts for p in (part, *part.split("-"))}:
                found.setdefault(person.text, (n, person.start))
    if len(found) != 1:
        return ranked
    name, (n, start) = next(iter(found.items()))
    phrase = next(p for p in people(sentences[ranked[n].sid].text) if p.start == start)
    best = replace(ranked[n], phrase=replace(phrase, answer=name), first=-1, last=-1)
    return [best, *ranked[:n], *ranked[n + 1:]]
