"""The reader's part of an answer: it reads the best retrieved passages and names the answer span, which becomes
the focused answer (shown first, bold in the cited sentence); its scores join the abstention decision."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from ..config import DEFAULT_READER, Settings
from ..index.store import IndexData
from ..models import Article, Passage, Sentence
from ..reader.model import Reading
from ..text.bylines import asks_writer
from ..text.dates import DateMention, days_in, find_dates, published_on, same_day, year_of
from ..text.words import STOPWORDS, UPPER, words
from .abstain import Decision, load_decision
from .acronyms import names_asked
from .answer import ScoredSentence, reader_phrase_fits
from .hours import another_time
from .leads import heads_rows, rows_headed
from .people import Titles
from .phrases import CURRENCY, ORGANISATIONS, Candidate, ends_in_hedge, other_place, people
from .question import Question, asks, asks_for_country, asks_share, asks_who_named
from .snippets import is_byline
from .sums import is_share

log = logging.getLogger(__name__)

FOCUS_MARGIN = 7.5  # the reader's span is the answer when it beats "no answer" by this much; below it, the rules'
# phrase in that sentence, or the whole sentence (docs/reader.md, "The margin sweep": on the tune data)
READ = 2  # passages the reader reads: those of the best-scored sentences (one batch; README, "Speed")
# Which passage's span wins: its margin, plus these shares of its span score and of the passage's cosine with the
# question (span scores alone do not compare across passages; chosen on the tune data: docs/reader.md, "The
# default, in full")
PICK_SCORE, PICK_DENSE = 0.5, 10.0
FIRST = 5.0  # and the passage of the rules' best sentence gets this much more: another passage must beat it by it
# (the lowest on a half-point grid that loses no seed tune answer nor a test's; 6 until stop 33: docs/reader.md)
# The margin at which the reader's span (and sentence) also replaces a date, name, place or amount the rules
# found: 12 is the lowest tried that leaves the seed tune figures as they were (docs/reader.md)
TYPED_MARGIN = 12.0
# The margin at which the reader, naming the rules' own phrase in their sentence, makes the answer stand however low
# the rules' confidence (stop 46: 10 moved no held-out training article's question and gained three news tune
# answers; 7.5 also answered two unanswerable seed questions)
AGREED_MARGIN = 10.0


# The reader's "no answer" refuses an answer the rules would give as a whole sentence (a question asking for no date,
# name, place or amount, nor yes or no) whose sentence holds at least half the question's words, when no span it reads
# beats "no answer" by VETO_MARGIN. With fewer of the question's words it is not trusted: a reader trained on SQuAD,
# whose questions reuse the passage's words, reads paraphrases ("Which school's pupils sang...?" for "a student
# choir... performed") as unanswerable (docs/reader.md, "The reader's no answer, where the question's words are")
VETO_MARGIN, VETO_COVERAGE = -5.0, 0.5


def reader_refuses(q: Question, found: Found, judged: ScoredSentence) -> bool:
    """Whether the reader's "no answer" refuses the answer (see VETO_MARGIN)."""
    return (q.kind == "other" and not q.yes_no and asks(q.text) and judged.phrase is None
            and judged.coverage >= VETO_COVERAGE and found.margin < VETO_MARGIN)


# a span that names nothing (no capital) and gives a size: a number and its unit ("a 358-acre", "25 miles"); not "the
# 86th floor" or "gate 5". (phrases._MEASURE, the units a measure asked for is read in, lacks acres: with them, "How far
# from the state house is Harvard Yard?" answered "209-acre", and the held-out train articles lost 2 answers)
_UNITS = r"acres?|hectares?|ha|miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|feet|foot|ft|yards?|square|sq|per\s?cent|%"
_MEASURE_ONLY = re.compile(rf"[^{UPPER}\d]*\d[\d,.]*(?:\s|-)?(?:{_UNITS})(?!\w)[^{UPPER}]*")


