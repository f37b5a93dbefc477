"""A Word article (.docx) read as its text, from the document's own XML (lxml, which trafilatura already brings).

Paragraphs and tables come in the document's order, a table's row as "cell; cell" (as the Markdown reading writes
one; a table inside a cell is read into that cell). What the reader of the document sees is read: text inserted with
tracked changes (not text deleted), content controls (a template's fields, rows and cells), hyperlinks, field
results, non-breaking hyphens, and a text box's paragraphs after the paragraph that holds it. The page header and
footer, comments and footnotes are not the article. The title is the document's title property where the
document's first lines show it (Word keeps the property of the file an article was saved from), else its first
line. Strict Open XML (ISO 29500 Strict) reads as the usual kind.

An old .doc, a damaged file and one whose text part unpacks to more than MAX_XML_BYTES are skipped with the reason.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

from lxml import etree

from ..errors import UnreadableArticle
from ..text.messages import unreadable
from .cleaning import headline, property_title

MAX_XML_BYTES = 20_000_000  # the document's text part, unpacked: a few kilobytes of .docx may unpack to gigabytes
MAX_PROPERTIES_BYTES = 1_000_000  # its properties part (the title)
TRANSITIONAL = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
W = "{" + TRANSITIONAL.decode() + "}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WRAPPERS = (f"{W}sdt", f"{W}customXml", f"{W}smartTag")  # a content control or a tag around blocks, rows, cells
# what a run shows: text, a tab, a line break, a hyphen Word keeps on one line; a text box is read as its own lines
_PIECES = {f"{W}t": None, f"{W}tab": " ", f"{W}ptab": " ", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-",
           f"{W}txbxContent": None}
_UNSEEN = {f"{W}del", f"{W}moveFrom", f"{W}txbxContent"}  # deleted text, the old copy of moved text, a text box
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"



def word_text(data: bytes) -> tuple[dict[str, str], str]:
    """The document's title (where its properties give one its first lines show) and its text, a paragraph or a
    table's row a line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = _parsed(archive, _main_part(archive), MAX_XML_BYTES)
            title = _title(archive)
    except UnreadableArticle:
        raise
    except (zipfile.BadZipFile, KeyError):
        raise unreadable("skip_docx_not_zip") from None
    except Exception as exc:  # damaged XML, a damaged zip: errors of many kinds
        raise unreadable("skip_docx_damaged", detail=type(exc).__name__) from None
    body = document.find(f"{W}body")
    lines = list(_blocks(body)) if body is not None else []
    found = headline(lines, title) if title else None
    if found is None:
        return {}, "\n".join(lines)
    title, lines = found
    return {"title": title}, "\n".join(lines)


def _parsed(archive: zipfile.ZipFile, name: str, limit: int) -> etree._Element:
    """A part of the package, parsed (Strict's namespace read as the usual one), if it unpacks to at most `limit`."""
    if archive.getinfo(name).file_size > limit:
        raise unreadable("skip_docx_too_big", part=name, limit=f"{limit / 1e6:.0f}")
    return etree.fromstring(archive.read(name).replace(STRICT, TRANSITIONAL), _PARSER)


def _main_part(archive: zipfile.ZipFile) -> str:
    """The document's main part, as the package's relationships name it (word/document.xml as a rule)."""
    try:
        relationships = _parsed(archive, "_rels/.rels", MAX_PROPERTIES_BYTES)
    except KeyError:
        return "word/document.xml"
    for relationship in relationships.iter(_RELATIONSHIPS):
        if relationship.get("Type", "").endswith("/officeDocument"):
            return relationship.get("Target", "word/document.xml").lstrip("/")
    return "word/document.xml"


def _title(archive: zipfile.ZipFile) -> str | None:
    """The title property, or None (also when the properties part is missing, damaged or too large: the text is
    still the article)."""
    try:
        core = _parsed(archive, "docProps/core.xml", MAX_PROPERTIES_BYTES)
        return property_title(core.findtext("{http://purl.org/dc/elements/1.1/}title"))
    except Exception:
        return None


def _inside(wrapper: etree._Element) -> Iterable[etree._Element]:
    """What a content control or a tag wraps: its content part's children, or its own (none for an empty control)."""
    if wrapper.tag != f"{W}sdt":
        return wrapper
    content = wrapper.find(f"{W}sdtContent")
    return content if content is not None else ()


def _children(parent: Iterable[etree._Element], tag: str) -> Iterator[etree._Element]:
    """`parent`'s children with `tag`, through the content controls and tags around them (a template's rows)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(_inside(child), tag)


def _blocks(parent: Iterable[etree._Element]) -> Iterator[str]:
    """The lines of a body, a cell, a content control or a text box, in order."""
    for child in parent:
        if child.tag == f"{W}p":
            yield from _paragraph(child)
        elif child.tag == f"{W}tbl":
            for row in _children(child, f"{W}tr"):
                cells = (" ".join(" ".join(_blocks(cell)).split()) for cell in _children(row, f"{W}tc"))
                if line := "; ".join(text for text in cells if text):
                    yield line
        elif child.tag in _WRAPPERS:
            yield from _blocks(_inside(child))
        elif child.tag == f"{MC}AlternateContent":  # what a newer Word shows, else what an older one would
            for choice in (*child.iterfind(f"{MC}Choice"), *child.iterfind(f"{MC}Fallback")):
                if lines := list(_blocks(choice)):
                    yield from lines
                    break


def _paragraph(paragraph: etree._Element) -> Iterator[str]:
    """A paragraph's text as its reader sees it, then the lines of the text boxes it holds."""
    text: list[str] = []
    boxes: list[etree._Element] = []
    for piece in paragraph.iter(*_PIECES):
        if _unseen(piece, paragraph):
            continue
        if piece.tag == f"{W}txbxContent":
            boxes.append(piece)
        else:
            text.append(_PIECES[piece.tag] or piece.text or "")
    yield "".join(text).strip()
    for box in boxes:
        yield from _blocks(box)


def _unseen(piece: etree._Element, paragraph: etree._Element) -> bool:
    """Whether `piece` is deleted text, the old copy of moved text, inside a text box, or an older Word's stand-in
    for what a newer one shows (an emoji's stand-in is read where the newer form holds no text), looking up to its
    paragraph."""
    node = piece.getparent()
    while node is not None and node is not paragraph:
        if node.tag in _UNSEEN:
            return True
        if node.tag == f"{MC}Fallback":
            holder = node.getparent()
            choice = holder.find(f"{MC}Choice") if holder is not None else None
            if choice is not None and (choice.find(f".//{W}t") is not None
                                       or choice.find(f".//{W}txbxContent") is not None):
                return True
        node = node.getparent()
    return False
