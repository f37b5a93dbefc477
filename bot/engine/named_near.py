"""A question's names must stand near its answer: "What did Kuwait announce?" is not answered by "Libya
immediately announced it would embargo oil shipments", though the article names Kuwait elsewhere. SQuAD 2.0's
unanswerable questions are often written so, a name of the article swapped in; the engine halves the confidence of
an answer whose sentence, with the one before it (where a "he" or "it" is named), lacks one of the question's
names (docs/reader.md, "A name far from the answer")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Article, Sentence
from ..text.dates import MONTHS, WEEKDAYS
from ..text.words import query_terms, term_set
from .acronyms import spelled_out
from .answer import continues
from .phrases import COUNTRY_OF, ORGANISATIONS
from .question import Question

SHORTEST_STEM = 4  # a name and a word this long or longer, one the start of the other, match ("Kuwait", "Kuwaiti")
# a country by its other names: "the US" in the question, "the United States", "U.S." or "American" in the sentence
_ALIASES = tuple(tuple(frozenset(f.split()) for f in forms.split("|")) for forms in (
    "us|u s|unit state|america|american", "uk|u k|unit kingdom|britain|british", "ussr|soviet", "un|unit nation"))
# a date's words are no names: "the ceremony on June 16" is the one "on Monday" (bot/engine/years.py checks years)
_DATES = frozenset(t for w in (*MONTHS, *WEEKDAYS) for t in query_terms(w))
# "South Korea" is named by "Korea" unless another side is named there: "North America" is no "South America"
_SIDE_WORDS = "north south east west northern southern eastern western central"
_SIDES = frozenset(query_terms(_SIDE_WORDS))
_SIDED = re.compile(rf"\b({_SIDE_WORDS.replace(' ', '|')})\s+([A-Z][\w'’-]*)", re.I)
_ACRONYM = re.compile(r"\b([A-Z]{2,6})s?\b")
# a news article's dateline places all of it: "Seoul, June 16: ...", "SEOUL (Reuters) - ..."
_MONTH = "|".join(m[:3] for m in MONTHS)
_DATELINE = re.compile(rf"^(?P<place>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){{0,3}})"
                       rf"(?:,\s+(?i:{_MONTH})[a-z]*\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?\s*[:—–-]"  # Seoul, June 16:
                       rf"|\s+\([A-Z][\w .-]*\)\s+[—–-])", re.M)  # SEOUL (Reuters) -
DATELINE_REACH = 2000  # characters from the start of an article a dateline is looked for in
# the common word of a body's name: "the Japanese Embassy" is named by "the embassy", "Japan's embassy"
_BODIES = frozenset(query_terms(ORGANISATIONS.replace("|", " ")))


def missing_names(q: Question, span: tuple[int, int], sentences: Sequence[Sentence],
                  articles: dict[str, Article]) -> tuple[str, ...]:
    """The question's names (not its people's adjectives, dates nor its article's title words) that the answer's
    sentences `span`, the sentence before them and one after them that goes on about them ("They performed...")
    never use."""
    first, last = span
    article_id = sentences[first].article_id
    if first > 0 and sentences[first - 1].article_id == article_id:
        first -= 1
    if continues(sentences, last):
        last += 1
    text = " ".join(s.text for s in sentences[first:last + 1])
    near = term_set(text)
    article = articles[article_id]
    title = term_set(article.title)
    acronyms = {m.group(1).lower(): m.group(1) for m in _ACRONYM.finditer(q.text)}
    missing = [n for n in q.entities if n not in title and n not in _DATES and n not in _BODIES and not _found(n, near)
               and not _found(COUNTRY_OF.get(n, n), near) and not _aliased(n, q.entities, near)
               and not (n in _SIDES and not _other_side(n, q.text, text))]
    if missing:
        missing = [n for n in missing if n not in _dateline(article.text)]
    if missing and any(n in acronyms for n in missing):
        spelled = spelled_out([text])  # "AAA" for "the American Automobile Association"
        missing = [n for n in missing if n not in acronyms or acronyms[n] not in spelled]
    return tuple(missing)


def _dateline(text: str) -> frozenset[str]:
    """The terms of the place in a news article's dateline ("Seoul, June 16:"), if it has one."""
    m = _DATELINE.search(text, 0, DATELINE_REACH)
    return term_set(m.group("place")) if m else frozenset()


def _found(name: str, near: frozenset[str]) -> bool:
    """Whether `near` uses the name, its singular ("CFLs", "CFL's"), or a word it starts or that starts it
    ("Kuwait", "Kuwaiti")."""
    return name in near or name.endswith("s") and name[:-1] in near or len(name) >= SHORTEST_STEM and any(
        len(w) >= SHORTEST_STEM and (w.startswith(name) or name.startswith(w)) for w in near)


def _aliased(name: str, names: Sequence[str], near: frozenset[str]) -> bool:
    """Whether the name is (part of) a country's name whose other name `near` uses ("United States", "US")."""
    return any(any(name in f and f <= set(names) for f in forms) and any(f <= near for f in forms)
               for forms in _ALIASES)


def _other_side(side: str, question: str, near: str) -> bool:
    """Whether the answer's sentences name another side of what the question's `side` is of: "North America"
    for "South American"."""
    of = frozenset(_term(m.group(2)) for m in _SIDED.finditer(question) if _term(m.group(1)) == side)
    return any(_term(m.group(1)) != side and _found(_term(m.group(2)), of) for m in _SIDED.finditer(near))


def _term(word: str) -> str:
    found = query_terms(word)
    return found[0] if found else word.lower()
