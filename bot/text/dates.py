"""Finding dates in text and writing them out in full ("December 5th" -> "5 December 2025")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .words import table_key

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
MONTH = _MONTH_RE  # a month's name or abbreviation, as a pattern
_DASH = r"\s?[-–—]\s?"
_TO = rf"(?:{_DASH}|\s+(?:to|until|till)\s+)"  # "5-7 December", "9 to 17 April"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(1[5-9]\d\d|20\d\d)"  # a year as the articles write them (1500-2099)

# Korean and Japanese forms: 2025년 12월 5일, 12월 5일, 2025년 12월, 2025年12月5日, 1910~1945년, 1910年から1945年
_Y, _M, _D = r"(?:년|年)", r"(?:월|月)", r"(?:일|日)"
_TILDE = r"\s?(?:[~〜～\-–]|から|부터)\s?"
_CJK_YEAR = rf"(?<!\d)(?:{YEAR}\s?{_Y}\s?)?"  # the year a day range may open with
# "12月5日から10日間", "5일부터 10일 동안": a length of ten days, not the 10th; "12일본": 일본 (Japan), not the 12th
_NOT_A_LENGTH = r"(?!\s?(?:間|간|동안|본))"
_CJK: list[tuple[str, re.Pattern[str]]] = [
    # day ranges: 2025年10月26日～11月11日, 10월 26일~11월 11일, 11月21～22日, 11월 21일부터 22일
    ("cjk_mdmd", re.compile(rf"{_CJK_YEAR}(\d{{1,2}})\s?{_M}\s?(\d{{1,2}})\s?{_D}{_TILDE}(\d{{1,2}})\s?{_M}\s?"
                            rf"(\d{{1,2}})\s?{_D}{_NOT_A_LENGTH}")),
    ("cjk_mdd", re.compile(rf"{_CJK_YEAR}(\d{{1,2}})\s?{_M}\s?(\d{{1,2}})\s?{_D}?{_TILDE}(\d{{1,2}})\s?{_D}"
                           rf"{_NOT_A_LENGTH}")),
    ("cjk_ymd", re.compile(rf"{YEAR}\s?{_Y}\s?(\d{{1,2}})\s?{_M}\s?(\d{{1,2}})\s?{_D}")),
    ("cjk_yy", re.compile(rf"{YEAR}\s?{_Y}?{_TILDE}{YEAR}\s?{_Y}")),
    ("cjk_ym", re.compile(rf"{YEAR}\s?{_Y}\s?(\d{{1,2}})\s?{_M}")),
    ("cjk_md", re.compile(rf"(?<!\d)(\d{{1,2}})\s?{_M}\s?(\d{{1,2}})\s?{_D}")),
    ("cjk_y", re.compile(rf"(?<!\d){YEAR}\s?{_Y}")),
]

# Order matters: longer forms first; each match consumes its span.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    *_CJK,
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")),
    ("mdmd", re.compile(rf"\b({_MONTH_RE})\s+{_DAY}{_TO}({_MONTH_RE})\s+{_DAY}(?:,?\s+{YEAR})?\b")),
    ("mdd", re.compile(rf"\b({_MONTH_RE})\s+{_DAY}{_TO}(\d{{1,2}})(?:st|nd|rd|th)?(?![:.]\d|\s*(?:[ap]\.?m\b|o['’]c))"
                       rf"(?:,?\s+{YEAR})?\b")),
    ("dmdm", re.compile(rf"\b{_DAY}\s+({_MONTH_RE}){_TO}{_DAY}\s+({_MONTH_RE})(?:,?\s+{YEAR})?\b")),
    ("ddm", re.compile(rf"\b{_DAY}{_TO}{_DAY}\s+({_MONTH_RE})(?:,?\s+{YEAR})?\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+({_MONTH_RE})(?:,?\s+{YEAR})?\b")),
    ("mdy", re.compile(rf"\b({_MONTH_RE})\s+{_DAY}(?:,?\s+{YEAR})?\b")),
    ("my", re.compile(rf"\b({_MONTH_RE})\s+{YEAR}\b")),
    ("yy", re.compile(rf"\b{YEAR}{_DASH}(\d{{2,4}})\b")),
    ("y", re.compile(rf"(?<![\d$.,]){YEAR}(s\b)?(?![\d%])")),  # "1740s": a decade, kept whole
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


_YEAR_WORD = re.compile(rf"\b{YEAR}\b")


def years_in(text: str) -> set[str]:
    """The years a text writes as a word of their own ("1965", not "19650")."""
    return set(_YEAR_WORD.findall(text))


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Feb." -> 2)."""
    key = table_key(name).rstrip(".")
    if key in MONTHS:
        return MONTHS.index(key) + 1
    return _ABBR[key[:4] if key.startswith("sept") else key[:3]]


