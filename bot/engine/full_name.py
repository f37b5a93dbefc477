"""Questions for someone's full name ("What is Ambassador Park's full name?", "「朴大使」のフルネームは何ですか？"):
the answer is the one person the retrieved sentences name in full with that name in it ("Park Cheol-hee"), not
whoever the sentence names first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..models import Sentence
from ..text.words import UPPER, words
from .answer import ScoredSentence
from .phrases import POSSESSIVE, people
from .question import ROLE_OF, TITLES

_ASKS = re.compile(r"\b(?:full|whole|complete|first|given)\s+name\b|풀\s*네임|전체\s*이름|フルネーム|氏名|"
                   r"下の名前|ファーストネーム", re.I)


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
    found = _full_names(question, ranked, sentences, spelled)
    if len(found) != 1:
        return ranked
    name, (n, start) = next(iter(found.items()))
    phrase = next(p for p in people(sentences[ranked[n].sid].text) if p.start == start)
    best = replace(ranked[n], phrase=replace(phrase, answer=name), first=-1, last=-1)
    return [best, *ranked[:n], *ranked[n + 1:]]


def never_given_in_full(question: str, ranked: Sequence[ScoredSentence], sentences: Sequence[Sentence],
                        spelled: Iterable[str] = ()) -> bool:
    """Whether a question for someone's full or first name names a person the retrieved sentences call only by
    one name ("What is Vice Foreign Minister Funakoshi's full name?", "船越次官の下の名前は?"): the sources do not
    give it."""
    whose = _whose(question, spelled)
    if not whose or not asks_full_name(question) or _full_names(question, ranked, sentences, spelled):
        return False
    return any(person.text.lower() in whose for item in ranked for person in people(sentences[item.sid].text))


# whose name is asked: "Funakoshi's full name", "the full name of Vice Minister Funakoshi"
_POSSESSOR = re.compile(rf"([{UPPER}][\w-]*)['’]s\s+(?:full|whole|complete|first|given)\s+name|"
                        r"(?:full|whole|complete|first|given)\s+name\s+of\s+(?:the\s+)?"
                        rf"(?:[{UPPER}][\w-]*\s+){{0,4}}([{UPPER}][\w-]*)")


def _whose(question: str, spelled: Iterable[str]) -> set[str]:
    """The name whose full form a question asks for, lower case: the word before "'s full name" or the last of
    the capitalised words right after "full name of" in English; in Korean and Japanese, the names heard in the question
    (`spelled`), which is all they can name."""
    found = {w.lower() for m in _POSSESSOR.finditer(question) for w in m.groups() if w}
    return found | {w for s in spelled for w in words(s)}


def _full_names(question: str, ranked: Sequence[ScoredSentence], sentences: Sequence[Sentence],
                spelled: Iterable[str]) -> dict[str, tuple[int, int]]:
    """The full names (two words or more) the retrieved sentences give holding a word of the question, each with
    the index in `ranked` and the offset in its sentence where it is first given."""
    asked = named_in(question, spelled)
    found: dict[str, tuple[int, int]] = {}
    for n, item in enumerate(ranked):
        for person in people(sentences[item.sid].text):
            parts = person.text.lower().split()
            if len(parts) >= 2 and asked & {p for part in parts for p in (part, *part.split("-"))}:
                found.setdefault(person.text, (n, person.start))
    return found
