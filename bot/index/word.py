"""A Word article (.docx) read as its text, from the document's own XML (lxml, which trafilatura already brings).

Paragraphs and tables come in the document's order, a table's row as "cell; cell" (as the Markdown reading writes
one; a table inside a cell is read into that cell). What the reader of the document sees is read: text inserted with
tracked changes (not text deleted), content controls (a template's fields), hyperlinks, field results, and a text
box's paragraphs after the paragraph that holds it. The page header and footer, comments and footnotes are not
the article. The title is the document's title property where the document's first lines show it (Word keeps the
property of the file an article was saved from), else its first line.

An old .doc, a damaged file and one whose text part unpacks to more than MAX_XML_BYTES are skipped with the reason.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from .cleaning import property_title, title_at

MAX_XML_BYTES = 20_000_000  # the document's text part, unpacked: a few kilobytes of .docx may unpack to gigabytes
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_UNSEEN = {f"{W}del", f"{W}moveFrom", _FALLBACK, f"{W}txbxContent"}  # deleted text, the old copy of moved text,
# a picture's stand-in for old readers (the same content again), and a text box (read as its own lines)
_PIECES = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}txbxContent")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


class WordError(ValueError):
    """Why a Word document cannot be read, in words for the build's warning."""


def word_text(data: bytes) -> tuple[dict[str, str], str]:
    """The document's title (where its properties give one its first lines show) and its text, a paragraph or a
    table's row a line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = archive.getinfo("word/document.xml").file_size
            if size > MAX_XML_BYTES:
                raise WordError(f"its text unpacks to more than {MAX_XML_BYTES / 1e6:.0f} MB")
            document = etree.fromstring(archive.read("word/document.xml"), _PARSER)
            title = _title(archive)
    except WordError:
        raise
    except (zipfile.BadZipFile, KeyError):
        raise WordError("not a Word document that can be read (a .docx is a zip file holding word/document.xml)") \
            from None
    except Exception as exc:  # damaged XML, a damaged zip: errors of many kinds
        raise WordError(f"not a Word document that can be read ({type(exc).__name__})") from None
    body = document.find(f"{W}body")
    lines = list(_blocks(body)) if body is not None else []
    where = title_at(title, lines) if title else None
    meta = {"title": " ".join(lines[where[0]:where[0] + where[1]])} if where else {}
    return meta, "\n".join(lines)


def _title(archive: zipfile.ZipFile) -> str | None:
    """The title property, or None (also when the properties part is missing or damaged: the text is still the
    article)."""
    try:
        core = etree.fromstring(archive.read("docProps/core.xml"), _PARSER)
        return property_title(core.findtext("{http://purl.org/dc/elements/1.1/}title"))
    except Exception:
        return None


def _blocks(parent: etree._Element) -> Iterator[str]:
    """The lines of a body, a cell or a content control, in order."""
    for child in parent:
        if child.tag == f"{W}p":
            yield from _paragraph(child)
        elif child.tag == f"{W}tbl":
            for row in child.iterfind(f"{W}tr"):
                cells = (" ".join(" ".join(_blocks(cell)).split()) for cell in row.iterfind(f"{W}tc"))
                if line := "; ".join(text for text in cells if text):
                    yield line
        elif child.tag in (f"{W}sdt", f"{W}customXml"):  # a content control, or a custom tag around blocks
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _blocks(content)


def _paragraph(paragraph: etree._Element) -> Iterator[str]:
    """A paragraph's text as its reader sees it, then the lines of the text boxes it holds."""
    text: list[str] = []
    boxes: list[etree._Element] = []
    for piece in paragraph.iter(*_PIECES):
        if _unseen(piece, paragraph):
            continue
        if piece.tag == f"{W}txbxContent":
            boxes.append(piece)
        elif piece.tag == f"{W}t":
            text.append(piece.text or "")
        else:
            text.append(" " if piece.tag == f"{W}tab" else "\n")
    yield "".join(text).strip()
    for box in boxes:
        yield from _blocks(box)


def _unseen(piece: etree._Element, paragraph: etree._Element) -> bool:
    """Whether `piece` is deleted text, an old reader's copy or inside a text box, looking up to its paragraph."""
    node = piece.getparent()
    while node is not None and node is not paragraph:
        if node.tag in _UNSEEN:
            return True
        node = node.getparent()
    return False
