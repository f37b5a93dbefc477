"""The time a question sets. One about what is still to come ("When will the court hear the appeal?", "When is the
review due to be published?") is not answered by a time the article's own date has already passed: "between 2019 and
2023" in a story of January 2026 says when the spills were, not when the appeal will be heard. One about a day of the
week ("What time do the Sunday matinees start?") is not answered by a sentence about other days ("matinees on
Thursdays and Saturdays at 2.30pm")."""

from __future__ import annotations

import re
from datetime import date

from ..text.dates import WEEKDAYS, parse_date, years_in

# "when will", "when shall", "when is/are ... due / expected / set / scheduled / going / planned to"; not "when is the
# concert?", which may be one the article reports
_FUTURE_ASKED = re.compile(r"\bwhen(?:\s+(?:will|shall)|['’]ll)\b|"
                           r"\bwhen\s+(?:is|are)\b[^?.!]*?\b(?:due|expected|set|scheduled|going|planned)\s+to\b|"
                           r"\bwhen\s+(?:is|are)\b[^?.!]*?\bdue\b", re.I)


def asks_future(question: str) -> bool:
    """Whether a question asks when something is still to happen."""
    return bool(_FUTURE_ASKED.search(question))


def already_past(answer: str, published: date | None) -> bool:
    """Whether a date answer (as shown: "2 March 2026", "2019–2023", "in 2019") lies wholly before `published`,
    the article's date; a month or day whose year it does not give, or an article without a date, is not known
    to be past."""
    if published is None:
        return False
    day = parse_date(answer)
    if day is not None:
        return date.fromisoformat(day) < published
    years = years_in(answer)
    return bool(years) and max(int(y) for y in years) < published.year


_WEEKDAY = "|".join(WEEKDAYS)
_WEEKDAY_WORD = re.compile(rf"\b({_WEEKDAY})s?\b", re.I)
_WEEKDAY_RANGE = re.compile(rf"\b({_WEEKDAY})s?\s*(?:to|until|till|through|[–-])\s*({_WEEKDAY})s?\b", re.I)


def other_weekdays(question: str, said: str) -> bool:
    """Whether the question names a day of the week ("the Sunday matinees") that the answer's sentences (`said`),
    which name days of the week, do not, alone or inside a range ("Tuesday to Saturday")."""
    asked = {w.lower() for w in _WEEKDAY_WORD.findall(question)}
    named = {w.lower() for w in _WEEKDAY_WORD.findall(said)}
    if not asked or not named:
        return False
    for first, last in _WEEKDAY_RANGE.findall(said):
        i, j = WEEKDAYS.index(first.lower()), WEEKDAYS.index(last.lower())
        named.update(WEEKDAYS[(i + k) % 7] for k in range((j - i) % 7 + 1))
    return not asked & named
