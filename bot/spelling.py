"""Typos in questions: a lower-case word the articles never use, one edit away from a word they do use,
is read as that word ("when was the tresty signed" -> "treaty").

Most words a question uses and the articles do not are no typo: "prize" is not "prime", "later" is not
"latter". So both sides are checked against an English word list (pyspellchecker's, 160,000 words):
a word on it is never corrected, and a correction must be on it, so a name is neither corrected nor
offered ("keiko" is not read as "keizo"). Also, only lower-case words of five letters or more are
corrected, to a word with the same first letter that is not a stopword: a capitalised word is a name
the user chose to type ("Osaka" must stay unknown, so that the bot abstains), typos rarely hit the
first letter, and short words have too many neighbours. A word whose stem the collection knows is no
typo ("reception" beside "receptions"). Candidates come from a delete-one index over the collection's
words (as SymSpell does), checked with the optimal string alignment distance.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Collection, Sequence
from functools import lru_cache
from importlib import resources

from .text import STOPWORDS, stem

MIN_LENGTH = 5
MAX_LENGTH = 30  # longer is no word anyone mistyped (and would cost a delete per letter)
MAX_WORDS = 50_000  # the most frequent words of the collection; rarer ones are not offered as corrections
MAX_TEXTS = 20_000  # passages read for the vocabulary: 0.3 s; common words are all there long before
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class Speller:
    """The collection's vocabulary and a way to read a question's typos as its words."""

    def __init__(self, texts: Sequence[str], known_stems: Collection[str] | None = None,
                 max_words: int = MAX_WORDS) -> None:
        """The vocabulary of the first MAX_TEXTS `texts`; `known_stems` (all of the collection's, when the
        caller has them) are never corrected."""
        counts = Counter(w.lower() for text in texts[:MAX_TEXTS] for w in _WORD.findall(text))
        self.counts = dict(counts.most_common(max_words))
        self.stems = known_stems if known_stems is not None else {stem(w) for w in counts}
        self._by_delete: dict[str, list[str]] = {}
        for word in self.counts:
            if MIN_LENGTH <= len(word) <= MAX_LENGTH and word not in STOPWORDS:
                for variant in {word, *_deletes(word)}:
                    self._by_delete.setdefault(variant, []).append(word)

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

        return _WORD.sub(fix, text), changed

    def suggest(self, word: str) -> str | None:
        """The collection's word for a lower-case `word` it does not know, if exactly one edit away."""
        if (not MIN_LENGTH <= len(word) <= MAX_LENGTH or word != word.lower() or word in self.counts
                or word in STOPWORDS or stem(word) in self.stems):
            return None
        found = {c for v in {word, *_deletes(word)} for c in self._by_delete.get(v, ())
                 if c[0] == word[0] and _osa(word, c) == 1}
        found = {c for c in found if c in english_words()} if found and word not in english_words() else set()
        return min(found, key=lambda c: (-self.counts[c], c)) if found else None


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """pyspellchecker's English words (loaded once, on the first word that might be a typo: 0.2 s)."""
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    return frozenset(json.loads(gzip.decompress(data)))


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1:] for i in range(len(word))]


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps (2 for
    lengths further apart than one: only "one edit or not" matters here)."""
    if abs(len(a) - len(b)) > 1:
        return 2
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]
