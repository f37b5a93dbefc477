"""Shared fixtures: isolated settings, a tiny corpus, fake and real engines."""

from __future__ import annotations

import importlib.util
import io
import logging
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from bot.config import DEFAULT_MODEL, Settings
from bot.engine.engine import Engine
from bot.evaluation.metrics import Outcome, load_questions, run
from bot.index.build import build_index
from bot.index.corpus import load_corpus
from bot.index.embedding import Embedder, SentenceTransformerEmbedder
from bot.index.export import export_hook

from .fakes import HashEmbedder

REPO = Path(__file__).resolve().parents[1]

TINY = {
    "concert.md": """---
title: Concert in Seoul
date: 2025-12-31
source: Test Daily
---
Concert in Seoul
Most recently, on December 5th, a concert was held in Seoul by musicians from both countries.
They performed Beethoven's Ninth Symphony to celebrate the anniversary.
How about this article?
- Like0
""",
    "treaty.txt": """The Treaty
The Treaty on Basic Relations was signed on June 22, 1965 in Tokyo.
Japan provided $800 million in economic aid to South Korea.
Prime Minister Keizo Obuchi apologised in 1998.
""",
}


def load_script(name: str) -> ModuleType:
    """A script of scripts/ imported as a module (they are run by path, not installed)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's environment, .env or data directory."""
    for key in ("DISCORD_TOKEN", "DISCORD_GUILD_ID", "DISCORD_CHANNELS"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("QABOT_DATA_DIR", str(tmp_path / "data"))


def write_corpus(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def engine_over_corpus(corpus: Path, embedder: Embedder) -> Engine:
    """An English-only engine over the articles in `corpus` (a user's folder), indexed beside it."""
    settings = Settings(corpus_dir=corpus, index_dir=corpus.parent / "index", data_dir=corpus.parent / "data",
                        multilingual="")
    build_index(settings, embedder=embedder)
    return Engine.from_settings(settings, embedder=embedder)


def engine_over_story(tmp_path_factory: pytest.TempPathFactory, name: str, story: str, embedder: Embedder) -> Engine:
    """An English-only engine over one article, `story`, saved as `name` in a new corpus folder."""
    corpus = Path(tmp_path_factory.mktemp(Path(name).stem)) / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(story, encoding="utf-8")
    return engine_over_corpus(corpus, embedder)


def skipped_alone(corpus: Path, name: str, reason: str) -> list[str]:
    """The titles `corpus` is read with, after checking that the file `name` alone was skipped, with `reason`."""
    articles, skipped = load_corpus(corpus, on_skipped=lambda s: None)
    assert [(Path(s.path).name, reason in s.reason) for s in skipped] == [(name, True)]
    return [a.title for a in articles]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings over a tiny two-article corpus in tmp_path (English only: no multilingual vectors to build;
    the real engine below has them)."""
    write_corpus(tmp_path / "corpus", TINY)
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", data_dir=tmp_path / "data",
                    multilingual="")


@pytest.fixture
def fake_embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def fake_engine(settings: Settings, fake_embedder: HashEmbedder) -> Engine:
    """An engine over the tiny corpus with the hashing embedder (no model)."""
    build_index(settings, embedder=fake_embedder)
    return Engine.from_settings(settings, embedder=fake_embedder)


@pytest.fixture(scope="session")
def st_embedder() -> SentenceTransformerEmbedder:
    """The bundled all-MiniLM-L6-v2 through sentence-transformers, loaded once per test session."""
    return SentenceTransformerEmbedder(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory, st_embedder: SentenceTransformerEmbedder) -> Settings:
    """The repository's articles, indexed once per test session with the real bundled model and its ONNX
    export (as `qabot build` leaves them), so every test answers with the same question encoder."""
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(REPO / "corpus", root / "corpus")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", data_dir=root / "data")
    build_index(settings, embedder=st_embedder, on_embedder=export_hook(settings))
    return settings


@pytest.fixture(scope="session")
def real_engine(real_settings: Settings) -> Engine:
    """The real engine over the repository's articles (bundled all-MiniLM-L6-v2)."""
    return Engine.from_settings(real_settings)


@pytest.fixture(scope="session")
def real_outcomes(real_engine: Engine) -> Callable[[str], list[Outcome]]:
    """The real engine's outcomes on a committed question set (evals/NAME), run once per session."""
    done: dict[str, list[Outcome]] = {}

    def outcomes(name: str) -> list[Outcome]:
        if name not in done:
            done[name] = run(real_engine, load_questions(REPO / "evals" / name))
        return done[name]

    return outcomes


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """Everything logged at DEBUG and above, formatted with tracebacks, as a real handler would write it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)
    for h in root.handlers:  # filters installed by protect_token
        for f in list(h.filters):
            h.removeFilter(f)
