"""Plain-text rendering of answers for the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from .models import Answer, Citation

NOT_FOUND = "I could not find that in the sources."


def read_as_note(read_as: Iterable[tuple[str, str]]) -> str:
    """What the answer took a question's typos for: 'read “tresty” as “treaty”' ("" when none)."""
    return ", ".join(f"read “{typo}” as “{word}”" for typo, word in read_as)


def citation_lines(c: Citation, bold: tuple[str, str]) -> list[str]:
    when = c.date or "undated"
    head = f"[{c.n}] {c.title} ({when})"
    snippet = textwrap.fill(f"“{c.marked_snippet(*bold)}”", width=100, initial_indent="    ", subsequent_indent="    ")
    return [head, snippet]


def not_found(answer: Answer) -> str:
    """The abstention's first line, with what the sources never mention: 'I could not find that in the
    sources; they never mention “Osaka”.'"""
    if not answer.unknown:
        return NOT_FOUND
    words = " or ".join(f"“{w[:40]}”" for w in answer.unknown[:3])
    return f"{NOT_FOUND[:-1]}; they never mention {words}."


def render_answer(answer: Answer, color: bool = False) -> str:
    """The answer, then its numbered citations."""
    bold = ("\033[1m", "\033[0m") if color else ("**", "**")
    lines = [answer.text if not answer.abstained and answer.text else not_found(answer)]
    if answer.read_as:
        lines.append(f"({read_as_note(answer.read_as)})")
    if answer.abstained and answer.citations:
        lines.append("The closest passages:")
    lines.append("")
    for c in answer.citations:
        lines.extend(citation_lines(c, bold))
    return "\n".join(lines).rstrip()
