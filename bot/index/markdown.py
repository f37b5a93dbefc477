"""A Markdown article read as the text it shows, and a hard-wrapped text file read in whole sentences.

`**1 November 2025**` is "1 November 2025", `[North Port](https://...)` is "North Port", "## Programme" is
"Programme", a list item or a table row is a line of its own, an image, a link definition, an HTML comment or a
fence is nothing. In a file written in an editor that wraps at 80 columns, a line that breaks a sentence where the
next word would not have fitted is joined to the next (in Markdown a single line break is a space): the chunker
ends a sentence at every line break. A file pasted from a web page, one paragraph a line, is left as it is, and so
are a title, a byline, a caption the cleaning drops ("Photo: ..."), list items and Markdown's hard line breaks.

Every pattern looks a bounded distance ahead, so a hostile line of marks or brackets reads in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import cached_property
from typing import NamedTuple

from ..text.words import english_words
from .chunking import is_abbreviation
from .cleaning import is_byline, is_chrome, plain_newlines

SPAN_MAX = 300  # characters of one emphasis, code span or link text at most: each mark looks no further for its pair
# a file is read as wrapped when the width it was wrapped at (the upper quartile of its lines' lengths) is from
# MIN_WIDTH to WRAPPED_WIDTH, and at least two of its lines break a sentence where the next word would not have fitted
WRAPPED_WIDTH = 120
MIN_WIDTH = 30
# where a line ends a sentence: its mark, then closing quotes or brackets ("a mistake.”", "(2023).")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』]*$")
# kana, kanji, their punctuation and full-width forms: Japanese writes no spaces between them
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# characters an editor counts as two columns (Hangul, kana, kanji, full-width forms)
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
# a word a sentence does not end on ("...met on" / "Monday"): the first line runs on after one, as after a comma
_RUNS_ON = frozenset("a an and at by for from in into of on or the to with".split())
# a wrapped line may begin with a number that is no list item ("rose to" / "16. Officials said"); "1." starts one
_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]\s")

# in a proportional font (a PDF's text) a full line holds from about 80 % to 100 % of the widest lines' characters
PROPORTIONAL_ROOM = 0.8
# a word broken at a line's end is read whole when English writes it whole this many times as often as its second
# part alone: "visi-" / "tors" (283 times), "celeb-" / "ration" (2.7); a compound's second part is the commoner word
# ("fire-works" 0.05, "co-operation" 0.17, "pass-port" 0.68; "sub-titles", 8.5, is joined)
WHOLE_WORD_RATIO = 2
# a line's last word broken at its hyphen: "celeb-" (then "ration"), "Dae-" (then "jung")
_BROKEN = re.compile(r"(?<![\w-])(\w{1,40})[-\u2010]$")

# a line that opens with a day or a time, as a programme's rows do: "1 November", "Nov. 2", "10:00", "9.30"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ROW = re.compile(rf"(?i:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}\b|\d{{1,2}}[:.]\d\d\b)")

# each block pattern is tried on a stripped line with fullmatch, or matches a bounded start: none backtracks far
_FENCE = re.compile(r"\s{0,3}(?:`{3,}|~{3,})[ \t]*[\w+#.-]*")  # "```python"; not "```code```" nor "~~~ The End ~~~"
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:[ \t]+|$)")
_RULE = re.compile(r"^\s{0,3}(?:(?:[-*_]\s*){3,}|=+\s*)$")  # a horizontal rule or a heading's underline
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
# a list item's mark: "- ", "* ", "2. " with a space after it; a Korean or Japanese bullet ("▶", "・", "①") with or
# without one (an ordered item keeps its number: "2. Seoul")
_SIGNS = "▶►▷■□●○◆◇▲△※・➢✓\u2460-\u2473"
_ITEM = re.compile(rf"^\s*(?:(?:[-*+•·]|\d{{1,3}}[.)])\s+|[{_SIGNS}]\s*)")
_BULLET = re.compile(rf"^\s*(?:[-*+•·]\s+|[{_SIGNS}]\s*)")
# [id]: https://example.com "title" (a reference link's target; "[Update]: The concert moved." is text)
_DEFINITION = re.compile(r"^\s{0,3}\[([^\]^\n]{1,300})\]:\s*<?(?:https?://|mailto:|/|#)\S*>?"
                         r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*$", re.M)
_FOOTNOTE_TEXT = re.compile(r"^\s*\[\^[^\]\s]{1,50}\]:\s*")  # "[^1]: Source: ministry data." keeps its text

_SPAN = rf"(.{{1,{SPAN_MAX}}}?)"  # lazy and bounded
_WORDS = rf"([^\[\]\n]{{1,{SPAN_MAX}}})"  # a link's words: no bracket, so an unclosed "[" looks no further
_TARGET = r"\((?:[^()\s]|\([^()\s]*\)){0,2000}(?:\s+\"[^\"\n]{0,300}\")?\)"
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]" + _TARGET)
_LINK = re.compile(r"\[" + _WORDS + r"\]" + _TARGET)
_REFERENCE = re.compile(r"\[" + _WORDS + r"\]\[([^\[\]\n]{0,300})\]")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,50}\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]{1,2000})>")
# only HTML's own tags: "<Squid Game>" and "a<b and c>d" are text; a block's tag is a space ("Seoul<br>Busan")
_INLINE_TAGS = ("a|abbr|b|bdi|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|"
                "tt|u|var")
_BLOCK_TAGS = ("article|aside|blockquote|br|caption|center|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|"
               "header|hr|img|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul")
# each attribute with its value ("<a href=...>"): "<b and c>" is text
_ATTRIBUTES = r"(?:\s+[\w:.-]{1,50}\s*=\s*(?:\"[^\"<>]{0,500}\"|'[^'<>]{0,500}'|[^\s\"'=<>`]{1,500})){0,30}\s*/?>"
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE_TAGS}){_ATTRIBUTES}")  # (as Markdown writes them, in small letters:
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS}){_ATTRIBUTES}")  # "an <A> in maths" is text)
_CODE = re.compile(r"(?<!`)(`{1,3})(?!`)" + _SPAN + r"(?<!`)\1(?!`)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)" + _SPAN + r"(?<=\S)\1")
# "*" pairs beside letters of any script but Latin ones ("*東京*で"), never inside a Latin word or number ("2*3*4")
_STAR = re.compile(r"(?<![A-Za-z0-9*])\*(?=[^\s*])" + _SPAN + r"(?<=[^\s*])\*(?![A-Za-z0-9*])")
_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])" + _SPAN + r"(?<=[^\s_])_(?![\w_])")
_STRUCK = re.compile(r"~~(?=\S)" + _SPAN + r"(?<=\S)~~")
_HELD = "\ue000", "\ue001"  # around an escaped mark's number while the marks are read (private use, taken out first)


def markdown_text(text: str) -> str:
    """The text a Markdown article shows, each sentence whole again where the file was wrapped."""
    text = _uncommented(plain_newlines(text))
    defined = {m.group(1).strip().casefold() for m in _DEFINITION.finditer(text)}  # "[id]: https://..."
    lines: list[_Line] = []
    fenced = table = False
    for line in text.split("\n"):
        bare = line.strip()
        if _FENCE.fullmatch(line.rstrip()):
            fenced = not fenced
            lines.append(_BREAK)
        elif fenced:
            lines.append(_Line(bare, False, False, False))  # a code block's lines stay lines
        elif "|" in bare and _is_table_rule(bare):
            table = True  # the rule under a table's header row: the row above it is the header
            if lines and lines[-1].marked and "|" in lines[-1].text:  # (not yet read as a row)
                lines[-1] = _row(lines[-1].text, defined)
        elif table and "|" in bare:
            lines.append(_row(bare, defined))  # "2 Nov | Ferry parade", with or without the outer bars
        elif _RULE.match(line) or _DEFINITION.match(line):
            lines.append(_BREAK)
        elif m := _HEADING.match(line):
            lines += [_BREAK, _Line(inline(_heading(line[m.end():]), defined), False, False, False), _BREAK]
        elif bare.startswith("|") and bare.count("|") >= 2:
            lines.append(_row(bare, defined))
        else:
            table = table and bool(bare)
            quote = _QUOTE.match(line)
            body = _FOOTNOTE_TEXT.sub("", line[quote.end():] if quote else line)
            bullet = _BULLET.match(body)
            shown = (body[bullet.end():] if bullet else body).strip()
            hard = line.endswith("  ") or shown.endswith(("\\", "<br>", "<br/>", "<br />"))  # a hard line break
            lines.append(_Line(shown, _joins(body), not hard, True) if shown else _BREAK)
    # the marks are read once a sentence is whole again: "**1\nNovember 2025**" is bold
    return _joined(lines, lambda text: inline(text, defined))


def unwrapped(text: str, proportional: bool = False) -> str:
    """A plain text file's sentences whole again where it was wrapped; a list item ("- ", "1. ") starts a line.
    `proportional`: the lines were laid out in a proportional font (a PDF's), so a full line's count of characters
    varies and the next word is taken to have fitted only where it would have left a fifth of the width free, one
    sentence broken over two lines is enough to tell the text was wrapped, and lines that open with a day or a time
    are a programme's rows."""
    return _joined([_Line(line, _joins(line), True, False) if line.strip() else _BREAK
                    for line in plain_newlines(text).split("\n")],
                   proportional=proportional)


def _joins(line: str) -> bool:
    """Whether a line may run on from the one before: not a list item's first line, but a number other than 1 may
    begin a wrapped line ("16. Officials said")."""
    number = _NUMBER.match(line)
    return not _ITEM.match(line) or (number is not None and int(number.group(1)) != 1)


def _columns(text: str) -> int:
    """How many columns an editor gives `text`: two for a Hangul, kana or kanji character."""
    return len(text) + len(_WIDE.findall(text))


def inline(text: str, defined: Collection[str] = ()) -> str:
    """A line's text without Markdown's inline marks: emphasis, code, links (their text; "[text][id]" only where
    the file defines `id`, so "[web 2][web 3]" stays), images, footnote marks, HTML's tags; a backslash-escaped
    mark stays as written."""
    escaped: list[str] = []

    def hold(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"{_HELD[0]}{len(escaped) - 1}{_HELD[1]}"

    text = _ESCAPED.sub(hold, text.replace(_HELD[0], "").replace(_HELD[1], ""))
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE.sub(lambda m: m.group(1) if (m.group(2) or m.group(1)).strip().casefold() in defined
                          else m.group(0), text)
    text = _FOOTNOTE.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BLOCK_TAG.sub(" ", _INLINE_TAG.sub("", text))
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    for pattern in (_STRONG, _STRONG, _STAR, _UNDERSCORE, _STRUCK):  # twice: "***both***", "**_both_**"
        text = pattern.sub(lambda m: m.group(m.lastindex or 1), text)
    text = re.sub(f"{_HELD[0]}(\\d+){_HELD[1]}", lambda m: escaped[int(m.group(1))], text)
    return re.sub(r" {2,}", " ", text).strip()


def _uncommented(text: str) -> str:
    """`text` without HTML comments ("<!-- ... -->"), found by position: a regular expression rescans the rest of
    the text from every "<!--" that is never closed."""
    out, at = [], 0
    while (start := text.find("<!--", at)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        out.append(text[at:start])
        at = end + 3
    out.append(text[at:])
    return "".join(out)


def _heading(rest: str) -> str:
    """An ATX heading's text without its closing "#"s ("Programme ##")."""
    rest = rest.strip()
    bare = rest.rstrip("#")
    return bare.rstrip() if bare != rest and (not bare or bare[-1] in " \t") else rest


def _is_table_rule(line: str) -> bool:
    """Whether a stripped line is the rule under a table's header ("|---|:--:|", "--- | ---")."""
    return "--" in line and not set(line) - set("|:- \t")


def _row(line: str, defined: Collection[str]) -> _Line:
    """A table row as a line of its own: its cells' text joined by "; "."""
    return _Line("; ".join(c for cell in _cells(line) if (c := inline(cell, defined))), False, False, False)


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


def _joined(lines: list[_Line], finish: Callable[[str], str] = str.strip, proportional: bool = False) -> str:
    """The lines, each that breaks a sentence joined to the next where the file was wrapped (two such breaks found,
    one in `proportional` text), then `finish`ed where marked."""
    shown = [finish(line.text) if line.marked else line.text for line in lines]
    # the width the editor wrapped at, in columns as written (marks included): three lines in four are at most this
    # wide (a long web address, a table row or a line written unwrapped may run past it); the first line, which may
    # be the title, is not counted
    first = next((i for i, text in enumerate(shown) if text.strip()), -1)  # (not an image or a "<br>")
    widths = sorted(_columns(line.text) for i, line in enumerate(lines)
                    if (line.open or line.joins) and line.text.strip() and i != first)
    width = widths[-(-(len(widths) - 1) * 3 // 4)] if widths else 0  # (the upper quartile, rounded up)
    breaks: set[int] = set()
    if MIN_WIDTH <= width <= WRAPPED_WIDTH:  # (else not wrapped, and nothing more to look at)
        breaks = {i for i in range(len(lines) - 1)
                  if _breaks_sentence(lines[i], lines[i + 1], shown[i], width, widths[-1] if i == first else 0,
                                      proportional)}
    if len(breaks) < (1 if proportional else 2):
        breaks = set()  # not wrapped: every line stays a line
    joined: list[tuple[int, list[str]]] = []  # each out line: its first line, its pieces (joined once, not per line)
    hyphens = _Hyphens(lines)
    for i, line in enumerate(lines):
        if i - 1 in breaks:
            pieces = joined[-1][1]
            if hyphens.breaks_word(pieces[-1], line.text):
                pieces[-1] = pieces[-1][:-1]  # "govern-" and "ment": "government"
                pieces.append(line.text.lstrip())
            else:
                pieces.append(_glue(pieces[-1], line.text) + line.text)
        else:
            joined.append((i, [line.text]))
    # a line that stayed itself is shown as already read; a joined one has its marks read once it is whole
    text = "\n".join(shown[i] if len(pieces) == 1 else finish("".join(pieces)) if lines[i].marked else "".join(pieces)
                     for i, pieces in joined)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _glue(before: str, after: str) -> str:
    """What joins a line broken by wrapping to the next: nothing within a word broken at its hyphen ("Heong-" and
    "joon") or between kana and kanji (Japanese writes no spaces), else a space."""
    if before.endswith("\u00ad"):
        return ""  # a soft hyphen (the cleaning takes it out): "compa\u00ad" and "nies"
    if len(before) >= 2 and before[-1] in "-\u2010" and before[-2].isalnum() and after[:1].isalpha():
        return ""
    return "" if _CJK.match(before[-1:]) and _CJK.match(after[:1]) else " "


class _Hyphens:
    """Which hyphens at a line's end break one word, as typesetters and PDFs do ("govern-" and "ment"), rather than
    end the first part of a compound ("well-" and "known", "Dae-" and "jung"). The file decides first: a word it
    writes whole elsewhere is one word, a pair it writes hyphenated elsewhere a compound. Else English does: the
    word whole is on pyspellchecker's list and at least twice as common as its second part ("government": "ment" is
    no word; "visitors" against "tors"; not "preseason" against "season", nor "wellknown", which is on no list)."""

    _START = re.compile(r"[a-z]{1,40}")

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines

    def breaks_word(self, before: str, after: str) -> bool:
        end = before[-42:]
        head, tail = _BROKEN.search(end), self._START.match(after.lstrip())
        # a word of letters from its start ("govern-"; not "14th-", "Café-" or the end of "self‐govern-")
        if head is None or tail is None or not (head.group(1).isascii() and head.group(1).isalpha()) \
                or end[head.start() - 1:head.start()] == "\u2010":
            return False
        first, second = head.group(1).lower(), tail.group(0)
        words, pairs = self._written
        if (first, second) in pairs:
            return False
        if first + second in words:
            return True
        common = english_words()
        return common.get(first + second, 0) >= WHOLE_WORD_RATIO * max(1, common.get(second, 0))

    @cached_property
    def _written(self) -> tuple[set[str], set[tuple[str, str]]]:
        """The file's words and its hyphenated pairs, in small letters (read once, on the first hyphen at a line's
        end, in linear time)."""
        text = "\n".join(line.text for line in self.lines).lower()
        pairs = re.findall(r"(?<![a-z-])([a-z]{1,40})[-\u2010]([a-z]{1,40})(?![a-z])", text)
        return set(re.findall(r"[a-z]+", text)), set(pairs)


def _breaks_sentence(line: _Line, following: _Line, shown: str, width: int, first: int = 0,
                     proportional: bool = False) -> bool:
    """Whether an editor's wrapping broke a sentence after `line`: the next line's first word would not have fitted
    on it within the width, it ends mid-sentence (`shown`: without its marks; a dot after "Dr." or before a word in
    small letters ends none), and neither line is a byline, a caption the cleaning drops ("Photo: ..."; "copyright
    fees" in small letters runs on) or aligned columns. The file's first line (`first`: the widest other line's
    columns, 0 for any other line), which may be its title, runs on where it ends on a comma or on a word a sentence
    does not end on ("met on" / "Monday"), or where it is no wider than the widest other line and the next begins
    with a word in small letters (or in Japanese). In `proportional` text (a PDF's) the next word is taken to have
    fitted only where it would have left a fifth of the width free, and a programme's rows stay rows."""
    text, after = shown.rstrip(), following.text.strip()
    if not (line.open and following.joins and text and after):
        return False
    word = after[:1] if _CJK.match(after[:1]) else after.split()[0]
    columns = _columns(line.text.rstrip())
    broken = _BROKEN.search(text[-41:]) if after[:1].isalpha() else None
    if broken:  # a word broken at its hyphen ("celeb-" / "ration"): the whole word did not fit
        columns -= len(broken.group(0))
        word = broken.group(1) + word
    if columns + 1 + _columns(word) <= (width * PROPORTIONAL_ROOM if proportional else width):
        return False  # the next word would have fitted: the line was ended on purpose (a title, a caption, a list)
    if _SENTENCE_END.search(text) and not _abbreviated(text) and not after[:1].islower():
        return False
    if is_byline(line.text) or is_byline(after) or any(is_chrome(t) and not t.lstrip()[:1].islower()
                                                       for t in (line.text, after)):
        return False
    if "   " in line.text.strip() or "   " in after:
        return False
    if proportional and _ROW.match(text) and _ROW.match(after):
        return False  # a programme's rows ("1 November Opening ceremony" / "2 November Ferry parade", "10:00 ...")
    if not first:
        return True
    last = text.split()[-1].lower() if text.split() else ""
    if text.endswith(",") or last in _RUNS_ON:
        return True  # no title ends so
    return columns <= first and (after[:1].islower() or bool(_CJK.match(after[:1])))


def _abbreviated(text: str) -> bool:
    """Whether a line ends with an abbreviation's dot, which ends no sentence ("Dr.", "U.S.", "J.")."""
    m = re.search(r"([\w.]+)\.$", text[-20:])
    return m is not None and is_abbreviation(m.group(1).lower())
