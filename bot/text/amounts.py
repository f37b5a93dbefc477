"""Sums of money and large numbers as Korean and Japanese write them ("8억 달러", "8億ドル", "3000万円"), read into
English ("800 million dollars") and written back from it ("$800 million" → "8억 달러" / "8億ドル"); and the numbers and
ordinals an English text writes, in digits or words."""

from __future__ import annotations

import re
from decimal import Decimal

from .words import table_key

# the large units, biggest first: 조 / 兆 (10^12), 억 / 億 (10^8), 만 / 万 (10^4); and the small ones before them
# (5천만: 5 × 1,000 × 10^4; 1억2천만: 10^8 + 2 × 1,000 × 10^4)
_UNITS = {"ko": (("조", 10**12), ("억", 10**8), ("만", 10**4)), "ja": (("兆", 10**12), ("億", 10**8), ("万", 10**4))}
_SMALL = {"ko": (("천", 1000), ("백", 100)), "ja": (("千", 1000), ("百", 100))}
_CURRENCIES = {  # as written after the number, and in English
    "ko": (("달러", "dollars"), ("엔", "yen"), ("원", "won"), ("유로", "euros")),
    "ja": (("ドル", "dollars"), ("円", "yen"), ("ウォン", "won"), ("ユーロ", "euros")),
}
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_SCALES = {"trillion": 10**12, "billion": 10**9, "million": 10**6}
_SYMBOLS = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen", "₩": "won"}
_LARGEST = Decimal(10) ** 21  # past this a "sum" is a run of digits, not money (and would not print)
# "$800 million", "800 million dollars", "3 billion yen"
_ENGLISH = re.compile(rf"([$€£¥₩])\s?({_NUMBER})(?:\s+(trillion|billion|million))?\b|"
                      rf"\b({_NUMBER})(?:\s+(trillion|billion|million))?\s+(dollars|yen|won|euros|pounds)\b", re.I)


