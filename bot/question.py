"""What a question asks for, and the phrases in a sentence that could answer it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .dates import find_dates
from .text import STOPWORDS, query_terms, terms, words

_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("said", re.compile(r"\bwhat did\b.*\b(say|tell|announce|declare|state|write)\b")),
    ("year", re.compile(r"\b(what|which|in what|in which) year\b|\bwhat century\b")),
    ("duration", re.compile(r"\bhow long\b|\bhow many (years|months|weeks|days)\b|\bfor how long\b")),
    ("amount", re.compile(r"\bhow much\b|\bwhat (amount|sum|price)\b|\bhow many (dollars|won|yen)\b")),
    ("count", re.compile(r"\bhow many\b|\bwhat number of\b")),
    ("date", re.compile(r"\b(on )?(what|which) (date|day)\b|\bwhat (were|are|was|is) the dates?\b")),
    ("when", re.compile(r"\bwhen\b|\b(what|which) (month|time)\b|\bon what\b")),
    ("who", re.compile(r"\bwho\b|\bwhom\b|\bwhose\b|"
                       r"\b(which|what) (?:(?!did |do |does |is |was |were |are )\w+ ){0,2}(person|people|official|"
                       r"minister|ambassador|president|leader|pianist|poet|diplomat)s?\b|"
                       r"\bname of the (person|minister|ambassador|president)\b")),
    ("where", re.compile(r"\bwhere\b|\b(what|which|in what|in which) (city|country|place|venue|location)\b")),
]

_TITLES = set("""
president prime minister vice first second foreign ambassador special adviser advisor pianist poet mr ms mrs dr
secretary king emperor chairman governor mayor spokesperson spokesman minister's us japanese korean south north
chinese american
""".split())
_NOT_PERSON = set("""
korea japan seoul tokyo tower towers treaty basic relations ministry affairs republic daily joongang war festival
symphony ode joy day valentine group seven embassy school island camp david indo-pacific supreme court imjin asian
china russia us america canada india monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december the a an this that both yonhap ians reception
receptions expedition forum cycling beethoven beethoven's ninth studies ba world ii sino-japanese incident ganghwa
national flag namsan n k-pop enhypen sserafim le tongsinsa joseon new
""".split())
_NAME = re.compile(r"\b[A-Z][\w'’]*(?:-[A-Za-z]+)?(?:\s+[A-Z][\w'’]*(?:-[A-Za-z]+)?)*")
_CALENDAR = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
             r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_CAPITALISED = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_PLACE = re.compile(r"\b(?:in|at|from|to|near|(?:depart(?:ed|s|ing)?|left|leav(?:e|es|ing)|head(?:ed|s|ing)?|bound|"
                    r"set off|travel(?:l?ed|l?ing|s)?|flew|fly|flies|flying)\s+for)\s+"
                    rf"((?:the\s+)?{_CAPITALISED}(?:\s+in\s+(?!{_CALENDAR}){_CAPITALISED})?)")  # "the Embassy in Japan"
_AMOUNT = re.compile(
    r"(?:[$€£¥₩]\s?\d[\d,.]*(?:\s+(?:million|billion|trillion))?|\b\d[\d,.]*\s+(?:million|billion|trillion)?\s*"
    r"(?:dollars|won|yen|euros|usd)\b)", re.I)
_NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty hundred"
_COUNT = re.compile(rf"\b(\d[\d,]*|{'|'.join(_NUMBER_WORDS.split())})\s+(?:[a-z-]+\s+){{0,2}}?([a-z]+s)\b", re.I)
_DURATION = re.compile(
    rf"\b(\d+|{'|'.join(_NUMBER_WORDS.split())})\s+(?:long\s+)?(years?|months?|weeks?|days?|decades?)\b", re.I)


@dataclass(frozen=True)
class Question:
    """A question read for retrieval and answer extraction."""

    text: str
    kind: str  # when, date (a day), year, who, where, amount, count, duration, said or other
    terms: tuple[str, ...]
    names: tuple[str, ...] = ()  # terms of the capitalised words in the question ("Ishiba", "Tokyo", "Korean")
    follow_up: bool = False  # read together with an earlier question
    carried: tuple[str, ...] = ()  # a follow-up's terms taken from the earlier question ("concert")
    entities: tuple[str, ...] = ()  # names without nationality adjectives: places, people, bodies
    endpoint: str = ""  # "start" or "end" when it asks when something began or ended (of a range of years)
    identity: bool = False  # "Who is Koichi Mizushima?": the sentence that introduces them answers it


@dataclass(frozen=True)
class Candidate:
    """A phrase in a sentence that may answer the question."""

    start: int
    end: int
    text: str  # as written
    answer: str  # as shown to the user
    weight: float = 1.0  # how specific an answer it is (a full date beats a bare year)
    person: bool = False  # a person's name (who-answers are people, then bodies)


# Words that only frame what kind of answer is wanted ("how long", "what year"): not content to match.
_FRAME_WORDS = {"year", "long", "date", "day", "month", "time", "amount", "sum", "number", "place", "location",
                "century", "city", "country", "venue"}
_FRAME_TERMS = {t for w in _FRAME_WORDS for t in terms(w)}


# "Who is Koichi Mizushima?" names the person and asks what they are: a sentence about them, not another name.
_WHO_IS = r"[Ww]ho(?:\s+(?:is|was|are|were)|['’]?s)\s+"  # "who's" and "whos" too
_WHO_IS_NAMED = re.compile(rf"^\W*{_WHO_IS}(?:[A-Z][\w'’.-]*\s*)+\W*$")


def _names_someone(text: str) -> bool:
    """Whether the question asks who a named person is ("Who is Koichi Mizushima?", also typed in lower case:
    "who is kim hong-kyun"), not who holds a role."""
    if _WHO_IS_NAMED.match(text.strip()):
        return True
    m = re.fullmatch(rf"\W*{_WHO_IS}([\w'’.-]+(?:\s+[\w'’.-]+){{0,3}})\W*", text.strip(), re.I)
    return m is not None and not any(w in STOPWORDS or w in _TITLES or w in _FRAME_WORDS or w.endswith("ing")
                                     for w in words(m.group(1)))  # "who is speaking" asks for a name


def _kind_match(text: str) -> tuple[str, str]:
    if _names_someone(text):
        return "other", ""
    low = text.lower()
    for kind, pattern in _KINDS:
        if m := pattern.search(low):
            return kind, m.group(0)
    return "other", ""


def question_kind(text: str) -> str:
    """The kind of answer `text` asks for."""
    return _kind_match(text)[0]


# "What happened in 1965?" asks for an event: the verb frames the question, no sentence needs to repeat it.
_EVENT = re.compile(r"\bwhat\s+(?:(?:has|had|will|did)\s+)?(?:(?:is|was|were)\s+)?"
                    r"(happen(?:ed|s|ing)?|occur(?:red|s|ring)?|(?:took|take[sn]?|taking)\s+place|"
                    r"went on|go(?:es)? on)\b", re.I)


def content_terms(text: str) -> tuple[str, ...]:
    """The question's terms without the words that only frame the kind of answer ("how long", "what year",
    "what happened")."""
    _, frame = _kind_match(text)
    drop = {t for w in words(frame) for t in terms(w)[:1] if t in _FRAME_TERMS}  # "dates" as well as "date"
    if event := _EVENT.search(text):
        drop.update(query_terms(event.group(1)))
    return tuple(t for t in dict.fromkeys(query_terms(text)) if t not in drop)  # questions stay out of caches


def read_question(text: str, previous: str | None = None) -> Question:
    """A Question; a follow-up without a question word borrows the kind and terms of `previous`."""
    kind = question_kind(text)
    own = content_terms(text)
    names = question_names(text)
    carried: tuple[str, ...] = ()
    if previous:
        asks = _ABOUT.sub("", text.lower())  # "what about Tokyo?" asks what the earlier question asked
        if kind == "other" and not re.search(r"\b(what|which|why|how)\b", asks):
            kind = question_kind(previous)
        replaced = {t for w in _slots(previous) for t in query_terms(w)[:1]} if names else set()
        carried = tuple(t for t in content_terms(previous) if t not in own and t not in replaced)
    entities = question_names(text, demonyms=False)
    endpoint = "end" if _ENDED.search(text) else "start" if _BEGAN.search(text) else ""
    return Question(text, kind, own + carried, names, previous is not None, carried, entities, endpoint,
                    _names_someone(text))


_ENDED = re.compile(r"\b(?:end(?:ed|s|ing)?|conclud(?:e|ed|es|ing)|finish(?:ed|es|ing)?)\b|\bover\W*$", re.I)
_BEGAN = re.compile(r"\b(?:begin|began|begun|beginning|start(?:ed|s|ing)?|commence[ds]?)\b", re.I)
_YEARS = re.compile(r"(\d{4})\s*[–-]\s*(\d{4})")


def at_endpoint(cand: Candidate, endpoint: str) -> Candidate:
    """A range of years answers "when did it end?" with its last year, "when did it begin?" with its first."""
    m = _YEARS.fullmatch(cand.answer)
    if m is None or not endpoint:
        return cand
    return replace(cand, answer=m.group(2) if endpoint == "end" else m.group(1))


def as_asked(text: str) -> str:
    """The question with a question mark when it ends without punctuation, as chat messages often do: the
    embedding of "what happened on december 5" differs from that of "...december 5?", and the articles'
    sentences are closer to the second (evals/probe.jsonl: answer accuracy 0.836 -> 0.852)."""
    stripped = text.rstrip()
    return stripped if not stripped or stripped[-1] in "?.!" else stripped + "?"


def follow_up_query(text: str, previous: str) -> str:
    """The text to search for a follow-up, and what the next follow-up leans on: the earlier question
    without the names the new one replaces, then the new one.

    "and in Tokyo?" after "When was the Korea-Japan Festival in Seoul?" reads "When was the Korea-Japan
    Festival? and in Tokyo?": a lone name (Seoul) is a slot the new name fills, a run of names (the
    festival's) is the subject and stays. Parts left without content ("and ?") are dropped, so a chain
    of follow-ups does not pile up."""
    if question_names(text):
        for word in _slots(previous):
            previous = re.sub(rf"(?:\b(?:{_PREPOSITIONS})\s+)?(?<!\w){re.escape(word)}(?!\w)", "", previous, count=1)
    previous = re.sub(r"\s+(?=[?,.;:])", "", " ".join(previous.split()))
    parts = [p.strip() for p in re.findall(r"[^?]+\??", previous)]
    kept = [p for p in parts if query_terms(_ABOUT.sub("", p)) or _KINDS_WORD.search(p)]
    return " ".join([*kept, text])


_NAME_WORD = re.compile(r"(?<![.?!]\s)\b[A-Z][\w'’-]*")
_PREPOSITIONS = "in|at|to|from|near|for|of"
_ABOUT = re.compile(r"\b(?:what|how)\s+about\b", re.I)
_KINDS_WORD = re.compile(r"\b(?:who|whom|whose|when|where|what|which|why|how)\b", re.I)


def _slots(question: str) -> list[str]:
    """Capitalised words standing alone (not the first word, not a title): the place or nationality a
    follow-up may swap ("Seoul" in "the Seoul concert", "Japanese" in "the Japanese ambassador").
    A run of capitalised words ("Korea-Japan Festival") names the subject and is not a slot."""
    found = list(_NAME_WORD.finditer(question))
    out = []
    for i, m in enumerate(found):
        if not m.start() or m.group(0).lower() in _ROLES:
            continue
        before = question[found[i - 1].end():m.start()] if i else None
        after = question[m.end():found[i + 1].start()] if i + 1 < len(found) else None
        joined = (before is not None and before.strip() == "" and found[i - 1].start() > 0) or (
            after is not None and after.strip() == "")
        if not joined:
            out.append(m.group(0))
    return out


def _is_demonym(word: str) -> bool:
    # Korean, American, Russian, Japanese, British: adjectives, not places (Japan, Taiwan and Iran are places)
    return bool(re.search(r"(ean|can|ian|ese|ish)$", word))


_ROLES = _TITLES - {"us", "japanese", "korean", "south", "north", "chinese", "american"}  # titles, not names


def question_names(text: str, demonyms: bool = True) -> tuple[str, ...]:
    """Terms of the capitalised words after the first one, without titles (and without nationality
    adjectives unless `demonyms`): the places, people and bodies an answer must be about."""
    found = [m.group(0) for m in _NAME_WORD.finditer(text.strip()) if m.start()]
    return tuple(dict.fromkeys(t for w in found if w.lower() not in _ROLES and (demonyms or not _is_demonym(w))
                               for t in query_terms(w)[:1]))


_FOLLOW_UP = re.compile(r"^(and|also|but|so|what about|how about|and what about|same for|then)\b|^(what|how) about\b|"
                        r"\b(it|they|them|that one|the one|there|then|he|she|his|her)\b", re.I)


def is_follow_up(text: str) -> bool:
    """Whether `text` leans on an earlier question ("and the one in Tokyo?")."""
    return bool(_FOLLOW_UP.search(text.strip())) and len(text.split()) <= 12


_QUOTE = re.compile(r"[“\"]([^”\"]{12,})[”\"]")
_SPEECH = re.compile(r"\b(?:said|says|stated|asserted|added|noted|remarked|told|declared|announced|stressed|urged|"
                     r"pledged|called for|saying)\b(?: that)?\s+([^.;:]{12,})", re.I)


def candidates(sentence: str, kind: str, year: int | None) -> list[Candidate]:
    """Phrases of the requested kind in `sentence`."""
    if kind == "said":
        spans = [(m.start(1), m.end(1)) for m in _QUOTE.finditer(sentence)]
        spans += [(m.start(1), m.end(1)) for m in _SPEECH.finditer(sentence)]
        return [Candidate(a, b, sentence[a:b], sentence[a:b].strip()) for a, b in spans]
    if kind in ("when", "date"):  # "what date" asks for a day: a bare year does not answer it
        found = [d for d in find_dates(sentence, year) if kind == "when" or d.kind != "year"]
        return [Candidate(d.start, d.end, d.text, d.normalized, _DATE_WEIGHT[d.kind]) for d in found]
    if kind == "year":
        out = []
        for d in find_dates(sentence, year):
            y = re.findall(r"\b\d{4}\b", d.normalized)
            if d.kind == "range":
                out.append(Candidate(d.start, d.end, d.text, d.normalized))
            elif y and (d.has_year or d.kind == "year"):
                out.append(Candidate(d.start, d.end, d.text, y[-1]))
            elif y:  # "on December 5th" in an article of 2025: the year comes from the article's date
                out.append(Candidate(d.start, d.end, d.text, y[-1], INFERRED_YEAR_WEIGHT))
        return out
    if kind == "who":
        return _people(sentence) + _bodies(sentence)
    if kind == "where":
        return [Candidate(m.start(1), m.end(1), m.group(1), m.group(1)) for m in _PLACE.finditer(sentence)
                if not find_dates(m.group(1)) and m.group(1).split()[-1].lower() not in _NOT_PERSON - _PLACES_OK]
    if kind == "amount":
        return [Candidate(m.start(), m.end(), m.group(0).strip(), m.group(0).strip())
                for m in _AMOUNT.finditer(sentence)]
    if kind == "duration":
        lengths = [Candidate(m.start(), m.end(), m.group(0), m.group(0)) for m in _DURATION.finditer(sentence)]
        return lengths + [Candidate(d.start, d.end, d.text, d.normalized) for d in find_dates(sentence, year)
                        if d.kind == "range"]
    if kind == "count":
        return [Candidate(m.start(), m.end(), m.group(0), m.group(0)) for m in _COUNT.finditer(sentence)
                if not re.fullmatch(r"1[5-9]\d\d|20\d\d", m.group(1))]
    return []


_DATE_WEIGHT = {"day": 1.0, "range": 1.0, "month": 0.7, "year": 0.5}
INFERRED_YEAR_WEIGHT = 0.6  # a year taken from the article's date, not written in the sentence
_PLACES_OK = {"korea", "japan", "seoul", "tokyo", "china", "russia", "canada", "india", "america", "us", "tower",
              "towers", "island", "school", "embassy", "camp", "david", "namsan"}


def _people(sentence: str) -> list[Candidate]:
    out = []
    for m in _NAME.finditer(sentence):
        tokens = m.group(0).split()
        offsets = [m.start() + o.start() for o in re.finditer(r"\S+", m.group(0))]
        titled = False
        while tokens and (tokens[0].lower() in _TITLES or tokens[0].lower() in _NOT_PERSON):
            titled = titled or tokens[0].lower() in _TITLES
            tokens, offsets = tokens[1:], offsets[1:]
        if not tokens or any(_POSSESSIVE.sub("", t.lower()) in _NOT_PERSON for t in tokens):
            continue
        if len(tokens) >= 2 or (titled and len(tokens) == 1) or _preceded_by_title(sentence, offsets[0]):
            start = offsets[0]
            end = offsets[-1] + len(tokens[-1])
            name = sentence[start:end]
            name = _POSSESSIVE.sub("", name)
            out.append(Candidate(start, start + len(name), name, name, person=True))
    return out


_POSSESSIVE = re.compile(r"['’]s$")
_ROLE_TO = re.compile(r"\b([\w'’-]+)\s+(?:ambassador|envoy|consul|representative|delegate)s?\s+(?:to|in)\s+"
                      r"(?:the\s+)?([\w-]+)", re.I)
# capitals and other names of a country, so that "Ambassador to Seoul" is an ambassador to Korea
_COUNTRY = {"seoul": "korea", "tokyo": "japan", "beijing": "china", "chinese": "china", "washington": "us",
            "united": "us", "america": "us", "american": "us", "usa": "us", "us": "us"}


def role_reversed(question: str, sentence: str, cand: Candidate) -> bool:
    """Whether the title right before a candidate names other countries than the question's: "Korea's
    ambassador to Japan" is not the "Japanese Ambassador to Korea" named in the same sentence, nor is
    "the US ambassador to Japan" the "Korean Ambassador to Japan"."""
    asked = _ROLE_TO.search(question)
    before = sentence[max(0, cand.start - 60):cand.start].rstrip()
    titles = list(_ROLE_TO.finditer(before))
    if asked is None or not titles or titles[-1].end() != len(before):  # no title of the candidate's own
        return False
    origin_word, destination = (_POSSESSIVE.sub("", w.lower()) for w in asked.groups())
    their_origin, their_destination = (w.lower() for w in titles[-1].groups())
    if _same_country(their_destination, origin_word) or not _same_country(their_destination, destination):
        return True
    # "korea's", "japanese", "us": a country the envoy comes from ("the new ambassador" names none)
    names_origin = asked.group(1).lower() != origin_word or _is_demonym(origin_word) or origin_word in _COUNTRY
    return names_origin and not _same_country(their_origin, origin_word)


_TO_WHOM = re.compile(r"\b(?:adviser|advisor|aide|assistant|secretary|spokesperson|spokesman|deputy|successor|"
                      r"predecessor)s?\s+to\s+(?:the\s+)?((?:[\w'’-]+\s*){1,4})", re.I)
_TITLED_AFTER_TO = re.compile(r"\bto\s+((?:[A-Z][\w'’-]*\s+){1,4})$")


def is_the_other_party(question: str, sentence: str, cand: Candidate) -> bool:
    """Whether a candidate is the one the question's role serves: "the adviser to the Japanese prime
    minister" asks for the adviser, not the "Japanese Prime Minister Shigeru Ishiba" in "special adviser
    to Japanese Prime Minister Shigeru Ishiba"."""
    asked = _TO_WHOM.search(question)
    title = _TITLED_AFTER_TO.search(sentence[max(0, cand.start - 60):cand.start])
    if asked is None or title is None or not any(w.lower() in _TITLES for w in title.group(1).split()):
        return False
    title_terms = set(query_terms(title.group(1)))
    return bool(title_terms) and title_terms <= set(query_terms(asked.group(1)))


