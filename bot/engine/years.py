"""A year or a number a question asks about that the answer's passage never gives: "What did France lose in 1795?"
answered from a passage about 1759 names another time than the one asked about, and "What took 182 days?" answered
by what took 128 is about another thing (bot/engine/name_pairs.py's unpaired_names is the same for names)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..index.store import IndexData
from ..models import Passage
from ..text.amounts import DIGITS, numbers_in, ordinals_in
from ..text.dates import MONTH, MONTHS, PERIOD, SEASON, YEAR, month_number, published_on, years_in
from ..text.words import STOPWORDS, UPPER
from .answer import ScoredSentence
from .snippets import span_text

# A year a question sets as its time or its thing's: "in 1795", "in early 1775", "in the 1995 declaration",
# "2019년에", "1995년의", "2019年に", "1995年の"; not a bare one that names a thing ("the 1965 folding screen",
# "1965년 조약"), nor a decade ("since the 1970's"). "in March 1974" is left out: on the 8 more training articles it
# gained one right abstention and lost two answers whose passage gives the month and not the year.
_ASKED_YEAR = {
    "en": re.compile(rf"\b(?:in|during|by|since|until|before|after|from|of|for)\s+(?:the\s+)?"
                     rf"(?:(?:{PERIOD}|middle|{SEASON})(?:\s+of)?[\s-]+)?{YEAR}\b",
                     re.I),
    "ko": re.compile(rf"{YEAR}\s?년\s?(?:도\s?)?(?:에|의)"),
    "ja": re.compile(rf"{YEAR}\s?年\s?(?:度\s?)?(?:に|の)"),
}


_COUNTED = re.compile(rf"\b(?i:for)\s+{YEAR}\s+[a-z]")  # "to pay for 1500 soldiers": a count, not a year
# "since the 1970's", "in the late 1950's" ("in 1970's election" is the year)
_DECADE = re.compile(rf"\b(?i:the)\s+(?:(?i:early|late|mid|middle)[\s-]+)?{YEAR}['’]s\b")


def asked_years(question: str, lang: str = "en") -> tuple[str, ...]:
    """The years the question sets as its time or its thing's ("in 1795", "2019년에"), in order."""
    counted: set[str] = set()
    if lang == "en":
        question = _DECADE.sub(" ", question)  # "in 1970 and since the 1970's": 1970 is still asked about
        counted = set(_COUNTED.findall(question))
    return tuple(dict.fromkeys(y for y in _ASKED_YEAR[lang].findall(question) if y not in counted))


# A month and year the question sets as its time ("In Sept 1706 who negotiated...?"): another time than the answer's
# where the answer's passage dates that month in another year ("In September 1760"), or dates that year only by other
# months and never names the month ("On October 19, 2005" for "in September 2005"); a passage that gives the month
# without its year may well be about it (see _ASKED_YEAR)
_IN_MONTH = re.compile(rf"\b(?i:in|during|by|since|until|before|after|from|of)\s+(?:(?i:early|late|mid)[\s-]+)?"
                       rf"(?i:({MONTH}))\s+{YEAR}\b")
_MONTH_YEAR = re.compile(rf"\b({MONTH})\s+(?:[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+)?{YEAR}\b")  # as the articles write it
# any month the passage names (as written: "Theresa May" counts as May too, which only makes the check more lenient)
_A_MONTH = re.compile(rf"\b({MONTH})\b")


def other_years(question: str, best: ScoredSentence, passages: Sequence[Passage], index: IndexData,
                lang: str = "en") -> tuple[str, ...]:
    """The years the question asks about that neither the best answer's passage nor its article's date or title
    names ("the financial crisis of 2007" in "Financial crisis of 2007–08"), the year of a month and year it asks
    about where the passage dates that month only in other years, and the month and year (named in full) where the
    passage dates that year only by other months and neither it nor the article's date names the month ("in
    September 2005" for "On October 19, 2005")."""
    asked = asked_years(question, lang)
    dated = [(month_number(m), y) for m, y in _IN_MONTH.findall(question)] if lang == "en" else []
    if not asked and not dated:
        return ()
    given = _given(best, passages, index, with_date=True)
    said = years_in(given)
    missing = [y for y in asked if y not in said]
    if dated:  # the months the passage dates, and names, read only for a month asked about
        pairs = {(month_number(m), y) for m, y in _MONTH_YEAR.findall(given)}
        months, years = {m for m, _ in pairs}, {y for _, y in pairs}
        named = {month_number(m) for m in _A_MONTH.findall(given)}
        published = published_on(index.articles[index.sentences[best.span[0]].article_id].date)
        # the article's ISO date ("2025-06-16"), which the patterns do not read, names its month of its year too
        dated_by_article = (published.month, str(published.year)) if published else None
        missing += [y for m, y in dated if y not in said and m in months]
        missing += [f"{MONTHS[m - 1].capitalize()} {y}" for m, y in dated
                    if y in said and m not in named and (m, y) != dated_by_article and y in years]
    return tuple(dict.fromkeys(missing))


