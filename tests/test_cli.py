import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.config import Settings

from .conftest import TINY, write_corpus
from .fakes import EngineProxy
from .robust_helpers import cli_env


def _use(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("QABOT_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("QABOT_INDEX_DIR", str(settings.index_dir))


def _ask_json(question: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """`qabot ask --json QUESTION` through the real parser, its output parsed."""
    assert main(["ask", "--json", question]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def test_ask_without_an_index_builds_it_first_and_keeps_json_pure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A directory with only corpus/ in it: `ask --json` builds, says so on stderr, answers on stdout."""
    settings = cli_env(monkeypatch, tmp_path)
    write_corpus(settings.corpus_dir, TINY)
    assert main(["ask", "--json", "When was the concert?"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["question"] == "When was the concert?" and "answer" in out
    assert captured.err.startswith("Building the index: there is no index")
    assert (settings.index_dir / "CURRENT").is_file()
    assert main(["ask", "When was the concert?"]) == 0
    assert "Building" not in capsys.readouterr().err  # built once, then current


def test_ask_with_an_empty_corpus_and_no_index_says_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    settings = cli_env(monkeypatch, tmp_path)
    settings.corpus_dir.mkdir()
    assert main(["ask", "When was the concert?"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("error: ") and "corpus" in err[-1] and "Traceback" not in "".join(err)


def test_bad_setting_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QABOT_CITATIONS", "many")
    assert main(["sources"]) == 1
    assert capsys.readouterr().err.strip() == "error: QABOT_CITATIONS must be a number, not 'many'."


@pytest.mark.model
def test_ask_json_answers_the_seoul_concert(monkeypatch: pytest.MonkeyPatch, real_settings: Settings,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _use(monkeypatch, real_settings)
    out = _ask_json("When was the Seoul concert?", capsys)
    assert set(out) == {"question", "answer", "abstained", "citations", "latency_ms", "read_as", "unknown", "language",
                        "generated", "fallback"}
    assert out["language"] == "en" and out["generated"] is False and out["fallback"] is None
    assert "5 December 2025" in out["answer"] and out["abstained"] is False
    first = out["citations"][0]
    assert set(first) == {"n", "title", "date", "snippet", "score", "chunk_id"}
    assert first["title"].startswith("Turning a Page") and "December 5th" in first["snippet"]
    assert first["date"] == "2025-12-31"


@pytest.mark.model
def test_ask_json_abstains_on_osaka(monkeypatch: pytest.MonkeyPatch, real_settings: Settings,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    _use(monkeypatch, real_settings)
    out = _ask_json("What is the population of Osaka?", capsys)
    assert out["answer"] is None and out["abstained"] is True and out["citations"]
    assert out["unknown"] == ["Osaka", "population"]  # a name, and the thing asked for


@pytest.mark.model
def test_build_sources_and_readable_ask(monkeypatch: pytest.MonkeyPatch, real_settings: Settings,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    _use(monkeypatch, real_settings)
    assert main(["build"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["sources"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[0].startswith("2025-12-31  Turning a Page")
    assert main(["ask", "Who", "was", "the", "Japanese", "prime", "minister", "in", "1998?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Keizo Obuchi [1]") and "[1] Valentine" in out
    assert main(["ask", "when was the tresty signed"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["22 June 1965 [1]", "(read “tresty” as “treaty”)"]


def test_chat_answers_and_stops_at_a_blank_line(fake_engine) -> None:
    import io

    from bot.cli import chat

    out = io.StringIO()
    chat(fake_engine, stdin=io.StringIO("How much aid did Japan provide?\n\nignored\n"), stdout=out)
    text = out.getvalue()
    assert "$800 million [1]" in text and "ignored" not in text


def test_chat_remembers_the_question_as_understood(fake_engine) -> None:
    import io

    from bot.cli import chat

    engine = EngineProxy(fake_engine)
    asked = engine.asked
    chat(engine, stdin=io.StringIO("When was the concert in Seoul?\nand in Tokyo?\nand in Osaka?\n"),
         stdout=io.StringIO())
    assert asked[2] == ("and in Osaka?", "When was the concert? and in Tokyo?")  # the concert is still the subject


@pytest.mark.model
def test_a_reader_that_stops_reading_gets_no_traceback(real_settings: Settings) -> None:
    """`qabot sources | head -1`: the pipe closes early; qabot stops quietly with 141, as a shell tool does."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout block-buffered, as usual
    env.update(QABOT_CORPUS_DIR=str(real_settings.corpus_dir), QABOT_INDEX_DIR=str(real_settings.index_dir))
    run = subprocess.Popen([sys.executable, "-m", "bot", "sources"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env)
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()  # the reader is gone before qabot writes
    err = run.stderr.read().decode()
    assert run.wait() == 141 and "Traceback" not in err and "BrokenPipe" not in err
