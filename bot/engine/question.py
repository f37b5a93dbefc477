"""What a question asks for: its kind, its terms and names, and how a follow-up leans on the one before."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.words import COMMON_WORD, STOPWORDS, UPPER, english_words, query_terms, stem, table_key, terms, words
from .counts import AUXILIARIES, counted_kind, counted_noun
from .sums import currency_of

BUILDINGS = ("palace", "hotel", "building", "hall", "stadium", "museum")  # places a "which X" asks for by kind
_PLACE_WORDS = f"(city|cities|country|countries|place|venue|location|town|{'|'.join(BUILDINGS)})"
# "when" asks when before a verb ("when was", "when didn't", "when exactly did"), last ("until when?") or first with
# no other question word ("when the concert was held?"): "What was the region called when it was the centre of
# Iran?" asks for a name, "When Japan's imports rose, which policy ended?" for a policy
_ASKS_WHEN = (r"(?:['’]s\b|\s+(?:exactly\s+|precisely\s+)?(?:did|do|does|was|were|is|are|will|would|has|have|had|can|"
              r"could|should|shall|may|might|must|wo)(?:n['’]t)?\b|,?\s+and\b|[\s?.!]*$)")  # "when and where"
# "What was Lumora's revenue last year?", "whats the average house price": a sum of money, not a share of one
MONEY_ASKED = (r"\bwhat(?:['’]?s|\s+(?:is|was|are|were|will\s+be|would\s+be))\s+(?:the\s+)?"
               r"(?:(?!(?:of|date|dates|day|city|town|country|place|reason|reasons|name|time|year|kind|type|way|"
               r"where|when|why|who|which)\b)[\w'’-]+\s+){0,3}?"
               r"(?:price|revenue|cost|salary|wage|rent|fine|profit|turnover|income|budget|fee|valuation)s?\b"
               r"(?!\s+(?:rise|rose|increase|fall|fell|drop|growth|change|rate|index|tax|margin|source|art|airline|"
               r"museum|called|named)\b)")
_MONEY = re.compile(MONEY_ASKED, re.I)
# "What percentage...?", "What is the proportion of...": a share is asked for, not a sum
_SHARE = re.compile(r"\b(?:what|which)\s+(?:(?:is|was|are|were)\s+(?:the\s+)?)?(?:percentage|percent|proportion)\b",
                    re.I)
# "How much is it in yen?", "in South Korean won", "how many dollars": the currency asked for, as the question's word
_CURRENCY = re.compile(r"\b(?:in|into)\s+(?:[\w.]+\s+){0,2}?([a-z]+)\s*[?.!]*\s*$|\bhow\s+many\s+([a-z]+)\b", re.I)


def asks_money(text: str) -> bool:
    """Whether a question asks for a sum by the noun that names one ("What was Lumora's revenue?")."""
    return bool(_MONEY.search(text))


def asks_share(text: str) -> bool:
    """Whether a question asks what percentage or proportion something is."""
    return bool(_SHARE.search(text))


def currency_asked(text: str) -> str:
    """The currency a question asks its amount in ("in yen": yen), or ""."""
    m = _CURRENCY.search(text)
    return currency_of(next((g for g in m.groups() if g), "")) if m else ""


_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("said", re.compile(r"\bwhat did\b.*\b(say|tell|announce|declare|state|write)\b")),
    ("year", re.compile(r"\b(what|which|in what|in which) year\b|\bwhat century\b")),
    ("duration", re.compile(r"\bhow long\b|\bhow many (years|months|weeks|days)\b|\bfor how long\b")),
    ("amount", re.compile(r"\bhow much\b(?!.*\bweigh(?:t|ts|s|ed|ing)?\b)|\bwhat (amount|sum|price)\b|"
                          r"\bhow many (dollars|won|yen)\b|\b(what|which) (percentage|percent|proportion)\b|"
                          + MONEY_ASKED)),
    ("frequency", re.compile(r"\bhow often\b|\bhow frequently\b|\bhow many times (?:a|an|per|each|every) "
                             r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|season)\b")),
    ("count", re.compile(r"\bhow many\b|\bwhat number of\b")),
    ("date", re.compile(r"\b(on )?(what|which) (date|day)\b|\bwhat (were|are|was|is) the dates?\b")),
    ("when", re.compile(rf"\bwhen\b(?={_ASKS_WHEN})|^\W*when\b(?!.*\b(?:what|which|who|whom|whose|where|how|why)\b)|"
                        r"\b(what|which) (month|time)\b|\bon what\b")),
    ("who", re.compile(r"\bwho\b|\bwhom\b|\bwhose\b|"
                       r"\b(which|what) (?:(?!did |do |does |is |was |were |are )\w+ ){0,2}(?:(person|people|official|"
                       r"minister|ambassador|president|leader|pianist|poet|diplomat)s?\b|"
                       # (roles that also name things: "Which coach station...?", "Which judge's ruling...?")
                       r"(actor|actress|playwright|coach|manager|director|spokesperson|spokesman|spokeswoman|captain|"
                       r"judge|mayor|councillor|chairman|chairwoman|founder)(?:s|es)?\b(?!['’]s\b|\s+(?:station|"
                       r"company|companies|salary|salaries|fees?|reports?|rulings?|jobs?|roles?|posts?|contracts?|"
                       r"office|position|trips?|routes?|operators?|services?|teams?|clubs?|firms?|unions?)\b))|"
                       r"\bname of the (person|minister|ambassador|president)\b")),
    ("where", re.compile(rf"\bwhere\b|\b(what|which|in what|in which) (?:(?:is|was|are|were) the )?{_PLACE_WORDS}\b")),
    ("measure", re.compile(r"\bhow (tall|high|far|big|large|heavy|deep|wide|old)\b|"
                           r"^\W*(?:at\s+)?(?:what|which)\s+age\b(?!\s+group)|"
                           r"\bhow much\b(?=.*\bweigh(?:t|ts|s|ed|ing)?\b)")),
]

TITLES = set("""
president prime minister vice first second foreign ambassador special adviser advisor aide pianist poet mr ms mrs dr
secretary king emperor chairman ceo governor mayor spokesperson spokesman minister's us japanese korean south north
chinese american chief executive director founder co-founder chair chairwoman
""".split())


# The roles a who-question can ask for, by the word that names them (an envoy is an ambassador).
ROLE_OF = {"ambassador": "ambassador", "ambassadors": "ambassador", "envoy": "ambassador", "envoys": "ambassador",
           "consul": "ambassador", "president": "president", "presidents": "president", "premier": "prime",
           "prime": "prime", "minister": "minister", "ministers": "minister", "adviser": "adviser",
           "advisor": "adviser", "advisers": "adviser", "advisors": "adviser", "aide": "adviser", "aides": "adviser"}


def asked_role(question: str) -> str:
    """The role a question asks for ("who is the Korean envoy to Japan?": an ambassador), or "". Only the
    one asked about: "Who did the ambassador give awards to?" asks for no ambassador."""
    m = _ASKS_ROLE.match(question) or _AS_ROLE.match(question)
    if m is None:
        return ""
    role = ROLE_OF[table_key(m.group(1)).split()[0]]  # "prime minister": prime
    # a vice minister is no minister, nor the other way round ("Which foreign minister signed it?")
    return f"vice {role}" if role == "minister" and re.search(r"\b(?:vice|deputy)\b", m.group(0), re.I) else role


_ROLES = rf"prime\s+minister|{'|'.join(ROLE_OF)}"  # (a possessive is no role asked for: "the president's envoy")
_ASKS_ROLE = re.compile(r"\W*(?:who(?:\s+(?:is|was|are|were)|['’]?s)|which|what)\s+(?:the\s+|an?\s+)?"
                        rf"(?:[\w'’.-]+\s+){{0,4}}?({_ROLES})(?![\w'’])", re.I)
# the role the one asked for took: "Who succeeded Biden as US president?", "Who served as prime minister of Japan?"
# (the role ends the question or a preposition follows it: not "Who spoke as the president arrived?", "Who was
# appointed as the president's envoy?")
_ROLE_ENDS = "of|to|for|in|at|under|from|during|until|after|before|when|since"
_AS_ROLE = re.compile(r"\W*who\s+[a-z]+(?:\s+[\w'’.-]+){0,3}?\s+as\s+(?:the\s+|an?\s+)?"
                      rf"(?:[\w'’.-]+\s+){{0,2}}?({_ROLES})(?![\w'’])"
                      rf"(?=\s*(?:[?.!,]|$|(?:{_ROLE_ENDS})\b))", re.I)


@dataclass(frozen=True)
class Question:
    """A question read for retrieval and answer extraction."""

    text: str
    kind: str  # when, date (a day), year, who, where, amount, count, duration, measure, said or other
    terms: tuple[str, ...]
    names: tuple[str, ...] = ()  # terms of the capitalised words in the question ("Ishiba", "Tokyo", "Korean")
    follow_up: bool = False  # read together with an earlier question
    carried: tuple[str, ...] = ()  # a follow-up's terms taken from the earlier question ("concert")
    entities: tuple[str, ...] = ()  # names without nationality adjectives: places, people, bodies
    endpoint: str = ""  # "start" or "end" when it asks when something began or ended (of a range of years); "both"
    # when it asks for the range itself ("from what year to what year")
    identity: bool = False  # "Who is Koichi Mizushima?": the sentence that introduces them answers it
    yes_no: bool = False  # "Was Yoon impeached?"
    role: str = ""  # the role asked for: "ambassador" for "Who is the Korean envoy to Japan?" (asked_role)
    thing: str = ""  # what a "which X" question asks about: "plane" for "What plane did Lee take?" (asked_thing)
    counted: str = ""  # what a "how many" question counts: "people", "things" or "people or things" (counted_kind)
    counted_noun: str = ""  # the stem of the noun it counts: "laureat" for "how many Nobel laureates" (counted_noun)
    envoy: str = ""  # a Korean or Japanese question's envoy in English: "Korean ambassador to Japan" (주일 한국대사)
    verb: str = ""  # the stem of the verb a "Who VERBed...?" question asks the subject of: "captur" (asked_verb)


# Words that only frame what kind of answer is wanted ("how long", "what year"): not content to match.
_FRAME_WORDS = {"year", "long", "date", "day", "month", "time", "amount", "sum", "number", "place", "location",
                "century", "city", "country", "venue", "tall", "high", "far", "big", "large", "heavy", "deep", "wide",
                "old", "percentage", "percent", "proportion"}
_FRAME_TERMS = {t for w in _FRAME_WORDS for t in terms(w)}


# "Who is Koichi Mizushima?" names the person and asks what they are: a sentence about them, not another name.
_WHO_IS = r"[Ww]ho(?:\s+(?:is|was|are|were)|['’]?s)\s+"  # "who's" and "whos" too
_WHO_IS_NAMED = re.compile(rf"^\W*{_WHO_IS}[{UPPER}][\w'’.-]*(?:\s+[{UPPER}][\w'’.-]*)*\W*$")  # (one way to match)
_WHO_IS_ANYONE = re.compile(rf"\W*{_WHO_IS}([\w'’.-]+(?:\s+[\w'’.-]+){{0,3}})\W*", re.I)


def _names_someone(text: str) -> bool:
    """Whether the question asks who a named person is ("Who is Koichi Mizushima?", also typed in lower case:
    "who is kim hong-kyun"), not who holds a role."""
    if _WHO_IS_NAMED.match(text.strip()):
        return True
    m = _WHO_IS_ANYONE.fullmatch(text.strip())
    return m is not None and not any(w in STOPWORDS or w in TITLES or w in _FRAME_WORDS or w.endswith("ing")
                                     for w in words(m.group(1)))  # "who is speaking" asks for a name


def asks_who_named(text: str) -> bool:
    """Whether the question asks only who a named person is: "Who is Keizo Obuchi?", "who's kim dae-jung"; not
    "Who was Chopin's initial piano teacher?", "who was elected" or "who was born", which `_names_someone` also
    takes: a possessive, or only common English words, ask for another person, whose name is the answer ("kim" is
    common too, "dae-jung" is not)."""
    text = text.strip()
    if re.search(r"(?<!\bwho)['’]s\b", text, re.I):
        return False
    if _WHO_IS_NAMED.match(text):
        return True
    m = _WHO_IS_ANYONE.fullmatch(text)  # typed in small letters: words no dictionary has often
    if m is None or m.group(1) != m.group(1).lower() or not _names_someone(text):
        return False
    common = english_words()  # (0.15-0.35 s the first time it is loaded, which most questions never need)
    return not all(common.get(w, 0) >= COMMON_WORD for w in words(m.group(1)))


def _kind_match(text: str, identity: bool | None = None) -> tuple[str, str]:
    """The kind of answer and the words that say so ("what year"); `identity`: _names_someone(text), if known."""
    if _names_someone(text) if identity is None else identity:
        return "other", ""
    low = text.lower()
    found = [(m.start(), order, kind, m.group(0)) for order, (kind, pattern) in enumerate(_KINDS)
             if (m := pattern.search(low))]
    if not found:
        return "other", ""
    # the question word that comes first says what is asked: "who was prime minister when the treaty was
    # signed?" asks for a person; at the same place the more specific kind wins ("what year" over "what")
    _, _, kind, frame = min(found)
    return kind, frame


def question_kind(text: str) -> str:
    """The kind of answer `text` asks for."""
    return _kind_match(text)[0]


# "What happened in 1965?" asks for an event: the verb frames the question, no sentence needs to repeat it.
_EVENT = re.compile(r"\bwhat\s+(?:(?:has|had|will|did)\s+)?(?:(?:is|was|were)\s+)?"
                    r"(happen(?:ed|s|ing)?|occur(?:red|s|ring)?|(?:took|take[sn]?|taking)\s+place|"
                    r"went on|go(?:es)? on)\b", re.I)


# verbs of two words the sources write as one ("Where did he pass away?": "he died at his home in Polgarrow")
_PHRASAL_AS = {"pass": "die", "step": "resign", "call": "cancel"}
_PHRASAL = re.compile(r"\b(?:(pass)(?:es|ed|ing)?\s+away|(step)(?:s|ped|ping)?\s+down|(call)(?:s|ed|ing)?\s+off)\b",
                      re.I)


def content_terms(text: str, frame: str | None = None) -> tuple[str, ...]:
    """The question's terms without the words that only frame the kind of answer ("how long", "what year",
    "what happened"); `frame`: those words, if already found."""
    if frame is None:
        _, frame = _kind_match(text)
    drop = {t for w in words(frame) for t in terms(w)[:1] if t in _FRAME_TERMS}  # "dates" as well as "date"
    if event := _EVENT.search(text):
        drop.update(query_terms(event.group(1)))
    plain = _PHRASAL.sub(lambda m: _PHRASAL_AS[(m.group(1) or m.group(2) or m.group(3)).lower()], text)
    kept = tuple(t for t in dict.fromkeys(query_terms(plain)) if t not in drop)  # questions stay out of caches
    return kept + ("weigh",) if re.search(r"\bhow\s+heavy\b", frame, re.I) and "weigh" not in kept else kept


def read_question(text: str, previous: str | None = None) -> Question:
    """A Question; a follow-up without a question word borrows the kind and terms of `previous`."""
    identity = _names_someone(text)
    kind, frame = _kind_match(text, identity)
    own = content_terms(text, frame)
    names = question_names(text)
    carried: tuple[str, ...] = ()
    if previous:
        asks = _ABOUT.sub("", text.lower())  # "what about Tokyo?" asks what the earlier question asked
        if kind == "other" and not re.search(r"\b(what|which|why|how)\b", asks):
            kind = question_kind(previous)
        replaced = {t for w in _slots(previous) for t in query_terms(w)[:1]} if names else set()
        carried = tuple(t for t in content_terms(previous) if t not in own and t not in replaced)
    entities = question_names(text, demonyms=False)
    endpoint = "both" if _SPAN_OF_YEARS.search(text) else "end" if _ENDED.search(text) else \
        "start" if _BEGAN.search(text) else ""
    kind = "year" if endpoint == "both" else kind
    yes_no = kind == "other" and bool(_YES_NO.match(text))
    return Question(text, kind, own + carried, names, previous is not None, carried, entities, endpoint, identity,
                    yes_no, asked_role(text), asked_thing(text), counted_kind(text) if kind == "count" else "",
                    counted_noun(text) if kind == "count" else "", verb=asked_verb(text) if kind == "who" else "")


# "What plane did...", "which K-pop groups were...", "how many tickets were...": the noun before the verb;
# "What was the theme of...": the noun after "the"
_THING_BEFORE_VERB = re.compile(r"\b(?:what|which|how many|how much)\s+(?:[\w'’-]+\s+){0,2}?([\w'’-]+)\s+"
                                r"(?:did|do|does|was|were|is|are|has|have|had|will|would|can|could)\b", re.I)
_THING_OF = re.compile(r"\bwhat\s+(?:is|was|are|were)\s+the\s+([\w'’-]+)\s+(?:of|in|for|at|on|behind)\b", re.I)


def asked_thing(text: str) -> str:
    """The thing a "what X" or "which X" question asks about, lower-cased: "plane" for "What plane did Lee
    take?", "theme" for "What was the theme of the festival?". "" when there is none, or it only frames the
    kind of answer ("what date"), is a role ("which president") or an acronym ("which PM"), which may stand
    for words the sources spell out."""
    m = _THING_BEFORE_VERB.search(text) or _THING_OF.search(text)
    if m is None or m.group(1).isupper():
        return ""
    thing = m.group(1).lower()
    return "" if only_frames(thing) else thing


def only_frames(word: str) -> bool:
    """Whether a "which X" question's X says nothing of what it asks about: a word that frames the kind of
    answer ("what date", "which city"), a role ("which president"), a stopword."""
    found = terms(word)
    return not found or word in STOPWORDS or word in TITLES or word in ROLE_OF or found[0] in _FRAME_TERMS


_WHO_DID = re.compile(r"\W*who\s+([a-z]+)\b", re.I)
_NOT_VERBS = frozenset("else should may might must shall among first last ever never".split())


def asked_verb(text: str) -> str:
    """The stem of the verb a "Who VERBed...?" question asks the subject of ("captur"); "" for "Who was...?"."""
    m = _WHO_DID.match(text)
    word = m.group(1).lower() if m else ""
    if word in AUXILIARIES | STOPWORDS | _NOT_VERBS or word.endswith("ly"):  # "Who in the cabinet...", "Who exactly"
        return ""
    return stem(word)


_YES_NO = re.compile(r"\W*(?:is|was|are|were|do|does|did|has|have|had|can|could|will|would|should)\b", re.I)


# "from what year to what year", "between which years", "what years": the whole range of years is asked for
_SPAN_OF_YEARS = re.compile(r"\bfrom\s+(?:what|which)\s+year\s+(?:to|until|till)\s+(?:what|which)\s+year\b|"
                            r"\b(?:between\s+|in\s+|during\s+)?(?:what|which)\s+years\s+(?:did|was|were|had|has|have)\b",
                            re.I)
_ENDED = re.compile(r"\b(?:end(?:ed|s|ing)?|conclud(?:e|ed|es|ing)|finish(?:ed|es|ing)?)\b|\bover\W*$", re.I)
_BEGAN = re.compile(r"\b(?:begin|began|begun|beginning|start(?:ed|s|ing)?|commence[ds]?)\b", re.I)


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


_NAME_WORD = re.compile(rf"(?<![.?!]\s)\b[{UPPER}][\w'’-]*")
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
        if not m.start() or m.group(0).lower() in ROLES:
            continue
        before = question[found[i - 1].end():m.start()] if i else None
        after = question[m.end():found[i + 1].start()] if i + 1 < len(found) else None
        joined = (before is not None and before.strip() == "" and found[i - 1].start() > 0) or (
            after is not None and after.strip() == "")
        if not joined:
            out.append(m.group(0))
    return out


def is_demonym(word: str) -> bool:
    # Korean, American, Russian, Japanese, British: adjectives, not places (Japan, Taiwan and Iran are places)
    return bool(re.search(r"(ean|can|ian|ese|ish)$", word))


ROLES = TITLES - {"us", "japanese", "korean", "south", "north", "chinese", "american"}  # titles, not names
# Honours and offices written before a name ("Judge Margaret Hollins", "Vice-Chancellor Professor Alan Mereweather",
# "Councillor Venn", "Professor Emeritus John Smith"): not part of the name a who-question is answered with. Not the
# ones that open more names than titles ("Lady Gaga", "Father Christmas", "General Motors", "Dean Martin"); where one
# here opens a name that is no person's ("Detective Comics"), only the candidate's words shrink, as with any title.
HONOURS = frozenset("""
councillor cllr judge professor prof emeritus bishop archbishop reverend rev inspector sergeant detective
superintendent constable chancellor vice-chancellor provost senator commissioner
""".split())


def question_names(text: str, demonyms: bool = True) -> tuple[str, ...]:
    """Terms of the capitalised words after the first one, without titles (and without nationality
    adjectives unless `demonyms`): the places, people and bodies an answer must be about."""
    found = [m.group(0) for m in _NAME_WORD.finditer(text.strip()) if m.start()]
    return tuple(dict.fromkeys(t for w in found if w.lower() not in ROLES and (demonyms or not is_demonym(w))
                               for t in query_terms(w)[:1]))


_FOLLOW_UP = re.compile(r"^(and|also|but|so|what about|how about|and what about|same for|then)\b|^(what|how) about\b|"
                        r"\b(it|they|them|that one|the one|there|then|he|she|his|her)\b", re.I)


def asks(text: str) -> bool:
    """Whether the text asks something (a question mark or a question word), not states it: a sentence pasted from
    an article is no question its sources fail to answer."""
    return text.rstrip().endswith(("?", "？")) or bool(_KINDS_WORD.search(text))


def is_follow_up(text: str) -> bool:
    """Whether `text` leans on an earlier question ("and the one in Tokyo?")."""
    return bool(_FOLLOW_UP.search(text.strip())) and len(text.split()) <= 12


# "Which country is the most dependent on oil?" asks for a country as a thing, not for where something happened
# ("Which country's ambassador...?" asks for a person; "Which country did he fly to?" for a place)
_ASKS_COUNTRY = re.compile(r"(?<!\bin )(?<!\bto )(?<!\bfrom )\b(?:which|what)\s+(?:country|countries|nation|nations)"
                           r"\b(?!['’]s)(?!.*\b(?:in|to|from)[\s?]*$)", re.I)


def asks_for_country(question: str) -> bool:
    """Whether the question asks which country (or countries) is or did something."""
    return bool(_ASKS_COUNTRY.search(question))
