"""Secrets and permissions: the Discord token stays out of reprs, error messages, logs and the SQLite store;
every admin command is refused (and the refusal logged) for members without Manage Server.

The unit tests of the redaction filter, check_token and /reindex live with the Discord code
(test_discord_run.py, test_discord_commands.py); these drive whole paths end to end."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, cast

import discord
import pytest

from bot.cli import main
from bot.config import Settings
from bot.discord.bot import QABot, protect_token
from bot.discord.qa import GENERIC_ERROR
from bot.engine.engine import Engine
from bot.errors import ConfigError
from tests.discord_fakes import FakeInteraction, FakeUser

from .conftest import TINY, write_corpus
from .fakes import EngineProxy, ask, make_bot, manager, slash
from .robust_helpers import cli_env

TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GsEcRt.secret-token-value_9876543210zyxwvutsrqpo"
TOKEN_PARTS = (TOKEN, TOKEN.split(".")[2])  # the HMAC part is the secret one


def leaks(text: str) -> bool:
    return any(part in text for part in TOKEN_PARTS)


# -- reprs and error messages ------------------------------------------------------------------------------

def test_settings_never_show_the_token() -> None:
    settings = Settings.from_env({"DISCORD_TOKEN": TOKEN}, dotenv=None)
    assert settings.discord_token == TOKEN
    for shown in (repr(settings), str(settings), f"{settings}", f"{settings!r}", repr([settings]),
                  repr({"s": settings}), repr(settings.with_(citations=2))):
        assert not leaks(shown) and "discord_token='***'" in shown


def test_settings_from_dotenv_never_show_the_token(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"DISCORD_TOKEN={TOKEN}\nQABOT_CITATIONS=2\n")
    settings = Settings.from_env({}, dotenv=dotenv)
    assert settings.discord_token == TOKEN and not leaks(repr(settings))


@pytest.mark.parametrize("key", ["DISCORD_GUILD_ID", "DISCORD_CHANNELS", "QABOT_CITATIONS", "QABOT_RETRIEVAL"])
def test_a_token_pasted_into_the_wrong_setting_is_not_echoed(key: str) -> None:
    with pytest.raises(ConfigError) as info:
        Settings.from_env({"DISCORD_TOKEN": TOKEN, key: TOKEN}, dotenv=None)
    assert key in str(info.value) and not leaks(str(info.value))


def test_a_short_bare_token_is_not_echoed_when_the_setting_has_the_bot_prefix() -> None:
    short = "MTA5ODc2NTQzMjEwOTg3NjU0.GsEcRt.short-secret-4567"  # older tokens are under 60 characters
    with pytest.raises(ConfigError) as info:
        Settings.from_env({"DISCORD_TOKEN": f"Bot {short}", "QABOT_CITATIONS": short}, dotenv=None)
    assert short not in str(info.value) and "not shown" in str(info.value)


def test_cli_config_errors_do_not_echo_the_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("DISCORD_GUILD_ID", TOKEN)
    assert main(["sources"]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("error: DISCORD_GUILD_ID") and not leaks(out + err)


# -- logs while starting with a bad token and while erroring ----------------------------------------------

def test_qabot_run_with_a_rejected_token_keeps_it_out_of_output_and_logs(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], log_stream: Any) -> None:
    settings = cli_env(monkeypatch, tmp_path)
    write_corpus(settings.corpus_dir, TINY)
    assert main(["build"]) == 0
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)

    async def login_echoing_the_token(self: object, token: str) -> None:  # a library that puts it in an error
        logging.getLogger("discord.http").debug("logging in using static token %s", token)
        raise discord.LoginFailure(f"Improper token has been passed: {token}")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", login_echoing_the_token)
    capsys.readouterr()
    assert main(["-v", "run"]) == 1
    out, err = capsys.readouterr()
    assert "Discord rejected DISCORD_TOKEN" in err and "Traceback" not in err
    assert not leaks(out + err) and not leaks(log_stream.getvalue())
    assert "***" in log_stream.getvalue()  # the debug line was logged, redacted


def token_in_errors(question: str, previous: str | None) -> None:
    """An engine failure that mentions the token (as a misbehaving library might)."""
    raise RuntimeError(f"upstream said: Authorization: Bot {TOKEN}")


async def test_errors_while_answering_keep_the_token_out_of_replies_logs_and_the_store(
        fake_engine: Engine, settings: Settings, log_stream: Any) -> None:
    protect_token(TOKEN)
    bot = make_bot(EngineProxy(fake_engine, token_in_errors), settings, discord_token=TOKEN)
    it = await ask(bot, "When was the concert?")
    assert it.sent()["content"] == GENERIC_ERROR
    logged = log_stream.getvalue()
    assert "Traceback" in logged and "RuntimeError" in logged and not leaks(logged)
    assert not leaks(repr(it.calls)) and not leaks(repr(it.payloads))
    await bot.close()
    assert not leaks(store_bytes(settings))


# -- the SQLite store ---------------------------------------------------------------------------------------

def store_bytes(settings: Settings) -> str:
    """The database and its WAL/SHM files, as text (the token is ASCII)."""
    files = [p for p in settings.db_path.parent.glob(settings.db_path.name + "*") if p.is_file()]
    assert files
    return "".join(p.read_bytes().decode("latin-1") for p in files)


async def run_session(bot: QABot, questions: list[str]) -> None:
    """Questions, both buttons, and /reindex refused and granted, as real members would do."""
    admin = manager()
    for i, question in enumerate(questions):
        await ask(bot, question, user=admin if i % 2 else FakeUser())
        question_id = bot.qa.history.records()[-1].id
        await bot.qa.feedback(cast(discord.Interaction, FakeInteraction(bot)), question_id, 1)
        await bot.qa.more_sources(cast(discord.Interaction, FakeInteraction(bot)), question_id)
    for user in (FakeUser(), admin):
        await slash(bot, "reindex")(FakeInteraction(bot, user=user))
    if bot.reindexer.task is not None:
        await bot.reindexer.task


@pytest.mark.parametrize("setting", [TOKEN, f"Bot {TOKEN}", f"  {TOKEN}\n"])
async def test_the_store_never_holds_the_token_even_when_a_user_pastes_it(
        fake_engine: Engine, settings: Settings, setting: str) -> None:
    bot = make_bot(fake_engine, settings, discord_token=setting)
    hidden = TOKEN[:30] + "\u200b" + TOKEN[30:]  # a zero-width space, which cleaning removes
    coloured = TOKEN[:20] + "\x1b[0m" + TOKEN[20:]  # a terminal colour code, which cleaning removes too
    stacked = TOKEN[:40] + "\u0301\u0302" + TOKEN[40:]  # two stacked accents, likewise
    await run_session(bot, ["When was the concert in Seoul?", f"is this the right token {TOKEN}?",
                            f"<@1> {TOKEN}", "How much aid did Japan provide?", f"and {hidden}?",
                            f"and {coloured}?", f"and {stacked}?"])
    rows = bot.qa.history.records()
    assert len(rows) == 7 and all(not leaks(r.question) and not leaks(r.understood or "") for r in rows)
    await bot.close()
    assert not leaks(store_bytes(settings))


# -- permissions ---------------------------------------------------------------------------------------------

def admin_commands(bot: QABot) -> list[discord.app_commands.Command[Any, Any, Any]]:
    """Every slash command that Discord shows only to members with some permission."""
    return [c for c in bot.tree.get_commands() if isinstance(c, discord.app_commands.Command)
            and c.default_permissions is not None and c.default_permissions.value != 0]


NOT_ENOUGH = {
    "plain member": discord.Permissions.none(),
    "moderator": discord.Permissions(manage_messages=True, kick_members=True, ban_members=True,
                                     manage_channels=True, manage_roles=True, mention_everyone=True),
}


@pytest.mark.parametrize("who", list(NOT_ENOUGH))
async def test_every_admin_command_is_refused_without_manage_server_and_logged(
        fake_engine: Engine, settings: Settings, caplog: pytest.LogCaptureFixture, who: str) -> None:
    bot = make_bot(fake_engine, settings)
    builds: list[object] = []
    bot.reindexer.build = lambda *a, **k: builds.append(a)
    commands = admin_commands(bot)
    assert [c.name for c in commands] == ["reindex"]  # a new admin command must be added to these tests
    caplog.set_level(logging.INFO)
    user = FakeUser(guild_permissions=NOT_ENOUGH[who])
    for command in commands:
        assert command.default_permissions.manage_guild  # type: ignore[union-attr]
        it = FakeInteraction(bot, user=user)
        callback: Callable[..., Awaitable[Any]] = command.callback  # called with a stand-in interaction
        await callback(it)
        assert "Manage Server" in it.sent()["content"] and it.sent().get("ephemeral")
        denied = [r for r in caplog.records if "denied" in r.getMessage() and command.name in r.getMessage()]
        assert len(denied) == 1 and denied[0].levelno >= logging.WARNING
        assert str(user.id) not in denied[0].getMessage()  # the log names a pseudonym, not the Discord id
    assert builds == [] and bot.reindexer.task is None
    await bot.close()


@pytest.mark.parametrize("perms", [discord.Permissions(manage_guild=True), discord.Permissions(administrator=True)])
async def test_admin_commands_run_for_manage_server_or_administrator(
        fake_engine: Engine, settings: Settings, perms: discord.Permissions) -> None:
    bot = make_bot(fake_engine, settings)
    builds: list[object] = []
    bot.reindexer.build = lambda *a, **k: builds.append(a)
    it = FakeInteraction(bot, user=FakeUser(guild_permissions=perms))
    await slash(bot, "reindex")(it)
    assert bot.reindexer.task is not None
    await bot.reindexer.task
    assert len(builds) == 1
    await bot.close()
