"""Nothing lost: the question history survives kill -9 mid-write, concurrent writers in threads and separate
processes lose no rows, and an old schema written by hand is migrated with its data."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot import history as history_module
from bot.history import SCHEMA_VERSION, History, HistoryError

from .conftest import REPO


def writer(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.history_writer", *args], cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        db.close()


def test_kill_9_mid_write_keeps_every_committed_row_whole(tmp_path: Path) -> None:
    path = tmp_path / "qabot.sqlite3"
    acknowledged: dict[int, str] = {}
    for round_ in range(3):  # three kills at arbitrary points of a busy write loop
        proc = writer("write", str(path), f"r{round_}", "100000")
        assert proc.stdout is not None
        while len(acknowledged) < 40 * (round_ + 1):
            line = proc.stdout.readline()
            assert line.startswith("ok "), (line, proc.stderr.read() if proc.stderr else "")
            _, qid, question = line.split()
            acknowledged[int(qid)] = question
        kill(proc)
        for line in proc.stdout.read().splitlines(keepends=True):  # printed before the kill, read after it
            if line.startswith("ok ") and line.endswith("\n"):
                _, qid, question = line.split()
                acknowledged[int(qid)] = question
    assert integrity(path) == "ok"
    h = History(path)
    try:
        rows = {r.id: r for r in h.records()}
        for row_id, question in acknowledged.items():
            r = rows[row_id]
            assert r.question == question and r.outcome == "answered"
            assert r.answer == f"answer {question.split('-')[1]} [1]"
            assert len(r.citations) == 1 and len(r.more) == 2 and r.citations[0].highlight == (13, 25)
        # at most one row per round was committed but not yet acknowledged when the kill landed
        assert len(rows) - len(acknowledged) <= 3
        assert all(r.question.startswith("r") and len(r.citations) == 1 for r in rows.values())
        votes = sum(r.up + r.down for r in rows.values())
        assert len(acknowledged) <= votes <= len(rows)
        h.record(user_id=1, source="slash", question="after the crash", outcome="answered")  # still writable
    finally:
        h.close()


def test_kill_9_inside_a_transaction_leaves_nothing_of_it(tmp_path: Path) -> None:
    path = tmp_path / "qabot.sqlite3"
    h = History(path)
    h.record(user_id=1, source="slash", question="committed before", outcome="answered")
    h.close()
    proc = writer("hold", str(path))
    assert proc.stdout is not None and proc.stdout.readline().strip() == "HOLDING"
    kill(proc)
    assert integrity(path) == "ok"
    h = History(path)
    try:
        assert [r.question for r in h.records()] == ["committed before"]
        h.record(user_id=2, source="slash", question="after", outcome="answered")  # the lock died with it
        assert h.count() == 2
    finally:
        h.close()


PROCESS_ROWS = 300


def test_concurrent_writers_in_threads_and_processes_lose_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "qabot.sqlite3"
    History(path).close()
    procs = [writer("write", str(path), f"p{n}", str(PROCESS_ROWS)) for n in range(3)]
    for proc in procs:  # every process is writing before the threads start
        assert proc.stdout is not None and proc.stdout.readline().startswith("ok ")
    shared = History(path)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(60):
                qid = shared.record(user_id=i, source="mention", question=f"t{n}-{i}", outcome="abstained")
                shared.vote(qid, i, 1)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for proc in procs:
        assert proc.stdout is not None and proc.stderr is not None
        out = proc.stdout.read()  # not communicate(): it would skip what readline() already buffered
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
        assert out.splitlines()[-1] == "done"
    assert errors == []
    try:
        rows = shared.records()
        questions = [r.question for r in rows]
        expected = {f"p{n}-{i}" for n in range(3) for i in range(PROCESS_ROWS)}
        expected |= {f"t{n}-{i}" for n in range(4) for i in range(60)}
        assert len(questions) == len(expected) == len(set(questions)) and set(questions) == expected
        assert all(r.up + r.down == 1 for r in rows)
    finally:
        shared.close()
    assert integrity(path) == "ok"


# The version-1 schema exactly as it shipped, written out here so that editing MIGRATIONS[0] cannot hide a
# migration bug.
SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY, asked_at TEXT NOT NULL, user_hash TEXT NOT NULL, source TEXT NOT NULL,
    guild_id INTEGER, channel_id INTEGER, question TEXT NOT NULL, previous TEXT, outcome TEXT NOT NULL,
    answer TEXT, abstained INTEGER NOT NULL DEFAULT 0, citations TEXT NOT NULL DEFAULT '[]',
    more TEXT NOT NULL DEFAULT '[]', score REAL, latency_ms REAL, index_version TEXT
);
CREATE TABLE feedback (
    question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    user_hash TEXT NOT NULL, vote INTEGER NOT NULL CHECK (vote IN (-1, 1)), voted_at TEXT NOT NULL,
    PRIMARY KEY (question_id, user_hash)
);
PRAGMA user_version = 1;
"""
CITATIONS_V1 = ('[{"n": 1, "title": "The Treaty", "date": null, "snippet": "Signed in 1965.", "highlight": [10, 14], '
                '"score": 0.5, "chunk_id": "t:1", "article_id": "treaty", "url": null}]')


