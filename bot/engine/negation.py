"""A question that asks what did not happen ("What territory wasn't ceded to Britain?") is answered with full
confidence only from near a sentence that says something did not: one that says what did happen answers the
opposite question (bot/engine/engine.py halves the confidence otherwise)."""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def says_negated(sentences: Iterable[str]) -> bool:
    """Whether any of the sentences says something is not so, or was refused, failed, lacked or left out."""
    return any(_SAID.search(s) for s in sentences)
