"""What the bot says in its own words around an answer, in the asker's language: too fast, too long, timed out,
not in this channel, something broke, the buttons' replies; through the discord.py boundary and the terminal."""

from __future__ import annotations

import io
import sqlite3
import time
from pathlib import Path
from typing import cast

import discord

from bot.cli import chat
from bot.config import Settings
from bot.discord.commands import Translator
from bot.discord.messages import open_thread
from bot.discord.qa import GENERIC_ERROR, answered_in
from bot.discord.views import MoreButton, VoteButton
from bot.engine.engine import Engine
from bot.history import MIGRATIONS, History
from bot.text.lang import reply_language
from bot.text.messages import MESSAGES, say
from tests.discord_fakes import FakeInteraction, FakeUser

from .fakes import EngineProxy, ask, make_bot, manager, slash

KOREAN = "서울 콘서트는 언제 열렸나요?"
JAPANESE = "ソウルでのコンサートはいつ開かれましたか？"


def test_each_message_has_the_same_blanks_in_every_language() -> None:
    def blanks(text: str) -> set[str]:
        return {part.split("}")[0] for part in text.split("{")[1:]}

    for key, english in MESSAGES["en"].items():
        assert blanks(MESSAGES["ko"][key]) == blanks(MESSAGES["ja"][key]) == blanks(english), key


def test_a_reply_with_no_letters_takes_the_locale() -> None:
    assert reply_language("???", "ko") == "ko" and reply_language("？？", "ja") == "ja"
    assert reply_language("???", "en-US") == reply_language("???") == "en"
    assert reply_language("when?", "ko") == "en"  # the question's script comes first
    assert reply_language("漢字", "ko") == "ko" and reply_language("漢字") == "ja"


async def test_too_fast_in_the_askers_language(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings, cooldown_seconds=30)
    user = FakeUser()
    await ask(bot, KOREAN, user=user)
    korean = (await ask(bot, KOREAN, user=user)).sent()["content"]
    assert korean == "질문 간격이 너무 짧습니다. 30초 후에 다시 질문해 주세요."
    assert (await ask(bot, JAPANESE, user=user)).sent()["content"] == say("wait", "ja", seconds=30)
    english = (await ask(bot, "And Tokyo?", user=user)).sent()["content"]
    assert english == "You're asking a little fast: try again in 30 s."


