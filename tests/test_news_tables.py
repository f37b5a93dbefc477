"""The fourth pair of news stories (stop 47): a table's row read under its header, an interview's answer under its
question, a numbered item by its place; ages; how often; days in a range; namesakes; a question word mistyped first;
an hour in words beside the part of the day (bot/engine/leads.py, ages.py, namesakes.py, phrases.py, spelling.py,
hours.py, people.py; bot/text/dates.py)."""

import pytest

from bot.engine.ages import ages, asks_age
from bot.engine.engine import Engine
from bot.engine.hours import another_time, clock_times
from bot.engine.leads import heads_rows, lead_of, place_words, rows_headed
from bot.engine.namesakes import namesake_only
from bot.engine.people import named_alone, who_is_who
from bot.engine.phrases import candidates
from bot.engine.question import question_kind, read_question
from bot.engine.reading import rows_ended
from bot.engine.spelling import Speller
from bot.engine.tables import table_cell
from bot.index.embedding import SentenceTransformerEmbedder
from bot.text.dates import find_dates
from bot.text.words import terms

from .conftest import engine_over_story

TABLE = ("The winter timetable is as follows:\n\n"
         "Leaves Ardmore | Reaches Pell | Boat\n"
         "07:10 | 07:55 | MV Gannet\n"
         "09:30 | 10:15 | MV Skua\n\n"
         "Fares rise in May.")


def test_a_rows_lead_is_its_tables_header() -> None:
    row = TABLE.index("09:30")
    assert lead_of(TABLE, row) == "Leaves Ardmore | Reaches Pell | Boat"
    assert lead_of(TABLE, TABLE.index("07:10")) == "Leaves Ardmore | Reaches Pell | Boat"
    assert lead_of(TABLE, TABLE.index("Leaves")) == ""  # the header itself reads under nothing
    assert lead_of(TABLE, TABLE.index("Fares")) == "" and lead_of(TABLE, 0) == ""
    assert heads_rows(TABLE, TABLE.index("Leaves")) and not heads_rows(TABLE, row) and not heads_rows(TABLE, 0)
    # rows of figures with no header: the first row is none
    assert lead_of("x\n07:10 | 07:55\n09:30 | 10:15", 15) == ""
    markdown = "| Route | Fare |\n|---|---|\n| A–B | £5 |\n| B–C | £7 |"
    assert lead_of(markdown, markdown.index("| A–B")) == "| Route | Fare |"
    years = "Party | 2021 | 2026\nGreen | 13 | 24\nBlue | 9 | 11"
    assert lead_of(years, years.index("Blue")) == "Party | 2021 | 2026"  # years head columns
    # a byline of two pipe lines is no table: one "row" only
    byline = "By Ingrid Solheim | Culture Desk\nPublished 19 Sept 2026 | Updated 20 Sept\n\nThe museum reopened."
    assert lead_of(byline, byline.index("Published")) == "" and not heads_rows(byline, 0)
    # a header further up than is followed is not guessed from a row
    long_table = "Player | Club\n" + "".join(f"P{i} | C{i}\n" for i in range(45))
    assert lead_of(long_table, long_table.index("P42 |")) == ""
    assert lead_of(long_table, long_table.index("P5 |")) == "Player | Club"


def test_an_answers_lead_is_its_question_and_an_items_its_heading() -> None:
    text = "We spoke to her.\n\nQ: How many staff?\nA: Twenty-two. Most live nearby.\n\nA: Not a reply."
    assert lead_of(text, text.index("Twenty")) == "How many staff?"
    assert lead_of(text, text.index("Most")) == "How many staff?"  # the rest of the answer's line
    assert lead_of(text, text.index("Not a")) == ""  # no question above it
    listed = "Final standings (top three):\n1. Ana Sorel – 7 pts\n2. Pavel Ork – 6 pts\n\n- a loose item"
    assert lead_of(listed, listed.index("Pavel")) == "Final standings (top three)"
    assert lead_of(listed, listed.index("a loose")) == ""
    assert heads_rows(listed, 0) and heads_rows(text, text.index("Q: How"))  # a heading, a question: no answers
    counted = "Three evacuation centres have opened:\n- Ash Hall\n- Elm School"
    assert lead_of(counted, counted.index("Ash")) == "Three evacuation centres have opened"
    assert not heads_rows(counted, 0)  # it answers how many opened


def test_a_numbered_items_place() -> None:
    listed = "Top:\n5. Elin Lund – 6 pts\n12) Bob Ray\n2025. A year, no place"
    assert place_words(listed, listed.index("Elin")) == "fifth 5th"
    assert place_words(listed, listed.index("5.")) == "fifth 5th"
    assert place_words(listed, listed.index("Bob")) == "twelfth 12th"
    assert place_words(listed, listed.index("A year")) == "" and place_words(listed, 0) == ""
    assert set(terms("fifth")) <= set(terms(place_words(listed, listed.index("Elin"))))


