"""A question that asks for several things ("Who are the Deputy Prime Ministers?", "What countries did it agree
with?") is answered with the whole list the sentence names ("Murodali Alimardon and Ruqiya Qurbanova"), not its
first name alone."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice

from ..text.dates import WEEKDAYS
from ..text.words import STOPWORDS, UPPER, words
from .phrases import CALENDAR, PEOPLE_NOUNS, Candidate

# "who are / were the X-s", "what (are the) two ...", "name the three ...", "what people did...", "which countries /
# tribes ...": a plural noun after what / which, told from a verb ("what was", "what has") and a singular in -s
# ("which crisis", "what news") by the verb that must follow it ("what countries did...", "which tribes
# supported..."), and not a time ("what years")
_NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
_FEW = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"  # "what two people", not "which 1965 treaty"
_VERB = r"(?:did|do|were|are|have|had|became|become|can|could|will|would|\w+ed)\b"  # after the plural noun
_NOT_PLURAL = r"(?!(?:was|has|does|is|years|days|months|weeks|times|hours|decades|centuries|news|series|species)\b)"
_PLURAL = re.compile(
    rf"^\W*(?:who\s+(?:are|were)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}{_NOT_PLURAL}[\w'’-]+[^siu\W]s\b|"
    rf"(?:what|which)\s+(?:(?:are|were)\s+(?:the\s+)?{_NUMBER}|{_FEW})(?![\w-])|name\s+(?:the\s+)?{_NUMBER}\b|"
    rf"(?:what|which)\s+(?:[a-z]+\s+)?(?:{PEOPLE_NOUNS})\s+{_VERB}|"
    rf"(?:what|which)\s+(?:{_NOT_PLURAL}[a-z]+\s+){{0,2}}{_NOT_PLURAL}[a-z]+[^siu\W]s\s+{_VERB})", re.I)
# a name: capitalised words, with the small words names hold ("Bank of Korea", "Mi'kmaq", "Id Al-Fitr")
# (after "a", two capitalised words at least: "a Jaguar C-X75", not "a Japanese delegation")
_NAME = (rf"(?:(?:the\s+)?|(?:a|an)\s+(?=[{UPPER}][\w'’-]*\s+[{UPPER}]))"
         rf"[{UPPER}][\w'’-]*(?:\s+(?:(?:of|de|the|al|el|da)\s+)?[{UPPER}][\w'’-]*)*")
_JOINED = r"(?:,?\s+and\s+(?:also\s+)?|,?\s+as\s+well\s+as\s+)"  # the last item: the list ends with it
_AFTER = re.compile(rf"(?:,\s+|{_JOINED})(?:by\s+)?(?!{CALENDAR})({_NAME})")  # not "in Seoul and June 19"
_WEEKDAYS = {w.capitalize() for w in WEEKDAYS}
_OPENERS = frozenset("""meanwhile however moreover also still then later earlier today yesterday recently finally
instead indeed furthermore additionally nevertheless thus hence therefore currently now since""".split())
_SKIPPED = STOPWORDS | _OPENERS
_TITLE = re.compile(rf"(?:[{UPPER}][\w'’-]*\s+)+$")
_BEFORE = re.compile(rf"({_NAME})(?:,\s+(?:and\s+)?|\s+and\s+)(?:the\s+)?$")
_PREPOSITIONS = frozenset("in on at from after before during since by for with to under".split())
REACH = 300  # characters looked back for the list's first items: a list is not longer, and long sentences stay fast


# who took part in an event asks for everyone the sentence names: "Who attended the ceremony?" is "Kim Ji-na and
# Akihisa Nagashima", not the first of them; unless it names their part ("Who attended as special adviser...?")
_PRESENT = re.compile(r"^\W*who\s+(?:attend|participat|took\s+part|were\s+(?:present|there)\b|gathered)", re.I)
# "as adviser"; not "as well as", "such as"
_AS = re.compile(r"(?<!\bsuch\s)(?<!\bwell\s)\bas\s+(?!well\b)[\w'’-]", re.I)


def asks_several(question: str) -> bool:
    """Whether the question asks for more than one thing ("Who were the envoys?", "Which tribes supported it?",
    "Who attended the ceremony?")."""
    return bool(_PLURAL.search(question) or (_PRESENT.search(question) and not _AS.search(question)))


def _titled(sentence: str, start: int) -> int:
    """Where the capitalised words right before `start` begin (a title: "South Korean President"), leaving out
    words that only open a sentence or a clause ("In", "On Monday", "Meanwhile": lower case elsewhere)."""
    window = max(start - REACH, 0)
    m = _TITLE.search(sentence, window, start)
    return _opened(sentence, m.start(), start) if m else start


def _opened(sentence: str, at: int, end: int) -> int:
    """`at` moved past the words that open a sentence or a clause ("In", "On Monday,", "Meanwhile,"), up to `end`."""
    for word in re.finditer(r"[\w'’-]+", sentence[at:end]):
        if word.group(0).lower() not in _SKIPPED and word.group(0) not in _WEEKDAYS:
            return at + word.start()
    return end


def whole_list(sentence: str, phrase: Candidate) -> Candidate:
    """The answer phrase widened to the list of names it stands in ("Iran" in "with Iran and Pakistan" →
    "Iran and Pakistan"); the phrase itself when it is not a name or stands alone."""
    if not re.match(rf"(?:the\s+)?[{UPPER}]", phrase.text):
        return phrase
    start, end = phrase.start, phrase.end
    joined = False
    while not joined and (m := _AFTER.match(sentence, end)):  # up to the item after "and": "Japan and China, Xinhua"
        end, joined = m.end(), bool(re.match(_JOINED, m.group(0)))
    before = _titled(sentence, start)  # "Japanese Prime Minister Keizo Obuchi": the title goes with the name
    while (m := _BEFORE.search(sentence, max(before - REACH, 0), before)) and m.end() == before:
        opened = _opened(sentence, m.start(), m.end())  # not "Meanwhile, Iran and Pakistan"
        if opened >= before or sentence[m.start():].split(maxsplit=1)[0].lower() in _PREPOSITIONS:
            break  # "In Seoul, Lee and Ishiba": a place the sentence opens with is no item of the list
        start = before = opened
    start = _titled(sentence, start)
    text = sentence[start:end]
    if (start, end) == (phrase.start, phrase.end) or not re.search(r"\band\b|\bas well as\b", text):
        return phrase  # "Kokhir Rasulzoda, the First Deputy Prime Minister" is one person: a list ends in "and"
    return replace(phrase, start=start, end=end, text=text, answer=text)


# what goes on with a name the phrase stops short of: its further capitalised words ("Time Warner" of "Time Warner
# Cable", "Desilu Productions"), a number after "Op." or "No." ("Op. 58"), and "of" with capitalised words ("Peabody
# Museum of Archaeology and Ethnology")
_DAY = rf"(?!{CALENDAR})"  # "in Tokyo Saturday": no name goes on into a day or a month
# "Square d'Orléans", "Place de la Concorde" (not "the Ford van Jones rented", "Paris le Monde reported")
_PARTICLES = r"(?:(?:de|du|des|del|della|von|der|den)\s+(?:(?:la|le|les)\s+)?)?(?:d['’])?"
_GOES_ON = re.compile(rf"(?:\s+{_PARTICLES}{_DAY}[{UPPER}][\w'’&-]*(?:\.(?=\s+[{UPPER}\d]))?)*"
                      rf"(?:\s+of\s+(?:the\s+)?{_DAY}[{UPPER}][\w'’-]*(?:\s+(?:and\s+)?[{UPPER}][\w'’-]*)*)?")
_NUMBERED = re.compile(r"\s+\d+[a-z]?\b")
_NUMBERING = ("Op.", "No.", "Nos.")
_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z&.-]*[A-Z]s?)\)")  # "(ARTS)", "(A&E)", "(ARMs)"
_SMALL = frozenset("of the and for & a an".split())


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether the acronym is the name's initials, or the first of them ("A&E" for "Arts & Entertainment
    Television"): "SEOUL (AP)" is a dateline, not Seoul's acronym."""
    letters = re.sub(r"[^A-Z]", "", acronym.removesuffix("s"))
    initials = "".join(w[0].upper() for w in name.split() if w.lower() not in _SMALL)
    return len(letters) >= 2 and initials.startswith(letters)


