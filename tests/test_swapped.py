"""A question that swaps a name or a year names something the sources do not speak of: two of their names
they never join ("Queen George's War" where they say "King George's War"), or a year the answer's passage and
article never give ("in 2019" about a 2025 ceremony), or a number they never write ("What took 35 long years?" where
they say 20)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from bot.engine.answer import ScoredSentence
from bot.engine.engine import Engine
from bot.engine.name_pairs import name_pairs_of, unpaired_names
from bot.engine.years import asked_numbers, asked_years, other_numbers, other_years
from bot.models import Article, Chunk, Passage, Sentence
from bot.text.amounts import ordinals_in

SOURCES = name_pairs_of([
    "King George's War and Queen Anne's War were fought in North America.",
    "Prime Minister Shigeru Ishiba met President Lee Jae-myung.",
    "The Department of Energy was created. The Seven Years' War ended in 1763.",
    "After that, British North American colonies grew. Iran and Pakistan signed it. Nobel laureates spoke.",
    "Scholars include Shakespeare scholar Stephen Greenblatt. The Harvard–Yale Regatta is a Regatta of Six Nations.",
    "It took six years. The crown passed to George, Queen Anne's heir.",
    "Mark Kermode wrote in The Guardian. Some of the CEO's words. Disney paid. George Carlin joked.",
    "It serves Grand Rapids, Michigan (WZZM) and Tampa, Florida. Michigan voted. He left for western Europe.",
    "The Western Union paid. Europe and Tampa grew.",
])


@pytest.mark.parametrize(("question", "unpaired"), [
    ("When was Queen George's war?", ("Queen George",)),
    ("What did President Ishiba say?", ()),  # a title before a name is left out
    ("When was King George's War?", ()),
    ("Who is Prime Minister Ishiba?", ()),  # one name in the sources, with "Shigeru" between
    ("When was the Energy Department created?", ()),  # "Department of Energy"
    ("How long did the Seven Years War last?", ()),  # "Years'" and "Years" are one word
    ("After Braddock died, who controlled North American British forces?", ()),  # the first word, the order
    ("How many Nobel Laureates spoke?", ()),  # "laureates" is never a name in the sources
    ("What separates Iran and Pakistan?", ()),
    ("Did Queen Lee meet him?", ("Queen Lee",)),
    ("WHEN WAS QUEEN GEORGE'S WAR?", ()),  # capitals everywhere mark no names
    ("Which Shakespeare Scholar teaches there?", ()),  # "Shakespeare scholar": side by side in the sources
    ("Where is the Harvard - Yale Regatta held?", ()),  # "Harvard–Yale Regatta"
    ("When did the Six Years War end?", ("Six Years",)),  # "six years" side by side, but not after a capital
    ("When did George Queen rule?", ("George Queen",)),  # "George, Queen Anne's heir": a comma between them
    ("Who rowed in the Regatta for Pakistan?", ()),  # "for" joins no name
    ("What did Mark Kermode of the Guardian write?", ()),  # "of the": a person and a paper, two names
    ("Who was the CEO of Disney?", ()),  # a title
    ("What did Some of George Carlin's jokes say?", ()),  # "Some": a sentence's first word, no name
    ("Which stations serve Grand Rapids Michigan?", ()),  # "Grand Rapids, Michigan": a place and its region
    ("When did he leave for Western Europe?", ()),  # "western Europe"
    ("When did Michigan Tampa vote?", ("Michigan Tampa",)),
])
def test_two_names_the_sources_never_join(question: str, unpaired: tuple[str, ...]) -> None:
    assert unpaired_names(question, SOURCES) == unpaired


@pytest.mark.model
def test_a_swapped_name_is_not_answered(real_engine: Engine) -> None:
    # the articles name Koichi Mizushima and Kim Hong-kyun, never "Koichi Kim"
    got = real_engine.answer("When did Koichi Kim speak at the lighting ceremony?")
    assert got.abstained and "Koichi Kim" in got.unknown


@pytest.mark.model
@pytest.mark.parametrize(("question", "missing"), [
    ("Who spoke at the lighting ceremony in 2019?", "2019"),  # the articles are about 2025
    ("Who spoke at the lighting ceremony in 2025?", ""),
    ("When was the 1965 folding screen shown?", ""),  # a year that names the screen, not the time asked about
    ("Which prime minister expressed deep remorse in the 1995 joint declaration?", "1995"),  # it was 1998's
])
def test_a_year_asked_about_must_be_the_answers(real_engine: Engine, question: str, missing: str) -> None:
    got = real_engine.answer(question)
    assert got.abstained is bool(missing)
    if missing:
        assert missing in got.unknown


@pytest.mark.model
@pytest.mark.parametrize(("question", "answered"), [
    ("2019년에 열린 서울 콘서트는 언제였나요?", False),  # "in 2019", the Korean way
    ("2019年に開かれたソウルのコンサートはいつ？", False),
    ("1998년에 김대중 대통령과 공동선언을 발표한 일본 총리는 누구야?", True),  # the passage gives 1998
    ("2019년의 서울 콘서트는 언제였나요?", False),  # "the concert of 2019"
    ("2019年のソウルのコンサートはいつ？", False),
])
def test_a_year_asked_about_in_korean_or_japanese(real_engine: Engine, question: str, answered: bool) -> None:
    got = real_engine.answer(question)
    assert got.abstained is not answered
    if not answered:
        assert "2019" in got.unknown


def test_a_year_the_title_names_is_given() -> None:
    text = "Excessive credit growth made the crisis worse."
    sentence = Sentence("a", 0, len(text), text)
    index: Any = SimpleNamespace(sentences=[sentence],
                                 articles={"a": Article("a", "Financial crisis of 2007–08", text)})
    passages = [Passage(Chunk("c", "a", 0, len(text), text, (0,)), 1.0)]
    best = ScoredSentence(0, 0, 1.0, 0.5, 0.5, None)
    assert other_years("What made the financial crisis of 2007 worse?", best, passages, index) == ()
    assert other_years("What made the financial crisis of 1929 worse?", best, passages, index) == ("1929",)


def _missing(texts: list[str], title: str, check: Callable[..., tuple[str, ...]] = other_years,
             date: str | None = None) -> Callable[[str, int], tuple[str, ...]]:
    """other_years (or `check`) over one article of `texts`, answered by the sentence of the number given, its passage
    alone."""
    sentences, at = [], 0
    for text in texts:
        sentences.append(Sentence("a", at, at + len(text), text))
        at += len(text) + 1
    index: Any = SimpleNamespace(sentences=sentences, articles={"a": Article("a", title, " ".join(texts), date)})

    def missing(question: str, answer: int) -> tuple[str, ...]:
        s = sentences[answer]
        passages = [Passage(Chunk("c", "a", s.start, s.end, s.text, (answer,)), 1.0)]
        return check(question, ScoredSentence(answer, 0, 1.0, 0.5, 0.5, None), passages, index)

    return missing


def test_a_year_the_sentence_before_sets_is_given_where_the_answer_takes_its_time_from_it() -> None:
    missing = _missing(["In 1984, ABC bought ESPN.", "That year, ABC merged ARTS with The Entertainment Channel.",
                              "In 1985, it bought WLS.", "It also sold KGO."], "ABC")
    assert missing("In 1984, what was ARTS merged with?", 1) == ()  # "That year" is 1984
    assert missing("In 1983, what was ARTS merged with?", 1) == ("1983",)
    assert missing("In 1985, what did ABC sell?", 3) == ("1985",)  # "It also sold": no time taken from before
    assert missing("In 1990, what did ABC buy?", 0) == ("1990",)  # the first sentence has none before it


def test_a_month_and_year_asked_about_is_another_time_where_the_passage_dates_that_month_otherwise() -> None:
    missing = _missing(["In September 1760, Vaudreuil negotiated a capitulation.", "In March, the army marched."],
                             "War")
    assert missing("In Sept 1706 who negotiated a capitulation?", 0) == ("1706",)  # the passage's September is 1760
    assert missing("In September 1760 who negotiated a capitulation?", 0) == ()
    assert missing("In March 1761 where did the army march?", 1) == ()  # a March of no year: maybe 1761's


def test_a_month_and_year_asked_about_is_another_time_where_the_passage_dates_that_year_by_other_months_only() -> None:
    missing = _missing(["On October 19, 2005, ABC announced the restructuring.", "In 2005, ABC sold WLS.",
                              "In March, ABC bought ESPN. On May 2, 2005, it bought KGO."], "ABC")
    assert missing("What was announced in September 2005?", 0) == ("September 2005",)  # the passage's 2005 is October
    assert missing("What was announced in October 2005?", 0) == ()
    assert missing("What was sold in September 2005?", 1) == ()  # 2005 with no month: maybe September's
    assert missing("What was bought in March 2005?", 2) == ()  # a March of no year: maybe 2005's
    assert missing("what was announced in september 2005?", 0) == ("September 2005",)  # named in full
    # the article's date names its month: a news article of 16 June 2025 may speak of June without writing it
    dated = _missing(["In July 2025, Lee will visit Tokyo.", "Lee announced the visit."], "Visit", date="2025-06-16")
    assert dated("What did Lee plan in June 2025?", 0) == ()
    assert dated("What did Lee plan in May 2025?", 0) == ("May 2025",)
    assert dated("What did Lee plan in June 2024?", 0) == ()  # 2024 is no year the passage dates otherwise
    dated_2024 = _missing(["In July 2025, Lee will visit Tokyo."], "Visit", date="2024-06-16")
    assert dated_2024("What did Lee plan in June 2025?", 0) == ("June 2025",)  # the article's June is 2024's


def test_a_decade_is_no_year_asked_about() -> None:
    assert asked_years("What policy has the US emphasized from the 1970's onward?") == ()
    assert asked_years("Who won in 1970's election?") == ("1970",)  # the year's election
    assert asked_years("What happened in 1970?") == ("1970",)
    assert asked_years("What happened in 1970 and since the 1970's?") == ("1970",)
    # a part of the year: "in early 1775", "in the summer of 1755", "in mid-1990"
    assert asked_years("What troops attacked Fort William Henry in early 1775?") == ("1775",)
    assert asked_years("Who marched in the summer of 1755?") == ("1755",)
    assert asked_years("What was formed in mid-1990?") == ("1990",)
    assert asked_years("What did Japan lift in March 1974?") == ()  # a month's year is left out
    assert asked_years("What did Paul Baran develop in the late 1950's?") == ()  # a decade, early or late


@pytest.mark.parametrize(("question", "numbers"), [
    ("What took 182 days?", ("182",)), ("The scene required about 2,500 extras?", ("2500",)),
    ("What has a magnitude of about 8.81 meters per second squared?", ("8.81",)),
    ("The film fell by 85% in its second weekend where?", ("85",)),
    # years, days of a month, years cut short, ordinals, small numbers and "007" are not read as numbers
    ("What happened in 1979?", ()), ("Who spoke on June 16?", ()), ("What was agreed on 5 December 2025?", ()),
    ("Why did British operations fail in 1755, 56, 57?", ()), ("Who lived from 1837-847?", ()),
    ("Who fought in the 17th century?", ()), ("What are the 3 sources of law?", ()), ("What 007 film came next?", ()),
    # part of a name, a decade, a day range; a number after a year that cannot cut it short is still asked
    ("What was COVID-19?", ()), ("What did the B-52 carry?", ()), ("What did Apollo 11 find?", ()),
    ("Who won Super Bowl 50?", ()), ("What was popular in the late 80's?", ()), ("What opened September 27-28?", ()),
    ("In 1995, 35 people died where?", ("35",)), ("In 35 days what was built?", ("35",)),
    ("Besides 1,3 and 7, which is prime?", ()),  # "1,3" is no thousand and three
    ("who spoke on june 16 in seoul?", ()),  # a month typed in lower case is still a month
    ("Aa 11 " * 3000, ()),  # a hostile question: the word before each number is looked for near it, not from the start
])
def test_the_numbers_a_question_gives(question: str, numbers: tuple[str, ...]) -> None:
    assert asked_numbers(question) == numbers


def test_a_number_the_passage_writes_in_words_is_given() -> None:
    text = "The Institute lists over eighty societies devoted to the composer, and two hundred recitals."
    sentence = Sentence("a", 0, len(text), text)
    index: Any = SimpleNamespace(sentences=[sentence], articles={"a": Article("a", "Chopin", text)})
    passages = [Passage(Chunk("c", "a", 0, len(text), text, (0,)), 1.0)]
    best = ScoredSentence(0, 0, 1.0, 0.5, 0.5, None)
    assert other_numbers("Who lists over 80 societies devoted to Chopin?", best, passages, index) == ()
    assert other_numbers("Who lists 200 recitals?", best, passages, index) == ()
    assert other_numbers("Who lists over 90 societies devoted to Chopin?", best, passages, index) == ("90",)


@pytest.mark.model
@pytest.mark.parametrize(("question", "missing"), [
    ("What took 20 long years for Japan and South Korea?", ""),
    ("What took 35 long years for Japan and South Korea?", "35"),  # the article says 20
    ("What did Japan provide $500 million in, in exchange for the treaty?", "500"),  # it was $800 million
])
def test_a_number_asked_about_must_be_the_answers(real_engine: Engine, question: str, missing: str) -> None:
    got = real_engine.answer(question)
    assert got.abstained is bool(missing)
    if missing:
        assert missing in got.unknown


def test_an_ordinal_asked_about_that_the_passage_never_writes_is_another_thing() -> None:
    missing = _missing(["Spectre is the twenty-fourth James Bond film.", "It marks the 60-year anniversary.",
                              "Craig returned for his fourth appearance."], "Spectre", other_numbers)
    assert missing("What is the name of the thirty-fourth James Bond film?", 0) == ("thirty-fourth",)
    assert missing("What is the name of the 24th James Bond film?", 0) == ()  # the same ordinal in digits
    assert missing("What is the name of the Twenty-Fourth James Bond film?", 0) == ()
    assert missing("What marks the 60th anniversary?", 1) == ()  # "60-year" gives it
    assert missing("Who returned for his eighth appearance?", 2) == ("eighth",)
    assert missing("Who returned for his second appearance?", 2) == ()  # "second" may rank an unnumbered list
    assert missing("What happened on October 16th?", 0) == ()  # a day of a month: the date rules judge those
    assert missing("What happened on December 8-10th?", 0) == ()
    assert missing("Why did Henry the Eighth break with Rome?", 0) == ()  # a monarch's: "Henry VIII"
    assert missing("During the Fourth Crusade, who led?", 0) == ("Fourth",)  # no monarch's
    assert missing("What was the one hundred and fifth Congress?", 0) == ()  # 105, not 5
    assert missing("Which 18th-century philosopher made it?", 0) == ("18th",)
    centuries = _missing(["Kant (1724-1804) wrote the Critique."], "Kant", other_numbers)
    assert centuries("Which 18th-century philosopher wrote the Critique?", 0) == ()  # a year in it gives it
    assert centuries("Which 19th century philosopher wrote the Critique?", 0) == ()  # 1804
    assert centuries("Which 16th century philosopher wrote the Critique?", 0) == ("16th",)
    assert centuries("What happened on March 18th to the 18th-century philosopher?", 0) == ()  # the century's "18th"


def test_ordinals_are_read_in_words_and_digits() -> None:
    assert ordinals_in("the twenty-fourth, Thirty fourth, 24th, 1st, 2nd, eleventh and twentieth") == {
        24: "twenty-fourth", 34: "Thirty fourth", 1: "1st", 2: "2nd", 11: "eleventh", 20: "twentieth"}
    assert ordinals_in("a fourteenth-century church") == {14: "fourteenth"}
    assert ordinals_in("the four firsts, 8.5th") == {}
    assert ordinals_in("the fıfth and ſixth") == {}  # no crash: "ı" is no "i"
    assert ordinals_in("9" * 5000 + "th") == {}


def test_a_label_of_one_of_a_kind_the_passage_writes_otherwise_is_another_thing() -> None:
    missing = _missing(["During the study, 2,914 participants were diagnosed with type 2 diabetes."], "Steps",
                       other_numbers)
    assert missing("How many participants developed type 1 diabetes?", 0) == ("type 1",)
    assert missing("How many participants developed Type 2 diabetes?", 0) == ()
    assert missing("How many participants developed diabetes in 2 years?", 0) == ()  # no label: a count
    roman = _missing(["The drug passed its Phase III trial and types 1 and 2 were studied."], "Drug", other_numbers)
    assert roman("What did phase 3 show?", 0) == () and roman("Which type-2 patients took it?", 0) == ()
    assert roman("What did phase 2 show?", 0) == ("phase 2",)
    rounds = _missing(["Ashford won in the second round."], "Cup", other_numbers)
    assert rounds("Who won round 2?", 0) == ()  # the passage labels no round with a number
