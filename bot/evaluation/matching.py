"""When an answer counts as right: whole-word matching, dates in any common form, and SQuAD's EM and F1."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

from ..reader.squad import squad_em, squad_f1
from ..text.amounts import LENGTH_UNITS, length_after, sums_in
from ..text.dates import DateMention, find_dates

_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}")  # "U.S.", "D.C.": letters with stops, read as one word


def normalize(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces: the form answers are matched in ("U.S." is "us", as
    SQuAD's normalisation, which deletes punctuation, makes it)."""
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), unicodedata.normalize("NFKC", text)).lower()
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


_ARTICLES = frozenset(("a", "an", "the"))


def _without_articles(normalized: str) -> str:
    """A normalized text without "a", "an" and "the", as SQuAD's official normalisation drops them."""
    return " ".join(w for w in normalized.split() if w not in _ARTICLES)


def contains(text: str, answer: str) -> bool:
    """Whether `answer` appears in `text` as whole words, ignoring case, punctuation and articles (the gold
    "The Samanid Empire," is in "Samanid Empire"), or, for a date, as the same date in another form
    ("December 5" is in "on 5 December 2025"), and a length of time written before its noun as one after it ("nine-day"
    is in "nine days")."""
    want = _without_articles(normalize(answer))
    if bool(want) and f" {want} " in f" {_without_articles(normalize(text))} ":
        return True
    gold = _the_date(answer)
    if gold is not None and any(same_date(gold, found) for found in find_dates(text)):
        return True
    if _LASTING.fullmatch(answer.strip()) and f" {normalize(length_after(answer.strip()))} " in f" {normalize(text)} ":
        return True  # the gold "nine-day" is "nine days"
    years = _year_ranges(answer)
    if len(years) == 1 and _without_articles(normalize(_YEAR_RANGE.sub(" ", answer))) in ("", "from", "between"):
        return bool(years & _year_ranges(text))  # "1992 to 1997" is in "1992–1997"
    return _the_sum(answer) in sums_in(text)  # "$800 million" is in "8억 달러"


# a length of time written before its noun: "nine-day", "three-year"
_LASTING = re.compile(rf"[\w.,]+-(?:{LENGTH_UNITS})", re.I)


# a range of years in words or figures: "1992 to 1997", "between 1910 and 1913", "1910-45" (two figures only after
# a dash: "1950 and 60 others" is no range; nor is the ISO date "2000-10-05")
_YEAR_RANGE = re.compile(r"\b(\d{4})(?:\s*(?:to|and|until|till|through)\s*(\d{4})|\s*[-–—~〜～]\s*(\d{4}|\d{2}))\b"
                         r"(?![-/]\d)")


def _year_ranges(text: str) -> set[tuple[str, str]]:
    """(first year, last year) of each range of years in `text`, however written ("1999-00": 1999 to 2000)."""
    found = {(m.group(1), _full_year(m.group(1), m.group(2) or m.group(3))) for m in _YEAR_RANGE.finditer(text)}
    found |= {(m.group(1), m.group(2)) for d in find_dates(text) if d.kind == "range"
              if (m := re.fullmatch(r"(\d{4})–(\d{4})", d.normalized))}
    return {(a, b) for a, b in found if a < b}


def _full_year(first: str, last: str) -> str:
    """The last year of a range written with two figures, in the first one's century or the next."""
    if len(last) == 4:
        return last
    year = first[:2] + last
    return year if year > first else str(int(first[:2]) + 1) + last


def _the_sum(answer: str) -> tuple[Decimal, str] | None:
    """The sum of money an answer is, when it is one and nothing more ("$800 million", "8億ドル")."""
    found = sums_in(answer)
    return found[0] if len(found) == 1 and len(normalize(answer).split()) <= 4 else None


def _the_date(answer: str) -> DateMention | None:
    """The date an answer is, when it is one day or month and nothing more ("December 5", "Dec. 5, 2025")."""
    found = find_dates(answer)
    # a range counts in any form ("October 26–November 11" is in "2025年10月26日～11月11日"); a year too when the
    # gold answer is written the Korean or Japanese way ("1965년" is in "signed in 1965"); English years are
    # matched as words, as before
    kinds = ("day", "month", "range", "year") if re.search(r"[년年]", answer) else ("day", "month", "range")
    if len(found) != 1 or found[0].kind not in kinds:
        return None
    rest = normalize(answer[: found[0].start] + " " + answer[found[0].end:])
    return found[0] if rest in ("", "on", "in", "the", "by") else None


def same_date(gold: DateMention, found: DateMention) -> bool:
    """The same day (or month); a year that only one of them gives does not make them differ."""
    if gold.kind != found.kind:
        return False
    a, b = gold.normalized, found.normalized
    return a == b or b.startswith(a + " ") or a.startswith(b + " ")


def contains_any(text: str, answers: Iterable[str]) -> bool:
    return any(contains(text, a) for a in answers)


def first_hit(snippets: Sequence[str], answers: Sequence[str]) -> int | None:
    """1-based rank of the first snippet that contains an acceptable answer, else None."""
    for rank, snippet in enumerate(snippets, start=1):
        if contains_any(snippet, answers):
            return rank
    return None


def strip_marks(text: str) -> str:
    """Answer text without its citation marks ("5 December 2025 [1][2]" -> "5 December 2025")."""
    return re.sub(r"\s*(\[\d+\])+", "", text).strip()


def exact_match(text: str, answers: Sequence[str]) -> float:
    """SQuAD exact match against the best of the acceptable answers (official normalisation)."""
    return max((squad_em(text, a) for a in answers), default=0.0)


def token_f1(text: str, answers: Sequence[str]) -> float:
    """SQuAD token F1 against the best of the acceptable answers (official normalisation)."""
    return max((squad_f1(text, a) for a in answers), default=0.0)
