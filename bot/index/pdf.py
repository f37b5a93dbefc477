"""A PDF article read as its text: pypdf's text of each page, without the running header and footer its pages
repeat, as lines that the wrapped-text reading (markdown.unwrapped) joins into sentences again.

A scanned PDF holds no text to read, and a password-protected one cannot be opened: both are skipped with the
reason, as is a file pypdf cannot parse. pypdf is imported only when a PDF is read.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from typing import Any

MAX_PAGES = 200  # an article is a few pages; a book-length PDF is read up to here
EDGE_LINES = 2  # the lines at a page's top and bottom looked at for a running header or footer
TITLE_WITHIN = 5  # the first page's lines in which the document's title property is looked for
log = logging.getLogger(__name__)


class PdfError(ValueError):
    """Why a PDF cannot be read, in words for the build's warning."""


def pdf_text(data: bytes) -> tuple[dict[str, str], str]:
    """The PDF's title (where its properties give a real one) and its text, page after page."""
    pages, properties = _pages(data)
    if not any(page.strip() for page in pages):
        raise PdfError("the PDF holds no text (a scanned page is an image); save the article as text")
    pages = _without_running_lines(pages)
    if not (title := _title(properties)):
        return {}, "\n".join(pages)
    # what stands above the title on the first page is the masthead ("NORTH PORT TIMES | Culture")
    first = pages[0].split("\n")
    top = next((i for i, line in enumerate(first[:TITLE_WITHIN]) if _key(line) == _key(title)), 0)
    return {"title": title}, "\n".join(["\n".join(first[top:]), *pages[1:]])


def _pages(data: bytes) -> tuple[list[str], dict[str, Any]]:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its notes on a damaged file: the skip says it once
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opened(reader):
            raise PdfError("the PDF is password-protected; save it without the password, or as text")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
        properties = dict(reader.metadata or {})
    except PdfError:
        raise
    except Exception as exc:  # pypdf's errors on a damaged or hostile file, of many kinds
        raise PdfError(f"not a PDF that can be read ({type(exc).__name__})") from None
    if len(reader.pages) > MAX_PAGES:
        log.warning("read the first %d of %d pages of a PDF", MAX_PAGES, len(reader.pages))
    return pages, properties


def _opened(reader: Any) -> bool:
    """Whether an encrypted PDF opens without a password (many are locked only against editing)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


def _title(properties: dict[str, Any]) -> str | None:
    """The document's title property, when it is one: not empty, not a file name ("Microsoft Word - notes.docx")."""
    title = " ".join(str(properties.get("/Title") or "").split())
    if len(title.split()) < 2 or re.search(r"\.\w{2,4}$|^microsoft \w+ -|^untitled", title, re.I):
        return None
    return title


def _key(line: str) -> str:
    """A line as a running header or footer repeats it: page numbers aside ("Page 2" is "Page 3")."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _without_running_lines(pages: list[str]) -> list[str]:
    """Each page without the lines at its top or bottom that at least half of the pages, and two or more, repeat (a
    masthead, "North Port Times Page 2"); a page alone repeats nothing, and the cleaning's page-number patterns
    do that work."""
    split = [[line for line in page.split("\n") if line.strip()] for page in pages]
    edges = [{_key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]} for lines in split]
    counts = Counter(key for keys in edges for key in keys)
    running = {key for key, n in counts.items() if n >= max(2, len(pages) / 2)}
    return ["\n".join(line for i, line in enumerate(lines)
                      if _key(line) not in running or EDGE_LINES <= i < len(lines) - EDGE_LINES) for lines in split]
