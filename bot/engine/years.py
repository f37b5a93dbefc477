"""A year a question asks about that the answer's passage never gives: "What did France lose in 1795?" answered
from a passage about 1759 names another time than the one asked about (bot/engine/question.py's unpaired_names
is the same for names)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..index.store import IndexData
from ..models import Passage
from ..text.dates import YEAR, years_in
from .answer import ScoredSentence

# A year a question sets as its time or its thing's: "in 1795", "in the 1995 declaration", "2019년에", "1995년의",
# "2019年に", "1995年の"; not a bare one that names a thing ("the 1965 folding screen", "1965년 조약"), nor a decade
# ("since the 1970's")
_ASKED_YEAR = {
    "en": re.compile(rf"\b(?:in|during|by|since|until|before|after|from|of|for)\s+(?:the\s+)?{YEAR}\b", re.I),
    "ko": re.compile(rf"{YEAR}\s?년\s?(?:도\s?)?(?:에|의)"),
    "ja": re.compile(rf"{YEAR}\s?年\s?(?:度\s?)?(?:に|の)"),
}


_COUNTED = re.compile(rf"\b(?i:for)\s+{YEAR}\s+[a-z]")  # "to pay for 1500 soldiers": a count, not a year
_DECADE = re.compile(rf"\b(?i:the)\s+{YEAR}['’]s\b")  # "since the 1970's" ("in 1970's election" is the year)


def asked_years(question: str, lang: str = "en") -> tuple[str, ...]:
    """The years the question sets as its time or its thing's ("in 1795", "2019년에"), in order."""
    counted: set[str] = set()
    if lang == "en":
        question = _DECADE.sub(" ", question)  # "in 1970 and since the 1970's": 1970 is still asked about
        counted = set(_COUNTED.findall(question))
    return tuple(dict.fromkeys(y for y in _ASKED_YEAR[lang].findall(question) if y not in counted))


def other_years(question: str, best: ScoredSentence, passages: Sequence[Passage], index: IndexData,
                lang: str = "en") -> tuple[str, ...]:
    """The years the question asks about that neither the best answer's passage nor its article's date or title
    names ("the financial crisis of 2007" in "Financial crisis of 2007–08")."""
    asked = asked_years(question, lang)
    if not asked:
        return ()
    passage = next((p for p in passages if best.sid in p.chunk.sentence_ids), None)
    article = index.articles[index.sentences[best.sid].article_id]
    said = years_in(f"{passage.chunk.text if passage else ''} {article.date or ''} {article.title}")
    return tuple(y for y in asked if y not in said)
