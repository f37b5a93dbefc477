"""Who is who in the sources: the titles the articles give people, and the checks that a person found
holds the role a who-question asks about ("the Korean envoy to Japan" is not President Lee, nor the
Japanese ambassador to Korea)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property

from ..text.words import COMMON_WORD, STOPWORDS, UPPER, english_words, query_terms, table_key, words
from .leads import ROW
from .phrases import COUNTRY_OF, OPENERS, POSSESSIVE, Candidate, people
from .question import ROLE_OF, TITLES, is_demonym

# The titles the sources give each person, by name in lower case (whole, and each part of it: "Ambassador
# Park" is Park Cheol-hee's "Korean Ambassador to Japan" too).
Titles = Mapping[str, tuple[str, ...]]

_ENVOY_WORDS = {"ambassador", "envoy", "consul", "representative", "delegate"}
_QUESTION_WORD = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]")
_NOT_APPOSITION = re.compile(r"(?:and|or|but|along|as|with|while|who|which|where|when)\b", re.I)
_APPOSITION = re.compile(r",\s+((?:the\s+|a\s+|an\s+)?[^,;:()]{3,80}?)(?=[,;:()]|\s+(?:and|who|which)\s|$)")


def titles_at(sentence: str, cand: Candidate) -> tuple[str, ...]:
    """The titles a sentence gives a person: the words before the name ("Japanese Ambassador to Korea
    Koichi Mizushima", "US President Biden") and an apposition after it ("Akihisa Nagashima, special
    adviser to ...", as far as "to": the adviser is no prime minister)."""
    out = []
    before = _title_before(sentence, cand.start)
    if before:
        out.append(before)
    after = _APPOSITION.match(sentence, cand.end)
    if after and not _NOT_APPOSITION.match(after.group(1)):
        head = re.split(r"\s+(?:to|of|for|at|in|on|with|from)\s+", after.group(1), maxsplit=1)
        if words(head[0]) and words(head[0])[-1] in _ENVOY_WORDS and len(head) == 2:
            head = [after.group(1)]  # "ambassador to Japan": the country is part of the title
        if any(w in ROLE_OF or w in TITLES for w in words(head[0])):
            out.append(head[0])
    return tuple(out)


def _title_before(sentence: str, start: int) -> str:
    """The run of title words right before a name: capitalised words and titles, and "to Japan" after an
    envoy word ("Korean Ambassador to Japan"), but not "special adviser to" someone."""
    tokens = list(_TOKEN.finditer(sentence, 0, start))
    first = len(tokens)
    while first:
        m = tokens[first - 1]
        word = POSSESSIVE.sub("", m.group(0).lower().replace("’", "'"))
        if word in ("to", "in") and first >= 2 and tokens[first - 2].group(0).lower() in _ENVOY_WORDS:
            first -= 1
            continue
        if word in _ARTICLES or not (word in TITLES or word in ROLE_OF or m.group(0)[0].isupper()):
            break
        first -= 1
    return sentence[tokens[first].start():start].strip() if first < len(tokens) else ""


_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
_ARTICLES = {"the", "a", "an"}


SURNAME_LEAST = 3  # letters a surname alone has at least


class TitleTable(dict[str, tuple[str, ...]]):
    """who_is_who's table, which also knows the people it names in full by the last word of their names
    (`full_names`: their surname, or a Korean's given name, "jae-myung" of "Lee Jae-myung")."""

    def __init__(self, table: Mapping[str, tuple[str, ...]], named: Mapping[str, frozenset[str]]) -> None:
        super().__init__(table)
        self._named = named  # the full names found with each last word

    @cached_property
    def full_names(self) -> dict[str, str]:
        """The full name of each last word (SURNAME_LEAST letters or more, no common English word: "Abercrombie", not
        "Bond") that is one person's: its longest form holds every word of the others ("General Abercrombie", "James
        Abercrombie" of "Major General James Abercrombie"), and is the one shown. Made when first asked
        for: it loads the English word list."""
        common = english_words() if self._named else {}
        out = {}
        for key, forms in self._named.items():
            longest = max(forms, key=lambda f: (len(f.split()), f))
            if len(key) >= SURNAME_LEAST and key not in STOPWORDS and common.get(key, 0) < COMMON_WORD \
                    and all(set(f.split()) <= set(longest.split()) for f in forms):
                out[key] = longest
        return out


def who_is_who(sentences: Iterable[str]) -> TitleTable:
    """The titles the sources give each person, by full name and by each part of it (lower case), and the full
    names by their last word."""
    table: dict[str, dict[str, None]] = {}
    named: dict[str, set[str]] = {}
    for s in sentences:
        if ROW.search(s):  # a table's cells run together and give no titles ("Departs Kelmouth |")
            continue
        for c in people(s):
            found = titles_at(s, c)
            name = c.text.lower()
            for key in {name, *name.split()}:
                table.setdefault(key, {}).update(dict.fromkeys(found))
            if len(parts := c.text.split()) > 1:
                named.setdefault(parts[-1].lower(), set()).add(c.text)
    return TitleTable({k: tuple(v) for k, v in table.items()}, {k: frozenset(v) for k, v in named.items()})


# a capitalised word (whole: "O'Brien", "Smith-Jones"), possessive or not, that no capitalised word follows:
# "Abercrombie refused", "Liszt's"
_ALONE = re.compile(rf"(?<![\w'’-])([{UPPER}][\w-]*(?:['’](?!s\b)[\w-]+)*)(?:['’]s)?(?![\w'’-])(?!\s+[{UPPER}])")
# and none stands before it, but a word that opens a sentence or a clause ("When Abercrombie arrived"): "James
# Abercrombie" is a whole name
_BEFORE = re.compile(rf"([{UPPER}][\w'’-]*)\s+$")
# the short words that may stand there ("Under Abercrombie,", "Both Abercrombie and...", "Since Abercrombie..."),
# less those that are also names: "Will Abercrombie" or "So Abercrombie" is another person
_OPENS_CLAUSE = (STOPWORDS | {w.lower() for w in OPENERS}) - {"will", "so", "an", "do", "no", "he", "can"}


def named_alone(sentence: str, titles: Titles) -> tuple[Candidate, ...]:
    """People the sentence names by surname alone, where the sources name them in full elsewhere ("Abercrombie
    refused..." of "Major General James Abercrombie"), shown by that full name: who-answers the name patterns miss
    (they need two words or a title)."""
    full = titles.full_names if isinstance(titles, TitleTable) else {}
    if not full:
        return ()
    out = []
    for m in _ALONE.finditer(sentence):
        if m.group(1).isupper() and len(m.group(1)) > 2:  # a dateline's place, "KELMOUTH —", or an acronym
            continue
        name = full.get(m.group(1).lower())
        before = _BEFORE.search(sentence, max(0, m.start() - 40), m.start())
        if name and (before is None or before.group(1).lower() in _OPENS_CLAUSE):
            out.append(Candidate(m.start(1), m.end(1), m.group(1), name, person=True))
    return tuple(out)


def titles_of(sentence: str, cand: Candidate, known: Titles) -> tuple[str, ...]:
    """The titles of a person found in a sentence: its own, then those the sources give that name."""
    return tuple(dict.fromkeys((*titles_at(sentence, cand), *known.get(cand.text.lower(), ()))))


def lacks_role(role: str, cand: Candidate, titles: tuple[str, ...]) -> bool:
    """Whether the candidate does not hold the role a who-question asks for (`Question.role`: "the US
    ambassador", "the prime minister"): a body, or a person no source gives that title."""
    if not role:
        return False
    return not (cand.person and any(role in _roles_of_title(t) for t in titles))


def _roles_of_title(title: str) -> set[str]:
    """The roles a title gives, a prime minister being no minister ("Japanese Prime Minister Keizo Obuchi" is not
    the "vice foreign minister" asked for), nor a vice minister a minister."""
    found = [p for w in words(title) for p in w.split("-")]  # "Vice-Minister" as "Vice Minister"
    roles = {ROLE_OF[w] for w in found if w in ROLE_OF}
    if {"vice", "deputy"} & set(found) and "minister" in roles:  # "Vice Foreign Minister Funakoshi" is no minister
        roles = roles - {"minister"} | {"vice minister"}
    return roles - {"minister"} if "prime" in roles else roles


_ENVOY = re.compile(rf"\b((?:north\s+|south\s+)?[\w'’-]+)\s+(?:{'|'.join(sorted(_ENVOY_WORDS))})s?"
                    r"(?:\s+(?:to|in)\s+(?:the\s+)?((?:north\s+|south\s+)?[\w-]+))?", re.I)
# capitals and other names of a country, so that "Ambassador to Seoul" is an ambassador to Korea
_COUNTRY = COUNTRY_OF | {"chinese": "china", "united": "us", "american": "us", "usa": "us"}
_DEMONYMS = {"french", "dutch", "german", "thai", "greek", "swiss", "israeli", "pakistani", "iraqi", "saudi",
             "filipino"}  # the ones is_demonym's endings miss


def role_reversed(question: str, titles: tuple[str, ...]) -> bool:
    """Whether a person's envoy title names other countries than the question's: "Korea's ambassador to
    Japan" is not the "Japanese Ambassador to Korea", nor is "the US ambassador to Japan" the "Korean
    Ambassador to Japan" (a title of the person in any source counts: "Ambassador Park" is Korea's)."""
    asked = _ENVOY.search(question)
    if asked is None:
        return False
    origin, destination = _origin(asked), _place(asked.group(2))
    for title in titles:
        for held in _ENVOY.finditer(title):
            their_origin, their_destination = _origin(held), _place(held.group(2))
            if destination and their_destination and not _same_country(their_destination, destination):
                return True
            if origin and their_origin and not _same_country(their_origin, origin):
                return True
    return False


def _origin(envoy: re.Match[str]) -> str:
    """The country an envoy comes from, if the words before the title name one ("korea's", "Japanese",
    "US"; "the new ambassador" names none)."""
    word = table_key(envoy.group(1)).replace("’", "'")  # "ſouth Korean": _ENVOY is re.I
    bare = POSSESSIVE.sub("", word)
    named = bare != word or is_demonym(bare) or bare.split()[-1] in _DEMONYMS or bare in _COUNTRY
    return _place(bare) if named else ""


def _place(text: str | None) -> str:
    """A country as written after "to" or before "ambassador", lower case; "South Korea" is the Korea of the
    sources, North Korea another country."""
    place = " ".join(table_key(text or "").split())
    return place.removeprefix("south ")


def _same_country(a: str, b: str) -> bool:
    """Whether one word names the other's country ("korea" and "korean", "japan" and "japanese", "seoul"
    and "korea")."""
    a, b = a.lower(), b.lower()
    short, long = sorted((_COUNTRY.get(a, a), _COUNTRY.get(b, b)), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


_TO_WHOM = re.compile(r"\b(?:adviser|advisor|aide|assistant|secretary|spokesperson|spokesman|deputy|successor|"
                      r"predecessor)s?\s+to\s+(?:the\s+)?((?:[\w'’-]+\s*){1,4})", re.I)
_TITLED_AFTER_TO = re.compile(rf"\bto\s+((?:[{UPPER}][\w'’-]*\s+){{1,4}})$")


def is_the_other_party(question: str, sentence: str, cand: Candidate) -> bool:
    """Whether a candidate is the one the question's role serves: "the adviser to the Japanese prime
    minister" asks for the adviser, not the "Japanese Prime Minister Shigeru Ishiba" in "special adviser
    to Japanese Prime Minister Shigeru Ishiba"."""
    asked = _TO_WHOM.search(question)
    title = _TITLED_AFTER_TO.search(sentence[max(0, cand.start - 60):cand.start])
    if asked is None or title is None or not any(w.lower() in TITLES for w in title.group(1).split()):
        return False
    title_terms = set(query_terms(_spelled_out(title.group(1))))
    return bool(title_terms) and title_terms <= set(query_terms(_spelled_out(asked.group(1))))


def _spelled_out(role: str) -> str:
    """A role with "premier" and "PM" written as the sources write them: "prime minister"."""
    return _PREMIER.sub("prime minister", role)


_PREMIER = re.compile(r"\b(?:premier|PM|P\.M\.)(?!\w)", re.I)


def nationality_asked(question: str) -> str:
    """The one country a question names by its adjective or name ("the Japanese vice foreign minister":
    "japanese"), lower case; "" when it names none or several ("the Korean ambassador to Japan": the envoy check
    reads that one)."""
    found = _country_words(question)
    countries = {next((c for c in found if c != f and _same_country(c, f)), f) for f in found}
    return next(iter(found)) if len(countries) == 1 else ""


def holds_nationality(titles: tuple[str, ...], country: str) -> bool | None:
    """Whether a person's titles give them `country` ("Japanese Vice Foreign Minister"), another one (False), or
    none (None: "Second Vice Foreign Minister" says nothing)."""
    given = {w for t in titles for w in _country_words(t)}
    return any(_same_country(w, country) for w in given) if given else None


_CAPITALISED = re.compile(rf"\b[{UPPER}][\w'’]*")


def _country_words(text: str) -> set[str]:
    """The country names and adjectives of a text, lower case and without "'s": capitalised words that name a
    country ("Japan", "US") or are its adjective ("Japanese", "Korean", "French")."""
    found = set()
    for m in _CAPITALISED.finditer(text):
        word = POSSESSIVE.sub("", m.group(0).lower().replace("’", "'"))
        if word in _COUNTRY or word in _DEMONYMS or is_demonym(word):
            found.add(_COUNTRY.get(word, word))
    return found


def after_the_name(question: str, phrase: Candidate) -> Candidate:
    """For "Who is Akihisa Nagashima?", what a phrase says of the person after their name ("Kim Ji-na and Akihisa
    Nagashima, special adviser to Japanese Prime Minister Shigeru Ishiba": "special adviser to ..."), up to the next
    comma, or the phrase as it is: the name itself is no answer to who someone is. Not for a question about someone
    of theirs ("Who was Nagashima's boss?"), nor where the name ends a list or a clause (", and Kim Ji-na")."""
    typed = [t for t in _QUESTION_WORD.findall(question) if t.lower() not in STOPWORDS and t.lower() != "who"]
    if any(POSSESSIVE.search(t) for t in typed):  # a question word never ends in a bare apostrophe
        return phrase
    for word in reversed(typed):  # the name's last word, as typed ("Williams", "nagashima")
        m = re.search(rf"\b{re.escape(word)},\s+", phrase.text, re.I)
        rest = phrase.text[m.end():].split(",")[0].rstrip(" ;") if m else ""
        if m and len(rest.split()) >= 2 and not _NOT_APPOSITION.match(rest):
            start = phrase.start + m.end()
            return Candidate(start, start + len(rest), rest, rest, phrase.weight)
    return phrase
