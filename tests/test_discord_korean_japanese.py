"""/ask in Korean and Japanese through the discord.py boundary, with the real engine: the answer, the bot's own
words (footer, button, not found) in the asker's language; the Discord locale breaks a tie of script."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.config import Settings
from bot.discord.format import embed_problems
from bot.engine.engine import Engine

from .fakes import ask, make_bot

pytestmark = pytest.mark.model
NO_PINGS: dict[str, list[str]] = {"parse": []}


def _button_labels(sent: dict[str, Any]) -> list[str]:
    view = sent.get("view")
    return [str(getattr(c, "item", c).label) for c in view.children] if view is not None else []


async def test_a_korean_question_is_answered_in_korean(real_engine: Engine, settings: Settings) -> None:
    it = await ask(make_bot(real_engine, settings), "서울 콘서트는 언제 열렸나요?")
    sent = it.sent()
    embed = sent["embed"]
    assert embed_problems(embed) == [] and it.payloads[-1]["allowed_mentions"] == NO_PINGS
    assert embed.description.startswith("2025년 12월 5일 [1]")
    assert "December 5th" in embed.fields[0].value  # the English snippet, as the source writes it
    assert embed.footer.text.startswith("색인 ") and "출처 더 보기" in _button_labels(sent)


async def test_a_japanese_question_is_answered_in_japanese(real_engine: Engine, settings: Settings) -> None:
    it = await ask(make_bot(real_engine, settings), "ソウルでのコンサートはいつ開かれましたか？")
    sent = it.sent()
    assert sent["embed"].description.startswith("2025年12月5日 [1]")
    assert sent["embed"].footer.text.startswith("索引 ") and "ほかの出典" in _button_labels(sent)


async def test_a_korean_question_the_sources_cannot_answer(real_engine: Engine, settings: Settings) -> None:
    it = await ask(make_bot(real_engine, settings), "부산에서 열린 60주년 기념 콘서트는 언제였나요?")
    assert "출처에서 찾을 수 없습니다." in it.text() and "“부산”" in it.text()
    assert "2025년 12월 5일" not in (it.sent()["embed"].description or "")


async def test_the_discord_locale_breaks_a_tie_of_script(real_engine: Engine, settings: Settings) -> None:
    question = "日韓国交正常化六十周年記念演奏会開催日"  # Chinese characters alone: Japanese or Korean
    as_japanese = await ask(make_bot(real_engine, settings), question)
    as_korean = await ask(make_bot(real_engine, settings), question, locale=discord.Locale.korean)
    assert "索引 " in as_japanese.text() or "資料には見つかりませんでした" in as_japanese.text()
    assert "색인 " in as_korean.text() or "출처에서 찾을 수 없습니다" in as_korean.text()
