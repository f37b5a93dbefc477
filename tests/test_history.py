"""The SQLite question history: schema, migrations, transactions, feedback and the export command."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import main
from bot.history import MIGRATIONS, SCHEMA_VERSION, History, HistoryError
from bot.models import Answer, Citation

CITE = Citation(1, "Concert in Seoul", "2025-12-31", "A concert on December 5th.", (13, 25), 0.8, "c:1", "concert")
MORE = Citation(2, "The Treaty", None, "Signed in 1965.", None, 0.3, "t:1", "treaty")


def answer(text: str | None = "5 December 2025 [1]") -> Answer:
    return Answer("When was the concert?", text, text is None, (CITE,), 0.77, 12.5, "v-1", (MORE,))


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    h = History(tmp_path / "data" / "qabot.sqlite3")
    yield h
    h.close()


def test_new_database_is_wal_at_the_current_schema(history: History) -> None:
    assert history.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    db = sqlite3.connect(history.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = {r[1] for r in db.execute("PRAGMA table_info(questions)")}
    assert {"question", "answer", "citations", "score", "latency_ms", "index_version", "user_hash",
            "message_id", "thread_id"} <= columns


def test_record_round_trip(history: History) -> None:
    qid = history.record(user_id=1234567890, source="slash", question="When was the concert?", outcome="answered",
                         answer=answer(), previous="Where?", guild_id=1, channel_id=2)
    r = history.get(qid)
    assert r is not None
    assert (r.question, r.previous, r.answer, r.outcome, r.source) == (
        "When was the concert?", "Where?", "5 December 2025 [1]", "answered", "slash")
    assert r.citations == (CITE,) and r.more == (MORE,)
    assert (r.score, r.latency_ms, r.index_version, r.abstained) == (0.77, 12.5, "v-1", False)
    assert "1234567890" not in r.user_hash and r.user_hash == history.user_hash(1234567890)
    assert history.user_hash(1) != history.user_hash(2)


def test_rejected_question_without_answer(history: History) -> None:
    qid = history.record(user_id=1, source="mention", question="", outcome="rejected")
    r = history.get(qid)
    assert r is not None and r.answer is None and r.citations == () and r.index_version is None
    with pytest.raises(ValueError):
        history.record(user_id=1, source="slash", question="q", outcome="made-up")


def test_votes_replace_per_user_and_count(history: History) -> None:
    qid = history.record(user_id=1, source="slash", question="q", outcome="answered", answer=answer())
    assert history.vote(qid, 10, 1) and history.vote(qid, 11, 1) and history.vote(qid, 10, -1)
    r = history.get(qid)
    assert r is not None and (r.up, r.down) == (1, 1)
    assert not history.vote(qid + 100, 10, 1)
    with pytest.raises(ValueError):
        history.vote(qid, 10, 2)


def test_follow_up_lookups(history: History) -> None:
    a = history.record(user_id=1, source="mention", question="first", outcome="answered", answer=answer())
    history.attach_message(a, message_id=555, thread_id=777)
    b = history.record(user_id=1, source="thread", question="second", outcome="answered", answer=answer(),
                       thread_id=777)
    history.record(user_id=1, source="thread", question="", outcome="rejected", thread_id=777)
    assert history.by_message(555).question == "first"  # type: ignore[union-attr]
    assert history.last_in_thread(777).id == b  # type: ignore[union-attr]
    assert history.by_message(1) is None and history.last_in_thread(1) is None


def test_the_question_as_understood_is_stored(history: History) -> None:
    read = replace(answer(), understood="When was the concert? and in Tokyo?")
    qid = history.record(user_id=1, source="reply", question="and in Tokyo?", outcome="answered", answer=read)
    history.attach_message(qid, message_id=9)
    assert history.by_message(9).understood == "When was the concert? and in Tokyo?"  # type: ignore[union-attr]


def test_data_survives_reopen_and_salt_is_stable(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    h = History(path)
    h.record(user_id=5, source="slash", question="q", outcome="answered", answer=answer())
    pseudonym = h.user_hash(5)
    h.close()
    h = History(path)
    assert h.count() == 1 and h.user_hash(5) == pseudonym
    h.close()


def test_migrates_a_version_1_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO meta VALUES ('salt', 'abc')")
    db.execute("INSERT INTO questions (asked_at, user_hash, source, question, outcome) "
               "VALUES ('2025-01-01T00:00:00Z', 'u', 'slash', 'old question', 'answered')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    h = History(path)
    assert h.schema_version == SCHEMA_VERSION
    (r,) = h.records()
    assert r.question == "old question" and r.message_id is None
    h.close()


def test_newer_schema_and_garbage_files_are_clear_errors(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    db = sqlite3.connect(newer)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(HistoryError, match="newer"):
        History(newer)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError, match="Move it aside"):
        History(garbage)


def test_failed_transaction_leaves_nothing(history: History) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with history._transaction() as db:
            db.execute("INSERT INTO questions (asked_at, user_hash, source, question, outcome) "
                       "VALUES ('t', 'u', 'slash', 'half-written', 'answered')")
            raise Boom
    assert history.count() == 0
    history.record(user_id=1, source="slash", question="after", outcome="answered")  # still usable
    assert history.count() == 1


def test_concurrent_writers_from_threads_and_processes(history: History) -> None:
    other = History(history.path)  # a second connection, as a second process would have

    def write(h: History, n: int) -> None:
        for i in range(25):
            qid = h.record(user_id=n, source="slash", question=f"q{n}-{i}", outcome="answered", answer=answer())
            h.vote(qid, n, 1)

    threads = [threading.Thread(target=write, args=(history if n % 2 else other, n)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = history.records()
    assert len(rows) == 200 and len({r.question for r in rows}) == 200
    assert all(r.up == 1 for r in rows)
    other.close()


def test_feedback_export_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("QABOT_DATA_DIR", str(data))
    monkeypatch.chdir(tmp_path)
    assert main(["feedback", "export"]) == 1
    assert "No question history" in capsys.readouterr().err
    h = History(data / "qabot.sqlite3")
    good = h.record(user_id=1, source="slash", question="When was the concert?", outcome="answered",
                    answer=answer())
    h.vote(good, 1, 1)
    bad = h.record(user_id=2, source="mention", question="Who won?", outcome="abstained", answer=answer(None))
    h.vote(bad, 2, -1)
    h.record(user_id=3, source="slash", question="unrated", outcome="answered", answer=answer())
    h.close()
    out = tmp_path / "cases.jsonl"
    assert main(["feedback", "export", "-o", str(out)]) == 0
    assert "Exported 2 rated questions" in capsys.readouterr().err
    cases = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(c["question"], c["label"]) for c in cases] == [("When was the concert?", "good"), ("Who won?", "bad")]
    assert cases[0]["citations"][0]["title"] == "Concert in Seoul" and cases[0]["index_version"] == "v-1"
    assert main(["feedback", "export", "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and json.loads(lines[2])["label"] == "unrated"
