"""Sentence splitting and sentence-aware chunking, keeping offsets into the article text."""

from __future__ import annotations

import re

from ..models import Article, Chunk, Sentence

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen", "gov",
    "sen", "rep", "lt", "col", "capt", "corp", "inc", "ltd", "co", "approx", "fig",
}
MAX_SENTENCE_CHARS = 2000  # longer runs without sentence punctuation are split at spaces (bounds snippets)
_ATTRIBUTION = re.compile(r"\([^()]{1,200}\)[.!?…]*(?:\s|$)")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in `text`; a line break always ends a sentence."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cursor = 0
        for m in _BOUNDARY.finditer(line):
            word = re.search(r"([\w.]+)[.!?…]*[\"'”’)\]]*\s+$", line[cursor:m.end()])
            tail = word.group(1).rstrip(".").lower() if word else ""
            if m.group(0).startswith(".") and is_abbreviation(tail):
                continue
            if _ATTRIBUTION.match(line, m.end()):  # "(Korea JoongAng Daily, 05 Dec. 2025)." cites what precedes
                continue
            _add(spans, line, start, cursor, m.end())
            cursor = m.end()
        _add(spans, line, start, cursor, len(line))
    return spans


def is_abbreviation(word: str) -> bool:
    """Whether a lower-cased word before a dot is an abbreviation, whose dot ends no sentence ("dr", "u.s", "j")."""
    return word in ABBREVIATIONS or bool(re.fullmatch(r"[a-z]", word))


def _add(spans: list[tuple[int, int]], line: str, offset: int, a: int, b: int) -> None:
    piece = line[a:b]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    while trail - lead > MAX_SENTENCE_CHARS:  # a run-on "sentence" (no punctuation) is cut at a space
        cut = piece.rfind(" ", lead + 1, lead + MAX_SENTENCE_CHARS + 1)
        cut = cut if cut > lead else lead + MAX_SENTENCE_CHARS
        end = cut  # walk over the spaces at the cut: slicing the rest of a long piece each time is quadratic
        while end > lead and piece[end - 1].isspace():
            end -= 1
        spans.append((offset + a + lead, offset + a + end))
        lead = cut
        while lead < len(piece) and piece[lead].isspace():
            lead += 1
    if trail > lead:
        spans.append((offset + a + lead, offset + a + trail))


def chunk_article(article: Article, max_chars: int = 480, overlap: int = 1) -> tuple[list[Sentence], list[Chunk]]:
    """The article's sentences and its chunks: runs of whole sentences of about `max_chars`.

    Consecutive chunks share `overlap` sentences. A chunk's `sentence_ids` index the returned
    sentence list; its text is exactly `article.text[start:end]`.
    """
    spans = split_sentences(article.text)
    sentences = [Sentence(article.id, a, b, article.text[a:b]) for a, b in spans]
    chunks: list[Chunk] = []
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and spans[j][1] - spans[i][0] <= max_chars:
            j += 1
        start, end = spans[i][0], spans[j - 1][1]
        chunks.append(Chunk(f"{article.id}:{start}-{end}", article.id, start, end,
                            article.text[start:end], tuple(range(i, j))))
        if j >= len(spans):
            break
        i = max(j - overlap, i + 1)
    return sentences, chunks