def old_database(path: Path, rows: int = 50) -> str:
    """A version-1 database (rollback journal, as an old qabot left it) with questions and votes; its salt."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_V1)
    db.execute("INSERT INTO meta VALUES ('salt', 'old-salt')")
    for i in range(1, rows + 1):
        db.execute("INSERT INTO questions (id, asked_at, user_hash, source, guild_id, channel_id, question, "
                   "outcome, answer, citations, score, latency_ms, index_version) "
                   "VALUES (?, '2025-01-01T00:00:00Z', ?, 'slash', 1, 2, ?, 'answered', ?, ?, 0.5, 9.0, 'v-old')",
                   (i, f"user{i % 7}", f"old question {i}", f"old answer {i}", CITATIONS_V1))
        db.execute("INSERT INTO feedback VALUES (?, 'voter', ?, '2025-01-02T00:00:00Z')", (i, 1 if i % 3 else -1))
    db.commit()
    db.close()
    return "old-salt"


def test_a_hand_made_version_1_database_is_migrated_with_all_its_data(tmp_path: Path) -> None:
    path = tmp_path / "qabot.sqlite3"
    old_database(path)
    h = History(path)
    try:
        assert h.schema_version == SCHEMA_VERSION
        rows = h.records()
        assert [r.question for r in rows] == [f"old question {i}" for i in range(1, 51)]
        assert all(r.answer == f"old answer {r.id}" and r.index_version == "v-old" for r in rows)
        assert all(r.citations[0].title == "The Treaty" and r.citations[0].highlight == (10, 14) for r in rows)
        assert [(r.up, r.down) for r in rows] == [(1, 0) if i % 3 else (0, 1) for i in range(1, 51)]
        assert h._salt == "old-salt"  # pseudonyms stay stable across the upgrade
        h.attach_message(rows[0].id, message_id=42, thread_id=43)  # the new columns work on old rows
        assert h.by_message(42) is not None and h.by_message(42).question == "old question 1"  # type: ignore[union-attr]
        new = h.record(user_id=9, source="slash", question="new question", outcome="answered")
        assert new == 51
    finally:
        h.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    assert integrity(path) == "ok"


def test_processes_opening_an_old_database_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "qabot.sqlite3"
    old_database(path)
    procs = [writer("open", str(path)) for _ in range(3)]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and out.strip() == str(SCHEMA_VERSION), err
    h = History(path)
    try:
        assert h.count() == 50 and h.schema_version == SCHEMA_VERSION
    finally:
        h.close()


def test_a_failing_migration_rolls_back_and_keeps_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "qabot.sqlite3"
    old_database(path)
    History(path).close()  # now at the current version
    broken = "ALTER TABLE questions ADD COLUMN half_done INTEGER; THIS IS NOT SQL"
    monkeypatch.setattr(history_module, "MIGRATIONS", (*history_module.MIGRATIONS, broken))
    monkeypatch.setattr(history_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(HistoryError):
        History(path)
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = [row[1] for row in db.execute("PRAGMA table_info(questions)")]
        assert "half_done" not in columns
        assert db.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == 50
    finally:
        db.close()


def test_opening_an_old_database_while_another_connection_writes_to_it_waits(tmp_path: Path) -> None:
    """Switching to WAL is not covered by busy_timeout: SQLite says "database is locked" at once if another
    connection is writing (e.g. a still-running old qabot). The switch must wait its turn instead."""
    path = tmp_path / "qabot.sqlite3"
    old_database(path, rows=3)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO questions (asked_at, user_hash, source, question, outcome) "
                  "VALUES ('t', 'u', 'slash', 'written by the old process', 'answered')")
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        h = History(path)
    finally:
        release.join()
        other.close()
    try:
        assert h.schema_version == SCHEMA_VERSION
        assert [r.question for r in h.records()][-1] == "written by the old process" and h.count() == 4
    finally:
        h.close()
