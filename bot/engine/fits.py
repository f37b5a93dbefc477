"""Whether a phrase may answer the question asked: not a phrase the question itself says, nor a measure of
another dimension, a sum asked how tall, a length asked how long something took, a share asked what something cost,
nor someone without the role asked for (bot/engine/answer.py finds the phrases; this judges each)."""

from __future__ import annotations

import re
from collections.abc import Container

from ..text.dates import years_in
from ..text.words import term_set, terms
from .acronyms import names_asked
from .aliases import other_names
from .counts import count_words, counted_whole, counts_right
from .people import Titles, is_the_other_party, lacks_role, role_reversed, titles_of
from .phrases import Candidate, is_measure, is_sum, wrong_place
from .question import Question, asks_money, asks_share, currency_asked
from .sums import currency_of, is_share


def may_answer(cand: Candidate, sentence: str, question: Question, titles: Titles, year: int | None) -> bool:
    """Not a phrase the question itself says ("Korea" for "Korea's ambassador"), nor a person it names
    ("Ishiba's adviser" is not Ishiba), nor someone without the role asked for ("the US ambassador" is not
    President Biden) or in the year asked for, holding it the other way round, or served by it ("the adviser
    to the prime minister")."""
    own = term_set(cand.text)
    asked = set(question.terms)
    if (own and own <= asked) or renames_asked(cand.text, question) or (cand.person and own & asked) \
            or names_asked(cand.text, question.text) or (question.kind == "who" and _mostly_asked(own, asked)):
        return False
    if question.kind == "where":
        return not wrong_place(question.text, cand) and not _ends_in_someone(cand.text, titles)
    if question.kind == "count":
        return counts_right(question.counted, cand.text) and not _counts_another(question, sentence, cand)
    if question.kind == "measure":  # "how big was the grant?" is a sum; "how tall is it?" is none
        return not other_dimension(question.text, sentence, cand) and (not is_sum(cand.text) or bool(
            _SIZE_ASKED.search(question.text)))
    if question.kind == "duration" and is_measure(cand.text):  # "4.2 miles long" says how long a thing is
        return bool(_LENGTH_ASKED.search(question.text)) and not _TOOK.search(question.text)
    if question.kind == "amount":
        return _amount_fits(question.text, cand.text)
    if question.kind != "who":
        return True
    if is_the_other_party(question.text, sentence, cand) or _HOME_TOWN.search(sentence[:cand.start]) or (
            question.verb in _DONE_BY_PEOPLE and _is_venue(cand, sentence)):
        return False
    held = titles_of(sentence, cand, titles)  # what this sentence and the other sources call them
    return not (lacks_role(question.role, cand, held) or role_reversed(question.envoy or question.text, held)
                or (question.role != "" and _another_year(question.text, sentence, year)))


# where someone named with their age lives, as news writes it: "Graham Pettifer, 54, of Lower Sandby", "a woman, aged
# 31, from Hatchford", "Pettifer (54), of", "The 54-year-old, from nearby": a place, no one who did anything (not
# "£2,500, from Anna Berg", "March 3, from", "minute 88, from")
_HOME_TOWN = re.compile(r"(?:,\s+(?:aged\s+)?\d{1,3}|\(\d{1,3}\)|\b\d{1,3}-year-old),\s+(?:of|from)\s+(?:nearby\s+)?$")
# what only people do ("Who wrote The Salt House?"), which a place where it happened does not: "Greyfriars Playhouse",
# "Victoria Station" (a name of two words at least), and "the Royal Albert Hall" (Hall, Park and Church are surnames
# too: after "the", or in a name of three words at least: "Peter Hall directed")
_DONE_BY_PEOPLE = frozenset("write direct compos paint sing coach score design play star lead found".split())
_VENUE = re.compile(r"\S\s+(?:Playhouse|Theatre|Theater|Stadium|Arena|Centre|Center|Museum|Library|Gallery|Airport|"
                    r"Hotel|Cathedral|Station|Square|Road)$")
_NAMED_VENUE = re.compile(r"\S\s+(?:Hall|Park|Church)$")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _is_venue(cand: Candidate, sentence: str) -> bool:
    """Whether a name is a place where things happen, not someone ("Greyfriars Playhouse", "the Royal Albert Hall")."""
    return bool(_VENUE.search(cand.text)) or (bool(_NAMED_VENUE.search(cand.text)) and (
        len(cand.text.split()) >= 3 or bool(_THE_BEFORE.search(sentence[:cand.start]))))


_DIMENSIONS = {"tall": "height", "high": "height", "height": "height", "long": "length", "length": "length",
               "wide": "width", "broad": "width", "width": "width", "deep": "depth", "depth": "depth"}
_HOW = re.compile(r"\bhow\s+(\w+)", re.I)
_SAID_OF = re.compile(r"\s*(?:(long|wide|broad|tall|high|deep)\b|in\s+(length|height|width|depth)\b)", re.I)


_SIZE_ASKED = re.compile(r"\bhow\s+(?:big|large)\b", re.I)
# how long a thing is ("How long is the bridge going to be?"), not how long something took or lasted ("How long did
# it take?", "How long will the closure last?"; "the last section" is no lasting)
_LENGTH_ASKED = re.compile(r"\bhow\s+long\s+(?:is|was|are|were|will)\b", re.I)
_TOOK = re.compile(r"\b(?:take|took|taken|takes|lasted|lasts|spent|waited|continued?)\b|"
                   r"\b(?:last|run|stay|wait|go\s+on|spend)\s*[?.!]*\s*$", re.I)
