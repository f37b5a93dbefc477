"""Sums of money and shares as news writes them: a currency by its sign or its name ("14.2 million Swiss francs"),
a range whole ("3 million to 4.5 million francs", "50% to 60%"), and a change read in its parts, the value it went
from weighing less than the one it went to ("rose from $3 to $12": the price then was $12)."""

from __future__ import annotations

import re

# a number whole: "2.5 million insect species" is no "5 million"
NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
CURRENCY = "$€£¥₩"  # the signs an amount opens with (inside a word too: "US$1.25")
# an amount's currency, by its sign or its name after the number ("14.2 million Swiss francs"; "pounds" may weigh)
_SIGNS = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₩": "won"}
_CURRENCY_WORDS = {"dollars": "dollar", "won": "won", "yen": "yen", "euros": "euro", "usd": "dollar", "francs": "franc",
                   "pesos": "peso", "rupees": "rupee", "yuan": "yuan", "rubles": "rouble", "roubles": "rouble",
                   "kronor": "krona", "krona": "krona", "kroner": "krone", "rand": "rand", "dirhams": "dirham",
                   "riyals": "riyal", "lira": "lira"}
_CURRENCY_NAMES = {**_CURRENCY_WORDS, **{v: v for v in _CURRENCY_WORDS.values()}, "pounds": "pound", "pound": "pound",
                   "sterling": "pound", "euro": "euro", "dollar": "dollar"}
# ("$450bn", "£6m": the short forms of million and billion too)
# (and not the stop after it: "$3,000.")
# (a range whole, "3 million to 4.5 million francs", "$500 to $1,000", "£24-£45", "between £18m and £22m";
# not from a year into a sum: "in 2020 to $3m", "between 2020 and $3,000 a year")
_RANGE_END = r"\d(?:[\d,.]*\d)?(?:\s+(?:million|billion|trillion)|(?:bn|m)\b)?"
_AMOUNT_FROM = (rf"(?:\b(?i:between)\s+(?!(?:1[5-9]|20)\d\d\s+(?i:and)\s+[{CURRENCY}])[{CURRENCY}]?{_RANGE_END}\s+"
                rf"(?i:and)\s+(?=[{CURRENCY}\d])|"
                rf"(?<![\d.,])(?!(?:1[5-9]|20)\d\d\s*(?:to|–|-)\s*[{CURRENCY}])[{CURRENCY}]?{_RANGE_END}"
                rf"\s*(?:to|–|-(?=[{CURRENCY}]))\s*)?")
_SUM_SIGNED = rf"[{CURRENCY}]\s?\d(?:[\d,.]*\d)?(?:\s+(?:million|billion|trillion)|(?:bn|tn|m|k)\b)?"
_SUM_NAMED = (rf"\d(?:[\d,.]*\d)?\s+(?:million|billion|trillion)?\s*"
              rf"(?:(?:swiss|us|canadian|australian|mexican|indian|chinese)\s+)?(?:{'|'.join(_CURRENCY_WORDS)})\b")
AMOUNT = re.compile(rf"(?:{_AMOUNT_FROM}{_SUM_SIGNED}|\b{_AMOUNT_FROM}{_SUM_NAMED})", re.I)
_ONE_SUM = re.compile(rf"{_SUM_SIGNED}|\b{_SUM_NAMED}", re.I)
_SHARE = r"(?:%|per\s?cent\b|percent\b)"
# a share, or a range of them whole: "31%", "50% to 60%", "between 5 and 15%"
PERCENT = re.compile(rf"(?:\bbetween\s+{NUMBER}\s?{_SHARE}?\s+and\s+|{NUMBER}\s?{_SHARE}?\s*(?:to|–)\s*)?"
                     rf"{NUMBER}\s?{_SHARE}", re.I)
_ONE_SHARE = re.compile(rf"{NUMBER}\s?{_SHARE}", re.I)


