"""Making user text safe to process and to show."""

from __future__ import annotations

import re
import unicodedata

from ..errors import QuestionError
from ..text.messages import refusal

# Refused before any processing: a question this many times the limit is not worth reading.
RAW_LIMIT_FACTOR = 10

# Control, format (zero-width, bidi overrides, tags), surrogate, private-use and unassigned characters.
_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
# Stacked combining accents ("zalgo"); NFC has already composed every real accented letter.
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{2,}")
# Discord mentions: users <@1>, <@!1>, roles <@&1>, channels <#1>; and the mass pings.
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>")
_MASS_PING = re.compile(r"@+(everyone|here)\b", re.IGNORECASE)
# Terminal escape sequences (colours, cursor moves), removed whole rather than leaving "[31m".
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
# a letter or digit; a lone Hangul letter is not a word ("ㅋㅋㅋ", "ㅠㅠ" are laughter and tears)
_WORD = re.compile(r"[^\W_\u1100-\u11ff\u3130-\u318f]", re.UNICODE)


def clean_question(text: str | None, max_chars: int) -> str:
    """The question as plain text: invisible, control and unpaired surrogate characters removed,
    stacked accents removed, mentions defused, whitespace collapsed, at most `max_chars` characters."""
    if not text:
        return ""
    return clean_text(text[: max_chars * RAW_LIMIT_FACTOR])[:max_chars].strip()


def _visible(text: str) -> str:
    """`text` without the control, format (zero-width, bidi), surrogate and private-use characters that
    cleaning removes; whitespace becomes plain spaces."""
    return "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or unicodedata.category(ch) not in _DROP_CATEGORIES)


def clean_text(text: str) -> str:
    """`text` as every question is cleaned, at any length: terminal codes, invisible characters and stacked
    accents removed, mentions defused, whitespace collapsed."""
    text = _visible(_ANSI.sub("", text))
    text = unicodedata.normalize("NFC", text)
    text = _MARKS.sub("", text)
    text = defuse_mentions(text)
    return re.sub(r"\s+", " ", text).strip()


def defuse_mentions(text: str) -> str:
    """`text` with Discord user/role/channel mentions removed and @everyone/@here made inert."""
    while True:  # until stable: removing one mention may join the pieces of another
        defused = _MASS_PING.sub(lambda m: m.group(1), _MENTION.sub(" ", text))
        if defused == text:
            return text
        text = defused


def question_text(question: str | None, max_chars: int) -> str:
    """The cleaned question, or QuestionError (one line) when it is empty, has no words, or is
    longer than `max_chars` characters after cleaning."""
    if question and len(question) > max_chars * RAW_LIMIT_FACTOR:
        raise _too_long(len(question), max_chars)
    text = clean_text(question or "")
    if len(text) > max_chars:
        raise _too_long(len(text), max_chars)
    if not _WORD.search(text):
        raise refusal("ask_in_words")
    return text


# what a question is read through, one character at a time (NFKC), then composed (NFC): full-width letters, digits and
# punctuation, the ideographic space, half-width katakana and Hangul, "ſ", the Kelvin sign and the Latin ligatures.
# Not all of NFKC: it writes "™" as "TM" ("concert™" as "concertTM"), "´" as a space and an accent, and "＠" is
# defused again after the fold
_FOLDED = re.compile("[\u3000\uff01-\uffdc\ufb00-\ufb06\u017f\u212a]")
_LOWER_LATIN = re.compile(r"[a-z]")
_SHOUTED_WORD = re.compile(r"\b[A-Z][A-Z'’-]*[A-Z]\b")


def reading_form(text: str, max_chars: int) -> str:
    """A cleaned question (`question_text`) as the engine reads it, or QuestionError; the question shown stays as
    typed. Full-width "ＷＨＥＮ" and "２０２５" are "WHEN" and "2025", half-width katakana full-width, "ſ" an s (see
    _FOLDED), at most `max_chars` characters still, and the question and exclamation marks at its end one question
    mark: "Who was Jeong Cheol? ??!!" asks who he was as "Who was Jeong Cheol?" does (a dot stays: "the U.S.?")."""
    folded = _FOLDED.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = re.sub(r"\s+", " ", defuse_mentions(unicodedata.normalize("NFC", folded)))[:max_chars].strip()
    if not _WORD.search(text):  # "ﾟ" was a word before the fold, a mark after it
        raise refusal("ask_in_words")
    head = text.rstrip(" ?!")  # (not a regular expression: a long run of marks would make one slow)
    return head + "?" if "?" in text[len(head):] else text


def unshouted(text: str) -> str:
    """An English question written all in capitals, in small letters: the rules read a capital as a name's, so "WHEN
    WAS THE SEOUL CONCERT?" found names everywhere (the seed tune splits' accuracy fell from 0.75-0.89 to 0.25-0.53;
    in small letters 0.77-0.89, abstention as typed in small letters). Restoring each word's case from the sources
    (their common words small, short words acronyms, the rest names) was measured too: 0.33-0.70. At least three words
    of capitals and not one small letter: "When did NATO meet?" stays as it is."""
    if _LOWER_LATIN.search(text) or len(_SHOUTED_WORD.findall(text)) < 3:
        return text
    return text.lower()


def _too_long(length: int, max_chars: int) -> QuestionError:
    return refusal("too_long", length=f"{length:,}", limit=f"{max_chars:,}")