def month_name(n: int) -> str:
    return MONTHS[n - 1].capitalize()


# A month cut short beside a day or a year, as chat writes it: "dec 5", "5 dec", "feb 2010"; not beside another number
# ("Flight 93 Jan", "dec 500 people", "In 1919 Jan Smuts"), nor in capitals ("the APR 5"), which may be an acronym
_SHORT = "|".join(sorted({m[:3] for m in MONTHS} - {"may"} | {"sept"}))
_DAY_OR_YEAR = r"(?:(?:[12]?\d|3[01])(?:st|nd|rd|th)?|1[5-9]\d\d|20\d\d)(?![\w%]|[.,:]\d)"
_SHORT_BEFORE = re.compile(rf"(?<![\w.])({_SHORT})\b\.?(?=\s+{_DAY_OR_YEAR})", re.I)
_SHORT_AFTER = re.compile(rf"(?<![\w.,])((?:[12]?\d|3[01])(?:st|nd|rd|th)?\s+)({_SHORT})\b(?:\.(?=\s+\d))?", re.I)


def months_in_full(text: str) -> str:
    """`text` with each month cut short beside a day or a year written in full ("dec 5" -> "December 5"): the
    articles' words and dates match the whole name."""
    text = _SHORT_BEFORE.sub(lambda m: _full(m.group(1), m.group(0)), text)
    return _SHORT_AFTER.sub(lambda m: m.group(1) + _full(m.group(2), m.group(0)[len(m.group(1)):]), text)


def _full(short: str, written: str) -> str:
    return written if short.isupper() else month_name(month_number(short))


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
    return _with_weekdays(text, sorted(found, key=lambda d: d.start), published.year if published else default_year)


_BEFORE_DAY = re.compile(rf"\b({'|'.join(d.capitalize() for d in WEEKDAYS)}),?\s+(?:the\s+)?$")


def _with_weekdays(text: str, found: list[DateMention], year: int | None) -> list[DateMention]:
    """A weekday before its day is one date with it ("Sunday 3 May"), and where the day has no year, the weekday
    picks it from the year given and those beside it (3 May 2026 is a Sunday, in an article of November 2025)."""
    out: list[DateMention] = []
    for d in found:
        m = _BEFORE_DAY.search(text, max(0, d.start - 16), d.start) if d.kind == "day" else None
        if m is None:
            out.append(d)
            continue
        out = [o for o in out if o.end <= m.start()]  # the weekday alone, found first
        weekday = WEEKDAYS.index(m.group(1).lower())
        normalized = d.normalized if d.has_year else _year_of_weekday(d.normalized, weekday, year)
        out.append(DateMention(m.start(), d.end, text[m.start():d.end], normalized, d.has_year, "day"))
    return out


def _year_of_weekday(normalized: str, weekday: int, year: int | None) -> str:
    """"3 May 2025" as "3 May 2026" where only 2026's falls on the weekday (the year given first, then the next,
    then the one before)."""
    parts = normalized.split()
    if year is None or len(parts) != 3 or not parts[0].isdigit():
        return normalized
    day, month = int(parts[0]), month_number(parts[1])
    for y in (year, year + 1, year - 1):
        try:
            if date(y, month, day).weekday() == weekday:
                return f"{day} {parts[1]} {y}"
        except ValueError:
            continue
    return normalized


