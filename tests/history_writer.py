"""A separate process writing to the question history, for kill -9 and concurrency tests.

python -m tests.history_writer write PATH PREFIX N   record N questions (each with a vote), print "ok <id>" after each
python -m tests.history_writer hold PATH             insert a row inside an open transaction, print "HOLDING", sleep
python -m tests.history_writer open PATH             open (and so migrate) the database, print its schema version
"""

from __future__ import annotations

import sys
import time

from bot.history import History
from bot.models import Answer, Citation

CITE = Citation(1, "Concert in Seoul", "2025-12-31", "A concert on December 5th. " * 20, (13, 25), 0.8, "c:1",
                "concert")


def answer(i: int) -> Answer:
    return Answer(f"question {i}", f"answer {i} [1]", False, (CITE,), 0.5, 1.0, "v-1", (CITE, CITE))


def write(path: str, prefix: str, n: int) -> None:
    history = History(path)
    for i in range(n):
        qid = history.record(user_id=i, source="slash", question=f"{prefix}-{i}", outcome="answered",
                             answer=answer(i))
        history.vote(qid, i, 1 if i % 2 else -1)
        print(f"ok {qid} {prefix}-{i}", flush=True)
    print("done", flush=True)


def hold(path: str) -> None:
    history = History(path)
    with history._transaction() as db:
        db.execute("INSERT INTO questions (asked_at, user_hash, source, question, outcome) "
                   "VALUES ('t', 'u', 'slash', 'never committed', 'answered')")
        print("HOLDING", flush=True)
        time.sleep(60)


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "write":
        write(path, sys.argv[3], int(sys.argv[4]))
    elif mode == "hold":
        hold(path)
    elif mode == "open":
        print(History(path).schema_version, flush=True)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
