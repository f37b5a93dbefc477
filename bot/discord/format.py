"""Answers as Discord embeds, within Discord's limits, with every mention made inert.

Pure functions: no network, no bot. Limits are Discord's: message content 2,000 characters; embed title
256, description 4,096, field name 256, field value 1,024, footer 2,048; 25 fields; 6,000 characters
across all the embeds of one message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

import discord

from ..index.store import IndexData
from ..models import Answer, Citation, newest_first
from ..render import generated_note, not_found, read_as_note
from ..text.dates import localized, month_name
from ..text.lang import language_of
from ..text.messages import say

CONTENT_MAX = 2000
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
FIELDS_MAX = 25
EMBED_TOTAL_MAX = 6000
ANSWER_MAX = 1500  # the short answer; the citations carry the detail
SNIPPET_MAX = 900
ELLIPSIS = "…"
ZWSP = "\u200b"

ANSWER_COLOUR = discord.Colour.blurple()
ABSTAIN_COLOUR = discord.Colour.orange()

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_MARKS = re.compile(r"(?:\s*\[\d+\])+\s*$")


def inert(text: str) -> str:
    """`text` with every mention disarmed: a zero-width space after each @ (so <@id>, <@&id>,
    @everyone and @here neither ping nor render as mentions)."""
    return text.replace("@", "@" + ZWSP)


def safe(text: str) -> str:
    """User or article text made safe to show: mentions inert, markdown shown literally."""
    return inert(discord.utils.escape_markdown(text))


def sentences(text: str) -> list[str]:
    """`text` split after sentence-ending punctuation (the separators stay with the sentence before)."""
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        parts.append(text[start:m.end()])
        start = m.end()
    if start < len(text):
        parts.append(text[start:])
    return parts


def fit(raw: str, limit: int, render: Callable[[str], str] = safe) -> str:
    """`render(raw)`, trimmed so it is at most `limit` characters: whole sentences are dropped from
    the end first; only a single sentence that is too long by itself is cut, at a word boundary."""
    if limit <= 0:
        return ""
    out = render(raw)
    if len(out) <= limit:
        return out
    parts = sentences(raw)
    # rendering never shortens text, so start from the longest prefix whose raw text fits
    start, used = 0, 0
    while start < len(parts) - 1 and used + len(parts[start]) <= limit:
        used += len(parts[start])
        start += 1
    for keep in range(start, 0, -1):
        out = render("".join(parts[:keep]).rstrip() + " " + ELLIPSIS)
        if len(out) <= limit:
            return out
    budget = min(len(raw), limit)
    while budget > 0:
        cut = raw[:budget]
        cut = cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut
        out = render(cut.rstrip() + ELLIPSIS)
        if len(out) <= limit:
            return out
        budget = min(budget - 1, int(budget * 0.8))
    return ELLIPSIS


def clip(text: str, limit: int) -> str:
    """Already-rendered text cut to `limit` characters (for one-line messages)."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + ELLIPSIS


def answer_text(text: str, limit: int = ANSWER_MAX) -> str:
    """The short answer, trimmed at sentence boundaries; its citation marks ([1][2]) are kept whole."""
    marks = _MARKS.search(text)
    body, tail = (text[: marks.start()], marks.group().strip()) if marks else (text, "")
    tail_out = (" " + tail) if tail else ""
    return fit(body, max(1, limit - len(tail_out))) + tail_out


def nice_date(iso: str | None, lang: str = "en") -> str:
    """`2025-12-05` as `5 December 2025` (`2025년 12월 5일`, `2025年12月5日`); anything else unchanged, or
    `undated`."""
    if not iso:
        return say("undated", lang)
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return localized(f"{d.day} {month_name(d.month)} {d.year}", lang)


def snippet_text(c: Citation, limit: int = SNIPPET_MAX) -> str:
    """The citation's snippet in quotes with the answer in bold, trimmed at sentence boundaries."""
    snippet = c.snippet
    hl = c.highlight if c.highlight and 0 <= c.highlight[0] < c.highlight[1] <= len(snippet) else None
    if hl is not None:
        # start at the sentence that holds the answer, so trimming never drops the answer itself
        offset = 0
        for part in sentences(snippet):
            if offset + len(part) > hl[0]:
                break
            offset += len(part)
        if offset:
            snippet, hl = ELLIPSIS + " " + snippet[offset:], (hl[0] - offset + 2, hl[1] - offset + 2)

    def render(raw: str) -> str:
        if hl is None or hl[0] >= len(raw.rstrip(ELLIPSIS)):
            return f"“{safe(raw)}”"
        a, b = hl[0], min(hl[1], len(raw.rstrip(ELLIPSIS)))
        return f"“{safe(raw[:a])}**{safe(raw[a:b])}**{safe(raw[b:])}”"

    return fit(snippet, limit, render)


def citation_field(c: Citation, value_limit: int = FIELD_VALUE_MAX, lang: str = "en") -> tuple[str, str]:
    """(name, value) for one citation: "[n] Title — date" and the quoted snippet."""
    when = nice_date(c.date, lang)
    name_tail = f" — {when}"
    name = f"[{c.n}] " + fit(c.title, FIELD_NAME_MAX - len(name_tail) - len(f"[{c.n}] ")) + name_tail
    value = snippet_text(c, min(value_limit, SNIPPET_MAX))
    if c.url and len(value) + len(c.url) + 1 <= value_limit:
        value += "\n" + c.url
    return name, value


