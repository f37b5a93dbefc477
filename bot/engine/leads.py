"""The line a sentence is read under: a table row's header, an interview answer's question, a list's heading.

"14:50 | 15:35 | MV Carrow Light" says nothing alone; under "Departs Kelmouth | Arrives Osley | Vessel" it says
which boat arrives at Osley at 15:35. "A: Twenty-two, and all but three of them live nearby." answers
"Q: How many people are you employing?". The lead is read with the sentence, never shown as part of it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from ..models import Sentence
from ..text.amounts import IN_WORDS, ORDINAL_ONES
from ..text.dates import YEAR

ROW = re.compile(r"\S\s*\|\s*\S")  # a run of cells: "06:40 | 07:25 | MV Tern"
_ANSWER = re.compile(r"A\s*[:.]\s")  # "A: Tuna."
_QUESTION = re.compile(r"Q\s*[:.]\s*(?P<asked>.*\S)")
_ITEM = re.compile(r"(?:\d{1,3}[.)]|[-•*–])\s+\S")  # "5. Elin Lund (Grenholm) – 6 pts", "- Doors: 7pm"
_HEADING = re.compile(r"(?P<heading>[^.!?]{3,120}):\s*$")  # "Final standings (top six):"
# a cell of figures: a row holding one (not a year or a season) is no header ("07:10 | 07:55 | MV Gannet"; "Party |
# 2021 | 2026" and "Club | 2024-25" are)
_FIGURES = re.compile(r"[\d.,:%£$€ -]+")
_YEAR_CELL = re.compile(rf"{YEAR}(?:[-–/]\d{{2,4}})?")
# a heading that counts its items: "Three evacuation centres have opened:", "The report makes five recommendations:"
# (not "Events on 5 May:")
_COUNTED = re.compile(rf"\b(?:\d+|{IN_WORDS}|dozen)\s+(?:[\w-]+\s+)?[\w-]+s\b", re.I)
_MAX_LINES = 40  # how far up a table or a list is followed


def lead_of(text: str, start: int) -> str:
    """The header, question or heading the sentence at `start` of the article's `text` is read under, or ""."""
    return _lead(text, text.rfind("\n", 0, start) + 1)


@lru_cache(maxsize=4096)
def _lead(text: str, line_start: int) -> str:
    line = _line_at(text, line_start)
    if not (ROW.search(line) or _ANSWER.match(line) or _ITEM.match(line)):
        return ""  # (prose: the lines above are not read)
    lines = _lines_up(text, line_start)
    if ROW.search(line):
        run = _run(lines, ROW.search)
        if len(run) > _MAX_LINES:
            return ""  # the header is further up than is followed
        header = run[-1]
        rows = len(run) - 1 + (1 if ROW.search(_line_below(text, line_start)) else 0)
        # two rows at least: a byline "By Ingrid Solheim | Culture Desk" above "Published ... | Updated ..." is none
        return header if len(run) > 1 and rows >= 2 and not any(_figures(c) for _, c in cells(header)) else ""
    if _ANSWER.match(line):
        for above in lines[1:3]:  # the question just above, a blank line between at most
            if (asked := _QUESTION.match(above)) is not None:
                return asked.group("asked")
            if above:
                break
        return ""
    if _ITEM.match(line):
        run = _run(lines, _ITEM.match)
        above = lines[len(run)] if len(run) < len(lines) else ""
        return heading.group("heading").strip() if (heading := _HEADING.match(above)) else ""
    return ""


def _line_at(text: str, line_start: int) -> str:
    """The line of `text` starting at `line_start`, stripped."""
    end = text.find("\n", line_start)
    return text[line_start:end if end >= 0 else len(text)].strip()


def _lines_up(text: str, line_start: int) -> list[str]:
    """The line starting at `line_start` and the lines above it, nearest first (stripped), at most _MAX_LINES + 1."""
    out = [_line_at(text, line_start)]
    pos = line_start - 1
    while pos > 0 and len(out) <= _MAX_LINES:
        begin = text.rfind("\n", 0, pos) + 1
        out.append(text[begin:pos].strip())
        pos = begin - 1
    return out


def _figures(cell: str) -> bool:
    return bool(_FIGURES.fullmatch(cell)) and any(c.isdigit() for c in cell) and not _YEAR_CELL.fullmatch(cell)


def _line_below(text: str, line_start: int) -> str:
    end = text.find("\n", line_start)
    return _line_at(text, end + 1) if end >= 0 else ""


