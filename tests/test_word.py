"""A Word document (.docx) dropped into the corpus is read as its article: paragraphs and tables in order, without
the page header and footer; the title from its properties or its first line, the date from its dateline. A damaged
file, an old .doc and a zip bomb are skipped with the reason. The documents are made here with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from bot.index.corpus import UnreadableArticle, load_corpus, read_article
from bot.index.embedding import SentenceTransformerEmbedder

from .conftest import engine_over_corpus, skipped_alone

TITLE = "North Port Harbour Festival Returns After Five Years"
LEAD = "The harbour festival opened on 1 November with a parade of fishing boats and a concert by the city orchestra."
MAYOR = "Mayor Park Heong-joon said more than 40,000 visitors were expected, twice the number of the last edition."


def make_docx(path: Path, title: str | None = TITLE) -> Path:
    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.add_heading(TITLE, 0)
    document.add_paragraph("By Kim Soo-jin, staff reporter")
    document.add_paragraph("Published 3 November 2025")
    document.add_paragraph(LEAD)
    mayor = document.add_paragraph("Mayor ")
    mayor.add_run("Park Heong-joon").bold = True  # runs of another style are one paragraph's text
    mayor.add_run(MAYOR.removeprefix("Mayor Park Heong-joon"))
    table = document.add_table(rows=2, cols=2)
    for row, (day, what) in zip(table.rows, [("2 Nov", "Ferry parade"), ("8 Nov", "Fireworks display")], strict=True):
        row.cells[0].text, row.cells[1].text = day, what
    document.add_paragraph("Tickets for the closing concert sold out within two hours.", style="List Bullet")
    section = document.sections[0]
    section.header.paragraphs[0].text = "NORTH PORT TIMES | Culture"
    section.footer.paragraphs[0].text = "Page 1"
    document.save(str(path))
    return path


def test_a_word_document_is_read_as_its_article(tmp_path: Path) -> None:
    for title in (TITLE, None, "Document1"):  # the properties' title, else the document's first line
        article = read_article(make_docx(tmp_path / "festival.docx", title))
        assert (article.title, article.date) == (TITLE, "2025-11-03")
        assert article.text.split("\n") == ["By Kim Soo-jin, staff reporter", "", LEAD, MAYOR, "2 Nov; Ferry parade",
                                            "8 Nov; Fireworks display",
                                            "Tickets for the closing concert sold out within two hours."]


WORD = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>')
CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>')


def _runs(*texts: str) -> str:
    return "".join(f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' for text in texts)


def _p(*parts: str) -> str:
    return f"<w:p>{''.join(parts)}</w:p>"


def raw_docx(path: Path, body: str, core: str | None = None) -> Path:
    """A .docx written by hand: its body's XML, and its properties' (python-docx makes no tracked changes)."""
    parts = {"word/document.xml": WORD.format(body=body).encode()}
    if core is not None:
        parts["docProps/core.xml"] = core.encode()
    path.write_bytes(_zip(parts))
    return path


def test_what_the_documents_reader_sees_is_read(tmp_path: Path) -> None:
    box = _p(_runs("Box text."))
    body = "".join([
        _p(_runs("Storm floods the old town")),
        _p(_runs("More than "), "<w:del><w:r><w:delText>3,000</w:delText></w:r></w:del>",  # tracked changes
           "<w:ins>", _runs("4,000"), "</w:ins>", _runs(" homes were flooded,\tofficials said.")),
        f"<w:sdt><w:sdtContent>{_p(_runs('The port stayed closed on Monday.'))}</w:sdtContent></w:sdt>",  # a field
        _p(_runs("The mayor, "), f"<w:sdt><w:sdtContent>{_runs('Park Heong-joon')}</w:sdtContent></w:sdt>",
           _runs(", said the port would reopen."), "<w:hyperlink>", _runs(" More online."), "</w:hyperlink>"),
        _p("<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>", box, "</w:txbxContent></w:drawing>"
           "</mc:Choice><mc:Fallback><w:pict><w:txbxContent>", box, "</w:txbxContent></w:pict></mc:Fallback>"
           "</mc:AlternateContent></w:r>", _runs("After the box.")),
        "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{_p(_runs(cell))}</w:tc>" for cell in row) + "</w:tr>"
                            for row in [("Sat", "Yes", "Yes"), ("Sun", "No", "Yes")]) + "</w:tbl>",
    ])
    # the title property of the file this one was saved from is not this article's title
    article = read_article(raw_docx(tmp_path / "storm.docx", body, CORE.format(title="Harbour festival returns")))
    assert article.title == "Storm floods the old town"
    assert article.text.split("\n") == ["More than 4,000 homes were flooded, officials said.",
                                        "The port stayed closed on Monday.",
                                        "The mayor, Park Heong-joon, said the port would reopen. More online.",
                                        "After the box.", "Box text.", "Sat; Yes; Yes", "Sun; No; Yes"]
    for core in ("<cp:coreProperties", None):  # a damaged or missing properties part: the text is still read
        assert read_article(raw_docx(tmp_path / "storm.docx", body, core)).title == "Storm floods the old town"


@pytest.mark.parametrize(("prop", "title"), [
    ("Storm floods the old town | North Port Times", "Storm floods the old town"),  # a page's title: its first part
    ("Storm floods the old town.", "Storm floods the old town"),
    ("Storm Floods the Old Town", "Storm floods the old town"),
    ("North Port Times | Storm floods the old town", "North Port Times"),  # (not the site's name: the first line)
    ("Local News - Storm floods the old town", "North Port Times"),
])
def test_a_title_property_is_the_title_where_the_first_lines_show_it(tmp_path: Path, prop: str, title: str) -> None:
    body = _p(_runs("North Port Times")) + _p(_runs("Storm floods the old town")) + _p(_runs(LEAD))
    article = read_article(raw_docx(tmp_path / "storm.docx", body, CORE.format(title=prop)))
    assert article.title == title and article.text.endswith(LEAD)
    if title != "North Port Times":  # the masthead above the headline is not the article
        assert article.text == LEAD


def test_rows_and_cells_in_content_controls_hyphens_emoji_and_strict_documents(tmp_path: Path) -> None:
    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc>{_p(_runs(c))}</w:tc>" for c in cells) + "</w:tr>"

    table = ("<w:tbl>" + row("Day", "Event") + "<w:sdt><w:sdtContent>" + row("8 Nov", "Fireworks")
             + "</w:sdtContent></w:sdt><w:tr><w:tc>" + _p(_runs("9 Nov")) + "</w:tc><w:sdt><w:sdtContent><w:tc>"
             + _p(_runs("Ferry parade")) + "</w:tc></w:sdtContent></w:sdt></w:tr></w:tbl>")
    hyphens = _p(_runs("Park Heong"), "<w:r><w:noBreakHyphen/></w:r>", _runs("joon spoke at 9"), "<w:r><w:ptab/></w:r>",
                 _runs("pm."))
    emoji = _p(_runs("Fans cheered "), '<w:r><mc:AlternateContent><mc:Choice Requires="w16se"><w16se:symEx '
               'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" w16se:char="1F389"/>'
               '</mc:Choice><mc:Fallback><w:t>🎉</w:t></mc:Fallback></mc:AlternateContent></w:r>', _runs(" loudly."))
    body = _p(_runs("The harbour festival, day by day")) + table + hyphens + emoji
    lines = ["Day; Event", "8 Nov; Fireworks", "9 Nov; Ferry parade", "Park Heong-joon spoke at 9 pm.",
             "Fans cheered 🎉 loudly."]
    assert read_article(raw_docx(tmp_path / "a.docx", body)).text.split("\n") == lines
    strict = WORD.format(body=body).replace("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                            "http://purl.oclc.org/ooxml/wordprocessingml/main")
    (tmp_path / "strict.docx").write_bytes(_zip({"word/document.xml": strict.encode()}))
    assert read_article(tmp_path / "strict.docx").text.split("\n") == lines
    huge = CORE.format(title="x" * 2_000_000)  # a properties part too large is not read: the text still is
    assert read_article(raw_docx(tmp_path / "b.docx", body, huge)).text.split("\n") == lines


def test_a_long_table_of_merged_cells_is_read_in_linear_time(tmp_path: Path) -> None:
    # python-docx took 21 s on 900 rows of a vertically merged column (the time grew with the square of the rows)
    merged = '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>'
    rows = "".join(f"<w:tr>{merged}<w:tc>{_p(_runs(f'Row {i}'))}</w:tc></w:tr>" for i in range(5_000))
    body = _p(_runs("The harbour festival's programme, day by day")) + f"<w:tbl>{rows}</w:tbl>"
    article = read_article(raw_docx(tmp_path / "programme.docx", body))
    assert article.text.split("\n")[-1] == "Row 4999"


def test_words_lock_file_is_neither_read_nor_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_docx(corpus / "festival.docx")
    (corpus / "~$festival.docx").write_bytes(b"\x0bKim Soo-jin" + bytes(150))  # while Word has the file open
    articles, skipped = load_corpus(corpus, on_skipped=lambda s: None)
    assert [a.title for a in articles] == [TITLE] and skipped == []


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "not a kind of file qabot reads"),
    ("damaged.docx", b"PK\x03\x04" + bytes(100), "not a Word document that can be read"),
    ("other.docx", _zip({"hello.txt": b"not a Word document"}), "not a Word document that can be read"),
    ("bomb.docx", _zip({"word/document.xml": b" " * 60_000_000}), "unpacks to more than"),
])
def test_a_word_document_that_cannot_be_read_is_skipped_with_the_reason(tmp_path: Path, name: str, data: bytes,
                                                                        reason: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_docx(corpus / "festival.docx")
    (corpus / name).write_bytes(data)
    assert len(data) < 100_000  # (the bomb too: 60 MB of XML in a few kilobytes)
    if name.endswith(".docx"):
        with pytest.raises(UnreadableArticle, match=reason):
            read_article(corpus / name)
    assert skipped_alone(corpus, name, reason) == [TITLE]


@pytest.mark.model
def test_a_word_article_is_answered(tmp_path: Path, st_embedder: SentenceTransformerEmbedder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_docx(corpus / "festival.docx")
    engine = engine_over_corpus(corpus, st_embedder)
    for question, expected in [("How many visitors were expected?", "40,000"),
                               ("When is the fireworks display?", "8 November 2025"),
                               ("Who is the mayor?", "Park Heong-joon")]:
        answer = engine.answer(question)
        assert expected in (answer.text or ""), (question, answer.text)
        assert answer.citations[0].date == "2025-11-03" and "NORTH PORT" not in answer.citations[0].snippet
