"""A question's names must stand near its answer: "Who announced an embargo on Kuwait?" is not answered by what
Libya announced, though the article names Kuwait elsewhere (SQuAD 2.0's unanswerable questions swap such names)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.engine.engine import Engine
from bot.engine.name_pairs import NamePairs, name_pairs_of
from bot.engine.named_near import missing_names, topics_of
from bot.engine.question import read_question
from bot.models import Article, Sentence
from bot.text.words import query_terms


@dataclass(frozen=True)
class _Known:
    topics: dict[str, frozenset[str]] = field(default_factory=dict)
    common_terms: frozenset[str] = frozenset()
    name_pairs: NamePairs = NamePairs(frozenset(), frozenset())


def _article(*texts: str, title: str = "The oil crisis", head: str = "") -> tuple[list[Sentence], dict[str, Article]]:
    sentences, at = [], len(head)
    for text in texts:
        sentences.append(Sentence("a", at, at + len(text), text))
        at += len(text) + 1
    return sentences, {"a": Article("a", title, head + " ".join(texts))}


def _missing(question: str, *texts: str, answer: int = 1, topics: frozenset[str] = frozenset(),
             common: frozenset[str] = frozenset(), **kwargs: str) -> tuple[str, ...]:
    sentences, articles = _article(*texts, **kwargs)
    known = _Known({"a": topics}, common, name_pairs_of(s.text for s in sentences))
    return missing_names(read_question(question), (answer, answer), sentences, articles, known)


@pytest.mark.parametrize(("question", "texts", "missing"), [
    # a name of the article swapped in: not answered by what another did
    ("What did Kuwait announce?", ("The talks went on.", "Libya announced it would embargo oil shipments.",
                                   "Kuwait followed a week later."), ("kuwait",)),
    ("Where was Montcalm's offense focused?", ("The war went on.", "Wolfe focused on the defense of Quebec."),
     ("montcalm",)),
    # named in the sentence before (a "he" there), or in the next one when it goes on about it
    ("Who ordered Loudoun to attack?", ("Loudoun waited in New York.", "He was then ordered by Pitt to attack."),
     ()),
    ("When was the Ode to Joy concert?", ("The talks went on.", "A concert was held on December 5.",
                                          "They performed Beethoven's “Ode to Joy”."), ()),
    # the same name written otherwise
    ("Who is the closest ally of the US?", ("The talks went on.", "Iran was a close ally of the United States."),
     ()),
    ("What did the UK ration?", ("The talks went on.", "The British rationed petrol."), ()),
    ("What did the Kuwaiti minister say?", ("The talks went on.", "Kuwait said it would cut production."), ()),
    ("What did the AAA report?", ("The talks went on.", "The American Automobile Association reported lines."), ()),
    ("What did the IRS report?", ("The talks went on.", "The Internal Revenue Service reported it."), ()),
    ("Are CFLs dimmable?", ("The talks went on.", "Not all CFL's are suitable for dimming."), ()),
    ("How long does a CFL last?", ("The talks went on.", "CFLs last for years."), ()),
    ("What did the USA report?", ("The talks went on.", "The United States reported lines."), ()),
    ("What did Bjornholt argue?", ("The talks went on.", "Margunn Bjørnholt argued it."), ()),
    ("What did Tokyo pay?", ("The talks went on.", "Japan provided $800 million in aid."), ()),
    ("When did France cede Louisiana?", ("The talks went on.", "The French ceded Louisiana in 1762."), ()),
    ("What did TV show?", ("The talks went on.", "Television showed the lines."), ()),
    # of a person's name, the last word is enough
    ("Where was Daniel Craig's knee fixed?", ("The talks went on.", "Craig was flown to New York."), ()),
    ("What did Peter J. Wallison say?", ("The talks went on.", "According to Wallison, it was the bubble."), ()),
    # no names: dates, a body's common word, the article's title or its dateline
    ("What happened on Monday, June 16?", ("The talks went on.", "The ceremony was held on June 16."), ()),
    ("Who hosted the event at the Japanese Embassy?", ("The talks went on.", "Japan's embassy hosted it."), ()),
    ("When did the Oil Crisis start?", ("The talks went on.", "It began in October 1973."), ()),
    # a year asked about, as a name
    ("What were Loudoun's plans for 1775?", ("The talks went on.", "Loudoun planned an attack for 1757."),
     ("1775",)),
    ("What were Loudoun's plans for 1757?", ("The talks went on.", "Loudoun planned an attack for 1757."), ()),
    ("Who paid for 1500 soldiers?", ("The talks went on.", "Loudoun paid for the soldiers."), ()),  # a count
    # and a day asked about: the sentences' own, or the article's date
    ("What was taken against Japan on December 25th?", ("The talks went on.", "On November 22, Japan issued it."),
     ("25 december",)),
    ("What did Japan issue on November 22?", ("The talks went on.", "On November 22, Japan issued it."), ()),
])
def test_a_name_must_stand_near_the_answer(question: str, texts: tuple[str, ...], missing: tuple[str, ...]) -> None:
    assert _missing(question, *texts) == missing


def test_the_sentence_before_does_not_stand_near_an_answer_about_another_name() -> None:
    before = "Cornell won the regatta."
    # "Harvard also won...": about Harvard, so Cornell in the sentence before is not near it
    assert _missing("What event did Cornell win in 2003?", before, "Harvard also won a title in 2003.") == ("cornel",)
    assert _missing("What did Cornell win?", before, "The Harvard team won a title.") == ("cornel",)
    # a sentence opening otherwise goes on from the one before
    assert _missing("What event did Cornell win in 2003?", before, "It also won a title in 2003.") == ()
    assert _missing("What event did Cornell win in 2003?", before, "Moreover, they won a title in 2003.") == ()
    assert _missing("What did Cornell win?", before, "Harvard won it.", common=frozenset({"harvard"})) == ()
    assert _missing("What did Cornell beat Harvard in?", before, "Harvard lost a title.") == ()  # named by both
    # the question's name by another form or name, or another word of it
    assert _missing("What did Britain offer Israel?", "Israel asked Britain for arms.", "The UK offered tanks.") == ()
    assert _missing("What did Kuwait tell Iraq?", "Iraq threatened Kuwait.", "Kuwaiti officials said no.") == ()
    assert _missing("What did Bjornholt say of Norway?", "Norway debated it.", "Margunn Bjørnholt argued it.") == ()


def test_a_side_of_a_place_is_named_by_the_place_unless_another_side_is() -> None:
    assert _missing("Who is the ambassador to South Korea?", "The talks went on.", "Park is ambassador to Korea.") == ()
    assert _missing("Who controlled the South American forces?", "The talks went on.",
                    "Shirley commanded the forces in North America.") == ("south",)


def test_a_words_run_is_no_persons_name_when_its_first_words_are_common_or_its_last_a_bodys() -> None:
    texts = ("The war went on.", "The situation in New France was made worse by a poor harvest.")
    common = frozenset(query_terms("new old"))
    assert _missing("What troubled New France?", *texts, common=common) == ()
    assert _missing("What troubled Old France?", *texts, common=common) == ("old",)
    # a word written in lower case too is covered where the sources write it in one name with the last word
    woods = ("Mark Woods became ABC's first president.", "The network grew.", "Woods left ABC in 1949.")
    common = frozenset(query_terms("mark"))  # "a mark of quality"
    assert _missing("When did Mark Woods leave ABC?", *woods, answer=2, common=common) == ()
    assert _missing("When did Mark Clark leave ABC?", "The network grew.", "Clark left ABC in 1949.",
                    common=common) == ("mark",)  # never written with "Clark": another man may be meant
    eon = ("Eon Productions made the film.", "The network grew.", "ABC set up a production company.")
    assert _missing("Who owns Eon Productions?", *eon, answer=2, common=frozenset(query_terms("eon production"))) == (
        "eon",)  # "production" is written in lower case: no surname
    assert _missing("How many museums does the Busch-Reisinger Museum hold?", "The talks went on.",
                    "The Harvard Art Museums comprise three museums.") == ("busch-reising",)


def test_what_the_article_is_about_is_near_every_sentence() -> None:
    texts = ("The talks went on.", "The network is headquartered in Manhattan.")
    assert _missing("Where is ABC headquartered?", *texts) == ("abc",)
    assert _missing("Where is ABC headquartered?", *texts, topics=frozenset({"abc"})) == ()
    assert _missing("Where is ABC headquartered?", *texts, title="American Broadcasting Company") == ()
    aired = [Sentence("a", 0, 3, "ABC aired it."), Sentence("a", 4, 9, "ABC sold it."),
             Sentence("a", 10, 20, "It was.")]
    assert "abc" not in topics_of(aired)["a"]  # two sentences are too few to make a topic
    assert "abc" in topics_of([*aired, Sentence("a", 21, 30, "ABC bought it.")])["a"]


def test_a_swapped_place_is_no_surname() -> None:
    texts = ("The town grew.", "Bristol Cathedral was built in 1220.")
    common = frozenset(query_terms("cathedral"))  # the sources' terms written in lower case somewhere
    assert _missing("When was Exeter Cathedral built?", *texts, common=common) == ("exet",)


def test_a_long_hyphenated_line_is_read_quickly() -> None:
    # the dateline pattern once tried every split of such a line (seconds for 200 words)
    assert _missing("Who came to Seoul?", "x", "Kim came.", head="-".join(["Ab"] * 400) + "\n") == ("seoul",)


def test_the_articles_date_is_near_every_sentence() -> None:
    sentences, articles = _article("The talks went on.", "Lee sent a video message.")
    dated = {"a": Article("a", "Lee", articles["a"].text, date="2025-06-16")}
    q = read_question("Who sent a video message on June 16?")
    assert missing_names(q, (1, 1), sentences, articles, _Known()) == ("16 june",)
    assert missing_names(q, (1, 1), sentences, dated, _Known()) == ()


def test_a_news_datelines_place_is_near_every_sentence() -> None:
    texts = ("Lee spoke on Monday.", "Among those attending the ceremony was Kim Ji-na.")
    assert _missing("Who attended the ceremony in Seoul?", *texts) == ("seoul",)
    assert _missing("Who attended the ceremony in Seoul?", *texts, head="Seoul, June 16: ") == ()


@pytest.mark.model
def test_a_name_the_sources_use_elsewhere_is_no_answer_here(real_engine: Engine) -> None:
    # the lighting ceremony was in Seoul; the sources name Canada, but not there
    plain = real_engine.answer("Who made a statement at the Seoul lighting ceremony?")
    assert not plain.abstained and plain.text is not None and "Kim Hong-kyun" in plain.text
    swapped = real_engine.answer("Who made a statement at the Canada lighting ceremony?")
    assert swapped.abstained and swapped.score < 0.6 * plain.score
