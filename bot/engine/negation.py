"""A question that asks what did not happen ("What territory wasn't ceded to Britain?") is answered with full
confidence only where its answer's sentences say something did not, or a sentence near them denies something the
question asks about: one that says what did happen answers the opposite question (bot/engine/engine.py halves the
confidence otherwise)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..models import Sentence
from ..text.words import query_terms

# "not" that negates: not "not only" or "not just", nor a word made with it ("not-violent", "not-for-profit")
_NOT = r"not(?![-‐‑–]\w|\s+(?:only|just)\b)"
# "not", "n't", "never", "no longer" in the question
_ASKED = re.compile(rf"\b(?:{_NOT}|never|no\s+longer)\b|n['’]t\b", re.I)
# a sentence that denies or lacks something: a negation, or a word that means one ("failed to", "refused", "without")
_SAID = re.compile(r"\b(?:not|never|no(?!\.\s?\d)|none|nobody|nothing|nor|neither|without|cannot|unable|absent|"
                   r"instead\s+of|rather\s+than|"
                   r"lack(?:s|ed|ing)?|fail(?:s|ed|ing|ure)?|refus(?:e|es|ed|ing|al)|declin(?:e|es|ed|ing)|"
                   r"den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|excep(?:t|ted|tion)|exclud(?:e|es|ed|ing))\b|n['’]t\b",
                   re.I)


# a clause's negation after a preposition ("his punishment for not paying", "in not wanting to ban"): of the 13 such
# questions in train.json, 12 are answerable
_NOT_DOING = re.compile(r"\b(?:for|in|by|of|from|about|on|at|with|without)\s+not\s+\w+ing\b", re.I)


def asks_negated(question: str) -> bool:
    """Whether the question asks what is not so ("What proposed attacks didn't Shirley plan?"), not what is so for
    not doing something ("What was Thoreau's punishment for not paying his taxes?")."""
    return bool(_ASKED.search(_NOT_DOING.sub(" ", question)))


# "When didn't ...", "Who was not ...", "What did Kanye West not have?": a question whose first words are when, where,
# how, who, what or which and its verb, negated; not a clause's verb ("the pope who chose not to be crowned", "for
# not paying"), nor "not only". SQuAD 2.0's annotators made many unanswerable questions so: of these, 152 of 187 in
# train.json are unanswerable, and 48 of 51 on the 5 held-out training articles. Such a question's answer needs the
# negation in its own sentences ("Who did not sign?" answered by "X did not sign"), not two sentences away. With a
# noun before the verb ("What territory wasn't ceded?") 69 of 270 in train.json are answerable, so those are left to
# the halving (docs/reader.md, "A negated question").
_CLAUSE = r"(?:that|who|which|whom|whose|would|could|to|if|because|of|for|in|on|by|with|from|about|after|before)\b"
_AUXILIARY_WORDS = "do does did is was were are has have had can could will would should".split()
_AUXILIARY = rf"(?:{'|'.join(_AUXILIARY_WORDS)})"
# "How many ...", "How much money ...", "What year ..." likewise (12 of such 13 in train.json are unanswerable)
_AMOUNT = r"how\s+(?:long|many|much|often|far)(?:\s+[a-z]+)?|what\s+(?:years?|dates?|time(?:\s+frame)?)"
_OPENS_NEGATED = re.compile(rf"^\W*(?:when|where|how|who|whom|what|which|{_AMOUNT})\s+(?:never|\w+n['’]t|"
                            rf"{_AUXILIARY}\s+(?:(?!{_CLAUSE})[\w'’-]+\s+){{0,5}}(?:{_NOT}|never))\b",
                            re.I)


def opens_negated(question: str) -> bool:
    """Whether the question opens with when, where, how, who, what or which (or how many, how much money, what
    year...) and its verb, negated ("When didn't he go?", "How many casualties didn't the British get?")."""
    return bool(_OPENS_NEGATED.search(question))


# A negation within this many sentences of the answer's counts where it denies what the question asks about
# (docs/reader.md, "A negated question": 1 abstained on one whose "decided not to" is two sentences on)
REACH = 2


def negated_near(span: tuple[int, int], sid: int, sentences: Sequence[Sentence], reach: int = REACH,
                 question: str | None = None) -> bool:
    """Whether the answer's sentences (`span`, of sentence `sid`'s article) or up to `reach` sentences of that
    article on either side say something did not happen; given the `question`, something of what it asks about
    (`negates`), where it names more than its negation."""
    first, last = span
    article = sentences[sid].article_id
    near = [sentences[i].text for i in range(max(first - reach, 0), min(last + reach + 1, len(sentences)))
            if sentences[i].article_id == article]
    asked = frozenset(query_terms(_ASKED.sub(" ", question))) if question else frozenset()
    return any(negates(s, asked) for s in near) if asked else says_negated(near)


def negation_for(question: str, span: tuple[int, int], sid: int, sentences: Sequence[Sentence]) -> bool:
    """Whether a question asking what did not happen meets a negation that may answer it: in the answer's own
    sentences, or within REACH sentences one that denies what it asks about ("decided not to run" two sentences on
    from the sentence about the administration, for "...said to have decided not to run again?"). A negation of
    something else two sentences away does not count ("Several barriers protect organisms" for "What kind of
    barrier does not protect...?")."""
    return negated_near(span, sid, sentences, 0) or negated_near(span, sid, sentences, question=question)


def says_negated(sentences: Iterable[str]) -> bool:
    """Whether any of the sentences says something is not so, or was refused, failed, lacked or left out."""
    return any(_SAID.search(s) for s in sentences)


# Between a negation and the word it denies ("not to be captured", "never fully recovered"), and between a subject
# and its negation ("The IPCC does not carry out research")
_BETWEEN = frozenset("to be been being have has had the a an yet even ever fully always quite so as all any".split())
_AUXILIARIES = frozenset(_AUXILIARY_WORDS) | {"am", "may", "might", "must"}
_TOKEN = re.compile(r"[\w'’-]+")
AFTER = 5  # words after a negation that it may deny (train.json: 3 keeps 21 of the 27 below, 5 keeps 24)


def negates(sentence: str, asked: frozenset[str]) -> bool:
    """Whether the sentence denies something the question (its terms `asked`) is about: one of the first AFTER
    words after a negation, or the word before it, is one of the question's terms. "These dates do not correspond
    with the fighting" denies nothing of "When was Montreal not captured?"; "Montreal was not captured" does. On
    train.json's questions that open negated, 24 of the 27 answerable ones whose own sentence says "not" keep it,
    and 52 of the 83 unanswerable ones whose paragraph does lose it (docs/reader.md, "A negated question")."""
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(sentence)]
    for m in _SAID.finditer(sentence):
        after = [w for start, _, w in tokens if start >= m.end() and w not in _BETWEEN][:AFTER]
        before = [w for _, end, w in tokens if end <= m.start() and w not in _BETWEEN and w not in _AUXILIARIES][-1:]
        if any(t in asked for w in after + before for t in query_terms(w)):
            return True
    return False
