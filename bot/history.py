"""The question history: every question asked of the bot and the feedback on its answers, in SQLite.

One file at `settings.db_path`, in WAL mode; each write is one transaction, so a crash (even kill -9)
leaves either the whole row or nothing. The schema version is SQLite's `user_version`; `MIGRATIONS`
brings any older file up to date when it is opened. User ids are stored only as salted hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import QABotError
from .models import Answer, Citation

log = logging.getLogger(__name__)

# Each entry upgrades the schema from version i to i + 1; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        asked_at TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        source TEXT NOT NULL,
        guild_id INTEGER,
        channel_id INTEGER,
        question TEXT NOT NULL,
        previous TEXT,
        outcome TEXT NOT NULL,
        answer TEXT,
        abstained INTEGER NOT NULL DEFAULT 0,
        citations TEXT NOT NULL DEFAULT '[]',
        more TEXT NOT NULL DEFAULT '[]',
        score REAL,
        latency_ms REAL,
        index_version TEXT
    );
    CREATE TABLE feedback (
        question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
        user_hash TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        voted_at TEXT NOT NULL,
        PRIMARY KEY (question_id, user_hash)
    );
    """,
    """
    ALTER TABLE questions ADD COLUMN message_id INTEGER;
    ALTER TABLE questions ADD COLUMN thread_id INTEGER;
    CREATE INDEX questions_message ON questions(message_id);
    CREATE INDEX questions_thread ON questions(thread_id, id);
    """,
    """
    ALTER TABLE questions ADD COLUMN understood TEXT;
    """,
    """
    ALTER TABLE questions ADD COLUMN lang TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
OUTCOMES = ("answered", "abstained", "rejected", "timeout", "error")


class HistoryError(QABotError):
    """The history database cannot be used."""


@dataclass(frozen=True)
class Record:
    """One stored question and what the bot did with it."""

    id: int
    asked_at: str
    user_hash: str
    source: str
    question: str
    previous: str | None
    outcome: str
    answer: str | None
    abstained: bool
    citations: tuple[Citation, ...]
    more: tuple[Citation, ...]
    score: float | None
    latency_ms: float | None
    index_version: str | None
    guild_id: int | None = None
    channel_id: int | None = None
    message_id: int | None = None
    thread_id: int | None = None
    up: int = 0
    down: int = 0
    understood: str | None = None  # the question as the engine read it (a follow-up merged with the earlier one)
    lang: str | None = None  # the language the bot answered in ("en", "ko", "ja"); None in rows stored before it


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def citations_json(citations: tuple[Citation, ...]) -> str:
    return json.dumps([asdict(c) for c in citations], ensure_ascii=False)


def citations_from_json(text: str | None) -> tuple[Citation, ...]:
    """Citations stored by `citations_json`; unreadable entries are skipped."""
    out: list[Citation] = []
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return ()
    for item in items if isinstance(items, list) else []:
        try:
            hl = item.get("highlight")
            item["highlight"] = tuple(hl) if hl else None
            out.append(Citation(**item))
        except (TypeError, AttributeError):
            continue
    return tuple(out)


class History:
    """The SQLite store; safe to share between threads (one connection behind a lock)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
            _set_wal(self._db)
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            self._salt = self._load_salt()
        except sqlite3.DatabaseError as exc:
            raise HistoryError(f"The history database {self.path} cannot be used ({exc}). "
                               "Move it aside and restart to start a new one.") from None

    # -- schema -----------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise HistoryError(f"The history database {self.path} has schema version {version}, newer than "
                               f"this qabot ({SCHEMA_VERSION}). Upgrade qabot.")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as db:
                # re-read inside the write lock: another process may have migrated meanwhile
                if db.execute("PRAGMA user_version").fetchone()[0] >= target:
                    continue
                for statement in _statements(MIGRATIONS[target - 1]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {target}")
            log.info("history database %s migrated to schema version %d", self.path, target)

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _load_salt(self) -> str:
        with self._transaction() as db:
            db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)", (secrets.token_hex(16),))
            return str(db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0])

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- writing ----------------------------------------------------------------------------
    def user_hash(self, user_id: int | str) -> str:
        """A stable pseudonym for a Discord user id (keyed with this database's secret salt)."""
        return hmac.new(self._salt.encode(), str(user_id).encode(), hashlib.sha256).hexdigest()[:24]

    def record(self, *, user_id: int | str, source: str, question: str, outcome: str,
               answer: Answer | None = None, previous: str | None = None, guild_id: int | None = None,
               channel_id: int | None = None, thread_id: int | None = None, lang: str | None = None) -> int:
        """Store one question and its outcome, and the language the bot replied in (the answer's, else `lang`);
        returns the row id."""
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {outcome!r}")
        a = answer
        row = (_now(), self.user_hash(user_id), source, guild_id, channel_id, question, previous, outcome,
               a.text if a else None, int(a.abstained) if a else 0,
               citations_json(a.citations) if a else "[]", citations_json(a.more) if a else "[]",
               a.score if a else None, a.latency_ms if a else None, a.index_version if a else None, thread_id,
               (a.understood or None) if a else None, a.lang if a else lang)
        with self._transaction() as db:
            cur = db.execute(
                "INSERT INTO questions (asked_at, user_hash, source, guild_id, channel_id, question, previous, "
                "outcome, answer, abstained, citations, more, score, latency_ms, index_version, thread_id, understood, "
                "lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            return int(cur.lastrowid or 0)

    def attach_message(self, question_id: int, message_id: int | None = None, thread_id: int | None = None) -> None:
        """Remember which Discord message (and thread) carries the answer, for follow-ups."""
        with self._transaction() as db:  # a None keeps what the row has
            db.execute("UPDATE questions SET message_id = COALESCE(?, message_id), thread_id = COALESCE(?, thread_id) "
                       "WHERE id = ?", (message_id, thread_id, question_id))

    def vote(self, question_id: int, user_id: int | str, vote: int) -> bool:
        """Store a 👍 (+1) or 👎 (-1); a user's later vote replaces the earlier one. False if no such question."""
        if vote not in (-1, 1):
            raise ValueError("vote must be 1 or -1")
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM questions WHERE id = ?", (question_id,)).fetchone() is None:
                return False
            db.execute("INSERT INTO feedback (question_id, user_hash, vote, voted_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote, "
                       "voted_at = excluded.voted_at", (question_id, self.user_hash(user_id), vote, _now()))
            return True

    # -- reading ----------------------------------------------------------------------------
    def _select(self, where: str, params: tuple[Any, ...], tail: str = "") -> list[Record]:
        sql = ("SELECT q.*, COALESCE(SUM(f.vote = 1), 0) AS up, COALESCE(SUM(f.vote = -1), 0) AS down "
               f"FROM questions q LEFT JOIN feedback f ON f.question_id = q.id WHERE {where} GROUP BY q.id {tail}")
        with self._lock:
            cur = self._db.execute(sql, params)
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        return [_record(r) for r in rows]

    def get(self, question_id: int) -> Record | None:
        found = self._select("q.id = ?", (question_id,))
        return found[0] if found else None

    def by_message(self, message_id: int) -> Record | None:
        """The question answered by the bot's message `message_id`."""
        found = self._select("q.message_id = ?", (message_id,), "ORDER BY q.id DESC LIMIT 1")
        return found[0] if found else None

    def last_in_thread(self, thread_id: int) -> Record | None:
        """The latest question answered in a thread."""
        found = self._select("q.thread_id = ? AND q.outcome IN ('answered', 'abstained')", (thread_id,),
                             "ORDER BY q.id DESC LIMIT 1")
        return found[0] if found else None

    def records(self, rated_only: bool = False) -> list[Record]:
        """All stored questions, oldest first (only those with feedback if `rated_only`)."""
        return self._select("1", (), ("HAVING up > 0 OR down > 0 " if rated_only else "") + "ORDER BY q.id")

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM questions").fetchone()[0])


def _record(r: dict[str, Any]) -> Record:
    """A row (the questions columns, then the up and down counts) as a Record: its fields are the column names."""
    return Record(**{**r, "abstained": bool(r["abstained"]), "citations": citations_from_json(r["citations"]),
                     "more": citations_from_json(r["more"]), "up": int(r["up"]), "down": int(r["down"])})


def _set_wal(db: sqlite3.Connection, attempts: int = 100) -> None:
    """Switch to WAL. SQLite answers "database is locked" at once, without waiting for busy_timeout, when
    several connections switch a database at the same moment (two processes opening a new or old file)."""
    for attempt in range(attempts):
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
