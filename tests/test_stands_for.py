"""What an acronym stands for is read where the sources spell it out, wherever that sentence is."""

from __future__ import annotations

import pytest

from bot.engine import stands_for
from bot.engine.engine import Engine
from bot.engine.stands_for import asked_acronym, spelled_in
from bot.index.store import IndexData
from bot.models import Chunk

from .fakes import engine_over


@pytest.mark.parametrize(("sentence", "acronym", "long_form"), [
    ("The industry relies on correlated color temperature (CCT), commonly used, and color rendering index (CRI), an "
     "indication of the light source's ability.", "CRI", "color rendering index"),
    ("The industry relies on correlated color temperature (CCT), commonly used, and color rendering index (CRI).",
     "CCT", "correlated color temperature"),
    ("Compact fluorescent lamps (aka 'CFLs') use less power.", "CFL", "Compact fluorescent lamps"),
    ("over the last 21,000 years through the Last Glacial Maximum (LGM) and subsequent deglaciation", "LGM",
     "Last Glacial Maximum"),
    ("a form of credit insurance called credit default swaps (CDS).", "CDS", "credit default swaps"),
    ("the Ministry of Foreign Affairs of the Republic of Korea (ROK) said", "ROK", "Republic of Korea"),
    ("light-emitting diodes (LEDs) are common", "LED", "light-emitting diodes"),
    ("cells with low levels of a marker called MHC I (major histocompatibility complex) – a situation", "MHC",
     "major histocompatibility complex"),
    ("The RCAF and Joint Task Force (North) (JTFN) also maintain a chain", "JTFN", "Joint Task Force (North)"),
    ("The New York City Police Department (NYPD) has been the largest", "NYPD", "New York City Police Department"),
    ("the Canadian Armed Forces (CAF; French: Forces armées canadiennes, FAC), or Canadian Forces (CF) (French: les "
     "Forces canadiennes, FC), is", "CF", "Canadian Forces"),
    # initials that do not spell it, or a bracket that says something else, are no long form
    ("The embargo (CRI) was lifted.", "CRI", None),
    ("Color rendering index values (see CRI) vary.", "CRI", None),
    ("The ROK navy sailed.", "ROK", None),
    ("the big red embargo (BE) was", "BE", None),  # a word giving no letter only in an acronym of three or more
    ("The Joint Task Force (North (JTFN) was", "JTFN", None),  # no name with a bracket left open
    # a quotation mark or a non-breaking space between the name and its bracket
    ("the “color rendering index” (CRI) is", "CRI", "color rendering index"),
    ("the color rendering index\u00a0(CRI) is", "CRI", "color rendering index"),
])
def test_the_long_form_is_the_words_whose_initials_spell_it(sentence: str, acronym: str,
                                                            long_form: str | None) -> None:
    found = spelled_in(sentence, acronym)
    assert (found.answer if found else None) == long_form
    if found is not None:
        assert sentence[found.start:found.end] == long_form


@pytest.mark.parametrize(("question", "acronym"), [
    ("What does CRI stand for?", "CRI"),
    ("What does the abbreviation FDI stand for?", "FDI"),
    ("What does LGM stands for?", "LGM"),
    ("What did the acronym AAP originally stand for?", "AAP"),
    ('What does "FEELS" stand for?', "FEELS"),
    ("What is FDIC short for?", "FDIC"),
    ("What does the acronym NCQLP mean?", "NCQLP"),
    ("UHI is an abbreviation of what?", "UHI"),
    # the acronym is what is asked, or there is none, or two
    ("What is the abbreviation for credit default swaps?", None),
    ("What does the statue stand for?", None),
    ("Does the US stand for the UN?", None),
    ("Where does the CRI stand?", None),
    ("What policy did the KMT stand for?", None),  # supported
    ("Why did the SPD stand for re-election?", None),
    ("When was the acronym NATO first used?", None),
    ("How many letters are in the acronym NASA?", None),
    ("What initials did the UN use?", None),
    ("What does the A in CRI stand for?", None),  # one letter of it, not the whole
    ("What does the United Nations (UN) stand for?", None),  # spelled out already
    ("What is the acronym of the United Nations Security Council (UNSC)?", None),
])
def test_a_question_asking_what_an_acronym_stands_for(question: str, acronym: str | None) -> None:
    assert asked_acronym(question) == acronym


LIGHTING = ("Light sources are judged on their color. The industry relies on correlated color temperature (CCT), "
            "commonly used as an indication of warmth, and color rendering index (CRI), an indication of how "
            "natural objects appear.")


@pytest.fixture(scope="module")
def lighting(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    # 150 sentences name the CRI without saying what it stands for, more passages than are retrieved; the one that
    # does is first in the article, found through the keyword index
    filler = " ".join(f"In retail shop {i}, the CRI of the lamps was measured again and the CRI stayed high."
                      for i in range(150))
    return engine_over(tmp_path_factory.mktemp("lighting"), f"Lighting\n{LIGHTING} {filler}\n", reader=None,
                       abstain_threshold=0.0)


def test_the_sentence_spelling_it_out_answers_wherever_it_is(lighting: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    looked: list[str] = []
    writing = stands_for._writing

    def spy(acronym: str, index: IndexData, article_id: str) -> list[Chunk]:
        looked.append(acronym)
        return writing(acronym, index, article_id)

    monkeypatch.setattr(stands_for, "_writing", spy)
    got = lighting.answer("What does CRI stand for?")
    assert looked == ["CRI"]  # not among the retrieved passages
    assert got.text is not None and got.text.startswith("color rendering index [")  # not "... index (CRI)"
    assert got.citations[0].marked_snippet().count("**color rendering index**") == 1


def test_a_question_not_asking_what_it_stands_for_is_answered_as_before(lighting: Engine) -> None:
    got = lighting.answer("What was measured in retail shop 7?")
    assert got.text is not None and "color rendering index" not in got.text


def test_a_long_bracket_of_small_words_is_read_quickly() -> None:
    # (each small word may or may not give a letter: without remembering what was tried, this took minutes)
    assert spelled_in("TOTAL (Tax " + "of the to a at la on the " * 15 + "Zed)", "TOTAL") is None
    assert spelled_in("Tax " + "of the to a at la on the " * 30 + "Zed (TOTAL)", "TOTAL") is None
