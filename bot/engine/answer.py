"""Composing an extractive answer: pick the best sentence, the answer phrase in it, and citations."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType

import numpy as np

from ..models import Article, Passage, Sentence
from ..text.bylines import WRITER, asks_any_writer, asks_writer
from ..text.dates import MONTHS, WEEKDAYS, DateMention, days_in, find_dates, published_on, same_day, year_of
from ..text.words import UPPER, stem, term_set, terms, words
from .ages import ages, asks_age
from .asked_time import already_past, asks_future
from .fits import may_answer
from .hours import asks_hour, clock_times
from .leads import heads_rows, lead_of, line_above, place_words
from .namesakes import namesake_only
from .people import Titles, named_alone
from .phrases import (
    CALENDAR,
    COUNTRY_OF,
    FREQUENCY,
    NUMBER_WORDS,
    Candidate,
    at_endpoint,
    candidates,
    introduces,
    is_year_range,
)
from .question import TITLES, Question
from .snippets import is_byline, same_article, too_short
from .tables import table_cell

# Weights of the sentence score; tuned on the tuning half of evals/questions.jsonl.
W_DENSE, W_KEYWORD, W_TYPE, W_RANK = 0.55, 0.45, 0.2, 0.04
W_INTRODUCES = 0.1  # "who is X?": the sentence giving X a title (0.05-0.2 alike on evals/probe.jsonl)
W_PASSAGE = 0.3  # share of the passage's similarity in a sentence's
# the English glosses of a Korean or Japanese question's words ("축제": festival): a tie-breaker between sentences
# the multilingual vectors score alike (0.001 apart, less than they move between CPUs); 0.04-0.15 gave the same
# tune accuracy, 0.12-0.15 the best hit@3, 0.2 lost a hit@1; as full question terms they cost answers
# (docs/korean-japanese.md)
W_HINT = 0.12
# the share of the question's neighbouring words that neighbour in the sentence: the largest weight tried (0.05, 0.1,
# 0.2, 0.3) that leaves the seed tune splits' answers and abstentions as they were (docs/reader.md, "Who did it,
# ranges, words side by side")
W_PAIRS = 0.05
W_PLACE = 0.1  # a numbered item whose place the question names ("Who came third?": "3. Amy Doran – 9 pts")
LEAD = 0.5  # a question word found only in the line a row or an answer is read under (leads.py) counts this much
CONTEXT = 0.5  # a question word found only in the previous sentence counts this much
NAMED_KINDS = {"said"}  # kinds whose answer must come from a sentence naming one of the question's names
# adverbs that hedge a yes-or-no question rather than say what it is about ("is Yoon still president?")
_HEDGES = {stem(w) for w in "still ever yet already really actually even just again currently now finally "
           "officially truly indeed also ultimately eventually".split()}
NAMES_MISSING = 0.5  # confidence factor when the question names what the sources or the passage do not (or,
# asking yes or no, uses a word they never do: they cannot say yes)
SUBJECT = 2.0  # proximity added to the subject of the verb a who-question asks about (about one question word's)
UNTYPED = 0.85  # score factor of a sentence without the kind of phrase the question asks for
BORROWED = 0.6  # an answer phrase found in the sentence before (a speaker before a quote) earns this share
# Confidence: share of the similarity (the rest is term coverage) and the factor for a missing answer
# phrase; calibrated with the abstention threshold on the tuning split (evals/README.md).
C_DENSE, NO_PHRASE = 0.6, 0.5
HINTED = 0.5  # the weight of glosses' coverage in a Korean or Japanese answer's support: they say less than terms
# An answer phrase counts fully when the question's words sit close to it (proximity >= NEAR_FULL),
# down to NEAR_FLOOR when none do: "solved only in 2023" beats a year far from "solved".
NEAR_FLOOR, NEAR_FULL = 0.25, 2.0
NO_TITLES: Titles = MappingProxyType({})  # no source titles known: only a sentence's own count


@dataclass(frozen=True)
class ScoredSentence:
    """A candidate answer sentence with its evidence."""

    sid: int
    passage_rank: int
    score: float
    dense: float
    coverage: float
    phrase: Candidate | None  # offsets relative to the start of sentence `first`
    wants_phrase: bool = False  # the question asks for a date, name, place, amount... (not "other")
    first: int = -1  # the answer spans sentences first..last (default: just sid)
    last: int = -1
    names_ok: bool = True  # no name in the question that the sources never use or the passage lacks (nor a
    # thing asked about that they never name, with nothing close to it in the sentence: Engine._mentions)

    @property
    def span(self) -> tuple[int, int]:
        return (self.first if self.first >= 0 else self.sid, self.last if self.last >= 0 else self.sid)


@lru_cache(maxsize=16384)
def _pairs(sentence: str) -> frozenset[tuple[str, str]]:
    """The sentence's neighbouring terms ("lift", "embargo" in "to lift the embargo"); cached like _tokens."""
    found = terms(sentence)
    return frozenset(zip(found, found[1:]))


