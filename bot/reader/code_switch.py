"""Code-switched training questions for the multilingual reader: an English SQuAD question with its question word
and some of its words in Korean or Japanese ("When did the war end?" -> "전쟁 end 언제?"), so that a reader trained
on English questions learns to read the words of the questions it will be asked. train.json has no Korean or
Japanese questions, and no translation model is installed here; the words come from models/glossary/english.tsv
(scripts/build_lexicon.py, JMdict). Training only."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

Q = TypeVar("Q", bound=Any)  # a dataclass with a `question` (bot/reader/squad.py SquadQuestion)

LEXICON = Path(__file__).resolve().parents[2] / "models" / "glossary" / "english.tsv"

# The question word, the first that matches, and what Korean and Japanese write for it; the word goes last, as
# those languages put it ("서울 콘서트는 언제 열렸나요?").
_ASKS = [
    (r"\bhow many\b", "몇 개", "いくつ"),
    (r"\bhow much\b", "얼마", "いくら"),
    (r"\bhow long\b", "얼마나 오래", "どのくらい"),
    (r"\b(?:what|which) year\b", "몇 년", "何年"),
    (r"\bwhen\b", "언제", "いつ"),
    (r"\bwho(?:m|se)?\b", "누구", "誰"),
    (r"\bwhere\b", "어디", "どこ"),
    (r"\bwhy\b", "왜", "なぜ"),
    (r"\bhow\b", "어떻게", "どう"),
    (r"\bwhich\b", "어느", "どの"),
    (r"\bwhat\b", "무엇", "何"),
]
_COMPILED = [(re.compile(p, re.I), ko, ja) for p, ko, ja in _ASKS]
_ENDINGS = {"ko": ("인가요?", "입니까?", "야?", "?"), "ja": ("ですか？", "か？", "？", "?")}
# words a Korean or Japanese question does not write: articles, auxiliaries, most prepositions
_DROPPED = frozenset("""a an the is are was were be been being do does did has have had of to in on at by for with
from as that this these those it its""".split())
_LATIN = re.compile(r"[A-Za-z0-9]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|[0-9][0-9,.]*|\S")


def load(path: Path = LEXICON) -> dict[str, tuple[str, str]]:
    """English word -> (Korean, Japanese); Korean may be "" (the word is then left in English)."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        english, ja, ko = line.split("\t")
        table[english] = (ko, ja)
    return table


def _lemma(word: str, table: dict[str, tuple[str, str]]) -> str:
    """The form of `word` the table holds: as it is, or without a plural or past ending."""
    w = word.lower()
    for form in (w, w[:-1] if w.endswith("s") else "", w[:-2] if w.endswith("es") else "",
                 w[:-3] + "y" if w.endswith("ies") else "", w[:-2] if w.endswith("ed") else "",
                 w[:-1] if w.endswith("ed") else ""):
        if form and form in table:
            return form
    return ""


def code_switch(question: str, lang: str, table: dict[str, tuple[str, str]], rng: random.Random,
                share: float = 0.7) -> str:
    """`question` in a mix of English and `lang` ("ko" or "ja"): its question word in `lang` at the end, the
    words it asks about that `table` has in `lang` at `share`, names and numbers as they stand, and the words
    those languages do not write mostly left out."""
    at = 0 if lang == "ko" else 1
    asked = ""
    for pattern, *words in _COMPILED:
        m = pattern.search(question)
        if m:
            asked = words[at]
            question = question[: m.start()] + question[m.end():]
            break
    out: list[str] = []
    for token in _WORD.findall(question):
        if not token[0].isalnum():
            continue
        lower = token.lower()
        if lower in _DROPPED and rng.random() < 0.9:
            continue
        form = "" if token[0].isupper() and out else _lemma(token, table)  # a capital inside: a name
        native = table[form][at] if form else ""
        out.append(native if native and rng.random() < share else token)
    if asked:
        out.append(asked)
    tight = lang == "ja" and rng.random() < 0.5  # Japanese is often written without spaces
    text = ""
    for token in out:
        glued = tight and text and not (_LATIN.match(token) or _LATIN.match(text[-1]))
        text += token if glued or not text else " " + token
    return text + rng.choice(_ENDINGS[lang])


def code_switched(questions: Sequence[Q], share: float, seed: int,
                  table: dict[str, tuple[str, str]] | None = None) -> list[Q]:
    """`questions` with `share` of them code-switched, half into Korean and half into Japanese."""
    table = load() if table is None else table
    rng = random.Random(seed + 2)  # its own stream: without code-switching, training is as before
    out = []
    for q in questions:
        if rng.random() < share:
            q = replace(q, question=code_switch(q.question, rng.choice(("ko", "ja")), table, rng))
        out.append(q)
    return out
