"""The English words a Korean or Japanese question's Sino-Korean and kanji words stand for, where the sources use
them: "병합" / "併合" → annexation, "식민 지배" → colonization, rule, "시인" → poet (bot/text/glossary.py). They
join the question's keyword search beside the names and loanwords heard in it (bot/engine/transcribed.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Container, Sequence

import numpy as np

from ..text.glossary import PARTICLES, Glossary, Words
from ..text.words import query_terms
from .question import only_frames

Holding = Callable[[Sequence[str]], np.ndarray]  # which passages hold every one of the terms (a bool each)
PER_WORD = 3  # English glosses taken for one question word
MOST = 12  # for one question
# the question's own words, which say what is asked, not about what: read by bot/engine/korean_japanese.py
_ASKING = {
    "ko": ("언제", "누구", "누가", "어디", "무엇", "무슨", "어느", "어떤", "얼마", "이번", "각각", "정확", "이름",
           "성함"),
    "ja": ("何", "名前", "氏名", "下の名前"),
}


def glossed(question: str, lang: str, glossary: Glossary, known: Container[str], heard: Collection[str] = (),
            holding: Holding | None = None, names: Sequence[str] = ()) -> list[tuple[str, tuple[str, ...]]]:
    """(the question's word, the English glosses of it the sources use), for each of its dictionary words that is
    not a name or loanword already heard in it (`heard`: "이재명", which holds 이재, a genius). A word with
    several meanings the sources use takes the one they write beside the question's other words (`holding`:
    which passages hold given terms; `names`: the English names heard in the question), as in_context says."""
    words = [(word, _meanings(meanings, known)) for word, meanings in glossary.words_in(question, lang)
             if not word.startswith(_ASKING.get(lang, ())) and not any(word in h for h in heard)]
    out: list[tuple[str, tuple[str, ...]]] = []
    total = 0
    if holding is not None and any(len(options) > 1 for _, options in words):
        # which passages hold each word (any of its glosses), and how many of the heard names: once, for every
        # word that has a choice of meanings
        held = [_any_of([g for _, used in options for g in used], holding).astype(np.int64) for _, options in words]
        named = sum((_any_of([n], holding).astype(np.int64) for n in names), holding([]).astype(np.int64))
        everyone = sum(held, named)
    for at, (word, options) in enumerate(words):
        if len(options) > 1 and holding is not None:
            found = in_context(options, everyone - held[at], holding)[:PER_WORD]
        else:
            found = max(options, key=lambda o: o[0], default=(0.0, ()))[1][:PER_WORD]
        if found and total < MOST:
            out.append((word, found[: MOST - total]))
            total += len(found)
    return out


def used_glosses(meanings: Words, known: Container[str]) -> tuple[str, ...]:
    """The glosses the sources use (every term of them) of the one meaning they speak of most: the largest
    share of its glosses, the first meaning on a tie. 대사 is an ambassador in articles about embassies, not a
    metabolism."""
    return max(_meanings(meanings, known), key=lambda o: o[0], default=(0.0, ()))[1]


def in_context(options: Sequence[tuple[float, tuple[str, ...]]], beside: np.ndarray,
               holding: Holding) -> tuple[str, ...]:
    """The meaning (share of glosses the sources use, those glosses) whose glosses stand in a passage with the most
    of the question's other words (`beside`: how many of them each passage holds); the larger share on a tie, then
    the first. "서울 행사에 전시된 병풍": 전시 is a display, written beside the folding screen, not wartime, which is
    all of its one gloss."""

    def best(glosses: tuple[str, ...]) -> int:
        where = _any_of(glosses, holding)
        return int(beside[where].max()) if where.any() else -1

    return max(options, key=lambda o: (best(o[1]), o[0]))[1]


def _any_of(glosses: Sequence[str], holding: Holding) -> np.ndarray:
    """The passages that hold one of the glosses (every term of it)."""
    found = [holding(terms) for g in glosses if (terms := _terms(g))]
    return np.logical_or.reduce(found) if found else holding([])


def _meanings(meanings: Words, known: Container[str]) -> list[tuple[float, tuple[str, ...]]]:
    """(the share of its glosses the sources use, those glosses) for each meaning they use a gloss of."""
    out = []
    for glosses in meanings:
        if used := tuple(g for g in glosses if _used(g, known)):
            out.append((len(used) / len(glosses), used))
    return out


def _terms(gloss: str) -> list[str]:
    return [t for t in query_terms(gloss) if "-" not in t]


def _used(gloss: str, known: Container[str]) -> bool:
    """Whether the sources use every word of `gloss` ("vice-minister": "vice" and "minister", as "Vice Minister"
    is written there)."""
    found = _terms(gloss)
    return bool(found) and all(t in known for t in found)


# "어느 공원에서", "무슨 행사", "どの公園", "何の行事": the thing a which-question asks about
_WHICH = {
    "ko": re.compile(r"(?:어느|무슨|어떤)\s*([가-힣]{2,})"),
    "ja": re.compile(r"(?:どの|何の|どんな)\s*([\u4e00-\u9fff々][\u4e00-\u9fffぁ-ゖ々]*)"),
}


def asked_thing(question: str, lang: str, glossary: Glossary) -> tuple[str, Words] | None:
    """The dictionary word a which-question asks about ("어느 공원" → 공원, a park), with its meanings."""
    m = _WHICH[lang].search(question) if lang in _WHICH else None  # (the first one only)
    if not m:
        return None
    word = m.group(1)
    found = glossary.words_in(word, lang)[:1]
    if not found or not word.startswith(found[0][0]):
        return None
    rest = word[len(found[0][0]):]
    if lang == "ko" and rest and not rest.startswith(tuple(PARTICLES)):
        return None  # "무슨 색이었습니까": 색 (a colour) and the copula, not 색이 (foraging)
    if any(only_frames(g.lower()) for meaning in found[0][1][:1] for g in meaning):
        return None  # "어느 도시", "どの都市" (a city): the kind of answer, as in English
    return found[0]