def _same_country(a: str, b: str) -> bool:
    """Whether one word names the other's country ("korea" and "korean", "japan" and "japanese", "seoul"
    and "korea")."""
    short, long = sorted((_COUNTRY.get(a, a), _COUNTRY.get(b, b)), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


_CAPS = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_BODY = re.compile(rf"\b(?:the\s+)?(?:{_CAPS}\s+)?(?:Ministry|Embassy|Government|Foundation|Committee|Council|"
                   rf"Association|University|Agency|Office|Institute|Society|Federation|Parliament|Assembly|"
                   rf"Orchestra|Choir)(?!\s+[A-Z])(?:\s+(?:of|for|in)\s+(?:the\s+)?{_CAPS})*")
BODY_WEIGHT = 0.8  # a ministry or an embassy answers "who organized...", a person is the likelier answer


def _bodies(sentence: str) -> list[Candidate]:
    """Ministries, embassies, governments...: who-answers when a body, not a person, did it."""
    return [Candidate(m.start(), m.end(), m.group(0), m.group(0), BODY_WEIGHT) for m in _BODY.finditer(sentence)]


def introduces(sentence: str, asked: set[str]) -> bool:
    """Whether the sentence gives someone the question names a title ("Japanese Prime Minister Fumio
    Kishida"), which is what "who is Kishida?" wants, rather than just naming them."""
    return any(set(query_terms(c.text)) & asked and _preceded_by_title(sentence, c.start) for c in _people(sentence))


def _preceded_by_title(sentence: str, start: int) -> bool:
    before = words(sentence[max(0, start - 40):start])
    return bool(before) and before[-1] in _TITLES