def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A number with its units and perhaps a currency ("8억 달러", "8億5000万ドル", "5천만 원", "300달러"), and one
    group of it (a number, a small unit, a large unit). A number starts only where a run of digits does (scanning
    from inside one made long questions quadratic), and not after 제 / 第 ("제9조": article 9, no 9 trillion);
    원조 (aid) is no won."""
    small = "".join(u for u, _ in _SMALL[lang])
    large = "".join(u for u, _ in _UNITS[lang])
    currencies = "|".join(c for c, _ in _CURRENCIES[lang])

    def group(keep: bool) -> str:  # with or without capturing its parts
        c = "" if keep else "?:"
        return rf"({c}{_NUMBER})(?:\s?({c}[{small}]))?(?:\s?({c}[{large}]))?"

    return (re.compile(rf"(?<![\d.,제第])({group(False)}(?:\s?{group(False)})*)\s?({currencies})?(?!조)"),
            re.compile(group(True)))


_CJK = {lang: _patterns(lang) for lang in _UNITS}


def _value(number: str) -> Decimal:
    return Decimal(number.replace(",", ""))


def _cjk_value(text: str, lang: str) -> Decimal:
    """The number a run of digits and units stands for ("8億5000万" → 850,000,000; "5천만" → 50,000,000)."""
    small, large = dict(_SMALL[lang]), dict(_UNITS[lang])
    return sum((_value(m.group(1)) * small.get(m.group(2) or "", 1) * large.get(m.group(3) or "", 1)
                for m in _CJK[lang][1].finditer(text)), Decimal(0))


def _cjk_sums(text: str, lang: str) -> list[tuple[Decimal, str]]:
    """(value, currency in English or "") of each number with units or a currency in a Korean or Japanese text; a
    bare number is left out."""
    names = dict(_CURRENCIES[lang])
    units = "".join(u for u, _ in _SMALL[lang] + _UNITS[lang])
    out = []
    for m in _CJK[lang][0].finditer(text):
        if m.group(2) or any(c in units for c in m.group(1)):
            value = _cjk_value(m.group(1), lang)
            if value < _LARGEST:
                out.append((value, names.get(m.group(2) or "", "")))
    return out


def in_english_words(value: Decimal, currency: str = "") -> str:
    """A number as English news writes it: "800 million", "1.5 billion", "30,000" (and the currency after it)."""
    size = next(((name, n) for name, n in _SCALES.items() if value >= n), None)
    if size is not None:
        text = f"{(value / size[1]).quantize(Decimal('0.001')).normalize():f} {size[0]}"
    else:
        text = f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():f}"
    return f"{text} {currency}".strip()


def amounts_in_english(text: str, lang: str) -> list[str]:
    """The sums and large numbers a Korean or Japanese text writes, in English ("8億ドルのうち" → "800 million
    dollars"); a bare number without a unit or a currency is left out (it reads the same in English)."""
    if lang not in _CJK:
        return []
    return list(dict.fromkeys(in_english_words(value, currency) for value, currency in _cjk_sums(text, lang)))


def sums_in(text: str) -> list[tuple[Decimal, str]]:
    """(value, currency) of each sum of money in `text`, in English ("$800 million") or in Korean or Japanese
    ("8억 달러", "8億ドル"), so that the same sum in two languages compares equal."""
    out = []
    for m in _ENGLISH.finditer(text):
        symbol, number, scale, number2, scale2, word = m.groups()
        value = _value(number or number2) * _SCALES.get(table_key(scale or scale2 or ""), 1)  # "bıllion" too
        out.append((value, _SYMBOLS[symbol] if symbol else table_key(word)))
    return out + [s for lang in _CJK for s in _cjk_sums(text, lang) if s[1]]


# a word that says a number is an estimate or a bound ("nearly $7 billion", "up to 40 people"), and how Korean and
# Japanese write it around a sum
_HEDGE_FORMS = (
    (("about", "approximately", "roughly", "around", "some", "estimated", "an estimated"), ("약 {}", "約{}")),
    (("nearly", "almost"), ("거의 {}", "ほぼ{}")),
    (("over", "more than"), ("{} 이상", "{}以上")), (("under", "less than", "fewer than"), ("{} 미만", "{}未満")),
    (("at least",), ("최소 {}", "少なくとも{}")), (("up to", "at most"), ("최대 {}", "最大{}")),
    (("an average of",), ("평균 {}", "平均{}")), (("only",), ("단 {}", "わずか{}")),
)
_HEDGES = {word: forms for words, forms in _HEDGE_FORMS for word in words}
HEDGE = "|".join(w.replace(" ", r"\s+") for w in sorted(_HEDGES, key=len, reverse=True))  # one of them, as a pattern
QUALIFIER = r"a\s+little|just|well|slightly|far|much"  # and what may stand before it: "a little over" is over
_HEDGED = re.compile(rf"(?:(?:{QUALIFIER})\s+)?({HEDGE})\s+(.+)", re.I | re.S)


def localized_amount(amount: str, lang: str) -> str:
    """An English sum ("$800 million", "3 billion yen", "$1.5 million") as Korean (8억 달러, 30억 엔, 150만 달러) or
    Japanese (8億ドル, 30億円, 150万ドル) write it, with the word that hedges it ("nearly $7 billion": 거의 70억 달러,
    ほぼ70億ドル); anything else unchanged."""
    hedged = _HEDGED.fullmatch(amount.strip())
    if hedged is not None and lang in _CJK:
        sum_ = localized_amount(hedged.group(2), lang)
        if sum_ == hedged.group(2):
            return amount
        return _HEDGES[" ".join(table_key(hedged.group(1)).split())][0 if lang == "ko" else 1].format(sum_)
    m = _ENGLISH.fullmatch(amount.strip())
    if lang not in _CJK or m is None:
        return amount
    (value, currency), = sums_in(m.group(0))
    written = {english: own for own, english in _CURRENCIES[lang]}.get(currency)
    if written is None or value != value.to_integral_value() or value >= _LARGEST:
        return amount
    parts, rest = [], int(value)
    for unit, size in _UNITS[lang]:
        if rest >= size:
            parts.append(f"{rest // size:,}{unit}")
            rest %= size
    if rest or not parts:  # "$0" is 0 달러
        parts.append(f"{rest:,}")
    return f"{' '.join(parts)} {written}" if lang == "ko" else f"{''.join(parts)}{written}"


# the units of a length of time said before its noun: "the nine-day trial", "a three-year investigation"
LENGTH_UNITS = "year|month|week|day|hour|minute"


def length_after(said: str) -> str:
    """A length of time said before its noun, as said after it: "nine-day" is "nine days", "one-day" "one day"."""
    number, unit = said.rsplit("-", 1)
    return f"{number} {unit}" if number.lower() in ("one", "1") else f"{number} {unit}s"


# A number in digits ("182", "2,500", "8.81"); "1,3" is no thousand and three
DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_DIGITS = re.compile(DIGITS)
_ONES = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
         "eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
ONES = tuple(_ONES)  # "one" to "nineteen"
# a number to 99 in words ("seventeen", "twenty-two")
IN_WORDS = rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES[:9])}))?|(?:{'|'.join(_ONES)}))"
_WORDS = re.compile(rf"\b(?:({'|'.join(_TENS)})(?:[-\s]({'|'.join(_ONES[:9])}))?|({'|'.join(_ONES)}))"
                    r"(?:\s+(hundred|thousand))?\b", re.I | re.A)  # ASCII: "thırty" is no thirty (see _ORDINAL)


