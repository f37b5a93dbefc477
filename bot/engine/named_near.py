"""A question's names, and the years and days it asks about, must stand near its answer: "What did Kuwait
announce?" is not answered by "Libya immediately announced it would embargo oil shipments", though the article
names Kuwait elsewhere. SQuAD 2.0's unanswerable questions are often written so, a name of the article swapped in;
the engine halves the confidence of an answer whose sentences, with the one before them (where a "he" or "it" is
named) and a next one that goes on about them, lack one of them (docs/reader.md, "A name far from the answer")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Protocol

from ..models import Article, Sentence
from ..text.dates import MONTHS, WEEKDAYS, days_named, published_on, years_in
from ..text.words import COMMON_WORD, UPPER, english_words, query_terms, term_set, terms
from .acronyms import acronyms_in, spelled_out
from .aliases import ALIASES, other_names
from .leads import lead_of
from .name_pairs import SIDE_WORDS, NamePairs, capital_runs
from .phrases import COUNTRY_OF, ORGANISATIONS
from .question import TITLES, Question
from .snippets import continues
from .years import asked_years

SHORTEST_STEM = 4  # a name and a word this long or longer, one the start of the other, match ("Kuwait", "Kuwaiti")
TOPIC = 0.15  # a name in this share of its article's sentences or more is what the article is about ("ABC")
TOPIC_LEAST = 3  # and in this many at least: in a short article, one sentence is no topic
# no names: a date's words ("the ceremony on June 16" is the one "on Monday"; bot/engine/years.py checks years), the
# common word of a body's or a place's name ("the Japanese Embassy" is named by "Japan's embassy", "the Amazon
# River" by "the Amazon"; nor does it name a place alone: "Exeter Cathedral" is no "Bristol Cathedral")
_PLACE_WORDS = ("river lake mountain mountains ocean sea island islands valley desert forest cathedral castle bridge "
                "church palace tower hall stadium square street avenue station airport")
_NO_NAMES = frozenset(t for w in (*MONTHS, *WEEKDAYS, *ORGANISATIONS.split("|"), *_PLACE_WORDS.split())
                      for t in query_terms(w))
# "South Korea" is named by "Korea" unless another side is named there: "North America" is no "South America"
_SIDES = frozenset(query_terms(SIDE_WORDS))
_OPENING = re.compile(rf"\W*(?:The\s+)?([{UPPER}][\w'’-]*(?:\s+[{UPPER}][\w'’-]*)*)")  # a sentence's opening name
_SIDED = re.compile(rf"\b((?i:{SIDE_WORDS.replace(' ', '|')}))\s+([{UPPER}][\w'’-]*)")
# a news article's dateline places all of it: "Seoul, June 16: ...", "SEOUL (Reuters) - ..."
_MONTH = "|".join(m[:3] for m in MONTHS)
_DATELINE = re.compile(rf"^(?P<place>[{UPPER}][\w'’.-]*(?: [{UPPER}][\w'’.-]*){{0,3}})"
                       rf"(?:,\s+(?i:{_MONTH})[a-z]*\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?\s*[:—–-]"  # Seoul, June 16:
                       rf"|\s+\([A-Z][\w .-]*\)\s+[—–-])", re.M)  # SEOUL (Reuters) -
DATELINE_REACH = 2000  # characters from the start of an article a dateline is looked for in (its first line of
# that form: a news page puts a summary and a quote before it)


def topics_of(sentences: Iterable[Sentence]) -> dict[str, frozenset[str]]:
    """Each article's topics: the terms in TOPIC of its sentences or more ("abc" in the article on ABC)."""
    counts: dict[str, Counter[str]] = {}
    sizes: Counter[str] = Counter()
    for s in sentences:  # terms(), not the cached term_set: one pass over every sentence would flush its cache
        counts.setdefault(s.article_id, Counter()).update(set(terms(s.text)))
        sizes[s.article_id] += 1
    return {a: frozenset(t for t, n in c.items() if n >= max(TOPIC_LEAST, TOPIC * sizes[a]))
            for a, c in counts.items()}


