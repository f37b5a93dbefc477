"""A question that asks the opposite of what its answer's sentences say ("Why did the British operations
succeed?" answered by how they failed) has its answer's confidence halved."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.opposites import opposite_asked
from bot.models import Sentence


def _sentences(*texts: str, article: str = "a") -> list[Sentence]:
    return [Sentence(article, 0, len(t), t) for t in texts]


@pytest.mark.parametrize(("question", "sentence", "asked"), [
    ("Why did British operations succeed in 1755?", "British operations in 1755 all failed.", "succeed"),
    ("What kind of immune response do smaller drugs provoke?", "Larger drugs can provoke a response.", "smaller"),
    ("Who was the youngest actress to be a Bond girl?", "Bellucci became the oldest Bond girl.", "youngest"),
    ("What is an autoimmune disease that mostly strikes men?", "Lupus strikes women preferentially.", "men"),
    ("What antibody passes from the father to the baby?", "IgG passes from the mother to the baby.", "father"),
    ("Whose son is abducted by Hinx?", "Hinx abducts Swann, Oberhauser's daughter.", "son"),
    ("What are the less complex mechanisms used to do?", "These mechanisms are more complex.", "less"),
    ("What do complement proteins activate before they bind?", "After they bind, they activate proteases.", "before"),
    # a choice between two: the sentence that says less of one says which has more
    ("Which film grossed more, Skyfall or Spectre?", "Spectre grossed less than Skyfall.", None),
    ("Who visited Seoul after the summit, Lee or Ishiba?", "Before the summit, Ishiba visited Seoul.", "after"),
    # the sentence writes the word too, or a word of the same meaning ("elder" is "older")
    ("Who won the battle?", "The British lost the first battle and won the second.", None),
    ("What is Chopin's older sister's name?", "His elder sister Ludwika; his younger sister Emilia.", None),
    ("What makes a room look larger?", "Light paint makes a room look bigger; dark paint, smaller.", None),
    # the question names both ("male or female"), or the sentence says the opposite holds too
    ("Was the boarding house for male or female students?", "It took female students.", None),
    ("What makes a room look larger?", "Dark paint makes a room look smaller, whereas light paint does the opposite.",
     None),
    ("What are phagocytes in contact with the internal environment called?",
     "Dendritic cells are phagocytes in contact with the external environment.", "internal"),
    ("In 1755 what fort did the British surrender?", "In 1755, the British captured Fort Beausejour.", "surrender"),
    # a word the table sets beside the asked one is written ("prohibited" beside "ban", "reduces" beside "decrease")
    ("What practice did the Yuan ban?", "The Yuan prohibited kosher butchering and allowed the rest.", None),
    ("What is decreased by staging?", "Staging reduces torque variability and increases efficiency.", None),
    # an opposite negated means the word ("were not included" is "excluded"); a stem's kin are other words
    ("What was excluded from the treaty?", "The islands were not included in the treaty.", None),
    ("When did the torch arrive in Seoul?", "The Marine Department carried the torch to Seoul.", None),
    ("Why was the treaty important?", "Exports rose after the treaty.", None),
    ("What did at least 300 people attend?", "Most of the 300 people attended the concert.", None),
    ("How much larger is Seoul than Busan?", "Busan is smaller than Seoul.", None),
    ("Who won the opposition's vote?", "The opposition lost the vote.", "win"),  # "opposition" is no "opposite"
    ("When will the exhibition close?", "The exhibition will open at the library on 2 March.", "close"),
    ("Who is a close ally of the mayor?", "She is an open supporter of the mayor.", None),  # close: near
    ("Who is close to the mayor?", "She is an open supporter of the mayor.", None),
    ("When will the museum close to the public?", "The museum will open to the public on 2 March.", "close"),
    # a degree asked for may be answered by its opposite
    ("How successful was the initial effort by Braddock?", "It was a disaster; Braddock failed.", None),
    ("When was the Seoul concert?", "The concert was held in Seoul.", None),  # no word with an opposite
    # "un" or "non" before a word makes its opposite, either way
    ("How long was it clear how NK cells recognize tumors?", "For years it was unclear how NK cells did.", "clear"),
    ("What is unimportant in SAR?", "SAR is important in plants.", "unimportant"),
    ("What are the non-self molecules called?", "One class of self molecules are antigens.", "non-self"),
    ("What was known about the cause?", "The cause was not unknown to them.", None),  # negated: the word itself
    ("What was known about the cause?", "The cause was unknown, and then it became known.", None),  # written too
    ("What dictionary gives a non- violent definition?", "Black's Law includes non-violent acts.", None),  # typed apart
    ("What is less than five?", "It counts unless it is five.", None),  # "unless" is no "un-less"
    ("What gave them insight?", "Their sight improved.", None),  # "sight" is no adjective
    ("What unit was formed?", "The British formed it.", None),  # "unit" is no "un-it", too short
    # "in" (im, il, ir) before an adjective's ending only
    ("What occurs when the components are active?", "It occurs when they are inactive.", "active"),
    ("What insignificant company did he invest in?", "He invested in a significant company.", "insignificant"),
    ("Who invented the form?", "The vent was in the form.", None),  # "invented", "inform" no opposites
    ("What did they inform the court of?", "They gave form to the court.", None),
    # not a word the question negates itself, nor one the sentence writes negated ("not elected" is "non-elected")
    ("Which issues is it not able to deal with?", "It is unable to deal with reserved issues.", None),
    ("What can non-elected members not do?", "As they are not elected MSPs, they cannot vote.", None),
])
def test_a_word_swapped_for_its_opposite(question: str, sentence: str, asked: str | None) -> None:
    assert opposite_asked(question, (0, 0), 0, _sentences(sentence)) == asked


def test_the_table_decides_its_own_words_also_with_a_prefix() -> None:
    both = _sentences("It was impossible then.", "Later it was possible.")
    assert opposite_asked("When was it possible to cross?", (0, 0), 0, both) is None  # written near: no opposite


def test_a_prefixed_opposite_counts_in_the_answers_own_sentences_only() -> None:
    near = _sentences("Engines of 10,000 hp had become feasible by 1883.", "Cheap steel was unavailable then.")
    assert opposite_asked("When were 10000 hp engines available?", (0, 0), 0, near) is None
    assert opposite_asked("When was cheap steel available?", (1, 1), 1, near) == "available"


def test_the_opposite_counts_near_the_answer_in_its_own_article_only() -> None:
    near = _sentences("Helper T cells bind.", "Their association is weaker.", "They then divide.")
    assert opposite_asked("Which cells have a stronger association?", (0, 0), 0, near) == "stronger"
    far = _sentences("Helper T cells bind.", "a", "b", "c", "Their association is weaker.")
    assert opposite_asked("Which cells have a stronger association?", (0, 0), 0, far) is None
    other = [Sentence("a", 0, 20, "Helper T cells bind."), Sentence("b", 0, 27, "Their association is weaker.")]
    assert opposite_asked("Which cells have a stronger association?", (0, 0), 0, other) is None


@pytest.mark.model
def test_an_answer_that_says_the_opposite_is_trusted_less(real_engine: Engine) -> None:
    # the article says the younger generation is depended on, not the older one
    plain = real_engine.answer("Which generation do Koreans and Japanese people depend on for a hopeful vision?")
    swapped = real_engine.answer("Which older generation do Koreans and Japanese people depend on for a hopeful "
                                 "vision?")
    assert not plain.abstained and plain.text is not None and "younger" in plain.text
    assert swapped.score < 0.6 * plain.score