def _normalize(kind: str, m: re.Match[str], default_year: int | None) -> DateMention | None:
    g = m.groups()
    year: str | None
    if kind.startswith("cjk_"):
        return _normalize_cjk(kind, m, default_year)
    if kind == "iso":
        y, mo, d = int(g[0]), int(g[1]), int(g[2])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return DateMention(m.start(), m.end(), m.group(0), f"{d} {month_name(mo)} {y}", True, "day")
    if kind == "y":
        return DateMention(m.start(), m.end(), m.group(0), g[0] + (g[1] or ""), True, "year")
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
    elif kind in ("mdd", "ddm"):
        mon, d1, d2, year = (month_number(g[0]), int(g[1]), int(g[2]), g[3]) if kind == "mdd" \
            else (month_number(g[2]), int(g[0]), int(g[1]), g[3])
        if d2 <= d1:
            return None
        body, rng = f"{d1}–{d2} {month_name(mon)}", "range"
    else:  # mdmd, dmdm
        m1, d1, m2, d2, year = (month_number(g[0]), int(g[1]), month_number(g[2]), int(g[3]), g[4]) \
            if kind == "mdmd" else (month_number(g[1]), int(g[0]), month_number(g[3]), int(g[2]), g[4])
        if (m2, d2) <= (m1, d1) and m1 - m2 < 6:  # "from 5 May to 3 March" runs backwards; "1 November to 31 March"
            return None  # runs over New Year
        body, rng = f"{d1} {month_name(m1)} – {d2} {month_name(m2)}", "range"
    if not _valid_day(body):
        return None
    has_year = year is not None
    shown_year = year if has_year else (str(default_year) if default_year else None)
    normalized = f"{body} {shown_year}" if shown_year else body
    return DateMention(m.start(), m.end(), m.group(0), normalized, has_year, rng)


def _normalize_cjk(kind: str, m: re.Match[str], default_year: int | None) -> DateMention | None:
    """A Korean or Japanese date, normalised as the English ones are ("5 December 2025")."""
    g = m.groups()
    if kind in ("cjk_mdmd", "cjk_mdd"):
        return _cjk_range(kind, m, default_year)
    if kind == "cjk_y":
        return DateMention(m.start(), m.end(), m.group(0), g[0], True, "year")
    if kind == "cjk_yy":
        return DateMention(m.start(), m.end(), m.group(0), f"{g[0]}–{g[1]}", True, "range") if g[1] > g[0] else None
    if kind == "cjk_ym":
        mon = int(g[1])
        return DateMention(m.start(), m.end(), m.group(0), f"{month_name(mon)} {g[0]}", True, "month") \
            if 1 <= mon <= 12 else None
    year, mon, day = (g[0], int(g[1]), int(g[2])) if kind == "cjk_ymd" else (None, int(g[0]), int(g[1]))
    if not (1 <= mon <= 12 and 1 <= day <= 31):
        return None
    shown = year or (str(default_year) if default_year else None)
    body = f"{day} {month_name(mon)}"
    return DateMention(m.start(), m.end(), m.group(0), f"{body} {shown}" if shown else body, year is not None, "day")


def _cjk_range(kind: str, m: re.Match[str], default_year: int | None) -> DateMention | None:
    """A Korean or Japanese range of days, normalised as the English ones are ("26 October – 11 November 2025",
    "21–22 November 2025")."""
    g = m.groups()
    year = g[0]
    if kind == "cjk_mdmd":
        m1, d1, m2, d2 = (int(x) for x in g[1:])
    else:
        m1, d1, d2 = (int(x) for x in g[1:])
        m2 = m1
    # real days, the second after the first (or in the next year's January: 12월 28일~1월 3일)
    if not (_real_day(m1, d1, year) and _real_day(m2, d2, year)) \
            or not ((m2, d2) > (m1, d1) or (m1 == 12 and m2 == 1)):
        return None
    body = f"{d1} {month_name(m1)} – {d2} {month_name(m2)}" if m1 != m2 else f"{d1}–{d2} {month_name(m1)}"
    shown = year or (str(default_year) if default_year else None)
    return DateMention(m.start(), m.end(), m.group(0), f"{body} {shown}" if shown else body, year is not None,
                       "range")


_MONTH_NAME = "|".join(m.capitalize() for m in MONTHS)
_WEEKDAY_NAME = "|".join(d.capitalize() for d in WEEKDAYS)
_FULL = re.compile(rf"(?:({_WEEKDAY_NAME}), )?(?:(\d{{1,2}})(?:–(\d{{1,2}}))? )?({_MONTH_NAME})(?: – (\d{{1,2}}) "
                   rf"({_MONTH_NAME}))?(?: (\d{{4}}))?")
_RANGE = re.compile(r"(\d{4})–(\d{4})")
_KO_WEEKDAYS = "월화수목금토일"
_JA_WEEKDAYS = "月火水木金土日"


