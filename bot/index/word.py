"""A Word article (.docx) read as its text: python-docx's paragraphs and tables in document order, a table's row as
"cell; cell" (as the Markdown reading writes one); the pages' header and footer are no part of it. An old .doc, a
damaged file and one that unpacks to more than MAX_UNPACKED_BYTES (a zip bomb) are skipped with the reason.
python-docx is imported only when a Word document is read."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from .cleaning import property_title

if TYPE_CHECKING:
    from docx.table import _Row

MAX_UNPACKED_BYTES = 50_000_000  # a few kilobytes of a .docx may unpack to gigabytes of XML


class WordError(ValueError):
    """Why a Word document cannot be read, in words for the build's warning."""


def word_text(data: bytes) -> tuple[dict[str, str], str]:
    """The document's title (where its properties give a real one) and its text, a paragraph or a table row a line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WordError("not a Word document that can be read (a .docx is a zip file)") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise WordError(f"it unpacks to more than {MAX_UNPACKED_BYTES / 1e6:.0f} MB")
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines += ["; ".join(_cells(row)) for row in block.rows]
            else:
                lines.append(block.text.strip())
        title = property_title(document.core_properties.title)
    except Exception as exc:  # python-docx's and lxml's errors on a damaged file, of many kinds
        raise WordError(f"not a Word document that can be read ({type(exc).__name__})") from None
    return {"title": title} if title else {}, "\n".join(lines)


def _cells(row: _Row) -> list[str]:
    """A row's cells' text, a merged cell once."""
    texts: list[str] = []
    for cell in row.cells:
        text = " ".join(cell.text.split())
        if text and (not texts or texts[-1] != text):
            texts.append(text)
    return texts
