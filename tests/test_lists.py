"""A question for several things gets the whole list the sentence names, titles and all."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.engine import Engine
from bot.engine.lists import asks_several, whole_list, whole_name, with_noun_asked
from bot.engine.phrases import Candidate

from .fakes import engine_over


@pytest.mark.parametrize(("question", "several"), [
    ("Who are the Deputy Prime Ministers?", True), ("Who were the envoys?", True),
    ("What countries had Tajikistan been working with?", True), ("Which tribes supported the British?", True),
    ("What are the two national Islamic holidays?", True), ("Name the three libraries.", True),
    ("Who is the ambassador?", False), ("Who was present?", False), ("Who are you?", False),
    ("What status does it have?", False), ("What was the process?", False), ("What does it mean?", False),
    ("What happens next?", False), ("What years did prices rise?", False),  # a time, not a list of things
    ("What was signed in 1965?", False), ("What has changed?", False), ("Which crisis did it cause?", False),
    ("What news did it bring?", False),
    ("Who attended the ceremony?", True), ("Who took part in the summit?", True),  # everyone who was there
    ("Who were present at the signing?", True), ("Who performed at the concert?", False),
    ("Who attended the ceremony as special adviser to the prime minister?", False),  # one part, one person
    ("Who attended the ceremony as well as the dinner?", True), ("Who were therefore blamed?", False),
    ("What two people suggested the tour?", True), ("What two cars were featured?", True),  # a number asked for
    ("Which people lived there?", True), ("What two-thirds of the budget went?", False),
    ("Which 1965 treaty normalized relations?", False),  # a year, not a count
])
def test_a_question_for_several_things(question: str, several: bool) -> None:
    assert asks_several(question) is several


def widened(sentence: str, name: str) -> str:
    at = sentence.index(name)
    return whole_list(sentence, Candidate(at, at + len(name), name, name)).answer


@pytest.mark.parametrize(("sentence", "name", "answer"), [
    ("Tajikistan worked with Iran and Pakistan to use ports.", "Pakistan", "Iran and Pakistan"),
    ("The most used are Cabot Science Library, Lamont Library, and Widener Library.", "Lamont Library",
     "Cabot Science Library, Lamont Library, and Widener Library"),
    ("In 1998, South Korean President Kim Dae-jung and Japanese Prime Minister Keizo Obuchi issued it.", "Keizo Obuchi",
     "South Korean President Kim Dae-jung and Japanese Prime Minister Keizo Obuchi"),  # not "In 1998, ..."
    ("On Monday Kim and Lee met.", "Kim", "Kim and Lee"),  # "On Monday" opens the sentence
    ("He met Kokhir Rasulzoda, the First Deputy Prime Minister.", "Kokhir Rasulzoda", "Kokhir Rasulzoda"),  # one man
    ("Lee met Prime Minister Ishiba in Tokyo.", "Ishiba", "Ishiba"),
    ("It was lit in red and blue.", "red", "red"),  # not a name
    ("Meanwhile, Iran and Pakistan signed.", "Pakistan", "Iran and Pakistan"),  # an opening word is no item
    ("In Seoul, Lee and Ishiba met.", "Ishiba", "Lee and Ishiba"),  # nor a place the sentence opens with
    ("He worked with Iran, Pakistan and Afghanistan.", "Afghanistan", "Iran, Pakistan and Afghanistan"),
    ("He visited Japan and China, Xinhua reported.", "Japan", "Japan and China"),  # the list ends after "and"
    ("It featured an Aston Martin DB10 and a Jaguar C-X75.", "Aston Martin DB10",
     "Aston Martin DB10 and a Jaguar C-X75"),  # "a" before the last name
    ("Lee met Ishiba and a Japanese delegation.", "Ishiba", "Ishiba"),  # "a Japanese" names no one
    ("It was held on June 16 in Seoul and June 19 in Tokyo.", "Seoul", "Seoul"),  # a date is no item
    ("Its networks were mainly in Japan and Latin America.", "Japan", "Japan and Latin America"),
])
def test_the_whole_list_of_names(sentence: str, name: str, answer: str) -> None:
    assert widened(sentence, name) == answer


@pytest.mark.model
def test_a_question_for_several_people_names_them_all(real_engine: Engine) -> None:
    got = real_engine.answer("Who were the leaders who issued the 1998 joint declaration?")
    assert got.text is not None and got.text.startswith("South Korean President Kim Dae-jung and Japanese Prime "
                                                        "Minister Keizo Obuchi")
    assert got.citations[0].marked_snippet().count("**") == 2  # one highlight over the whole list
    one = real_engine.answer("Who issued the 1998 joint declaration?")
    assert one.text is not None and "Kim Dae-jung and" not in one.text


@pytest.mark.model
def test_who_attended_names_everyone_the_sentence_does(real_engine: Engine) -> None:
    got = real_engine.answer("Who attended Monday's ceremony?")
    assert got.text is not None and "Kim Ji-na and Akihisa Nagashima" in got.text


@pytest.mark.parametrize(("sentence", "phrase", "whole"), [
    ("Time Warner Cable removed ABC stations from its systems.", "Time Warner", "Time Warner Cable"),
    ("The Peabody Museum of Archaeology and Ethnology studies the Americas.", "Peabody Museum",
     "Peabody Museum of Archaeology and Ethnology"),
    ("He wrote the sonata Op. 58 in 1844.", "Op.", "Op. 58"),
    ("He met Kim Dae-jung and Japanese Prime Minister Obuchi.", "Kim Dae-jung", "Kim Dae-jung"),  # no "and"
    ("It went to Seoul on Monday.", "Seoul", "Seoul"),  # the name ends there
    ("It was lit in red and blue.", "red", "red"),  # no name
    ("ABC launched the Alpha Repertory Television Service (ARTS) in 1981.", "Alpha Repertory Television Service",
     "Alpha Repertory Television Service (ARTS)"),  # with the acronym it is given
    ("Many took adjustable rate mortgages (ARMs) then.", "adjustable rate mortgages",
     "adjustable rate mortgages (ARMs)"),
    ("It is measured in candela (cd).", "candela", "candela"),  # a unit's symbol is no acronym
    ("SEOUL (AP) — South Korea said so.", "SEOUL", "SEOUL"),  # a dateline's agency is not Seoul's acronym
    ("Lee met Ishiba in Tokyo Saturday.", "Tokyo", "Tokyo"),  # a day is no more of the name
])
def test_a_name_the_phrase_stops_inside_is_taken_whole(sentence: str, phrase: str, whole: str) -> None:
    at = sentence.index(phrase)
    assert whole_name(sentence, Candidate(at, at + len(phrase), phrase, phrase)).answer == whole


def test_a_name_goes_on_through_its_particles() -> None:
    sentence = "In 1842 Chopin and Sand moved to the Square d'Orléans, living in adjacent buildings."
    start = sentence.index("the Square")
    phrase = Candidate(start, start + len("the Square"), "the Square", "the Square")
    assert whole_name(sentence, phrase).answer == "the Square d'Orléans"
    sentence = "They met at the Place de la Concorde on Monday."
    start = sentence.index("the Place")
    phrase = Candidate(start, start + len("the Place"), "the Place", "the Place")
    assert whole_name(sentence, phrase).answer == "the Place de la Concorde"


@pytest.mark.parametrize(("question", "sentence", "phrase", "answer"), [
    ("What type of buildings are built mostly throughout the world?",
     "Most buildings are vernacular buildings built by local people.", "vernacular", "vernacular buildings"),
    ("What type ratings did the securities receive?", "They received investment-grade ratings.", "investment-grade",
     "investment-grade ratings"),
    ("A Daysimeter is what type of personal meter?", "The Daysimeter is a personal circadian light meter.",
     "circadian light", "circadian light meter"),
    ("Which products created more complexity?", "Its innovative financial products created complexity.",
     "innovative", "innovative financial products"),
    # not across a comma or a small word, not for a name, not for other questions
    ("What kind of state is it?", "It is secular, and the state is small.", "secular", "secular"),
    ("What kind of state is it?", "It is secular in the state's law.", "secular", "secular"),
    ("Which news agency reported it?", "The Yonhap news agency reported it.", "Yonhap", "Yonhap"),
    ("Which news agency reported it?", "It was the Yonhap news agency.", "the Yonhap", "the Yonhap"),
    ("What did the state become?", "It became a secular state.", "secular", "secular"),
    # the question's verb is no noun asked, nor is a relative clause's, nor a verb sharing the noun's stem
    ("Which side won the battle?", "In the end the british won the battle.", "british", "british"),
    ("Which came first?", "The chicken came first, then the egg.", "chicken", "chicken"),
    ("What was the company which built the bridge called?", "The local firm built it.", "local firm", "local firm"),
    ("What type of buildings are common?", "Most are vernacular houses built by local people.", "vernacular houses",
     "vernacular houses"),
    ("What kind of state is it?", "It is a secular state's law.", "secular", "secular"),
])
def test_the_noun_a_type_is_asked_of_joins_the_answer(question: str, sentence: str, phrase: str, answer: str) -> None:
    start = sentence.index(phrase)
    found = with_noun_asked(question, sentence, Candidate(start, start + len(phrase), phrase, phrase))
    assert found.answer == answer == sentence[found.start:found.end]


def test_a_place_answers_with_the_places_it_is_listed_with(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, "Exchanges\nRegulated futures exchanges are located in London and New York. "
                                   "Receptions were held on June 16 in Seoul and June 19 in Tokyo.",
                         reader=None, abstain_threshold=0.0)
    assert engine.answer("Where are regulated futures exchanges located?").text == "London and New York [1]"
    assert engine.answer("Where were the receptions held on June 16?").text == "Seoul [1]"  # not "Seoul and June"



@pytest.mark.parametrize(("sentence", "place", "answer"), [
    ("They are in London and New York.", "London", "London and New York"),
    ("It was mainly in Japan and Latin America in the 1970s.", "Japan", "Japan and Latin America"),
    ("It was held in Seoul and Lee attended.", "Seoul", "Seoul"),  # "and" joins a clause: Lee is no place
    ("It was signed in Paris, and Lee later said so.", "Paris", "Paris"),
])
def test_a_place_takes_the_places_listed_with_it(sentence: str, place: str, answer: str) -> None:
    from bot.engine.lists import whole_place_list

    at = sentence.index(place)
    assert whole_place_list(sentence, Candidate(at, at + len(place), place, place)).text == answer
