"""Making user text safe to process and to show."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_MARKS = re.compile(r"([\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{2,})")


def clean_question(text: str | None, max_chars: int) -> str:
    """The question as plain text: invisible and control characters removed, stacked accents
    reduced, whitespace collapsed, at most `max_chars` characters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text[: max_chars * 4])
    text = _INVISIBLE.sub("", text)
    text = _MARKS.sub(lambda m: m.group(1)[0], text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:max_chars].strip()
