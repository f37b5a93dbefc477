"""Turning a saved article into its body text: page chrome out, metadata lines read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..text.bylines import names_writer
from ..text.dates import find_dates, month_name, parse_date

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# A line matching one of these is page furniture, not article text.
_CHROME = [re.compile(p, re.I) for p in [
    r"^(like|support|amazing|sad|curious|insightful|love|angry|wow|haha|funny|happy)\s*\d+$",
    r"^how about this article\??$",
    r"^(share|share this|print|email|facebook|twitter|x|linkedin|copy link|whatsapp)$",
    r"^(advertisement|sponsored|read more|related (articles|stories|news))$",
    r"^your email (won't|will not|wont) be published\.?$",
    r"^we welcome thoughtful discussions.*$",
    r"^disclaimer:.*$",
    r"^tags?:.*$",
    r"^key (points|takeaways|highlights)$",
    r"^\d{1,2}\.?$",  # list numbering left on its own line
    # a page's number and running footer, as text copied from a PDF keeps them: "Page 2", "Page 2 of 5", "- 2 -",
    # and after a masthead in capitals ("North Port Times Page 1", "NPT | Culture | Page 3"; not "... on page 4")
    r"^(?-i:(?:[A-Z0-9][\w&'’.]*(?:\s+|\s*[|·•–—-]\s*)){0,8})page \d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    r"^[-–—]?\s*\d{1,4}\s*[-–—]$",  # (a leading "- " is read as a bullet: "2 -")
    r"^[\d,.]+[km]?\s+(views|reads|comments)$",
    r"^(photo|image|source):.*$",
    r"^©.*$|^copyright\b.*$",
]]

# A line matching one of these ends the article: what follows is comments or footer.
_CUTOFF = [re.compile(p, re.I) for p in [
    r"^(reader )?comments?(\s*\(\d+\))?:?$",
    r"^leave a (comment|reply)$",
    r"^(\d+ )?responses?$",
    r"^related (articles|stories|posts)$",
]]

_BYLINE = re.compile(
    r"^(?:by\s+)?(?P<source>[A-Z][\w&.'\- ]{0,40}?)\s+(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})"
    r"(?:\s+[\d,]+\s+views)?$"
)
_GLUED_ISO = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?=\S)")
# a dateline on its own: "Published 3 November 2025", "Updated: Nov. 3, 2025 10:15 KST", "Monday, 3 November 2025"
_DATELINE_OPENER = re.compile(r"^(?:(?:first\s+|last\s+)?(?:published|posted|updated|date)\b\s*(?:on\b|:)?\s*)?", re.I)
# what a dateline may hold beside its date, token by token: a weekday, a time and its zone, "at", "|"
_DATELINE_TOKEN = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]\.?)?|\d{1,2}(?::\d\d){1,2}|\d{1,2}\.\d\d(?!\d)|\d+|"
                             r"[+-]\d{1,2}(?::?\d\d)?|\S")
_DATELINE_WORDS = frozenset("at am pm a.m. p.m. a.m p.m utc gmt monday tuesday wednesday thursday friday saturday "
                            "sunday mon tue tues wed thu thur thurs fri sat sun".split())
_TIME = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?")  # "09:12", "18.30"
_READ_TIME = re.compile(r"\s*[·•|-]?\s*\d{1,3}\s*min(?:ute)?s?\s+read\s*$", re.I)  # "18/05/2026 · 4 min read"
# a date in figures ("18/05/2026"), read only where its order is plain: a day past 12 first, or a month first before
# one (05/18/2026); "05/06/2026" could be either
_NUMERIC_DAY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_ZONE = re.compile(r"[A-Z]{2,5}|[+-]\d{1,2}(?::?\d\d)?")  # "KST", "GMT" then "+9"
# where a byline and a date share a line: "By Maria Lopez, 14 March 2026", "Published 9 November 2025 | Tom Whitaker,
# Sports Reporter", "Naomi Fletcher, Health Correspondent · Wednesday 21 January 2026"
_PARTS = re.compile(r"\s*[,|·•—–]\s*")
_VIEWS = re.compile(r"\s+[\d,]+\s+views$", re.I)


@dataclass(frozen=True)
class Header:
    """Metadata read from the top of an article's text."""

    title: str | None = None
    date: str | None = None
    source: str | None = None


