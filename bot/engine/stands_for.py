"""What an acronym stands for, read where the sources spell it out: "What does CRI stand for?" is "color rendering
index", from "... and color rendering index (CRI), an indication of ..."; likewise "credit default swaps (CDS)",
"Compact fluorescent lamps (aka 'CFLs')", and the other way round, "MHC (major histocompatibility complex)". The
sentence may be anywhere in the sources: an acronym's own sentence is found through the keyword index."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from ..index.store import IndexData
from ..models import Chunk, Passage
from ..text.words import terms
from .acronyms import acronyms_in
from .answer import ScoredSentence
from .phrases import Candidate
from .retrieval import with_passage

# "What does CRI stand for?", "What did the acronym AAP originally stand for?", "What does LGM stands for?", "What
# is FDIC short for?", "What does the abbreviation CDS mean?", "UHI is an abbreviation of what?": the question's own
# acronym is the one asked; not "What policy did the KMT stand for?" (supported), nor "When was the acronym NATO
# first used?"
_ACRONYM_ASKED = (r"^\W*what\s+(?:do|does|did)\s+(?:the\s+)?(?:(?:abbreviation|acronym|initials|letters)\s+)?"
                  r"[\"'“‘]?{0}[\"'”’]?\s+(?:\w+ly\s+)?(?:stands?\s+for|mean)\b"
                  r"|^\W*what\s+(?:is|was)\s+(?:the\s+)?{0}\s+short\s+for\b"
                  r"|^\W*(?:the\s+)?{0}\s+(?:is|was|stands|stood)\s+(?:(?:an?\s+)?(?:abbreviation|acronym|short)\s+)?"
                  r"(?:of|for)\s+what\b")
# small words inside a name that may or may not give a letter: "Republic of Korea" (ROK), "Department of Energy"
_SMALL = frozenset("of the for and on in to at de du la a an &".split())
_WORD = re.compile(r"[\w’']+")  # (a hyphen parts words: "light-emitting" gives L and E)
MOST = 20  # passages read that write the acronym, those of the best sentence's article first
LOOKED = 2000  # passages holding the acronym's term looked through for them at most ("LED" is the term "lead")


def asked_acronym(question: str) -> str | None:
    """The acronym a question asks the meaning of ("What does the abbreviation FDI stand for?": FDI); None where it
    asks something else of it, or spells it out itself ("What does the United Nations (UN) stand for?")."""
    found = set(acronyms_in(question))
    if len(found) != 1:
        return None
    acronym = found.pop()
    if not re.search(_ACRONYM_ASKED.format(re.escape(acronym)), question, re.I) or spelled_in(question, acronym):
        return None
    return acronym


def spelled_first(question: str, ranked: list[ScoredSentence], passages: list[Passage],
                  index: IndexData) -> tuple[list[ScoredSentence], list[Passage], bool]:
    """`ranked` with a sentence that spells out the acronym the question asks about first, its long form the
    phrase, and that sentence's passage among `passages`; and whether one was found (else both as they were).
    The ranked sentences are read first, then the passages that write the acronym."""
    acronym = asked_acronym(question)
    if acronym is None or not ranked:
        return ranked, passages, False
    sentences = index.sentences

    def answering(item: ScoredSentence, sid: int, phrase: Candidate) -> ScoredSentence:
        return replace(item, sid=sid, phrase=phrase, first=-1, last=-1, wants_phrase=True, coverage=1.0, names_ok=True)

    for at, item in enumerate(ranked):
        if (phrase := spelled_in(sentences[item.sid].text, acronym)) is not None:
            return [answering(item, item.sid, phrase), *ranked[:at], *ranked[at + 1:]], passages, True
    for chunk in _writing(acronym, index, sentences[ranked[0].sid].article_id):
        for sid in chunk.sentence_ids:
            if (phrase := spelled_in(sentences[sid].text, acronym)) is not None:
                return [answering(ranked[0], sid, phrase), *ranked], with_passage(passages, chunk, sid), True
    return ranked, passages, False


def _writing(acronym: str, index: IndexData, article_id: str) -> list[Chunk]:
    """The passages that write the acronym as such (the keyword index holds it as a term, which may be a word's:
    "LED" is "lead"), those of the best sentence's article first, at most MOST of them."""
    key = terms(acronym)
    if len(key) != 1:
        return []
    written = re.compile(rf"\b{re.escape(acronym)}(?:s|['’]s)?\b")
    found = [index.chunks[int(i)] for i in index.keyword.holding(key).nonzero()[0][:LOOKED]]
    found = [c for c in found if written.search(c.text)]
    return sorted(found, key=lambda c: c.article_id != article_id)[:MOST]


