"""The English words a Korean or Japanese question's Sino-Korean and kanji words stand for, where the sources use
them: "병합" / "併合" → annexation, "식민 지배" → colonization, rule, "시인" → poet (bot/text/glossary.py). They
join the question's keyword search beside the names and loanwords heard in it (bot/engine/transcribed.py)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ..text.glossary import Glossary, Words
from ..text.words import query_terms

PER_WORD = 3  # English glosses taken for one question word
MOST = 12  # for one question
# the question's own words, which say what is asked, not about what: read by bot/engine/korean_japanese.py
_ASKING = {
    "ko": ("언제", "누구", "누가", "어디", "무엇", "무슨", "어느", "어떤", "얼마", "이번", "각각", "정확", "이름",
           "성함"),
    "ja": ("何", "名前", "氏名", "下の名前"),
}


def glossed(question: str, lang: str, glossary: Glossary, known: Mapping[str, float],
            heard: Collection[str] = ()) -> list[tuple[str, tuple[str, ...]]]:
    """(the question's word, the English glosses of it the sources use), for each of its dictionary words that is
    not a name or loanword already heard in it (`heard`: "이재명", which holds 이재, a genius)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    total = 0
    for word, meanings in glossary.words_in(question, lang):
        if word.startswith(_ASKING.get(lang, ())) or any(word in h for h in heard):
            continue
        found = used_glosses(meanings, known)[:PER_WORD]
        if found and total < MOST:
            out.append((word, found[: MOST - total]))
            total += len(found)
    return out


def used_glosses(meanings: Words, known: Mapping[str, float]) -> tuple[str, ...]:
    """The glosses the sources use (every term of them) of the one meaning they speak of most: the largest
    share of its glosses, the first meaning on a tie. 대사 is an ambassador in articles about embassies, not a
    metabolism."""
    best: tuple[float, tuple[str, ...]] = (0.0, ())
    for glosses in meanings:
        used = tuple(g for g in glosses if (terms := query_terms(g)) and all(t in known for t in terms))
        if len(used) / len(glosses) > best[0]:
            best = (len(used) / len(glosses), used)
    return best[1]
