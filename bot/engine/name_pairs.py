"""The sources' names as pairs of words ("king", "george"), and the names a question writes whose words the sources
never join in one name ("Queen George's War" where they say "King George's War"): question.Question's names are
read by bot/engine/question.py; these compare them with the sources."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..text.words import STOPWORDS, UPPER
from .question import TITLES

_CAPS = re.compile(rf"[{UPPER}][\w’'.-]*")
_POSSESSIVE = re.compile(r"['’]s$")
# small words inside a name ("Department of Energy"); in the sources "and" too, which only makes the check
# more lenient ("Iran and Pakistan"), while in a question it separates two names
_JOINERS = frozenset("of the for de".split())
# the words that join a question's names into one ("Bank of Korea"); not "for": "Millionaire for ABC" is no name
_IN_A_NAME = _JOINERS - {"for"}
_OPENERS = frozenset("who whom whose what when where which why how is was are were do does did has have had can could "
                     "will would should in on at for from by to of the a an and or tell name list give".split())


def capital_runs(text: str | list[str], shortest: int = 2, joiners: frozenset[str] = frozenset(),
                 bare_of: Callable[[str], tuple[str, str]] | None = None) -> list[list[str]]:
    """Runs of capitalised words side by side, each word bare and lower case: no stops ("U.S." is "us"), no
    plural ("Receptions" is "reception"), one kind of dash. A comma, a stop or a possessive ends a run
    ("Johnson's Iroquois name" names Johnson). `bare_of`: _bare, memoised by a caller that reads many texts."""
    runs: list[list[str]] = [[]]
    for token in _tokens(text) if isinstance(text, str) else text:
        if token in joiners and runs[-1]:  # "Department of Energy" is one name
            continue
        bare, word = (bare_of or _bare)(token)
        if _CAPS.fullmatch(bare) and word:
            runs[-1].append(word)
            if token[-1:] in ",;:!?)\"”" or _POSSESSIVE.search(bare) or (
                    token.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", token)):
                runs.append([])
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if len(r) >= shortest]


def _tokens(text: str) -> list[str]:
    return text.replace("–", "-").replace("—", "-").split()


def _bare(token: str) -> tuple[str, str]:
    """A token without its punctuation, and as a word of a name: lower case, no stops, possessive or plural."""
    bare = token.strip(",;:!?()\"“”‘’'")
    word = _POSSESSIVE.sub("", bare).replace(".", "").lower()
    return bare, word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


@dataclass(frozen=True)
class NamePairs:
    """The capitalised words of the sources, and which two of them stand in one name."""

    words: frozenset[str]
    pairs: frozenset[frozenset[str]]


# The sides of a place ("western Europe" is the "Western Europe" a question writes; "South Korea" is no "North Korea")
SIDE_WORDS = "north south east west northern southern eastern western central"
_SIDES = frozenset(SIDE_WORDS.split())
# "Grand Rapids, Michigan (WZZM...)", "...in Tampa, Florida.": a place and its region, the one name a question writes
# without the comma ("affiliates for Grand Rapids Michigan"); only before a bracket or at the sentence's end, not in
# a list ("Kim, Lee, and Park")
_PLACE_AND_REGION = re.compile(rf"[{UPPER}][\w'’]*, [{UPPER}][\w'’]*\.? ?\(?")


def name_pairs_of(texts: Iterable[str]) -> NamePairs:
    """Every two capitalised words of one run, in either order: "Prime Minister Shigeru Ishiba" pairs
    "minister" with "ishiba" too, so "Prime Minister Ishiba" is the same man."""
    runs: list[list[str]] = []
    side_by_side: set[tuple[str, str]] = set()
    bare_of = lru_cache(maxsize=None)(_bare)  # the sources' words come back again and again (this call only)
    for text in texts:
        tokens = _tokens(text)
        runs += capital_runs(tokens, 1, _JOINERS | {"and"}, bare_of)
        # and a capitalised word with the next one in any case, in one name ("Harvard–Yale Regatta" too): the
        # "Shakespeare Scholar" a question asks about is "Shakespeare scholar Stephen Greenblatt", "Harvard
        # Academic year" "Harvard's academic year" ("six years" pairs nothing, so "the Six Years War" is no name;
        # nor do "George, Queen Anne's heir", across the comma, and stopwords)
        parts = [p for t in tokens for p in t.split("-")]
        for first, second, third in zip(parts, parts[1:], [*parts[2:], ""]):
            if (first[:1].isupper() or first in _SIDES and second[:1].isupper()) and (
                    (bare := bare_of(first))[0] == first  # no comma or bracket after it
                    or _PLACE_AND_REGION.fullmatch(f"{first} {second} {third[:1]}")):
                a, b = bare[1], bare_of(second)[1]
                if a != b and a not in STOPWORDS and b not in STOPWORDS:
                    side_by_side.add((a, b))
    known = frozenset(w for run in runs for w in run)
    pairs = {frozenset((run[i], b)) for run in runs for i in range(len(run)) for b in run[i + 1:] if b != run[i]}
    pairs.update(frozenset(ab) for ab in side_by_side if ab[0] in known and ab[1] in known)
    return NamePairs(known, frozenset(pairs))


_OF_THE = re.compile(rf"\s+of\s+the\s+(?=[{UPPER}])")


def unpaired_names(question: str, known: NamePairs) -> tuple[str, ...]:
    """Two capitalised words the question puts side by side that the sources use as names, but never in one
    name ("Queen George" where they say "King George" and "Queen Anne"): the question names someone or
    something else. A title before a name is left out ("Ambassador Mizushima" is "Ambassador to Seoul Koichi
    Mizushima"), and so is a word the sources never capitalise ("Nobel Laureates")."""
    typed = [w for w in question.split() if w[:1].isalpha()]
    if len(typed) >= 3 and all(w[:1].isupper() for w in typed):  # "When Was The Concert?": no capital marks a name
        return ()
    found = []
    first, _, rest = question.strip().partition(" ")  # a question's first word is capitalised as a first word
    text = _OF_THE.sub(" , ", rest if first[:1].isupper() else question)  # "Kermode of the Guardian": two names
    for run in capital_runs(text, 2, _IN_A_NAME):
        run = [w for w in run if w not in _OPENERS] if run[0] in _OPENERS else run
        found += [_as_typed(question, a, b) for a, b in zip(run, run[1:])
                  if a not in TITLES and {a, b} <= known.words and a != b and frozenset((a, b)) not in known.pairs
                  and a not in STOPWORDS and b not in STOPWORDS]  # "Some of George Carlin's": "Some" opens a sentence
    return tuple(found)


def _as_typed(question: str, a: str, b: str) -> str:
    """Two words of a run as the question writes them ("Koichi Kim" for "koichi", "kim")."""
    joiners = "|".join(_IN_A_NAME)
    m = re.search(rf"\b{re.escape(a)}[\w.]*['’]?s?\s+(?:(?:{joiners})\s+)*{re.escape(b)}[\w.]*", question, re.I)
    return m.group(0) if m else f"{a} {b}"
