"""Acronyms in questions: "WWII" is read as "World War II" and "NY" as "New York" when the sources never
write the acronym but spell out exactly one name with those initials. Otherwise the acronym is a name they
never use, and the bot abstains on it as on any other."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from ..text.words import STOPWORDS, UPPER, terms
from .question import TITLES

_CAPITALISED = re.compile(rf"[{UPPER}][\w'’-]*")  # "U.S." is no word of a name here
_JOINERS = frozenset("of the for de on".split())  # inside a name, not in its initials: "Department of Energy"
_ROMAN = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX)")  # kept whole: "World War II" is "WWII"
# as a question writes one: "the PM's adviser", "US-ROK ties" too
_ACRONYM = re.compile(r"(?<![\w'’.])[A-Z]{2,6}(?=['’]s\b|[^\w'’]|$)")
_KEY = re.compile(r"[A-Z]{2,6}")  # what _ACRONYM can find: no other key is kept
LONGEST = 5  # words of a name an acronym may stand for
# the table is made once, with the first question that needs it, at about 20 µs a sentence (0.4 s for SQuAD's
# 18,659 training sentences, about 1 s at this many); past it acronyms are left as typed
MOST_SENTENCES = 50_000


def spelled_out(texts: Iterable[str]) -> dict[str, str]:
    """Each acronym the capitalised runs of `texts` spell out, with the one name it stands for (as written);
    an acronym two different names share stands for neither. A name is a whole run, a name a small word sets
    off inside one ("Republic of Korea" and "Ministry of Foreign Affairs" in "Ministry of Foreign Affairs of the
    Republic of Korea"), or a title ("Prime Minister" in "Japanese Prime Minister Fumio Kishida"); never another
    piece of a run ("Fort Belknap Indian" of "Fort Belknap Indian Community" is no FBI)."""
    found: dict[str, str | None] = {}
    for text in texts:
        for run in _runs(text):
            joined = [i == 0 or i == len(run) or bool(text[run[i - 1][2]:run[i][1]].strip())
                      for i in range(len(run) + 1)]  # where a run may be cut: at its ends and at a small word
            for i in range(len(run)):
                for j in range(i + 2, min(len(run), i + LONGEST) + 1):
                    if not (joined[i] and joined[j]) and not all(w.lower() in TITLES for w, _, _ in run[i:j]):
                        continue
                    name = text[run[i][1]:run[j - 1][2]]
                    for key in _initials(run[i:j], text):
                        if _KEY.fullmatch(key) and found.setdefault(key, name) != name:
                            found[key] = None
    return {k: v for k, v in found.items() if v is not None}


def _initials(run: list[tuple[str, int, int]], text: str) -> set[str]:
    """The acronyms of a run of words: their initials, with or without those of the small words between them
    ("Republic of Korea": RK and ROK)."""
    letters = [w if _ROMAN.fullmatch(w) else w[0] for w, _, _ in run]
    between = ["".join(j[0] for j in text[run[k][2]:run[k + 1][1]].split()) for k in range(len(run) - 1)]
    return {"".join(letters).upper(), "".join(a + b for a, b in zip(letters, [*between, ""], strict=True)).upper()}


def _runs(text: str) -> list[list[tuple[str, int, int]]]:
    """Capitalised words side by side (small joiners between them allowed), each with its offsets; punctuation
    before or after a word ends its run, and a capitalised stopword ("The", "In") is in none."""
    runs: list[list[tuple[str, int, int]]] = [[]]
    for m in re.finditer(r"\S+", text):
        token = m.group(0).lstrip("(\"“‘'")
        bare = token.rstrip(",;:!?)\"”’'.")
        if runs[-1] and bare in _JOINERS and bare == m.group(0):
            continue
        if token != m.group(0) and runs[-1]:  # "Countries (OPEC)": the bracket ends the name
            runs.append([])
        if _CAPITALISED.fullmatch(bare) and bare.lower() not in STOPWORDS:
            start = m.end() - len(token)
            runs[-1].append((bare, start, start + len(bare)))
            if bare != token:
                runs.append([])
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if len(r) >= 2]


def names_asked(phrase: str, question: str) -> bool:
    """Whether a phrase is only an acronym the question spells out, or only the name an acronym the question writes
    stands for: "Professional Lighting Designers Association" does not say what the PLDA was formerly known as; "The
    Illuminating Engineering Society of North America" is not who else publishes along with IESNA. A question
    asking what an acronym stands for (or its full name) is asked that name."""
    asked, spelled = _asked(question)
    if _KEY.fullmatch(phrase.strip()):
        return phrase.strip() in spelled
    if not asked:
        return False
    own = set(terms(phrase))
    return any(a in _initials(run, phrase) and own <= set(terms(phrase[run[0][1]:run[-1][2]]))
               for run in _runs(phrase) for a in asked)


@lru_cache(maxsize=256)
def _asked(question: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The acronyms the question writes, and those its names spell out, read once for all of an answer's phrases
    (none where it asks what an acronym stands for)."""
    if _SPELLED_ASKED.search(question):
        return (), frozenset()
    return tuple(acronyms_in(question)), frozenset(k for run in _runs(question) for k in _initials(run, question))


# "What does PLDA stand for?", "the full name of the AIA", "What organization known as the MBA...", "What does the
# abbreviation mean?": the name is what is asked (but "What was the PLDA formerly known as?" asks another)
_SPELLED_ASKED = re.compile(r"\b(?:stands?|stood|short)\s+for\b|\bacronym|\babbreviat|\bfull\s+(?:name|form|title)\b"
                            r"|\b(?:known\s+as|called|named)\s+(?:the\s+)?[A-Z]{2,}|\bname\s+of\b|\bmean(?:s|t|ing)?\b"
                            r"|\bspell")


def acronyms_in(text: str) -> list[str]:
    """The acronyms a question writes ("WWII", "the PM's"); none in one typed in capitals ("WHEN DID LEE COME")."""
    typed = re.findall(r"[A-Za-z]+", text)
    if len(typed) >= 3 and all(w.isupper() for w in typed):
        return []
    return [m.group(0) for m in _ACRONYM.finditer(text)]


# titles news writes out in lower case, which spelled_out cannot find: "Lumora's CEO" is its "chief executive"
_TITLES_SHORT = {"ceo": "chief executive", "cfo": "chief financial officer", "coo": "chief operating officer",
                 "cto": "chief technology officer"}
_TITLE_SHORT = re.compile(rf"(?<![\w'’.])({'|'.join(_TITLES_SHORT)})(?=['’]s\b|[^\w'’]|$)", re.I)


def expand(text: str, idf: Mapping[str, float], names: Callable[[], dict[str, str]]) -> tuple[str, dict[str, str]]:
    """`text` with each acronym the sources never use (no term of `idf`) replaced by the one name they spell
    it out as, and what was replaced by what. `names` (spelled_out of the sources) is called only when there is
    such an acronym. A title's acronym ("CEO", "ceo") is its words when the sources use those but not it."""
    changed: dict[str, str] = {}
    for m in _TITLE_SHORT.finditer(text):
        words = _TITLES_SHORT[m.group(1).lower()]
        if m.group(1).lower() not in idf and all(t in idf for t in terms(words)):
            changed[m.group(1)] = words
    if changed:
        text = _TITLE_SHORT.sub(lambda m: changed.get(m.group(1), m.group(1)), text)
    unknown = [a for a in acronyms_in(text) if (found := terms(a)) and found[0] not in idf]
    if not unknown:
        return text, changed
    table = names()
    spelled = {a: table[a] for a in unknown if a in table}
    return _ACRONYM.sub(lambda m: spelled.get(m.group(0), m.group(0)), text), changed | spelled