def test_the_reader_reads_a_row_with_its_headers_words() -> None:
    start = TABLE.index("Leaves")
    shown = rows_ended(TABLE[start:])
    view, origin = rows_headed(TABLE, start, shown)
    assert "Leaves Ardmore 09:30; Reaches Pell 10:15; Boat MV Skua" in view
    at = view.index("MV Skua")
    assert shown[origin[at]:origin[at + len("MV Skua") - 1] + 1] == "MV Skua"  # mapped back to the passage
    put_in = view.index("Reaches Pell 10:15")
    assert origin[put_in] == -1  # the header's words are no passage text
    plain = "No table here.\nJust lines."
    assert rows_headed(plain, 0, plain) == (plain, list(range(len(plain))))
    odd = "A | B\n1 | 2\n\u2028 | \n3 | 4 | 5\n|"  # a row of other width, a bare bar, a line separator
    view, origin = rows_headed(odd, 0, odd)
    assert [view[i] for i, o in enumerate(origin) if o >= 0] == [odd[o] for o in origin if o >= 0]


def test_table_cells_give_no_titles_nor_a_dateline_a_surname() -> None:
    table = who_is_who(["Departs Kelmouth | Arrives Osley | Vessel", "Chief executive Harold Venn said so."])
    assert "kelmouth" not in table.full_names and table.full_names.get("venn") == "Harold Venn"
    assert not named_alone("VENN — The ferry firm said on Monday.", table)
    assert [c.answer for c in named_alone("Venn said the firm had no choice.", table)] == ["Harold Venn"]


@pytest.mark.parametrize("question, asked", [
    ("how old is sorell", True), ("What age was she when she won?", True), ("What is his age?", True),
    ("At what age can you vote?", True),
    ("What is Elin Lund's age?", True), ("How old is the building?", True),
    ("How long is the route?", False), ("What is the age limit?", False),
])
def test_an_age_asked(question: str, asked: bool) -> None:
    assert asks_age(question) == asked


@pytest.mark.parametrize("sentence, asked, found", [
    ("GRENHOLM — Seventeen-year-old Anika Sorell won the Open.", ["sorel"], ["Seventeen-year-old"]),
    ("It was the 19-year-old's first senior goal for the club.", ["doyl"], ["19-year-old"]),  # named the line before
    ("Graham Pettifer, 54, of Lower Sandby, was sentenced.", ["pettif", "sentenc"], ["54"]),
    ("Elin Lund, 15, also took the prize.", ["henrik", "lund"], []),  # her brother is asked about
    ("Elin Lund, 15, also took the prize.", ["elin", "lund"], ["15"]),
    ("He died aged 87 in Paris.", ["he"], ["87"]),
    ("She left school at the age of sixteen.", ["she"], ["sixteen"]),
    ("A twenty-two-year-old man was arrested.", [], ["twenty-two-year-old"]),
    ("Kim Ray, 31 and Lee Park, 29, were held.", ["lee", "park"], ["29"]),
    ("The hall seats 1,200, 40 more than before.", ["hall"], []),
    ("Harold Venn, who owns the 300-year-old mill, spoke.", ["harold", "venn"], []),  # a thing's age
    ("Seventeen-year-old deckhand Tom Ives joined the crew.", ["tom", "ive"], ["Seventeen-year-old"]),
    ("The 1,000-year-old abbey fell.", ["abbey"], []),  # (not "000-year-old")
    ("The 19-year-old scored twice.", ["doyl"], ["19-year-old"]),
    ("Care leavers aged 18 to 21 travel free.", ["leaver"], ["18 to 21"]),
])
def test_ages_of_the_person_asked(sentence: str, asked: list[str], found: list[str]) -> None:
    assert [c.text for c in ages(sentence, asked)] == found


@pytest.mark.parametrize("question, sentence, other", [
    ("When did Harold Venn raise the matter?", "Ruth Venn said she raised the matter last Tuesday.", True),
    ("How old is Henrik Lund?", "Elin Lund, 15, also took the prize.", True),
    ("How old is Henrik Lund?", "Henrik Lund and his sister Elin Lund finished third and fifth.", False),
    ("Who is Harold Venn?", "Chief executive Harold Venn said so.", False),
    ("when did venn raise it", "Ruth Venn said so.", False),  # no full name asked
    ("Which president ended the Emergency Energy Conservation Act?", "Bill Clinton signed the National Highway "
     "Designation Act.", False),  # an act is no surname
    ("What language is spoken in Mediterranean Europe?", "English is spoken in Southern Europe.", False),
    ("Did Lee Jae-myung attend?", "President Lee Jae-myung sent a message.", False),
    ("When did Harold Venn resign?", "Councillor Venn resigned in May.", False),  # a title is no first name
    ("When did Harold Venn resign?", "Bishop Venn resigned in May.", False),
    ("Where did Harold Venn study?", "Venn studied at Kings College with Ruth Venn.", False),  # he, by surname
    ("When did Harold Venn resign?", "Venn's sister Ruth Venn said he resigned in May.", False),
])
def test_a_namesake_does_not_answer_for_the_person_asked(question: str, sentence: str, other: bool) -> None:
    assert namesake_only(question, sentence) == other


