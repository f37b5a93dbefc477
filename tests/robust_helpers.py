"""Helpers shared by the robustness tests (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.index.build import build_index

from .conftest import TINY, write_corpus
from .fakes import HashEmbedder


def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds embed with the hashing embedder and export no ONNX encoder (which would load the model), and
    questions are encoded with the hashing embedder too."""
    monkeypatch.setattr("bot.index.build.SentenceTransformerEmbedder", lambda model: HashEmbedder())
    monkeypatch.setattr("bot.index.export.ensure_onnx", lambda settings, embedder=None: None)
    monkeypatch.setattr("bot.index.encoders.query_embedder", lambda settings, index: HashEmbedder())


def cli_env(monkeypatch: pytest.MonkeyPatch, root: Path) -> Settings:
    """The CLI pointed at `root` (corpus/, index/, data/), without the model."""
    monkeypatch.chdir(root)
    monkeypatch.setenv("QABOT_CORPUS_DIR", str(root / "corpus"))
    monkeypatch.setenv("QABOT_INDEX_DIR", str(root / "index"))
    monkeypatch.setenv("QABOT_DATA_DIR", str(root / "data"))
    no_model(monkeypatch)
    return Settings(corpus_dir=root / "corpus", index_dir=root / "index", data_dir=root / "data")


def tiny_engine(root: Path, files: dict[str, str] | None = None) -> Engine:
    """An engine over the tiny corpus (or `files`) in `root`, with the hashing embedder."""
    settings = Settings(corpus_dir=write_corpus(root / "corpus", files or TINY), index_dir=root / "index",
                        data_dir=root / "data")
    embedder = HashEmbedder()
    build_index(settings, embedder=embedder)
    return Engine.from_settings(settings, embedder=embedder)
