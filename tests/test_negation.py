"""A question asking what did not happen ("What territory wasn't ceded to Britain?") is answered only from a
sentence that says something did not: the answer's confidence is halved when no sentence near it does."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.negation import asks_negated, negated_near, negates, negation_for, opens_negated, says_negated
from bot.models import Sentence
from bot.text.words import query_terms


@pytest.mark.parametrize(("question", "negated"), [
    ("What territory wasn't ceded to Britain?", True), ("What proposed attacks didn't Shirley plan?", True),
    ("Why did Lee not attend Monday's ceremony?", True), ("Who has never visited Seoul?", True),
    ("What is no longer used?", True),
    ("What territory was ceded to Britain?", False), ("Is there a note on the screen?", False),
    ("When was the Seoul concert?", False),
    # "not only" adds, and a word made with "not" is no negation of the question
    ("Atwood feels Poles not only sought solace in his music but also what?", False),
    ("Civil disobedience that is not-violent is said to preserve what?", False),
    ("What is not just a museum but also a park?", False),
    # nor a clause's after a preposition (12 of 13 such in train.json are answerable)
    ("What was Thoreau's punishment for not paying his taxes?", False),
    ("What purpose would Luther have in not wanting to ban the Qur'an?", False),
    ("Why was he punished for paying and not asking?", True),
])
def test_a_question_asking_what_did_not_happen(question: str, negated: bool) -> None:
    assert asks_negated(question) is negated


@pytest.mark.parametrize(("question", "negated"), [
    ("When didn't Washington reach Fort Le Boeuf?", True), ("Where wasn't France concentrating efforts?", True),
    ("Who never captured Fort Beausejour?", True), ("When was Montreal not captured?", True),
    ("What did Kanye West not have?", True), ("What isn't economic growth sufficient for?", True),
    ("When has Montreal not been captured?", True),
    # a count, an amount or a year asked for likewise (12 of 13 such in train.json are unanswerable)
    ("How many bearers did not take part?", True), ("How many casualties didn't the British get?", True),
    ("How much did Denmark not require?", True), ("What time frame doesn't the war cover?", True),
    ("How many people did the war kill?", False),
    # a clause's negation, not the question's own verb; nor "not only"
    ("Who was the first pope who chose not to be crowned?", False),
    ("What was Thoreau's punishment for not paying his taxes?", False),
    ("When did the NFL announce that it would not use Roman numerals?", False),
    ("What is not only the capital but also a port?", False), ("What is the not-for-profit arm called?", False),
    # a why question asks for the reason something did not happen; a noun before the verb is not read
    ("Why didn't Lee attend?", False),
    ("What territory wasn't ceded to Britain?", False),
    ("When was the Seoul concert?", False),  # no negation
])
def test_a_question_whose_own_verb_is_negated(question: str, negated: bool) -> None:
    assert opens_negated(question) is negated


@pytest.mark.parametrize(("sentence", "negated"), [
    ("Lee did not attend Monday's ceremony.", True), ("They couldn't agree.", True),
    ("Kishida decided not to run again.", True), ("The talks failed to reach a deal.", True),
    ("He refused the offer.", True), ("It was held without the president.", True),
    ("France ceded its territory east of the Mississippi to Great Britain.", False),
    ("Nothing", True), ("Notably, the concert was held in Seoul.", False),  # "not" only as a whole word
])
def test_a_sentence_that_says_something_did_not_happen(sentence: str, negated: bool) -> None:
    assert says_negated([sentence]) is negated


@pytest.mark.parametrize(("sentence", "question", "denied"), [
    ("Montreal was not captured until 1760.", "When was Montreal not captured?", True),
    ("The IPCC does not carry out research.", "What does the IPCC not do?", True),  # the word before: its subject
    ("In practice, no criticism of the regime is tolerated.", "What is not tolerated by the government?", True),
    ("The French failed to take the fort.", "Which fort didn't the French take?", True),
    # a negation of something else in the sentence
    ("These dates do not correspond with the fighting on the mainland, which ended with the capture of Montreal.",
     "When was Montreal not captured?", False),
    ("It was not uncommon for bands to fight.", "How didn't the war start?", False),
])
def test_a_negation_about_what_the_question_asks(sentence: str, question: str, denied: bool) -> None:
    assert negates(sentence, frozenset(query_terms(question))) is denied


def test_the_question_s_own_negation_is_not_what_it_asks_about() -> None:
    sentences = [Sentence("a", 0, 27, "Lee wasn't at the ceremony."), Sentence("a", 28, 53, "Kim was at the ceremony.")]
    # "Who wasn't there?" names nothing but its negation: any negation near the answer counts
    assert negated_near((0, 0), 0, sentences, 0, question="Who wasn't there?")
    assert not negated_near((1, 1), 1, sentences, 0, question="Who wasn't there?")
    # and the question's "wasn't" is no term a sentence's other negation can match
    told = [Sentence("a", 0, 40, "Lee did not attend, and Kim wasn't told.")]
    assert not negated_near((0, 0), 0, told, 0, question="Who wasn't invited?")


def test_a_negation_two_sentences_away_counts_only_where_it_denies_what_the_question_asks() -> None:
    texts = ["His administration pushed for trilateral ties.", "Biden led the talks.", "He decided not to run again.",
             "Both barriers protect organisms.", "It was not a surprise."]
    sentences, at = [], 0
    for text in texts:
        sentences.append(Sentence("a", at, at + len(text), text))
        at += len(text) + 1
    # "not to run" two sentences on denies what is asked; "It was not a surprise" denies nothing of it
    assert negation_for("Which president's administration decided not to run again?", (0, 0), 0, sentences)
    assert not negation_for("What ties did the administration not push for?", (0, 0), 0, sentences)
    assert not negation_for("What kind of barrier does not protect organisms?", (3, 3), 3, sentences)
    assert negation_for("What was not a surprise?", (4, 4), 4, sentences)  # in the answer's own sentence


@pytest.mark.model
def test_a_negated_question_is_answered_only_near_a_negation(real_engine: Engine) -> None:
    # "did not attend" is in the sentence that answers it
    got = real_engine.answer("Why did Lee not attend Monday's ceremony?")
    assert not got.abstained and got.text is not None and "Group of Seven" in got.text
    # the sources say who made a statement at the lighting ceremony, and which tower was lit with Tokyo Tower; not
    # who did not, nor which was not
    for plain, negated in [("Who made a statement at the lighting ceremony?",
                            "Who did not make a statement at the lighting ceremony?"),
                           ("Which tower was lit up with Tokyo Tower?",
                            "Which tower was not lit up with Tokyo Tower?")]:
        yes, no = real_engine.answer(plain), real_engine.answer(negated)
        assert not yes.abstained and no.abstained and no.score < 0.6 * yes.score


@pytest.mark.model
def test_a_question_whose_own_verb_is_negated_needs_the_negation_in_its_answer(real_engine: Engine) -> None:
    # the concert's sentence says when it was held, not when it was not: refused outright, not only halved
    assert not real_engine.answer("When was the Seoul concert?").abstained
    got = real_engine.answer("When didn't the Seoul concert take place?")
    assert got.abstained and got.score == 0.0