# a number alone answers a question asking for one ("What was the score?"), not one asking what or why ("What did he
# die of?" is not "87", from "died aged 87")
_BARE_NUMBER = re.compile(r"[\d.,]+")
_NUMBER_ASKED = re.compile(r"\b(?:number|figure|age|aged|score|rate|total|size|population|percentage|percent|"
                           r"proportion|ratio|much|many|count|temperature|speed|value|year|rank|ranking|attendance|"
                           r"turnout|capacity|height|length|distance|weight|margin|time|price|cost|tally|result|"
                           r"crowd|salary|budget|fine|revenue|amount|sum|record|odds|majority|lead)\b", re.I)


def margins(question: str, found: Found, kind: str = "other", yes_no: bool = False) -> tuple[float, float]:
    """The margins at which the reader's span is the answer, and at which it replaces a date, name, place or amount
    the rules found: never where it is the acronym the question spells out, or spells out the question's ("What was
    the PLDA formerly known as?": not "Professional Lighting Designers Association"), nor, asked where, another city
    or country than the question names ("Where in Tokyo...?" is not "Seoul"), nor a size ("a 358-acre"), nor, asked
    who someone is, a name alone: "Who is Keizo Obuchi?" is not "Kim Dae-jung", named beside him; nor asked yes or
    no ("Does the study prove it?" is answered by its sentence, "... it cannot prove ...", not "walking itself"); nor
    a number alone where none is asked for ("What did he die of?" is not "87")."""
    text = found.phrase.text
    if yes_no or names_asked(text, question) or (kind == "where" and (
            other_place(question, found.phrase) or _MEASURE_ONLY.fullmatch(text))) \
            or (asks_who_named(question) and any(c.text == text.strip() for c in people(text))) \
            or (kind == "other" and _BARE_NUMBER.fullmatch(text.strip()) and not _NUMBER_ASKED.search(question)):
        return math.inf, math.inf
    # the rules' places ("to the Middle East") answer a country asked for as a thing no better than the reader, and
    # their nearest share one asked for as a percentage ("account for 30% ... and nearly 50% of...")
    alike = asks_for_country(question) or (asks_share(question) and is_share(text))
    return FOCUS_MARGIN, FOCUS_MARGIN if alike else TYPED_MARGIN


class Reads(Protocol):
    def read(self, question: str, passages: Sequence[str]) -> list[Reading]: ...


@dataclass(frozen=True)
class Found:
    """The reader's answer: the sentence it is in, the span inside that sentence, and the reader's scores."""

    sid: int
    phrase: Candidate  # offsets relative to the sentence's start
    score: float  # start + end logit of the span
    margin: float  # score minus the "no answer" score of its passage's windows
    passage_rank: int  # rank among the passages read (0: the passage of the best-scored sentence)
    dense: float = 0.0  # its passage's cosine similarity to the question

    @property
    def rank_key(self) -> float:
        """How the reader's spans in several passages are compared."""
        first = FIRST if self.passage_rank == 0 else 0.0
        return self.margin + PICK_SCORE * self.score + PICK_DENSE * self.dense + first


def passages_to_read(ranked: Sequence[ScoredSentence], passages: Sequence[Passage], count: int = READ) -> list[Passage]:
    """The passages holding the best-scored sentences, best first, `count` at most."""
    by_sentence = {sid: p for p in passages for sid in p.chunk.sentence_ids}
    chosen: dict[str, Passage] = {}
    for item in ranked:
        passage = by_sentence[item.sid]
        chosen.setdefault(passage.chunk.id, passage)
        if len(chosen) >= count:
            break
    return list(chosen.values())


