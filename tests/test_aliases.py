"""A country's other names: the name-near rule finds a question's name by them, and an answer that is only another
name of a country the question names says nothing new."""

from __future__ import annotations

import pytest

from bot.engine.aliases import other_names
from bot.engine.answer import best_phrase
from bot.engine.fits import renames_asked
from bot.engine.question import read_question
from bot.text.words import query_terms


def test_the_other_names_of_a_country_the_question_names() -> None:
    names = other_names(frozenset(query_terms("Who announced an embargo on the US?")))
    assert {frozenset({"unit", "state"}), frozenset({"america"}), frozenset({"american"})} <= names
    assert not other_names(frozenset(query_terms("Who announced an embargo?")))


@pytest.mark.parametrize(("phrase", "renames"), [
    ("the United States", True), ("America", True), ("U.S.", True),
    ("Libya", False), ("the American Civil Rights Movement", False), ("", False),
    ("United", False), ("the States", False),  # a piece of a name is none of its names
])
def test_an_answer_that_only_renames_the_country_asked_about(phrase: str, renames: bool) -> None:
    q = read_question("Who announced it would embargo oil shipments to the US?", None)
    assert renames_asked(phrase, q) is renames


def test_the_rules_do_not_answer_with_another_name_of_the_place_asked_about() -> None:
    q = read_question("Where is the American Library Association located?", None)
    got = best_phrase("The association is based in the United States, in Chicago.", q, 2020)
    assert got is not None and got.text == "Chicago"
