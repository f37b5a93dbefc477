"""A user's Markdown article is read as the text it shows, and a file wrapped at 80 columns in whole paragraphs
(bot/index/markdown.py), through the real build and engine; the committed articles read exactly as before."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from bot.index.cleaning import clean_article
from bot.index.corpus import read_article, split_front_matter
from bot.index.embedding import SentenceTransformerEmbedder
from bot.index.markdown import markdown_text, unwrapped

from .conftest import engine_over_corpus

REPO = Path(__file__).resolve().parents[1]

FESTIVAL = """\
---
title: Busan hosts the first Korea–Japan Harbour Festival
date: 2025-11-02
---
# Busan hosts the first Korea–Japan Harbour Festival

![A ferry in Busan harbour](https://example.com/ferry.jpg)

{lead}

## Programme

- A ferry parade from Fukuoka, led by the *Camellia Line*.
- Fireworks over Gwangan Bridge at 8 p.m.

| Day | Event |
|-----|-------|
| 1 Nov | Opening ceremony |
| 2 Nov | Ferry parade |

> {quote}

The festival was organised by the Busan Metropolitan City and the City of Fukuoka.
"""
LEAD = ("**BUSAN** — The first *Korea–Japan Harbour Festival* opened on **1 November 2025** at Busan's "
        "[North Port](https://example.com/north-port), drawing about 12,000 visitors.")
QUOTE = '"The sea has always connected our two cities," said Mayor Park Heong-joon at the opening.'
MAPS = """\
Seoul museum opens a gallery of Joseon maps

{body}

Entry is free until the end of April.
"""
MAPS_BODY = ("The National Museum of Korea opened a new gallery of Joseon-era maps on 15 March 2025, showing 120 "
             "maps lent by the Tokyo National Museum and the Kyujanggak archive. The curator, Kim Soo-jin, said the "
             "loan had taken three years to arrange.")


def _wrapped(text: str) -> str:
    return textwrap.fill(text, 72)  # as an editor writes it (textwrap also breaks "Heong-joon" at its hyphen)


def test_marks_are_read_and_a_wrapped_paragraph_is_whole_again() -> None:
    _, body = split_front_matter(FESTIVAL.format(lead=_wrapped(LEAD), quote=_wrapped(QUOTE).replace("\n", "\n> ")))
    text = markdown_text(body)
    assert "The first Korea–Japan Harbour Festival opened on 1 November 2025 at Busan's North Port, drawing" in text
    assert "BUSAN —" in text and "*" not in text and "](" not in text and "ferry.jpg" not in text
    assert '"The sea has always connected our two cities," said Mayor Park Heong-joon at the opening.' in text
    lines = text.split("\n")
    assert "Programme" in lines and "A ferry parade from Fukuoka, led by the Camellia Line." in lines
    assert "Fireworks over Gwangan Bridge at 8 p.m." in lines  # each item a line of its own (a sentence)
    assert "1 Nov; Opening ceremony" in lines and "2 Nov; Ferry parade" in lines and "-----" not in text


@pytest.mark.parametrize(("markdown", "shown"), [
    ("__bold__, _it_, ***both***, ~~gone~~ and `code`", "bold, it, both, gone and code"),
    ("snake_case, 2*3*4 and a * star", "snake_case, 2*3*4 and a * star"),  # no pair, no emphasis
    (r"an escaped \*star\* and \[bracket\]", "an escaped *star* and [bracket]"),
    ("see [the report][r] and <https://example.com>\n\n[r]: https://example.com/r", "see the report and "
                                                                                   "https://example.com"),
    ("Wikipedia's marks stay.[web 2][web 3][note 1]", "Wikipedia's marks stay.[web 2][web 3][note 1]"),
    ("a footnote[^1] and <b>tags</b><!-- a comment -->", "a footnote and tags"),
    ("<Uyless Black, X.25 and Related Protocols, 1991>", "<Uyless Black, X.25 and Related Protocols, 1991>"),
    ("Heading\n=======\n\ntext\n\n---\n\nmore", "Heading\n\ntext\n\nmore"),
    ("1. First, Seoul.\n2. Then Tokyo.", "1. First, Seoul.\n2. Then Tokyo."),  # an ordered item keeps its number
    ("| a \\| b | c |\n|:--|--:|\n| 1 | 2 |", "a | b; c\n1; 2"),
    ("```\ncode stays\n```", "code stays"),
    ("```Seoul hosted the games``` and ~~~ The End", "Seoul hosted the games and ~~~ The End"),  # no fences
    ("The drama <Squid Game> won, if a<b and c>d.", "The drama <Squid Game> won, if a<b and c>d."),  # no tags
    ('<a href="https://x.kr">Seoul</a>\'s <b>best</b>, Seoul<br>Busan, end.</p><p>Start',
     "Seoul's best, Seoul Busan, end. Start"),
    ("[Update]: The concert was moved to 6 December.", "[Update]: The concert was moved to 6 December."),
    ("[^1]: Source: ministry data.", "Source: ministry data."),
    ("*東京*で開かれた", "東京で開かれた"),
    ("Seoul \ue0007\ue001 hosted \\*it\\*", "Seoul 7 hosted *it*"),  # the private-use marks it holds with
    ("Item | Price\n--- | ---\nTea | 3\n\nAfter.", "Item; Price\nTea; 3\n\nAfter."),  # a table without outer bars
    ("## Programme ##\n#hashtag and an <A> in maths", "Programme\n\n#hashtag and an <A> in maths"),
])
def test_markdown_marks(markdown: str, shown: str) -> None:
    assert markdown_text(markdown) == shown


def test_a_pasted_brief_keeps_its_title_byline_and_caption_lines(tmp_path: Path) -> None:
    brief = ("Seoul Lantern Festival draws record crowds to the Cheonggyecheon stream\n"
             "Yonhap November 1, 2025\n"
             "The Seoul Lantern Festival opened on Friday along the Cheonggyecheon stream downtown.\n"
             "Organisers said more than 300,000 people are expected over the next two weeks.\n"
             "This year's theme celebrates sixty years of exchanges between Korea and Japan.\n"
             "Photo: Lanterns float on the Cheonggyecheon stream in central Seoul on Friday\n"
             "The festival runs until 16 November, every evening from 5 p.m. to 11 p.m.\n")
    for name in ("lantern.txt", "lantern.md"):
        (tmp_path / name).write_text(brief, encoding="utf-8")
        article = read_article(tmp_path / name)
        assert article.title.startswith("Seoul Lantern Festival") and article.date == "2025-11-01"
        assert article.source == "Yonhap" and "Photo" not in article.text and "Lanterns float" not in article.text
        assert article.text.startswith("The Seoul Lantern Festival opened on Friday")


def test_a_wrapped_file_keeps_its_title_byline_and_every_word(tmp_path: Path) -> None:
    body = _wrapped("The court ruled on Monday that the label had withheld its share of copyright fees over its "
                    "2019 album (released in 2023) which the company called \"a mistake\" according to Dr. Kim "
                    "Soo-jin and U.S. officials who spoke to reporters in Seoul.").replace(" copyright", "\ncopyright")
    text = "Seoul and Tokyo light their towers together for the anniversary\nYonhap November 16, 2025\n" + body
    (tmp_path / "ruling.txt").write_text(text, encoding="utf-8")
    article = read_article(tmp_path / "ruling.txt")
    assert article.title == "Seoul and Tokyo light their towers together for the anniversary"
    assert (article.date, article.source) == ("2025-11-16", "Yonhap")
    assert article.text == " ".join(body.split())  # one sentence again ("copyright..." kept, not taken for chrome)


SUBWAY = _wrapped("Seoul Metro said on Tuesday that trains on all nine lines will run until 2 a.m. during the "
                  "holiday week, as ridership at night has risen sharply since the spring according to the city.")


@pytest.mark.parametrize(("name", "text", "title", "date"), [
    ("byline.txt", "Seoul extends subway hours\nThe Korea Times staff reporter November 12, 2025\n" + SUBWAY,
     "Seoul extends subway hours", "2025-11-12"),
    ("image.md", "![logo](https://x.kr/l.png)\nSeoul extends subway hours\n\n" + SUBWAY, "Seoul extends subway hours",
     None),
    ("brand.txt", "Apple says iPhone 17 demand in Korea beat every forecast made by analysts\niPhone 17 sales rose "
     "in Seoul.\n\n" + SUBWAY, "Apple says iPhone 17 demand in Korea beat every forecast made by analysts", None),
])
def test_a_title_and_byline_stay_their_own_lines(tmp_path: Path, name: str, text: str, title: str,
                                                 date: str | None) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    article = read_article(tmp_path / name)
    assert (article.title, article.date) == (title, date)
    assert " ".join(SUBWAY.split()) in article.text  # the body, one sentence again


def test_korean_sentences_bullets_and_hard_breaks_stay_lines() -> None:
    korean = ("서울교통공사는 연휴 기간 동안 9개 노선 모두 새벽 2시까지 운행한다고 밝혔다.\n"
              "심야 이용객이 봄 이후 크게 늘었다고 덧붙였다.\n")
    assert unwrapped(korean * 3) == (korean * 3).strip()
    bullets = "▶지하철 새벽 2시까지 연장 운행\n▶심야 버스 20개 노선 증편\n・深夜バスは20路線を増便\n"
    assert markdown_text(SUBWAY + "\n\n" + bullets).split("\n")[-3:] == [
        "지하철 새벽 2시까지 연장 운행", "심야 버스 20개 노선 증편", "深夜バスは20路線を増便"]
    address = "Seoul Metro press office, 120 Hyoryeong-ro, Seocho-gu, Seoul, Republic of Korea  \nTel: 02-6311-2000"
    assert markdown_text(SUBWAY + "\n\n" + address).endswith("Republic of Korea\nTel: 02-6311-2000")


def test_a_file_opening_with_body_text_a_number_and_a_short_note() -> None:
    opening = ("Foreign Minister Cho Hyun and his Japanese counterpart Takeshi Iwaya met on\n"
               "Monday in Seoul for talks on the anniversary events planned for the rest of\n"
               "the year, officials said.")
    assert unwrapped(opening) == " ".join(opening.split())  # its first line is no title: it ends on "on"
    number = ("The number of visitors from Japan to the festival this autumn rose to\n"
              "16. Officials said the figure counted only those who bought tickets in\n"
              "advance at the gate or online, and not the children under twelve.")
    assert unwrapped(number) == " ".join(number.split())  # "16." is no list item there
    note = textwrap.fill("The reception in Tokyo was held at the Korean embassy on 19 June, with about 300 guests.", 40)
    assert note.count("\n") == 2 and unwrapped(note) == " ".join(note.split())  # three lines tell the width


def test_japanese_is_joined_without_spaces_and_only_where_wrapped() -> None:
    pasted = "日本と韓国は国交正常化六十周年を迎え、各地で記念行事が開かれた。東京タワーは点灯された。\n" * 3
    assert unwrapped(pasted) == pasted.strip("\n")  # each line ends a sentence
    line = "ソウルの南山タワーと東京タワーが二月十五日の夜に両国の国旗の色で同時に点灯されましたと発表した"
    for width in (36, 45):  # characters: 72 and 90 columns, as an editor counts them
        assert unwrapped("\n".join(textwrap.wrap(line * 4, width))) == line * 4


def test_windows_and_old_mac_line_endings(tmp_path: Path) -> None:
    wrapped = MAPS.format(body=_wrapped(MAPS_BODY))
    assert MAPS_BODY in unwrapped(wrapped.replace("\n", "\r\n"))
    (tmp_path / "old-mac.md").write_bytes(("---\ntitle: Maps\n---\n" + wrapped).replace("\n", "\r").encode())
    article = read_article(tmp_path / "old-mac.md")
    assert article.title == "Maps" and MAPS_BODY in article.text


def test_only_a_file_wrapped_at_a_width_is_joined() -> None:
    pasted = "A paragraph pasted from a web page runs on in one line, " * 4 + "\nAnd the next paragraph is another."
    assert unwrapped(pasted) == pasted
    facts = "Seoul concert\nDate: 5 December\nVenue: Seoul Arts Center\nTickets free"
    assert unwrapped(facts) == facts
    wrapped = MAPS.format(body=_wrapped(MAPS_BODY))
    assert MAPS_BODY in unwrapped(wrapped) and unwrapped(wrapped).startswith("Seoul museum opens")
    items = _wrapped("- " + "a list item that goes on " * 6) + "\n- the next item, also long enough to run on"
    # a list item runs on from its own lines, not into the next item (below a paragraph that shows the width)
    assert unwrapped(_wrapped(MAPS_BODY) + "\n\n" + items).split("\n")[-2:] == [
        "- " + ("a list item that goes on " * 6).strip(), "- the next item, also long enough to run on"]


def _typeset(text: str, width: int) -> str:
    """`text` wrapped as a typesetter or a PDF does: a long word that does not fit is broken at a hyphen."""
    lines, line = [], ""
    for word in text.split():
        room, full = width - len(line) - 2, bool(line) and len(line) + 1 + len(word) > width
        if full and word.isalpha() and len(word) >= 8 and len(word) - 3 >= room >= 3:
            lines.append(f"{line} {word[:room]}-")
            line = word[room:]
        elif full:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


TYPESET = ("The ministry said on Monday that the government would hold a ceremony for the anniversary of the "
           "diplomatic relations between the two countries, and a well-known pianist, a friend of Kim Dae-jung, "
           "would play at the international concert in Seoul. The official invitation was sent to representatives "
           "of organizations and universities, and the celebration continued throughout December.")


@pytest.mark.parametrize("width", [40, 50, 60, 72])
def test_a_word_broken_at_a_lines_end_is_whole_again(width: int) -> None:
    typeset = _typeset(TYPESET, width)
    assert typeset.count("-\n") >= 1  # ("rep-" and "resentatives", "inter-" and "national"...)
    assert unwrapped(typeset) == TYPESET


def test_a_broken_word_whose_second_part_is_a_common_word_is_whole_where_the_file_writes_it_so() -> None:
    wrapped = _typeset(TYPESET.replace("the international concert", "the concert at the headquarters"), 48)
    assert "head-\nquarters" in wrapped  # (English writes "quarters" about as often as "headquarters")
    assert "at the head-quarters" in unwrapped(wrapped)
    assert "at the headquarters in Seoul" in unwrapped(wrapped + " The headquarters opened in May.")


def test_a_compound_broken_at_its_hyphen_keeps_it() -> None:
    # textwrap breaks "well-known" and "Dae-jung" at their hyphens; "pre-season" is "preseason" to English, but the
    # file writes it with a hyphen
    text = TYPESET.replace("concert", "concert before a pre-season match; pre-season tickets were sold out,")
    for width in range(40, 81, 4):
        assert unwrapped(textwrap.fill(text, width)) == text, width


@pytest.mark.parametrize("hostile", ["**a *b _c ~~d `e " * 20_000, "x" + "`" * 40_000, "x " + "[a" * 40_000,
                                     "![a" * 30_000, "[a\n" * 20_000, "<b x=1 " * 20_000, "[a](" * 30_000,
                                     "# a" + " " * 20_000 + "b", "```" + " " * 40_000 + "a" + " " * 40_000 + "x",
                                     "|--" + " " * 40_000 + "x", "<!--" * 25_000, "<https:" * 57_000,
                                     ("a wrapped line of words that runs on " * 2 + "\n") * 20_000])
def test_a_hostile_line_of_marks_is_read_in_linear_time(hostile: str) -> None:
    # every mark without its pair looks at most SPAN_MAX characters ahead (no time is asserted; each of these
    # took from 6 seconds to a minute before the patterns were bounded)
    assert markdown_text(hostile + "\n" + hostile) != ""


def test_the_committed_articles_read_exactly_as_before() -> None:
    # the seed articles are pasted web text in .md files, and SQuAD's paragraphs are written as .md by
    # `qabot eval --squad`: Markdown reading changes neither (checked on all of train.json and dev.json too)
    for path in sorted((REPO / "corpus").glob("*.md")):
        if path.name != "README.md":
            meta, raw = split_front_matter(path.read_text(encoding="utf-8"))
            assert clean_article(markdown_text(raw), meta.get("title")) == clean_article(raw, meta.get("title"))
    squad = json.loads((REPO / "evals" / "squad.json").read_text(encoding="utf-8"))
    for article in squad["data"]:
        raw = "\n\n".join(p["context"].strip() for p in article["paragraphs"])
        assert clean_article(markdown_text(raw))[1] == clean_article(raw)[1], article["title"]


@pytest.mark.model
def test_a_users_markdown_and_wrapped_text_articles_are_answered(tmp_path: Path,
                                                                 st_embedder: SentenceTransformerEmbedder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    quoted = _wrapped(QUOTE).replace("\n", "\n> ")
    (corpus / "festival.md").write_text(FESTIVAL.format(lead=_wrapped(LEAD), quote=quoted), encoding="utf-8")
    (corpus / "maps.txt").write_text(MAPS.format(body=_wrapped(MAPS_BODY)), encoding="utf-8")
    assert read_article(corpus / "festival.md").title == "Busan hosts the first Korea–Japan Harbour Festival"
    engine = engine_over_corpus(corpus, st_embedder)
    for question, expected in [("When did the harbour festival open?", "1 November 2025"),
                               ("Who said the sea connected the cities?", "Park Heong-joon"),
                               ("Where did the festival open?", "North Port"),
                               ("What happened on 2 Nov?", "Ferry parade"),
                               ("Who is the curator?", "Kim Soo-jin"),
                               ("How many maps were lent?", "120 maps")]:
        answer = engine.answer(question)
        assert expected in (answer.text or ""), (question, answer.text)
        snippet = answer.citations[0].snippet
        assert "**" not in snippet and "](" not in snippet and "|" not in snippet, snippet
    curator = engine.answer("Who is the curator?").citations[0].snippet
    assert curator == "The curator, Kim Soo-jin, said the loan had taken three years to arrange."
