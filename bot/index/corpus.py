"""Reading the articles in `corpus/`: text or Markdown with optional front matter, saved HTML, a PDF or a Word
document."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UnreadableArticle
from ..models import Article
from ..text.dates import parse_date
from ..text.messages import say, unreadable
from .cleaning import clean_article, normalize_text, plain_newlines
from .markdown import markdown_text, unwrapped

log = logging.getLogger(__name__)

# 2: Markdown read as the text it shows, a wrapped file in whole paragraphs; 3: a word broken at a line's end whole;
# 4: a dateline of its own ("Published 3 November 2025") dates the article; 5: a PDF page's number and footer go;
# 6: PDF and Word articles are read; 7: a byline beside its date dates the article and stays as text; 8: a name alone
# above the date is a byline ("Story by" one too), and a dateline may abbreviate its weekday, write "18.30", a date
# in figures whose order is plain ("18/05/2026"), and "4 min read"
READING_VERSION = 8
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = MARKDOWN_SUFFIXES | {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
WORD_SUFFIXES = {".docx"}
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | WORD_SUFFIXES
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # a PDF or Word file carries its fonts and pictures: its text is a small part
MIN_BODY_CHARS = 40
PROGRESS_FROM = 20  # files: fewer read in a moment, without a bar
_UNSEEN = (".", "~$")  # hidden files, and the lock file Word keeps beside a document it has open ("~$festival.docx")
_FRONT_KEYS = {"title", "date", "source", "publisher", "url"}




@dataclass(frozen=True)
class Skipped:
    """A corpus file left out of the index, and why."""

    path: str
    reason: str  # in English
    key: str = ""  # the reason's message in bot/text/skip_reasons.py, and its values
    values: dict[str, object] = field(default_factory=dict)

    def said(self, lang: str = "en") -> str:
        """The reason in `lang`."""
        return say(self.key, lang, **self.values) if self.key else self.reason


def log_skipped(skipped: Skipped) -> None:
    """The default word on a skipped file: a warning in the log."""
    log.warning("skipped %s: %s", skipped.path, skipped.reason)


def load_corpus(corpus_dir: Path, on_skipped: Callable[[Skipped], None] = log_skipped, progress: bool = False,
                ) -> tuple[list[Article], list[Skipped]]:
    """Every readable article under `corpus_dir` and the files that were skipped, each said once by `on_skipped`
    as it is found; with `progress`, a bar over the files (PDFs and Word files take a moment each)."""
    from tqdm import tqdm

    articles: list[Article] = []
    skipped: list[Skipped] = []

    def skip(path: Path, why: UnreadableArticle) -> None:
        skipped.append(Skipped(str(path), str(why), why.key, why.values))
        on_skipped(skipped[-1])

    seen: set[str] = set()
    files = corpus_files(corpus_dir)
    for path in tqdm(files, desc="Reading articles", unit="file", disable=not progress or len(files) < PROGRESS_FROM):
        try:
            article = read_article(path, corpus_dir)
        except UnreadableArticle as exc:
            skip(path, exc)
            continue
        if article.id in seen:
            skip(path, unreadable("skip_same_id", id=article.id))
            continue
        seen.add(article.id)
        articles.append(article)
    for path in other_files(corpus_dir):  # "photo.jpg" dropped in beside the articles is named, not ignored
        skip(path, unreadable("skip_other_kind", kinds=", ".join(sorted(READABLE))))
    return articles, skipped


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The files under `corpus_dir` that are meant to be articles, in a stable order."""
    if not corpus_dir.is_dir():
        return []
    return sorted(
        p for p in corpus_dir.rglob("*")
        if p.is_file() and not p.name.startswith(_UNSEEN) and p.name.lower() != "readme.md"
        and p.suffix.lower() in READABLE
    )


def other_files(corpus_dir: Path) -> list[Path]:
    """The files under `corpus_dir` in a format qabot does not read (an old .doc, an image), but hidden ones
    and those in hidden folders (".git")."""
    if not corpus_dir.is_dir():
        return []
    return sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.suffix.lower() not in READABLE
                  and not p.name.startswith(_UNSEEN)
                  and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts))


