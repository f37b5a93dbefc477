"""An article's byline, who wrote it: "By Maria Lopez", "By Kim Soo-jin, staff reporter", "Tom Whitaker, Sports
Reporter" (with a date beside it, the cleaning keeps this part as a line of its own and reads the date)."""

from __future__ import annotations

import re

from .words import UPPER

# "By Kim Soo-jin", "By Kim Soo-jin, staff reporter"; not "By Monday, the festival had drawn crowds", "By the time"
AUTHOR = re.compile(r"^(?i:by)\s+(?!(?:the|this|then)\b|(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|"
                    r"february|march|april|may|june|july|august|september|october|november|december)\b)"
                    r"[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}(?:\s*(?:,|and)\s*[\w' \-]{1,40})?$")
ROLES = "reporter|correspondent|editor|writer|journalist|columnist|critic|staff|contributor|photographer"
# a name and what the paper calls its writer, without "By": "Tom Whitaker, Sports Reporter"
_NAMED_WRITER = re.compile(rf"[{UPPER}][\w.'’-]*(?:\s+[{UPPER}][\w.'’-]*){{1,3}}\s*,\s*(?:[\w'’-]+\s+){{0,3}}"
                           rf"(?i:{ROLES})s?(?:\s+[\w'’-]+){{0,3}}")


def names_writer(line: str) -> bool:
    """Whether `line` says who wrote the article, and nothing else."""
    line = line.strip()
    return bool(AUTHOR.match(line) or _NAMED_WRITER.fullmatch(line))
