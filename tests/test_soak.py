"""The soak script in miniature: it runs, counts, and reports memory and latency per block."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.bench import soak
from bot.bench.soak import main, question_stream, soak_discord, soak_engine
from bot.engine.engine import Engine


@pytest.fixture(autouse=True)
def no_full_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    """The soak collects garbage before each memory sample: 0.4 s a time once the rest of the suite has
    filled the heap, and these tests check counts, not memory."""
    monkeypatch.setattr(soak, "gc", SimpleNamespace(collect=lambda: 0))


def test_question_stream_is_varied_and_repeatable() -> None:
    first = [q for _, q in zip(range(300), question_stream(1, ["When was the Seoul concert?"]))]
    assert first == [q for _, q in zip(range(300), question_stream(1, ["When was the Seoul concert?"]))]
    assert len(set(first)) > 100 and "" in first and any(len(q) > 1000 for q in first)


def test_engine_soak_counts_blocks_without_errors(fake_engine: Engine) -> None:
    report = soak_engine(fake_engine, question_stream(2, ["When was the concert in Seoul?"]), 120, block=50)
    assert [b.questions for b in report.blocks] == [50, 50, 20]
    assert report.errors == 0 and report.questions == 120
    assert all(b.refused > 0 for b in report.blocks[:2]) and all(b.rss_mb > 0 for b in report.blocks)


def test_discord_soak_goes_through_the_handlers_and_stores_every_question(fake_engine: Engine,
                                                                          tmp_path: Path) -> None:
    settings = fake_engine.settings.with_(data_dir=tmp_path)
    report = soak_discord(fake_engine, question_stream(3, ["When was the concert in Seoul?"]), 60, block=30,
                          settings=settings)
    assert report.errors == 0 and [b.questions for b in report.blocks] == [30, 30]
    from bot.history import History

    assert History(settings.db_path).count() == 60


def test_an_engine_that_fails_is_counted_as_errors(fake_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(question: str, previous: str | None = None) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(fake_engine, "answer", broken)
    report = soak_engine(fake_engine, question_stream(4, ["q?"]), 10, block=10)
    assert report.errors == 10 and "RuntimeError: boom" in report.error_samples[0]


def test_script_runs_a_tiny_soak(fake_engine: Engine, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--questions", "40", "--block", "20", "--mode", "both", "--json", str(tmp_path / "s.json")],
                engine=fake_engine) == 0
    out = capsys.readouterr().out
    assert "soak (engine): 40 questions, 0 errors" in out and "soak (discord): 40 questions, 0 errors" in out
    assert "RSS start" in out and "p95 ms" in out and (tmp_path / "s.json").is_file()
