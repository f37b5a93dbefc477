"""Checking a model's reply: JSON, passage numbers, marks, mentions, and quotes found in their passages."""

from __future__ import annotations

import json

import pytest

from bot.llm.verify import FUZZY_MIN, FUZZY_MIN_CHARS, DoesNotSay, Rejected, check, find_quote, parse

PASSAGE = ("Most recently, on December 5th, a concert was held in Seoul by musicians and choir members, "
           "Korean and Japanese alike, to commemorate the 60-year anniversary.")
OTHER = "The Treaty on Basic Relations was signed on June 22, 1965 in Tokyo."
PASSAGES = {1: PASSAGE, 2: OTHER}


def reply(answer: object, *citations: tuple[object, str]) -> str:
    return json.dumps({"answer": answer, "citations": [{"n": n, "quote": q} for n, q in citations]})


def test_an_exact_quote_is_found_where_it_is() -> None:
    a, b = find_quote("a concert was held in Seoul", PASSAGE)  # type: ignore[misc]
    assert PASSAGE[a:b] == "a concert was held in Seoul"


def test_case_whitespace_quote_marks_and_dashes_do_not_matter() -> None:
    text = "He said “we  must move\nforward” — together."
    a, b = find_quote('WE MUST MOVE FORWARD" - together', text)  # type: ignore[misc]
    assert text[a:b] == "we  must move\nforward” — together"


def test_the_fuzzy_threshold_allows_a_typo_but_not_an_invented_clause() -> None:
    assert FUZZY_MIN == 95.0 and FUZZY_MIN_CHARS == 20
    assert find_quote("a concert was held in Seol by musicians and choir members", PASSAGE) is not None
    assert find_quote("a concert was held in Tokyo by famous pop singers and dancers", PASSAGE) is None
    assert find_quote("held in Seol", PASSAGE) is None  # a short quote must be exact
    assert find_quote("", PASSAGE) is None and find_quote(PASSAGE + " And more.", PASSAGE) is None


def test_a_good_reply_checks_and_its_marks_are_put_in_cited_order() -> None:
    checked = check(reply("Signed in Tokyo [2] before the concert [1, 2].", (2, "signed on June 22, 1965"),
                          (1, "a concert was held in Seoul")), PASSAGES)
    assert checked.order == (2, 1)
    assert checked.answer == "Signed in Tokyo [2] before the concert [1][2]."
    a, b = checked.quotes[2]
    assert OTHER[a:b] == "signed on June 22, 1965"


@pytest.mark.parametrize("text", [
    "```json\n" + reply("In Seoul [1].", (1, "held in Seoul")) + "\n```",
    "Here is the JSON: " + reply("In Seoul [1].", (1, "held in Seoul")) + " Hope it helps.",
])
def test_fences_and_surrounding_words_are_accepted(text: str) -> None:
    assert check(text, PASSAGES).order == (1,)


@pytest.mark.parametrize(("text", "reason"), [
    ("December 5.", "not JSON"),
    ("[1, 2]", "not JSON"),
    (json.dumps({"text": "x"}), "no answer"),
    (reply(42, (1, "held in Seoul")), "not text"),
    (reply("In Seoul [1]."), "cites no passage"),
    (reply("In Seoul [3].", (3, "held in Seoul")), "passage not given"),
    (reply("In Seoul [1].", ("one", "held in Seoul")), "not given"),
    (reply("In Seoul [1].", (True, "held in Seoul")), "not given"),
    (reply("In Seoul [1].", (1, "")), "no quote"),
    (reply("In Seoul [1].", (2, "held in Seoul")), "invented quote"),
    (reply("In Seoul.", (1, "held in Seoul")), "no [n] marks"),
    (reply("In Seoul [1][2].", (1, "held in Seoul")), "marks [2] without quoting it"),
    (reply("@everyone In Seoul [1].", (1, "held in Seoul")), "mentions someone"),
    (reply("In Seoul [1] <@&123456>.", (1, "held in Seoul")), "mentions someone"),
    (reply("In Seoul [1].", (1, "<@42> held in Seoul")), "mentions someone"),
    (reply("x" * 1001 + " [1]", (1, "held in Seoul")), "answer too long"),
    (reply("In Seoul [1].", (1, "held in Seoul " * 40)), "quote too long"),
    (reply("In Seoul [1].", *[(1, "held in Seoul")] * 9), "too many citations: 9"),
])
def test_a_bad_reply_is_rejected_with_its_reason(text: str, reason: str) -> None:
    with pytest.raises(Rejected, match=reason.replace("[", r"\[").replace("]", r"\]")):
        check(text, PASSAGES)


def test_a_null_answer_says_the_passages_do_not_say() -> None:
    with pytest.raises(DoesNotSay):
        check('{"answer": null}', PASSAGES)


def test_the_shown_answer_is_cleaned() -> None:
    text = reply("In\u200b Seoul\x1b[31m [1].\n\nOn 5 December [1].", (1, "held in Seoul"))
    assert check(text, PASSAGES).answer == "In Seoul [1].\nOn 5 December [1]."


def test_a_passage_number_may_come_as_a_string() -> None:
    assert check(reply("In Seoul [1].", ("1", "held in Seoul")), PASSAGES).order == (1,)
    # but only a short one in decimal digits: "¹" passed isdigit() and "9" * 5000 is past int()'s limit, and both
    # raised ValueError (logged as a bug; the extractive answer was shown)
    for n in ("¹", "9" * 5000):
        with pytest.raises(Rejected, match="passage not given"):
            check(reply("In Seoul [1].", (n, "held in Seoul")), PASSAGES)


def test_parse_takes_the_outermost_object() -> None:
    assert parse('noise {"answer": "a {b} c"} noise') == {"answer": "a {b} c"}
