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
from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands

from ..errors import QABotError
from ..index.build import build_index
from .format import about_embed, sources_embeds
from .qa import QA, one_line, privately

log = logging.getLogger(__name__)
DENIED = "Only members with the Manage Server permission can rebuild the index."


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
        if not may_reindex(interaction):
            log.warning("/reindex denied: user %s lacks Manage Server (guild %s)",
                        self._who(interaction), interaction.guild_id)
            await privately(interaction, DENIED)
            return
        if self.running:
            await privately(interaction, "A rebuild is already running.")
            return
        old = self.qa.engine.version
        log.info("/reindex started by user %s", self._who(interaction))
        self.task = asyncio.create_task(self._rebuild(interaction, old), name="qabot-reindex")
        await privately(
            interaction, f"Rebuilding the index in the background; questions are answered from index {old} until it "
            "is ready.")

    def _who(self, interaction: discord.Interaction) -> str:
        return self.qa.history.user_hash(interaction.user.id)

    async def _rebuild(self, interaction: discord.Interaction, old: str) -> None:
        engine = self.qa.engine
        try:
            await asyncio.to_thread(self.build, engine.settings, embedder=engine.embedder)
            version = await asyncio.to_thread(engine.reload)
        except QABotError as exc:
            log.warning("/reindex failed: %s", exc)
            text = f"The rebuild failed: {one_line(str(exc))} Still answering from index {engine.version}."
        except Exception:
            log.exception("/reindex failed")
            text = f"The rebuild failed (the log has the details). Still answering from index {engine.version}."
        else:
            counts = engine.index.manifest.get("counts", {})  # every build writes them
            text = (f"Index {version} is live: {counts.get('articles', '?')} articles, "
                    f"{counts.get('passages', '?')} passages (was {old}).")
        try:
            await privately(interaction, text)
        except Exception:
            log.warning("could not report the rebuild result: %s", text)


def may_reindex(interaction: discord.Interaction) -> bool:
    """Manage Server, checked here rather than trusted to Discord's default command permissions."""
    if interaction.guild_id is None:
        return False
    perms = getattr(interaction.user, "guild_permissions", None)
    return bool(perms is not None and (perms.manage_guild or perms.administrator))


def build_commands(qa: QA, reindexer: Reindexer) -> list[app_commands.Command[Any, Any, Any]]:
    """The slash commands, bound to `qa`."""

    @app_commands.command(name="ask", description="Ask a question about the articles")
    @app_commands.describe(question="For example: When was the Seoul concert?")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await qa.guarded(interaction, qa.ask_interaction(interaction, question))

    @app_commands.command(name="sources", description="List the indexed articles with their dates")
    async def sources(interaction: discord.Interaction) -> None:
        async def work() -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            embeds = sources_embeds(qa.engine.index)  # one index: a reload meanwhile cannot mix two
            await privately(interaction, embeds=embeds)
        await qa.guarded(interaction, work())

    @app_commands.command(name="about", description="What this bot is and which index it answers from")
    async def about(interaction: discord.Interaction) -> None:
        async def work() -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await privately(interaction, embed=about_embed(qa.engine.index))
        await qa.guarded(interaction, work())

    @app_commands.command(name="reindex", description="Rebuild the index from the corpus (Manage Server)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def reindex(interaction: discord.Interaction) -> None:
        await qa.guarded(interaction, reindexer.command(interaction))

    return [ask, sources, about, reindex]
