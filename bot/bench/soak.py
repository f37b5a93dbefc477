"""Soak run: many varied questions through the engine and the Discord command handlers, with memory
(RSS) and latency per block, to show that a long-running bot stays flat and keeps answering.

The Discord side is driven with the stand-in interactions of tests/discord_fakes.py, the ones the
tests use (so the soak runs from a checkout: scripts/soak.py; Discord's servers are the only thing
faked): `/ask` through the real command callback, the 👍/👎 and "More sources" buttons through `QA`,
answers stored by the real `History`; sent views are stored in the bot's view store as discord.py does.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import logging
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..engine.engine import Engine
from ..errors import QABotError
from ..evaluation.measure import percentile, rss_mb
from ..evaluation.metrics import QUESTIONS, in_checkout, question_texts

log = logging.getLogger(__name__)

UNANSWERABLE = [
    "What is the population of Osaka?", "Who won the 2022 World Cup?", "How do I bake sourdough bread?",
    "What is the capital of Australia?", "Which team won the Super Bowl in 1999?", "How tall is Mount Everest?",
]
HOSTILE = [
    "", "   ", "a" * 5_000, "😀🎉🔥", "Z̷̢̛͚̭a̶̢̜̾l̵̡g̸o̴ when was the concert?", "\u202eWhen\u200b was the concert?",
    "\x00\x07When\x1b[31m was the treaty signed?", "```\n@everyone\n```", "@everyone @here <@&1> <@2> who apologised?",
    "'; DROP TABLE questions; --", "**bold** _it_ [link](https://x.example) ||spoiler||",
]
FILLERS = ["please", "exactly", "again", "in the article", "according to the sources", "quickly", "by the way"]


def question_stream(seed: int, base: Sequence[str]) -> Iterator[str]:
    """Endless varied questions: real ones (reworded), unanswerable, hostile, and random Unicode."""
    rng = random.Random(seed)
    for n in itertools.count():
        roll = rng.random()
        if roll < 0.6 and base:
            q = rng.choice(base)
            q = rng.choice([q, q.lower(), q.upper(), q.rstrip("?"), f"{q} {rng.choice(FILLERS)}",
                            f"{rng.choice(FILLERS)}, {q[0].lower()}{q[1:]}", f"{q} ({n})"])
        elif roll < 0.75:
            q = f"{rng.choice(UNANSWERABLE)} {rng.randint(0, 10**6)}"
        elif roll < 0.9:
            q = rng.choice(HOSTILE)
        else:
            ranges = [(32, 0x2FF), (0x300, 0xFFFF), (0x1F300, 0x1FAFF)]
            q = "".join(chr(rng.randint(*rng.choice(ranges))) for _ in range(rng.randint(1, 200)))
        yield q


@dataclass
class Block:
    """Figures for one block of questions."""

    index: int
    questions: int
    errors: int
    refused: int
    abstained: int
    p50_ms: float
    p95_ms: float
    rss_mb: float


@dataclass
class SoakReport:
    """A whole run: the blocks, the error samples and memory at the start and end."""

    mode: str
    rss_start_mb: float
    blocks: list[Block] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(b.errors for b in self.blocks)

    @property
    def questions(self) -> int:
        return sum(b.questions for b in self.blocks)

    @property
    def rss_end_mb(self) -> float:
        return self.blocks[-1].rss_mb if self.blocks else self.rss_start_mb

    @property
    def growth_after_warmup_mb(self) -> float:
        """RSS at the end minus RSS after the first block (the warm-up)."""
        return self.rss_end_mb - self.blocks[0].rss_mb if self.blocks else 0.0

    def record(self, tally: _Tally, started: float, n: int, total: int, block: int) -> _Tally:
        """Count question `n` (begun at `started`); after the last of a block, close it and start another."""
        tally.latencies.append((time.perf_counter() - started) * 1000)
        if n % block == 0 or n == total:
            self.blocks.append(tally.block(len(self.blocks) + 1))
            return _Tally()
        return tally

    def lines(self) -> list[str]:
        warm = self.blocks[0].rss_mb if self.blocks else self.rss_start_mb
        out = [f"soak ({self.mode}): {self.questions} questions, {self.errors} errors; "
               f"RSS start {self.rss_start_mb:.1f} MB, after warm-up {warm:.1f} MB, "
               f"end {self.rss_end_mb:.1f} MB (growth after warm-up {self.growth_after_warmup_mb:+.1f} MB)",
               f"{'block':>5} {'questions':>9} {'errors':>6} {'refused':>7} {'abstained':>9} {'p50 ms':>8} "
               f"{'p95 ms':>8} {'RSS MB':>8}"]
        out += [f"{b.index:>5} {b.questions:>9} {b.errors:>6} {b.refused:>7} {b.abstained:>9} {b.p50_ms:>8.1f} "
                f"{b.p95_ms:>8.1f} {b.rss_mb:>8.1f}" for b in self.blocks]
        out += [f"error: {e}" for e in self.error_samples]
        return out


class _Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors = self.refused = self.abstained = 0

    def block(self, index: int) -> Block:
        gc.collect()
        ms = self.latencies
        return Block(index, len(ms), self.errors, self.refused, self.abstained,
                     percentile(ms, 50), percentile(ms, 95), rss_mb())


def soak_engine(engine: Engine, questions: Iterator[str], total: int, block: int = 1000) -> SoakReport:
    """Ask `total` questions of the engine directly."""
    report = SoakReport("engine", _start_rss())
    tally = _Tally()
    for n, question in enumerate(itertools.islice(questions, total), start=1):
        started = time.perf_counter()
        try:
            answer = engine.answer(question)
            tally.abstained += answer.abstained
        except QABotError:
            tally.refused += 1
        except Exception as exc:  # noqa: BLE001 - counted and sampled
            tally.errors += 1
            _sample(report, question, exc)
        tally = report.record(tally, started, n, total, block)
    return report


def soak_discord(engine: Engine, questions: Iterator[str], total: int, block: int,
                 settings: Settings) -> SoakReport:
    """Ask `total` questions through the bot's /ask handler (and click its buttons now and then).
    The bot stores questions under `settings.data_dir` (a scratch directory: never the real history)."""
    return asyncio.run(_soak_discord(engine, questions, total, block, settings))


async def _soak_discord(engine: Engine, questions: Iterator[str], total: int, block: int,
                        settings: Settings) -> SoakReport:
    from ..discord.bot import create_bot
    from ..discord.format import ABSTAIN_COLOUR
    from ..text.lang import LANGUAGES
    from ..text.messages import say

    failed = {say(key, lang) for key in ("error", "timeout") for lang in LANGUAGES}  # in the asker's language

    fakes = stand_ins()
    FakeInteraction, FakeUser = fakes.FakeInteraction, fakes.FakeUser  # noqa: N806 - classes
    bot = create_bot(engine, settings.with_(cooldown_seconds=0))
    ask: Any = bot.tree.get_command("ask")
    users = [FakeUser(10_000 + i, name="soak") for i in range(50)]
    report = SoakReport("discord", _start_rss())
    tally = _Tally()
    try:
        for n, question in enumerate(itertools.islice(questions, total), start=1):
            interaction = FakeInteraction(bot, users[n % len(users)])
            started = time.perf_counter()
            try:
                await ask.callback(interaction, question=question)
                sent = interaction.sent()
                content = sent.get("content")
                if content in failed:
                    raise RuntimeError(f"the bot replied {content!r}")
                if sent.get("allowed_mentions") is None or sent["allowed_mentions"].to_dict() != {"parse": []}:
                    raise RuntimeError("a reply was sent without allowed_mentions=none")
                embed = sent.get("embed")
                if embed is None:
                    tally.refused += 1
                elif embed.colour == ABSTAIN_COLOUR:
                    tally.abstained += 1
                if n % 10 == 0 and embed is not None:
                    qid = bot.qa.history.count()
                    click: Any = FakeInteraction(bot, users[0])
                    await bot.qa.feedback(click, qid, 1 if n % 20 else -1)
                    click = FakeInteraction(bot, users[1])
                    await bot.qa.more_sources(click, qid)
            except Exception as exc:  # noqa: BLE001 - counted and sampled
                tally.errors += 1
                _sample(report, question, exc)
            tally = report.record(tally, started, n, total, block)
    finally:
        await bot.close()
    return report


def stand_ins() -> Any:
    """The tests' stand-ins for Discord's side of an interaction (tests/discord_fakes.py), which are not
    part of the product: the soak runs from a checkout, where `tests` can be imported."""
    try:
        from tests import discord_fakes
    except ImportError as exc:
        raise QABotError("The Discord soak drives the bot with tests/discord_fakes.py: run it from a checkout "
                         "(python scripts/soak.py).") from exc
    return discord_fakes


def _start_rss() -> float:
    gc.collect()
    return rss_mb()


def _sample(report: SoakReport, question: str, exc: BaseException) -> None:
    log.error("soak: %r failed", question[:80], exc_info=exc)
    if len(report.error_samples) < 10:
        report.error_samples.append(f"{question[:60]!r}: {type(exc).__name__}: {str(exc)[:200]}")


# -- the command line ------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None, engine: Engine | None = None) -> int:
    """`python scripts/soak.py [--questions N] [--block B] [--mode discord|engine|both]`; 1 if any error."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="soak", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=int, default=10_000, help="how many questions (default 10000)")
    parser.add_argument("--block", type=int, default=1000, help="questions per reported block (default 1000)")
    parser.add_argument("--mode", choices=("discord", "engine", "both"), default="discord",
                        help="through the Discord handlers (default), the engine alone, or both")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--evals", type=Path, default=QUESTIONS,
                        help="questions to reword (JSON lines with a 'question' field)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.evals != QUESTIONS and not in_checkout(args.evals).is_file():  # found as question_texts finds it
        parser.error(f"--evals {args.evals}: no such file")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="qabot-soak-") as data:
        if engine is None:
            engine = Engine.from_settings(Settings.from_env())
        scratch = engine.settings.with_(data_dir=Path(data))  # the soak's questions go to a scratch store
        base = question_texts(args.evals) or ["When was the Seoul concert?", "Who apologised in 1998?"]
        reports = []
        for mode in (("engine", "discord") if args.mode == "both" else (args.mode,)):
            questions = question_stream(args.seed, base)
            if mode == "engine":
                report = soak_engine(engine, questions, args.questions, args.block)
            else:
                report = soak_discord(engine, questions, args.questions, args.block, scratch)
            print("\n".join(report.lines()), flush=True)
            reports.append(report)
    if args.json:
        args.json.write_text(json.dumps([{"mode": r.mode, "questions": r.questions, "errors": r.errors,
                                          "rss_start_mb": r.rss_start_mb, "rss_end_mb": r.rss_end_mb,
                                          "growth_after_warmup_mb": r.growth_after_warmup_mb,
                                          "blocks": [b.__dict__ for b in r.blocks]} for r in reports], indent=2))
    return 1 if any(r.errors for r in reports) else 0
