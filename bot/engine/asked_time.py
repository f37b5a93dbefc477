"""The time a question sets. One about what is still to come ("When will the court hear the appeal?", "When is the
review due to be published?") is not answered by a time the article's own date has already passed: "between 2019 and
2023" in a story of January 2026 says when the spills were, not when the appeal will be heard. One about a day of the
week ("What time do the Sunday matinees start?") is not answered by a sentence about other days ("matinees on
Thursdays and Saturdays at 2.30pm")."""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..text.dates import WEEKDAYS, YEAR, DateMention, find_dates, month_number, years_in

# "when will", "when shall", "when'll", "when is/are ... due / expected / scheduled / planned", "... set to / going to":
# not "What year, when Will Smith won...", nor "when is the concert?", which may be one the article reports, nor "When
# is the story set?"
_FUTURE_ASKED = re.compile(r"\bwhen(?:\s+(?:(?-i:will|Will(?!\s+[A-Z]))|shall)\b|['’]ll\b|"
                           r"\s+(?:is|are)\b[^?!]*?\b(?:due|expected|scheduled|planned|(?:set|going)\s+to)\b)", re.I)


def asks_future(question: str) -> bool:
    """Whether a question asks when something is still to happen."""
    return bool(_FUTURE_ASKED.search(question))


# a span of years written short: "2025-26", "the 2025/26 season" (it runs into 2026); not "pages 1234-56"
_SHORT_SPAN = re.compile(r"\b(1[5-9]|20)(\d{2})\s*[/–—〜~-]\s*(\d{2})\b(?!\d)")
_A_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")


def already_past(text: str, published: date | None) -> bool:
    """Whether a date as written ("on 5 January 2026", "between 2019 and 2023", "in 2019") lies wholly before
    `published`, the article's date: the last day of each date it writes with its year (a day, a month, a year, a
    span) before it. A day or month whose year it does not write ("on 5 January", "on Friday"), or an article without
    a date, is not known to be past."""
    if published is None:
        return False
    dated = [(d, last) for d in find_dates(text) if (last := _last_day(d)) is not None]
    ends = [last for _, last in dated]
    ends += [date(int(m.group()), 12, 31) for m in _A_YEAR.finditer(text)
             if not any(d.start <= m.start() < d.end for d, _ in dated)]
    ends += [date(int(century + end), 12, 31) for century, _, end in _SHORT_SPAN.findall(text)]
    return bool(ends) and all(e < published for e in ends)


def _last_day(d: DateMention) -> date | None:
    """The last day of a date with its year ("5 January 2026": that day; "December 2026": its 31st; "2019–2023": the
    last day of 2023), or None where it writes no year."""
    years = [int(y) for y in years_in(d.normalized)]
    if not years:
        return None
    try:
        if d.kind == "day":
            day, month, year = d.normalized.split()
            return date(int(year), month_number(month), int(day))
        if d.kind == "month":
            month, year = d.normalized.split()
            return date(int(year), month_number(month), calendar.monthrange(int(year), month_number(month))[1])
    except (ValueError, KeyError):  # "29 February 2025", read as a day: its year is what is known
        pass
    return date(max(years), 12, 31)


_WEEKDAY = "|".join(WEEKDAYS)
_SHORT = {"Mon": "monday", "Tue": "tuesday", "Tues": "tuesday", "Wed": "wednesday", "Thu": "thursday",
          "Thur": "thursday", "Thurs": "thursday", "Fri": "friday", "Sat": "saturday", "Sun": "sunday"}
_WEEKDAY_WORD = re.compile(rf"\b({_WEEKDAY})s?\b", re.I | re.A)
# a day in a range: its name in any case, or its short form capitalised ("Mon-Sat"; not "he sat till Friday")
_DAY = rf"(?:(?i:{_WEEKDAY})s?|(?:{'|'.join(_SHORT)})\b\.?)"
_WEEKDAY_RANGE = re.compile(rf"\b(?i:between)\s+({_DAY})\s+(?i:and)\s+({_DAY})|"
                            rf"\b({_DAY})\s*(?:(?i:to|until|till|through(?:\s+to)?|thru)\s+|[–—-]\s*)({_DAY})", re.A)
# every day ("daily", not the Daily Mail), and the days it leaves out ("every day except Monday")
_EVERY_DAY = re.compile(r"(?-i:\bdaily)\b|\b(?:every|each)\s+day\b|\b(?:seven|7)\s+days\s+a\s+week\b", re.I)
_EXCEPT = re.compile(rf"\b(?:except|apart\s+from|but\s+not|other\s+than|excluding)\s+(?:on\s+)?"
                     rf"((?:{_WEEKDAY})s?(?:\s*(?:,|and|or)\s*(?:{_WEEKDAY})s?)*)", re.I | re.A)
_GROUPS = {"weekend": ("saturday", "sunday"), "weekday": tuple(WEEKDAYS[:5])}
_GROUP = re.compile(r"\b(weekend|weekday)s?\b", re.I)
# the words that make a day of the week part of a name: before it ("Super Tuesday", "Black Friday", "Palm Sunday"),
# and, capitalised, after it ("the Sunday Times", "Monday Night Football")
_NAME_BEFORE = frozenset("super black cyber good palm easter ash holy maundy shrove bloody giving".split())
_NAME_AFTER = frozenset("times telegraph mirror express post herald observer people sport night club school "
                        "league".split())


def other_weekdays(question: str, said: str) -> bool:
    """Whether the question names a day of the week ("the Sunday matinees") that the answer's sentences (`said`),
    which name days of the week, do not: alone, inside a range ("Tuesday to Saturday", "Mon-Sat", "between Monday and
    Friday"), as weekends or weekdays; a sentence about every day ("daily") names them all but those it leaves out
    ("every day except Monday")."""
    asked = _weekdays(question)
    if not asked:
        return False
    named = set(WEEKDAYS) if _EVERY_DAY.search(said) else _weekdays(said)
    for group in _GROUP.findall(said):
        named.update(_GROUPS[group.lower()])
    for m in _WEEKDAY_RANGE.finditer(said):
        first, last = (_day(m.group(1)), _day(m.group(2))) if m.group(1) else (_day(m.group(3)), _day(m.group(4)))
        if first and last:
            i, j = WEEKDAYS.index(first), WEEKDAYS.index(last)
            named.update(WEEKDAYS[(i + k) % 7] for k in range((j - i) % 7 + 1))
    if not named:
        return False
    for m in _EXCEPT.finditer(said):
        named -= _weekdays(m.group(1))
    return not asked & named


def _weekdays(text: str) -> set[str]:
    """The days of the week a text names, not those in a name."""
    found = set()
    for m in _WEEKDAY_WORD.finditer(text):
        before = text[:m.start()].split()[-1:]
        after = text[m.end():].split()[:1]
        if (before and before[0].lower() in _NAME_BEFORE) or (
                after and after[0][:1].isupper() and after[0].lower().strip(".,;:!?") in _NAME_AFTER):
            continue
        found.add(m.group(1).lower())
    return found


def _day(written: str) -> str | None:
    """The day of the week a word names ("Sat.", "Tues", "Sundays"), or None."""
    word = written.rstrip(".")
    if word in _SHORT:
        return _SHORT[word]
    lower = word.lower()
    lower = lower if lower in WEEKDAYS else lower[:-1]
    return lower if lower in WEEKDAYS else None
