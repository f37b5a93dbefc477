"""Embeds within Discord's limits, trimmed at sentence boundaries, with every mention inert."""

from __future__ import annotations

import re

import discord
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from bot.config import Settings
from bot.discord.format import (
    CONTENT_MAX,
    EMBED_TOTAL_MAX,
    FIELDS_MAX,
    ZWSP,
    answer_embed,
    answer_text,
    embed_problems,
    fit,
    inert,
    more_embed,
    nice_date,
    sentences,
    snippet_text,
)
from bot.engine.engine import Engine
from bot.models import Answer, Citation
from tests.discord_fakes import embed_text

from .fakes import EngineProxy, ask, make_bot

HOSTILE = "@everyone @here <@123456789012345678> <@!123456789012345678> <@&123456789012345678> **bold** `x`"


def citation(n: int, snippet: str, title: str = "Title", highlight: tuple[int, int] | None = None) -> Citation:
    return Citation(n, title, "2025-12-05", snippet, highlight, 0.5, f"c{n}", "a")


def huge_answer(n_citations: int = 40) -> Answer:
    sentence = "The orchestra played in Seoul on 5 December 2025 for the anniversary. "
    snippet = (sentence * 40) + HOSTILE
    cites = tuple(citation(i, snippet, title="T" * 400 + HOSTILE, highlight=(4, 13)) for i in range(1, n_citations))
    text = (sentence * 200) + " [1][2][3]"
    return Answer("q" * 5000 + HOSTILE, text, False, cites, 0.9, 1.0, "v-1", cites)


def no_live_mentions(text: str) -> bool:
    return not re.search(r"@(everyone|here)|<@[!&]?\d", text)


def test_inert_breaks_every_mention_form() -> None:
    out = inert(HOSTILE)
    assert no_live_mentions(out)
    assert out.replace(ZWSP, "") == HOSTILE  # nothing but the zero-width spaces changed


def test_huge_answer_fits_every_limit() -> None:
    embed = answer_embed(huge_answer())
    assert embed_problems(embed) == []
    assert len(embed) <= EMBED_TOTAL_MAX and len(embed.fields) <= FIELDS_MAX
    assert embed.description is not None
    assert embed.description.endswith("[1][2][3]")  # citation marks never cut
    assert embed.description[:-len(" [1][2][3]")].rstrip().endswith("anniversary. …")  # whole sentences
    assert no_live_mentions(embed_text(embed))
    for f in embed.fields:  # each citation either whole-headed and quoted, or left out
        assert f.name is not None and f.value is not None
        assert f.name.startswith(f"[{embed.fields.index(f) + 1}] ") and f.value.startswith("“")
        assert f.value.endswith("”")


def test_more_embed_within_limits() -> None:
    embed = more_embed("q" * 1000, huge_answer(60).more)
    assert embed_problems(embed) == []


def test_trim_keeps_whole_sentences() -> None:
    text = "First sentence here. Second one is longer than the first. Third!"
    assert fit(text, 40, render=str) == "First sentence here. …"
    assert fit(text, 1000, render=str) == text
    assert sentences(text) == ["First sentence here. ", "Second one is longer than the first. ", "Third!"]


def test_single_long_sentence_is_cut_at_a_word() -> None:
    out = fit("word " * 100, 50, render=str)
    assert len(out) <= 50 and out.endswith("…") and "wor…" not in out


def test_answer_text_keeps_citation_marks() -> None:
    text = "A long answer sentence. " * 100 + "[1][2]"
    out = answer_text(text, 100)
    assert len(out) <= 100 and out.endswith(" [1][2]")


def test_snippet_highlight_is_bold_and_survives_trimming() -> None:
    snippet = "Filler sentence number one. " * 30 + "The concert was on December 5th. " + "More filler. " * 30
    start = snippet.index("December 5th")
    out = snippet_text(citation(1, snippet, highlight=(start, start + len("December 5th"))), 200)
    assert "**December 5th**" in out and len(out) <= 200


def test_abstention_lists_nearest_passages() -> None:
    cites = (citation(1, "The nearest passage."), citation(2, "Another one."))
    embed = answer_embed(Answer("Who won?", None, True, cites, 0.1, 1.0, "v-9"))
    assert embed.description is not None and embed.footer.text is not None
    assert "could not find" in embed.description and "closest passages" in embed.description
    assert [(f.name or "").split("]")[0] for f in embed.fields] == ["[1", "[2"]
    assert "index v-9" in embed.footer.text and "score 0.10" in embed.footer.text
    unknown = Answer("Who won in Osaka?", None, True, cites, 0.1, 1.0, "v-9", unknown=("Osaka",))
    assert answer_embed(unknown).description.startswith(  # type: ignore[union-attr]
        "I could not find that in the sources; they never mention “Osaka”. The closest passages:")


def test_the_footer_says_how_typos_were_read() -> None:
    answer = Answer("when was the tresty signed", "22 June 1965 [1]", False, (citation(1, "Signed on June 22, 1965."),),
                    0.8, 1.0, "v-9", read_as=(("tresty", "treaty"),))
    read_as = answer_embed(answer).footer.text
    plain = answer_embed(Answer("When?", "x [1]", False, (), 0.8, 1.0, "v-9")).footer.text
    assert read_as is not None and read_as.endswith("· read “tresty” as “treaty”")
    assert plain is not None and "read" not in plain


def test_nice_date() -> None:
    assert nice_date("2025-12-05") == "5 December 2025"
    assert nice_date(None) == "undated" and nice_date("2025") == "2025"


@hsettings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=7000), st.lists(st.text(min_size=0, max_size=3000), max_size=30))
def test_any_answer_fits(text: str, snippets: list[str]) -> None:
    cites = tuple(citation(i + 1, s or "x", title=s[:300] or "t", highlight=(0, min(3, len(s))) if s else None)
                  for i, s in enumerate(snippets))
    for answer in (Answer(text or "?", text or None, not text, cites, 0.5, 1.0, "v"),):
        embed = answer_embed(answer)
        assert embed_problems(embed) == []
        assert no_live_mentions(embed_text(embed))


async def test_huge_answer_payload_via_ask(fake_engine: Engine, settings: Settings) -> None:
    huge = EngineProxy(fake_engine, lambda question, previous: huge_answer())
    it = await ask(make_bot(huge, settings), HOSTILE)
    payload = it.payloads[-1]
    (embed,) = payload["embeds"]
    assert embed_problems(discord.Embed.from_dict(embed)) == []
    assert len(payload.get("content") or "") <= CONTENT_MAX
    assert payload["allowed_mentions"] == {"parse": []}
    assert no_live_mentions(str(embed))


@pytest.mark.parametrize("content", ["x" * 5000, HOSTILE * 100])
def test_one_line_replies_are_clipped_and_inert(content: str) -> None:
    from bot.discord.qa import Reply

    kw = Reply(content=content).send_kwargs()
    assert len(kw["content"]) <= CONTENT_MAX and no_live_mentions(kw["content"])
    assert kw["allowed_mentions"].to_dict() == {"parse": []}