@pytest.mark.parametrize("question, kind", [
    ("how often do the sensors take readings", "frequency"), ("How frequently do buses run?", "frequency"),
    ("How many times a year is it held?", "frequency"), ("How many times did he win?", "count"),
    ("How often has Serena won Wimbledon?", "frequency"), ("What age group is it for?", "other"),
    ("How many times a player has won it?", "count"),
    ("What age was she?", "measure"), ("Kanye has the most awards of what type for his age?", "other"),
    ("He became a millionaire by what age?", "other"),  # (the reader reads it: "by 30")
])
def test_how_often_asks_for_a_frequency(question: str, kind: str) -> None:
    assert question_kind(question) == kind


@pytest.mark.parametrize("sentence, found", [
    ("It measures soil temperature every fifteen minutes.", ["every fifteen minutes"]),
    ("Surveys are carried out twice a year.", ["twice a year"]),
    ("Buses run every 30 minutes and trains three times an hour.", ["every 30 minutes", "three times an hour"]),
    ("Open days are held each spring; the data is published daily.", ["each spring", "daily"]),
    ("The prize is awarded every other year, on Mondays.", ["every other year"]),
    ("It opened in spring and cost £5m.", []),
    ("Ives has won the regatta four times.", ["four times"]),  # "How often has Ives won?"
    ("It costs three times the amount and runs five times faster, twice as fast.", []),  # multipliers
    ("She has played twenty-two times and meets several times a week.", ["twenty-two times", "several times a week"]),
    ("Once a decision is made, the Daily Mail said each year group would move.", []),
])
def test_frequencies(sentence: str, found: list[str]) -> None:
    assert [c.text for c in candidates(sentence, "frequency", 2026)] == found


@pytest.mark.parametrize("text, normalized", [
    ("Next year's Open will be held from 9 to 17 April 2027.", ["9–17 April 2027"]),
    ("The festival runs 5-7 December.", ["5–7 December 2026"]),
    ("It ran from 26 October to 11 November 2025.", ["26 October – 11 November 2025"]),
    ("December 5 to 7", ["5–7 December 2026"]),
    ("from 1 November to 31 March", ["1 November – 31 March 2026"]),  # a winter, over New Year
    ("from 5 May to 3 May", ["5 May 2026", "3 May 2026"]),  # backwards
    ("December 5 to 7 pm", ["5 December 2026"]),  # an hour, not a day
    ("on 9 and 17 April", ["17 April 2026"]),  # two days, not a range (the first is no date alone)
    ("cut from eleven to 8 when the timetable starts on 5 April 2026", ["5 April 2026"]),
    ("from 17 to 9 April", ["9 April 2026"]),  # no range runs backwards
    ("from 5 May to 3 March 2026", ["5 May 2026", "3 March 2026"]),
    ("from March 2 until 14:00", ["2 March 2026"]),  # an hour, not a day
    ("Prices rose from 5 to 10 per cent in March 2026.", ["March 2026"]),
])
def test_days_in_a_range(text: str, normalized: list[str]) -> None:
    assert [d.normalized for d in find_dates(text, 2026)] == normalized


@pytest.mark.parametrize("question, read", [
    ("wen does the new timetable start", "when does the new timetable start"),
    ("Wat is the fare?", "What is the fare?"),
    ("  whre is it", "  where is it"),
    ("what is wen", "what is wen"),  # only the opening word
    ("wen is the fair", "when is the fair"),
    ("Wen Jiabao visited which country?", "Wen Jiabao visited which country?"),  # a name
    ("Wat Tyler led which revolt?", "Wat Tyler led which revolt?"),
])
def test_a_question_word_mistyped_first(question: str, read: str) -> None:
    assert Speller.of(["The new timetable starts soon."]).correct(question)[0] == read


def test_a_word_of_the_sources_first_is_no_typo() -> None:
    assert Speller.of(["Wat Tyler led the revolt."]).correct("wat did the revolt win")[0] == "wat did the revolt win"


