from datetime import date

import pytest

from bot.text.dates import find_dates, localized, month_number, months_in_full, parse_date, published_on


@pytest.mark.parametrize("text, year, expected", [
    ("on December 5th, a concert", 2025, "5 December 2025"),
    ("(Korea JoongAng Daily, 16 Feb. 2025)", None, "16 February 2025"),
    ("signed on June 22, 1965.", 2025, "22 June 1965"),
    ("in Tokyo on September 27–28.", 2025, "27–28 September 2025"),
    ("(October 26–November 11)", 2025, "26 October – 11 November 2025"),
    ("rule from 1910-45.", None, "1910–1945"),
    ("on February 15th was", 2025, "15 February 2025"),
    ("on December 5th", None, "5 December"),
])
def test_dates_are_written_in_full(text: str, year: int | None, expected: str) -> None:
    assert [d.normalized for d in find_dates(text, year)] == [expected]


def test_missing_year_comes_from_the_article_date() -> None:
    (d,) = find_dates("Most recently, on December 5th, a concert was held", 2025)
    assert (d.text, d.normalized, d.has_year) == ("December 5th", "5 December 2025", False)


def test_words_that_look_like_months_are_not_dates() -> None:
    assert find_dates("May I ask about $1998 and 12,000 people?") == []


def test_parse_date_gives_iso() -> None:
    assert parse_date("IANS June 16, 2025 272 views") == "2025-06-16"
    assert parse_date("2025-12-31") == "2025-12-31"
    assert parse_date("no date here") is None


MONDAY = date(2025, 6, 16)  # the day "Lee calls on South Korea, Japan to join hands" was published


@pytest.mark.parametrize("text, expected", [
    ("the anniversary, which falls on this Sunday.", "Sunday, 22 June 2025"),  # the coming one
    ("Lee on Monday called for cooperation", "Monday, 16 June 2025"),  # the day of publication
    ("Lee did not attend Monday's ceremony", "Monday, 16 June 2025"),
    ("They met on Tuesday.", "Tuesday, 10 June 2025"),  # news reports the past: the latest Tuesday
    ("It rained last Monday.", "Monday, 9 June 2025"),
    ("They meet next Monday.", "Monday, 23 June 2025"),
])
def test_a_weekday_is_the_date_it_names_from_the_publication_date(text: str, expected: str) -> None:
    (d,) = find_dates(text, 2025, MONDAY)
    assert (d.normalized, d.kind, d.has_year) == (expected, "weekday", False)
    assert d.text == expected.split(",")[0]  # the weekday alone is highlighted


def test_weekdays_need_a_publication_date() -> None:
    assert find_dates("They met on Tuesday.", 2025) == []
    assert published_on("2025-06-16") == MONDAY and published_on("16 June") is None and published_on(None) is None


def test_a_decade_is_kept_whole_and_localized() -> None:
    found = find_dates("King George's War was fought in the 1740s.", 2025)
    assert [(d.text, d.normalized) for d in found] == [("1740s", "1740s")]
    assert [d.normalized for d in find_dates("in 1740 and in the 1990's", 2025)] == ["1740", "1990"]
    assert localized("1740s", "ko") == "1740년대" and localized("1740s", "ja") == "1740年代"


@pytest.mark.parametrize(("english", "ko", "ja"), [
    ("late 2006", "2006년 말", "2006年末"), ("the early 1800s", "1800년대 초", "1800年代初め"),
    ("mid-1990s", "1990년대 중반", "1990年代半ば"), ("spring 2016", "2016년 봄", "2016年春"),
    ("fall of 2008", "2008년 가을", "2008年秋"), ("early December 1973", "1973년 12월 초", "1973年12月初め"),
    ("late Tuesday", "late Tuesday", "late Tuesday"),  # no date after it: unchanged
    ("late 5 December 2025", "late 5 December 2025", "late 5 December 2025"),  # only of a year, decade or month
])
def test_the_part_of_a_year_is_written_as_each_language_writes_it(english: str, ko: str, ja: str) -> None:
    assert (localized(english, "ko"), localized(english, "ja"), localized(english, "en")) == (ko, ja, english)


@pytest.mark.parametrize(("text", "expected"), [
    ("what happened on dec 5?", "what happened on December 5?"),
    ("on 5 Dec. 2025", "on 5 December 2025"),
    ("the Feb 2010 election", "the February 2010 election"),
    ("sept 3rd", "September 3rd"),
    ("on 5 Dec. What else?", "on 5 December. What else?"),  # the stop ends the sentence
    # no day or year beside it: a word, a name or an acronym, not a month
    ("mar the day", "mar the day"), ("Oct.", "Oct."), ("in decades 5", "in decades 5"),
    ("In 1919 Jan Smuts led what?", "In 1919 Jan Smuts led what?"), ("Flight 93 Jan", "Flight 93 Jan"),
    ("dec 500 people", "dec 500 people"), ("What is the APR 5.5% rate?", "What is the APR 5.5% rate?"),
])
def test_a_month_cut_short_beside_a_number_is_written_in_full(text: str, expected: str) -> None:
    assert months_in_full(text) == expected


def test_a_month_read_by_an_re_i_pattern_is_looked_up_in_its_ascii_form() -> None:
    # under re.I, "ſ" matches s and "ı" i: the month's number and a part of the year are still found
    assert month_number("ſept") == month_number("ſeptember") == 9
    assert month_number("Aprıl") == 4
    assert localized("ſummer of 2006", "ko") == localized("summer of 2006", "ko")
    assert localized("wİnter of 2006", "ja") == localized("winter of 2006", "ja")
