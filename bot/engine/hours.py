"""A question for the hour of the day ("What time did it kick off?", "몇 시에", "何時から"), which only a clock time
answers: a day does not say at what hour (English, Korean and Japanese questions alike)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models import Sentence
from .phrases import Candidate

if TYPE_CHECKING:
    from .answer import ScoredSentence

# "몇 시에", "何時から", "What time did it kick off?": the hour of the day, which only a clock time answers ("7 p.m.",
# "19:00", "19.45", "noon"); in English "what time" before its verb or at the end only: not "what time signature",
# "what time of year", "at what time in history"
_HOUR_ASKED = re.compile(r"몇\s*시(?![간즌민장])|何時(?!間)|\b(?i:what|which)\s+(?i:time|hour)(?:['’]s\b|\s*,?\s*"
                         r"(?i:exactly|roughly|approximately|precisely)?\s*,?\s*(?:(?i:do|does|did|is|was|are|were|will|"
                         r"would|should|can|could|has|have|had)\b|[?.!]|$))")

# an hour in words beside the part of the day: "each morning at about ten", "at nine in the evening"
_HOUR_WORD = r"(?:(?:about|around|roughly|approximately)\s+)?(?:1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|" \
             r"nine|ten|eleven|twelve)\b(?![:.]\d)"
_BESIDE_PART = "|".join(f"(?<={part} at )" for part in ("morning", "evening", "afternoon", "night"))
# a clock time ("7 p.m.", "19:00", "19.45", "noon", "12 noon", "seven o'clock", "morning at about ten"), and two as a
# range ("4am to 12 noon")
CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]\.?m)(?!\w)|\b\d{1,2}:\d{2}\b|"
                   r"(?:\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?o['’]clock|"
                   r"\b(?:12\s+)?noon\b|\b(?:12\s+)?midnight\b|(?<![\d$€£¥₩.,])\b(?:[01]?\d|2[0-3])[.h][0-5]\d\b"
                   r"(?![.,]?\d)(?!\s*(?:%|per\s?cent|million|billion|m\b|bn\b|seconds?|secs?\b|points?|pts\b))|"
                   r"\b(?:half|quarter)\s+(?:past|to)\s+"
                   r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight)\b|"
                   rf"(?:{_BESIDE_PART}){_HOUR_WORD}|"
                   rf"(?<=at ){_HOUR_WORD}(?=\s+(?:in\s+the\s+(?:morning|evening|afternoon)|at\s+night)\b)", re.I)
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