async def test_a_question_too_long_or_without_words(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    long = await ask(bot, "서울콘서트" * 420)
    assert long.sent()["content"] == "질문이 너무 깁니다(2,100자, 한도 1,000자). 줄여서 다시 질문해 주세요."
    assert "embed" not in long.sent() and bot.qa.history.records()[-1].lang == "ko"
    assert (await ask(bot, "コンサート" * 300)).sent()["content"].startswith("質問が長すぎます（1,500文字")
    assert (await ask(bot, "?!", locale=discord.Locale.japanese)).sent()["content"] == say("ask_in_words", "ja")
    assert (await ask(bot, "?!")).sent()["content"].startswith("Please ask a question in words")


async def test_timed_out_and_broken_in_the_askers_language(fake_engine: Engine, settings: Settings) -> None:
    slow = make_bot(EngineProxy(fake_engine, lambda q, p: time.sleep(0.3)), settings, answer_timeout_seconds=0.1)
    assert (await ask(slow, JAPANESE)).sent()["content"] == say("timeout", "ja")
    assert (await ask(slow, "When was the concert?")).sent()["content"] == say("timeout")

    def broken(question: str, previous: str | None) -> None:
        raise KeyError("internal detail")

    bot = make_bot(EngineProxy(fake_engine, broken), settings)
    said = (await ask(bot, KOREAN)).sent()["content"]
    assert said == say("error", "ko") and "internal" not in said
    assert (await ask(bot, "When?")).sent()["content"] == GENERIC_ERROR


async def test_not_in_this_channel_in_the_askers_language(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings, discord_channels=frozenset({77}))
    it = await ask(bot, KOREAN)
    assert it.sent()["content"] == "설정된 채널에서만 답변합니다." and it.sent()["ephemeral"] is True


async def test_buttons_reply_in_the_language_the_answer_was_written_in(fake_engine: Engine,
                                                                       settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    # Chinese characters alone, from a Korean Discord: answered in Korean, which the question's script alone
    # would not tell again when a button is pressed later
    await ask(bot, "日韓国交正常化記念演奏会", locale=discord.Locale.korean)
    row = bot.qa.history.records()[-1]
    assert row.lang == "ko"
    more = FakeInteraction(bot)  # the clicker's own Discord language does not matter: the answer's does
    await MoreButton(row.id).callback(cast(discord.Interaction, more))
    assert "추가 출처: 日韓国交正常化記念演奏会" in more.text() or "더 이상 구절이 없습니다." in more.text()
    vote = FakeInteraction(bot)
    await VoteButton(row.id, "up").callback(cast(discord.Interaction, vote))
    assert vote.sent()["content"] == "감사합니다. 피드백이 기록되었습니다."
    gone = FakeInteraction(bot, locale=discord.Locale.japanese)
    await MoreButton(999_999).callback(cast(discord.Interaction, gone))
    assert gone.sent()["content"] == say("gone", "ja")
    unknown = FakeInteraction(bot, locale=discord.Locale.japanese)
    await VoteButton(999_999, "up").callback(cast(discord.Interaction, unknown))
    assert unknown.sent()["content"] == say("vote_failed", "ja")


def test_rows_stored_before_the_language_column_fall_back_to_the_script(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)  # a database as the bot wrote it before the column (schema 3)
    for script in MIGRATIONS[:3]:
        db.executescript(script)
    db.execute("INSERT INTO questions (asked_at, user_hash, source, question, outcome) "
               "VALUES ('2026-01-01T00:00:00Z', 'u', 'slash', ?, 'answered')", (JAPANESE,))
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    history = History(path)
    (row,) = history.records()
    assert history.schema_version == 4 and row.lang is None and answered_in(row) == "ja"
    qid = history.record(user_id=1, source="slash", question="漢字", outcome="rejected", lang="ko")
    assert answered_in(history.get(qid)) == "ko"  # type: ignore[arg-type]
    history.close()


def test_the_terminal_chat_refuses_in_the_askers_language(fake_engine: Engine) -> None:
    out = io.StringIO()
    chat(fake_engine, stdin=io.StringIO("ソウル" * 400 + "\n"), stdout=out)
    assert "質問が長すぎます（1,200文字、上限は1,000文字）。短くしてください。" in out.getvalue()


class _Answered:
    """The bot's sent answer, at the discord.py boundary: what thread it is asked to open."""

    def __init__(self) -> None:
        self.names: list[str] = []

    async def create_thread(self, *, name: str, auto_archive_duration: int) -> discord.Object:
        self.names.append(name)
        return discord.Object(id=len(self.names))


async def test_the_follow_up_thread_is_named_on_one_line_or_in_the_answers_language() -> None:
    sent = _Answered()
    assert await open_thread(cast(discord.Message, sent), "When was\n\nthe   Seoul concert?") == 1
    await open_thread(cast(discord.Message, sent), "서울 콘서트는 " * 30, "ko")
    await open_thread(cast(discord.Message, sent), " \n ", "ko")
    await open_thread(cast(discord.Message, sent), "", "ja")
    assert sent.names[0] == "When was the Seoul concert?"
    assert len(sent.names[1]) <= 100 and "\n" not in sent.names[1] and sent.names[1].startswith("서울 콘서트는")
    assert sent.names[2:] == ["후속 질문", "追加の質問"]


async def test_sources_about_and_reindex_in_the_askers_discord_language(fake_engine: Engine,
                                                                       settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    korean = FakeInteraction(bot, locale=discord.Locale.korean)
    await slash(bot, "sources")(korean)
    assert "색인된 기사 (2)" in korean.text() and "2025년 12월 31일" in korean.text() and "구절" in korean.text()
    assert "Concert in Seoul" in korean.text()  # (the articles' own titles stay theirs)
    japanese = FakeInteraction(bot, locale=discord.Locale.japanese)
    await slash(bot, "about")(japanese)
    assert "qabotについて" in japanese.text() and "索引" in japanese.text() and fake_engine.version in japanese.text()
    english = FakeInteraction(bot, locale=discord.Locale.american_english)
    await slash(bot, "about")(english)
    assert "About qabot" in english.text()
    denied = FakeInteraction(bot, locale=discord.Locale.korean)
    await slash(bot, "reindex")(denied)
    assert denied.sent()["content"] == say("denied", "ko")


async def test_a_rebuild_names_the_files_it_skipped(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    (settings.corpus_dir / "scan.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
    it = FakeInteraction(bot, user=manager(), locale=discord.Locale.japanese)
    await slash(bot, "reindex")(it)
    assert it.sent()["content"].startswith("バックグラウンドで索引を作り直しています")
    assert bot.reindexer.task is not None
    await bot.reindexer.task
    live = it.sent()["content"]
    assert live.startswith(f"索引 {fake_engine.version} に切り替えました")
    assert "読み込めなかったファイル 1 件: scan.pdf (読める PDF ではありません（PdfStreamError）)" in live


async def test_a_rebuild_with_nothing_to_read_says_why_in_korean(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    for path in settings.corpus_dir.iterdir():
        path.unlink()
    (settings.corpus_dir / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    it = FakeInteraction(bot, user=manager(), locale=discord.Locale.korean)
    await slash(bot, "reindex")(it)
    assert bot.reindexer.task is not None
    await bot.reindexer.task
    failed = it.sent()["content"]
    assert failed.startswith("색인을 다시 만들지 못했습니다: ")
    assert "쓸 수 있는 기사가 없습니다 (건너뛴 파일 1개)" in failed
    assert f"계속 색인 {fake_engine.version}(으)로 답합니다." in failed


async def test_the_commands_descriptions_are_given_to_discord_in_korean_and_japanese(
        fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    await bot.tree.set_translator(Translator())
    for name in ("ask", "sources", "about", "reindex"):
        payload = await bot.tree.get_command(name).get_translated_payload(bot.tree, Translator())  # type: ignore[union-attr]
        key = f"cmd_{name}"
        assert payload["description_localizations"] == {"ko": say(key, "ko"), "ja": say(key, "ja")}, name
        assert payload["name_localizations"] == {} and payload["description"] == say(key), name
        if name == "ask":
            assert payload["description_localizations"]["ko"] == "기사에 대해 질문하기"
            assert payload["options"][0]["description_localizations"]["ko"] == "예: 서울 콘서트는 언제 열렸나요?"


async def test_a_rebuilds_reply_stays_one_message_and_pings_nobody(fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(fake_engine, settings)
    (settings.corpus_dir / "<@&123> **x**.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
    (settings.corpus_dir / "soon.md").write_text("---\ndate: " + "soon " * 500 + "\n---\nText.\n", encoding="utf-8")
    it = FakeInteraction(bot, user=manager())
    await slash(bot, "reindex")(it)
    assert bot.reindexer.task is not None
    await bot.reindexer.task
    live = it.sent()["content"]
    assert live.startswith("Index ") and "Skipped 2 file(s)" in live and len(live) <= 400
    assert "<@&" not in live and "\\*\\*x\\*\\*" in live  # (the name's marks shown as written, the mention inert)
