"""Birth and death dates read from the lifespan after a name (bot/engine/lifespans.py)."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.lifespans import _lifespan_date

from .fakes import engine_over

TESLA = ("Nikola Tesla (Serbian Cyrillic: Никола Тесла; 10 July 1856 – 7 January 1943) was a Serbian American "
         "inventor.")


@pytest.mark.parametrize(("sentence", "names", "which", "year_only", "date"), [
    (TESLA, {"tesla"}, 1, True, "1856"),
    (TESLA, {"tesla"}, 2, False, "7 January 1943"),
    ("Martin Luther (/ˈluːθər/; German: [ˈmaɐ̯tiːn] ( listen); 10 November 1483 – 18 February 1546) was a monk.",
     {"luther"}, 1, False, "10 November 1483"),  # a bracket inside the lifespan's
    ("She gave birth to a son, Jochi (1185–1226), nine months later.", {"jochi"}, 1, True, "1185"),
    (TESLA, {"edison"}, 1, True, None),  # another person's
    ("The war (1754–1763) was fought in America.", {"war"}, 1, True, None),  # after no name
    ("Former President Moon Jae-in (2017–2022) criticized it.", {"moon"}, 1, True, None),  # a term of office
])
def test_the_date_asked_for_is_read_from_the_lifespan(sentence: str, names: set[str], which: int, year_only: bool,
                                                      date: str | None) -> None:
    found = _lifespan_date(sentence, names, which, year_only)
    assert (found.answer if found else None) == date


@pytest.fixture(scope="module")
def tesla(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    filler = " ".join(f"In {1880 + i}, Tesla worked on invention number {i} in his New York laboratory."
                      for i in range(40))
    # (hashed vectors give low confidence: the threshold is off, the phrase and the sentence are what is tested)
    return engine_over(tmp_path_factory.mktemp("tesla"),
                       f"Nikola Tesla\n{TESLA} {filler} His father Milutin died in 1879.\n", reader=None,
                       abstain_threshold=0.0)


@pytest.mark.parametrize(("question", "answer", "bold"), [
    ("In what year was Nikola Tesla born?", "1856", "10 July 1856"),
    ("When did Tesla die?", "7 January 1943", "7 January 1943"),
])
def test_a_birth_or_death_is_answered_from_the_lifespan(tesla: Engine, question: str, answer: str, bold: str) -> None:
    got = tesla.answer(question)
    assert got.text is not None and got.text.startswith(answer)
    assert "10 July 1856 – 7 January 1943" in got.citations[0].snippet
    assert got.citations[0].marked_snippet().count(f"**{bold}**") == 1  # the date asked for is bold in the sentence


def test_a_relatives_death_is_not_read_from_the_lifespan(tesla: Engine) -> None:
    got = tesla.answer("When did Tesla's father die?")
    assert got.text is not None and "1943" not in got.text.split("[")[0]  # (the threshold is off: it answers)