# An answer's sentence that takes its time from the one before it ("By that year, ABC had...", "finished the season")
_BACK = re.compile(r"\b(?:(?:that|the same|the following|the next|this)\s+(?:year|season|month|decade|period|time)"
                   r"|the\s+season)\b", re.I)


def _given(best: ScoredSentence, passages: Sequence[Passage], index: IndexData, with_date: bool = False) -> str:
    """The text of the best answer's sentences and passage, with the sentence before them where they take their time
    from it ("By that year...": its years and numbers count), and the article's title (and date)."""
    passage = next((p for p in passages if best.sid in p.chunk.sentence_ids), None)
    first = best.span[0]
    article = index.articles[index.sentences[first].article_id]
    own = span_text(best, index.sentences)
    back = first > 0 and index.sentences[first - 1].article_id == article.id and _BACK.search(own)
    before = index.sentences[first - 1].text if back else ""
    return (f"{before} {own} {passage.chunk.text if passage else ''} {(article.date or '') if with_date else ''} "
            f"{article.title}")


# A number of two digits or more ("182 days", "2,500 extras", "8.81 metres"); not a year (asked_years has those), an
# ordinal ("the 17th century"), a decade ("the 80's"), one starting with 0 ("007"), part of a name ("COVID-19",
# "Apollo 11", "Super Bowl 50"), a day of a month, nor a year cut short after a year ("1755, 56, 57")
_NUMBER = re.compile(rf"(?<![\w.,])(?<![A-Za-z]-)(?!0){DIGITS}(?![\w]|[.,][0-9]|['’]s\b)")
# a number that names one of a kind ("type 2 diabetes", "phase 3", "Terminal 5"): "How many developed type 1
# diabetes?" is not answered by how many developed type 2
_LABEL = re.compile(r"\b((?i:type|phase|stage|level|grade|category|class|division|tier|round|season|episode|chapter|"
                    r"terminal|platform|gate)s?)[\s-]+((?:[0-9]{1,2}|[IVX]{1,4})(?:\s*(?:/|,|and|or)\s*(?:[0-9]{1,2}|"
                    r"[IVX]{1,4}))*)\b(?![.,]?[0-9])")
_YEAR_ONLY = re.compile(YEAR)
_YEAR_AT = re.compile(rf"\b{YEAR}\b")
_CUT = re.compile(r"\s*(?:,|and|or|-|–)\s*([0-9]{2,3})\b")
# a day of a month ("on June 16", "October 16th", "September 27-28", "16 June", "September 10, 2003"): the date rules
# judge those
_DAY = re.compile(rf"\b{MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:\s?[-–]\s?[0-9]{{1,2}}(?:st|nd|rd|th)?)?\b|"
                  rf"\b[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?![a-z])", re.I)  # "june 22" as typed
_NAME_WORD = re.compile(rf"([{UPPER}][\w’'-]*)\s+$")


def asked_numbers(question: str) -> tuple[str, ...]:
    """The numbers of two digits or more the question gives, not years, without their thousands commas."""
    question = _DAY.sub(" ", _without_cut_years(question))
    found = []
    for m in _NUMBER.finditer(question):
        name = _NAME_WORD.search(question[max(m.start() - 40, 0):m.start()])  # the word just before it
        if name and name.group(1).lower() not in STOPWORDS:  # "Apollo 11", not "In 35 days"
            continue
        found.append(m.group(0).replace(",", ""))
    return tuple(dict.fromkeys(n for n in found if len(n) >= 2 and not _YEAR_ONLY.fullmatch(n)))


# ordinals that are no count of the thing asked about: a millennium, a monarch's ("Henry the Eighth": the sources
# write "Henry VIII"), and the last word of a larger one ("one hundred and fifth")
_NOT_COUNTED = re.compile(r"\b\w+(?=[\s-]+millennium\b)|(?<=hundred\s)(?:and\s+)?\w+|(?<=thousand\s)(?:and\s+)?\w+",
                          re.I)
_MONARCH = re.compile(r"\b([A-Z][a-z]+)\s+the\s+[A-Z][a-z]+")  # "Henry the Eighth"; not "During the Fourth Crusade"


def asked_ordinals(counted: str) -> dict[int, str]:
    """The ordinals above third a question (as `_counting` leaves it) gives ("the thirty-fourth film", "his 8th
    appearance"), by their number, as written. "first", "second" and "third" are left out: on the 8 more training
    articles they also rank things the passage lists without numbering them ("What third type of plea...?")."""
    return {n: written for n, written in ordinals_in(counted).items() if n > 3}


