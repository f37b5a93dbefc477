"""Unanswerable questions made from answerable ones, for training the reader's "no answer" score.

SQuAD 2.0's unanswerable questions are written to look answerable: a name, number or year of the paragraph
swapped for another, an antonym ("least" for "most"), a negation. The training file holds few of them, so
these rules make more of the same kinds from its answerable questions; each is checked against its paragraph
(the swapped-in word must not be in it) so that it really has no answer there.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from .squad import SquadQuestion

# word -> its opposite; a question made with one is kept only when the paragraph never uses the new word
ANTONYMS = {
    "most": "least", "least": "most", "first": "last", "last": "first", "largest": "smallest",
    "smallest": "largest", "highest": "lowest", "lowest": "highest", "earliest": "latest", "latest": "earliest",
    "before": "after", "after": "before", "increase": "decrease", "decrease": "increase", "increased": "decreased",
    "decreased": "increased", "more": "fewer", "fewer": "more", "biggest": "smallest", "best": "worst",
    "worst": "best", "major": "minor", "minor": "major", "early": "late", "late": "early", "north": "south",
    "south": "north", "east": "west", "west": "east", "northern": "southern", "southern": "northern",
    "eastern": "western", "western": "eastern", "won": "lost", "lost": "won", "longest": "shortest",
    "shortest": "longest", "oldest": "newest", "newest": "oldest", "older": "younger", "younger": "older",
    "rich": "poor", "poor": "rich", "strong": "weak", "weak": "strong", "positive": "negative",
    "negative": "positive", "allowed": "forbidden", "accepted": "rejected", "rejected": "accepted",
    "start": "end", "began": "ended", "ended": "began", "open": "closed", "closed": "opened",
    "common": "rare", "rare": "common", "higher": "lower", "lower": "higher", "larger": "smaller",
    "smaller": "larger", "maximum": "minimum", "minimum": "maximum", "inside": "outside", "outside": "inside",
}
_NAME = re.compile(r"\b[A-Z][\w-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w-]+)*")
_LEADING = re.compile(r"^(?:(?:The|A|An|In|On|At|By|For|From|To|Of|As|With|During|After|Before|When|While|Since|"
                      r"Under|Its|His|Her|Their|This|These|That|Although|However)\s+)+")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_WORD = re.compile(r"[A-Za-z]+")


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE) is not None


def _shape(name: str) -> str:
    """A year is swapped for a year, another number for a number, a name for a name."""
    if re.fullmatch(r"1\d{3}|20\d{2}", name):
        return "year"
    return "number" if name[0].isdigit() else "name"


def swap_name(q: SquadQuestion, article_names: Sequence[str], rng: random.Random) -> str | None:
    """The question with one of its names (past its first word) or numbers that the paragraph uses replaced
    by a name or number of the same article that the paragraph never uses."""
    found = [m for m in _NAME.finditer(q.question) if m.start() > 0] + list(_NUMBER.finditer(q.question))
    found = [m for m in found if m.group(0) in q.context]
    if not found:
        return None
    m = rng.choice(found)
    pool = [n for n in article_names if _shape(n) == _shape(m.group(0)) and n not in q.context]
    if not pool:
        return None
    return q.question[: m.start()] + rng.choice(pool) + q.question[m.end():]


def swap_antonym(q: SquadQuestion, rng: random.Random) -> str | None:
    """The question with one word turned into its opposite, when the paragraph never uses the opposite."""
    found = [m for m in _WORD.finditer(q.question) if m.group(0).lower() in ANTONYMS]
    found = [m for m in found if not _has_word(q.context, ANTONYMS[m.group(0).lower()])]
    if not found:
        return None
    m = rng.choice(found)
    new = ANTONYMS[m.group(0).lower()]
    new = new.capitalize() if m.group(0)[0].isupper() else new
    return q.question[: m.start()] + new + q.question[m.end():]


_COPULA = re.compile(r"^\s*(?:what|who|which|where|when)\s+(?:is|was|are|were)\s+(?=the\s|a\s|an\s)", re.IGNORECASE)


def negate(q: SquadQuestion) -> str | None:
    """"What was the ..." as "What was not the ...", when the paragraph says nothing negatively."""
    if _has_word(q.context, "not") or "n't" in q.context or _has_word(q.question, "not"):
        return None
    m = _COPULA.match(q.question)
    if m is None:
        return None
    return q.question[: m.end()] + "not " + q.question[m.end():]


def article_names(questions: Sequence[SquadQuestion]) -> dict[str, list[str]]:
    """Each article's names and numbers, from all its paragraphs, in first-seen order."""
    texts: dict[str, dict[str, None]] = {}
    for q in questions:
        texts.setdefault(q.title, {}).setdefault(q.context, None)
    out: dict[str, list[str]] = {}
    for title, contexts in texts.items():
        text = "\n".join(contexts)
        lower = set(re.findall(r"\b[a-z]+\b", text))  # "This", "However": words written in lower case too
        names: dict[str, None] = {}
        for m in (*_NAME.finditer(text), *_NUMBER.finditer(text)):
            name = _LEADING.sub("", m.group(0).rstrip(".,"))
            if len(name) > 2 and (" " in name or name.lower() not in lower):
                names.setdefault(name, None)
        out[title] = list(names)
    return out


def perturbed(questions: Sequence[SquadQuestion], share: float, seed: int) -> list[SquadQuestion]:
    """For `share` of the answerable questions, an unanswerable variant asked of the same paragraph (a swapped
    name or number, an antonym, or a negation, whichever applies, tried in a random order)."""
    rng = random.Random(seed + 2)  # its own stream: other training data is drawn as before
    names = article_names(questions)
    out: list[SquadQuestion] = []
    for q in questions:
        if not q.answers or rng.random() >= share:
            continue
        rules = ["name", "antonym", "negation"]
        rng.shuffle(rules)
        for rule in rules:
            if rule == "name":
                new = swap_name(q, names.get(q.title, ()), rng)
            elif rule == "antonym":
                new = swap_antonym(q, rng)
            else:
                new = negate(q)
            if new and new != q.question:
                out.append(SquadQuestion(f"{q.id}-{rule}", q.title, q.context, new, ()))
                break
    return out
