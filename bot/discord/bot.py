"""The Discord bot: `create_bot` builds it (without logging in), `run_discord` runs it until SIGTERM.

The bot is thin: slash commands (discord_commands.py) and messages (discord_messages.py) go through
`QA` (discord_qa.py), which calls `Engine.answer` in a thread and turns the `Answer` into an embed
(discord_format.py). Questions and feedback are stored by `History` (history.py).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from ..config import Settings, bare_token
from ..engine.engine import Engine
from ..errors import ConfigError, QABotError
from ..history import History, HistoryError
from ..llm.generate import generator_for
from ..text.lang import reply_language
from ..text.messages import say
from .commands import Reindexer, Translator, build_commands
from .messages import handle_message
from .qa import NONE, QA
from .views import MoreButton, VoteButton

log = logging.getLogger(__name__)


class QABot(commands.Bot):
    """The bot: no prefix commands, no pings, slash commands registered at construction."""

    def __init__(self, qa: QA, message_content: bool = True) -> None:
        intents = discord.Intents.default()
        intents.message_content = message_content  # privileged; only needed to read mentions and replies
        super().__init__(command_prefix=commands.when_mentioned, intents=intents, help_command=None,
                         allowed_mentions=NONE)
        self.qa = qa
        self.reindexer = Reindexer(qa)
        for command in build_commands(qa, self.reindexer):
            self.tree.add_command(command)
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        self.add_dynamic_items(MoreButton, VoteButton)

    async def setup_hook(self) -> None:
        """On login: publish the slash commands, their descriptions in Korean and Japanese too (instantly to
        DISCORD_GUILD_ID when set)."""
        await self.tree.set_translator(Translator())
        guild_id = self.qa.settings.discord_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands (they can take up to an hour to appear)", len(synced))

    async def on_ready(self) -> None:
        log.info("logged in as %s (%s) in %d servers; index %s", self.user, getattr(self.user, "id", "?"),
                 len(self.guilds), self.qa.engine.version)

    async def on_message(self, message: discord.Message) -> None:
        """Mentions, replies to answers and messages in the bot's threads are questions."""
        if self.user is None:
            return
        try:
            await handle_message(self.qa, message, self.user)
        except Exception:
            log.exception("unexpected error while handling a message")
            if not message.author.bot and any(u.id == self.user.id for u in message.mentions):
                try:
                    await message.reply(say("error", reply_language(message.content)), allowed_mentions=NONE,
                                        mention_author=False)
                except Exception:
                    log.warning("could not tell the user about an error", exc_info=True)

    async def on_app_command_error(self, interaction: discord.Interaction,
                                   error: app_commands.AppCommandError) -> None:
        """Tree-wide: anything that fails before or around a command callback."""
        await self.qa.report_error(interaction, error)

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """An event handler raised: log the traceback, keep running."""
        log.exception("unexpected error in %s", event_method)

    async def close(self) -> None:
        if self.reindexer.running:
            log.info("closing during a rebuild: the new index version is written atomically, so it is "
                     "either complete or ignored")
        await super().close()
        self.qa.history.close()


def open_history(settings: Settings) -> History:
    """The history store at settings.db_path; if it cannot be opened, an in-memory one (logged)."""
    try:
        return History(settings.db_path)
    except HistoryError as exc:
        log.error("%s Questions are kept in memory until then.", exc)
        return History(":memory:")


def create_bot(engine: Engine, settings: Settings, *, message_content: bool = True) -> QABot:
    """The configured bot, not logged in."""
    qa = QA(engine, settings, open_history(settings), generator_for(settings))
    # the bot never joins voice: no start-up warnings about voice libraries it does not need
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    return QABot(qa, message_content=message_content)


class RedactToken(logging.Filter):
    """Replaces the token in every log message and traceback that passes through a handler."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "***"), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "***")
        return True


def protect_token(token: str) -> RedactToken:
    """Install the redaction filter on every handler of the root logger (adding one if there is none)."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    redact = RedactToken(token)
    for handler in root.handlers:
        handler.addFilter(redact)
    return redact


async def serve(bot: QABot, token: str) -> None:
    """Log in and run until the connection ends or SIGTERM / SIGINT closes the bot."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, _stop, bot, sig)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
            pass
    try:
        async with bot:
            await bot.start(token)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass


def _stop(bot: QABot, sig: signal.Signals) -> None:
    log.info("%s received: closing the bot", sig.name)
    asyncio.ensure_future(bot.close())


def check_token(token: str) -> str:
    """The token as Discord expects it; a ConfigError (never showing the token) if it cannot be one."""
    token = bare_token(token)
    if not token:
        raise ConfigError("DISCORD_TOKEN is not set. Put the bot token from the Discord Developer Portal "
                          "(your application → Bot → Reset Token) in the environment or in .env.")
    if not token.isascii() or not token.isprintable() or any(ch.isspace() for ch in token):
        raise ConfigError("DISCORD_TOKEN contains spaces or characters a Discord token cannot have; "
                          "paste the token again exactly as the Developer Portal shows it.")
    return token


def run_discord(settings: Settings, engine: Engine) -> int:
    """Run the bot with settings.discord_token until SIGTERM; returns the exit code.
    Start-up problems are one line on stderr, never a traceback, and never show the token."""
    token = check_token(settings.discord_token)
    redact = protect_token(token)
    if logging.getLogger("bot").getEffectiveLevel() > logging.INFO:
        logging.getLogger("bot").setLevel(logging.INFO)
    try:
        for message_content in (True, False):
            bot = create_bot(engine, settings, message_content=message_content)
            try:
                asyncio.run(serve(bot, token))
                return 0
            except discord.PrivilegedIntentsRequired:
                if not message_content:
                    raise
                print("warning: the Message Content Intent is not enabled for this bot, so mentions and replies "
                      "cannot be read; /ask still works. Enable it in the Developer Portal → Bot → Privileged "
                      "Gateway Intents.", file=sys.stderr)
    except discord.LoginFailure:
        print("error: Discord rejected DISCORD_TOKEN (it is invalid, revoked or was reset). Copy a new one from "
              "the Developer Portal → your application → Bot → Reset Token.", file=sys.stderr)
    except discord.PrivilegedIntentsRequired:
        print("error: Discord refused the privileged intents this bot asked for.", file=sys.stderr)
    except (discord.GatewayNotFound, discord.ConnectionClosed, OSError) as exc:
        print(f"error: cannot connect to Discord ({type(exc).__name__}). Check the network and try again.",
              file=sys.stderr)
    except QABotError:
        raise
    except Exception as exc:
        log.error("the bot stopped", exc_info=True)
        print(f"error: the Discord bot stopped unexpectedly ({type(exc).__name__}); run with -v for details.",
              file=sys.stderr)
    finally:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(redact)
    return 1