def footer_text(answer: Answer) -> str:
    lang = answer.lang
    generated = f"{generated_note(answer.generated_by, lang)} · " if answer.generated_by else ""
    return clip(inert(generated) + say("index", lang, version=answer.index_version or "?", score=f"{answer.score:.2f}")
                + (say("below", lang) if answer.abstained else "")
                + (f" · {read_as_note(answer.read_as, lang)}" if answer.read_as else ""), FOOTER_MAX)


def add_citations(embed: discord.Embed, citations: Iterable[Citation], lang: str = "en") -> int:
    """Add one field per citation while the embed stays within Discord's limits; returns how many fit.
    A citation that does not fit is left out whole, never cut in the middle."""
    added = 0
    for c in citations:
        if len(embed.fields) >= FIELDS_MAX:
            break
        room = EMBED_TOTAL_MAX - len(embed)
        name, value = citation_field(c, lang=lang)
        if len(name) + len(value) > room:
            name, value = citation_field(c, min(FIELD_VALUE_MAX, room - len(name)), lang)
            if room - len(name) < 80 or len(name) + len(value) > room:
                break
        embed.add_field(name=name, value=value, inline=False)
        added += 1
    return added


def answer_embed(answer: Answer) -> discord.Embed:
    """The embed for an answer (or an abstention with the nearest passages)."""
    title = fit(answer.question, TITLE_MAX) or "Question"
    if answer.abstained or not answer.text:
        description = not_found(answer) + (" " + say("closest", answer.lang) if answer.citations else "")
        colour = ABSTAIN_COLOUR
    else:
        description = answer_text(answer.text, min(ANSWER_MAX, DESCRIPTION_MAX))
        colour = ANSWER_COLOUR
    embed = discord.Embed(title=title, description=description, colour=colour)
    embed.set_footer(text=footer_text(answer))
    add_citations(embed, answer.citations, answer.lang)
    return embed


def more_embed(question: str, more: tuple[Citation, ...], lang: str | None = None) -> discord.Embed:
    """The further passages behind an answer ("More sources"), in the answer's language (`lang`; by default the
    question's script's)."""
    lang = lang or language_of(question)
    embed = discord.Embed(title=fit(say("more_title", lang, question=question), TITLE_MAX), colour=ANSWER_COLOUR)
    if not add_citations(embed, more, lang):
        embed.description = say("no_more", lang)
    return embed


def sources_embeds(index: IndexData, lang: str = "en") -> list[discord.Embed]:
    """The indexed articles, newest first, with their dates, as up to 10 embeds of at most 25 lines each (in the
    asker's language; the titles stay the articles')."""
    articles = newest_first(index.articles.values())
    lines = [f"**{nice_date(a.date, lang)}** — {fit(a.title, 200)} "
             f"({say('passages', lang, count=index.passages_of(a.id))})" for a in articles]
    embeds: list[discord.Embed] = []
    total = 0
    for start in range(0, len(lines), 25):
        description = clip("\n".join(lines[start:start + 25]), DESCRIPTION_MAX)
        title = say("sources_title", lang, count=len(articles)) if start == 0 else None
        if len(embeds) == 10 or total + len(description) + len(title or "") > EMBED_TOTAL_MAX:
            break
        embeds.append(discord.Embed(title=title, description=description, colour=ANSWER_COLOUR))
        total += len(embeds[-1])
    return embeds or [discord.Embed(title=say("sources_title", lang, count=0), description=say("no_articles", lang))]


def about_embed(index: IndexData, lang: str = "en") -> discord.Embed:
    """What the bot is and which index it answers from, in the asker's language."""
    m = index.manifest
    counts = m.get("counts", {})
    embed = discord.Embed(title=say("about_title", lang), description=say("about_text", lang), colour=ANSWER_COLOUR)
    embed.add_field(name=say("field_index", lang), value=inert(str(index.version)), inline=True)
    embed.add_field(name=say("field_built", lang), value=inert(str(m.get("built_at", "unknown"))), inline=True)
    embed.add_field(name=say("field_articles", lang), value=str(counts.get("articles", len(index.articles))),
                    inline=True)
    embed.add_field(name=say("field_passages", lang), value=str(counts.get("passages", len(index.chunks))), inline=True)
    embed.add_field(name=say("field_model", lang), value=safe(str(m.get("model", "unknown"))), inline=True)
    return embed


def embed_problems(embed: discord.Embed) -> list[str]:
    """Which of Discord's embed limits `embed` breaks (empty when it is valid)."""
    problems = []
    checks = [(embed.title or "", TITLE_MAX, "title"), (embed.description or "", DESCRIPTION_MAX, "description"),
              (embed.footer.text or "", FOOTER_MAX, "footer")]
    checks += [(f.name or "", FIELD_NAME_MAX, f"field {i} name") for i, f in enumerate(embed.fields)]
    checks += [(f.value or "", FIELD_VALUE_MAX, f"field {i} value") for i, f in enumerate(embed.fields)]
    problems += [f"{what} has {len(text)} > {limit} characters" for text, limit, what in checks if len(text) > limit]
    problems += [f"{what} is empty" for text, _, what in checks if what.startswith("field") and not text.strip()]
    if len(embed.fields) > FIELDS_MAX:
        problems.append(f"{len(embed.fields)} > {FIELDS_MAX} fields")
    if len(embed) > EMBED_TOTAL_MAX:
        problems.append(f"{len(embed)} > {EMBED_TOTAL_MAX} characters in total")
    return problems
