"""Phrases news writes, each taken only for the question that asks for it: a firm named by its partners, a month
alone, measures and their dimension, a crowd, a share, a role before a name (bot/engine/phrases.py finds them,
bot/engine/fits.py judges them)."""

import pytest

from bot.engine.answer import NO_TITLES, _does, best_phrase
from bot.engine.fits import may_answer
from bot.engine.phrases import BODY_WEIGHT, Candidate, candidates, people
from bot.engine.question import read_question


@pytest.mark.parametrize("sentence, firm", [
    ("The bridge, designed by the Danish firm Holm & Berg, will be 240 metres long.", "Holm & Berg"),
    ("The tower was designed by Skidmore, Owings & Merrill in 1998.", "Skidmore, Owings & Merrill"),
    ("The network was built by AT&T.", "AT&T"),
])
def test_a_firm_named_by_its_partners_answers_who(sentence: str, firm: str) -> None:
    found = best_phrase(sentence, read_question("Who designed it?" if "designed" in sentence else "Who built it?"),
                        2026)
    assert found is not None and found.answer == firm and found.weight == BODY_WEIGHT


def test_a_month_named_alone_answers_when_but_not_what_date() -> None:
    sentence = "Construction is due to begin in September and should be finished by the summer of 2028."
    begins, ends = (best_phrase(sentence, read_question(q), 2026) for q in ("When does construction begin?",
                                                                             "When will it be finished?"))
    assert begins is not None and begins.answer == "September"
    assert ends is not None and ends.answer == "summer of 2028"
    assert [c.text for c in candidates("They may march in early June.", "when", 2026)] == ["early June"]
    assert candidates("It opens in September.", "date", 2026) == []


def test_a_measure_of_another_dimension_does_not_answer() -> None:
    sentence = "The bridge will be 240 metres long and 12 metres wide."
    assert best_phrase(sentence, read_question("How tall is the bridge?"), 2026) is None
    wide = best_phrase(sentence, read_question("How wide is the bridge?"), 2026)
    tall = best_phrase("The tower is 300 m high.", read_question("How tall is the tower?"), 2026)
    assert wide is not None and wide.answer == "12 metres" and tall is not None and tall.answer == "300 m"


@pytest.mark.parametrize("sentence, kind, found", [
    ("Okafor curled a shot into the top corner from 25 yards.", "measure", ["25 yards"]),
    ("It was the 19-year-old's first senior goal.", "measure", ["19-year-old"]),
    ("The research was funded with a grant of £1.2 million.", "measure", ["£1.2 million"]),  # "how big was it?"
    ("The extension, 4.2 miles long, will add six new stops.", "duration", ["4.2 miles"]),  # "how long is it?"
    ("Adults have a 31% lower risk, or 31 per cent.", "amount", ["31%", "31 per cent"]),  # "by how much?"
    ("A crowd of 6,412 watched the match.", "count", ["crowd of 6,412"]),
])
def test_news_figures_answer_the_kind_asked(sentence: str, kind: str, found: list[str]) -> None:
    assert [c.text for c in candidates(sentence, kind, 2026)] == found


def test_a_crowd_counts_people_not_things() -> None:
    sentence = "A crowd of 6,412 watched the match."
    people_asked, things_asked = read_question("How many fans were there?"), read_question("How many cards were shown?")
    found = best_phrase(sentence, people_asked, 2026)
    assert found is not None and found.answer == "6,412"
    assert best_phrase(sentence, things_asked, 2026) is None


def test_a_cup_is_no_person_and_a_body_named_by_the_question_is_no_answer() -> None:
    assert "Northern Counties Cup" not in [c.text for c in people("They reached the Northern Counties Cup final.")]
    sentence = "Millbrook City Council voted on Tuesday, and council leader Priya Raman welcomed it."
    found = best_phrase(sentence, read_question("Who is the leader of Millbrook council?"), 2026)
    assert found is not None and found.answer == "Priya Raman"


def test_who_does_it_is_also_the_one_its_role_names() -> None:
    sentence = "Redbridge Athletic lost, and Ashford manager Ruth Castellano praised her side."
    at = sentence.index("Ruth Castellano")
    assert _does(sentence, Candidate(at, at + 15, "Ruth Castellano", "Ruth Castellano", person=True), "manag")
    assert not _does(sentence, Candidate(0, 18, "Redbridge Athletic", "Redbridge Athletic"), "manag")
    appointed = best_phrase("Chairman Tom Reed appointed Maria Lopez as head coach on Monday.",
                            read_question("Who appointed the head coach?"), 2026)
    assert appointed is not None and appointed.answer == "Tom Reed"  # the one after the verb did not do it
    coach = "Redbridge Athletic lost, and Ashford coach Ruth Castellano praised her side."
    at = coach.index("Ruth")
    assert _does(coach, Candidate(at, at + 15, "Ruth Castellano", "Ruth Castellano", person=True), "coach")
    sponsor = "The bank agreed to sponsor Maria Lopez next year."
    at = sponsor.index("Maria")
    assert not _does(sponsor, Candidate(at, at + 11, "Maria Lopez", "Maria Lopez", person=True), "sponsor")


