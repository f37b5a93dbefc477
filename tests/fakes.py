"""Test doubles: a deterministic embedder so most tests need no model, an engine over one article, an engine
wrapper, and a bot asked through /ask as Discord would."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import discord
import numpy as np
from discord import app_commands

from bot.config import Settings
from bot.discord.bot import QABot, create_bot
from bot.engine.engine import Engine
from bot.index.build import build_index
from bot.text.words import terms
from tests.discord_fakes import FakeInteraction, FakeUser


class HashEmbedder:
    """Bag of stemmed words hashed into a fixed-size unit vector: similar words, similar vectors."""

    def __init__(self, dimension: int = 64, name: str = "all-MiniLM-L6-v2") -> None:
        self.dimension = dimension
        self.name = name
        self.calls = 0
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for t in terms(text) or ["\u2205"]:
                h = int.from_bytes(hashlib.md5(t.encode()).digest()[:4], "little")
                out[row, h % self.dimension] += 1.0 if h & 1 << 31 else -1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        return out


class EngineProxy:
    """An engine whose `answer` records each (question, previous) in `asked` and first runs `before`,
    which may sleep, raise, or return an Answer to give instead of the engine's; all else is the engine's."""

    def __init__(self, engine: Any, before: Callable[[str, str | None], Any] | None = None) -> None:
        self.inner = engine
        self.before = before
        self.asked: list[tuple[str, str | None]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def answer(self, question: str, previous: str | None = None) -> Any:
        self.asked.append((question, previous))
        replaced = self.before(question, previous) if self.before is not None else None
        return replaced if replaced is not None else self.inner.answer(question, previous=previous)


def make_bot(engine: Any, settings: Settings, **changes: Any) -> QABot:
    """The bot over `engine`, without a cooldown unless `changes` set one."""
    return create_bot(engine, settings.with_(**{"cooldown_seconds": 0, **changes}))


def slash(bot: QABot, name: str) -> Callable[..., Awaitable[Any]]:
    """The callback of the slash command /`name`, to call as Discord would but with a stand-in interaction
    (its annotation asks for a discord.Interaction)."""
    command = bot.tree.get_command(name)
    assert isinstance(command, app_commands.Command), f"no slash command /{name}: {command!r}"
    return command.callback


async def ask(bot: QABot, question: str, **kw: Any) -> FakeInteraction:
    """/ask `question` (keyword arguments go to FakeInteraction, e.g. user=...); the interaction, to inspect."""
    interaction = FakeInteraction(bot, **kw)
    await slash(bot, "ask")(interaction, question=question)
    return interaction


def manager() -> FakeUser:
    """A member with Manage Server."""
    return FakeUser(guild_permissions=discord.Permissions(manage_guild=True))


def engine_over(root: Path, text: str, **changes: Any) -> Engine:
    """An engine over one article in `root` (`text`: its title line, then its sentences), with hashed vectors;
    `changes` are settings (reader=None, abstain_threshold=0.0...)."""
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(text, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data", multilingual="",
                        **changes)
    embedder = HashEmbedder()
    build_index(settings, embedder=embedder)
    return Engine.from_settings(settings, embedder=embedder)
