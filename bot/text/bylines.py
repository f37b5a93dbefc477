"""An article's byline, who wrote it: "By Maria Lopez", "Story by Anouk Verhaegen", "By Kim Soo-jin, staff
reporter", "Tom Whitaker, Sports Reporter", a name alone above the date (with a date beside it, the cleaning keeps
this part as a line of its own and reads the date), and the question it answers: who wrote the article itself
(`asks_writer`)."""

from __future__ import annotations

import re

from .words import UPPER, english_words, words

# "By Kim Soo-jin", "By Kim Soo-jin, staff reporter"; not "By Monday, the festival had drawn crowds", "By the time"
AUTHOR = re.compile(r"^(?i:(?:story|words|text|reporting|written)\s+)?(?i:by)\s+"
                    r"(?!(?:the|this|then)\b|(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|"
                    r"february|march|april|may|june|july|august|september|october|november|december)\b)"
                    r"[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}(?:\s*(?:,|and)\s*[\w' \-]{1,40})?$")
ROLES = "reporter|correspondent|editor|writer|journalist|columnist|critic|staff|contributor|photographer"
# a name and what the paper calls its writer, without "By": "Tom Whitaker, Sports Reporter"
_NAMED_WRITER = re.compile(rf"[{UPPER}][\w.'’-]*(?:\s+[{UPPER}][\w.'’-]*){{1,3}}\s*,\s*(?:[\w'’-]+\s+){{0,3}}"
                           rf"(?i:{ROLES})s?(?:\s+[\w'’-]+){{0,3}}")


# a name alone, as some papers print their byline above the date ("Harriet Vanterpool" / "Thu 5 Feb 2026 18.30 GMT"):
# two to four capitalised words. Above a date (the cleaning) that is enough; opening an article's text (a question
# for its writer) at most half of them may be common English: "World Cup Final Preview" and "Seoul Concert Hall" are
# no byline, "Harriet Vanterpool" and "Park Ji-sung" are
NAME_ALONE = re.compile(rf"[{UPPER}][\w.'’-]+(?:\s+[{UPPER}][\w.'’-]*){{1,3}}")
# how often a common word is used (english_words: "smith" 1,006, "john" 6,920, "concert" 17,652)
_NAME_WORD_MOST = 5_000


def names_writer(line: str, opens: bool = False, dated: bool = False) -> bool:
    """Whether `line` says who wrote the article, and nothing else; `opens`: the line opens its article, where a
    name alone of words not all common is its byline; `dated`: a date of publication follows it, where any name
    alone is."""
    line = line.strip()
    if AUTHOR.match(line) or _NAMED_WRITER.fullmatch(line):
        return True
    if not (opens or dated) or not NAME_ALONE.fullmatch(line):
        return False
    common = english_words()
    said = words(line)
    return dated or 2 * sum(common.get(w, 0) >= _NAME_WORD_MOST for w in said) <= len(said)


# a byline ("By Maria Lopez", "Tom Whitaker, Sports Reporter") answers who wrote, reported or authored its article,
# or who its author, writer or reporter is; asked about the article itself ("Who wrote the article about the bridge?",
# "Who wrote this?"), not "Who wrote the Ninth Symphony?"
WRITER = {"write", "report", "author", "pen"}  # (terms: a "writer" is "write")
_ARTICLE = (r"(?:article|story|piece|report|news|column|editorial|obituary|obituarie|feature|profile|commentary)s?\b"
            r"(?!\s+of\b)")
_WRITER_ASKED = re.compile(rf"\b(?:wr[io]tes?|written|penned|authored|reported)\s+(?:(?:the|this|that)\s+)?"
                           rf"(?:[\w'’-]+\s+){{0,2}}?{_ARTICLE}|\b(?:wr[io]te|reported)\s+(?:this|it)\s*[?.!]*\s*$|"
                           rf"\b(?:author|writer|reporter)\s+of\s+(?:the|this|that)\s+(?:[\w'’-]+\s+){{0,2}}?{_ARTICLE}|"
                           r"\bwho\s+(?:is|was)\s+(?:the\s+|its\s+)?(?:author|writer|reporter)\s*[?.!]*\s*$|"
                           r"\bbyline\b", re.I)


def asks_writer(question: str) -> bool:
    """Whether a question asks who wrote the article itself (its byline answers it)."""
    return bool(_WRITER_ASKED.search(question))


_REPORT = re.compile(r"\breports?\b", re.I)


def asks_any_writer(question: str) -> bool:
    """Whether a question for the writer can only mean an article's (a byline of any article answers it): "Who
    wrote the obituary?", not "Who wrote the report on waiting times?", which may be a report the article is about."""
    return asks_writer(question) and not _REPORT.search(question)
