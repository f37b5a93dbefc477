from pathlib import Path

import pytest

from bot.index.cleaning import clean_article, normalize_text, split_header, strip_chrome
from bot.index.corpus import UnreadableArticle, load_corpus, read_article, split_front_matter

from .conftest import REPO


def test_reactions_and_prompts_are_removed() -> None:
    raw = "A real sentence about the treaty.\nHow about this article?\n- Like0\n- Support0\n- Insightful0"
    assert strip_chrome(raw) == "A real sentence about the treaty."


def test_comments_disclaimer_and_tags_end_the_article() -> None:
    raw = "Body text here.\n\nReader Comments\n\nR\nRajiv K.\nGreat article!\nLeave a Comment\nDisclaimer: x\nTags:"
    assert strip_chrome(raw) == "Body text here."


def test_key_points_numbering_is_removed_but_points_stay() -> None:
    raw = "Intro.\nKey Points\n\n1\n\nLee emphasizes ties\n\n2\n\nTwo-track approach\nMore text."
    assert strip_chrome(raw) == "Intro.\n\nLee emphasizes ties\n\nTwo-track approach\nMore text."


def test_byline_gives_source_and_date_and_is_removed() -> None:
    header, body = clean_article("The Title\n\nIANS June 16, 2025 272 views\n\nBody sentence one.")
    assert header.title == "The Title"
    assert header.source == "IANS" and header.date == "2025-06-16"
    assert body == "Body sentence one."


@pytest.mark.parametrize("dateline", ["Published 3 November 2025", "Updated: Nov. 3, 2025 10:15 KST",
                                      "Monday, 3 November 2025", "Posted on 2025-11-03 at 9:30 a.m.", "3 Nov 2025",
                                      "Date: 3 November 2025 | 10:15 GMT+9", "Updated 3 November 2025 20:15",
                                      "Published : Nov. 3, 2025 - 21:30", "Published 3 November 2025 at 9 PM",
                                      "Culture | 3 November 2025", "NORTH PORT TIMES | Nov. 3, 2025 | Page 1"])
def test_a_dateline_of_its_own_gives_the_date_and_is_removed_after_an_authors_byline(dateline: str) -> None:
    header, body = clean_article(f"The Harbour Festival\n\nBy Kim Soo-jin, staff reporter\n{dateline}\n\n"
                                 "The festival opened on 1 November.")
    assert header.title == "The Harbour Festival" and header.date == "2025-11-03"
    assert body == "By Kim Soo-jin, staff reporter\n\nThe festival opened on 1 November."


@pytest.mark.parametrize("line", ["The festival opened on 3 November 2025", "Published 3 November 2025 by Kim",
                                  "Seoul, 3 November 2025, was cold", "Published 3 November, updated 4 November 2025",
                                  "November 2025", "Published 3 November 2025 25:00", "3 Nov 2025 | 4 Nov 2025",
                                  "3 Nov 2025 " + "PM." * 22])  # (the last took minutes with a pattern for the rest)
def test_a_sentence_with_a_date_is_no_dateline(line: str) -> None:
    header, body = clean_article(f"The Harbour Festival\n\n{line}\n\nThe festival opened on 1 November.")
    assert header.date is None and line in body


def test_a_date_printed_above_the_title_and_a_sentence_opening_with_by() -> None:
    header, body = clean_article("3 November 2025\nThe Harbour Festival Returns\n\nThe festival opened on 1 November.")
    assert (header.title, header.date, body) == ("The Harbour Festival Returns", "2025-11-03",
                                                 "The festival opened on 1 November.")
    header, body = clean_article("The Harbour Festival\n\nBy Monday, the festival had drawn many visitors.\n"
                                 "November 9, 2025\n\nMore about the festival.")
    assert header.date is None and body.startswith("By Monday") and "November 9, 2025" in body