def coverage(question_terms: Sequence[str], sentence_terms: AbstractSet[str], idf: Mapping[str, float],
             unknown: float = 1.0) -> float:
    """IDF-weighted share of the question's terms that appear in the sentence (0..1).

    A term the corpus never uses weighs `unknown` (pass the largest IDF: it is the rarest word)."""
    return coverage_of(question_terms, idf, unknown)(sentence_terms)


def coverage_of(question_terms: Sequence[str], idf: Mapping[str, float],
                unknown: float = 1.0) -> Callable[[AbstractSet[str]], float]:
    """coverage() for one question, its weights computed once for all the sentences it is compared with."""
    weights = {t: idf.get(t, unknown) for t in question_terms}
    total = sum(weights.values())

    def covered(found: AbstractSet[str]) -> float:
        return sum(w for t, w in weights.items() if t in found) / total if total else 0.0

    return covered


def proximity(sentence: str, cand: Candidate, question_terms: Sequence[str]) -> float:
    """How close a candidate phrase sits to the question's words in the sentence.

    Each question word counts once, at its nearest occurrence; a word in the candidate's own
    clause (between commas or "and") counts double, and one just before it a little more."""
    tokens = _tokens(sentence)
    mid = [i for i, (pos, _) in enumerate(tokens) if cand.start <= pos < cand.end]
    if not mid:
        return 0.0
    lo, hi = mid[0], mid[-1]  # the candidate's tokens are consecutive: distance to the nearer end
    clause_start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, cand.start)), default=0)
    after = _CLAUSE.search(sentence, cand.end)
    if after and _APPOSITIVE.match(sentence, cand.end):  # "Akihisa Nagashima, special adviser to ...": about him
        after = _CLAUSE.search(sentence, after.end())
    clause_end = after.start() if after else len(sentence)
    best: dict[str, float] = {}
    qset = set(question_terms) - LIGHT_VERBS
    for i, (pos, tok_terms) in enumerate(tokens):
        if cand.start <= pos < cand.end:
            continue
        dist = lo - i if i < lo else i - hi
        value = 1.0 / (1 + dist) * (1.3 if i < lo else 1.0) + (1.0 if clause_start <= pos < clause_end else 0.0)
        for t in tok_terms & qset:
            best[t] = max(best.get(t, 0.0), value)
    return sum(best.values())


@lru_cache(maxsize=16384)
def _tokens(sentence: str) -> tuple[tuple[int, frozenset[str]], ...]:
    """(offset, terms) of each word of a sentence; cached, sentences come back with every question."""
    return tuple((m.start(), term_set(m.group(0))) for m in _TOKEN.finditer(sentence))


_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@lru_cache(maxsize=16384)
def _candidates(sentence: str, kind: str, year: int | None, published: date | None) -> tuple[Candidate, ...]:
    """phrases.candidates, cached per sentence and question kind."""
    return tuple(candidates(sentence, kind, year, published))


