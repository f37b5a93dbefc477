"""Starting and stopping the bot: the factory, token problems, SIGTERM, secrets kept out of logs."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import sqlite3

import discord
import pytest

from bot.config import Settings
from bot.discord.bot import QABot, check_token, create_bot, protect_token, run_discord
from bot.engine.engine import Engine
from bot.errors import ConfigError

TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.fake-token-value_0123456789abcdefghijkl"


def test_create_bot_is_configured_and_not_logged_in(fake_engine: Engine, settings: Settings) -> None:
    bot = create_bot(fake_engine, settings)
    assert isinstance(bot, discord.ext.commands.Bot)
    assert bot.user is None and not bot.is_ready()
    assert bot.allowed_mentions is not None and bot.allowed_mentions.to_dict() == {"parse": []}
    assert bot.intents.message_content and not bot.intents.members and not bot.intents.presences
    assert {c.name for c in bot.tree.get_commands()} == {"ask", "sources", "about", "reindex"}
    reindex = bot.tree.get_command("reindex")
    assert reindex.default_permissions.manage_guild and reindex.guild_only  # type: ignore[union-attr]
    assert not create_bot(fake_engine, settings, message_content=False).intents.message_content
    assert bot.qa.history.path == settings.db_path


def test_unusable_history_file_falls_back_to_memory(fake_engine: Engine, settings: Settings,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    settings.db_path.write_bytes(b"not sqlite" * 1000)
    bot = create_bot(fake_engine, settings)
    assert str(bot.qa.history.path) == ":memory:" and "Move it aside" in caplog.text


@pytest.mark.parametrize("raw", ["", "   ", "two words", "t\u00f6ken", "line\nbreak"])
def test_missing_or_malformed_token_is_a_config_error(raw: str) -> None:
    with pytest.raises(ConfigError) as err:
        check_token(raw)
    assert "DISCORD_TOKEN" in str(err.value) and (not raw.strip() or raw not in str(err.value))


def test_bot_prefix_is_tolerated() -> None:
    assert check_token(f"  Bot {TOKEN}\n") == TOKEN


def test_invalid_token_is_one_line_without_traceback_or_token(
        fake_engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    async def discord_says_401(self: object, token: str) -> None:
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", discord_says_401)
    caplog.set_level(logging.DEBUG)
    assert run_discord(settings.with_(discord_token=TOKEN), engine=fake_engine) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: Discord rejected DISCORD_TOKEN")
    assert "Traceback" not in err and TOKEN not in err and TOKEN not in caplog.text


def test_token_never_reaches_the_log(log_stream: io.StringIO) -> None:
    protect_token(TOKEN)  # the fixture removes the filter afterwards
    log = logging.getLogger("bot.test")
    log.error("connecting with %s", TOKEN)
    try:
        raise RuntimeError(f"header Authorization: Bot {TOKEN}")
    except RuntimeError:
        log.exception("failed")
    out = log_stream.getvalue()
    assert TOKEN not in out and out.count("***") == 2 and "Traceback" in out


def fake_gateway(monkeypatch: pytest.MonkeyPatch, refuse_message_content: bool = False) -> list[QABot]:
    """Discord's side of login and the gateway: login succeeds; once connected, the process gets a
    SIGTERM (as from `docker stop`), and the connection stays open until the bot closes it."""
    started: list[QABot] = []

    async def login(self: QABot, token: str) -> None:
        assert token == TOKEN
        started.append(self)

    async def connect(self: QABot, *, reconnect: bool = True) -> None:
        if refuse_message_content and self.intents.message_content:
            raise discord.PrivilegedIntentsRequired(None)
        asyncio.get_running_loop().call_later(0.1, os.kill, os.getpid(), signal.SIGTERM)
        while not self.is_closed():
            await asyncio.sleep(0.02)

    monkeypatch.setattr(discord.Client, "login", login)
    monkeypatch.setattr(discord.Client, "connect", connect)
    return started


def test_sigterm_closes_the_bot_cleanly(fake_engine: Engine, settings: Settings,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    started = fake_gateway(monkeypatch)
    assert run_discord(settings.with_(discord_token=TOKEN), engine=fake_engine) == 0
    (bot,) = started
    assert bot.is_closed()
    with pytest.raises(sqlite3.ProgrammingError):
        bot.qa.history.count()  # closed with the bot
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # the handler is removed again


def test_without_message_content_intent_slash_commands_still_run(
        fake_engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    started = fake_gateway(monkeypatch, refuse_message_content=True)
    assert run_discord(settings.with_(discord_token=TOKEN), engine=fake_engine) == 0
    assert [b.intents.message_content for b in started] == [True, False]
    assert "Message Content Intent is not enabled" in capsys.readouterr().err


@pytest.mark.parametrize("guild_id", [None, 123456789012345678])
async def test_commands_sync_to_the_dev_guild_or_globally(fake_engine: Engine, settings: Settings,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          guild_id: int | None) -> None:
    bot = create_bot(fake_engine, settings.with_(discord_guild_id=guild_id))
    synced: list[object] = []

    async def sync(*, guild: discord.abc.Snowflake | None = None) -> list[object]:  # Discord's side
        synced.append(guild)
        return []

    monkeypatch.setattr(bot.tree, "sync", sync)
    await bot.setup_hook()
    if guild_id is None:
        assert synced == [None]
    else:
        assert [g.id for g in synced] == [guild_id]  # type: ignore[attr-defined]
        assert {c.name for c in bot.tree.get_commands(guild=discord.Object(id=guild_id))} >= {"ask", "reindex"}
