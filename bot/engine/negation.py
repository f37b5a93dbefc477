"""A question that asks what did not happen ("What territory wasn't ceded to Britain?") is answered with full
confidence only from near a sentence that says something did not: one that says what did happen answers the
opposite question (bot/engine/engine.py halves the confidence otherwise)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..models import Sentence

# "not", "n't", "never", "no longer" in the question
_ASKED = re.compile(r"\b(?:not|never|no\s+longer)\b|n['’]t\b", re.I)
# a sentence that denies or lacks something: a negation, or a word that means one ("failed to", "refused", "without")
_SAID = re.compile(r"\b(?:not|never|no(?!\.\s?\d)|none|nobody|nothing|nor|neither|without|cannot|unable|absent|"
                   r"instead\s+of|rather\s+than|"
                   r"lack(?:s|ed|ing)?|fail(?:s|ed|ing|ure)?|refus(?:e|es|ed|ing|al)|declin(?:e|es|ed|ing)|"
                   r"den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|excep(?:t|ted|tion)|exclud(?:e|es|ed|ing))\b|n['’]t\b",
                   re.I)


def asks_negated(question: str) -> bool:
    """Whether the question asks what is not so ("What proposed attacks didn't Shirley plan?")."""
    return bool(_ASKED.search(question))


# A negation within this many sentences of the answer's counts (docs/reader.md, "A negated question": 1 abstained
# on one whose "decided not to" is two sentences on)
REACH = 2


def negated_near(span: tuple[int, int], sid: int, sentences: Sequence[Sentence], reach: int = REACH) -> bool:
    """Whether the answer's sentences (`span`, of sentence `sid`'s article) or up to `reach` sentences of that
    article on either side say something did not happen."""
    first, last = span
    article = sentences[sid].article_id
    return says_negated(sentences[i].text for i in range(max(first - reach, 0), min(last + reach + 1, len(sentences)))
                        if sentences[i].article_id == article)


def says_negated(sentences: Iterable[str]) -> bool:
    """Whether any of the sentences says something is not so, or was refused, failed, lacked or left out."""
    return any(_SAID.search(s) for s in sentences)