def nearness(sentence: str, cand: Candidate, question_terms: Sequence[str]) -> float:
    """How much of the answer-type bonus a candidate earns: NEAR_FLOOR..1 with its proximity to the question."""
    return _near(proximity(sentence, cand, question_terms))


def _near(proximity_value: float) -> float:
    return NEAR_FLOOR + (1 - NEAR_FLOOR) * min(1.0, proximity_value / NEAR_FULL)


# Verbs that say nothing about which of two items is meant ("held on June 16 in Seoul and June 19 in Tokyo"), as
# terms: "held", "took" and "made" stem as "hold", "take" and "make" (text.IRREGULAR)
LIGHT_VERBS = {stem(w) for w in ("hold", "take", "place", "happen", "occur", "make")}
_CLAUSE = re.compile(r"[,;:()]|\s(?:and|but|while|whereas)\s")
_APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[a-z]+(?:\s+[a-z]+)*\s+(?:to|of|for|at)\s")


def best_phrase(sentence: str, question: Question, year: int | None, titles: Titles = NO_TITLES,
                published: date | None = None) -> Candidate | None:
    """The candidate of the requested kind nearest the question's words, if any, in a sentence of an article
    of `year` published on `published`."""
    found = _nearest_phrase(sentence, question, year, titles, published)
    return found[0] if found else None


def _nearest_phrase(sentence: str, question: Question, year: int | None, titles: Titles,
                    published: date | None) -> tuple[Candidate, float] | None:
    """best_phrase with its proximity to the question's words."""
    found = _asked_candidates(sentence, question, year, published, titles)
    scored = [(c, proximity(sentence, c, question.terms)) for c in found
              if may_answer(c, sentence, question, titles, year)]
    if question.verb:  # "Who captured Fort Beauséjour?": the British, who "captured" it, not Nova Scotia further on
        scored = [(c, p + SUBJECT if _does(sentence, c, question.verb) else p) for c, p in scored]
    if question.counted_noun:  # "how many Nobel laureates": "150 Nobel laureates", not "18 Fields" beside it
        scored = [cp for cp in scored if _noun(cp[0].text) == question.counted_noun] or scored
        # and of those, the ones sharing most words with the question: "how many weight rooms" is "three weight
        # rooms", not the "two cardio rooms" before it
        shared = {id(cp): len(term_set(cp[0].text) & set(question.terms)) for cp in scored}
        scored = [cp for cp in scored if shared[id(cp)] == max(shared.values(), default=0)]
    if not scored:
        return None
    return max(scored, key=lambda cp: (cp[1] * cp[0].weight, -cp[0].start))


def _does(sentence: str, cand: Candidate, verb: str) -> bool:
    """Whether the candidate does what `verb` (a stem) says in the sentence: the verb follows it, at most one word
    between and no comma ("the British captured", "Braddock also led"; not "Lee, accompanied by..."), or it is
    the verb's "by" ("purges directed by Moscow", "led by Foreign Minister Cho")."""
    after = words(sentence[cand.end:cand.end + 40].split(",")[0])[:3]
    at = next((i for i, w in enumerate(after[:2]) if stem(w) == verb), None)
    if at is not None and after[at + 1:at + 2] != ["by"]:
        return True
    said = words(sentence[max(0, cand.start - 60):cand.start])
    if said and _role_noun(said) and stem(said[-1]) == verb:  # "Ashford manager Ruth Castellano" manages it
        return True
    before = [w for w in said if w != "the" and w not in TITLES][-2:]
    return len(before) == 2 and before[1] == "by" and stem(before[0]) == verb


_BEFORE_A_VERB = frozenset("to will would shall should can could may might must did does do".split())


def _role_noun(said: list[str]) -> bool:
    """Whether the last of `said` is a role before a name ("manager", "coach", "chair"), not the verb itself ("Reed
    appointed Maria Lopez", "agreed to sponsor Maria Lopez", "will order Tom Reed")."""
    word = said[-1]
    inflected = word.endswith(("ed", "ing")) or (word.endswith("s") and not word.endswith("ss"))
    return not inflected and word not in TITLES and (len(said) < 2 or said[-2] not in _BEFORE_A_VERB)


