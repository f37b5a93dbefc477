"""What an answer shows: the cited sentences, widened to the one a "They" or "It" points back to, and the answer's
text (its phrase, or its sentences)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..models import Article, Citation, Sentence
from ..text.bylines import names_writer
from ..text.words import words

if TYPE_CHECKING:
    from .answer import ScoredSentence

MIN_WORDS = 4  # a sentence of fewer words is a heading or a fragment


@lru_cache(maxsize=16384)
def too_short(sentence: str) -> bool:
    """A heading, a question or a fragment: not an answer (cached per sentence); a list's row that gives a value
    to its label ("Circle: £24-£45") is one."""
    return (len(words(sentence)) < MIN_WORDS and not _LABELLED.match(sentence)) or sentence.rstrip().endswith("?")


# a label and its value, in figures: "Circle: £24-£45", "- Doors: 7pm"
_LABELLED = re.compile(r"\W{0,2}\s*[A-Z][\w'’&-]*(?:\s+[\w'’&-]+){0,3}\s*:\s+\S{0,3}\d")


# "They performed", "This is": point back. "This Valentine's Day weekend", "The latter part of the event": do not
_VERB_NEXT = (r"(?=\s*[,;:]|\s+(?:is|was|are|were|has|had|have|said|says|added|also|will|would|can|could|may|might|"
              r"should|must|means|meant|marks|marked|shows|showed|comes|came|includes|included|led|leads)\b)")
_ANAPHOR = re.compile(rf"^(?:They|It|He|She|Its|Their|His|Her)\b|"
                      rf"^(?:This|These|Those|The latter|The former){_VERB_NEXT}")


def same_article(sentences: Sequence[Sentence], a: int, b: int) -> bool:
    return 0 <= a < len(sentences) and 0 <= b < len(sentences) and sentences[a].article_id == sentences[b].article_id


def is_byline(sentences: Sequence[Sentence], sid: int) -> bool:
    """Whether sentence `sid` is a byline; one that opens its article is read as one more readily (names_writer)."""
    return names_writer(sentences[sid].text, opens=not same_article(sentences, sid - 1, sid))


def continues(sentences: Sequence[Sentence], sid: int) -> bool:
    """Whether the sentence after `sid` goes on about what it says ("They performed...")."""
    return same_article(sentences, sid, sid + 1) and bool(_ANAPHOR.match(sentences[sid + 1].text))


def with_antecedents(item: ScoredSentence, sentences: Sequence[Sentence], text: str) -> ScoredSentence:
    """A sentence answer widened to the sentence before it when it opens with "They", "It"...,
    and to the one after it when that one does (it goes on about the same thing)."""
    first, last = item.span
    if (_ANAPHOR.match(sentences[first].text) and same_article(sentences, first - 1, first)
            and not too_short(sentences[first - 1].text)):  # a heading or a question is nothing to point back to
        first -= 1
    if continues(sentences, last) and "\n" not in text[sentences[last].end:sentences[last + 1].start]:
        last += 1
    return replace(item, first=first, last=last)


def cite(n: int, item: ScoredSentence, sentences: Sequence[Sentence], article: Article, chunk_id: str,
         with_phrase: bool) -> Citation:
    """A citation whose snippet is the answer's sentence(s) exactly as written, highlighting the answer phrase."""
    first, last = item.span
    snippet = article.text[sentences[first].start:sentences[last].end]
    phrase = item.phrase if with_phrase else None
    highlight = (phrase.start, phrase.end) if phrase else None
    return Citation(n, article.title, article.date, snippet, highlight, round(item.score, 4), chunk_id, article.id,
                    article.url)


def answer_text(item: ScoredSentence, sentences: Sequence[Sentence]) -> str:
    """The answer phrase, or else the answer's sentence(s)."""
    return item.phrase.answer if item.phrase is not None else span_text(item, sentences)


def span_text(item: ScoredSentence, sentences: Sequence[Sentence]) -> str:
    """The answer's sentences, as one text."""
    first, last = item.span
    return " ".join(sentences[i].text for i in range(first, last + 1))
