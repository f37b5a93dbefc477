"""English glosses of Korean and Japanese words written from Chinese characters: "병합" / "併合" (annexation),
"시인" / "詩人" (poet), "축제" / "祝祭" (festival). The table (models/glossary/, built by
scripts/build_glossary.py from JMdict and KANJIDIC2) holds Japanese words written with kanji and the Korean
words read from the same characters; a question's words are looked up in it, a query a word, nothing loaded
in advance."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

log = logging.getLogger(__name__)

# what follows a Korean noun: particles and the copula ("콘서트는", "리셉션에서", "이시바와"), longest first
PARTICLES = sorted("""은 는 이 가 을 를 의 에 에서 에게 께 께서 으로 로 와 과 도 만 까지
부터 이나 나 랑 이랑 하고 처럼 보다 에는 에서는 으로는 로는 이란 란 라는
이라는 이야 야 예요 이에요 입니다 입니까 인가요 이죠 죠""".split(), key=len, reverse=True)
# those of two syllables or more, which no dictionary word ends inside ("년부터" is 년 and 부터, not 년부, an annual
# report); a one-syllable one may be a word's last (정상회의: 정상 + 회의, not 정상회 and 의)
LONG_PARTICLES = tuple(p for p in PARTICLES if len(p) > 1)
LONGEST = 6  # characters in the longest word looked up ("植民地支配" is two)
_HANGUL = re.compile(r"[가-힣]{2,}")
_KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]")
# a Japanese word may run on past its kanji into kana ("取り消し"), never into punctuation or Latin letters
_JAPANESE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々ぁ-ゖァ-ヺー]+")


Words = tuple[tuple[str, ...], ...]  # the dictionary words a form may be, each as its glosses


class Glossary:
    """Looks a question's words up in the table at `path` (SQLite: one row per language and written form)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path  # None: no table, no glosses
        self._broken = False

    def words_in(self, question: str, lang: str) -> list[tuple[str, Words]]:
        """The question's dictionary words with their glosses (a tuple per dictionary word: 시인 is 詩人, a poet,
        and 是認, approval), in order. Korean: each space-separated word is read from its start as the run of
        dictionary words that covers most of it ("정상회의를": 정상 + 회의; the particle is left). Japanese:
        every longest dictionary word that starts with a kanji ("平和条約と経済援助": 平和条約 + 経済援助)."""
        if self.path is None or self._broken or lang not in ("ko", "ja"):
            return []
        try:
            with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as db:
                return list(_segment(question, lang, lambda form: _glosses(db, lang, form)))
        except sqlite3.Error as e:
            self._broken = True
            log.warning("glossary %s unreadable (%s); rebuild it with scripts/build_glossary.py. Korean and "
                        "Japanese questions go on without it", self.path, e)
            return []


def _glosses(db: sqlite3.Connection, lang: str, form: str) -> Words:
    row = db.execute("select glosses from gloss where lang = ? and form = ?", (lang, form)).fetchone()
    return tuple(tuple(word.split("; ")) for word in row[0].split(" | ")) if row else ()


def _segment(question: str, lang: str,
             look_up: Callable[[str], Words]) -> Iterator[tuple[str, Words]]:
    if lang == "ko":
        for token in question.split():
            for run in _HANGUL.findall(token)[:1]:
                yield from _words_from_start(_without_particle(run), look_up)
    else:
        for run in _JAPANESE.findall(question):
            at = 0
            while at < len(run):
                found = _longest(run, at, look_up) if _KANJI.match(run[at]) else None
                if found:
                    yield found
                at += len(found[0]) if found else 1


def _without_particle(run: str) -> str:
    """`run` without the particle of two syllables or more that ends it, which no dictionary word ends inside."""
    for particle in LONG_PARTICLES:
        if run.endswith(particle):
            return run[: -len(particle)]
    return run


def _words_from_start(run: str, look_up: Callable[[str], Words]) -> list[tuple[str, Words]]:
    """The run of dictionary words `run` starts with that covers most of it, in the fewest words: "식민지배는" is
    식민 + 지배 (colonization, rule), not 식민지 (a colony) and 배는."""
    found: dict[str, Words] = {}

    def known(text: str) -> Words:
        if text not in found:
            found[text] = look_up(text)
        return found[text]

    best: dict[int, tuple[int, int, list[str]]] = {len(run): (0, 0, [])}  # from a position: (covered, -words, words)
    for at in range(len(run) - 1, -1, -1):
        options: list[tuple[int, int, list[str]]] = [(0, 0, [])]
        for end in range(at + 2, min(len(run), at + LONGEST) + 1):
            if known(run[at:end]):
                covered, fewer, words = best[end]
                options.append((covered + end - at, fewer - 1, [run[at:end], *words]))
        best[at] = max(options, key=lambda o: o[:2])
    return [(w, found[w]) for w in best[0][2]]


def _longest(text: str, at: int,
             look_up: Callable[[str], Words]) -> tuple[str, Words] | None:
    for end in range(min(len(text), at + LONGEST), at + 1, -1):
        if glosses := look_up(text[at:end]):
            return text[at:end], glosses
    return None