@pytest.mark.parametrize("sentence, found", [
    ("We write the menu each morning at about ten, once we know what's landed.", ["about ten"]),
    ("The shop opens at nine in the morning.", ["nine"]),
    ("Doors open at 7pm.", ["7pm"]),
    ("She scored at ten in the evening session.", []),
    ("They spent the night at one or two hotels.", []),
    ("He was at 10 Downing Street in the morning.", []),
    ("They spent the night at one of the hotels.", []),
    ("In the morning at 10 Downing Street, he spoke.", []),
    ("That evening at two venues the choir sang.", []),
])
def test_an_hour_in_words_beside_the_part_of_the_day(sentence: str, found: list[str]) -> None:
    assert [c.text for c in clock_times(sentence)] == found


STORY = """Osprey Ferries trims Ardmore crossings
By Jo Marsh | 4 March 2026

ARDMORE — Osprey Ferries will cut its weekday crossings between Ardmore and Pell from nine to six when the winter
timetable starts on 2 November 2026. Chief executive Harold Venn blamed fuel costs.

The new weekday timetable:

Leaves Ardmore | Reaches Pell | Boat
07:10 | 07:55 | MV Gannet
09:30 | 10:15 | MV Skua
13:45 | 14:30 | MV Gannet

Councillor Ruth Venn, 52, who is not related to the chief executive, raised the cuts with officials last Tuesday.
Seventeen-year-old deckhand Tom Ives joined the crew in May.

We asked Harold Venn about the fleet.

Q: How many people work on the boats?
A: Forty-one, and most of them live on Pell.

Q: How often are the boats inspected?
A: Every six months, by the harbour authority.

Final standings in the staff regatta:
1. Tom Ives – 12 pts
2. Ruth Venn – 10 pts
3. Amy Doran – 9 pts

The company's summer fair will run from 12 to 14 June 2026.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, st_embedder: SentenceTransformerEmbedder) -> Engine:
    return engine_over_story(tmp_path_factory, "ferries.txt", STORY, st_embedder)


@pytest.mark.parametrize("question, answer", [
    ("which boat reaches Pell at 10:15", "MV Skua"),
    ("How old is Ruth Venn?", "52"),
    ("how old is tom ives", "Seventeen"),
    ("Who came third in the staff regatta?", "Amy Doran"),
    ("How often are the boats inspected?", "Every six months"),
    ("When is the summer fair?", "12–14 June 2026"),
    ("wen does the winter timetable start", "2 November 2026"),
])
def test_tables_interviews_and_ages_through_the_real_engine(engine: Engine, question: str, answer: str) -> None:
    got = engine.answer(question)
    assert not got.abstained and answer in (got.text or ""), got.text


@pytest.mark.parametrize("question, not_this", [
    ("When did Harold Venn raise the cuts with officials?", "Tuesday"),  # Ruth Venn did
    ("How old is Harold Venn?", "52"),
])
def test_what_the_story_does_not_say_through_the_real_engine(engine: Engine, question: str, not_this: str) -> None:
    got = engine.answer(question)
    assert got.abstained or not_this not in (got.text or ""), got.text


@pytest.mark.parametrize("question, sentence, other", [
    ("which boat reaches Pell at 10:15", "07:10 | 07:55 | MV Gannet", True),
    ("which boat reaches Pell at 7:55", "07:10 | 07:55 | MV Gannet", False),
    ("what left at 10:15am", "At 10.15am the ferry left.", False),
    ("who spoke at 7pm", "At 7 p.m. Venn spoke.", False),
    ("what happened at 19:00", "At 7pm the lights went out.", False),
    ("what is on at noon", "A 12 noon concert.", False),
    ("what left at 7.30am", "The 19:30 ferry left.", True),
    ("what left at 7.30", "The 19:30 ferry left.", False),  # a half of the day not given is either
    ("who spoke at half past noon", "At 12:30 the mayor spoke.", False),
    ("who spoke at half past noon", "At noon the mayor spoke.", True),
    ("who spoke at quarter to midnight", "At 23:45 the mayor spoke.", False),
    ("which boat leaves after 9am", "09:30 | 10:15 | MV Skua", False),  # a bound, not the row's own time
    ("what happened", "At 7pm the lights went out.", False),  # no time asked
])
def test_another_hours_row(question: str, sentence: str, other: bool) -> None:
    assert another_time(question, sentence) == other


def test_a_tables_cell_by_its_rows_time() -> None:
    header = "Leaves Ardmore | Reaches Pell | Boat"
    asked = read_question("which boat reaches Pell at 10:15")
    assert (cell := table_cell(asked, "09:30 | 10:15 | MV Skua", header)) is not None and cell.text == "MV Skua"
    assert table_cell(asked, "15:10 | 15:55 | MV Tern", header) is None  # the same figures, another time
    assert table_cell(read_question("which boats reach Pell at 10:15"), "09:30 | 10:15 | MV Skua", header) is not None
    assert table_cell(read_question("when does the ferry run"), "09:30 | 10:15 | MV Skua", header) is None