def numbers_in(text: str) -> set[str]:
    """The numbers a text writes, as digits without thousands commas: "2,500 extras" is 2500, "over eighty
    societies" 80, "two hundred" 200."""
    out = {n.replace(",", "") for n in _DIGITS.findall(text)}
    for tens, ones, alone, times in _WORDS.findall(text):
        value = (_TENS.index(tens.lower()) * 10 + 20 + (_ONES.index(ones.lower()) + 1 if ones else 0) if tens
                 else _ONES.index(alone.lower()) + 1)
        out.add(str(value * {"": 1, "hundred": 100, "thousand": 1000}[times.lower()]))
    return out


# An ordinal in words or digits ("twenty-fourth", "24th", "first"), read as its number
_ORDINAL_ONES = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                 "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
ORDINAL_ONES = tuple(_ORDINAL_ONES)  # "first" to "nineteenth"
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
# (ASCII only: under re.I alone "i" matches "ı" and "s" "ſ", and "fıfth" is in no list)
_ORDINAL = re.compile(rf"\b(?:(?<![0-9][.,])([0-9]{{1,9}})(?:st|nd|rd|th)"
                      rf"|(?:({'|'.join(_TENS)})[-\s])?({'|'.join(_ORDINAL_ONES[:9])})"
                      rf"|({'|'.join(_ORDINAL_ONES[9:])})|({'|'.join(_ORDINAL_TENS)}))\b", re.I | re.A)


def ordinals_in(text: str) -> dict[int, str]:
    """The ordinals a text writes, by their number, as written: "twenty-fourth" and "24th" are 24, "first" 1."""
    out: dict[int, str] = {}
    for m in _ORDINAL.finditer(text):
        digits, tens, ones, teen, round_tens = m.groups()
        if digits:
            value = int(digits)
        elif ones:
            value = (_TENS.index(tens.lower()) * 10 + 20 if tens else 0) + _ORDINAL_ONES.index(ones.lower()) + 1
        elif teen:
            value = _ORDINAL_ONES.index(teen.lower()) + 1
        else:
            value = _ORDINAL_TENS.index(round_tens.lower()) * 10 + 20
        out.setdefault(value, m.group(0))
    return out
