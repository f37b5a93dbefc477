"""A Markdown article read as the text it shows, and a hard-wrapped text file read in whole paragraphs.

`**1 November 2025**` is "1 November 2025", `[North Port](https://...)` is "North Port", "## Programme" is
"Programme", a list item or a table row is a line of its own, an image, a link definition, an HTML comment or a
fence is nothing. A file written in an editor that wraps at 80 columns has its paragraphs joined again (in
Markdown a single line break is a space), so a sentence broken over two lines stays one sentence: the chunker
ends a sentence at every line break. A file pasted from a web page, one paragraph a line, is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import NamedTuple

EMPHASIS_MAX = 300  # characters of one emphasis or code span at most: each mark looks no further for its pair
WRAPPED_WIDTH = 120  # a file whose text lines are all at most this long, and run on over line breaks, is wrapped
MIN_WIDTH = 40  # ... and whose widest line is at least this long
FULL = 0.6  # ... and whose lines that run on are nearly as wide as the widest (at least this share of it)
_TERMINAL = tuple(".!?:;…\"'”’)]")

_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:[-*_]\s*){3,}|=+\s*)$")  # a horizontal rule or a heading's underline
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")  # (an ordered item keeps its number: "2. Seoul")
_BULLET = re.compile(r"^\s*[-*+•]\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_DEFINITION = re.compile(r"^\s{0,3}\[([^\]^]+)\]:\s*\S+", re.M)  # [id]: https://... (a reference link's target)
_COMMENT = re.compile(r"<!--.*?-->", re.S)

_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REFERENCE = re.compile(r"\[([^\]^]+)\]\[([^\]]*)\]")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>")
_SPAN = rf"(.{{1,{EMPHASIS_MAX}}}?)"  # lazy, and bounded: "**" with no pair in a long line costs EMPHASIS_MAX steps
_CODE = re.compile(r"(`+)(?!`)" + _SPAN + r"(?<!`)\1(?!`)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)" + _SPAN + r"(?<=\S)\1")
_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])" + _SPAN + r"(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])" + _SPAN + r"(?<=[^\s_])_(?![\w_])")
_STRUCK = re.compile(r"~~(?=\S)" + _SPAN + r"(?<=\S)~~")


def markdown_text(text: str) -> str:
    """The text a Markdown article shows, its paragraphs joined again where the file was wrapped."""
    text = _COMMENT.sub("", text)
    defined = {m.group(1).strip().casefold() for m in _DEFINITION.finditer(text)}  # "[id]: https://..."
    lines: list[_Line] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            lines.append(_BREAK)
        elif fenced:
            lines.append(_Line(line.strip(), False, False, False))  # a code block's lines stay lines
        elif "|" in line and _TABLE_RULE.match(line):
            continue  # the rule under a table's header row
        elif _RULE.match(line) or _DEFINITION.match(line):
            lines.append(_BREAK)
        elif m := _HEADING.match(line):
            lines += [_BREAK, _Line(inline(m.group(1) or "", defined), False, False, False), _BREAK]
        elif line.lstrip().startswith("|") and line.count("|") >= 2:
            cells = (c for cell in _cells(line) if (c := inline(cell, defined)))
            lines.append(_Line("; ".join(cells), False, False, False))
        else:
            quote = _QUOTE.match(line)
            body = line[quote.end():] if quote else line
            bullet = _BULLET.match(body)
            shown = (body[bullet.end():] if bullet else body).strip()
            lines.append(_Line(shown, not _ITEM.match(body), True, True) if shown else _BREAK)
    # the marks are read once a paragraph is whole again: "**1\nNovember 2025**" is bold
    return _joined(lines, lambda text: inline(text, defined))


def unwrapped(text: str) -> str:
    """A plain text file's paragraphs joined again where it was wrapped; a list item ("- ", "1. ") starts a line."""
    return _joined([_Line(line, not _ITEM.match(line), True, False) if line.strip() else _BREAK
                    for line in text.split("\n")])


def inline(text: str, defined: Collection[str] = ()) -> str:
    """A line's text without Markdown's inline marks: emphasis, code, links (their text; "[text][id]" only where
    the file defines `id`, so "[web 2][web 3]" stays), images, footnote marks, HTML tags; a backslash-escaped mark
    stays as written."""
    escaped: list[str] = []

    def hold(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _ESCAPED.sub(hold, text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE.sub(lambda m: m.group(1) if (m.group(2) or m.group(1)).strip().casefold() in defined
                          else m.group(0), text)
    text = _FOOTNOTE.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    for pattern in (_STRONG, _STRONG, _STAR, _UNDERSCORE, _STRUCK):  # twice: "***both***", "**_both_**"
        text = pattern.sub(lambda m: m.group(m.lastindex or 1), text)
    text = re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], text)
    return re.sub(r" {2,}", " ", text).strip()


def _cells(row: str) -> list[str]:
    """A table row's cells (an escaped bar "\\|" stays in its cell)."""
    row = row.strip().removeprefix("|")
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [c.replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row)]


class _Line(NamedTuple):
    text: str
    joins: bool  # may run on from the line before (a paragraph's line, not a list item's first)
    open: bool  # the next line may run on from it (not a heading, table row or code)
    marked: bool  # its Markdown marks are still to be read (`finish`)


_BREAK = _Line("", False, False, False)


def _joined(lines: list[_Line], finish: Callable[[str], str] = str.strip) -> str:
    """The lines, each that runs on joined to the one before where the file was wrapped (`_is_wrapped`), then
    `finish`ed where marked."""
    pairs = [(a.text, b.text) for a, b in zip(lines, lines[1:], strict=False)
             if a.open and b.joins and a.text and b.text]
    shown = [finish(line.text) if line.marked else line.text for line in lines if line.open or line.joins]
    wrapped = _is_wrapped(shown, pairs)
    out: list[_Line] = []
    for line in lines:
        before = out[-1] if out else _BREAK
        if wrapped and before.open and line.joins and before.text and line.text:
            glue = "" if re.search(r"\w-$", before.text) and line.text[:1].isalpha() else " "  # "Heong-" "joon"
            out[-1] = before._replace(text=f"{before.text}{glue}{line.text}", open=line.open)
        else:
            out.append(line)
    text = "\n".join(finish(line.text) if line.marked else line.text for line in out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _is_wrapped(text_lines: list[str], pairs: list[tuple[str, str]]) -> bool:
    """Whether an editor broke the text lines by wrapping at a width: no line is longer than WRAPPED_WIDTH, at least
    two end mid-sentence with more of the paragraph on the next, and the lines that run on reach near the widest
    line (a list of short facts, "Date: 5 December" over "Venue: Seoul", is not wrapped)."""
    width = max((len(line) for line in text_lines), default=0)
    if not pairs or not MIN_WIDTH <= width <= WRAPPED_WIDTH:
        return False
    mid_sentence = sum(1 for a, _ in pairs if not a.rstrip().endswith(_TERMINAL))
    full = sum(1 for a, _ in pairs if len(a) >= FULL * width)
    return mid_sentence >= 2 and full >= 0.8 * len(pairs)