def _noun(phrase: str) -> str:
    """The stem of a count phrase's last word ("laureat" for "150 Nobel laureates")."""
    return stem(phrase.split()[-1].lower()) if phrase.split() else ""


def phrase_choices(sentence: str, question: Question, year: int | None, titles: Titles,
                   published: date | None) -> int:
    """How many different phrases of the sentence could answer the question (its kind, _may_answer)."""
    found = _asked_candidates(sentence, question, year, published, titles)
    return len({c.text for c in found if may_answer(c, sentence, question, titles, year)})


def ambiguous(question: Question, item: ScoredSentence, sentences: Sequence[Sentence], articles: Mapping[str, Article],
              titles: Titles) -> bool:
    """Whether the sentence an answer's phrase comes from offers more than one phrase of the kind asked for."""
    s = sentences[item.span[0]]
    article = articles[s.article_id]
    return phrase_choices(s.text, question, year_of(article.date), titles, published_on(article.date)) > 1


def reader_phrase_fits(cand: Candidate, sentence: str, question: Question, titles: Titles, year: int | None,
                       published: date | None) -> bool:
    """Whether the reader's span looks like the kind of phrase asked for and passes the rules' checks of it:
    a date holds a date's marks (a month, a weekday, a year, an ordinal, a clock time, a century; not "18 to 21"),
    and, asked when something is still to come, is not one its article's date has passed; an amount or count holds
    a number (in figures or words: "half a mile"; a count is checked with the noun after it, "8 million people"), a
    person is one of the sentence's people or bodies that holds the role asked for (asked for no role, a name of one
    to four capitalised words will do: "the Roman architect Vitruvius"), a place names something (a capitalised
    word) and is not another city than the one asked about. The rules' own phrase finders are narrower than these
    looks ("650–680", "5,500 K")."""
    last = cand.text.split()[-1] if cand.text.split() else ""
    noun = _NOUN_AFTER.match(sentence, cand.end)
    if question.kind == "count" and noun and _NUMBER_LIKE.search(last):  # "8 million" counts the "people" after it
        cand = Candidate(cand.start, noun.end(), sentence[cand.start:noun.end()], cand.answer)
    if not may_answer(cand, sentence, question, titles, year):
        return False
    if question.kind == "who":
        return any(c.start < cand.end and cand.start < c.end and may_answer(c, sentence, question, titles, year)
                   for c in _asked_candidates(sentence, question, year, published, titles)) \
            or (question.role == "" and _ONE_NAME.fullmatch(cand.text) is not None
                and cand.text.lower() not in COUNTRY_OF and not re.search(CALENDAR, cand.text))
    if question.kind == "where":
        return bool(re.search(rf"\b[{UPPER}]", cand.text))
    if question.kind in ("when", "date", "year"):
        return bool(_DATE_LIKE.search(cand.text) or find_dates(cand.text)) and not (
            asks_future(question.text) and already_past(cand.text, published))
    if question.kind == "frequency":
        return bool(FREQUENCY.search(cand.text))
    return question.kind in ("amount", "count", "measure", "duration") and bool(_NUMBER_LIKE.search(cand.text))


# what a date or year holds ("May", not "may reopen"; "650–680", "the 5th", "AD 79", "7.45pm", "5日", not "3日間",
# three days; not the ages of "care leavers aged 18 to 21"; find_dates reads "Jan 5" and "Dec. 7"), and what a length,
# amount, count or measure does ("half a mile"; "one" is left out: "no one knows")
_DATE_LIKE = re.compile(rf"\d{{3,4}}|\d(?:st|nd|rd|th)\b|\b(?:AD|BC|BCE|CE)\b|\d[.:]\d\d\b|"
                        rf"\d\s?(?:am|pm|a\.m\.|p\.m\.|(?:年|月|日|년|월|일)(?!\s?(?:間|간|동안)))|"
                        rf"\b(?:{'|'.join(m.capitalize() for m in [*MONTHS, *WEEKDAYS])})\b|\b(?:century|centuries)\b")