# what may follow a list of places: the clause's end or a preposition ("in London and New York.", "in Japan and
# Latin America in the 1970s"); not a verb ("in Seoul and Lee attended": "Lee" is no place)
_PLACES_END = re.compile(r"\s*(?:[.,;:)!?]|$|(?:in|on|at|from|to|during|for|with|by|since|until|before|after|"
                         r"between|near|under)\b)")


def whole_place_list(sentence: str, phrase: Candidate) -> Candidate:
    """whole_list for a place: the list only where the clause ends or a preposition follows it."""
    widened = whole_list(sentence, phrase)
    return widened if widened is phrase or _PLACES_END.match(sentence, widened.end) else phrase


def whole_name(sentence: str, phrase: Candidate) -> Candidate:
    """The answer phrase widened to the whole name it stops inside ("Time Warner" → "Time Warner Cable") and the
    acronym the sentence gives it in brackets ("adjustable rate mortgages (ARMs)"); the phrase itself when it is
    no name or the name ends with it. A person found by the rules is whole already."""
    last = phrase.text.split()[-1] if phrase.text.split() else ""
    end = phrase.end
    if not phrase.person and re.match(rf"[{UPPER}]", last):
        m = (_NUMBERED if last in _NUMBERING else _GOES_ON).match(sentence, end)
        if m and m.group(0) and m.group(0).split()[0].rstrip(".").lower() not in STOPWORDS - {"of"}:
            end = m.end()
    if (m := _BRACKETED_ACRONYM.match(sentence, end)) and not phrase.person and _abbreviates(m.group(1),
                                                                                             sentence[phrase.start:end]):
        end = m.end()
    if end == phrase.end:
        return phrase
    text = sentence[phrase.start:end]
    return replace(phrase, end=end, text=text, answer=text)