# the part of a year, decade or month ("late 2006", "the early 1800s", "mid-1990s", "spring of 2016"), and how Korean
# and Japanese write it after the date (2006년 말, 2006年末)
_PARTS = {"early": ("초", "初め"), "mid": ("중반", "半ば"), "late": ("말", "末"), "spring": ("봄", "春"),
          "summer": ("여름", "夏"), "autumn": ("가을", "秋"), "fall": ("가을", "秋"), "winter": ("겨울", "冬")}
PERIOD = "early|mid|late"  # as patterns: the parts that stand before "in" or a hyphen, and the seasons
SEASON = "spring|summer|autumn|fall|winter"
_PARTED = r"(\d{4}s?|[A-Z][a-z]+ \d{4})"  # what a part is of: a year, a decade, a month
_PART_OF = re.compile(rf"(?:the\s+)?({PERIOD})(?:\s+in(?:\s+the)?)?(?:\s+|-){_PARTED}|"
                      rf"({SEASON})(?:\s+of)?\s+{_PARTED}", re.I)


def localized(normalized: str, lang: str) -> str:
    """A normalised date ("5 December 2025", "December 2025", "2025", "1910–1945", "1–3 December 2025",
    "Sunday, 7 December 2025", "late 2006") as Korean (2025년 12월 5일, 2006년 말) or Japanese (2025年12月5日,
    2006年末) write it; anything else, and any date in English, unchanged."""
    if lang not in ("ko", "ja"):
        return normalized
    if part := _PART_OF.fullmatch(normalized):
        word, rest = (part.group(1), part.group(2)) if part.group(1) else (part.group(3), part.group(4))
        inner = localized(rest, lang)
        if inner == rest:
            return normalized
        ko, ja = _PARTS[table_key(word)]
        return f"{inner} {ko}" if lang == "ko" else f"{inner}{ja}"
    y, mo, d = ("년 ", "월 ", "일") if lang == "ko" else ("年", "月", "日")
    tilde = "~" if lang == "ko" else "～"
    if re.fullmatch(r"\d{4}", normalized):
        return normalized + y.strip()
    if re.fullmatch(r"\d{4}s", normalized):  # a decade: 1740년대, 1740年代
        return normalized[:-1] + y.strip() + "대" if lang == "ko" else normalized[:-1] + "年代"
    if m := _RANGE.fullmatch(normalized):
        return f"{m.group(1)}{y.strip()}{tilde}{m.group(2)}{y.strip()}"
    m = _FULL.fullmatch(normalized)
    if m is None:
        return normalized
    weekday, day, day_to, month, day2, month2, year = m.groups()
    head = f"{year}{y}" if year else ""
    mon = month_number(month)
    if day is None:
        return f"{head}{mon}{mo.strip()}" if year else normalized
    text = f"{head}{mon}{mo}{int(day)}{d}"
    if day_to:
        text += f"{tilde}{int(day_to)}{d}"
    elif day2 and month2:
        text += f"{tilde}{month_number(month2)}{mo}{int(day2)}{d}"
    if weekday:
        w = WEEKDAYS.index(weekday.lower())
        text += f" ({_KO_WEEKDAYS[w]}요일)" if lang == "ko" else f"({_JA_WEEKDAYS[w]}曜日)"
    return text


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


def _real_day(month: int, day: int, year: str | None) -> bool:
    """Whether the day exists (29 February only in a leap year, or when the year is not given)."""
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(int(year) if year else 2024, month)[1]


def _valid_day(body: str) -> bool:
    return all(1 <= int(n) <= 31 for n in re.findall(r"\d+", body))


def days_in(text: str) -> list[DateMention]:
    """The days a text names ("8 November", "Nov 8", "8th of November"), not its months, years or weekdays."""
    return [d for d in find_dates(text) if d.kind == "day"]


def days_named(text: str) -> set[str]:
    """The days of the year a text names ("28 november" for "November 28, 1995", "28th of November" or "28 Nov")."""
    return {" ".join(d.normalized.lower().split()[:2]) for d in days_in(text)}


def same_day(one: DateMention, other: DateMention) -> bool:
    """Whether two days are one ("8 November" and "Nov 8, 2025"; not another year's, where both give the year)."""
    if one.kind != "day" or other.kind != "day":
        return False
    if one.has_year and other.has_year:
        return one.normalized == other.normalized
    return one.normalized.split()[:2] == other.normalized.split()[:2]


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