_NUMBER_LIKE = re.compile(rf"\d|\b(?:half|quarter|dozens?|thousands?|millions?|billions?|"
                          rf"{NUMBER_WORDS.replace('one ', '').replace(' ', '|')})\b", re.I)
_NOUN_AFTER = re.compile(r"\s+([A-Za-z][\w'’-]*)")
# one name the reader may give for who, which the rules' people patterns miss: "the Roman architect Vitruvius" (not a
# month, a weekday, a country or a city: "Monday", "Seoul")
_ONE_NAME = re.compile(rf"[{UPPER}][\w'’-]*(?:(?:\s+|\s*&\s*)[{UPPER}][\w'’-]*){{0,3}}")  # "Holm & Berg"


def _asked_candidates(sentence: str, question: Question, year: int | None, published: date | None,
                      titles: Titles = NO_TITLES) -> tuple[Candidate, ...]:
    """The sentence's phrases of the kind asked for (asked who, with the people it names by surname alone: the sources'
    `titles` know them); asked "from what year to what year", its ranges of years only, and asked "what day of the
    week", its dates that name their weekday."""
    if question.kind == "measure" and asks_age(question.text):  # "how old is Sorell?": "Seventeen-year-old"
        if found_ages := ages(sentence, question.terms):
            return tuple(found_ages)  # (else a thing's: "the 1,000-year-old abbey")
    found = _candidates(sentence, question.kind, year, published)
    if question.kind in ("date", "when") and asks_future(question.text):  # "When will the court hear the appeal?"
        found = tuple(c for c in found if not already_past(c.text, published))
    if question.kind == "who":
        found += tuple(c for c in named_alone(sentence, titles)
                       if not any(f.start < c.end and c.start < f.end for f in found))
    if question.endpoint == "both":  # (a "year" question: its candidates hold the ranges written out in words too)
        return tuple(c for c in found if is_year_range(c))
    if question.kind in ("date", "when") and asks_hour(question.text):  # "What time does it finish?": "12 noon"
        return tuple(clock_times(sentence, question.endpoint))
    if question.kind in ("date", "when") and _WEEKDAY_ASKED.search(question.text):
        return tuple(c for c in found if c.answer.startswith(_WEEKDAY_NAMES))  # "22 June 1965" names no weekday
    return found


# "what day of the week", "which weekday", "무슨 요일", "何曜日": only a weekday answers
_WEEKDAY_ASKED = re.compile(r"\bday\s+of\s+the\s+week\b|\bweekday\b|(?:무슨|몇|어느|어떤)\s*요일|何曜日|どの曜日", re.I)
_WEEKDAY_NAMES = tuple(w.capitalize() for w in WEEKDAYS)


def must_be_named(question: Question) -> list[str]:
    """The terms the sources must use to answer: the question's names ("the concert in Osaka"), or, asking yes
    or no, every word but a hedge ("Is there a statue...?": they cannot say yes without "statue")."""
    return [t for t in (question.terms if question.yes_no else question.entities) if t not in _HEDGES]


def never_named(question: Question, idf: Mapping[str, float]) -> tuple[str, ...]:
    """The question's words, as typed, whose terms must_be_named and the sources never use ("Osaka")."""
    missing = {t for t in must_be_named(question) if t not in idf}
    found = (w for w in _TOKEN.findall(question.text) if (t := terms(w)) and t[0] in missing)
    return tuple(dict.fromkeys(found))