# "What type of buildings...?", "What kind of movement...", "What type ratings...", "Which products...": the noun asked
# for, which the answer's modifier stands before in the sentence ("vernacular buildings", "investment-grade ratings").
# Its head: the word after the type (or after a "which" that opens the question or follows a preposition, not "the
# company which built..."), or the second word where an auxiliary or the end follows ("what type of personal meter?")
_AUX = r"(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|be|been)"
_TYPE_OF = re.compile(rf"(?:\b(?:what|which)\s+(?:types?|kinds?|sorts?|forms?)\s+(?:of\s+)?|^\W*which\s+|"
                      rf"\b(?:in|of|for|on|at|to|from|by|with|during)\s+which\s+)"
                      rf"([a-z][\w-]*)(?:\s+(?!{_AUX}\b)([a-z][\w-]*)(?=\s+{_AUX}\b|\s*[?.!]?\s*$))?", re.I)
_NO_NOUN = frozenset("first last most least best worst more less".split())  # "Which came first?"
NOUN_REACH = 3  # words after the answer the noun may stand ("circadian light" + "meter", "innovative" + "financial
# products")


def _singular(word: str) -> str:
    return re.sub(r"(?<=[^s])e?s$", "", word.lower())  # "buildings", "confiscations"; not "built" for "buildings"


def with_noun_asked(question: str, sentence: str, phrase: Candidate) -> Candidate:
    """The phrase and the noun the question asks a type of, where it follows the phrase within NOUN_REACH words:
    "What type of buildings are built?" is "vernacular buildings", not "vernacular"; else (and for a name, any word
    of it capitalised) the phrase itself."""
    m = _TYPE_OF.search(question)
    if m is None or re.search(rf"\b[{UPPER}]", phrase.text):  # "the Yonhap", not "the Yonhap news", for "which agency"
        return phrase
    noun = (m.group(2) or m.group(1)).lower()
    if noun in STOPWORDS or noun in _NO_NOUN or _singular(noun) in {_singular(w) for w in words(phrase.text)}:
        return phrase
    after = list(islice(re.finditer(r"[\w'’-]+", sentence[phrase.end:]), NOUN_REACH))
    for i, word in enumerate(after):
        if _singular(word.group(0)) == _singular(noun):
            end = phrase.end + word.end()
            between = sentence[phrase.end:end]
            if re.search(r"[^\w\s-]", between) or any(w.group(0).lower() in STOPWORDS for w in after[:i]):
                return phrase  # "vernacular, and buildings..." or "innovative in the products" is no one phrase
            text = sentence[phrase.start:end]
            return replace(phrase, end=end, text=text, answer=text)
    return phrase