def plain_newlines(text: str) -> str:
    """Windows' "\r\n" and old Macs' "\r" as "\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_text(raw: str) -> str:
    """Unicode-normalised text with plain newlines, no zero-width or control characters."""
    text = plain_newlines(unicodedata.normalize("NFC", raw))
    text = text.translate(_ZERO_WIDTH).replace("\u00a0", " ").replace("\t", " ")
    text = _CONTROL.sub("", text)
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def split_header(text: str, title: str | None = None) -> tuple[Header, str]:
    """Read and remove the title, byline and dateline lines at the top of `text`."""
    lines = text.split("\n")
    found_title, date, source = None, None, None
    i, checked, datelines = 0, 0, 0
    while i < len(lines) and checked < 4:
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        checked += 1
        rest = any(other.strip() for other in lines[i + 1:])
        when = dateline(line) if date is None else None
        if (found_title is None and title is None and checked == 1 + datelines and rest and not when
                and _looks_like_title(line)):  # the first line, or the first after a date printed above the title
            found_title = line
            lines[i] = ""
        elif _same(line, title or found_title):
            lines[i] = ""
        elif (m := _BYLINE.match(line)) and parse_date(m.group("date")):
            date, source = parse_date(m.group("date")), m.group("source").strip()
            lines[i] = ""
        elif m := _GLUED_ISO.match(line):
            date = parse_date(m.group("date"))
            lines[i] = line[m.end():]
            break
        elif date is None and (both := author_and_date(line)):
            lines[i], date = both  # the byline stays, as text: "Who wrote the article?"
        elif when:
            date, datelines = when, datelines + 1
            lines[i] = ""
        elif not names_writer(line, dated=_dated_next(lines, i)):  # a byline stays as text; the header reads on
            break
        i += 1
    return Header(found_title, date, source), "\n".join(lines)


def _dated_next(lines: list[str], i: int) -> bool:
    """Whether the next line with text is a date of publication (a name alone above it is the byline)."""
    following = next((line.strip() for line in lines[i + 1:] if line.strip()), "")
    return dateline(following) is not None


def author_and_date(line: str) -> tuple[str, str] | None:
    """A line that holds a byline and a date of publication: the byline as the line writes it, and the ISO date
    ("By Maria Lopez, 14 March 2026": "By Maria Lopez", "2026-03-14"), else None."""
    if len(line) > 120:
        return None
    for cut in _PARTS.finditer(line):
        before, after = line[:cut.start()].strip(), line[cut.end():].strip()
        for author, when in ((before, after), (after, before)):
            if names_writer(author) and (iso := _dateline(when)):
                return author, iso
    return None


def _in_words(m: re.Match[str]) -> str:
    """A date in figures as words where its order is plain ("18/05/2026": "18 May 2026"), else as written."""
    first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    day, month = (first, second) if first > 12 >= second or first == second else \
        (second, first) if second > 12 >= first else (0, 0)
    try:
        date(year, month, day)  # (31/02/2026 is no day)
    except ValueError:
        return m.group()
    return f"{day} {month_name(month)} {year}"


def dateline(line: str) -> str | None:
    """The ISO date of a line that is only a date of publication ("Published 3 November 2025", "Nov. 3, 2025
    10:15 KST"), else None."""
    if len(line) > 80:
        return None
    if "|" in line:  # a masthead's parts: "Culture | 3 November 2025", "NORTH PORT TIMES | Nov. 3, 2025 | Page 1"
        dates = {date for part in line.split("|") if (date := _dateline(part.strip()))}
        return dates.pop() if len(dates) == 1 else None
    return _dateline(line)


def _dateline(line: str) -> str | None:
    opener = _DATELINE_OPENER.match(line)
    rest = _READ_TIME.sub("", line[opener.end() if opener else 0:])
    numeric = _NUMERIC_DAY.search(rest)
    if numeric is not None:
        rest = rest[:numeric.start()] + _in_words(numeric) + rest[numeric.end():]
    days = [d for d in find_dates(rest) if d.kind == "day" and d.has_year]
    if len(days) != 1:
        return None
    day = days[0]
    tokens = _DATELINE_TOKEN.findall(rest[:day.start] + " " + rest[day.end:])
    for i, token in enumerate(tokens):
        after = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        hour = token.isdigit() and int(token) <= 12 and after in ("am", "pm", "a.m.", "p.m.")  # "9 pm"
        if not (token in ",.|·•()-–—:" or token.lower() in _DATELINE_WORDS or _TIME.fullmatch(token)
                or _ZONE.fullmatch(token) or hour):
            return None
    return parse_date(day.text)


def property_title(title: object) -> str | None:
    """A document's title property (a PDF's, a Word file's), when it is one: text, not empty, not a file name
    ("Microsoft Word - notes.docx", "Document1")."""
    if not isinstance(title, str):  # (a damaged file may give a dictionary or a number)
        return None
    title = " ".join(title.split())
    if not title or re.search(r"\.\w{2,4}$|^microsoft \w+ -|^untitled$|^document\d*$", title, re.I):
        return None
    return title


def title_at(title: str, lines: list[str], within: int = 6) -> tuple[int, int] | None:
    """Where a document's title property stands among its first `within` lines: (the first line, how many: a long
    headline wraps over two or three), or None. A line may be the property's first part alone ("Harbour festival
    returns | North Port Times"; never the site's name after it). Quotes, dashes and a closing stop are read alike.
    None says the property is not this article's (Word keeps the title of the file an article was saved from)."""
    wanted = {_folded(title), _folded(re.split(r"\s+[|–—-]\s+", title)[0])} - {""}
    for top in range(min(within, len(lines))):
        for span in (1, 2, 3):
            if _folded(" ".join(lines[top:top + span])) in wanted:
                return top, span
    return None


def headline(lines: list[str], title: str, within: int = 6) -> tuple[str, list[str]] | None:
    """The headline a title property names, as the lines show it, and the lines from it on, the headline on one
    line: what stands above it is a masthead, but a date printed there is kept, after the headline. None where the
    first lines do not show the property."""
    where = title_at(title, lines, within)
    if where is None:
        return None
    lines = from_headline(lines, *where)
    return lines[0], lines


def from_headline(lines: list[str], top: int, span: int = 1) -> list[str]:
    """The lines from the headline at `top` on, the headline's `span` lines on one: what stands above it is a
    masthead, but a date printed there is kept, after the headline."""
    shown = " ".join(" ".join(lines[top:top + span]).split())
    return [shown, *(line for line in lines[:top] if dateline(line.strip())), *lines[top + span:]]


_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "\u00a0": " "})


