"""Questions asked in messages: mentioning the bot, replying to its answer, or writing in its thread."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Literal

import discord

from ..text.messages import say
from .format import fit
from .qa import QA, Reply

log = logging.getLogger(__name__)
THREAD_ARCHIVE_MINUTES: Literal[60, 1440, 4320, 10080] = 1440
THREAD_NAME_MAX = 100  # Discord's limit on a channel's name


def strip_mention(content: str, bot_id: int) -> str:
    """The message text without the mentions of the bot itself."""
    return re.sub(rf"<@!?{bot_id}>", " ", content).strip()


def _replied_author(ref: discord.MessageReference) -> int | None:
    """Who wrote the message replied to, when Discord sent it along (None if not, or if it was deleted)."""
    return ref.resolved.author.id if isinstance(ref.resolved, discord.Message) else None


async def classify(qa: QA, message: discord.Message, bot_user: discord.abc.User) -> tuple[str, str | None] | None:
    """("mention" | "reply" | "thread", previous question) when the message is a question for the bot,
    else None. Other bots (and the bot itself) are never answered."""
    if message.author.bot or message.author.id == bot_user.id or message.webhook_id is not None:
        return None
    channel = message.channel
    if not qa.allowed(channel.id, getattr(channel, "parent_id", None)):
        return None
    ref = message.reference
    author = _replied_author(ref) if ref is not None else None
    # a reply to someone else's message is no follow-up: no need to look it up among the bot's answers
    if ref is not None and ref.message_id is not None and author in (None, bot_user.id):
        previous = await qa.previous_for_message(ref.message_id)
        if previous is not None:
            return "reply", previous
        if author == bot_user.id:
            return "reply", None
    if isinstance(channel, discord.Thread) and channel.owner_id == bot_user.id:  # a thread the bot opened
        return "thread", await qa.previous_in_thread(channel.id)
    if any(u.id == bot_user.id for u in message.mentions):
        return "mention", None
    return None


async def handle_message(qa: QA, message: discord.Message, bot_user: discord.abc.User) -> Reply | None:
    """Answer `message` if it is a question for the bot; returns what was sent (None if ignored)."""
    kind = await classify(qa, message, bot_user)
    if kind is None:
        return None
    source, previous = kind
    channel = message.channel
    thread_id = channel.id if isinstance(channel, discord.Thread) else None
    async with typing(channel):
        reply = await qa.answer(user_id=message.author.id, question=strip_mention(message.content, bot_user.id),
                                previous=previous, source=source, guild_id=message.guild.id if message.guild else None,
                                channel_id=channel.id, thread_id=thread_id)
    sent = await message.reply(**reply.send_kwargs(), mention_author=False)
    if thread_id is None and reply.question and isinstance(channel, discord.TextChannel):
        thread_id = await open_thread(sent, reply.question, reply.lang)
    await qa.attach(reply, sent.id, thread_id)
    return reply


@asynccontextmanager
async def typing(channel: discord.abc.Messageable) -> AsyncIterator[None]:
    """"Bot is typing…" while answering; if Discord refuses it, the answer still goes out."""
    indicator = channel.typing()
    try:
        await indicator.__aenter__()
    except Exception as exc:
        log.info("no typing indicator: %s", type(exc).__name__)
        yield
        return
    try:
        yield
    finally:
        await indicator.__aexit__(None, None, None)


async def open_thread(message: discord.Message, question: str, lang: str = "en") -> int | None:
    """Open a thread on the bot's answer for follow-ups, named by the question on one line (or "Follow-up" in the
    answer's language); without the permission, answers still work."""
    name = fit(" ".join(question.split()), THREAD_NAME_MAX, render=str) or say("follow_up", lang)
    try:
        thread = await message.create_thread(name=name,
                                             auto_archive_duration=THREAD_ARCHIVE_MINUTES)
    except Exception as exc:  # Forbidden, HTTPException, or a test double without threads
        log.info("no thread opened for an answer: %s", type(exc).__name__)
        return None
    return thread.id
