"""Questions for someone's full name (bot/engine/full_name.py): the one person the retrieved sentences name in
full with a word of the question in it, whoever the sentence names first."""

from __future__ import annotations

import pytest

from bot.engine.answer import ScoredSentence
from bot.engine.engine import Engine
from bot.engine.full_name import _whose, asks_full_name, full_name_first, never_given_in_full
from bot.models import Sentence

TEXTS = ["The mayor of Lyon, Grégory Doucet, and the conductor Marie Jacquot opened the season.",
         "Jacquot had studied in Vienna.",
         "Mayor Martin and Mayor Martin Dubois spoke, as did Anne Martin."]
SENTENCES = [Sentence("a", 0, len(t), t) for t in TEXTS]


def _ranked(*sids: int) -> list[ScoredSentence]:
    return [ScoredSentence(sid, 0, 1.0 - n / 10, 0.5, 0.5, None) for n, sid in enumerate(sids)]


def test_the_question_asks_for_a_full_name_in_any_of_the_three_languages() -> None:
    assert asks_full_name("What is the conductor's full name?") and asks_full_name("「朴大使」のフルネームは何ですか？")
    assert asks_full_name("박 대사의 풀네임은?") and asks_full_name("What is the conductor's first name?")
    assert asks_full_name("船越次官の下の名前は何ですか？") and not asks_full_name("What is the concert's name?")


def test_the_full_name_holding_the_questions_word_is_the_answer() -> None:
    ranked = full_name_first("What is Jacquot's full name?", _ranked(1, 0), SENTENCES)
    assert ranked[0].sid == 0 and ranked[0].phrase is not None and ranked[0].phrase.answer == "Marie Jacquot"
    assert [r.sid for r in ranked] == [0, 1]
    assert full_name_first("the conductor jacquot - whats her full name", _ranked(0), SENTENCES)[0].phrase is not None


def test_the_name_spelled_from_another_script_counts() -> None:
    ranked = full_name_first("ジャコのフルネームは？", _ranked(0), SENTENCES, spelled=["Jacquot"])
    assert ranked[0].phrase is not None and ranked[0].phrase.answer == "Marie Jacquot"


@pytest.mark.parametrize("question", [
    "What is Vienna's full name?",  # no person of that name
    "What is Martin's full name?",  # two people hold it: no guess between them
])
def test_otherwise_the_ranking_is_left_as_it_is(question: str) -> None:
    ranked = _ranked(1, 0, 2)
    assert full_name_first(question, ranked, SENTENCES) == ranked


def test_a_name_the_sources_give_only_in_part_is_not_given_in_full() -> None:
    texts = ["Vice Minister Funakoshi spoke.", "Conductor Marie Jacquot bowed."]
    sentences = [Sentence("a", 0, len(t), t) for t in texts]
    assert never_given_in_full("What is Vice Minister Funakoshi's full name?", _ranked(0, 1), sentences)
    assert never_given_in_full("船越次官の下の名前は？", _ranked(0, 1), sentences, spelled=["Funakoshi"])
    assert not never_given_in_full("What is Jacquot's first name?", _ranked(0, 1), sentences)  # Marie Jacquot
    assert not never_given_in_full("What is Funakoshi's job?", _ranked(0, 1), sentences)  # no name asked for
    assert not never_given_in_full("What is Dupont's full name?", _ranked(0, 1), sentences)  # nobody of that name
    # the name asked about is the possessor's, not any name in the question
    texts = ["Korean Ambassador to Japan Park Cheol-hee spoke.", "He met Prime Minister Ishiba."]
    sentences = [Sentence("a", 0, len(t), t) for t in texts]
    assert not never_given_in_full("What is the full name of the ambassador who met Ishiba?", _ranked(0, 1),
                                   sentences)
    assert not never_given_in_full("What is the first name of the festival Lee opened?", _ranked(0, 1), sentences)
    assert never_given_in_full("What is the full name of Prime Minister Ishiba?", _ranked(0, 1), sentences)


@pytest.mark.model
@pytest.mark.parametrize("question", ["What is Ambassador Park's full name?", "「朴大使」のフルネームは何ですか？"])
def test_ambassador_parks_full_name(real_engine: Engine, question: str) -> None:
    got = real_engine.answer(question)  # the sentence names Koichi Mizushima first
    assert got.text is not None and got.text.startswith("Park Cheol-hee")


@pytest.mark.parametrize(("question", "whose"), [
    ("What is Émile's full name?", {"émile"}),
    ("What is the full name of Vice Minister Łukasz?", {"łukasz"}),
])
def test_whose_name_is_asked_reads_accented_capitals(question: str, whose: set[str]) -> None:
    assert _whose(question, ()) == whose
