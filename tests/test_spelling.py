"""Typos in questions are read as the collection's words; names, short words and known stems are left alone."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.spelling import Speller, _edits
from bot.text.words import english_words

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
    assert Speller.of(TEXTS).suggest(typo) == word


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
    assert Speller.of(TEXTS).suggest(word) is None


def test_a_word_typed_without_its_diacritics_is_the_articles_word() -> None:
    from bot.text.words import terms

    texts = [*TEXTS, "Céloron reached Québec."]
    assert Speller.of(texts).suggest("celoron") is None and Speller.of(texts).suggest("céloron") is None
    assert terms("Céloron reached Québec") == terms("Celoron reached Quebec")
    assert terms("서울 東京") == ["서울", "東京"]  # only Latin letters are folded
    # and those Unicode gives no base, as English writes them
    assert terms("Bjørnholt Gładkowska Straße Ærø") == terms("Bjornholt Gladkowska Strasse Aero")
    assert terms("İstanbul Nguyễn") == terms("Istanbul Nguyen")  # folded before lower case; Vietnamese too


NAMES = [*TEXTS, "CÉLORON REACHED QUÉBEC.", "Céloron reached Québec.", "Montcalm slipped away.",
         "Swann says L'Américain is a hotel.", "American troops.", "Governor Duquesne and Captain Duquesna.",
         "General McDonnell came.", "The Carpathian mountains.", "Ishiba spoke in İstanbul."]


@pytest.mark.parametrize("typo, name", [
    ("Celeron", "Céloron"),  # a wrong letter; the sources' diacritics come back
    ("Moncalm", "Montcalm"),  # one too few
    ("Montcallm", "Montcalm"),  # one too many
    ("Mnotcalm", "Montcalm"),  # two letters swapped
    ("Nontcalm", None),  # the first letter changed
    ("MONCALM", "MONTCALM"),  # typed in capitals, read in capitals
    ("McDomnell", "McDonnell"),  # as the sources write it
    ("Montcalmm", "Montcalm"),  # a last letter doubled is a typo, not another form
    ("Istanbol", "İstanbul"),  # diacritics aside, also the dotted capital I
    ("Montcalms", None),  # another form of a name of the sources
    ("Moncalms", "Montcalms"),  # a plural, where the sources write the name in the singular only
])
def test_a_long_name_one_edit_from_one_name_of_the_sources_is_read_as_it(typo: str, name: str | None) -> None:
    assert Speller.of(NAMES).suggest(typo) == name


@pytest.mark.parametrize("word", [
    "Keiko",  # shorter than seven letters: "Keizo" may be another man
    "Montcalm",  # a name of the sources
    "Americain",  # part of "L'Américain", not a typo of "American"
    "Duquesno",  # one edit from "Duquesne" and from "Duquesna": which one is meant cannot be told
    "Montcalmi", "Carpathia", "Carpathias",  # an edit at the end: another form of a name ("Carpathian")
    "Ishidas",  # the plural of a name too short to be read ("Ishida", "Ishiba")
    "Treaties",  # an English word, capitalised
    "Ambasador",  # one edit from "ambassador", which the sources write in lower case only: no name
])
def test_short_names_known_names_english_words_and_ambiguous_names_are_left_alone(word: str) -> None:
    assert Speller.of(NAMES).suggest(word) is None


def test_a_misspelt_name_is_read_in_a_possessive_too() -> None:
    assert Speller.of(NAMES).correct("What was Celeron's plan?") == ("What was Céloron's plan?",
                                                                      {"Celeron": "Céloron"})


def test_correct_rewrites_the_question_and_says_what_it_changed() -> None:
    text, changed = Speller.of(TEXTS).correct("when was the tresty signed with Jaapn?")
    assert text == "when was the treaty signed with Jaapn?" and changed == {"tresty": "treaty"}


def test_a_typo_of_another_form_of_a_word_of_the_articles_is_read_as_that_form() -> None:
    assert Speller.of(["The signing ceremony."]).suggest("sigend") == "signed"
    assert Speller.of(["He blushed redly."]).suggest("realy") is None  # meant "really", which they do not use


def test_the_commonest_english_word_of_the_articles_wins() -> None:
    assert Speller.of(["stated", "skated"]).suggest("sxated") == "stated"


def test_the_english_word_list_is_there() -> None:
    words = english_words()
    assert len(words) > 100_000 and {"prize", "later", "treaty"} <= words.keys() and "tresty" not in words


def test_edits_are_one_deletion_swap_replacement_or_insertion_away() -> None:
    found = _edits("treaty")
    assert {"reaty", "rteaty", "tresty", "treatty"} <= found and "treaty" not in found
    assert len(found) == len(set(found)) and "trestyy" not in found


@pytest.mark.model
def test_the_engine_answers_through_a_typo_and_says_how_it_read_it(real_engine: Engine) -> None:
    answer = real_engine.answer("when was the tresty signed")
    assert answer.text is not None and "22 June 1965" in answer.text
    assert answer.question == "when was the tresty signed" and answer.read_as == (("tresty", "treaty"),)
    assert answer.to_json()["read_as"] == {"tresty": "treaty"}
    assert real_engine.answer("What is the population of Osaka?").read_as == ()


@pytest.mark.model
def test_the_engine_reads_a_misspelt_name_as_the_sources_name(real_engine: Engine) -> None:
    answer = real_engine.answer("Who is Akihisa Nagasima?")
    assert answer.read_as == (("Nagasima", "Nagashima"),) and not answer.abstained
    assert answer.text is not None and answer.text.startswith("special adviser")  # who he is, not his name
    assert "Nagashima" in answer.citations[0].snippet