def read(reader: Reads, question: str, ranked: Sequence[ScoredSentence], passages: Sequence[Passage],
         sentences: Sequence[Sentence], articles: dict[str, Article], count: int = READ) -> Found | None:
    """The best span (by `Found.rank_key`) the reader finds in the passages of the best-scored sentences; None
    if it finds none."""
    chosen = passages_to_read(ranked, passages, count)
    if not chosen:
        return None
    views = [rows_headed(articles[p.chunk.article_id].text, p.chunk.start, rows_ended(p.chunk.text)) for p in chosen]
    readings = reader.read(question, [view for view, _ in views])
    days = days_in(question)
    writer_asked = asks_writer(question)
    best: Found | None = None
    for rank, (passage, reading, (_, origin)) in enumerate(zip(chosen, readings, views, strict=True)):
        span = reading.span
        if span is None:
            continue
        inside = [origin[i] for i in range(span.start, span.end) if origin[i] >= 0]
        if not inside:  # only a header's words put in
            continue
        start, end = passage.chunk.start + inside[0], passage.chunk.start + inside[-1] + 1
        sid = _holding_most(passage.chunk.sentence_ids, sentences, start, end)
        if sid is None:
            continue
        s = sentences[sid]
        start, end = max(start, s.start), min(end, s.end)
        text = s.text[start - s.start:end - s.start].strip()
        article = articles[s.article_id]
        if not text or (days and another_day(days, s.text)) or another_time(question, s.text) \
                or heads_rows(article.text, s.start):
            continue  # another day's or hour's row; a table's header, whose cells are labels
        if not writer_asked and is_byline(sentences, sid):
            continue  # a byline says who wrote the article, and answers nothing else ("Who is Ashford's manager?")
        phrase = _phrase(s.text, start - s.start, end - s.start, article)
        found = Found(sid, phrase, span.score, reading.margin, rank, passage.dense)
        if best is None or found.rank_key > best.rank_key:
            best = found
    return best


def _holding_most(ids: Sequence[int], sentences: Sequence[Sentence], start: int, end: int) -> int | None:
    """The sentence holding most of the span start..end: a span run over two of a programme's rows ("Food market in
    Harbour Square / 22 November Closing concert by the Youth Orchestra", asked which orchestra plays) is the row
    most of it stands in. The first such sentence on a tie; None when the span is in none."""
    best, most = None, 0
    for i in ids:
        inside = min(end, sentences[i].end) - max(start, sentences[i].start)
        if inside > most:
            best, most = i, inside
    return best


def another_day(asked: Sequence[DateMention], sentence: str) -> bool:
    """Whether `sentence` names a day, none of them one the question asks about: "What is on 1 November?" is not
    answered by the row "8 November Lantern parade"."""
    named = days_in(sentence)
    return bool(named) and not any(same_day(day, other) for day in asked for other in named)


# a line that ends without a stop: a table's row, a programme's entry, a heading
_OPEN_LINE_END = re.compile(r"(?<=[^\s.!?:;,…。！？])[ \t]*\n")


def rows_ended(text: str) -> str:
    """`text` as the reader is given it: each line that ends without a stop ends with one, in place of its line
    break, so the offsets stay the text's. The reader's words drop line breaks, and a programme's rows run on
    ("... Lantern parade along the river 15 November Food market ...") read as one sentence, the next row's date
    the last row's."""
    return _OPEN_LINE_END.sub(lambda m: " " * (len(m.group()) - 1) + ".", text)


def named_by_reader(q: Question, judged: ScoredSentence, found: Found, ranked: Sequence[ScoredSentence],
                    index: IndexData, titles: Titles) -> bool:
    """Whether the reader named the date, person, place or amount asked for that the rules' best sentence lacks
    (`judged`, whose confidence is halved for it): its span, in that sentence, is the answer and passes the
    rules' checks of that kind (answer.reader_phrase_fits)."""
    if not judged.wants_phrase or judged.phrase is not None or found.margin < FOCUS_MARGIN:
        return False
    if judged.sid != found.sid or ranked[0].sid != found.sid or ranked[0].phrase != found.phrase:
        return False  # the reader's span is elsewhere, or the rules' phrase stood
    sentence = index.sentences[found.sid]
    date = index.articles[sentence.article_id].date
    return reader_phrase_fits(found.phrase, sentence.text, q, titles, year_of(date), published_on(date))