def spelled_in(sentence: str, acronym: str) -> Candidate | None:
    """The long form the sentence gives the acronym: the words before "(CRI)" or "(aka 'CFLs')" whose initials
    spell it, or the words of a bracket after it ("MHC I (major histocompatibility complex)")."""
    bare = re.escape(acronym)
    for m in re.finditer(rf"\(([^()]*?)['‘’\"“]?\b{bare}(?:s|['’]s)?\b['’\"”]?\s*[),;]", sentence):
        if m.group(1).strip() and not re.fullmatch(r"(?:aka|a\.k\.a\.|also|or|also\s+known\s+as|also\s+called|"
                                                    r"abbreviated(?:\s+as)?|short)\s*", m.group(1).strip(), re.I):
            continue
        found = _before(sentence, m.start(), acronym)
        if found is not None:
            return found
    after = re.search(rf"\b{bare}\b(?:\s+[IVX]+)?\s*\(([^()]+)\)", sentence)
    if after is not None:
        at = after.start(1)
        words = [(w.group(0), at + w.start(), at + w.end()) for w in _WORD.finditer(after.group(1))]
        if 0 < len(words) <= 2 * len(acronym) + 2 and _spells(words, acronym):
            start, end = words[0][1], words[-1][2]
            return Candidate(start, end, sentence[start:end], sentence[start:end], 1.0)
    return None


def _before(sentence: str, bracket: int, acronym: str) -> Candidate | None:
    """The shortest run of words just before `bracket` whose initials spell the acronym."""
    words = [(w.group(0), w.start(), w.end()) for w in _WORD.finditer(sentence[:bracket])]
    tail = sentence[words[-1][2]:bracket] if words else ""
    # "rendering index, (CRI)", "“color rendering index” (CRI)" and "Joint Task Force (North) (JTFN)" are read;
    # "index; (CRI)" is not
    closed = _TAIL.fullmatch(tail)
    if not words or closed is None:
        return None
    for n in range(1, min(len(words), 2 * len(acronym) + 2) + 1):
        run = words[-n:]
        if run[0][0].lower() in _SMALL or not _spells(run, acronym):
            continue
        start, end = run[0][1], run[-1][2]
        opened = sentence[start:end].count("(") - sentence[start:end].count(")")
        if opened != (1 if closed.group(1) else 0):
            continue  # "Force (North) (JTFN)" takes its bracket whole; "Force (North (JTFN)" is no name
        if opened:
            end = sentence.index(")", end) + 1
        text = sentence[start:end]
        return Candidate(start, end, text, text, 1.0)
    return None


_TAIL = re.compile(r"[\s,'’\"”]*(\))?[\s,]*")


def _letters(words: Sequence[tuple[str, int, int]]) -> tuple[tuple[str, bool], ...]:
    """Each word's initial, upper case, with whether it is a small word."""
    return tuple((w[0].upper(), w.lower() in _SMALL) for w, _, _ in words)


def _spells(words: Sequence[tuple[str, int, int]], acronym: str) -> bool:
    """Whether the words' initials spell the acronym (small words may give a letter or none)."""
    letters = _letters(words)
    want = acronym.upper()

    @cache
    def fits(i: int, j: int, skipped: bool) -> bool:  # letters[i:] spell want[j:]
        if i == len(letters):
            return j == len(want)
        initial, small = letters[i]
        if j < len(want) and initial == want[j] and fits(i + 1, j + 1, skipped):
            return True
        # a small word may give no letter, and so may one other word inside the name of an acronym of three letters
        # or more ("New York City Police Department", NYPD)
        return (small and fits(i + 1, j, skipped)) or (not skipped and len(want) >= 3 and 0 < i < len(letters) - 1
                                                       and fits(i + 1, j, True))

    return bool(letters) and not letters[0][1] and fits(0, 0, False)
