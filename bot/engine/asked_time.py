"""The time a question sets. One about what is still to come ("When will the court hear the appeal?", "When is the
review due to be published?") is not answered by a time the article's own date has already passed: "between 2019 and
2023" in a story of January 2026 says when the spills were, not when the appeal will be heard. One about a day of the
week ("What time do the Sunday matinees start?") is not answered by a sentence about other days ("matinees on
Thursdays and Saturdays at 2.30pm")."""

from __future__ import annotations

import re
from datetime import date

from ..text.dates import WEEKDAYS, find_dates, month_number, years_in

# "when will", "when shall", "when'll", "when is/are ... due / expected / scheduled / planned", "... set to / going to",
# opening the question (or its clause after "and", "so", "but"): not "What year, when Will Smith won...", nor "when is
# the concert?", which may be one the article reports, nor "When is the story set?"
_FUTURE_ASKED = re.compile(r"^\W*(?:(?:and|so|but|ok|okay)\W+)?when(?:(?:\s+(?:will|shall)|['’]ll)\b|"
                           r"\s+(?:is|are)\b[^?!]*?\b(?:due|expected|scheduled|planned|(?:set|going)\s+to)\b)", re.I)


def asks_future(question: str) -> bool:
    """Whether a question asks when something is still to happen."""
    return bool(_FUTURE_ASKED.search(question))


# a span of years written short: "2025-26", "the 2025–26 season" (it runs into 2026)
_SHORT_SPAN = re.compile(r"\b(\d{2})(\d{2})\s*[–-]\s*(\d{2})\b(?!\d)")


def already_past(text: str, published: date | None) -> bool:
    """Whether a date as written ("on 5 January 2026", "between 2019 and 2023", "in 2019") lies wholly before
    `published`, the article's date: every day it writes with its year, and every year it names, before it. A day or
    month whose year it does not write ("on 5 January", "on Friday"), or an article without a date, is not known to be
    past."""
    if published is None:
        return False
    ends: list[date] = []
    for d in find_dates(text):
        if d.kind == "day" and d.has_year:
            day, month, year = d.normalized.split()[-3:]
            ends.append(date(int(year), month_number(month), int(day)))
    years = {int(y) for y in years_in(text)} | {int(c + end) for c, _, end in _SHORT_SPAN.findall(text)}
    if not ends and not years:
        return False
    return all(e < published for e in ends) and all(y < published.year for y in years - {e.year for e in ends})


_WEEKDAY = "|".join(WEEKDAYS)
_SHORT = {w[:3]: w for w in WEEKDAYS} | {"tues": "tuesday", "thur": "thursday", "thurs": "thursday"}
_WEEKDAY_WORD = re.compile(rf"\b({_WEEKDAY})s?\b", re.I)
_DAY = rf"(?:{_WEEKDAY}|{'|'.join(_SHORT)})s?\.?"
_WEEKDAY_RANGE = re.compile(rf"\bbetween\s+({_DAY})\s+and\s+({_DAY})(?!\w)|"
                            rf"\b({_DAY})\s*(?:to|until|till|through(?:\s+to)?|thru|[–—-])\s*({_DAY})(?!\w)", re.I)
_EVERY_DAY = re.compile(r"\b(?:daily|every\s+day|each\s+day|seven\s+days\s+a\s+week|7\s+days\s+a\s+week)\b", re.I)
_GROUPS = {"weekend": ("saturday", "sunday"), "weekday": tuple(WEEKDAYS[:5])}
_GROUP = re.compile(r"\b(weekend|weekday)s?\b", re.I)
# the words before a day of the week that leave it one ("On Tuesday", "The Sunday matinees"); any other capitalised
# word before it, or one after it, makes it part of a name ("Super Tuesday", "Black Friday", "the Sunday Times")
_BEFORE_A_DAY = frozenset("the on this next last every each by from until till since before after of and or to a that "
                          "late early through".split())


def other_weekdays(question: str, said: str) -> bool:
    """Whether the question names a day of the week ("the Sunday matinees") that the answer's sentences (`said`),
    which name days of the week, do not: alone, inside a range ("Tuesday to Saturday", "Mon-Sat", "between Monday and
    Friday"), as weekends or weekdays; a sentence about every day ("daily") names them all."""
    asked = _weekdays(question)
    if not asked or _EVERY_DAY.search(said):
        return False
    named = _weekdays(said)
    for group in _GROUP.findall(said):
        named.update(_GROUPS[group.lower()])
    for m in _WEEKDAY_RANGE.finditer(said):
        first, last = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        i, j = (WEEKDAYS.index(_day(w)) for w in (first, last))
        named.update(WEEKDAYS[(i + k) % 7] for k in range((j - i) % 7 + 1))
    return bool(named) and not asked & named


def _weekdays(text: str) -> set[str]:
    """The days of the week a text names, not those in a name."""
    found = set()
    for m in _WEEKDAY_WORD.finditer(text):
        before = text[:m.start()].split()[-1:]
        after = text[m.end():].split()[:1]
        named_before = before and before[0][:1].isupper() and before[0].lower() not in _BEFORE_A_DAY
        named_after = after and after[0][:1].isupper() and not find_dates(after[0].rstrip(".,"))
        if not named_before and not named_after:
            found.add(m.group(1).lower())
    return found


def _day(written: str) -> str:
    """The day of the week a word names ("Sat.", "Tues", "Sundays")."""
    word = written.lower().rstrip(".")
    word = word if word in WEEKDAYS or word in _SHORT else word[:-1]
    return _SHORT.get(word, word)
