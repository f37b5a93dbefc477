"""Typos in questions are read as the collection's words; names, short words and known stems are left alone."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.spelling import Speller, _osa, english_words

TEXTS = ["The treaty was signed in 1965.", "Japan provided economic aid under the treaty.",
         "The Korean ambassador attended the receptions.", "Them and there.",
         "Prime Minister Keizo Obuchi and the latter."]


@pytest.mark.parametrize("typo, word", [
    ("tresty", "treaty"),  # a wrong letter
    ("treatty", "treaty"),  # one too many
    ("econmic", "economic"),  # one too few
    ("ambasador", "ambassador"),
    ("traety", "treaty"),  # two letters swapped
])
def test_a_typo_one_edit_away_is_read_as_the_collections_word(typo: str, word: str) -> None:
    assert Speller(TEXTS).suggest(typo) == word


@pytest.mark.parametrize("word", [
    "Tresty",  # capitalised: a name the user chose (an unknown place must stay unknown)
    "reception",  # its stem is known: an inflection, not a typo
    "theme", "three",  # one edit from "them" and "there", but stopwords are never offered
    "aid", "sign",  # shorter than five letters
    "greaty",  # the first letter differs
    "trestyy",  # two edits away
    "treaty",  # known
    "t" + "r" * 40 + "eaty",  # no word is that long
    "prize", "later",  # English words, one edit from "prime" and "latter": not typos
    "keiko",  # one edit from the name "Keizo", which is no English word: names are not offered
])
def test_names_short_words_known_stems_and_far_words_are_left_alone(word: str) -> None:
    assert Speller(TEXTS).suggest(word) is None


def test_correct_rewrites_the_question_and_says_what_it_changed() -> None:
    text, changed = Speller(TEXTS).correct("when was the tresty signed with Jaapn?")
    assert text == "when was the treaty signed with Jaapn?" and changed == {"tresty": "treaty"}


def test_the_most_frequent_of_two_candidates_wins() -> None:
    speller = Speller(["stated stated stated", "skated"])
    assert speller.suggest("sxated") == "stated"


def test_the_english_word_list_is_there() -> None:
    words = english_words()
    assert len(words) > 100_000 and {"prize", "later", "treaty"} <= words and "tresty" not in words


def test_optimal_string_alignment_distance() -> None:
    assert _osa("treaty", "treaty") == 0
    assert _osa("traety", "treaty") == 1
    assert _osa("tresty", "treaty") == 1
    assert _osa("ab", "ba") == 1 and _osa("abc", "ca") == 3  # OSA: no edits inside a swap
    assert _osa("treaty", "tr") == 2  # lengths three or more apart: only "more than one" matters


@pytest.mark.model
def test_the_engine_answers_through_a_typo_and_says_how_it_read_it(real_engine: Engine) -> None:
    answer = real_engine.answer("when was the tresty signed")
    assert answer.text is not None and "22 June 1965" in answer.text
    assert answer.question == "when was the tresty signed" and answer.read_as == (("tresty", "treaty"),)
    assert answer.to_json()["read_as"] == {"tresty": "treaty"}
    assert real_engine.answer("What is the population of Osaka?").read_as == ()
