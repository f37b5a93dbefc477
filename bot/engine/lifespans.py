"""Birth and death dates written as a lifespan after a name, as encyclopedia articles open: "Nikola Tesla (Serbian
Cyrillic: Никола Тесла; 10 July 1856 – 7 January 1943) was a Serbian American inventor". "When was Tesla born?" is
its first date and "What year did Tesla die?" its second year, though the sentence says neither word."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..index.store import IndexData
from ..models import Passage, Sentence
from ..text.words import UPPER, terms
from .answer import ScoredSentence
from .phrases import Candidate
from .question import Question
from .retrieval import with_passage

# "born", "birth", "birthday": the first date; "died", "death": the second ("die" not where "did" was meant: "When die
# Tesla turn his attention...?")
_ASKS = re.compile(r"\b(?:(born|birth(?:day|date)?)|(died|dies|(?<!when )(?<!year )die|death|dead))\b", re.I)
# a year, with its day and month if given ("10 July 1856", "July 10, 1856", "c. 1185", "1185 BC")
_DATE = r"(?:\d{1,2}\s+[A-Z][a-z]+\s+|[A-Z][a-z]+\s+\d{1,2},\s+)?(?:c\.\s*)?\d{3,4}(?:\s+(?:AD|BC|BCE|CE)\b)?"
# the two dates that close a bracket: "(...; 10 July 1856 – 7 January 1943)", "(1185–1226)"
_SPAN = re.compile(rf"({_DATE})\s*[–—-]\s*({_DATE})\s*\)")
# the name the bracket follows ("Frédéric François Chopin", "Jochi")
_NAME = re.compile(rf"([{UPPER}][\w'’.-]*(?:\s+(?:(?:de|van|von|al|bin|ibn)\s+)?[{UPPER}][\w'’.-]*)*),?\s*$")
_YEAR = re.compile(r"\d{3,4}")
# "When did Tesla's father die?" asks another person's date than the lifespan after Tesla's name
_KIN = re.compile(r"\b(?:father|mother|parents?|wife|husband|son|daughter|children|child|brother|sister|uncle|aunt|"
                  r"grand\w+|cousin|nephew|niece|widow|heir|successor|predecessor|wives|sons|daughters|brothers|"
                  r"sisters)\b", re.I)
LOOK = 40  # the best-ranked sentences looked through
LIFE = (20, 120)  # the years between two dates in a bracket that make a lifespan (not a term of office: "(2017–2022)")


def lifespan_first(question: Question, ranked: list[ScoredSentence], passages: list[Passage],
                   index: IndexData) -> tuple[list[ScoredSentence], list[Passage]]:
    """`ranked` with the first of its best sentences that gives the asked-about person's lifespan first, the date
    asked for (birth or death) its phrase, or else the opening sentence of the best sentence's article, whose
    passage then joins `passages`; else both as they are."""
    asked = _ASKS.search(question.text)
    if question.kind not in ("when", "date", "year") or not asked or not question.entities or not ranked \
            or _KIN.search(question.text):
        return ranked, passages
    which, year_only = 1 if asked.group(1) else 2, question.kind == "year"
    names = set(question.entities)
    sentences = index.sentences
    for at, item in enumerate(ranked[:LOOK]):
        phrase = _lifespan_date(sentences[item.sid].text, names, which, year_only)
        if phrase is not None:
            chosen = replace(item, phrase=phrase, first=-1, last=-1, wants_phrase=True)
            return [chosen, *ranked[:at], *ranked[at + 1:]], passages
    # an article about a person opens with the lifespan, which the passages retrieved for its other sentences
    # may leave out ("In what year was Nikola Tesla born?": every passage names Tesla)
    opening = _opening_sentence(ranked[0].sid, sentences)
    phrase = _lifespan_date(sentences[opening].text, names, which, year_only)
    if phrase is None:
        return ranked, passages
    chosen = replace(ranked[0], sid=opening, phrase=phrase, first=-1, last=-1, wants_phrase=True)
    return [chosen, *ranked], with_passage(passages, index.chunks[index.sentence_chunk[opening]], opening)


def _opening_sentence(sid: int, sentences: Sequence[Sentence]) -> int:
    """The first sentence of sentence `sid`'s article (an article's sentences are stored in a row)."""
    article = sentences[sid].article_id
    while sid > 0 and sentences[sid - 1].article_id == article:
        sid -= 1
    return sid


def _lifespan_date(sentence: str, names: set[str], which: int, year_only: bool) -> Candidate | None:
    """The birth (`which` 1) or death (2) date of a lifespan in the sentence that follows one of `names`."""
    for m in _SPAN.finditer(sentence):
        opened = _opening(sentence, m.start())
        if opened < 0:
            continue
        name = _NAME.search(sentence[:opened])
        if not name or not set(terms(name.group(1))) & names:
            continue
        born, died = (int(_YEAR.findall(m.group(i))[-1]) for i in (1, 2))
        if not LIFE[0] <= died - born <= LIFE[1]:
            continue  # "Former President Moon Jae-in (2017–2022)": a term of office, not a life
        date, start = m.group(which), m.start(which)
        answer = _YEAR.findall(date)[-1] if year_only else date
        return Candidate(start, start + len(date), date, answer)
    return None


def _opening(sentence: str, at: int) -> int:
    """Where the bracket open at `at` opens (brackets inside it closed: "( listen)"), or -1."""
    depth = 0
    for i in range(at - 1, -1, -1):
        if sentence[i] == ")":
            depth += 1
        elif sentence[i] == "(":
            if depth == 0:
                return i
            depth -= 1
    return -1
