"""The Discord side of answering: a question in, an embed out, the question stored.

`QA` holds the engine, the history store, the cooldown and what it needs to recognise follow-ups.
Slash commands (discord_commands.py), mentions and replies (`on_message`) and the buttons all go
through `QA.answer`, which runs the engine off the event loop and never raises.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import discord

from ..config import Settings, bare_token
from ..engine.engine import Engine
from ..engine.sanitize import clean_question, clean_text
from ..errors import QABotError
from ..history import History, Record
from ..llm.generate import Generator
from ..models import Answer
from ..text.lang import language_of, reply_language
from ..text.messages import error_text, say
from .cooldown import Cooldown, wait_message
from .format import CONTENT_MAX, answer_embed, clip, inert, more_embed
from .views import answer_view

log = logging.getLogger(__name__)
T = TypeVar("T")

NONE = discord.AllowedMentions.none()
GENERIC_ERROR = say("error")  # (in English; each reply is written in the asker's language: bot/text/messages.py)
REMEMBERED = 2000  # answer messages and threads kept in memory for follow-ups


@dataclass
class Reply:
    """What to send back: a one-line `content` or an answer `embed` with its buttons."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    question_id: int | None = None
    question: str | None = None
    understood: str | None = None  # the question as the engine read it: what a follow-up leans on
    outcome: str = "answered"
    lang: str = "en"  # the language the answer is written in: its thread's fallback name

    def send_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for send/reply/followup.send (never pinging anyone)."""
        kw: dict[str, Any] = {"allowed_mentions": NONE}
        if self.content is not None:
            kw["content"] = clip(inert(self.content), CONTENT_MAX)
        if self.embed is not None:
            kw["embed"] = self.embed
        if self.view is not None:
            kw["view"] = self.view
        return kw


async def privately(interaction: discord.Interaction, content: str | None = None, **kwargs: Any) -> None:
    """A follow-up only the user who acted can see, which pings nobody, its one line within Discord's limit (embeds
    go in `kwargs`)."""
    if content is not None:
        kwargs["content"] = clip(content, CONTENT_MAX)
    await interaction.followup.send(ephemeral=True, allowed_mentions=NONE, **kwargs)


def locale_of(interaction: discord.Interaction) -> str | None:
    """The asker's Discord language ("ko", "ja", "en-US"...), which breaks ties of script; None when unknown."""
    locale = getattr(interaction, "locale", None)
    return str(locale.value if hasattr(locale, "value") else locale) if locale else None


def asker_language(interaction: discord.Interaction) -> str:
    """The language to reply in where there is no question to read: the asker's Discord locale's ("ko", "ja"),
    else English."""
    return reply_language("", locale_of(interaction))


def answered_in(rec: Record) -> str:
    """The language a stored answer was written in (rows stored before the column: its question's script)."""
    return rec.lang or language_of(rec.question)


def one_line(text: str) -> str:
    return " ".join(str(text).split()) or GENERIC_ERROR


