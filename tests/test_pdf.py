"""A PDF dropped into the corpus is read as its article: the pages' running header and footer go, a sentence the page
or the line broke is whole again, the title comes from the document and the date from its dateline. A scan, a locked
PDF or a damaged one is skipped with the reason. The PDFs are made here with fpdf2 and read with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from bot.index.corpus import UnreadableArticle, read_article
from bot.index.embedding import SentenceTransformerEmbedder

from .conftest import engine_over_corpus, skipped_alone

TITLE = "North Port Harbour Festival Returns After Five Years"
LEAD = ("The harbour festival opened on 1 November with a parade of fishing boats and a concert by the city orchestra, "
        "the first since the pandemic closed it in 2020.")
MAYOR = ("Mayor Park Heong-joon said the festival would run until 9 November and that more than 40,000 visitors were "
         "expected, twice the number of the last edition.")
MAPS = ("The organisers said the programme included a seafood market, a fireworks display on 8 November and an "
        "exhibition of old maps lent by the national museum.")
STALLS = ("Stalls along the quay sold grilled mackerel, rice cakes and hot tea to the crowds, and local schools sent "
          "choirs to sing on the small stage near the lighthouse each evening.")


class _Paper(FPDF):
    """A newspaper's page: a masthead at the top, the page's number at the foot."""

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, "NORTH PORT TIMES | Culture", align="R")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def _paragraph(pdf: FPDF, text: str, height: float = 5) -> None:
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def make_pdf(path: Path, paragraphs: list[str], title: str | None = TITLE, password: str | None = None,
             headline: str = TITLE, above: str = "", dated: str = "Published 3 November 2025") -> Path:
    """An article set as a newspaper's pages: `above` the headline (a section and a date), the headline, its
    dateline, the paragraphs; `title` is the document's title property."""
    pdf = _Paper(format=(148, 210))
    pdf.set_auto_page_break(True, margin=20)
    if title:
        pdf.set_title(title)
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    if above:
        _paragraph(pdf, above)
    pdf.set_font("Helvetica", "B", 14)
    _paragraph(pdf, headline, 7)
    pdf.set_font("Helvetica", size=9)
    if dated:
        _paragraph(pdf, dated)
    pdf.set_font("Helvetica", size=10)
    for text in paragraphs:
        _paragraph(pdf, text)
        pdf.ln(2)
    pdf.output(str(path))
    return path


ARTICLE = [LEAD, STALLS, MAYOR, STALLS, MAPS, STALLS, LEAD, STALLS, MAYOR, STALLS, MAPS, STALLS, LEAD, STALLS]


def test_a_pdf_of_several_pages_is_read_as_its_article(tmp_path: Path) -> None:
    article = read_article(make_pdf(tmp_path / "festival.pdf", ARTICLE))
    assert article.title == TITLE and article.date == "2025-11-03"
    assert "NORTH PORT TIMES" not in article.text and "Page" not in article.text  # on each of the 3 pages
    assert article.text.split("\n") == ARTICLE  # every sentence whole, those the pages broke too


def test_a_pdf_without_a_title_property_takes_its_first_line_below_the_masthead(tmp_path: Path) -> None:
    article = read_article(make_pdf(tmp_path / "festival.pdf", ARTICLE, title="Microsoft Word - draft3.docx"))
    assert article.title == TITLE and article.text.split("\n") == ARTICLE
    # a page alone repeats no masthead: with no title property, lines above the headline are masthead where a bar
    # marks them ("NORTH PORT TIMES | Culture")
    assert read_article(make_pdf(tmp_path / "note.pdf", [LEAD], title=None)).title == TITLE


def test_a_long_headline_over_two_lines_and_a_date_printed_above_it(tmp_path: Path) -> None:
    long = TITLE + " With Record Crowds Along the Quay and the Old Lighthouse"
    article = read_article(make_pdf(tmp_path / "long.pdf", [LEAD, MAYOR], title=long, headline=long))
    assert (article.title, article.date, article.text.split("\n")) == (long, "2025-11-03", [LEAD, MAYOR])
    for title in (TITLE, None):  # the date above the headline is no masthead, nor the title
        article = read_article(make_pdf(tmp_path / "above.pdf", [LEAD, MAYOR], title=title,
                                        above="Culture | 3 November 2025", dated=""))
        assert (article.title, article.date, article.text.split("\n")) == (TITLE, "2025-11-03", [LEAD, MAYOR])