def file_hashes(corpus_dir: Path) -> dict[str, str]:
    """sha256 of every corpus file, by path relative to `corpus_dir`."""
    out = {}
    for path in corpus_files(corpus_dir):
        try:
            out[str(path.relative_to(corpus_dir))] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            out[str(path.relative_to(corpus_dir))] = "unreadable"
    return out


def read_article(path: Path, root: Path | None = None) -> Article:
    """One article from a file; raises UnreadableArticle with the reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable("skip_read_failed", detail=exc.strerror) from None
    suffix = path.suffix.lower()
    limit = MAX_DOCUMENT_BYTES if suffix in PDF_SUFFIXES | WORD_SUFFIXES else MAX_FILE_BYTES
    if len(data) > limit:
        raise unreadable("skip_too_large", size=f"{len(data) / 1e6:.1f}", limit=f"{limit / 1e6:.0f}")
    if not data.strip():
        raise unreadable("skip_empty")
    if suffix in PDF_SUFFIXES:  # (the document readers are imported where needed: answering imports this module)
        from .pdf import pdf_text

        meta, raw = pdf_text(data)
        raw = unwrapped(normalize_text(raw), proportional=True)  # lines the page broke are sentences again
    elif suffix in WORD_SUFFIXES:
        from .word import word_text

        meta, raw = word_text(data)
    elif suffix in HTML_SUFFIXES:
        meta, raw = _from_html(decode(data))
    else:
        meta, raw = split_front_matter(plain_newlines(decode(data)))  # (old Macs: "\r" alone)
        # "**1 November 2025**" shows as "1 November 2025"; a paragraph wrapped at 80 columns is one paragraph
        raw = markdown_text(raw) if suffix in MARKDOWN_SUFFIXES else unwrapped(raw)
    header, body = clean_article(raw, meta.get("title"))
    if len(body) < MIN_BODY_CHARS:
        raise unreadable("skip_no_text")
    date = meta.get("date")
    if date:
        iso = parse_date(date)
        if iso is None:
            raise unreadable("skip_bad_date", date=date)
        date = iso
    rel = path.relative_to(root) if root else path
    return Article(
        id=slug(str(rel.with_suffix(""))),
        title=meta.get("title") or header.title or path.stem,
        text=body,
        date=date or header.date,
        source=meta.get("source") or meta.get("publisher") or header.source,
        url=meta.get("url") or None,
        path=str(rel),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 or UTF-16 with a BOM, UTF-16 without one (Latin text leaves every other byte
    zero), UTF-8, else Windows-1252; junk is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif utf16 := _utf16_without_bom(data):
        text = data.decode(utf16, errors="replace")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t") or ch == "\ufffd")
    if bad > max(2, len(text) // 100):
        raise unreadable("skip_binary")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the zero bytes sit at odd or at even offsets only, as in UTF-16 text
    that is mostly Latin letters; else None (UTF-8 and Windows-1252 text has no zero bytes)."""
    half = len(data) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`key: value` front matter between `---` lines, and the rest of the text."""
    if not text.lstrip("\ufeff").startswith("---"):
        return {}, text
    lines = text.lstrip("\ufeff").split("\n")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise unreadable("skip_front_open") from None
    meta: dict[str, str] = {}
    for n, line in enumerate(lines[1:end], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z_][\w-]*", key.strip()):
            raise unreadable("skip_front_line", line=n)
        key = key.strip().lower()
        if key in _FRONT_KEYS:
            meta[key] = value.strip().strip("'\"")
    return meta, "\n".join(lines[end + 1:])


def _from_html(html: str) -> tuple[dict[str, str], str]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    def found(name: str) -> str:
        value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
        return str(value) if value else ""

    text = found("text")
    if not text.strip():
        raise unreadable("skip_html_empty")
    meta = {"title": found("title"), "date": found("date"), "source": found("sitename"), "url": found("url")}
    return {k: v for k, v in meta.items() if v}, text


def slug(name: str) -> str:
    """The article id of a corpus file name (its path without the suffix): "Steam_engine" -> "steam-engine"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "article"
