"""The slash commands: /ask, /sources, /about and /reindex.

Each command is a plain `app_commands.Command` whose callback takes the interaction first, so it can be
called directly in tests: `await bot.tree.get_command("ask").callback(interaction, question="...")`.
Errors are handled inside each callback (`QA.guarded`, so a direct call is as safe as a real one) and
tree-wide (`tree.on_error`, installed by the bot, for what fails before a callback runs, e.g. a check).
There is no per-command `.error` handler: discord.py calls the tree handler as well, which would reply twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

from ..errors import QABotError
from ..index.build import build_index
from ..index.corpus import Skipped
from ..text.messages import MESSAGES, error_text, say
from .format import about_embed, fit, safe, sources_embeds
from .qa import QA, asker_language, one_line, privately

log = logging.getLogger(__name__)
SKIPPED_SHOWN = 3  # skipped files named in the /reindex reply (the log has them all)


class Translator(app_commands.Translator):
    """The commands' descriptions in Korean and Japanese, for Discord to show in those locales (the commands keep
    their names: /ask, /sources, /about, /reindex)."""

    _KEYS = {MESSAGES["en"][key]: key for key in ("cmd_ask", "cmd_ask_question", "cmd_sources", "cmd_about",
                                                   "cmd_reindex")}
    _LOCALES = {discord.Locale.korean: "ko", discord.Locale.japanese: "ja"}

    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContextTypes) -> str | None:
        key, lang = self._KEYS.get(string.message), self._LOCALES.get(locale)
        return say(key, lang) if key and lang else None


class Reindexer:
    """Rebuilds the index in a background thread and swaps it in; one rebuild at a time.

    Questions keep being answered from the old index until `engine.reload()` succeeds; a failed
    build or reload leaves the old index in place."""

    def __init__(self, qa: QA) -> None:
        self.qa = qa
        self.build: Callable[..., Any] = build_index  # tests put a slow or failing build here
        self.task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    async def command(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        lang = asker_language(interaction)
        if not may_reindex(interaction):
            log.warning("/reindex denied: user %s lacks Manage Server (guild %s)",
                        self._who(interaction), interaction.guild_id)
            await privately(interaction, say("denied", lang))
            return
        if self.running:
            await privately(interaction, say("rebuild_running", lang))
            return
        old = self.qa.engine.version
        log.info("/reindex started by user %s", self._who(interaction))
        self.task = asyncio.create_task(self._rebuild(interaction, old, lang), name="qabot-reindex")
        await privately(interaction, say("rebuilding", lang, old=old))

    def _who(self, interaction: discord.Interaction) -> str:
        return self.qa.history.user_hash(interaction.user.id)

    async def _rebuild(self, interaction: discord.Interaction, old: str, lang: str = "en") -> None:
        engine = self.qa.engine
        try:
            report = await asyncio.to_thread(self.build, engine.settings, embedder=engine.embedder)
            version = await asyncio.to_thread(engine.reload)
        except QABotError as exc:
            log.warning("/reindex failed: %s", exc)
            text = say("rebuild_failed", lang, reason=one_line(error_text(exc, lang)), version=engine.version)
        except Exception:
            log.exception("/reindex failed")
            text = say("rebuild_failed_log", lang, version=engine.version)
        else:
            counts = engine.index.manifest.get("counts", {})  # every build writes them
            text = say("live", lang, version=version, articles=counts.get("articles", "?"),
                       passages=counts.get("passages", "?"), old=old)
            text += skipped_note(getattr(report, "skipped", ()), lang)
        try:
            await privately(interaction, text)
        except Exception:
            log.warning("could not report the rebuild result: %s", text)


def skipped_note(skipped: Sequence[Skipped], lang: str) -> str:
    """The files a rebuild left out, named (the first few) with why: a user who dropped in a scanned PDF learns it
    was not read."""
    if not skipped:
        return ""
    named = [f"{safe(fit(Path(s.path).name, 80, render=str))} ({safe(fit(s.said(lang), 150, render=str))})"
             for s in skipped[:SKIPPED_SHOWN]]
    files = "; ".join(named) + ("; …" if len(skipped) > SKIPPED_SHOWN else "")
    return say("skipped_files", lang, count=len(skipped), files=files)


def may_reindex(interaction: discord.Interaction) -> bool:
    """Manage Server, checked here rather than trusted to Discord's default command permissions."""
    if interaction.guild_id is None:
        return False
    perms = getattr(interaction.user, "guild_permissions", None)
    return bool(perms is not None and (perms.manage_guild or perms.administrator))


def build_commands(qa: QA, reindexer: Reindexer) -> list[app_commands.Command[Any, Any, Any]]:
    """The slash commands, bound to `qa`."""

    @app_commands.command(name="ask", description=say("cmd_ask"))
    @app_commands.describe(question=say("cmd_ask_question"))
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await qa.guarded(interaction, qa.ask_interaction(interaction, question))

    @app_commands.command(name="sources", description=say("cmd_sources"))
    async def sources(interaction: discord.Interaction) -> None:
        async def work() -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            embeds = sources_embeds(qa.engine.index, asker_language(interaction))  # (one index: a reload
            # meanwhile cannot mix two)
            await privately(interaction, embeds=embeds)
        await qa.guarded(interaction, work())

    @app_commands.command(name="about", description=say("cmd_about"))
    async def about(interaction: discord.Interaction) -> None:
        async def work() -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await privately(interaction, embed=about_embed(qa.engine.index, asker_language(interaction)))
        await qa.guarded(interaction, work())

    @app_commands.command(name="reindex", description=say("cmd_reindex"))
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def reindex(interaction: discord.Interaction) -> None:
        await qa.guarded(interaction, reindexer.command(interaction))

    return [ask, sources, about, reindex]
