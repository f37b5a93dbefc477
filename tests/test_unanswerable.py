"""Unanswerable training questions made from answerable ones (bot/reader/unanswerable.py): each kind of change,
and that the new word is never one the paragraph uses."""

import random

from bot.reader.squad import SquadQuestion
from bot.reader.unanswerable import article_names, negate, perturbed, swap_antonym, swap_name

CONTEXT = ("The Normans gave their name to Normandy, a region in France, in the 10th century. "
           "Their first leader was Rollo, who signed a treaty in 1031.")
OTHER = "Later, William the Conqueror invaded England in 1066 and was crowned in London."


def q(question: str, context: str = CONTEXT, title: str = "Normans") -> SquadQuestion:
    return SquadQuestion("1", title, context, question, (("Rollo", CONTEXT.index("Rollo")),))


def test_a_name_or_year_of_the_paragraph_is_swapped_for_one_it_never_uses() -> None:
    names = article_names([q("x"), q("y", OTHER)])["Normans"]
    assert "William the Conqueror" in names and "1066" in names
    assert "Their" not in names  # a word also written in lower case
    swapped = swap_name(q("Who signed a treaty with France?"), names, random.Random(0))
    assert swapped is not None and swapped != "Who signed a treaty with France?"
    assert any(n in swapped for n in ("England", "London", "William the Conqueror", "Later"))
    assert "1066" in (swap_name(q("Who signed a treaty in 1031?"), names, random.Random(0)) or "")  # a year for a year
    assert swap_name(q("Who signed a treaty?"), names, random.Random(0)) is None  # nothing to swap


def test_an_antonym_only_when_the_paragraph_never_uses_it() -> None:
    assert swap_antonym(q("Who was their first leader?"), random.Random(0)) == "Who was their last leader?"
    assert swap_antonym(q("Who was their first leader?", CONTEXT + " Their last leader was Richard."),
                        random.Random(0)) is None


def test_negation_of_a_plain_what_is_question() -> None:
    assert negate(q("What was the name of their first leader?")) == "What was not the name of their first leader?"
    assert negate(q("Who signed a treaty?")) is None  # no "who is the ..." to negate
    assert negate(q("What was the name of their leader?", CONTEXT + " It was not France.")) is None


def test_a_share_of_the_answerable_questions_is_made_unanswerable_the_same_way_each_time() -> None:
    questions = [q("Who was their first leader?"), q("What was the name of their first leader?"),
                 SquadQuestion("3", "Normans", CONTEXT, "Who was the last king?", ())]
    made = perturbed(questions, 1.0, seed=13)
    assert len(made) == 2 and all(not m.answers and m.context == CONTEXT for m in made)
    assert made == perturbed(questions, 1.0, seed=13) and perturbed(questions, 0.0, seed=13) == []
