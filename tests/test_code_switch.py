"""Code-switched training questions for the multilingual reader (bot/reader/code_switch.py): the question word in
Korean or Japanese at the end, the words the lexicon has in that language, names and numbers as they stand."""

import random
import re

from bot.reader.code_switch import LEXICON, code_switch, code_switched, load
from bot.reader.squad import SquadQuestion

TABLE = {"war": ("전쟁", "戦争"), "treaty": ("조약", "条約"), "king": ("", "王")}


def test_the_question_word_goes_last_in_the_askers_language() -> None:
    rng = random.Random(0)
    ko = code_switch("When did the war end?", "ko", TABLE, rng, share=1.0)
    ja = code_switch("Who signed the treaty?", "ja", TABLE, rng, share=1.0)
    assert re.match(r"^전쟁 end 언제", ko), ko
    assert ja.startswith("signed") and "条約" in ja and re.search(r"誰(?:ですか|か)?[？?]$", ja), ja


def test_names_numbers_and_words_without_a_form_stay_english() -> None:
    rng = random.Random(0)
    ko = code_switch("How many soldiers did King Louis send in 1759?", "ko", TABLE, rng, share=1.0)
    assert "King" in ko and "Louis" in ko and "1759" in ko and "soldiers" in ko and ko.split()[-2:][0] == "몇"
    assert "王" not in code_switch("What did Louis the king of France sign?", "ko", TABLE, rng, share=1.0)  # no ko


def test_plural_and_past_forms_find_their_word() -> None:
    text = code_switch("Which treaties ended the wars?", "ja", TABLE, random.Random(0), share=1.0)
    assert "条約" in text and "戦争" in text and "どの" in text


def test_the_same_seed_writes_the_same_questions() -> None:
    qs = [SquadQuestion(str(i), "t", "c", f"When did war {i} end?", (("a", 0),)) for i in range(40)]
    a, b = code_switched(qs, 0.5, 13, TABLE), code_switched(qs, 0.5, 13, TABLE)
    assert a == b
    switched = [q for q, old in zip(a, qs, strict=True) if q.question != old.question]
    assert 10 <= len(switched) <= 30  # about half
    assert {("언제" in q.question) for q in switched} == {True, False}  # both languages
    assert all(q.answers == old.answers and q.context == old.context for q, old in zip(a, qs, strict=True))
    assert code_switched(qs, 0.0, 13, TABLE) == qs


def test_the_shipped_lexicon_reads_common_words() -> None:
    table = load(LEXICON)
    assert table["war"] == ("전쟁", "戦争") and table["treaty"] == ("조약", "条約")
    assert len(table) > 10_000
