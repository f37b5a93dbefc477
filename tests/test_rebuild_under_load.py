"""Rebuild under load: answers always come whole from exactly one index version; a build killed with
SIGKILL at any phase leaves CURRENT on the last good, loadable index."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.index import store
from bot.index.build import build_index
from bot.models import Answer

from .conftest import REPO, TINY, write_corpus
from .fakes import HashEmbedder
from .robust_helpers import tiny_engine

VARIANT_A = TINY
VARIANT_B = {
    **{name: text.replace("December 5th", "November 20th").replace("June 22, 1965", "June 23, 1966")
       .replace("$800 million", "$950 million") for name, text in TINY.items()},
    "ferry.txt": "The Ferry\nThe ferry to Jeju leaves from Mokpo every morning at seven o'clock.\n",
}
QUESTIONS = [
    "When was the concert in Seoul?",
    "When was the Treaty on Basic Relations signed?",
    "How much economic aid did Japan provide?",
    "Where does the ferry to Jeju leave from?",
    "What is the population of Osaka?",
    "Who apologised in 1998?",
]
WORKERS = 4
SWAPS = 20
PER_VERSION = 8  # answers from each new version before the next swap, so every version is exercised


def key(answer: Answer) -> tuple[object, ...]:
    """What must be identical for the same question against the same corpus."""
    return (answer.text, answer.abstained, answer.score,
            tuple((c.n, c.title, c.snippet, c.highlight, c.chunk_id) for c in answer.citations),
            tuple(c.chunk_id for c in answer.more))


def use_corpus(corpus: Path, files: dict[str, str]) -> None:
    for path in corpus.iterdir():
        path.unlink()
    write_corpus(corpus, files)


def reference_answers(root: Path, files: dict[str, str]) -> dict[str, tuple[object, ...]]:
    engine = tiny_engine(root, files)
    return {q: key(engine.answer(q)) for q in QUESTIONS}


def test_answers_stay_whole_while_the_index_is_rebuilt_and_swapped_20_times(tmp_path: Path) -> None:
    expected = {"A": reference_answers(tmp_path / "ref-a", VARIANT_A),
                "B": reference_answers(tmp_path / "ref-b", VARIANT_B)}
    assert all(expected["A"][q] != expected["B"][q] for q in QUESTIONS[:4])  # the versions are distinguishable

    settings = Settings(corpus_dir=write_corpus(tmp_path / "corpus", VARIANT_A), index_dir=tmp_path / "index")
    embedder = HashEmbedder()
    variant_of = {build_index(settings, embedder=embedder).version: "A"}
    engine = Engine.from_settings(settings, embedder=embedder)

    stop = threading.Event()
    lock = threading.Lock()
    answers: list[tuple[str, Answer]] = []
    errors: list[BaseException] = []
    per_version: dict[str, int] = {}

    def ask(worker: int) -> None:
        i = worker
        while not stop.is_set():
            question = QUESTIONS[i % len(QUESTIONS)]
            i += 1
            try:
                answer = engine.answer(question)
            except BaseException as exc:  # noqa: BLE001 - any error fails the test
                with lock:
                    errors.append(exc)
                return
            with lock:
                answers.append((question, answer))
                per_version[answer.index_version] = per_version.get(answer.index_version, 0) + 1

    def wait_for(version: str) -> None:
        for _ in range(6000):  # up to 30 s on a loaded machine; returns as soon as enough answers came
            with lock:
                if per_version.get(version, 0) >= PER_VERSION or errors:
                    return
            stop.wait(0.005)

    threads = [threading.Thread(target=ask, args=(w,), daemon=True) for w in range(WORKERS)]
    for t in threads:
        t.start()
    try:
        wait_for(engine.version)
        for swap in range(SWAPS):
            name, files = ("B", VARIANT_B) if swap % 2 == 0 else ("A", VARIANT_A)
            use_corpus(settings.corpus_dir, files)
            report = build_index(settings, embedder=HashEmbedder())
            variant_of[report.version] = name
            assert engine.reload() == report.version
            wait_for(report.version)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)

    assert errors == []
    assert len(variant_of) == SWAPS + 1
    assert set(per_version) == set(variant_of)  # every version answered questions
    assert all(per_version[v] >= PER_VERSION for v in variant_of)
    for question, answer in answers:
        assert key(answer) == expected[variant_of[answer.index_version]][question], (question, answer.index_version)
    assert len(list(settings.index_dir.glob("v-*"))) <= store.KEEP_VERSIONS


def run_killed_build(corpus: Path, index: Path, phase: str) -> None:
    """Start a build that pauses at `phase`, then SIGKILL it there."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.crash_build", str(corpus), str(index), phase],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == f"PAUSED {phase}", (line, proc.stderr.read() if proc.stderr else "")
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("phase", ["embed", "write", "pointer"])
def test_kill_9_during_a_build_leaves_the_last_good_index_current(tmp_path: Path, phase: str) -> None:
    settings = Settings(corpus_dir=write_corpus(tmp_path / "corpus", VARIANT_A), index_dir=tmp_path / "index")
    embedder = HashEmbedder()
    good = build_index(settings, embedder=embedder).version
    use_corpus(settings.corpus_dir, VARIANT_B)

    run_killed_build(settings.corpus_dir, settings.index_dir, phase)

    assert (settings.index_dir / "CURRENT").read_text().strip() == good
    engine = Engine.from_settings(settings, embedder=embedder)
    answer = engine.answer("When was the concert in Seoul?")
    assert answer.index_version == good and answer.text is not None and "5 December 2025" in answer.text
    # the next build clears the leftovers and succeeds
    report = build_index(settings, embedder=embedder)
    assert not list(settings.index_dir.glob(".tmp-*"))
    assert engine.reload() == report.version
    assert "20 November 2025" in (engine.answer("When was the concert in Seoul?").text or "")