class Known(Protocol):
    """What is known of all the sources, made when first needed (Engine's index state): each article's topics
    (topics_of), the terms the sources write in lower case somewhere, and which two capitalised words stand in one
    of their names (name_pairs.name_pairs_of)."""

    @property
    def topics(self) -> Mapping[str, frozenset[str]]: ...

    @property
    def common_terms(self) -> AbstractSet[str]: ...

    @property
    def name_pairs(self) -> NamePairs: ...


def missing_names(q: Question, span: tuple[int, int], sentences: Sequence[Sentence], articles: Mapping[str, Article],
                  known: Known) -> tuple[str, ...]:
    """The question's names, and the years and days it asks about, that the answer's sentences `span`, the sentence
    before them and one after them that goes on about them ("They performed...") never use. No names: its people's
    adjectives, the words of dates, the common words of a name, what its article is about (a title word, a topic, a
    news dateline's place); of a person's name, the last word is enough ("Daniel Craig" is named by "Craig"), unless
    the others are words the sources write in lower case ("Old France" is no "New France") and never in one name with
    it ("Mark Woods" is named by "Woods": _covered). A year or day may also be the article's date. The sentence before
    does not count where the answer's opens with another name (_about_another). `known` is read only when something
    is missing, or to tell such a name: most answers hold the question's names."""
    first, last = span
    article_id = sentences[first].article_id
    if first > 0 and sentences[first - 1].article_id == article_id and not _about_another(sentences[first].text, q,
                                                                                           known):
        first -= 1
    if continues(sentences, last):
        last += 1
    article = articles[article_id]
    # with the line the answer is read under: a table row's header names "Pell" in "Reaches Pell" (leads.py)
    text = " ".join([*(s.text for s in sentences[first:last + 1]), lead_of(article.text, sentences[span[0]].start)])
    near = term_set(text)
    title = term_set(article.title)
    missing = [n for n in q.entities if n not in title and n not in _NO_NAMES and not _found(n, near)
               and not _found(COUNTRY_OF.get(n, n), near) and not _aliased(n, q.entities, near)
               and not (n in _SIDES and not _other_side(n, q.text, text))]
    if missing:
        topics = known.topics.get(article_id, frozenset())
        common = known.common_terms
        covered = _covered(q.text, text, near, common, known.name_pairs)
        place = _dateline(article.text)
        missing = [n for n in missing if n not in topics and n not in covered and n not in place]
    acronyms = {_term(a): a for a in acronyms_in(q.text)}
    if missing and any(n in acronyms for n in missing):
        spelled = spelled_out([text, article.title])  # "AAA": "the American Automobile Association"; "ABC"
        missing = [n for n in missing if n not in acronyms or acronyms[n] not in spelled]
    # a year the question asks about, as a name: "What was Loudoun's plan for 1775?" is not answered by 1757's
    given = years_in(f"{text} {article.title} {article.date or ''}")
    missing += [y for y in asked_years(q.text) if y not in given and y not in known.topics.get(article_id, ())]
    # and a day it names: "What was imposed on November 28, 1995?" is not answered by what began in 1975
    days = days_named(q.text)
    if days:
        published = published_on(article.date)
        given = days_named(text) | ({f"{published.day} {MONTHS[published.month - 1]}"} if published else set())
        missing += sorted(days - given)
    return tuple(missing)


