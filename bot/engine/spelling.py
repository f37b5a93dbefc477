"""Typos in questions: a word that is neither in the articles nor English, one edit from an English word
the articles use (in some form), is read as that word ("when was the tresty signed" -> "treaty";
"sigend" -> "signed", where the articles say "signing").

Most words a question uses and the articles do not are no typo ("prize" is not "prime"), so the English
word list of pyspellchecker (160,000 words with their frequencies) decides both sides:
- a word on it is never corrected;
- the word read for a typo is the likeliest English word one edit away, the articles' words (in any
  form) counting ten times (the question is about them), and only if the articles use it in some form
  ("realy" meant "really", which they do not use: it is not read as "redly");
- names are neither corrected nor offered ("keiko" is not read as "keizo").
Lower-case words of five letters or more are corrected so, to a word with the same first letter that is
not a stopword: typos rarely hit the first letter, and short words have too many neighbours.

A capitalised word is a name the user chose to type ("Osaka" must stay unknown, so that the bot abstains;
"Keiko" is no "Keizo"). Only a long one (seven letters or more) that is no English word, that the sources never
use, and that is one edit from exactly one capitalised word of the sources with its first letter, is read as that
name, as they write it: "Celeron" as "Céloron", "Moncalm" as "Montcalm", "Dusquesne" as "Duquesne". An edit at the
end (a last letter changed, added or dropped) makes another form of a name, no typo ("Carpathia", "Carpathian")
(docs/reader.md, "A name misspelt...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from functools import cached_property
from string import ascii_lowercase

from ..text.words import STOPWORDS, english_words, fold, stem

MIN_LENGTH = 5
NAME_MIN_LENGTH = 7  # a shorter name has too many real neighbours ("Keiko", "Keizo"; "Ishida", "Ishiba")
MAX_LENGTH = 30  # longer is no word anyone mistyped (and would cost 54 candidates a letter)
ARTICLES_PRIOR = 10  # how much likelier a word of the articles is to be the one meant
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# a question word mistyped as the question's first word ("wen does the timetable start"; short words, so the edits
# above leave them alone), unless it is a name or the sources' word ("Wen Jiabao", "Wat Arun")
QUESTION_WORDS = {typo: word for word, typos in {
    "when": "wen whn wehn whne", "what": "wat wht waht whta whaat", "which": "wich whcih wihch whihc",
    "where": "wher whre wehre whree", "who": "woh whoe", "whose": "whoes", "how": "hw hoow"}.items()
    for typo in typos.split()}
_OPENER = re.compile(r"^\W*([^\W\d_]+)\b")
_NAME_NEXT = re.compile(r"\s+[A-Z]")


class Speller:
    """The stems of the collection's words, and a way to read a question's typos as its words."""

    def __init__(self, stems: Collection[str], texts: Callable[[], Iterable[str]] = lambda: ()) -> None:
        self.stems = stems
        self._texts = texts  # the sources' texts, read for their names with the first name that may be mistyped

    @classmethod
    def of(cls, texts: Iterable[str]) -> Speller:
        """A speller for the words of `texts` (the engine passes the stems of its IDF table instead, and its
        sentences)."""
        texts = list(texts)
        return cls({stem(fold(w.lower())) for text in texts for w in _WORD.findall(text)}, lambda: texts)

    @cached_property
    def names(self) -> dict[str, str]:
        """The sources' capitalised words as they write them (not in capitals, where they also do), by their lower
        case without diacritics ("L'Américain" gives "americain", so that it is not read as "American")."""
        found: dict[str, str] = {}
        for text in self._texts():
            for w in _WORD.findall(text):
                if not w[0].isupper():
                    continue
                key = fold(w).lower()
                if key not in found or found[key].isupper() and not w.isupper():  # "Céloron", not a heading's "CÉLORON"
                    found[key] = w
        return found

    def correct(self, text: str) -> tuple[str, dict[str, str]]:
        """`text` with its typos replaced, and what was replaced by what."""
        changed: dict[str, str] = {}

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            better = self.suggest(word)
            if better is None:
                return word
            changed[word] = better
            return better

        opener = _OPENER.match(text)
        if opener and (meant := QUESTION_WORDS.get(opener.group(1).lower())) and not self._named(opener):
            meant = meant.capitalize() if opener.group(1)[0].isupper() else meant
            changed[opener.group(1)] = meant
            text = text[:opener.start(1)] + meant + text[opener.end(1):]
        return _WORD.sub(fix, text), changed

    def _named(self, opener: re.Match[str]) -> bool:
        """Whether the question's first word is (or opens) a name: "Wen Jiabao visited...", "Wat Arun is...", or a
        word of the sources."""
        word = opener.group(1)
        return bool(_NAME_NEXT.match(opener.string, opener.end(1))) or stem(fold(word.lower())) in self.stems \
            or fold(word).lower() in self.names

    def suggest(self, word: str) -> str | None:
        """The word `word` was meant to be, or None (see the module's docstring)."""
        if word[:1].isupper():
            return self._name(word)
        if (not MIN_LENGTH <= len(word) <= MAX_LENGTH or word != word.lower() or word in STOPWORDS
                or stem(fold(word)) in self.stems):  # a word of the articles, or another form of one
            return None
        english = english_words()
        if word in english:
            return None
        meant = [c for c in _edits(word) if c in english and c[0] == word[0] and c not in STOPWORDS]
        if not meant:
            return None
        ours = {c for c in meant if stem(c) in self.stems}
        best = max(meant, key=lambda c: (english[c] * (ARTICLES_PRIOR if c in ours else 1), c))
        return best if best in ours else None

    def _name(self, word: str) -> str | None:
        """The name of the sources a capitalised `word` was meant to be, or None (see the module's docstring)."""
        plain = fold(word).lower()
        if (not NAME_MIN_LENGTH <= len(word) <= MAX_LENGTH or stem(plain) in self.stems or plain in english_words()
                or plain in self.names):  # the names last: the first call reads the sources for them
            return None
        # as typed, then as a plural of a name the sources write in the singular only ("Euorpeans", "European")
        for typed, ending in [(plain, ""), *([(plain[:-1], "s")] if plain.endswith("s") else [])]:
            if len(typed) < NAME_MIN_LENGTH:
                break
            meant = {c for c in _edits(typed) if c in self.names and c[0] == plain[0] and not _other_ending(c, typed)}
            if len(meant) > 1:
                return None  # which one was meant cannot be told
            if meant:
                name = self.names[meant.pop()] + ending
                return name.upper() if word.isupper() else name
        return None


def _other_ending(one: str, other: str) -> bool:
    """Whether the two words differ only in their last letter, or by a letter more at the end: another form of a
    name, not a typo ("Carpathia", "Carpathian", "Carpathias"; "Austria", "Austrian"). A last letter doubled is a
    typo ("McDonnel", "McDonnell")."""
    longer, shorter = (one, other) if len(one) > len(other) else (other, one)
    if longer[:-1] == shorter:
        return longer[-1] != longer[-2]
    return one[:-1] == other[:-1]


def _edits(word: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion of a letter a-z away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
            | {a + c + b for a, b in splits for c in ascii_lowercase}) - {word}
