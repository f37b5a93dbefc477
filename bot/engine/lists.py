"""A question that asks for several things ("Who are the Deputy Prime Ministers?", "What countries did it agree
with?") is answered with the whole list the sentence names ("Murodali Alimardon and Ruqiya Qurbanova"), not its
first name alone."""

from __future__ import annotations

import re
from dataclasses import replace

from ..text.dates import WEEKDAYS
from ..text.words import STOPWORDS
from .phrases import Candidate

# "who are / were", "what are the two ...", "name the three ...", "which countries / tribes ...": a plural noun
# right after what / which (not "what status", "which bus", nor a time: "what years")
_NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
# (a plural noun is told from a verb by what follows it: "what countries did...", "which tribes supported...")
_PLURAL = re.compile(
    rf"^\W*(?:who\s+(?:are|were)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}[\w'’-]+[^su\W]s\b|"
    rf"(?:what|which)\s+(?:are|were)\s+(?:the\s+)?{_NUMBER}\b|name\s+(?:the\s+)?{_NUMBER}\b|"
    r"(?:what|which)\s+(?:[a-z]+\s+){0,2}(?!(?:years|days|months|weeks|times|hours|decades|centuries)\b)"
    r"[a-z]+[^su\W]s\s+(?:did|do|were|are|have|had|became|become|can|could|will|would|\w+ed)\b)", re.I)
# a name: capitalised words, with the small words names hold ("Bank of Korea", "Mi'kmaq", "Id Al-Fitr")
_NAME = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:of|de|the|al|el|da)\s+)?[A-Z][\w'’-]*)*"
_AFTER = re.compile(rf"(?:,\s+(?:and\s+(?:also\s+)?)?|\s+and\s+(?:also\s+)?|,?\s+as\s+well\s+as\s+)(?:by\s+)?({_NAME})")
_WEEKDAYS = {w.capitalize() for w in WEEKDAYS}
_TITLE = re.compile(r"(?:[A-Z][\w'’-]*\s+)+$")
_BEFORE = re.compile(rf"({_NAME})(?:,\s+(?:and\s+)?|\s+and\s+)(?:the\s+)?$")


def asks_several(question: str) -> bool:
    """Whether the question asks for more than one thing ("Who were the envoys?", "Which tribes supported it?")."""
    return bool(_PLURAL.search(question))


def _titled(sentence: str, start: int) -> int:
    """Where the capitalised words right before `start` begin (a title: "South Korean President"), leaving out
    words that only open a sentence or a clause ("In", "On Monday": lower case elsewhere)."""
    m = _TITLE.search(sentence[:start])
    if m is None:
        return start
    at = m.start()
    for word in m.group(0).split():
        if word.lower() not in STOPWORDS and word not in _WEEKDAYS:
            break
        at = sentence.index(word, at) + len(word) + 1
    return min(at, start)


def whole_list(sentence: str, phrase: Candidate) -> Candidate:
    """The answer phrase widened to the list of names it stands in ("Iran" in "with Iran and Pakistan" →
    "Iran and Pakistan"); the phrase itself when it is not a name or stands alone."""
    if not re.match(r"(?:the\s+)?[A-Z]", phrase.text):
        return phrase
    start, end = phrase.start, phrase.end
    while m := _AFTER.match(sentence, end):
        end = m.end()
    before = _titled(sentence, start)  # "Japanese Prime Minister Keizo Obuchi": the title goes with the name
    while (m := _BEFORE.search(sentence[:before])) and m.end() == before:
        start = before = m.start()
    start = _titled(sentence, start)
    text = sentence[start:end]
    if (start, end) == (phrase.start, phrase.end) or not re.search(r"\band\b|\bas well as\b", text):
        return phrase  # "Kokhir Rasulzoda, the First Deputy Prime Minister" is one person: a list ends in "and"
    return replace(phrase, start=start, end=end, text=text, answer=text)
