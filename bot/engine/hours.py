"""A question for the hour of the day ("What time did it kick off?", "몇 시에", "何時から"), which only a clock time
answers: a day does not say at what hour (English, Korean and Japanese questions alike)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models import Sentence
from ..text.amounts import ONES
from .phrases import Candidate

if TYPE_CHECKING:
    from .answer import ScoredSentence

# "몇 시에", "何時から", "What time did it kick off?": the hour of the day, which only a clock time answers ("7 p.m.",
# "19:00", "19.45", "noon"); in English "what time" before its verb or at the end only: not "what time signature",
# "what time of year", "at what time in history"
_HOUR_ASKED = re.compile(r"몇\s*시(?![간즌민장])|何時(?!間)|\b(?i:what|which)\s+(?i:time|hour)(?:['’]s\b|\s*,?\s*"
                         r"(?i:exactly|roughly|approximately|precisely)?\s*,?\s*(?:(?i:do|does|did|is|was|are|were|will|"
                         r"would|should|can|could|has|have|had)\b|[?.!]|$))")

_HOUR_NUMBERS = "|".join(ONES[:12])  # "one" to "twelve"
# an hour in words beside the part of the day: "each morning at about ten," (then a stop or a clause: not "the night at
# one of the hotels", "in the morning at 10 Downing Street"), "at nine in the evening"
_HOUR_WORD = rf"(?:(?:about|around|roughly|approximately)\s+)?(?:1[0-2]|[1-9]|{_HOUR_NUMBERS})\b(?![:.]\d)"
_BESIDE_PART = "|".join(f"(?<={part} at )" for part in ("morning", "evening", "afternoon", "night"))
_CLAUSE_ENDS = r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|when|before|after|until|once)\b)"  # ("at one or two hotels": none)
# a clock time ("7 p.m.", "19:00", "19.45", "noon", "12 noon", "seven o'clock", "morning at about ten"), and two as a
# range ("4am to 12 noon")
CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]\.?m)(?!\w)|\b\d{1,2}:\d{2}\b|"
                   rf"(?:\b(?:\d{{1,2}}|{_HOUR_NUMBERS})\s+)?o['’]clock|"
                   r"\b(?:12\s+)?noon\b|\b(?:12\s+)?midnight\b|(?<![\d$€£¥₩.,])\b(?:[01]?\d|2[0-3])[.h][0-5]\d\b"
                   r"(?![.,]?\d)(?!\s*(?:%|per\s?cent|million|billion|m\b|bn\b|seconds?|secs?\b|points?|pts\b))|"
                   rf"\b(?:half|quarter)\s+(?:past|to)\s+(?:\d{{1,2}}|{_HOUR_NUMBERS}|noon|midnight)\b|"
                   rf"(?:{_BESIDE_PART}){_HOUR_WORD}{_CLAUSE_ENDS}|"
                   rf"(?<=\bat ){_HOUR_WORD}"
                   rf"(?=\s+(?:in\s+the\s+(?:morning|evening|afternoon)|at\s+night){_CLAUSE_ENDS})",
                   re.I)
_CLOCK_RANGE = re.compile(rf"(?:{CLOCK.pattern})\s*(?:to|until|till|[–-])\s*(?:{CLOCK.pattern})", re.I)


def asks_hour(text: str) -> bool:
    """Whether a question asks for a time of day."""
    return bool(_HOUR_ASKED.search(text))


def tells_hour(text: str) -> bool:
    """Whether an English text gives a time of day."""
    return bool(CLOCK.search(text))


def hour_not_given(question: str, best: ScoredSentence, sentences: Sequence[Sentence]) -> bool:
    """Whether the question asks for an hour that the best answer's sentences do not give."""
    first, last = best.span
    return asks_hour(question) and not any(tells_hour(sentences[i].text) for i in range(first, last + 1))


def clock_times(sentence: str, endpoint: str = "") -> list[Candidate]:
    """The times of day a sentence gives, for a question asking what time: a range whole, or its start or its end
    when the question asks when something began or ended ("What time does the stoppage finish?": "12 noon")."""
    found: list[Candidate] = []
    ranges = list(_CLOCK_RANGE.finditer(sentence))
    for m in ranges:
        ends = list(CLOCK.finditer(sentence, m.start(), m.end()))
        part = ends[-1] if endpoint == "end" else ends[0] if endpoint == "start" else m
        found.append(Candidate(part.start(), part.end(), part.group(), part.group()))
    found += [Candidate(m.start(), m.end(), m.group(), m.group()) for m in CLOCK.finditer(sentence)
              if not any(r.start() <= m.start() < r.end() for r in ranges)]
    return found


def another_time(asked: str, sentence: str) -> bool:
    """Whether `sentence` gives a time of day, none of them one the question (`asked`) names: "which boat reaches
    Pell at 10:15?" is not answered by the row "07:10 | 07:55 | MV Gannet"; "7pm" is "19:00", "10.15am" is
    "10:15"."""
    wanted = [t for m in CLOCK.finditer(asked) if (t := _minutes(m.group())) is not None
              and not _BOUND.search(asked, 0, m.start())]  # "after 9am" names no row's own time
    if not wanted:
        return False
    given = [t for m in CLOCK.finditer(sentence) if (t := _minutes(m.group())) is not None]
    return bool(given) and not any(_same(a, b) for a in wanted for b in given)


_WORD_HOURS = {w: i + 1 for i, w in enumerate(ONES[:12])}
_BOUND = re.compile(r"\b(?:after|before|until|till|by|from|since|between|past)\s+$", re.I)


def _minutes(time: str) -> tuple[int, bool] | None:
    """A time of day as minutes after midnight, and whether its half of the day is known ("7pm", "19:00"); None for
    a phrase read otherwise."""
    t = time.lower()
    m = re.search(r"(\d{1,2})(?:[:.h](\d{2}))?", t)
    word = next((w for w in re.findall(r"[a-z]+", t) if w in _WORD_HOURS), None)
    if "noon" in t or "midnight" in t:  # ("12 noon", "half past noon")
        m, word = None, "twelve"
        t += " pm" if "noon" in t else " am"
    if m is None and word is None:
        return None
    hour, minute = (int(m.group(1)) % 24, int(m.group(2) or 0)) if m else (_WORD_HOURS[word or ""], 0)
    pm, am = re.search(r"p\.?\s?m", t), re.search(r"a\.?\s?m", t)
    known = bool(pm or am or hour > 12 or (m and m.group(2) and len(m.group(1)) == 2))
    hour = hour % 12 + 12 if pm else hour % 12 if am else hour
    if re.search(r"\bhalf\s+past|quarter\s+(?:past|to)", t):  # "quarter to noon" is 11:45
        minute = 30 if "half" in t else 15
        hour, minute = (hour - 1, 45) if " to " in t else (hour, minute)
    return (hour * 60 + minute) % 1440, known


def _same(a: tuple[int, bool], b: tuple[int, bool]) -> bool:
    """The same time of day, or a time whose half of the day is not known either half ("7.30" is "19:30")."""
    return a[0] == b[0] or (not (a[1] and b[1]) and (a[0] - b[0]) % 720 == 0)
