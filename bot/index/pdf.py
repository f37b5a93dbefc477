"""A PDF article read as its text: pypdf's text of each page, without the running header and footer its pages
repeat, as lines that the wrapped-text reading (markdown.unwrapped) joins into sentences again.

A scanned PDF holds no text to read, and a password-protected one cannot be opened: both are skipped with the
reason, as is a file pypdf cannot parse. A page whose drawing instructions run past PAGE_CONTENT_BYTES (a map, or a
file made to be slow) is left out with a warning. pypdf is imported only when a PDF is read.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from typing import Any

from ..errors import UnreadableArticle
from ..text.messages import unreadable
from .cleaning import from_headline, headline, property_title

MAX_PAGES = 200  # an article is a few pages; a book-length PDF is read up to here
# a page of text is some tens of kilobytes of drawing instructions; reading 1 MB of them takes pypdf about 3 s
PAGE_CONTENT_BYTES = 1_000_000
CONTENT_BYTES = 10_000_000  # all pages together
EDGE_LINES = 2  # the lines at a page's top and bottom looked at for a running header or footer
TITLE_WITHIN = 6  # the first page's lines in which the document's title property is looked for
MASTHEAD_LINES = 3  # without a title property: the first page's lines read as masthead where they hold a "|"
log = logging.getLogger(__name__)



def pdf_text(data: bytes) -> tuple[dict[str, str], str]:
    """The PDF's title (where its properties give a real one) and its text, page after page."""
    pages, title = _pages(data)
    if not any(page.strip() for page in pages):
        raise unreadable("skip_pdf_scanned")
    pages = _without_running_lines(pages)
    first = pages[0].split("\n")
    found = headline(first, title, TITLE_WITHIN) if title else None
    if found:
        title, first = found
    else:  # (a title property the first lines do not show is kept: a PDF printed from a page names its headline)
        first = _below_masthead(first)
    return {"title": title} if title else {}, "\n".join(["\n".join(first), *pages[1:]])


def _pages(data: bytes) -> tuple[list[str], str | None]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its notes on a damaged file: the skip says it once
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opened(reader):
            raise unreadable("skip_pdf_locked")
        pages, budget, left_out = [], CONTENT_BYTES, 0
        for number, page in enumerate(reader.pages[:MAX_PAGES], 1):
            contents = page.get_contents()
            size = len(contents.get_data()) if contents is not None else 0
            if size > PAGE_CONTENT_BYTES:
                log.warning("left out page %d of a PDF: %.1f MB of drawing instructions", number, size / 1e6)
                left_out += 1
                continue
            if size > budget:
                log.warning("read the first %d pages of a PDF: the rest hold more drawing instructions than %.0f MB",
                            number - 1, CONTENT_BYTES / 1e6)
                break
            budget -= size
            pages.append(page.extract_text() or "")
    except UnreadableArticle:
        raise
    except DependencyError as exc:  # an encryption pypdf reads only with a package that is missing
        raise unreadable("skip_pdf_crypto", detail=exc) from None
    except Exception as exc:  # pypdf's errors on a damaged or hostile file, of many kinds
        raise unreadable("skip_pdf_damaged", detail=type(exc).__name__) from None
    if left_out and not any(page.strip() for page in pages):
        raise unreadable("skip_pdf_drawing")
    if len(reader.pages) > MAX_PAGES:
        log.warning("read the first %d of %d pages of a PDF", MAX_PAGES, len(reader.pages))
    try:
        title = property_title(reader.metadata.title if reader.metadata else None)
    except Exception:  # a damaged properties object: the text is still the article
        title = None
    return pages, title


def _opened(reader: Any) -> bool:
    """Whether an encrypted PDF opens without a password (many are locked only against editing)."""
    from pypdf.errors import DependencyError

    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        raise
    except Exception:
        return False


def _key(line: str) -> str:
    """A line as a running header or footer repeats it: page numbers aside ("Page 2" is "Page 3")."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _below_masthead(lines: list[str]) -> list[str]:
    """The first page without the lines above the title that a masthead's bars mark ("NORTH PORT TIMES | Culture"),
    when the document names no title; a date printed there is kept, after the title."""
    top = 0
    while top < min(MASTHEAD_LINES, len(lines) - 1) and "|" in lines[top]:
        top += 1
    return from_headline(lines, top)


def _without_running_lines(pages: list[str]) -> list[str]:
    """Each page without the lines at its top or bottom that at least half of the pages, and two or more, repeat (a
    masthead, "North Port Times Page 2", "2/5"); a page alone repeats nothing, and the cleaning's page-number
    patterns do that work."""
    split = [[line for line in page.split("\n") if line.strip()] for page in pages]
    edges = [{_key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]} for lines in split]
    counts = Counter(key for keys in edges for key in keys)
    running = {key for key, n in counts.items() if n >= max(2, len(pages) / 2)}
    return ["\n".join(line for i, line in enumerate(lines)
                      if _key(line) not in running or EDGE_LINES <= i < len(lines) - EDGE_LINES) for lines in split]