def _about_another(sentence: str, q: Question, known: Known) -> bool:
    """Whether the sentence opens with a name the question does not use, "The" before it or not ("Harvard also won
    the championships in 2003" for "What event did Cornell win in 2003?", "The UK had been an ally of Israel" for
    "Who did the EEC support?"): it is about that one, so the sentence before, which may name the question's, does
    not stand near the answer. A name here: its first word no stopword, none common in English ("Moreover",
    "Unarmed" open sentences; COMMON_WORD), none the sources write in lower case. The question uses it where any word
    of it is, in any form of it or by another name ("Kuwaiti" for Kuwait, "Margunn Bjørnholt", "The UK" for
    Britain)."""
    m = _OPENING.match(sentence)
    if m is None:
        return False
    name = m.group(1)
    first = name.split()[0]
    found = query_terms(first)
    if not found:
        return False
    asked = frozenset(query_terms(q.text))
    own = frozenset(query_terms(name))
    if any(_found(t, asked) for t in own) or any(f <= own for f in other_names(asked)):
        return False
    # the word list and the sources' lower-case words are loaded (once) only for a name the question lacks
    return english_words().get(first.lower().replace("’", "'"), 0) < COMMON_WORD and found[0] not in known.common_terms


def _covered(question: str, text: str, near: frozenset[str], common: AbstractSet[str], pairs: NamePairs) -> set[str]:
    """The terms of the question's names that the last word of their name covers, when `near` holds that: of a
    person's name the last word is enough ("Daniel Craig" by "Craig"), but not of a place's common word ("Exeter
    Cathedral"). A word the sources write in lower case somewhere is covered only where they write it in one name with
    that last word, and the answer's sentences (`text`, whose terms are `near`) write that word capitalised: "Mark
    Woods" by "Woods", but "Old France" not by "France" (the sources write "New France"), nor "Eon Productions" by "a
    production company"."""
    covered: set[str] = set()
    capitalised: set[str] | None = None  # the words `text` writes capitalised, read when first needed
    for run in capital_runs(question):
        named = [(w, t) for w in run if w not in TITLES for t in query_terms(w)[:1]]  # no titles, no stopwords
        if len(named) < 2:
            continue
        last, last_term = named[-1]
        if last_term in _NO_NAMES or not _found(last_term, near):
            continue
        for word, term in named[:-1]:
            if term in common:
                if frozenset((word, last)) not in pairs.pairs:
                    continue
                if capitalised is None:
                    capitalised = {w for r in capital_runs(text, 1) for w in r}
                if last not in capitalised:
                    continue
            covered.add(term)
    return covered


def _dateline(text: str) -> frozenset[str]:
    """The terms of the place in a news article's dateline ("Seoul, June 16:"), if it has one."""
    m = _DATELINE.search(text, 0, DATELINE_REACH)
    return term_set(m.group("place")) if m else frozenset()


def _found(name: str, near: frozenset[str]) -> bool:
    """Whether `near` uses the name, its singular ("CFLs", "CFL's") or plural ("CFL" where they write "CFLs": the
    stemmer leaves a word without vowels alone), or a word it starts or that starts it ("Kuwait", "Kuwaiti"). A name
    one letter away is not it: SQuAD's unanswerable questions change names so ("Celeron" for "Céloron")."""
    singular = name.endswith("s") and name[:-1] in near
    plural = f"{name}s" in near
    return name in near or singular or plural or len(name) >= SHORTEST_STEM and any(
        len(w) >= SHORTEST_STEM and (w.startswith(name) or name.startswith(w)) for w in near)


def _aliased(name: str, names: Sequence[str], near: frozenset[str]) -> bool:
    """Whether the name is (part of) a name whose other form `near` uses ("United States", "US")."""
    asked = set(names)
    return any(any(name in f and f <= asked for f in forms) and any(f <= near for f in forms) for forms in ALIASES)


def _other_side(side: str, question: str, near: str) -> bool:
    """Whether the answer's sentences name another side of what the question's `side` is of: "North America"
    for "South American"."""
    of = frozenset(_term(m.group(2)) for m in _SIDED.finditer(question) if _term(m.group(1)) == side)
    return any(_term(m.group(1)) != side and _found(_term(m.group(2)), of) for m in _SIDED.finditer(near))


def _term(word: str) -> str:
    found = query_terms(word)
    return found[0] if found else word.lower()