def _run(lines: list[str], keeps: Callable[[str], object]) -> list[str]:
    """The lines from the first up while each is kept: a table's rows, a list's items (the first line included)."""
    run: list[str] = []
    for line in lines:
        if not line or not keeps(line):
            break
        run.append(line)
    return run


def line_above(sentences: Sequence[Sentence], sid: int, lead: str) -> int | None:
    """The sentence (of the 40 before `sid`, in its article) that is the line `lead` (the lead of sentence `sid`)."""
    for above in range(sid - 1, max(-1, sid - 1 - _MAX_LINES), -1):
        if sentences[above].article_id != sentences[sid].article_id:
            return None
        text = sentences[above].text.removesuffix(":").rstrip()
        if text == lead or (text.endswith(lead) and _QUESTION.match(text)):
            return above
    return None


def heads_rows(text: str, start: int) -> bool:
    """Whether the line at `start` of `text` is what the line below it is read under, and no answer itself: a
    table's header (its cells are labels), a list's heading ("Final standings (top six):", but not one that counts
    the items: "Three evacuation centres have opened:"), an interview's question. Each row is read with it."""
    line_end = text.find("\n", start)
    if line_end < 0 or not (lead := lead_of(text, line_end + 1)):
        return False
    line = _line_at(text, text.rfind("\n", 0, start) + 1)
    asked = _QUESTION.match(line)
    if lead == line.removesuffix(":").rstrip() != line:  # a list's heading: it answers when it counts the items
        return not _COUNTED.search(re.sub(r"\([^)]*\)", "", lead))  # ("Three evacuation centres have opened:"; not
        # "Final standings (top six):")
    return lead in (line, asked.group("asked") if asked else None)


_NUMBERED = re.compile(r"\s*(\d{1,2})[.)]\s+\S")


def place_words(text: str, start: int) -> str:
    """The place a numbered list's item at `start` of the article's `text` stands in, in words: "fifth 5th" for "5.
    Elin Lund (Grenholm) – 6 pts" (a results table's rows are places: "Who came fifth?"; the sentence splitter leaves
    the "5." before the sentence), else ""."""
    line = text[text.rfind("\n", 0, start) + 1:start + 4]
    if (m := _NUMBERED.match(line)) is None or not 0 < (n := int(m.group(1))) <= len(ORDINAL_ONES):
        return ""
    suffix = "th" if 10 <= n % 100 < 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{ORDINAL_ONES[n - 1]} {n}{suffix}"


def rows_headed(text: str, start: int, shown: str) -> tuple[str, list[int]]:
    """`shown` (the passage at `start` of the article's `text`, as the reader is given it) with each table row's cells
    named by their header's: "14:50 | 15:35 | MV Tern" under "Departs Kelmouth | Arrives Osley | Vessel" reads
    "Departs Kelmouth 14:50; Arrives Osley 15:35; Vessel MV Tern". A reader trained on prose reads a row so. Also the
    offset in `shown` of each character of the result, -1 for the header's words put in."""
    out: list[str] = []
    origin: list[int] = []

    def put(piece: str, at: int) -> None:
        out.append(piece)
        origin.extend(range(at, at + len(piece)) if at >= 0 else [-1] * len(piece))

    pos = 0
    for raw in re.findall(r"[^\n]*\n|[^\n]+$", text[start:start + len(shown)]):  # (lines as lead_of splits them)
        line, body = shown[pos:pos + len(raw)], raw.rstrip()
        header = lead_of(text, start + pos) if ROW.search(body) else ""
        heads, values = cells(header), cells(body)
        if not header or len(heads) != len(values):
            put(line, pos)
        else:
            for i, ((_, head), (at, value)) in enumerate(zip(heads, values)):
                put(("; " if i else "") + (head + " " if head else ""), -1)
                put(shown[pos + at:pos + at + len(value)], pos + at)
            put(line[len(body):], pos + len(body))  # the stop or line break
        pos += len(raw)
    return "".join(out), origin


def cells(row: str) -> list[tuple[int, str]]:
    """A table row's cells, each as its offset in `row` and its text, stripped; a Markdown row's outer bars make no
    cells ("| A–B | £5 |")."""
    out = []
    for m in re.finditer(r"[^|]+", row):
        text = m.group().strip()
        if text or row[:m.start()].strip() and row[m.end():].strip():
            out.append((m.start() + len(m.group()) - len(m.group().lstrip()), text))
    return out