@pytest.mark.parametrize("sentence, question, answer", [
    ("The tower, which cost £40 million to build, is 300 m high.", "How tall is the tower?", "300 m"),
    ("Okafor, 19, signed a contract worth £2 million a year.", "How old is Okafor?", "19"),  # the age, not the sum
    ("Construction of the 4 km long tunnel took six years.", "How long did construction of the tunnel take?",
     "six years"),  # a length is how long a thing is, not how long it took
    ("About 60% of the cost, put at £42 million, is paid by the state.", "How much will the extension cost?",
     "£42 million"),  # a share says by how much, not what it cost
    ("However, Holm & Berg won the contract.", "Who won the contract?", "Holm & Berg"),
    ("It came out of the R&D budget.", "Who paid for the study?", None),  # letters joined by "&" are no firm
    ("The tower cost $40m and is 300 m high.", "How tall is the tower?", "300 m"),  # "$40m" is no 40 metres
    ("Okafor signed a deal worth £2m a year.", "How old is Okafor?", None),
    ("Prices rose 3.2% last year.", "How much did prices rise?", "3.2%"),  # a share answers how much it rose
    ("The last section of the wall is 4.2 miles long.", "How long was the last section of the wall?", "4.2 miles"),
    ("The bridge will be 240 metres long.", "How long is the bridge going to be?", "240 metres"),
    ("The road, 2 miles long, is closed for three weeks.", "How long will the closure last?", "three weeks"),
    ("The contract was won by Smith, Jones & Partners.", "Who won the contract?", "Smith, Jones & Partners"),
    ("The chain was bought by H&M.", "Who bought the chain?", "H&M"),
])
def test_a_news_phrase_answers_only_the_kind_it_is(sentence: str, question: str, answer: str | None) -> None:
    found = best_phrase(sentence, read_question(question), 2026)
    assert (found.answer if found else None) == answer


def test_a_crowd_keeps_its_scale_and_mid_month_is_a_month() -> None:
    assert [c.answer for c in candidates("A population of 45 million.", "count", 2026)] == ["45 million"]
    assert [c.text for c in candidates("Work will begin in mid-September.", "when", 2026)] == ["mid-September"]


@pytest.mark.parametrize("sentence, name, asked, fits", [
    ("Graham Pettifer, 54, of Lower Sandby, was sentenced.", "Lower Sandby", "Who spotted the fraud?", False),
    ("A woman, aged 31, from Hatchford has been charged.", "Hatchford", "Who reported the crash?", False),
    ("Graham Pettifer, 54, of Lower Sandby, was sentenced.", "Graham Pettifer", "Who was sentenced?", True),
    ("Graham Pettifer (54), of Lower Sandby, was sentenced.", "Lower Sandby", "Who spotted the fraud?", False),
    ("The 54-year-old, from nearby Lower Sandby, was sentenced.", "Lower Sandby", "Who spotted the fraud?", False),
    ("The prize went to Anna Berg of Lower Sandby.", "Lower Sandby", "Who won the prize?", True),  # no age before it
    ("A donation of £2,500, from Anna Berg, paid for the bench.", "Anna Berg", "Who paid for the bench?", True),
    ("A letter dated March 3, from Anna Berg, was read out.", "Anna Berg", "Who wrote the letter?", True),
    ("The winning goal came in minute 88, from Jamie Vardy.", "Jamie Vardy", "Who scored the winner?", True),
])
def test_where_someone_named_with_their_age_lives_answers_no_who(sentence: str, name: str, asked: str,
                                                                 fits: bool) -> None:
    at = sentence.index(name)
    cand = Candidate(at, at + len(name), name, name, person=True)
    assert may_answer(cand, sentence, read_question(asked), NO_TITLES, 2026) is fits


@pytest.mark.parametrize("sentence, name, shown", [
    ("Vice-Chancellor Professor Alan Mereweather described the award.", "Alan Mereweather", "Alan Mereweather"),
    ("Passing sentence, Judge Margaret Hollins said it.", "Margaret Hollins", "Margaret Hollins"),
    ("Detective Inspector Jane Moss said.", "Jane Moss", "Jane Moss"),
    ("Councillor Venn said it.", "Venn", "Councillor Venn"),  # a surname alone keeps its office, as "Ambassador Park"
    ("Lady Gaga sang.", "Lady Gaga", "Lady Gaga"),  # honours that open other names are left
    ("Dean Martin sang.", "Dean Martin", "Dean Martin"),
    ("After Vice-Chancellor Professor Alan Mereweather spoke, they left.", "Alan Mereweather", "Alan Mereweather"),
    ("Then Detective Inspector Jane Moss said.", "Jane Moss", "Jane Moss"),  # the opener goes with the honour
    ("Professor Emeritus John Smith led the inquiry.", "John Smith", "John Smith"),
    ("After President Lee spoke, they left.", "After President Lee", "President Lee"),  # titles as they were
])
def test_an_honour_or_office_before_a_name_is_not_the_name(sentence: str, name: str, shown: str) -> None:
    """A who-question asking for the vice-chancellor is answered "Alan Mereweather": before, the name ran from
    "Vice-Chancellor", held the question's own words and answered nothing."""
    assert [(c.text, c.answer) for c in people(sentence)] == [(name, shown)]
    found = best_phrase(sentence, read_question("Who is the vice chancellor?"), 2026)
    if "Vice-Chancellor" in sentence:
        assert found is not None and found.answer == "Alan Mereweather"