def _phrase(sentence: str, start: int, end: int, article: Article) -> Candidate:
    """The span as an answer phrase; a date is written out in full with its year ("December 5th" ->
    "5 December 2025"), as the hand-written date rules do."""
    while start < end and sentence[start].isspace():
        start += 1
    while end > start and (sentence[end - 1].isspace() or sentence[end - 1] in ",;:"):
        end -= 1
    start, end = _whole_words(sentence, start, end)
    start, end = _whole_range(sentence, start, end)
    end = _to_closing_quote(sentence, start, end)
    end = _to_body_end(sentence, start, end)
    text = sentence[start:end]
    for d in find_dates(sentence, year_of(article.date), published_on(article.date)):
        inside = d.start <= start and end <= d.end
        if inside or (start <= d.start and d.end <= end and d.end - d.start >= 0.6 * (end - start)):
            return Candidate(start, end, text, d.normalized)
    return Candidate(start, end, text, text)


def _whole_words(sentence: str, start: int, end: int) -> tuple[int, int]:
    """A span that starts or stops inside a word takes the whole word: the reader's word pieces split "US$1.25" and
    "lender-of-last-resort" ("$1.25", "lender-of-last"). A word joined by a hyphen to one outside the span stays out
    ("24" of "24-hour", "UK" of "UK-based"), unless the span's own last word is such a compound, cut short."""
    def joined(i: int) -> bool:  # a hyphen inside a word
        return sentence[i] == "-" and 0 < i < len(sentence) - 1 and sentence[i - 1].isalnum() \
            and sentence[i + 1].isalnum()

    if start > 0 and sentence[start - 1].isalnum():
        while start > 0 and (sentence[start - 1].isalnum() or sentence[start - 1] in CURRENCY):
            start -= 1
    compound = "-" in (sentence[start:end].split() or [""])[-1]
    if 0 < end < len(sentence) and ((sentence[end].isalnum() and sentence[end - 1].isalnum())
                                    or (compound and joined(end))):
        while end < len(sentence) and (sentence[end].isalnum() or (compound and joined(end))):
            end += 1
    return start, end


# a number (an amount, a share) a range opens with, and the range's other end: "between 10% and 18%" (not "from $50 to
# $147": that is often a change, not a range)
_AMOUNT_LIKE = rf"[{CURRENCY}]?\d(?:[\d,.]*\d)?%?(?:\s+(?:million|billion|trillion|percent))?"
_OPENS_RANGE = re.compile(r"\bbetween\s+$", re.I)
_RANGE_END = re.compile(rf"\s+and\s+{_AMOUNT_LIKE}")


def _whole_range(sentence: str, start: int, end: int) -> tuple[int, int]:
    """A number that opens a range ("between 10% and 18%") is the whole range: the reader often reads its first
    end alone. (Not a year: the dates' own rules read "between 1990 and 1995".)"""
    text = sentence[start:end]
    opens = _OPENS_RANGE.search(sentence, max(0, start - 10), start)
    if opens is None or not re.fullmatch(_AMOUNT_LIKE, text) or re.fullmatch(r"\d{4}", text):
        return start, end
    m = _RANGE_END.match(sentence, end)
    return (opens.start(), m.end()) if m else (start, end)


# the rest of a body's name after a span's last capitalised word: " Aluminum Company" after "Tajik"
_BODY_REST = re.compile(rf"(?:\s+[{UPPER}][\w'’-]*){{0,3}}\s+(?:{ORGANISATIONS})\b")


def _to_body_end(sentence: str, start: int, end: int) -> int:
    """A span that stops inside a body's name ends where the name does: "the state-owned Tajik Aluminum Company"
    is named whole when the reader stops after "Tajik"."""
    words = sentence[start:end].split()
    if not words or not words[-1][:1].isupper():
        return end
    rest = _BODY_REST.match(sentence, end)
    return rest.end() if rest else end


QUOTES = {"‘": "’", "“": "”", '"': '"', "'": "'", "«": "»", "「": "」"}
QUOTED_REACH = 40  # characters past the span a quoted name may go on


def _to_closing_quote(sentence: str, start: int, end: int) -> int:
    """A span that opens a quoted name ends where the quotation does: ‘New Joseon Tongsinsa Cycling Expedition’
    is named whole even when the reader stops early."""
    closing = QUOTES.get(sentence[start - 1]) if start > 0 else None
    if closing is None or closing in sentence[start:end]:
        return end
    at = sentence.find(closing, end, end + QUOTED_REACH)
    return at if at >= 0 and sentence[start - 1] not in sentence[end:at] else end


