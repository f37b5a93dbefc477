"""SQuAD-format files as a question set: their articles become a corpus, built with the normal build code."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import unquote

from ..config import Settings
from ..errors import QABotError
from ..index.corpus import slug
from ..reader.squad import SquadQuestion, load_squad
from .metrics import EvalQuestion, EvalSetError


def article_id(title: str) -> str:
    """The corpus file name of a SQuAD article, and so the article id the corpus gives it."""
    return slug(title)


def read_squad(path: Path) -> list[SquadQuestion]:
    """The questions of a SQuAD 1.1 or 2.0 file, or a one-line error."""
    if not path.is_file():
        raise EvalSetError(f"No SQuAD file at {path}.")
    try:
        found = load_squad(path, placed_only=False)  # the answers' texts are what counts here, not their offsets
    except (ValueError, KeyError, TypeError) as exc:
        raise EvalSetError(f"{path} is not a SQuAD-format JSON file ({type(exc).__name__}: {exc}).") from None
    if not found:
        raise EvalSetError(f"{path} has no questions.")
    return found


def write_corpus(questions: list[SquadQuestion], corpus_dir: Path) -> int:
    """One Markdown article per SQuAD article (its title, its paragraphs in order); returns how many."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    paragraphs: dict[str, list[str]] = {}
    for q in questions:
        seen = paragraphs.setdefault(q.title, [])
        if q.context not in seen:
            seen.append(q.context)
    for title, texts in paragraphs.items():
        name = unquote(title).replace("_", " ").replace("\n", " ").strip()  # "2007%E2%80%9308" is "2007–08"
        body = "\n\n".join(t.strip() for t in texts)
        (corpus_dir / f"{article_id(title)}.md").write_text(f"---\ntitle: {name}\n---\n{body}\n", encoding="utf-8")
    return len(paragraphs)


def eval_questions(questions: list[SquadQuestion]) -> list[EvalQuestion]:
    """The SQuAD questions as evaluation questions: every acceptable answer, none for an unanswerable one."""
    return [EvalQuestion(q.question, tuple(dict.fromkeys(t for t, _ in q.answers)), article_id(q.title),
                         "squad" if q.answers else "squad-unanswerable") for q in questions]


def work_settings(settings: Settings, work: Path) -> Settings:
    """`settings` over the corpus and index `prepare` writes in `work`; English questions: no multilingual vectors
    to build (QABOT_MULTILINGUAL=off)."""
    return settings.with_(corpus_dir=work / "corpus", index_dir=work / "index", data_dir=work / "data",
                          multilingual="")


def prepare(path: Path, work: Path, settings: Settings, progress: bool = False) -> tuple[Settings, list[EvalQuestion]]:
    """Settings over a corpus and index of the file's articles in `work` (built here), and its questions."""
    from ..index.export import build_with_export

    questions = read_squad(path)
    ours = work_settings(settings, work)
    count = write_corpus(questions, ours.corpus_dir)
    print(f"Building an index of the {count} articles of {path} in {work}/ ...", file=sys.stderr)
    try:
        build_with_export(ours, progress)
    except QABotError as exc:
        raise EvalSetError(f"The articles of {path} could not be indexed: {exc}") from None
    return ours, eval_questions(questions)