def _folded(text: str) -> str:
    return " ".join(text.translate(_FOLD).split()).casefold().rstrip(".!?:;, ")


def is_byline(line: str) -> bool:
    """Whether `line` is a byline or dateline the header reading takes its date from ("Yonhap November 1, 2025")."""
    line = line.strip()
    return bool(_GLUED_ISO.match(line)) or bool((m := _BYLINE.match(line)) and parse_date(m.group("date")))


def is_chrome(line: str) -> bool:
    """Whether the cleaning drops `line` (a reaction counter, "Photo: ...", tags) or ends the article at it."""
    bare = _bare(line)
    return bool(bare) and any(p.match(bare) for p in (*_CHROME, *_CUTOFF))


def _bare(line: str) -> str:
    """A line without its list bullet, as the chrome patterns read it."""
    return line.strip().lstrip("-•*· ").strip()


def strip_chrome(text: str) -> str:
    """The article body without reactions, share buttons, comments, disclaimers and tags."""
    kept: list[str] = []
    for line in text.split("\n"):
        bare = _bare(line)
        if any(p.match(bare) for p in _CUTOFF):
            break
        if bare and any(p.match(bare) for p in _CHROME):
            continue
        kept.append(_VIEWS.sub("", line.strip()))
    body = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", body)


def clean_article(raw: str, title: str | None = None) -> tuple[Header, str]:
    """Header metadata and the clean body of a raw article text."""
    header, body = split_header(normalize_text(raw), title)
    return header, strip_chrome(body)


def _same(a: str, b: str | None) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().casefold()  # noqa: E731
    return b is not None and norm(a) == norm(b)


def _looks_like_title(line: str) -> bool:
    return len(line) <= 150 and not line.endswith((".", ":", ";", ","))