def score_sentences(
    question: Question,
    query_vector: np.ndarray,
    passages: Sequence[Passage],
    sentences: Sequence[Sentence],
    sentence_vectors: np.ndarray,
    articles: Mapping[str, Article],
    idf: Mapping[str, float],
    unknown_idf: float = 1.0,
    titles: Titles = NO_TITLES,
    similarity: Callable[[float], float] | None = None,
    hints: Sequence[str] = (),
) -> list[ScoredSentence]:
    """Every sentence of the retrieved passages, scored as an answer, best first (one entry per sentence).

    `similarity` maps a sentence's cosine onto the scale the weights were set for (all-MiniLM-L6-v2's): another
    encoder's cosines can sit in a narrow band (multilingual-e5: 0.70-0.90), where the dense part would barely
    tell sentences apart. The passages' `dense` must be on that scale already."""
    scaled = similarity or (lambda x: x)
    seen: set[int] = set()
    out: list[ScoredSentence] = []
    covered = coverage_of(question.terms, idf, unknown_idf)
    pairs = set(zip(question.terms, question.terms[1:]))
    glosses = [h for h in dict.fromkeys(hints) if h in idf]
    hinted = coverage_of(glosses, idf)
    # "the concert in Osaka": no source mentions Osaka; "Is there a statue...?": none mentions a statue
    known = all(n in idf for n in must_be_named(question))
    # a follow-up asks about its own names and what it carries over ("and the one in Tokyo?" after
    # "When was the Seoul concert?": Tokyo and the concert): its passage must mention all of them
    # (a hyphenated term's parts are terms too: "korea-japan" is matched by "Korea–Japan" through them)
    wanted = {t for t in (*question.names, *question.carried) if "-" not in t} if question.follow_up else set()
    asked_days = days_in(question.text)  # "...on 8 November?": "8 Nov; ..."
    writer_asked = question.kind == "who" and asks_writer(question.text)
    # asked who wrote the article, only a byline answers where the passages show one: not "wrote six books, the best
    # known being..."; asked who wrote a report, only in an article with a byline ("The report, written by Professor
    # Jane Doe" answers in another)
    bylines = {sid for p in passages for sid in p.chunk.sentence_ids if is_byline(sentences, sid)} \
        if writer_asked else set()
    bylined = {sentences[sid].article_id for sid in bylines}
    anywhere = bool(bylined) and asks_any_writer(question.text)
    for rank, passage in enumerate(passages):
        names_ok = known and wanted <= term_set(passage.chunk.text)
        for sid in passage.chunk.sentence_ids:
            if sid in seen:
                continue
            seen.add(sid)
            s = sentences[sid]
            article = articles[s.article_id]
            in_bylined = anywhere or s.article_id in bylined
            byline = sid in bylines
            if (too_short(s.text) and not byline) or heads_rows(article.text, s.start):
                continue  # a table's header, a list's heading, an interview's question: read with each row (leads.py)
            dense = scaled(float(sentence_vectors[sid] @ query_vector))
            lead = lead_of(article.text, s.start)  # a table's header, a list's heading, an interview's question
            if lead and (above := line_above(sentences, sid, lead)) is not None:  # as close as the line read under
                dense = max(dense, scaled(float(sentence_vectors[above] @ query_vector)))
            own = term_set(s.text)
            if place := place_words(article.text, s.start):  # "Who came fifth?": "5. Elin Lund – 6 pts"
                own |= term_set(place)
            if asked_days and (shown := _days_shown(asked_days, s.text)):
                own |= term_set(shown)  # the day as the question writes it ("Nov" is "November", "8" is "8th")
            if byline:  # "Who wrote the article about the bridge?", "Who is the author of...?"
                own |= set(question.terms) & WRITER | term_set(article.title)
            cov = own_cov = covered(own)
            after_another = same_article(sentences, sid - 1, sid)
            if after_another:  # "They performed..." needs the sentence before for context
                cov += CONTEXT * (covered(own | term_set(sentences[sid - 1].text)) - cov)
            if lead:  # (what the lead adds to the sentence's own words)
                cov += LEAD * (covered(own | term_set(lead)) - own_cov)
            published = published_on(article.date)
            year = year_of(article.date)
            found = _nearest_phrase(s.text, question, year, titles, published) \
                if question.kind != "other" and byline == in_bylined else None
            if found is None and lead and (cell := table_cell(question, s.text, lead)) is not None:
                found = cell, 0.0  # "which boat reaches Pell at 10:15?": the row's "Boat" cell
            first, borrowed = sid, 1.0
            if found is None and after_another and (question.kind == "who" or (
                    question.kind in _TIME_KINDS and _POINTS_BACK.match(s.text))):
                # the speaker before a quote; the day of "On this occasion, Tokyo Tower was lit up". A who-answer
                # must stand near the question's words there: a poet named before an unrelated sentence is not it
                before_phrase = _nearest_phrase(sentences[sid - 1].text, question, year, titles, published)
                if before_phrase is not None and not (question.kind == "who" and before_phrase[1] == 0):
                    found, first, borrowed = before_phrase, sid - 1, BORROWED
            if found is not None and question.kind in NAMED_KINDS and question.names and not (
                    set(question.names) & (own | term_set(sentences[first].text))):
                found = None  # "What did Ishiba say?" is not answered by what Lee said
            phrase = at_endpoint(found[0], question.endpoint) if found else None
            typed = 0.0
            if found is not None:
                typed = borrowed * found[0].weight * _near(found[1])
            mixed = (1 - W_PASSAGE) * dense + W_PASSAGE * passage.dense
            score = W_DENSE * mixed + W_KEYWORD * cov + W_TYPE * typed + W_RANK / (1 + rank)
            if pairs:  # the question's words side by side in the sentence too: "to lift the embargo"
                score += W_PAIRS * len(pairs & _pairs(s.text)) / len(pairs)
            if hints:
                score += W_HINT * hinted(own)
            if question.identity and introduces(s.text, set(question.terms)):
                score += W_INTRODUCES
            if place and term_set(place) & set(question.terms):
                score += W_PLACE
            if question.kind != "other" and phrase is None:
                score *= UNTYPED  # asked for a date, a name...: a sentence without one is a weak answer
            # the support the confidence reads: the question's terms covered, and, for a Korean or Japanese
            # question, the glosses of its words that the sources use, which say less: alone, they count HINTED;
            # beside the terms (names, loanwords heard), as HINTED of a term
            support = cov if not glosses else HINTED * hinted(own) if not question.terms \
                else (cov + HINTED * hinted(own)) / (1 + HINTED)
            out.append(ScoredSentence(sid, rank, score, dense, support, phrase, question.kind != "other", first,
                                      names_ok=names_ok and not namesake_only(question.text, s.text)))
    return sorted(out, key=lambda x: -x.score)


