"""Mentions, replies and thread follow-ups, driven through dpytest's fake Discord backend."""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING, Any, cast

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import backend, factories

from bot.discord.bot import QABot
from bot.discord.qa import NONE
from bot.engine.engine import Engine
from tests import discord_fakes

from .fakes import EngineProxy, make_bot

if TYPE_CHECKING:
    from discord.types.gateway import MessageCreateEvent  # for type checkers only: a circular import at run time


@pytest.fixture
def payloads(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The payloads the bot sends to 'Discord' (dpytest's fake HTTP), recorded."""
    sent: list[dict[str, Any]] = []
    original = backend.FakeHttp.send_message

    async def recording_send(self, channel_id: int, *, params):
        sent.append(dict(params.payload or {}))
        channel = sys._getframe(1).f_locals.get("channel")  # noqa: F841 (dpytest reads its caller's `channel`)
        return await original(self, channel_id, params=params)

    monkeypatch.setattr(backend.FakeHttp, "send_message", recording_send)
    return sent


@pytest.fixture
async def dbot(fake_engine: Engine, settings, payloads: list[dict[str, Any]]):
    """A configured bot on dpytest's fake server; payloads sent to 'Discord' are recorded (`payloads`)."""
    engine = EngineProxy(fake_engine)  # records each (question, previous) it is asked
    bot = make_bot(engine, settings)
    await setup(bot, members=2)
    yield bot
    await dpytest.empty_queue()
    bot.qa.history.close()  # dpytest's fake websocket cannot be closed, so close only what the bot owns


async def setup(bot: QABot, members: int = 1) -> None:
    """Attach the bot to dpytest. dpytest finds mentioned members in the member cache, which the bot's
    real intents (no privileged members intent) would leave empty, so the test state gets the members intent."""
    await bot._async_setup_hook()
    bot._connection._intents.members = True
    bot._connection.member_cache_flags = discord.MemberCacheFlags.all()
    dpytest.configure(bot, members=members)
    backend.get_state().loop = asyncio.get_running_loop()  # dpytest leaves it unset; typing() needs it
    bot.allowed_mentions = NONE  # dpytest's configure drops it


def proxy(bot: QABot) -> EngineProxy:
    """The EngineProxy that the dbot fixture puts in front of the engine."""
    engine = bot.qa.engine
    assert isinstance(engine, EngineProxy)
    return engine


def user_message(content: str, *, member: int = 0, channel: Any = None,
                 reference: discord.Message | None = None, author: Any = None) -> None:
    """A MESSAGE_CREATE from the fake gateway, optionally replying to `reference`."""
    cfg = dpytest.get_config()
    channel = channel or cfg.channels[0]
    author = author or cfg.members[member]
    mentions: list[discord.User | discord.Member] = list(backend.find_user_mentions(content, channel.guild))
    data = factories.make_message_dict(channel, author, content=content, guild_id=channel.guild.id, mentions=mentions)
    if reference is not None:
        data["message_reference"] = {"message_id": reference.id, "channel_id": reference.channel.id,
                                     "guild_id": channel.guild.id}
        data["referenced_message"] = factories.dict_from_message(reference)
        data["type"] = 19  # a reply
    backend.get_state().parse_message_create(cast("MessageCreateEvent", data))  # dpytest builds it as plain JSON


def make_thread(owner_id: int) -> discord.Thread:
    """A public thread under the first text channel, known to the fake gateway."""
    parent = dpytest.get_config().channels[0]
    guild = parent.guild
    data = {"id": factories.make_id(), "guild_id": guild.id, "parent_id": parent.id, "owner_id": owner_id,
            "name": "follow-ups", "type": 11, "last_message_id": None, "rate_limit_per_user": 0,
            "message_count": 0, "member_count": 1,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "locked": False,
                                "archive_timestamp": "2025-01-01T00:00:00+00:00"}}
    thread = discord.Thread(guild=guild, state=backend.get_state(), data=data)  # type: ignore[arg-type]
    guild._add_thread(thread)
    return thread


def embed_text(message: discord.Message) -> str:
    return discord_fakes.embed_text(message.embeds[0])


async def test_mention_is_answered_with_an_embed_and_no_pings(dbot: QABot, payloads: list[dict[str, Any]]) -> None:
    assert dbot.user is not None
    await dpytest.message(f"<@{dbot.user.id}> when was the Seoul concert? @everyone <@&123456789012345678>")
    sent = dpytest.get_message()
    assert "December 5" in embed_text(sent) or "5 December" in embed_text(sent)
    assert proxy(dbot).asked == [("when was the Seoul concert? @everyone <@&123456789012345678>", None)]
    payload = payloads[-1]
    assert payload["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert payload["message_reference"]["message_id"]  # a reply to the question
    assert "@everyone" not in str(payload["embeds"]) and "<@&" not in str(payload["embeds"])


async def test_messages_without_mention_and_from_bots_are_ignored(dbot: QABot) -> None:
    assert dbot.user is not None
    await dpytest.message("when was the Seoul concert?")
    bot_user = backend.make_user("otherbot", "0001")
    bot_user.bot = True
    member = backend.make_member(bot_user, dpytest.get_config().guilds[0])
    user_message(f"<@{dbot.user.id}> when was the Seoul concert?", author=member)
    await dpytest.run_all_events()
    assert dpytest.verify().message().nothing()
    assert proxy(dbot).asked == []


async def test_the_bot_ignores_itself(dbot: QABot) -> None:
    assert dbot.user is not None
    me = dpytest.get_config().guilds[0].get_member(dbot.user.id)
    user_message(f"<@{dbot.user.id}> when was the Seoul concert?", author=me)
    await dpytest.run_all_events()
    assert dpytest.verify().message().nothing()


async def test_reply_to_an_answer_is_a_follow_up(dbot: QABot) -> None:
    assert dbot.user is not None
    await dpytest.message(f"<@{dbot.user.id}> When was the concert in Seoul?")
    answer = dpytest.get_message()
    user_message("and which symphony did they perform?", reference=answer)
    await dpytest.run_all_events()
    follow = dpytest.get_message()
    assert proxy(dbot).asked[-1] == ("and which symphony did they perform?", "When was the concert in Seoul?")
    assert "Beethoven" in embed_text(follow)
    rows = dbot.qa.history.records()
    assert [r.source for r in rows] == ["mention", "reply"]
    assert rows[1].previous == "When was the concert in Seoul?"
    assert rows[0].message_id == answer.id


async def test_reply_follow_up_survives_a_restart(dbot: QABot) -> None:
    assert dbot.user is not None
    await dpytest.message(f"<@{dbot.user.id}> When was the concert in Seoul?")
    answer = dpytest.get_message()
    dbot.qa.by_message.clear()  # what a restart loses; the history store still knows the message
    user_message("and what did they play?", reference=answer)
    await dpytest.run_all_events()
    dpytest.get_message()
    assert proxy(dbot).asked[-1][1] == "When was the concert in Seoul?"


async def test_reply_chains_keep_their_subject_across_a_restart(dbot: QABot) -> None:
    assert dbot.user is not None
    await dpytest.message(f"<@{dbot.user.id}> When was the concert in Seoul?")
    user_message("and in Tokyo?", reference=dpytest.get_message())
    await dpytest.run_all_events()
    second = dpytest.get_message()
    dbot.qa.by_message.clear()  # a restart: the third question finds the second in the history store
    user_message("and in Osaka?", reference=second)
    await dpytest.run_all_events()
    dpytest.get_message()
    assert proxy(dbot).asked[-1] == ("and in Osaka?", "When was the concert? and in Tokyo?")


async def test_message_in_the_bots_thread_is_a_follow_up(dbot: QABot) -> None:
    assert dbot.user is not None
    thread = make_thread(owner_id=dbot.user.id)
    user_message(f"<@{dbot.user.id}> When was the concert in Seoul?", channel=thread)
    await dpytest.run_all_events()
    dpytest.get_message()
    user_message("and what did they perform?", channel=thread)  # no mention needed here
    await dpytest.run_all_events()
    dpytest.get_message()
    assert proxy(dbot).asked == [("When was the concert in Seoul?", None),
                                 ("and what did they perform?", "When was the concert in Seoul?")]
    assert [r.thread_id for r in dbot.qa.history.records()] == [thread.id, thread.id]


async def test_thread_follow_up_survives_a_restart(dbot: QABot) -> None:
    assert dbot.user is not None
    thread = make_thread(owner_id=dbot.user.id)
    user_message(f"<@{dbot.user.id}> When was the concert in Seoul?", channel=thread)
    await dpytest.run_all_events()
    dpytest.get_message()
    dbot.qa.by_thread.clear()  # what a restart loses; the history store still knows the thread
    user_message("and what did they perform?", channel=thread)
    await dpytest.run_all_events()
    dpytest.get_message()
    assert proxy(dbot).asked[-1] == ("and what did they perform?", "When was the concert in Seoul?")


async def test_messages_in_other_threads_need_a_mention(dbot: QABot) -> None:
    assert dbot.user is not None
    thread = make_thread(owner_id=dpytest.get_config().members[0].id)
    user_message(f"<@{dbot.user.id}> when was the concert in Seoul?", channel=thread)
    await dpytest.run_all_events()
    assert dpytest.get_message().embeds
    user_message("and what did they perform?", channel=thread)  # chat between people, not for the bot
    await dpytest.run_all_events()
    assert dpytest.verify().message().nothing()
    assert len(proxy(dbot).asked) == 1


async def test_unexpected_error_in_message_handling_is_one_line(
        dbot: QABot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    async def broken(*args: Any) -> None:
        raise RuntimeError("bug in classify")

    monkeypatch.setattr("bot.discord.bot.handle_message", broken)
    assert dbot.user is not None
    await dpytest.message(f"<@{dbot.user.id}> when was the Seoul concert?")
    assert "went wrong" in dpytest.get_message().content
    assert "bug in classify" in caplog.text
    await dpytest.message("a message for someone else")
    assert dpytest.verify().message().nothing()


async def test_channel_allow_list_applies_to_mentions(fake_engine: Engine, settings) -> None:
    bot = make_bot(fake_engine, settings, discord_channels=(42,))
    await setup(bot)
    assert bot.user is not None
    await dpytest.message(f"<@{bot.user.id}> when was the Seoul concert?")
    assert dpytest.verify().message().nothing()
    bot.qa.history.close()


async def test_mention_cooldown_replies_with_wait(fake_engine: Engine, settings) -> None:
    bot = make_bot(fake_engine, settings, cooldown_seconds=30)
    await setup(bot)
    assert bot.user is not None
    await dpytest.message(f"<@{bot.user.id}> when was the Seoul concert?")
    assert dpytest.get_message().embeds
    await dpytest.message(f"<@{bot.user.id}> and the treaty?")
    assert "try again in 30 s" in dpytest.get_message().content
    bot.qa.history.close()


async def test_error_in_message_handler_gives_one_line(dbot: QABot, caplog: pytest.LogCaptureFixture) -> None:
    def broken(question: str, previous: str | None = None) -> None:
        raise RuntimeError("secret internal detail")

    proxy(dbot).before = broken
    assert dbot.user is not None
    await dpytest.message(f"<@{dbot.user.id}> when was the Seoul concert?")
    sent = dpytest.get_message()
    assert "went wrong" in sent.content and "secret" not in sent.content
    assert "secret internal detail" in caplog.text and "Traceback" in caplog.text
