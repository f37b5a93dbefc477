"""Finding dates in text and writing them out in full ("December 5th" -> "5 December 2025")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]  # date.weekday() order
_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DASH = r"\s?[-–—]\s?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(1[5-9]\d\d|20\d\d)"  # a year as the articles write them (1500-2099)

# Order matters: longer forms first; each match consumes its span.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")),
    ("mdmd", re.compile(rf"\b({_MONTH_RE})\s+{_DAY}{_DASH}({_MONTH_RE})\s+{_DAY}(?:,?\s+{YEAR})?\b")),
    ("mdd", re.compile(rf"\b({_MONTH_RE})\s+{_DAY}{_DASH}(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{YEAR})?\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+({_MONTH_RE})(?:,?\s+{YEAR})?\b")),
    ("mdy", re.compile(rf"\b({_MONTH_RE})\s+{_DAY}(?:,?\s+{YEAR})?\b")),
    ("my", re.compile(rf"\b({_MONTH_RE})\s+{YEAR}\b")),
    ("yy", re.compile(rf"\b{YEAR}{_DASH}(\d{{2,4}})\b")),
    ("y", re.compile(rf"(?<![\d$.,]){YEAR}(?![\d%])")),
]


@dataclass(frozen=True)
class DateMention:
    """A date found in text: where it is and how it reads in full."""

    start: int
    end: int
    text: str
    normalized: str
    has_year: bool
    kind: str  # "day", "weekday" (a day named by its weekday), "range", "month" or "year"


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Feb." -> 2)."""
    key = name.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS.index(key) + 1
    return _ABBR[key[:4] if key.startswith("sept") else key[:3]]


def month_name(n: int) -> str:
    return MONTHS[n - 1].capitalize()


def find_dates(text: str, default_year: int | None = None, published: date | None = None) -> list[DateMention]:
    """Every date in `text`, left to right, with missing years taken from `default_year`; weekdays too when
    the text's date of publication is known ("on Monday", "this Sunday")."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    if published is not None:
        found = [_weekday(m, published) for m in _WEEKDAY.finditer(text)]
        taken = [(d.start, d.end) for d in found]
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            mention = _normalize(kind, m, default_year)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    return sorted(found, key=lambda d: d.start)


def _normalize(kind: str, m: re.Match[str], default_year: int | None) -> DateMention | None:
    g = m.groups()
    year: str | None
    if kind == "iso":
        y, mo, d = int(g[0]), int(g[1]), int(g[2])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return DateMention(m.start(), m.end(), m.group(0), f"{d} {month_name(mo)} {y}", True, "day")
    if kind == "y":
        return DateMention(m.start(), m.end(), m.group(0), g[0], True, "year")
    if kind == "yy":
        a, b = g[0], g[1]
        end = b if len(b) == 4 else a[: 4 - len(b)] + b
        if int(end) <= int(a):
            return None
        return DateMention(m.start(), m.end(), m.group(0), f"{a}–{end}", True, "range")
    if kind == "my":
        return DateMention(m.start(), m.end(), m.group(0), f"{month_name(month_number(g[0]))} {g[1]}", True, "month")
    if kind == "dmy":
        day, mon, year = g[0], month_number(g[1]), g[2]
        body, rng = f"{int(day)} {month_name(mon)}", "day"
    elif kind == "mdy":
        mon, day, year = month_number(g[0]), g[1], g[2]
        body, rng = f"{int(day)} {month_name(mon)}", "day"
    elif kind == "mdd":
        mon, d1, d2, year = month_number(g[0]), int(g[1]), int(g[2]), g[3]
        if d2 <= d1:
            return None
        body, rng = f"{d1}–{d2} {month_name(mon)}", "range"
    else:  # mdmd
        m1, d1, m2, d2, year = month_number(g[0]), int(g[1]), month_number(g[2]), int(g[3]), g[4]
        body, rng = f"{d1} {month_name(m1)} – {d2} {month_name(m2)}", "range"
    if not _valid_day(body):
        return None
    has_year = year is not None
    shown_year = year if has_year else (str(default_year) if default_year else None)
    normalized = f"{body} {shown_year}" if shown_year else body
    return DateMention(m.start(), m.end(), m.group(0), normalized, has_year, rng)


_WEEKDAY = re.compile(rf"\b(?:(this|next|coming|last|past|on)\s+)?({'|'.join(d.capitalize() for d in WEEKDAYS)})\b")


def _weekday(m: re.Match[str], published: date) -> DateMention:
    """A weekday as the date it names in an article published on `published`: "this Sunday" and "next
    Sunday" are the coming one, "on Monday" and "last Monday" the latest one (news reports the past)."""
    word, weekday = (m.group(1) or "").lower(), WEEKDAYS.index(m.group(2).lower())
    if word in ("this", "next", "coming"):
        ahead = (weekday - published.weekday()) % 7
        day = published + timedelta(days=7 if word == "next" and not ahead else ahead)
    else:
        behind = (published.weekday() - weekday) % 7
        day = published - timedelta(days=7 if word in ("last", "past") and not behind else behind)
    return DateMention(m.start(2), m.end(2), m.group(2), f"{m.group(2)}, {day.day} {month_name(day.month)} {day.year}",
                       False, "weekday")


@lru_cache(maxsize=1024)
def published_on(iso_date: str | None) -> date | None:
    """The date of an ISO date string (an article's `date`), or None (cached: asked for every sentence)."""
    try:
        return date.fromisoformat(iso_date[:10]) if iso_date else None
    except ValueError:
        return None


def _valid_day(body: str) -> bool:
    return all(1 <= int(n) <= 31 for n in re.findall(r"\d+", body))


def parse_date(text: str) -> str | None:
    """An ISO date (yyyy-mm-dd) for the first full date in `text`, else None."""
    for d in find_dates(text):
        if d.kind == "day" and d.has_year:
            day, mon, year = d.normalized.split()
            return f"{year}-{month_number(mon):02d}-{int(day):02d}"
    return None


def year_of(iso_date: str | None) -> int | None:
    """The year of an ISO date, or None."""
    if iso_date and re.match(r"^\d{4}", iso_date):
        return int(iso_date[:4])
    return None
