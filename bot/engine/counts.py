"""What a "how many" question counts (people, things, a noun of its own, a part of a whole), and whether a count
phrase counts it."""

from __future__ import annotations

import re

from ..text.words import STOPWORDS, english_words, stem, terms

# Who can be counted as people ("how many people attended?": "200 students" answers it, "two countries" does not)
PEOPLE = frozenset("""people persons individuals members participants attendees visitors guests students citizens
officials delegates workers soldiers troops regulars militia warriors sailors marines officers residents settlers
colonists natives spectators fans children kids men women adults artists musicians singers performers players
athletes employees staff faculty professors scholars researchers scientists teachers pupils alumni graduates
undergraduates tourists volunteers leaders representatives diplomats journalists voters passengers inhabitants
immigrants emigrants refugees prisoners slaves servants farmers miners laborers labourers priests monks nuns
grandchildren sons daughters grandsons granddaughters brothers sisters doctors nurses patients customers users
subscribers viewers listeners readers victims survivors casualties deaths
lives speakers believers followers adherents""".split())
TIME_UNITS = frozenset("seconds minutes hours days weeks months years decades centuries".split())
# a plural that names people by what they do or where they are from: "peacekeepers", "economists", "Koreans"
_PERSON_LIKE = re.compile(r"(?:ers|ors|ists|ians|ees|ants|ents)$")
GROUPS = "crowd|attendance|audience|turnout|workforce|population"  # people counted as a whole: "a crowd of 6,412"
_GROUP_OF = re.compile(rf"(?:{GROUPS})\s+of\b", re.I)
_HOW_MANY = re.compile(r"\bhow\s+many\s+((?:[\w'’-]+\s*){1,3})", re.I)
AUXILIARIES = frozenset("do does did has have had was were is are will would can could".split())


# "How many of the participants were women?": the women are counted, among the participants, the whole (and "of the
# 2,914 participants" too; "of them" names no whole)
_OF_WHICH = re.compile(r"\bhow\s+many\s+of\s+(the|them|these|those|its|their)\b((?:\s+[\w'’,.-]+){0,3}?)\s+"
                       r"(?:were|are)\s+([\w'’-]+)", re.I)
_A_PLURAL = re.compile(r"[\w'’-]+s")
# words in -s that are no plural noun: "779 and his", "414 million across", "in Paris" (and, for a word whose singular
# would be an English word, "overseas" and "plus": "oversea", "ply")
NOT_PLURAL = frozenset("his this was has its as us is does yes less unless across perhaps always sometimes whereas "
                       "thus towards besides afterwards nevertheless regardless".split())
_NOT_PLURAL_NOUNS = NOT_PLURAL | {"overseas", "plus"}


def counted_whole(text: str) -> str:
    """The whole a "how many of the..." question counts a part of ("participants" for "How many of the participants
    were women?"), or ""."""
    m = _OF_WHICH.search(text)
    last = m.group(2).split()[-1] if m and m.group(1).lower() != "them" and m.group(2).split() else ""
    return last if _A_PLURAL.fullmatch(last) else ""


def _counted_word(text: str) -> str | None:
    """The noun a "how many" question counts, as written ("US soldiers": "soldiers"; "how many of the participants
    were women": "women", "...were Hindus": "Hindus"; not "serious" in "How many of the cases were serious?"), or
    None."""
    among = _OF_WHICH.search(text)
    if among and _plural_noun(among.group(3)):
        return among.group(3)
    m = _HOW_MANY.search(text)
    for word in m.group(1).split() if m else []:
        lower = word.lower()
        if lower in AUXILIARIES:
            return None
        if lower in PEOPLE or (lower.endswith("s") and not word.isupper()):  # "US", "Korean": words before it
            return word
    return None


def _plural_noun(word: str) -> bool:
    """Whether a word is a plural noun: one of PEOPLE, or a word in s whose singular is an English word ("victims",
    "penalties", "Hindus"; not "serious", "always" or "overseas")."""
    lower = word.lower()
    if lower in PEOPLE:
        return True
    if not lower.endswith("s") or lower in _NOT_PLURAL_NOUNS or lower in STOPWORDS:
        return False
    common = english_words()
    return any(w in common for w in (lower[:-1], lower[:-2], lower[:-3] + "y"))


def count_words(text: str) -> list[str]:
    """The terms of the words after "how many" ("bus", "rout" for "How many bus routes does it run?")."""
    m = _HOW_MANY.search(text)
    return terms(m.group(1)) if m else []


def counted_noun(text: str) -> str:
    """The stem of the noun a "how many" question counts ("librari" for "how many individual libraries"), or ""."""
    word = _counted_word(text)
    return stem(word.lower()) if word else ""


def counted_kind(text: str) -> str:
    """What "how many" counts: "people" ("how many US soldiers..."), "things" ("how many countries", "how many
    songs"), "people or things" for a plural that may be people ("how many peacekeepers", "how many Koreans"), where
    only a length of time is ruled out, or "" when it names nothing or a length of time ("how many years": a
    duration)."""
    word = _counted_word(text)
    if word is None:
        return ""
    lower = word.lower()
    if lower in PEOPLE:
        return "people"
    if lower in TIME_UNITS:
        return ""
    if word[:1].isupper() or _PERSON_LIKE.search(lower):
        return "people or things"
    return "things"


def counts_right(counted: str, phrase: str) -> bool:
    """Whether a count phrase ("two countries", "20 long years") counts what the question does: people for
    people (a plural that may be people: "300 peacekeepers", "2,000 Americans"), and neither people nor a
    length of time for things."""
    if _GROUP_OF.match(phrase):  # "crowd of 6,412": people
        return counted != "things"
    noun = phrase.split()[-1] if phrase.split() else ""
    if counted == "people":
        return noun.lower() in PEOPLE or noun[:1].isupper() or bool(_PERSON_LIKE.search(noun.lower()))
    if counted == "things":
        return noun.lower() not in PEOPLE and noun.lower() not in TIME_UNITS
    if counted == "people or things":  # "how many councillors abstained?" is no "three years"
        return noun.lower() not in TIME_UNITS
    return True
