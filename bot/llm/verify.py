"""Checking a model's reply before anything of it is shown.

The reply must be JSON (a Markdown code fence around it is accepted); its answer must carry [n] marks, each
of a passage that was given and cited; every citation's quote must be found in passage n. Quotes are compared
after normalising case, whitespace, quote marks and dashes; a quote of at least FUZZY_MIN_CHARS characters
may also differ slightly: rapidfuzz's partial ratio (an Indel similarity against the best-matching stretch
of the passage) of at least FUZZY_MIN, about one changed character in twenty.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..engine.sanitize import clean_text

ANSWER_MAX = 1000  # characters of answer text; Discord shows at most 1,500
QUOTE_MAX = 500
CITATIONS_MAX = 8
FUZZY_MIN = 95.0
FUZZY_MIN_CHARS = 20  # a shorter quote must be exact (after normalising)

_FENCE = re.compile(r"^```[a-zA-Z]*\s*(.*?)\s*```$", re.DOTALL)
_MARK = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# Discord mentions (<@1>, <@!1>, <@&1>, <#1>) and the mass pings, wherever the model put them
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b", re.IGNORECASE)
_SAME = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "„": '"',
                       "‟": '"', "«": '"', "»": '"', "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
_TRIM = " \t\n\"'“”‘’«»…."


class Rejected(Exception):
    """The reply cannot be shown; the message is the fallback reason."""


class DoesNotSay(Rejected):
    """The model answered null: the passages do not say."""


@dataclass(frozen=True)
class Checked:
    """A verified reply: the answer text and, per cited passage, where its (first) quote is."""

    answer: str  # cleaned, marks written as [n][m]
    quotes: dict[int, tuple[int, int]]  # passage number -> span of the quote in that passage's text
    order: tuple[int, ...]  # passage numbers in the order the answer first marks them, then unmarked ones


def parse(reply: str) -> dict[str, object]:
    """The reply as a JSON object: bare, in a code fence, or the outermost {...} of surrounding text."""
    text = reply.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    for candidate in (text, text[text.find("{"): text.rfind("}") + 1]):
        try:
            value = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    raise Rejected("the reply is not JSON")


def check(reply: str, passages: dict[int, str]) -> Checked:
    """The reply verified against `passages` (number -> text), or Rejected with the reason."""
    data = parse(reply)
    if "answer" not in data:
        raise Rejected("the reply has no answer")
    answer = data["answer"]
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        raise DoesNotSay("the model said the passages do not say")
    if not isinstance(answer, str):
        raise Rejected("the answer is not text")
    if len(answer) > ANSWER_MAX:
        raise Rejected(f"answer too long: {len(answer)} characters")
    cited = data.get("citations")
    if not isinstance(cited, list) or not cited:
        raise Rejected("the reply cites no passage")
    if len(cited) > CITATIONS_MAX:
        raise Rejected(f"too many citations: {len(cited)}")
    if _MENTION.search(answer) or any(isinstance(c, dict) and _MENTION.search(str(c.get("quote", "")))
                                      for c in cited):
        raise Rejected("the reply mentions someone")
    quotes: dict[int, tuple[int, int]] = {}
    for c in cited:
        n, quote = _citation(c, passages)
        span = find_quote(quote, passages[n])
        if span is None:
            raise Rejected(f"invented quote: passage [{n}] does not say “{one_line(quote)[:80]}”")
        quotes.setdefault(n, span)
    marked = [int(n) for group in _MARK.findall(answer) for n in group.split(",")]
    if not marked:
        raise Rejected("the answer has no [n] marks")
    uncited = sorted(set(marked) - set(quotes))
    if uncited:
        raise Rejected(f"mark without a quote: the answer marks [{uncited[0]}] without quoting it")
    order = tuple(dict.fromkeys(marked + list(quotes)))
    return Checked(_clean_answer(answer), quotes, order)


def _citation(c: object, passages: dict[int, str]) -> tuple[int, str]:
    if not isinstance(c, dict):
        raise Rejected("a citation is not an object")
    n, quote = c.get("n"), c.get("quote")
    if isinstance(n, str) and (digits := n.strip().strip("[]")).isdecimal() and len(digits) <= 9:
        n = int(digits)  # not "²" (isdigit, but no int) nor 5,000 digits (past int's limit): both raised ValueError
    if not isinstance(n, int) or isinstance(n, bool) or n not in passages:
        raise Rejected(f"passage not given: the reply cites [{str(n)[:20]}]")
    if not isinstance(quote, str) or not quote.strip(_TRIM):
        raise Rejected(f"no quote: citation [{n}]")
    if len(quote) > QUOTE_MAX:
        raise Rejected(f"quote too long: citation [{n}] quotes {len(quote)} characters")
    return n, quote


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _clean_answer(answer: str) -> str:
    """The answer as shown: cleaned like any text from outside (no controls, no mentions), one paragraph per
    line, marks written [1][2]."""
    lines = [clean_text(line) for line in answer.splitlines()]
    text = "\n".join(line for line in lines if line)
    return _MARK.sub(lambda m: "".join(f"[{int(n)}]" for n in m.group(1).split(",")), text)


def normalised(text: str) -> tuple[str, list[int]]:
    """`text` case-folded with one space for any whitespace and plain quote marks and dashes, and for each
    character of the result the index of the character of `text` it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        for c in ch.translate(_SAME).casefold():
            out.append(c)
            where.append(i)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """Where `quote` is in `text` (a span of `text`), exactly after normalising or, for a quote of at least
    FUZZY_MIN_CHARS characters, at a partial ratio of at least FUZZY_MIN; None when it is not there."""
    q, _ = normalised(quote.strip(_TRIM))
    t, where = normalised(text)
    if not q or not t or len(q) > len(t):
        return None
    at = t.find(q)
    if at >= 0:
        return where[at], where[at + len(q) - 1] + 1
    if len(q) < FUZZY_MIN_CHARS:
        return None
    found = fuzz.partial_ratio_alignment(q, t, score_cutoff=FUZZY_MIN)
    if found is None or found.dest_end <= found.dest_start:
        return None
    return where[found.dest_start], where[found.dest_end - 1] + 1
