"""An acronym the sources never write is read as the one name they spell it out as."""

from __future__ import annotations

import pytest

from bot.engine.acronyms import expand, names_asked, spelled_out
from bot.engine.engine import Engine
from bot.text.words import terms

TEXTS = ["Tajik troops fought in World War II against Germany.", "The New York Times said so.",
         "Fort Belknap Indian Community is a reservation. The Organization of Petroleum Exporting Countries (OPEC)",
         "The Ministry of Foreign Affairs of the Republic of Korea organized it.",
         "The Department of Energy, and the Department of Education.", "The United Nations met. The UN met again."]
NAMES = spelled_out(TEXTS)
IDF = {t: 1.0 for text in TEXTS for t in terms(text)}


def test_the_names_the_sources_spell_out() -> None:
    assert NAMES["WWII"] == "World War II" and NAMES["NYT"] == "New York Times"
    assert "NY" not in NAMES and "FBI" not in NAMES  # a run is cut only at a small word: "Fort Belknap Indian"
    assert NAMES["OPEC"] == "Organization of Petroleum Exporting Countries"  # the bracket ends the name
    assert not any("(" in name for name in NAMES.values())
    assert NAMES["ROK"] == NAMES["RK"] == "Republic of Korea"  # with or without the small words' initials
    assert NAMES["MOFA"] == "Ministry of Foreign Affairs"
    assert "DE" not in NAMES  # Energy or Education: two names, so neither
    assert not any(k.startswith("T") for k in NAMES)  # "The" opens no name


def test_an_acronym_the_sources_never_write_is_read_as_their_name() -> None:
    text, changed = expand("How many fought during WWII, said the NYT's paper?", IDF, lambda: NAMES)
    assert text == "How many fought during World War II, said the New York Times's paper?"
    assert changed == {"WWII": "World War II", "NYT": "New York Times"}


def test_a_written_or_unknown_acronym_stays_and_the_names_are_made_only_when_needed() -> None:
    def never() -> dict[str, str]:
        raise AssertionError("not needed")

    assert expand("What did the UN say?", IDF, never) == ("What did the UN say?", {})
    assert expand("What did NATO say?", IDF, lambda: NAMES) == ("What did NATO say?", {})  # spelled out nowhere


@pytest.mark.parametrize(("phrase", "question", "named"), [
    ("Professional Lighting Designers Association", "What was the PLDA formerly known as?", True),
    ("The Illuminating Engineering Society of North America", "Who else publishes along with IESNA?", True),
    ("PLDA", "What was the Professional Lighting Designers Association formerly known as?", True),
    ("ANSI", "Who else publishes along with IESNA?", False),
    ("European Lighting Designers Association", "What was the PLDA formerly known as?", False),
    ("the Federal Communications Commission", "Who did the FCC rule in favor of?", True),
    ("ABC", "Who did the FCC rule in favor of?", False),
    ("Professional Lighting Designers Association", "What does PLDA stand for?", False),  # the name asked
    ("American Institute of Architects", "What is the full name of the organization known by the acronym AIA?", False),
    ("Marine Biological Association", "What organization known as the MBA is based in Plymouth?", False),
    ("the Command Module heat shield", "What did these flights test on the CM?", False),  # more than the name
])
def test_a_phrase_that_is_the_acronym_asked_about_by_another_name(phrase: str, question: str, named: bool) -> None:
    assert names_asked(phrase, question) is named


def test_a_question_in_capitals_has_no_acronyms() -> None:
    assert expand("HOW MANY FOUGHT IN WWII", IDF, lambda: NAMES) == ("HOW MANY FOUGHT IN WWII", {})


@pytest.mark.model
def test_the_engine_answers_through_an_acronym_and_says_how_it_read_it(real_engine: Engine) -> None:
    answer = real_engine.answer("who is the japanese PM")
    assert answer.read_as == (("PM", "Prime Minister"),)
    assert answer.text is not None and "Ishiba" in answer.text


@pytest.mark.model
def test_a_month_cut_short_is_read_in_full_and_not_reported(real_engine: Engine) -> None:
    short, full = real_engine.answer("what happened on dec 5?"), real_engine.answer("what happened on December 5?")
    assert short.text == full.text and short.read_as == ()
    assert short.text is not None and "concert" in short.text