def _counting(question: str) -> str:
    """The question without the days ("on October 16th"), monarchs and larger numbers whose ordinals count
    nothing."""
    question = _NOT_COUNTED.sub(" ", _DAY.sub(" ", question))
    return _MONARCH.sub(lambda m: m.group(0) if m.group(1).lower() in STOPWORDS else " ", question)


def _without_cut_years(text: str) -> str:
    """`text` without the years a year cuts short after it ("1755, 56, 57", "1837-847"): a number after a year
    that is larger than the year's same last digits; "In 1995, 35 people" keeps 35."""
    out, at = [], 0
    for m in _YEAR_AT.finditer(text):
        year, end = m.group(1), m.end()
        while (cut := _CUT.match(text, end)) and int(cut.group(1)) > int(year[-len(cut.group(1)):]):
            out.append(text[at:end] + " ")
            at = end = cut.end()
    return "".join(out) + text[at:]


def other_numbers(question: str, best: ScoredSentence, passages: Sequence[Passage],
                  index: IndexData) -> tuple[str, ...]:
    """The numbers the question gives that neither the best answer's passage nor its article's title writes ("What
    took 182 days?" where the passage says "Filming took 128 days"), and its ordinals where the passage writes none
    of them, as an ordinal or a number ("the thirty-fourth film" where the passage says "the twenty-fourth"; "the
    60th anniversary" is given by "the 60-year anniversary", and "the 18th century" by a year in it), and the labels
    of one of a kind it writes otherwise ("type 1 diabetes" where the passage says "type 2")."""
    asked = asked_numbers(question)
    counted = _counting(question)
    ordinals = asked_ordinals(counted)
    if not asked and not ordinals and not _LABEL.search(question) and not _COMPOUND.search(question):
        return ()
    given = _given(best, passages, index)
    said = numbers_in(given)
    given_ordinals = {*ordinals_in(given), *(int(n) for n in said if n.isdigit() and len(n) <= 9)}
    if any(re.search(rf"\b{re.escape(written)}[\s-]+centur(?:y|ies)\b", counted, re.I)
           for written in ordinals.values()):
        given_ordinals |= {int(y) // 100 + 1 for y in years_in(given)}  # "the 18th century" in "in 1759"
    others = () if given_ordinals & ordinals.keys() else tuple(ordinals.values())
    return tuple(n for n in asked if n not in said) + others + _other_labels(question, given)


def _other_labels(question: str, given: str) -> tuple[str, ...]:
    """The question's labels of one of a kind ("type 1") whose kind the passage labels only with other numbers
    ("type 2", "types 2 and 3"; "Phase III" is "phase 3"), and its numbers joined to a noun ("a one-bedroom flat")
    where the passage joins that noun only to others ("a two-bedroom flat") and does not write the number alone
    ("the man, 30, received a 10-year sentence" answers what "the 30-year-old" received); a kind it does not label
    ("the second round") says nothing."""
    written: dict[str, set[int]] = {}
    for m in _LABEL.finditer(given):
        written.setdefault(_kind_of(m), set()).update(_label_numbers(m))
    labels = tuple(m.group() for m in _LABEL.finditer(question)
                   if _kind_of(m) in written and not _label_numbers(m) & written[_kind_of(m)])
    sized: dict[str, set[int]] = {}
    for m in _COMPOUND.finditer(given):
        sized.setdefault(m.group(2).lower(), set()).add(_compound_number(m))
    alone = {int(a or b) for a, b in _NUMBER_ALONE.findall(given)}
    return tuple(dict.fromkeys(labels + tuple(
        m.group() for m in _COMPOUND.finditer(question)
        if m.group(2).lower() in sized and _compound_number(m) not in sized[m.group(2).lower()] | alone)))


# a number joined to its noun: "a one-bedroom flat", "the 19-year-old", "a five-year fixed rate"
_NUMBER_NAMES = "one two three four five six seven eight nine ten eleven twelve".split()
_COMPOUND = re.compile(rf"\b([0-9]{{1,3}}|{'|'.join(_NUMBER_NAMES)})-([a-z]{{3,}})\b", re.I)


_NUMBER_ALONE = re.compile(r"(?:,\s|\()(\d{1,3})(?=,|\))|\baged\s+(\d{1,3})\b")  # an age: "the man, 30,"


def _compound_number(m: re.Match[str]) -> int:
    return int(numbers_in(m.group(1)).pop())  # "one" or "1"


def _kind_of(m: re.Match[str]) -> str:
    return m.group(1).lower().rstrip("s")


def _label_numbers(m: re.Match[str]) -> set[int]:
    """The numbers a label gives: "2", "III", "1 and 2", "2/3"."""
    return {int(n) if n.isdigit() else _roman(n) for n in re.findall(r"[0-9]{1,2}|[IVX]{1,4}", m.group(2))}


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, c in enumerate(numeral):
        value = values[c]
        total += -value if i + 1 < len(numeral) and values[numeral[i + 1]] > value else value
    return total