class QA:
    """Answers questions for the bot; every public coroutine is safe to call from any handler."""

    def __init__(self, engine: Engine, settings: Settings, history: History,
                 generator: Generator | None = None) -> None:
        self.engine = engine
        self.generator = generator  # QABOT_LLM_URL: the model rewrites confident answers, quotes checked
        self.settings = settings
        self.history = history
        self.cooldown = Cooldown(settings.cooldown_seconds)
        self.by_message: OrderedDict[int, str] = OrderedDict()  # bot answer message id -> question
        self.by_thread: OrderedDict[int, str] = OrderedDict()  # thread id -> latest question

    # -- storage, off the event loop; a failing store is logged, never fatal ------------------
    async def store(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        except Exception:
            log.exception("history store failed in %s", getattr(fn, "__name__", fn))
            return None

    def remember(self, question: str, message_id: int | None = None, thread_id: int | None = None) -> None:
        for table, key in ((self.by_message, message_id), (self.by_thread, thread_id)):
            if key is not None:
                table[key] = question
                table.move_to_end(key)
                while len(table) > REMEMBERED:
                    table.popitem(last=False)

    async def attach(self, reply: Reply, message_id: int | None, thread_id: int | None = None) -> None:
        """Remember which message (and thread) carries an answer, so replies to it are follow-ups."""
        if reply.understood is None:  # only answers and abstentions carry a question to follow up on
            return
        message_id = message_id if isinstance(message_id, int) else None
        thread_id = thread_id if isinstance(thread_id, int) else None
        self.remember(reply.understood, message_id, thread_id)
        if reply.question_id is not None and (message_id is not None or thread_id is not None):
            await self.store(self.history.attach_message, reply.question_id, message_id, thread_id)

    async def previous_for_message(self, message_id: int) -> str | None:
        """The question (as read) that the bot's message `message_id` answered."""
        return await self._previous(self.by_message, message_id, self.history.by_message)

    async def previous_in_thread(self, thread_id: int) -> str | None:
        """The latest question (as read) answered in a thread."""
        return await self._previous(self.by_thread, thread_id, self.history.last_in_thread)

    async def _previous(self, table: OrderedDict[int, str], key: int,
                        lookup: Callable[[int], Record | None]) -> str | None:
        if key in table:
            return table[key]
        found = await self.store(lookup, key)  # after a restart the history store still knows
        return (found.understood or found.question) if found else None

    def redact(self, text: str) -> str:
        """`text` without the bot's own token (a user may paste it by mistake), also when characters that
        cleaning removes (zero-width, terminal codes, stacked accents) split it: cleaning would join the token
        again, so then the text comes back cleaned, without it."""
        token = bare_token(self.settings.discord_token)  # "Bot <token>" in the setting, the bare token pasted
        if not token:
            return text
        if token in text:
            return text.replace(token, "***")
        cleaned = clean_text(text)
        return cleaned.replace(token, "***") if token in cleaned else text

    # -- the one path every question takes -----------------------------------------------------
    def allowed(self, channel_id: int | None, parent_id: int | None = None) -> bool:
        """Whether the bot answers in this channel (DISCORD_CHANNELS; threads count as their parent)."""
        allow = self.settings.discord_channels
        return not allow or channel_id in allow or (parent_id is not None and parent_id in allow)

    async def answer(self, *, user_id: int, question: str, previous: str | None = None, source: str = "slash",
                     guild_id: int | None = None, channel_id: int | None = None,
                     thread_id: int | None = None, locale: str | None = None) -> Reply:
        """Answer one question: cooldown, the engine in a thread with a timeout, the row stored. What the bot says
        itself (wait, too long, timed out) is in the question's language."""
        lang = reply_language(question, locale)
        wait = self.cooldown.hit(user_id)
        if wait > 0:
            return Reply(content=wait_message(wait, lang), outcome="cooldown")
        question = self.redact(question)  # a pasted token is never stored
        previous = self.redact(previous) if previous else previous
        shown = clean_question(question, self.settings.max_question_chars)
        where = dict(user_id=user_id, source=source, question=shown, previous=previous, guild_id=guild_id,
                     channel_id=channel_id, thread_id=thread_id)
        answer: Answer | None = None
        try:
            asked = {"locale": locale} if locale else {}  # the asker's Discord language breaks ties of script
            answer = await asyncio.wait_for(asyncio.to_thread(self.engine.answer, question, previous, **asked),
                                            timeout=self.settings.answer_timeout_seconds)
        except TimeoutError:
            log.warning("answer timed out after %.1f s", self.settings.answer_timeout_seconds)
            reply = Reply(content=say("timeout", lang), outcome="timeout")
        except QABotError as exc:
            reply = Reply(content=one_line(error_text(exc, lang)), outcome="rejected")
        except Exception:
            log.exception("the engine failed on a question")
            reply = Reply(content=say("error", lang), outcome="error")
        else:
            if self.generator is not None and not answer.abstained:
                answer = await self.generated(answer)
            outcome = "abstained" if answer.abstained else "answered"
            reply = Reply(embed=answer_embed(answer), question=answer.question,
                          understood=answer.understood or answer.question, outcome=outcome, lang=answer.lang)
        reply.question_id = await self.store(self.history.record, outcome=reply.outcome, answer=answer, lang=lang,
                                             **where)
        if answer is not None and reply.question_id is not None:
            reply.view = answer_view(reply.question_id, bool(answer.more), answer.lang)
        return reply

    async def generated(self, answer: Answer) -> Answer:
        """The model's answer when its quotes check out, else `answer` with the reason; off the event loop,
        within QABOT_LLM_TIMEOUT (the client keeps to it; the extra second covers a thread slow to start).
        Late, the extractive answer is sent, and nothing is edited afterwards."""
        assert self.generator is not None
        try:
            return await asyncio.wait_for(asyncio.to_thread(self.generator.improve, answer, self.engine.index),
                                          timeout=self.settings.llm_timeout + 1)
        except TimeoutError:
            log.warning("the model did not answer within %.1f s", self.settings.llm_timeout)
            return replace(answer, fallback="timed out")

    # -- interactions ---------------------------------------------------------------------------
    async def ask_interaction(self, interaction: discord.Interaction, question: str) -> None:
        """/ask: defer, answer, send the embed (or one line)."""
        thread = interaction.channel if isinstance(interaction.channel, discord.Thread) else None
        channel_id = interaction.channel_id
        permitted = self.allowed(channel_id, thread.parent_id if thread else None)  # a thread of an allowed channel
        await interaction.response.defer(thinking=True, ephemeral=not permitted)
        locale = locale_of(interaction)
        if not permitted:
            await privately(interaction, say("not_here", reply_language(question, locale)))
            return
        thread_id = channel_id if thread else None
        previous = await self.previous_in_thread(thread_id) if thread_id else None
        reply = await self.answer(user_id=interaction.user.id, question=question, previous=previous,
                                  guild_id=interaction.guild_id, channel_id=channel_id, thread_id=thread_id,
                                  locale=locale)
        sent = await interaction.followup.send(**reply.send_kwargs(), wait=True)
        await self.attach(reply, sent.id, thread_id)

    async def more_sources(self, interaction: discord.Interaction, question_id: int) -> None:
        """The "More sources" button: the stored further passages, shown only to the clicker."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        rec = await self.store(self.history.get, question_id)
        if rec is None:
            await privately(interaction, say("gone", asker_language(interaction)))
            return
        await privately(interaction, embed=more_embed(rec.question, rec.more, answered_in(rec)))

    async def feedback(self, interaction: discord.Interaction, question_id: int, vote: int) -> None:
        """👍/👎: store the vote (a user's later vote replaces the earlier one); thanked in the answer's language,
        as its buttons are labelled."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        stored = await self.store(self.history.vote, question_id, interaction.user.id, vote)
        rec = await self.store(self.history.get, question_id) if stored else None
        lang = answered_in(rec) if rec else asker_language(interaction)
        await privately(interaction, say("voted" if stored else "vote_failed", lang))

    async def guarded(self, interaction: discord.Interaction, work: Awaitable[None]) -> None:
        """Run a handler; an unexpected error is logged with its traceback and the user gets one line."""
        try:
            await work
        except Exception as exc:
            await self.report_error(interaction, exc)

    async def report_error(self, interaction: discord.Interaction, exc: BaseException) -> None:
        original = getattr(exc, "original", exc)
        lang = asker_language(interaction)
        if isinstance(original, QABotError):
            text = one_line(error_text(original, lang))
        else:
            log.error("unexpected error in an interaction", exc_info=(type(original), original,
                                                                    original.__traceback__))
            text = say("error", lang)
        try:
            if interaction.response.is_done():
                await privately(interaction, text)
            else:
                await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NONE)
        except Exception:
            log.warning("could not tell the user about an error", exc_info=True)
