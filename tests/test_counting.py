"""A "how many" question is answered by a count of what it counts: people for people ("how many people
gathered?" is not answered by "two countries"), and neither people nor years for things."""

from __future__ import annotations

import pytest

from bot.engine.counts import counted_kind, counts_right
from bot.engine.engine import Engine
from bot.engine.korean_japanese import read_korean_japanese
from bot.engine.phrases import candidates
from bot.engine.question import read_question


@pytest.mark.parametrize(("question", "counted"), [
    ("How many people gathered at the lighting?", "people"),
    ("How many Korean students sang?", "people"),
    ("How many troops were sent?", "people"),
    ("How many countries took part?", "things"),
    ("How many songs were performed?", "things"),
    ("How many years did it last?", ""),  # a length of time, read as a duration
    ("How many were there?", ""),
])
def test_what_a_how_many_question_counts(question: str, counted: str) -> None:
    assert counted_kind(question) == counted


@pytest.mark.parametrize(("counted", "phrase", "right"), [
    ("people", "200 students", True), ("people", "60,000 European settlers", True),
    ("people", "two countries", False), ("people", "20 long years", False),
    ("things", "two countries", True), ("things", "three times", True),
    ("things", "20 long years", False), ("things", "200 students", False),
    ("", "two countries", True),
    ("people or things", "31 councillors", True), ("people or things", "two countries", True),
    ("people or things", "more than three years", False),  # "How many councillors abstained?"
])
def test_a_count_phrase_must_count_what_is_asked(counted: str, phrase: str, right: bool) -> None:
    assert counts_right(counted, phrase) is right


def test_the_question_carries_what_it_counts() -> None:
    assert read_question("How many people attended the ceremony?").counted == "people"
    assert read_question("When was the concert?").counted == ""


@pytest.mark.parametrize(("text", "lang", "counted"), [
    ("공동 점등식에는 몇 명이 모였습니까?", "ko", "people"),
    ("몇 개국이 참가했나요?", "ko", "things"),
    ("式典には何人が出席しましたか", "ja", "people"),
    ("何曲演奏されましたか", "ja", "things"),
    ("何回開催されましたか", "ja", ""),
])
def test_korean_and_japanese_counters_say_what_is_counted(text: str, lang: str, counted: str) -> None:
    assert read_korean_japanese(text, lang).counted == counted


def test_the_count_phrases_of_a_sentence() -> None:
    found = [c.text for c in candidates("The two countries marked 20 long years with 200 students.", "count", 2025)]
    assert "two countries" in found and "200 students" in found


@pytest.mark.model
@pytest.mark.parametrize(("question", "wrong"), [
    ("How many people gathered at the joint lighting ceremony?", "countries"),  # was "two countries"
    ("How many countries celebrated the anniversary?", "years"),  # was "60 years"
])
def test_a_count_of_something_else_is_not_the_answer(real_engine: Engine, question: str, wrong: str) -> None:
    got = real_engine.answer(question)
    assert got.abstained or (got.text is not None and wrong not in got.text)


@pytest.mark.parametrize(("question", "counted"), [
    ("How many US soldiers died?", "people"),  # "US" is not the counted noun
    ("How many Americans died?", "people or things"),  # a demonym: people, perhaps
    ("How many peacekeepers were sent?", "people or things"),  # a plural that may name people: no length of time
    ("How many does it have?", ""),
])
def test_what_is_counted_is_the_noun_not_a_word_before_it(question: str, counted: str) -> None:
    assert counted_kind(question) == counted


def test_how_many_minutes_in_korean_is_not_a_count_of_people() -> None:
    assert read_korean_japanese("연설은 몇 분 동안 했나요?", "ko").counted != "people"


_ALUMNI = "Alumni include 18 Fields Medalists, eight U.S. presidents and 150 Nobel laureates."
_ROOMS = "The building includes two cardio rooms, a pool, an indoor studio, three weight rooms and a gym."


@pytest.mark.parametrize(("sentence", "question", "phrase"), [
    # the count of the noun asked for...
    (_ALUMNI, "How many Nobel Laureates are among the alumni?", "150 Nobel laureates"),
    (_ALUMNI, "How many US presidents are alumni of the school?", "eight U.S. presidents"),
    # ...and of counts of the same noun, the one the question describes
    (_ROOMS, "How many weight rooms are in the building?", "three weight rooms"),
    (_ROOMS, "How many cardio rooms does it have?", "two cardio rooms"),
])
def test_the_count_of_what_the_question_asks_for_is_preferred(sentence: str, question: str, phrase: str) -> None:
    from bot.engine.answer import best_phrase

    found = best_phrase(sentence, read_question(question), 2025)
    assert found is not None and found.text == phrase


@pytest.mark.parametrize(("sentence", "kind", "phrases"), [
    # a number whole, with its decimals and thousands
    ("The region is home to about 2.5 million insect species.", "count", ["about 2.5 million insect species"]),
    ("The Amazon absorbs 1.5 gigatons of carbon dioxide.", "count", ["1.5 gigatons"]),
    ("Vegetation changed over the last 21,000 years.", "count", ["21,000 years"]),
    ("It lasted 1.5 years.", "duration", ["1.5 years"]),
    # the word that hedges it is the sources' own claim
    ("Lenders began foreclosure proceedings on nearly 1.3 million properties.", "count",
     ["nearly 1.3 million properties"]),
    ("Brokered deposits were a little over $7 billion.", "amount", ["a little over $7 billion"]),
    ("The bridge is about 12 km long.", "measure", ["about 12 km"]),
    ("They stayed for roughly five years.", "duration", ["roughly five years"]),
    ("Some of the 40 workers left.", "count", ["40 workers"]),  # "of the" hedges nothing
    # people, men, women and children are counted too
    ("Over 3,000 people arrived; 12 men and two children stayed.", "count",
     ["Over 3,000 people", "12 men", "two children"]),
    # million and billion written short, and not the stop that ends the sentence
    ("Banks sold $450bn of CDOs and £6m of bonds for $3,000.", "amount", ["$450bn", "£6m", "$3,000"]),
])
def test_a_number_is_read_whole_with_its_hedge(sentence: str, kind: str, phrases: list[str]) -> None:
    found = candidates(sentence, kind, None)
    assert [c.answer for c in found] == phrases
    assert all(sentence[c.start:c.end] == c.answer for c in found)