def currency_of(text: str) -> str:
    """The currency a sum or a question's word names ("$179": dollar, "14.2 million Swiss francs": franc, "yen"),
    or ""."""
    sign = next((c for c in text if c in _SIGNS), "")
    if sign:
        return _SIGNS[sign]
    return next((_CURRENCY_NAMES[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _CURRENCY_NAMES), "")


def is_share(text: str) -> bool:
    """Whether a phrase is a share ("31%", "14 per cent")."""
    return PERCENT.search(text) is not None


# the value a change started from: "risen from US$3 per barrel to nearly $12" (the price then was $12)
_FROM_BEFORE = re.compile(r"\b(?i:from)\s+(?i:about\s+|around\s+|just\s+)?(?:US|A|C|NZ|HK)?$")
_TO_AFTER = re.compile(rf"^[^.;]{{0,30}}?\bto\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+)?[{CURRENCY}\d]",
                       re.I)
FROM_WEIGHT = 0.5


# a change from one value to another, which a range of sums or shares is not: "rose from $3 to $12", "raised by $100
# to $999" ("ranges from $500 to $1,000" is a range)
_CHANGE_BEFORE = re.compile(r"\b(?:rose|risen|rise[sn]?|fell|fallen|falls?|raised|increased|decreased|reduced|cut|grew|"
                            r"grown|dropped|jumped|climbed|slid|soared|plunged|went|gone|moved|up|down)\s+"
                            r"(?:[\w'’-]+\s+){0,3}?(?:from|by)\s+$", re.I)


def _parts(sentence: str, m: re.Match[str], one: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where a sum or share stands: the match whole, or, for a change written as a range whose both ends carry their
    unit ("rose from $3 to $12", not "grew by 2 to 3 percent"), each end."""
    ends = list(one.finditer(sentence, m.start(), m.end()))
    if len(ends) == 2 and ends[0].start() == m.start() and _CHANGE_BEFORE.search(sentence, max(0, m.start() - 60),
                                                                                 m.start()):
        return [e.span() for e in ends]
    return [m.span()]


def sum_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence's sums and shares stand (a range whole; a change's ends apart)."""
    return [part for pattern, one in ((AMOUNT, _ONE_SUM), (PERCENT, _ONE_SHARE))
            for m in pattern.finditer(sentence) for part in _parts(sentence, m, one)]


def weight_of(sentence: str, start: int, end: int) -> float:
    """How much a sum or share weighs as an answer: less where a change started from it."""
    if _FROM_BEFORE.search(sentence, max(0, start - 20), start) and _TO_AFTER.match(sentence[end:]):
        return FROM_WEIGHT
    return 1.0


# which way a question asks something moved, by its verb ("By how much did apartment prices fall?"; not "backed the
# rise", nor a total raised or lost: "How much did the charity raise?"), and which way a sum or share moved where the
# words beside it say so, in lower case ("gaining 2.6%", "up 1.9%"; not "set up", "up to 4%" or "Lower Fenwick")
_ASKED_FELL = r"fall|falls|fell|fallen|drop|drops|dropped|decrease|decreased|decline|declined|shrink|shrank|shrunk|" \
              r"slide|slid|slump|slumped|plunge|plunged|(?:go|goes|went|gone)\s+down"
_ASKED_ROSE = r"rise|rises|rose|risen|increase|increased|grow|grew|grown|gain|gained|climb|climbed|jump|jumped|" \
              r"soar|soared|surge|surged|(?:go|goes|went|gone)\s+up"
_ASKED_WAYS = {way: re.compile(rf"\b(?:did|does|do|has|have|had|will|would|was|were|is|are)\b[^?]*?"
                               rf"(?<!\bthe )(?<!\ba )\b(?:{words})\b", re.I)
               for way, words in (("fell", _ASKED_FELL), ("rose", _ASKED_ROSE))}
_NUMBER_NEXT = rf"(?=\s+(?:by\s+)?[\d{CURRENCY}])"
# (not a phrasal verb's "up": "set up 4% more stalls")
_NOT_A_RISE = "".join(rf"(?<!\b{verb} )" for verb in "set put pick sign back make made take took end ended add added "
                      "sum summed".split())
_SAID_WAYS = {"fell": re.compile(rf"\b(?:fell|fallen|falling|falls|dropped|dropping|decreased|decreasing|declined|"
                                 rf"declining|shrank|shrinking|slid|slumped|plunged|down{_NUMBER_NEXT})\b"),
              "rose": re.compile(rf"\b(?:rose|risen|rising|rises|increased|increasing|grew|growing|gained|gaining|"
                                 rf"climbed|jumped|soared|surged|{_NOT_A_RISE}up{_NUMBER_NEXT})\b")}
_ASKED_WAY = re.compile(r"\bhow\s+(?:much|many|far)\b|\bwhat\s+(?:percentage|percent|share|proportion)\b|"
                        r"\bby\s+(?:how|what)\b", re.I)
_COMPARED = re.compile(r"\bthan\b", re.I)  # "How much higher are rents in Leeds than in York?": a comparison


def moved_the_other_way(question: str, sentence: str, start: int, end: int) -> bool:
    """Whether a question asks how much something fell (or rose) and the sum or share at `start`:`end` of the
    sentence is said, beside it, to have moved the other way only ("By how much did average apartment prices fall?"
    is not answered by "gaining 2.6%")."""
    if not _ASKED_WAY.search(question) or _COMPARED.search(question):
        return False
    asked = {way for way, pattern in _ASKED_WAYS.items() if pattern.search(question)}
    if len(asked) != 1:
        return False
    before, after = sentence[max(0, start - 40):start].split()[-3:], sentence[end:end + 20].split()[:2]
    beside = " ".join([*before, "0", *after])  # (the number itself, for "up 1.9%")
    said = {way for way, pattern in _SAID_WAYS.items() if pattern.search(beside)}
    return len(said) == 1 and said != asked
