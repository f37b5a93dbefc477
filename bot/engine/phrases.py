"""The phrases in a sentence that could answer a question: dates, people, bodies, places, amounts (found by
bot/engine/sums.py), counts, durations, quotations."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from ..text.amounts import HEDGE, IN_WORDS, LENGTH_UNITS, QUALIFIER, length_after
from ..text.dates import MONTHS, PERIOD, SEASON, WEEKDAYS, YEAR, DateMention, find_dates
from ..text.words import STOPWORDS, UPPER, term_set, words
from .counts import GROUPS, NOT_PLURAL
from .question import BUILDINGS, HONOURS, ROLES, TITLES
from .sums import AMOUNT, CURRENCY, NUMBER, sum_spans, weight_of

_NOT_PERSON = set("""
korea japan seoul tokyo tower towers treaty basic relations ministry affairs republic daily joongang war festival
symphony ode joy day valentine group seven embassy school island camp david indo-pacific supreme court imjin asian
china russia us america canada india monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december the a an this that both yonhap ians reception
receptions expedition forum cycling beethoven beethoven's ninth studies ba world ii sino-japanese incident ganghwa
national flag namsan n k-pop enhypen sserafim le tongsinsa joseon new cup trophy championship championships prize
award awards tournament olympics
""".split())
# the places a name may end in, which answer where, not who ("Père Lachaise Cemetery", "Times Square", "Dover Street")
_PLACE_NAMED = frozenset("""cemetery palace street square cathedral bridge building station airport stadium avenue
boulevard castle abbey river lake mountains valley ocean desert""".split())
_NO_ONE = frozenset(_NOT_PERSON) | _PLACE_NAMED
# capitalised words in a row, with the particles names carry between them ("Louis-Joseph de Montcalm",
# "Paul Marin de la Malgue", "Ludwig van Beethoven")
_PARTICLE = r"(?:de|da|di|du|del|della|van|von|der|den|la|bin|ibn)"
# a middle initial with its stop stays inside a name ("Charles W. Eliot")
_NAME = re.compile(rf"\b[{UPPER}][\w'’]*(?:-[A-Za-z]+)?(?:\s+(?:{_PARTICLE}\s+){{0,2}}"
                   rf"(?:[A-Z]\.(?=\s+[{UPPER}])|[{UPPER}][\w'’]*(?:-[A-Za-z]+)?))*")
CALENDAR = rf"(?:{'|'.join(w.capitalize() for w in MONTHS + WEEKDAYS)})\b"
# capitalised words, an abbreviation with its stops among them ("the U.S.", "Washington, D.C." is two)
# ("St. Lawrence" too, not "Main St. The...": the sentence splitter keeps a "St." inside its sentence)
# (and a middle initial: "the Robert F. Kennedy Tennis Tournament")
_WORD = (r"(?:[A-Z](?:\.[A-Z])+\.?|St\.(?=\s+(?!(?:The|He|She|It|They|We|But|And|In|On|At|A|An)\b)[A-Z])|"
         rf"(?<=[^\W\d_]\s)[A-Z]\.(?=\s+(?!(?:The|He|She|It|They|We|But|And|In|On|At|A|An)\b)[{UPPER}][a-z])|"
         rf"[{UPPER}][\w'’-]*)")
_CAPITALISED = rf"{_WORD}(?:\s+{_WORD})*"
_PLACE = re.compile(r"\b(?:in|at|from|to|near|(?:depart(?:ed|s|ing)?|left|leav(?:e|es|ing)|head(?:ed|s|ing)?|bound|"
                    r"set off|travel(?:l?ed|l?ing|s)?|flew|fly|flies|flying)\s+for)\s+"
                    rf"((?:the\s+)?{_CAPITALISED}(?:\s+in\s+(?!{CALENDAR}){_CAPITALISED})?)")  # "the Embassy in Japan"
NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty hundred"
# "five to ten", "12 or 24": a range of numbers, kept whole before the unit
_FROM = rf"(?:(?:\d[\d,.]*|{'|'.join(NUMBER_WORDS.split())})\s*(?:to|or|[–-])\s*)?"
# counted, though not in -s ("fishermen", "gunmen", "grandchildren"; not "Yemen", "specimen")
PEOPLE_NOUNS = (r"people|(?!(?:ye|a|o|se|sta|abdo|speci|regi|acu|hy|ra|do|legu|bitu|cy|albu)men\b)[a-z]*men|"
                r"(?:grand|step)?children")
# a plural noun, as far as -s says (not "779 and his", "three famous", "in Paris": counts.NOT_PLURAL)
_PLURAL = rf"(?!(?:{'|'.join(sorted(NOT_PLURAL))})\b)[a-z]+(?<!ou)(?<![si])s"
_COUNT = re.compile(rf"\b{_FROM}({NUMBER}|{'|'.join(NUMBER_WORDS.split())})\s+"
                    r"(?:(?!(?:and|or|but)\b)(?:[a-z-]+|[A-Z](?:\.[A-Z])+\.?)\s+){0,2}?"  # "eight U.S. presidents"
                    rf"({_PLURAL}|{PEOPLE_NOUNS})\b", re.I)
_MEASURE = re.compile(rf"(?<![{CURRENCY}])\b{_FROM}\d[\d,.]*\s*(?:-\s*)?(?:m|metres?|meters?|km|kilometres?|"
                      r"kilometers?|feet|foot|ft|miles?|yards?|yd|inch(?:es)?|cm|centimet(?:re|er)s?|mm|"
                      r"millimet(?:re|er)s?|kg|kilograms?|grams?|grammes?|lbs?|ounces?|oz|"
                      r"tonnes?|tons?|storeys?|stories|floors|years?[\s-]+old|centuries\s+old)\b",
                      re.I)
# how often: "every fifteen minutes", "twice a year", "three times a week", "daily", "each spring"
_EVERY_UNIT = (r"(?:second|minute|hour|day|week|fortnight|month|year|decade|spring|summer|autumn|winter|morning|"
               r"evening|night|weekend|mins?|hrs?|" + "|".join(WEEKDAYS) + r")s?")
_TIMES = rf"(?:once|twice|thrice|(?:\d+|{IN_WORDS}|a\s+few|several)\s+times)"
FREQUENCY = re.compile(rf"\bevery\s+(?:other\s+|single\s+)?(?:(?:\d+|{IN_WORDS}|few)\s+)?{_EVERY_UNIT}\b|"
                       rf"\b{_TIMES}\s+(?:a|an|per|each|every)\s+{_EVERY_UNIT}\b|"
                       # how many times in all: "has won the regatta four times" ("How often has Ives won?"); not "once"
                       # alone, which is also "formerly"
                       rf"\b(?:twice|thrice|(?:\d+|{IN_WORDS})\s+times)\b(?!\s+(?:the|as|more|less|over|that|\w+er)\b)|"
                       r"(?-i:\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|annually|yearly|"
                       rf"biannually|biennially)\b)|\beach\s+{_EVERY_UNIT}\b(?!\s+group)", re.I)
# a length said with "long", which answers "how long is it?" ("4.2 miles long")
_LONG = re.compile(r"\s*long\b")
# a count said as a whole: "a crowd of 6,412", "an attendance of 40,000"
_COUNTED_AS = re.compile(rf"\b(?:{GROUPS})\s+of\s+"
                         r"(?:about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?"
                         rf"({NUMBER}(?:\s+(?:thousand|million|billion))?)(?![\d,.]*\s*(?:%|per\s?cent))", re.I)


def is_sum(text: str) -> bool:
    """Whether a phrase is a sum of money ("£1.2 million", "$40m": its "m" is no metre), not a measure."""
    m = AMOUNT.search(text)
    return m is not None and (bool(re.search(rf"[{CURRENCY}]", m.group())) or _MEASURE.search(text) is None)


def is_measure(text: str) -> bool:
    """Whether a phrase is a measure ("4.2 miles", "25 yards")."""
    return _MEASURE.search(text) is not None


# a length of time said before its noun: "the nine-day trial", "a three-year investigation"
_LASTING = re.compile(rf"(?<![\w-])(?:{NUMBER}|{'|'.join(NUMBER_WORDS.split())})-"
                      rf"(?:{LENGTH_UNITS})(?=\s+[a-z])", re.I)
_DURATION = re.compile(
    rf"\b{_FROM}({NUMBER}|{'|'.join(NUMBER_WORDS.split())})\s+(?:long\s+)?"
    r"(years?|months?|weeks?|days?|decades?|hours?|minutes?|seconds?)\b", re.I)
# a smaller unit after it: "two hours and 40 minutes", "3 hours 15 minutes", "2 decades and 5 years" (not "two hours,
# 40 minutes of which...", nor "24 hours 7 days a week")
_TAIL = re.compile(rf"(?:,?\s+and\s+|\s+)(?:{NUMBER}|{'|'.join(NUMBER_WORDS.split())})\s+"
                   r"(years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b", re.I)
_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")  # smallest first


def _duration_end(sentence: str, m: re.Match[str]) -> int:
    """Where a length of time ends: after its smaller unit ("two hours and 40 minutes"), not after another length of
    the same or a larger unit ("2 days and 3 days later": "2 days", and "3 days" is a length of its own)."""
    tail = _TAIL.match(sentence, m.end())
    if tail and _UNITS.index(tail.group(1).lower().rstrip("s")) < _UNITS.index(m.group(2).lower().rstrip("s")):
        return tail.end()
    return m.end()


@dataclass(frozen=True)
class Candidate:
    """A phrase in a sentence that may answer the question."""

    start: int
    end: int
    text: str  # as written
    answer: str  # as shown to the user
    weight: float = 1.0  # how specific an answer it is (a full date beats a bare year)
    person: bool = False  # a person's name (who-answers are people, then bodies)


_YEARS = re.compile(r"(\d{4})\s*[–-]\s*(\d{4})")


# "from 1910 to 1945", "between 1910 and 1913": a range of years written out in words
_YEAR_SPAN = re.compile(rf"\b(?:from|between)\s+{YEAR}\s+(?:to|and|until|till|through)\s+{YEAR}\b", re.I)
# what makes the two numbers a count, not years: "between 1500 and 2000 jobs", "from 1800 to 2000 people"
_COUNTED_AFTER = re.compile(rf"\s+(?:{_PLURAL}|{PEOPLE_NOUNS})\b")


def is_year_range(cand: Candidate) -> bool:
    """Whether the phrase is a range of years ("1910–1945")."""
    return bool(_YEARS.fullmatch(cand.answer))


def year_spans(sentence: str) -> tuple[Candidate, ...]:
    """The ranges of years a sentence writes out in words, as ranges ("between 1910 and 1913" → "1910–1913")."""
    return tuple(Candidate(m.start(), m.end(), m.group(0), f"{m.group(1)}–{m.group(2)}")
                 for m in _YEAR_SPAN.finditer(sentence)
                 if m.group(1) < m.group(2) and not _COUNTED_AFTER.match(sentence, m.end()))


def at_endpoint(cand: Candidate, endpoint: str) -> Candidate:
    """A range of years answers "when did it end?" with its last year, "when did it begin?" with its first."""
    m = _YEARS.fullmatch(cand.answer)
    if m is None or endpoint not in ("start", "end"):
        return cand
    return replace(cand, answer=m.group(2) if endpoint == "end" else m.group(1))


# the part of a year, decade or month the sources say: "late 2006", "(the) early 1800s", "spring of 2016" ("mid-1990s":
# _part_of); after the sentence's start, a comma or a preposition (not "prices fall 1990", "a hot spring 2006", "the
# Winter 2014 Olympics"), and not before a noun the year qualifies ("the late 1906 champion", "late in the 2006 season")
_PART = re.compile(r"(?:^|[,;]\s*|\b(?:in|by|from|until|till|since|during|through|throughout|before|after|of|around|"
                   rf"to|between|and)\s+)(?:the\s+)?((?:{PERIOD})(?:\s+in)?\s+|"
                   rf"(?:{SEASON})(?:\s+of)?\s+)$", re.I)
_QUALIFIED = re.compile(r"\s+(?!(?:and|or|to|the|a|an|when|as|at|in|on|of|for|by|with|was|were|is|its|it|he|she|they|"
                        r"we|after|before|until|while)\b)[a-z]")


def _part_of(sentence: str, cand: Candidate) -> Candidate:
    """A year, decade or month with the part of it the sentence names before it ("late 2006"); "mid-" is one
    wherever it stands ("from their mid-2006 peak")."""
    if sentence[max(0, cand.start - 4):cand.start].lower() == "mid-" and not sentence[:cand.start - 4][-1:].isalpha():
        start = cand.start - 4
    elif (part := _PART.search(sentence, max(0, cand.start - 40), cand.start)) and not _QUALIFIED.match(sentence,
                                                                                                         cand.end):
        start = part.start(1)
    else:
        return cand
    said = sentence[start:cand.start]
    return replace(cand, start=start, text=said + cand.text, answer=said + cand.answer)


_QUOTE = re.compile(r"[“\"]([^”\"]{12,})[”\"]")
_SPEECH = re.compile(r"\b(?:said|says|stated|asserted|added|noted|remarked|told|declared|announced|stressed|urged|"
                     r"pledged|called for|saying)\b(?: that)?\s+([^.;:]{12,})", re.I)


def candidates(sentence: str, kind: str, year: int | None, published: date | None = None) -> list[Candidate]:
    """Phrases of the requested kind in `sentence`, from an article of `year` published on `published`."""
    if kind == "said":
        spans = [(m.start(1), m.end(1)) for m in _QUOTE.finditer(sentence)]
        spans += [(m.start(1), m.end(1)) for m in _SPEECH.finditer(sentence)]
        return [Candidate(a, b, sentence[a:b], sentence[a:b].strip()) for a, b in spans]
    if kind in ("when", "date", "year"):
        # "between 1910 and 1913" is one answer, not its first year (an asked start or end is taken from it:
        # at_endpoint), weighed as a single year of that kind; "what date" asks for a day
        weight = _DATE_WEIGHT["year"] if kind == "when" else 1.0
        ranges = [replace(r, weight=weight) for r in year_spans(sentence)] if kind != "date" else []
        dates = _dates(sentence, kind, year, published)  # the years inside a range are left out (a plain scan:
        # sentences are at most 2,000 characters)
        return [*ranges, *(c for c in dates if not any(r.start <= c.start and c.end <= r.end for r in ranges))]
    if kind == "who":  # a name inside a body's is no person: "Arab Petroleum Exporting Countries"
        bodies = _bodies(sentence)
        return [*(p for p in people(sentence) if not any(b.start <= p.start and p.end <= b.end for b in bodies)),
                *bodies]
    if kind == "where":
        # "to Pakistan’s ports" goes to no Pakistan: a possessive names an owner, not a place
        return [Candidate(m.start(1), m.end(1), m.group(1), m.group(1)) for m in _PLACE.finditer(sentence)
                if not find_dates(m.group(1)) and m.group(1).split()[-1].lower() not in _NOT_PLACE
                and not POSSESSIVE.search(m.group(1))]
    if kind == "amount":  # "by how much...?": a share too ("a 31% lower risk")
        return [replace(c, weight=weight_of(sentence, c.start, c.end))
                for c in (_hedged(sentence, start, end) for start, end in sum_spans(sentence))]
    if kind == "duration":
        whole = [_hedged(sentence, m.start(), _duration_end(sentence, m)) for m in _DURATION.finditer(sentence)]
        # (not "40 minutes" of "two hours and 40 minutes")
        lengths = [c for c in whole if not any(o.start <= c.start and c.end <= o.end and len(o.text) > len(c.text)
                                               for o in whole)]
        lengths += [_hedged(sentence, m.start(), m.end()) for m in _MEASURE.finditer(sentence)
                    if _LONG.match(sentence, m.end())]  # "how long is the line?": "4.2 miles long"
        lengths += [Candidate(m.start(), m.end(), m.group(), length_after(m.group()), 0.9)
                    for m in _LASTING.finditer(sentence)]  # "the nine-day trial": "nine days"
        return lengths + [Candidate(d.start, d.end, d.text, d.normalized) for d in find_dates(sentence, year)
                        if d.kind == "range"]
    if kind == "frequency":  # "how often do the sensors take readings?": "every fifteen minutes"
        return [Candidate(m.start(), m.end(), m.group(), m.group()) for m in FREQUENCY.finditer(sentence)]
    if kind == "measure":  # "how big was the grant?": a sum is its size
        return [_hedged(sentence, m.start(), m.end()) for pattern in (_MEASURE, AMOUNT)
                for m in pattern.finditer(sentence)]
    if kind == "count":
        return [*(_hedged(sentence, m.start(), m.end()) for m in _COUNT.finditer(sentence)
                  if not re.fullmatch(YEAR, m.group(1))),
                *(Candidate(m.start(), m.end(), m.group(), m.group(1)) for m in _COUNTED_AS.finditer(sentence))]
    return []


# the word that says a number is an estimate or a bound: "nearly 1.3 million properties", "Over 3,000", "a little over
# $7 billion", "up to 40 people" (amounts.HEDGE; "a dispute over 200 islands" reads as one too)
_HEDGE = re.compile(rf"(?:\b(?:{QUALIFIER})\s+)?\b(?:{HEDGE})\s+$", re.I)


def ends_in_hedge(text: str) -> bool:
    """Whether `text` ends in a word that hedges the number after it ("Over ", "a little over ")."""
    return bool(_HEDGE.search(text))


def _hedged(sentence: str, start: int, end: int) -> Candidate:
    """The phrase sentence[start:end] with the word that hedges or bounds its number before it: the sources' own
    claim."""
    hedge = _HEDGE.search(sentence, max(0, start - 40), start)
    if hedge is not None:
        start = hedge.start()
    text = sentence[start:end].rstrip()  # ("$5 million dollars" ends before the space its pattern may take)
    return Candidate(start, start + len(text), text, text)


_OPENING_WEEKDAY = re.compile(rf"({'|'.join(w.capitalize() for w in WEEKDAYS)})\b")


def _shown(d: DateMention) -> str:
    """A date as the answer shows it: with the weekday its sentence gives ("Sunday 3 May": "Sunday, 3 May 2026")."""
    weekday = _OPENING_WEEKDAY.match(d.text) if d.kind == "day" else None
    return f"{weekday.group(1)}, {d.normalized}" if weekday else d.normalized


def _dates(sentence: str, kind: str, year: int | None, published: date | None) -> list[Candidate]:
    """The dates of a sentence that answer "when", "what date" or "what year"."""
    if kind in ("when", "date"):  # "what date" asks for a day: a bare year does not answer it
        found = [d for d in find_dates(sentence, year, published) if kind == "when" or d.kind != "year"]
        dated = [(d.kind, Candidate(d.start, d.end, d.text, _shown(d), _DATE_WEIGHT[d.kind])) for d in found]
        if kind == "when":  # "begin in September": a month without its year, where no date holds it
            dated += [("month", Candidate(m.start(1), m.end(1), m.group(1), m.group(1), BARE_MONTH_WEIGHT))
                      for m in _BARE_MONTH.finditer(sentence)
                      if not any(d.start <= m.start(1) < d.end for d in found)]
        return [_part_of(sentence, c) if kind == "when" and k in ("year", "month") else c for k, c in dated]
    out = []
    for d in find_dates(sentence, year, published):
        y = re.findall(r"\b\d{4}\b", d.normalized)
        if d.kind == "range":
            out.append(Candidate(d.start, d.end, d.text, d.normalized))
        elif y and d.kind == "year":
            out.append(_part_of(sentence, Candidate(d.start, d.end, d.text, y[-1])))
        elif y and d.has_year:
            out.append(Candidate(d.start, d.end, d.text, y[-1]))
        elif y:  # "on December 5th" in an article of 2025: the year comes from the article's date
            out.append(Candidate(d.start, d.end, d.text, y[-1], INFERRED_YEAR_WEIGHT))
    return out


_DATE_WEIGHT = {"day": 1.0, "range": 1.0, "weekday": 0.9, "month": 0.7, "year": 0.5}  # a day written out beats
# one worked out from its weekday and the article's date
INFERRED_YEAR_WEIGHT = 0.6  # a year taken from the article's date, not written in the sentence
# a month named alone after a word of time ("in September", "by early March"; not "May" the verb): an answer to
# "when", said as the sources say it, below a year (which year it falls in, the sentence does not say)
_BARE_MONTH = re.compile(r"(?:\b(?i:in|by|from|until|till|since|during|through|before|after|early|late|mid|next|"
                         rf"last|this|of)\s+|\b(?i:mid)-)({'|'.join(m.capitalize() for m in MONTHS)})\b(?!\s*\d)")
BARE_MONTH_WEIGHT = 0.45
# The country of some places (and of countries, themselves): "the Tokyo reception" was not held in Seoul
COUNTRY_OF = {"seoul": "korea", "busan": "korea", "tokyo": "japan", "osaka": "japan", "kyoto": "japan",
              "beijing": "china", "shanghai": "china", "washington": "us", "ottawa": "canada", "moscow": "russia",
              "korea": "korea", "japan": "japan", "china": "china", "us": "us", "america": "us", "canada": "canada",
              "russia": "russia", "india": "india"}
_PLACES_OK = {*COUNTRY_OF, "tower", "towers", "island", "school", "embassy", "camp", "david", "namsan"}
_NOT_PLACE = _NOT_PERSON - _PLACES_OK  # the last word of what follows "in" when it is no place


def wrong_place(question: str, cand: Candidate) -> bool:
    """Whether a place cannot be the one asked for: another city or country than one the question names
    ("Where in Tokyo...?" is not "Seoul"), or no building when a building is asked for ("Which palace...?")."""
    building = next((w for w in words(question) if w in BUILDINGS), None)
    if building and building not in words(cand.text):
        return True
    return other_place(question, cand)


def other_place(question: str, cand: Candidate) -> bool:
    """Whether a place is another city or country than one the question names ("Where in Tokyo...?" is not
    "Seoul"; Seoul is in Korea)."""
    own = words(cand.text)
    named = [w.lower() for w in re.findall(r"[\w'’-]+", question)
             if w.lower() in COUNTRY_OF and w != "us"]  # "tell us where..." names no country; "the US" does
    place = own[-1] if own and own[-1] in COUNTRY_OF and len(own) <= 2 else None  # "Seoul", "the US"
    if not named or place is None:
        return False
    return not any(place == w or COUNTRY_OF[place] == w or COUNTRY_OF[w] == place for w in named)  # Seoul: Korea


# "Where in Tokyo...?", "Where exactly in the Ohio Country...?": a place inside the one named
# ("where in tokyo", typed in lower case: its one word), or "Where was it held in Tokyo?" (where it was: not "Where
# did the team go after training in Tokyo?")
_SITED = r"(?:held|located|based|situated|built|hosted|staged|set|housed|found)"
_WHERE_IN = re.compile(rf"^\W*(?i:where\s+(?:exactly\s+)?in\s+(?:the\s+)?)({_CAPITALISED}|[\w'’-]+)|"
                       rf"^\W*(?i:where)\b.*\s(?i:{_SITED}\s+in\s+(?:the\s+)?)({_CAPITALISED}|[\w'’-]+)\W*$")


def no_place_inside(question: str, sentence: str) -> bool:
    """Whether a question asking where inside a place ("Where in Tokyo was the festival held?") meets a sentence
    whose places are only that one or others ruled out ("hosted in Seoul ... and in Tokyo"): it cannot say where
    inside it."""
    m = _WHERE_IN.match(question)
    if not m:
        return False
    asked = term_set(m.group(1) or m.group(2))
    found = candidates(sentence, "where", None)
    return bool(found) and all(term_set(c.text) <= asked or other_place(question, c) for c in found)


POSSESSIVE = re.compile(r"['’]s$")
_ROYAL = {"king", "emperor"}  # the titles of TITLES that stay with a name


# a word that opens a sentence before a name, shown without it: "When Oberhauser addresses Bond", "After Q succeeds"
# (the rules judge the name with its opener, as found); not one that may be a name's own ("Will Smith", "So Ji-sub")
OPENERS = ("When After Before While Since Until If As Once Although Though Because On In At During Then But And For "
            "With From By Upon Despite Unlike").split()
_OPENER = re.compile(rf"(?:{'|'.join(OPENERS)})\s+(?=\S)")
_SENTENCE_START = re.compile(r"[\s\"“‘'(\[]*")  # what may stand before a sentence's first word


@lru_cache(maxsize=16384)
def people(sentence: str) -> tuple[Candidate, ...]:
    """People named in a sentence (cached: `introduces` asks about the same sentences as `candidates`)."""
    out = []
    for m in _NAME.finditer(sentence):
        tokens = m.group(0).split()
        offsets = [m.start() + o.start() for o in re.finditer(r"\S+", m.group(0))]
        titled = False
        role: list[str] = []  # "Ambassador" in "South Korea's Ambassador Park"
        opens = _SENTENCE_START.fullmatch(sentence[:m.start()]) is not None  # an opener goes with an honour after it
        while tokens and ((lead := POSSESSIVE.sub("", tokens[0].lower())) in TITLES or lead in HONOURS
                          or lead in _NOT_PERSON or (opens and tokens[0] in OPENERS and len(tokens) > 1
                                                     and tokens[1].lower() in HONOURS)):  # "After Judge Hollins..."
            titled = titled or lead in TITLES or lead in HONOURS
            role = [*role, tokens[0]] if lead in ROLES or lead in HONOURS else []
            tokens, offsets = tokens[1:], offsets[1:]
        if not tokens or any(POSSESSIVE.sub("", t.lower()) in _NO_ONE for t in tokens if t[:1].isupper()):
            continue
        if len(tokens) >= 2 or (titled and len(tokens) == 1) or _preceded_by_title(sentence, offsets[0]):
            start = offsets[0]
            end = offsets[-1] + len(tokens[-1])
            name = sentence[start:end]
            name = POSSESSIVE.sub("", name)
            # "Ambassador Park", not "Park"; "King George III": a monarch's title is part of how he is named
            royal = role[-1:] if role and role[-1].lower() in _ROYAL else []
            opener = _OPENER.match(name) if _SENTENCE_START.fullmatch(sentence[:start]) else None
            bare = name[opener.end():] if opener else name  # shown without the word that opens the sentence
            shown = " ".join([*role, name]) if len(tokens) == 1 else " ".join([*royal, bare])
            out.append(Candidate(start, start + len(name), name, shown, person=True))
    return tuple(out)


# the word that makes a name a body's ("the Tajik Aluminum Company", "the Organization of Arab Petroleum Exporting
# Countries", "the Ministry of Foreign Affairs")
ORGANISATIONS = ("Ministry|Embassy|Government|Foundation|Committee|Council|Association|University|Agency|Office|"
                 "Institute|Society|Federation|Parliament|Assembly|Orchestra|Choir|Organization|Organisation|Company|"
                 "Corporation|Commission|Bank|Party|League|Union|Museum|College|Academy|Department|Bureau|Authority")
_BODY = re.compile(rf"\b(?:the\s+)?(?:{_CAPITALISED}\s+)?(?:{ORGANISATIONS})(?!\s+[A-Z])"
                   rf"(?:\s+(?:of|for|in)\s+(?:the\s+)?{_CAPITALISED})*")
BODY_WEIGHT = 0.8  # a ministry or an embassy answers "who organized...", a person is the likelier answer
# a firm named by its partners: "Holm & Berg", "Skidmore, Owings & Merrill", "AT&T"
_FIRM = re.compile(rf"\b[{UPPER}][\w'’]*(?:,\s+[{UPPER}][\w'’]*)*\s*&\s*[{UPPER}][\w'’]*(?:\s+[{UPPER}][\w'’]*)*")


# a people acting as one, before what it did: "the British captured...", "the Umayyads took control", "under the
# control of the Umayyads in 710"; not "the British Museum", "the French population", "the Japanese and Korean sides"
_DID = ("[a-z]+ed had have were was did would could also then soon still in at on from with by under "
        "took made won lost sent led began fought "
        "held gave came went built left kept brought drove rose fell overran broke met ran sought struck swept "
        "withdrew")
_PEOPLE_AS_ONE = re.compile(r"\b[Tt]he\s+(?:[A-Z][a-z]+(?:ans|ers|ids|ites|ists|iks|eks|ads|abs|ish|ese)|French|Dutch|"
                            rf"Czech)\b(?=\s*[.;]|\s+(?:{'|'.join(_DID.split())})\b|\s+and\s+[a-z])")


def _bodies(sentence: str) -> list[Candidate]:
    """Ministries, embassies, governments, firms and peoples acting as one ("the British"): who-answers when a
    body, not a person, did it."""
    found = [Candidate(m.start(), m.end(), m.group(0), m.group(0), BODY_WEIGHT)
             for pattern in (_BODY, _PEOPLE_AS_ONE) for m in pattern.finditer(sentence)]
    return found + [firm for m in _FIRM.finditer(sentence) if (firm := _firm(m, sentence))]


def _firm(m: re.Match[str], sentence: str) -> Candidate | None:
    """A firm named by its partners, without the words that open its sentence before it ("However, Holm & Berg",
    "Last March, Holm & Berg"; "Smith, Jones & Partners" stays whole), and not "R&D", "Q&A" or "R&B"."""
    start, text = m.start(), m.group(0)
    while not sentence[:start].strip() and (comma := text.find(", ")) >= 0 and _opens_sentence(text[:comma]):
        start, text = start + comma + 2, text[comma + 2:]
    if "&" not in text or text.replace(" ", "") in _NOT_FIRMS:
        return None
    return Candidate(start, start + len(text), text, text, BODY_WEIGHT)


_NOT_FIRMS = frozenset({"R&D", "Q&A", "R&B", "B&W"})
_OPENERS = frozenset("""however meanwhile yesterday today tomorrow also then now last next earlier later still instead
indeed moreover furthermore finally first second third""".split())


def _opens_sentence(text: str) -> bool:
    """Whether `text` is words that open a sentence ("However", "Last March"), not a name."""
    said = words(text)
    return bool(said) and all(w in STOPWORDS or w in _OPENERS or w in MONTHS or w in WEEKDAYS for w in said)


def introduces(sentence: str, asked: set[str]) -> bool:
    """Whether the sentence gives someone the question names a title ("Japanese Prime Minister Fumio
    Kishida"), which is what "who is Kishida?" wants, rather than just naming them."""
    return any(term_set(c.text) & asked and _preceded_by_title(sentence, c.start) for c in people(sentence))


def _preceded_by_title(sentence: str, start: int) -> bool:
    before = words(sentence[max(0, start - 40):start])
    return bool(before) and before[-1] in TITLES