def place(ranked: list[ScoredSentence], found: Found, margin: float = FOCUS_MARGIN,
          typed_margin: float = TYPED_MARGIN) -> list[ScoredSentence]:
    """The ranking with the reader's sentence first. Its answer phrase is the reader's span when the span beats
    "no answer" by `margin`; otherwise the date, name, place or amount the rules found in it, or none: the whole
    sentence is the answer. When the rules' best sentence has such a phrase, it stands, with its sentence,
    unless the span beats "no answer" by `typed_margin` and is not that phrase short of the word that hedges its
    number ("3,000" of "Over 3,000 people": the sources' claim is "over")."""
    rules = ranked[0].phrase
    hedged = rules is not None and ranked[0].span[0] == found.sid and rules.start <= found.phrase.start \
        and found.phrase.end <= rules.end and ends_in_hedge(rules.text[:found.phrase.start - rules.start])
    if rules is not None and (found.margin < typed_margin or hedged):
        return ranked
    own = next((r for r in ranked if r.sid == found.sid), None)
    rest = [r for r in ranked if r.sid != found.sid]
    if own is None:  # a sentence too short for the rules to score ("Rollo." is an answer to the reader)
        top = ranked[0]
        own = ScoredSentence(found.sid, top.passage_rank, top.score, top.dense, top.coverage, None, top.wants_phrase,
                             names_ok=top.names_ok)
    if found.margin >= margin:
        own = replace(own, phrase=found.phrase, first=-1, last=-1)
    return [own, *rest]


def open_multilingual_reader(settings: Settings) -> Reads | None:
    """The reader of Korean and Japanese questions set by QABOT_READER_MULTILINGUAL, or None (off)."""
    path = settings.reader_multilingual
    if path is None:
        return None
    from ..reader.model import Reader

    return Reader(path)  # or a ReaderError, a ModelError


def open_reader(settings: Settings) -> tuple[Reads | None, Decision | None]:
    """The configured reader and its calibrated abstention decision; (None, None) with QABOT_READER=off.
    The bundled reader missing (a copy without models/) only costs answer quality: it is logged, not raised;
    a reader asked for by path that does not load is an error that says what to set."""
    if settings.reader is None:
        return None, None
    from ..reader.model import Reader, ReaderError

    try:
        reader = Reader(settings.reader)
    except ReaderError:
        if settings.reader == DEFAULT_READER and not settings.reader.exists():
            log.warning("No reader at %s: answering with the hand-written rules alone.", settings.reader)
            return None, None
        raise  # a ModelError that says what to set
    return reader, load_decision(settings.reader)


def agreed(found: Found | None, best: ScoredSentence) -> bool:
    """Whether the reader names the phrase the rules do, in their sentence, by AGREED_MARGIN or more: then the answer
    to an English question stands, however few of the question's words its sentence holds ("Which actress plays
    Ruth?": "Miriam Oduwole as Ruth, the eldest, ...")."""
    if found is None or best.phrase is None or found.margin < AGREED_MARGIN:
        return False
    first, last = best.span
    mine, theirs = _said(found.phrase.text), _said(best.phrase.text)
    # one inside the other, and at least half of it ("Oduwole" in "Miriam Oduwole", "2.3 million" in "2.3 million
    # units"; not "Ruth" in "Miriam Oduwole as Ruth", either way); words, not letters ("on" is not in "London"), and
    # not stopwords ("the" is not "the Globe")
    return first <= found.sid <= last and bool(mine) and bool(theirs) and (
        (_inside(mine, theirs) and 2 * len(mine) >= len(theirs))
        or (_inside(theirs, mine) and 2 * len(theirs) >= len(mine)))


def _said(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS]


def _inside(part: Sequence[str], whole: Sequence[str]) -> bool:
    """Whether `part` runs, word for word, somewhere in `whole`."""
    return any(list(whole[i:i + len(part)]) == list(part) for i in range(len(whole) - len(part) + 1))
