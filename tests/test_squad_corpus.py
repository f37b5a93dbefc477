"""A SQuAD file's articles as a corpus: Wikipedia's escaped titles read as written ("Financial crisis of 2007–08")."""

from __future__ import annotations

from pathlib import Path

from bot.evaluation.squad import write_corpus
from bot.reader.squad import SquadQuestion


def test_an_escaped_title_is_written_as_it_reads(tmp_path: Path) -> None:
    q = SquadQuestion("1", "Financial_crisis_of_2007%E2%80%9308", "Banks failed.", "What failed?", (("Banks", 0),))
    assert write_corpus([q], tmp_path) == 1
    (written,) = tmp_path.glob("*.md")
    assert written.read_text(encoding="utf-8").splitlines()[1] == "title: Financial crisis of 2007–08"