def _days_shown(asked: Sequence[DateMention], sentence: str) -> str:
    """The days the question asks about that `sentence` names too, however either writes them: in the question's
    words and in the plain form ("Nov 8" and "8 November"; a Korean or Japanese question's words are glossed so)."""
    named = days_in(sentence)
    return " ".join(f"{day.text} {day.normalized}" for day in asked if any(same_day(day, other) for other in named))


_TIME_KINDS = {"when", "date", "year"}
# a sentence whose time is the one the sentence before gives
_POINTS_BACK = re.compile(r"^(?:(?:On|At|By|During|In|From)\s+)?(?:this|that|the same)\s+"
                          r"(?:occasion|day|date|time|night|evening|morning|afternoon|year|moment)\b|^Then\b", re.I)


def confidence(best: ScoredSentence, passages: Sequence[Passage]) -> float:
    """How well the sources support an answer; compared with the abstention threshold.

    A question that asks for a date, person, place or amount is poorly supported by a sentence
    that holds none: its confidence is scaled by NO_PHRASE."""
    top_dense = max((p.dense for p in passages), default=0.0)
    value = C_DENSE * max(best.dense, top_dense) + (1 - C_DENSE) * best.coverage
    value *= 1.0 if best.names_ok else NAMES_MISSING  # "the concert in Osaka" is not the one in Seoul
    return value * NO_PHRASE if best.wants_phrase and best.phrase is None else value


def idf_table(texts: Sequence[str]) -> dict[str, float]:
    """Smoothed inverse document frequency of each term over `texts`."""
    df: dict[str, int] = {}
    for text in texts:
        for t in set(terms(text)):
            df[t] = df.get(t, 0) + 1
    n = len(texts)
    return {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
