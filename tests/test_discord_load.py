"""Many questions at once: each answer goes to its own asker, and the event loop stays responsive.

The figures (worst event-loop lag, wall time) are printed; run with `-s` to see them. The assertions
are deliberately loose: they fail only if answering blocks the loop, not on a slow machine.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time

import pytest

from bot.config import Settings
from bot.discord.bot import QABot
from bot.discord.format import answer_embed
from bot.engine.engine import Engine
from tests.discord_fakes import FakeInteraction, FakeUser

from .fakes import EngineProxy, make_bot, slash

N = 50
TICK = 0.01


def jittery(engine: Engine) -> EngineProxy:
    """The engine with a random pause in its worker thread, so answers finish out of order."""
    rng = random.Random(3)

    def pause(question: str, previous: str | None) -> None:
        time.sleep(rng.uniform(0, 0.05))
        sum(i * i for i in range(20_000))  # some CPU work holding the GIL, as tokenising and scoring do

    return EngineProxy(engine, pause)


class LagMeter:
    """Measures how late a 10 ms sleep on the event loop wakes up, until stopped."""

    def __init__(self) -> None:
        self.lags: list[float] = []
        self.running = True

    async def run(self) -> None:
        while self.running:
            t = time.perf_counter()
            await asyncio.sleep(TICK)
            self.lags.append(time.perf_counter() - t - TICK)

    def summary(self) -> str:
        lags = sorted(self.lags)
        return (f"worst {max(lags) * 1000:.1f} ms, p50 {statistics.median(lags) * 1000:.1f} ms, "
                f"p99 {lags[int(len(lags) * 0.99) - 1] * 1000:.1f} ms over {len(lags)} ticks")


async def ask_all(bot: QABot, questions: list[str]) -> tuple[list[FakeInteraction], LagMeter, float]:
    meter = LagMeter()
    ticker = asyncio.create_task(meter.run())
    await asyncio.sleep(TICK * 3)
    interactions = [FakeInteraction(bot, user=FakeUser()) for _ in questions]
    command = slash(bot, "ask")
    started = time.perf_counter()
    await asyncio.gather(*(command(it, question=q)
                           for it, q in zip(interactions, questions, strict=True)))
    wall = time.perf_counter() - started
    meter.running = False
    await ticker
    return interactions, meter, wall


def questions() -> list[str]:
    kinds = ["When was the concert in Seoul?", "When was the Treaty on Basic Relations signed?",
             "How much economic aid did Japan provide?", "Who apologised in 1998?"]
    return [f"{kinds[i % len(kinds)]} (asker {i})" for i in range(N)]


async def test_fifty_concurrent_questions_each_get_their_own_answer(
        fake_engine: Engine, settings: Settings) -> None:
    bot = make_bot(jittery(fake_engine), settings)
    asked = questions()
    expected = [fake_engine.answer(q) for q in asked]
    interactions, meter, wall = await ask_all(bot, asked)
    for it, q, want in zip(interactions, asked, expected, strict=True):
        assert [name for name, _ in it.calls] == ["defer", "followup"]
        embed = it.sent()["embed"]
        assert embed.title == q  # the asker's own question
        own = answer_embed(want)  # what this question alone gets
        assert embed.description == own.description
        assert [(f.name, f.value) for f in embed.fields] == [(f.name, f.value) for f in own.fields]
    rows = bot.qa.history.records()
    assert sorted(r.question for r in rows) == sorted(asked)
    print(f"\n{N} concurrent questions (fake engine): {wall:.2f} s wall; event-loop lag {meter.summary()}")
    assert len(meter.lags) >= 5  # the loop kept ticking while answers were computed
    assert max(meter.lags) < 1.0  # generous: a blocked loop would stall for the whole batch


@pytest.mark.model
async def test_fifty_concurrent_questions_real_engine(real_engine: Engine, real_settings: Settings) -> None:
    bot = make_bot(real_engine, real_settings, answer_timeout_seconds=300)
    asked = [q.replace("Treaty on Basic Relations", "treaty") for q in questions()]
    expected = {q: answer_embed(real_engine.answer(q)) for q in asked}
    interactions, meter, wall = await ask_all(bot, asked)
    for it, q in zip(interactions, asked, strict=True):
        embed = it.sent()["embed"]
        assert embed.title == q
        assert embed.description == expected[q].description
        assert [f.name for f in embed.fields] == [f.name for f in expected[q].fields]
    latencies = [r.latency_ms or 0 for r in bot.qa.history.records()]
    print(f"\n{N} concurrent questions (real engine): {wall:.2f} s wall, {N / wall:.1f} questions/s, "
          f"engine latency median {statistics.median(latencies):.0f} ms max {max(latencies):.0f} ms; "
          f"event-loop lag {meter.summary()}")
    assert len(meter.lags) >= 5 and max(meter.lags) < 2.0
