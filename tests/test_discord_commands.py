"""Slash commands and buttons, driven by calling the real app command callbacks with stand-in interactions."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast
from unittest.mock import AsyncMock, Mock

import discord
import pytest
from discord import app_commands

from bot.config import Settings
from bot.discord.qa import GENERIC_ERROR
from bot.discord.views import MoreButton, VoteButton
from bot.engine.engine import Engine
from bot.errors import QABotError
from bot.index.build import build_index
from bot.text.messages import say
from tests.discord_fakes import FakeInteraction, FakeUser

from .fakes import EngineProxy, ask, make_bot, manager, slash

NO_PINGS: dict[str, list[str]] = {"parse": []}


def slow_engine(engine: Engine, delay: float) -> EngineProxy:
    """An engine that takes `delay` seconds (in its worker thread) before answering."""
    return EngineProxy(engine, lambda question, previous: time.sleep(delay))


async def test_ask_defers_first_then_sends_the_answer_embed(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    it = await ask(bot, "When was the concert in Seoul?")
    assert [name for name, _ in it.calls] == ["defer", "followup"]
    assert "December" in it.text() and "Concert in Seoul" in it.text()
    payload = it.payloads[-1]
    assert payload["allowed_mentions"] == NO_PINGS
    assert [c["label"] if "label" in c else c["emoji"]["name"] for c in payload["components"][0]["components"]] \
        == ["More sources", "👍", "👎"]
    assert f"index {fake_engine.version}" in it.text() and "score" in it.text()


@pytest.mark.model
async def test_acceptance_ask_with_the_real_engine(real_engine: Engine, real_settings: Settings) -> None:
    bot = make_bot(real_engine, real_settings)
    it = await ask(bot, "When was the Seoul concert?")
    assert it.calls[0][0] == "defer" and it.calls[-1][0] == "followup"
    text = it.text()
    assert "5 December 2025" in text or "December 5, 2025" in text
    assert "Turning a Page" in text and "concert was held in Seoul" in text
    assert it.payloads[-1]["allowed_mentions"] == NO_PINGS
    assert isinstance(it.sent()["embed"], discord.Embed)


async def test_empty_question_gets_the_engines_one_line(fake_engine: Engine, settings: Settings) -> None:
    it = await ask(make_bot(fake_engine, settings), "   \u200b ")
    assert it.calls[0][0] == "defer"
    assert it.sent()["content"].startswith("Please ask a question in words")
    assert "embed" not in it.sent()


async def test_unexpected_error_is_logged_and_user_gets_one_generic_line(
        fake_engine: Engine, settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    def broken(question: str, previous: str | None) -> None:
        if "Seoul" not in question:
            raise KeyError("internal detail /srv/secret")

    bot = make_bot(EngineProxy(fake_engine, broken), settings)
    it = await ask(bot, "When was the concert?")
    assert it.sent()["content"] == GENERIC_ERROR
    assert "Traceback" in caplog.text and "internal detail" in caplog.text
    assert bot.qa.history.records()[-1].outcome == "error"
    ok = await ask(bot, "When was the concert in Seoul?")  # the same bot keeps working
    assert ok.sent().get("embed") is not None and bot.qa.history.records()[-1].outcome != "error"


async def test_slow_answer_gets_a_timeout_reply(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(slow_engine(fake_engine, 0.3), settings, answer_timeout_seconds=0.1)  # its thread runs on
    it = await ask(bot, "When was the concert in Seoul?")
    assert it.sent()["content"] == say("timeout")
    assert bot.qa.history.records()[-1].outcome == "timeout"


async def test_cooldown_per_user(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings, cooldown_seconds=30)
    user = FakeUser()
    first = await ask(bot, "When was the concert in Seoul?", user=user)
    assert first.sent().get("embed") is not None
    again = await ask(bot, "And the treaty?", user=user)
    assert again.calls[0][0] == "defer"
    assert again.sent()["content"] == "You're asking a little fast: try again in 30 s."
    other = await ask(bot, "When was the treaty signed?")
    assert other.sent().get("embed") is not None


async def test_channel_allow_list_for_slash_commands(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings, discord_channels=(7,))
    refused = await ask(bot, "When was the concert in Seoul?", channel_id=8)
    assert refused.calls[0] == ("defer", {"ephemeral": True, "thinking": True})
    assert refused.sent()["content"] == say("not_here")
    allowed = await ask(bot, "When was the concert in Seoul?", channel_id=7)
    assert allowed.sent().get("embed") is not None


async def test_ask_in_a_thread_of_an_allowed_channel_follows_up_there(fake_engine: Engine, settings: Settings) -> None:
    engine = EngineProxy(fake_engine)
    bot = make_bot(engine, settings, discord_channels=(7,))
    thread = object.__new__(discord.Thread)  # only what the handler reads: its id and its parent's
    thread.id, thread.parent_id = 99, 7
    first = await ask(bot, "When was the concert in Seoul?", channel=thread, channel_id=99)
    assert first.sent().get("embed") is not None  # the thread is not on the list; its channel is
    await ask(bot, "and in Tokyo?", channel=thread, channel_id=99)
    assert engine.asked[-1] == ("and in Tokyo?", "When was the concert in Seoul?")
    elsewhere = await ask(bot, "When was the concert in Seoul?", channel=None, channel_id=8)
    assert elsewhere.sent()["content"] == say("not_here")


async def test_history_row_for_each_question(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    user = FakeUser()
    it = await ask(bot, "When was the concert in Seoul?", user=user)
    (row,) = bot.qa.history.records()
    assert row.question == "When was the concert in Seoul?" and row.source == "slash"
    assert row.answer and row.citations and row.citations[0].title == "Concert in Seoul"
    assert row.score is not None and row.latency_ms is not None and row.index_version == fake_engine.version
    assert row.user_hash != str(user.id) and str(user.id) not in row.user_hash
    assert row.message_id == it.rec.message_ids[-1]  # so replies to it are follow-ups


async def test_more_sources_and_feedback_buttons(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    await ask(bot, "When was the concert in Seoul?")
    qid = bot.qa.history.records()[-1].id
    clicker = FakeUser()
    more = FakeInteraction(bot, user=clicker)
    await MoreButton(qid).callback(cast(discord.Interaction, more))
    assert more.calls[0] == ("defer", {"ephemeral": True, "thinking": True})
    assert more.sent()["ephemeral"] is True and "More sources" in more.text()
    assert "The Treaty" in more.text()
    for vote, expect in (("up", (1, 0)), ("down", (0, 1))):
        it = FakeInteraction(bot, user=clicker)
        await VoteButton(qid, vote).callback(cast(discord.Interaction, it))
        assert "recorded" in it.sent()["content"]
        row = bot.qa.history.get(qid)
        assert row is not None and (row.up, row.down) == expect  # a user's later vote replaces the earlier one
    unknown = FakeInteraction(bot)
    await VoteButton(999_999, "up").callback(cast(discord.Interaction, unknown))
    assert "could not record" in unknown.sent()["content"]


async def test_buttons_are_routed_by_custom_id(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    assert {cls.__name__ for cls in bot._connection._view_store._dynamic_items.values()} == {"MoreButton",
                                                                                              "VoteButton"}


async def test_sources_and_about(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    sources = FakeInteraction(bot)
    await slash(bot, "sources")(sources)
    assert sources.calls[0][0] == "defer"
    assert "Concert in Seoul" in sources.text() and "31 December 2025" in sources.text()
    assert "The Treaty" in sources.text() and "undated" in sources.text()
    about = FakeInteraction(bot)
    await slash(bot, "about")(about)
    text = about.text()
    manifest = fake_engine.index.manifest
    assert manifest["built_at"] in text and manifest["model"] in text
    assert str(manifest["counts"]["articles"]) in text and str(manifest["counts"]["passages"]) in text


async def test_reindex_is_denied_without_manage_server_and_logged(
        fake_engine: Engine, settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    bot = make_bot(fake_engine, settings)
    calls: list[object] = []
    bot.reindexer.build = lambda *a, **k: calls.append(a)
    caplog.set_level(logging.WARNING)
    for user, guild_id in ((FakeUser(), 1), (manager(), None)):  # a plain member; a DM
        it = FakeInteraction(bot, user=user, guild_id=guild_id)
        await slash(bot, "reindex")(it)
        assert it.calls[0][0] == "defer"
        assert "Manage Server" in it.sent()["content"]
    assert calls == [] and bot.reindexer.task is None
    assert caplog.text.count("/reindex denied") == 2


def add_article(settings: Settings) -> None:
    (Path(settings.corpus_dir) / "busan.md").write_text(
        "---\ntitle: Festival in Busan\ndate: 2025-03-04\n---\nFestival in Busan\n"
        "The lantern festival in Busan opened on March 3, 2025 with a parade of boats.\n", encoding="utf-8")


async def test_reindex_rebuilds_in_background_and_swaps_while_answering(
        fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    old = fake_engine.version
    add_article(settings)
    gate, started = threading.Event(), threading.Event()

    def gated_build(*args: Any, **kwargs: Any) -> Any:
        started.set()
        assert gate.wait(10)
        return build_index(*args, **kwargs)

    bot.reindexer.build = gated_build
    it = FakeInteraction(bot, user=manager())
    await slash(bot, "reindex")(it)
    assert "in the background" in it.sent()["content"] and bot.reindexer.running
    await asyncio.to_thread(started.wait, 10)
    during = await ask(bot, "When did the lantern festival in Busan open?")  # answered from the old index
    assert bot.qa.history.records()[-1].index_version == old
    assert "Festival in Busan" not in during.text()
    again = FakeInteraction(bot, user=manager())
    await slash(bot, "reindex")(again)
    assert "already running" in again.sent()["content"]
    gate.set()
    await asyncio.wait_for(bot.reindexer.task, 30)  # type: ignore[arg-type]
    assert fake_engine.version != old
    assert "is live" in it.sent()["content"] and "3 articles" in it.sent()["content"]
    after = await ask(bot, "When did the lantern festival in Busan open?")
    assert "Festival in Busan" in after.text() and fake_engine.version in after.text()


async def test_failed_rebuild_keeps_the_old_index(fake_engine: Engine, settings: Settings,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    bot = make_bot(fake_engine, settings)
    old = fake_engine.version
    for f in Path(settings.corpus_dir).iterdir():
        f.unlink()  # an empty corpus cannot be built
    it = FakeInteraction(bot, user=manager())
    await slash(bot, "reindex")(it)
    await asyncio.wait_for(bot.reindexer.task, 30)  # type: ignore[arg-type]
    assert "The rebuild failed" in it.sent()["content"] and old in it.sent()["content"]
    assert fake_engine.version == old
    ok = await ask(bot, "When was the concert in Seoul?")
    assert "Concert in Seoul" in ok.text()

    def reload_breaks() -> str:
        raise OSError("disk gone")

    fake_engine.reload = reload_breaks  # type: ignore[method-assign]
    it = FakeInteraction(bot, user=manager())
    bot.reindexer.build = lambda *a, **k: None
    await slash(bot, "reindex")(it)
    await asyncio.wait_for(bot.reindexer.task, 30)  # type: ignore[arg-type]
    assert "the log has the details" in it.sent()["content"] and "disk gone" in caplog.text
    assert fake_engine.version == old


async def test_tree_error_handler_gives_one_line(fake_engine: Engine, settings: Settings,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    bot = make_bot(fake_engine, settings)
    it = FakeInteraction(bot)
    await bot.tree.on_error(it, app_commands.CheckFailure("check broke"))  # type: ignore[arg-type]
    assert it.calls == [("send_message", it.calls[0][1])] and it.sent()["content"] == GENERIC_ERROR
    assert it.payloads[-1]["allowed_mentions"] == NO_PINGS
    it = FakeInteraction(bot)
    await it.response.defer()
    wrapped = app_commands.CommandInvokeError.__new__(app_commands.CommandInvokeError)
    wrapped.original = QABotError("Run `qabot build` first.")
    await bot.tree.on_error(it, wrapped)  # type: ignore[arg-type]
    assert it.sent()["content"] == "Run `qabot build` first."
    assert "check broke" in caplog.text


async def test_minimal_stand_in_interaction(fake_engine: Engine, settings: Settings) -> None:
    order = Mock()
    interaction = SimpleNamespace(response=SimpleNamespace(defer=AsyncMock()), followup=SimpleNamespace(
        send=AsyncMock(return_value=SimpleNamespace(id=7))), user=SimpleNamespace(id=42), channel=None,
        channel_id=2, guild_id=1)  # only what discord.Interaction always has
    order.attach_mock(interaction.response.defer, "defer")
    order.attach_mock(interaction.followup.send, "send")
    bot = make_bot(fake_engine, settings)
    await slash(bot, "ask")(interaction, "When was the concert in Seoul?")
    assert [c[0] for c in order.mock_calls] == ["defer", "send"]
    kwargs = interaction.followup.send.call_args.kwargs
    assert "Concert in Seoul" in kwargs["embed"].fields[0].name
    assert kwargs["allowed_mentions"].to_dict() == NO_PINGS


async def test_a_broken_history_store_does_not_stop_answers(fake_engine: Engine, settings: Settings,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    bot = make_bot(fake_engine, settings)
    bot.qa.history.close()
    it = await ask(bot, "When was the concert in Seoul?")
    assert "Concert in Seoul" in it.text()
    assert "view" not in it.sent()  # no stored row, so no buttons that could not work
    assert "history store failed" in caplog.text