# what something cost, which a share does not say ("How much will it cost?" is not "60%"; "How much did prices
# rise?" is)
_COST_ASKED = re.compile(r"\b(?:cost|costs|pay|paid|spend|spent|worth|fund|funded|budget|charge|charged|fees?|earn|"
                         r"earned|make|made|money)\b", re.I)


def _amount_fits(question: str, phrase: str) -> bool:
    """A share answers by how much, not what something cost ("a 31% lower risk"; "What was the revenue?" is not
    "14%"); a sum of money not what percentage; an amount in another currency not one asked in yen."""
    if asks_share(question):
        return is_share(phrase)
    if is_share(phrase):
        return not _COST_ASKED.search(question) and not asks_money(question)
    wanted, given = currency_asked(question), currency_of(phrase)
    return not (wanted and given and wanted != given)


# a number joined to a unit is a measure, not a count: "an 11-kilometre stretch", "a 3.2% fall" ("How many fish?")
_JOINED_UNIT = re.compile(r"-([a-z]+)|\s?(%|per\s?cent\b|percent\b)", re.I)


def _counts_another(question: Question, sentence: str, cand: Candidate) -> bool:
    """Whether a count phrase counts something else than the question: a number joined to a unit ("11-kilometre"
    for "How many dead fish?"), or a count of another noun beside the one asked about ("two daughters, five
    grandchildren and a great-grandson" for "How many grandsons?"; "people" is any of them), or of the whole the
    question counts a part of ("2,914 participants" for "How many of the participants were women?")."""
    unit = _JOINED_UNIT.match(sentence, cand.end) if cand.text[-1:].isdigit() else None
    if unit is not None and (unit.group(2) or terms(unit.group(1))[:1] != [question.counted_noun]):
        return True
    last = cand.text.split()[-1] if cand.text.split() else ""
    whole = counted_whole(question.text)  # "2,914 participants" are not the women among them
    if whole and terms(last)[:1] == terms(whole)[:1] != [question.counted_noun]:
        return True
    noun = _noun_counted(cand, question)
    own = terms(noun)
    return bool(noun) and own[:1] != [question.counted_noun] and question.counted_noun in term_set(sentence) - set(own)


_ANY_PEOPLE = ("peopl", "person", "individu")  # the stems of a count of people of any kind


def _noun_counted(phrase: Candidate, question: Question) -> str:
    """The noun a count phrase counts, where it is a noun ("children"; not the "K" of "5,500 K") and the question
    counts a noun of its own that is not any people; else ""."""
    noun = phrase.text.split()[-1] if phrase.text.split() else ""
    if question.counted_noun in ("", *_ANY_PEOPLE) or not (noun.isalpha() and noun.islower() and len(noun) > 2):
        return ""
    return noun


def other_dimension(question: str, sentence: str, cand: Candidate) -> bool:
    """Whether a measure is of another dimension than the one asked: "How tall is the bridge?" is not answered by
    "240 metres long"."""
    how = _HOW.search(question)
    asked = _DIMENSIONS.get(how.group(1).lower()) if how else None
    said = _SAID_OF.match(sentence, cand.end)
    return asked is not None and said is not None and _DIMENSIONS[(said.group(1) or said.group(2)).lower()] != asked


def _mostly_asked(own: frozenset[str], asked: set[str]) -> bool:
    """Whether a name is mostly the question's own words (two of three at least): "Millbrook City Council" is what
    "Who is the leader of Millbrook council?" asks about, not its answer."""
    return len(own & asked) >= 2 and 3 * len(own & asked) >= 2 * len(own)


def renames_asked(phrase: str, question: Question) -> bool:
    """Whether a phrase is another name of a country or body the question names: "the United States" for "Who
    announced an embargo on the US?" (bot/engine/aliases.py); not a piece of one ("United")."""
    own = term_set(phrase)
    return bool(own) and own in other_names(frozenset(question.terms))


def _ends_in_someone(place: str, titles: Titles) -> bool:
    """Whether a place runs on into the name of someone the sources give a title: "Ambassador to Seoul Koichi
    Mizushima" names Seoul, not "Seoul Koichi Mizushima"."""
    parts = place.lower().split()
    return any(titles.get(" ".join(parts[-n:])) for n in (2, 3) if len(parts) > n)


def _another_year(question: str, sentence: str, year: int | None) -> bool:
    """Whether the question names a year that neither the sentence nor its article's date does: "the
    Korean president in 1965" is not the one a 2025 article calls president."""
    asked = years_in(question)
    return bool(asked) and not asked & (years_in(sentence) | {str(year)})


# nouns that count anything: "over 2.3 million units" are the copies sold
_ANY_COUNTED = frozenset("units items pieces copies times occasions cases instances examples".split())


def counts_elsewhere(question: Question, phrase: Candidate | None, sentence: str, used: Container[str]) -> bool:
    """Whether the answer counts another noun ("14 series") than the one asked ("How many languages has Tide and
    Timber been translated into?") where the sources use the noun asked (`used`: their terms) and its sentence does
    not: they count those elsewhere, of something else. A noun the sources never use may be the question's word for
    theirs ("riders" for "passengers"); people, persons and individuals are any people, "how many times" any count ("212
    occasions"), and units any thing ("2.3 million units" of copies)."""
    counted = question.counted_noun
    if phrase is None or question.kind != "count" or counted == "time":
        return False
    noun = _noun_counted(phrase, question)
    if not noun:
        return False
    own = terms(noun)[:1]
    # "84 routes" for "how many bus routes"; "eight General Education categories" for its classes
    if noun in _ANY_COUNTED or set(own) & set(count_words(question.text)) \
            or (term_set(phrase.text) - set(own)) & set(question.terms):
        return False
    return own != [counted] and counted in used and counted not in term_set(sentence)
