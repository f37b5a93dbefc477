import pytest

from bot.dates import find_dates, parse_date


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