def test_a_programmes_rows_stay_rows(tmp_path: Path) -> None:
    rows = ["1 November Opening ceremony and a parade of fishing boats in the harbour",
            "2 November Ferry parade from the old quay to the lighthouse and back again",
            "8 November Fireworks display over the harbour with music by the city orchestra"]
    article = read_article(make_pdf(tmp_path / "programme.pdf", [LEAD, "The programme:", *rows]))
    assert article.text.split("\n") == [LEAD, "The programme:", *rows]


@pytest.mark.parametrize("broken", [b"/Title 99 0 R", b"/Title <</A 1 0 R>>", b"/Title [1 2"])
def test_a_damaged_title_property_leaves_the_article_readable(tmp_path: Path, broken: bytes) -> None:
    data = make_pdf(tmp_path / "whole.pdf", [LEAD, MAYOR]).read_bytes()
    assert data.count(b"/Title (" + TITLE.encode() + b")") == 1
    (tmp_path / "damaged.pdf").write_bytes(data.replace(b"/Title (" + TITLE.encode() + b")", broken))
    article = read_article(tmp_path / "damaged.pdf")
    assert article.text.split("\n") == [LEAD, MAYOR] and "{" not in article.title


def test_a_page_of_too_many_drawing_instructions_is_left_out(tmp_path: Path) -> None:
    # a few kilobytes that unpack into 80,000 text operations took pypdf 4 s to read: such a page is left out
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(make_pdf(tmp_path / "whole.pdf", [LEAD])))
    heavy = DecodedStreamObject()
    heavy.set_data(b"BT /F1 9 Tf 10 10 Td (word) Tj ET\n" * 80_000)
    writer.pages[0][NameObject("/Contents")] = writer._add_object(heavy.flate_encode(level=9))
    writer.write(tmp_path / "heavy.pdf")
    assert (tmp_path / "heavy.pdf").stat().st_size < 20_000
    with pytest.raises(UnreadableArticle, match="too many drawing instructions"):
        read_article(tmp_path / "heavy.pdf")


def test_a_pdf_that_opens_without_its_owners_password_is_read(tmp_path: Path) -> None:
    assert read_article(make_pdf(tmp_path / "locked.pdf", [LEAD], password="")).text == LEAD


@pytest.mark.parametrize(("name", "reason"), [("locked.pdf", "password-protected"), ("scan.pdf", "holds no text"),
                                              ("damaged.pdf", "not a PDF that can be read")])
def test_a_pdf_that_cannot_be_read_is_skipped_with_the_reason(tmp_path: Path, name: str, reason: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_pdf(corpus / "festival.pdf", [LEAD, MAYOR])
    if name == "locked.pdf":
        make_pdf(corpus / name, [LEAD], password="secret")
    elif name == "scan.pdf":  # a page with no text on it, as a scanned page's picture has none
        blank = FPDF()
        blank.add_page()
        blank.output(str(corpus / name))
    else:
        good = make_pdf(tmp_path / "whole.pdf", [LEAD]).read_bytes()
        (corpus / name).write_bytes(good[:40] + b"\x00" * 200)
    with pytest.raises(UnreadableArticle, match=reason):
        read_article(corpus / name)
    assert skipped_alone(corpus, name, reason) == [TITLE]


@pytest.mark.model
def test_a_pdf_article_is_answered(tmp_path: Path, st_embedder: SentenceTransformerEmbedder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_pdf(corpus / "festival.pdf", ARTICLE)
    engine = engine_over_corpus(corpus, st_embedder)
    for question, expected in [("When did the harbour festival open?", "1 November 2025"),
                               ("How many visitors were expected?", "40,000"),
                               ("Who is the mayor?", "Park Heong-joon"),
                               ("When is the fireworks display?", "8 November 2025")]:
        answer = engine.answer(question)
        assert expected in (answer.text or ""), (question, answer.text)
        assert answer.citations[0].date == "2025-11-03" and "Page" not in answer.citations[0].snippet