def test_a_pages_number_and_running_footer_are_removed() -> None:
    raw = ("The festival opened on 1 November.\nNorth Port Times Page 1\n\nThe market sold fish.\n- 2 -\nPage 3 of 5"
           "\nNPT | Culture | Page 4\nThe story continues on page 3.\nMayor Park said the programme is on page 4\n24/7")
    kept = ("The festival opened on 1 November.\n\nThe market sold fish.\nThe story continues on page 3.\n"
            "Mayor Park said the programme is on page 4\n24/7")
    assert strip_chrome(raw) == kept
    assert strip_chrome("A" * 70 + " page 2x\n" + "Ab. " * 30 + "pag") != ""  # (the masthead pattern is linear)


def test_iso_date_glued_to_first_sentence_is_split_off() -> None:
    header, body = split_header("Turning a Page\n2025-12-31For someone with a BA.", None)
    assert header.date == "2025-12-31"
    assert body.strip() == "For someone with a BA."


def test_normalize_removes_zero_width_and_control_characters() -> None:
    assert normalize_text("a\u200bb\x07c\r\nd\u00a0e") == "abc\nd e"


def test_front_matter_is_parsed() -> None:
    meta, body = split_front_matter('---\ntitle: "A: B"\ndate: 2025-01-02\n# note\n---\nText')
    assert meta == {"title": "A: B", "date": "2025-01-02"}
    assert body == "Text"


def test_bad_front_matter_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\nthis is not yaml\n---\nA body long enough to count as an article text here.")
    with pytest.raises(UnreadableArticle, match="front matter line 2"):
        read_article(path)


def test_html_page_main_text_is_extracted(tmp_path: Path) -> None:
    html = ("<html><head><title>Big News</title><meta name='date' content='2025-03-01'></head><body>"
            "<nav>Home | About | Login</nav><article><h1>Big News</h1>"
            "<p>The treaty was signed on June 22, 1965 in Tokyo by the two governments after long talks.</p>"
            "<p>It normalized relations between the two countries and opened a new chapter.</p>"
            "</article><footer>Copyright 2025</footer></body></html>")
    (tmp_path / "news.html").write_text(html)
    article = read_article(tmp_path / "news.html", tmp_path)
    assert article.title == "Big News" and article.date == "2025-03-01"
    assert "June 22, 1965" in article.text and "Login" not in article.text


def test_repository_articles_are_clean() -> None:
    articles, skipped = load_corpus(REPO / "corpus")
    assert not skipped and len(articles) == 3
    for a in articles:
        for chrome in ("Like0", "How about this article", "Leave a Comment", "Disclaimer", "Tags:", "views",
                       "Key Points", "Rajiv", "Reader Comments"):
            assert chrome not in a.text, (a.id, chrome)
        assert not a.text.startswith(a.title)
    by_id = {a.id: a for a in articles}
    assert by_id["lee-join-hands"].source == "IANS"
    assert by_id["turning-a-page"].date == "2025-12-31"


@pytest.mark.parametrize("line, byline, date", [
    ("By Eleanor Hatfield, 12 February 2026", "By Eleanor Hatfield", "2026-02-12"),
    ("By Jane Doe, Nov. 3, 2025", "By Jane Doe", "2025-11-03"),
    ("Published 9 November 2025 | Tom Whitaker, Sports Reporter", "Tom Whitaker, Sports Reporter", "2025-11-09"),
    ("Naomi Fletcher, Health Correspondent · Wednesday 21 January 2026", "Naomi Fletcher, Health Correspondent",
     "2026-01-21"),
    ("By The Associated Press | 4 March 2026", "By The Associated Press", "2026-03-04"),
])
def test_a_byline_beside_its_date_dates_the_article_and_stays_as_text(line: str, byline: str, date: str) -> None:
    header, body = clean_article(f"The Harbour Bridge\n\n{line}\n\nThe council voted on Tuesday.")
    assert header.date == date and body == f"{byline}\n\nThe council voted on Tuesday."


@pytest.mark.parametrize("line", ["By Monday, 3 November 2025", "North Port Times | 3 November 2025 | Seoul",
                                  "Tom Whitaker, 9 November 2025"])
def test_a_line_with_a_date_and_no_writer_is_no_byline(line: str) -> None:
    from bot.index.cleaning import author_and_date

    assert author_and_date(line) is None
