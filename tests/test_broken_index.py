"""Broken index: loading fails with one clear line naming the command to run; a failed reload keeps
serving the last good index."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.cli import main
from bot.config import Settings
from bot.engine.engine import Engine
from bot.errors import IndexCorruptError, IndexMissingError, QABotError
from bot.index import store
from bot.index.build import build_index

from .conftest import TINY, write_corpus
from .fakes import HashEmbedder
from .robust_helpers import cli_env, tiny_engine

Damage = Callable[[Path, Path], object]  # (index_dir, current version dir); what it returns is ignored


def _edit_json(name: str, change: Callable[[Any], object]) -> Damage:
    def damage(_root: Path, version: Path) -> None:
        value = json.loads((version / name).read_text())
        changed = change(value)
        (version / name).write_text(json.dumps(value if changed is None else changed))
    return damage


def _truncate(name: str, keep: float) -> Damage:
    def damage(_root: Path, version: Path) -> None:
        data = (version / name).read_bytes()
        (version / name).write_bytes(data[: int(len(data) * keep)])
    return damage


def _remove(name: str) -> Damage:
    def damage(_root: Path, version: Path) -> None:
        target = version / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return damage


def _faiss_like(path: Path, dimension: int) -> None:
    """Replace a FAISS file with a valid one of as many vectors but another dimension."""
    import faiss

    old = faiss.read_index(str(path))
    new = faiss.IndexFlatIP(dimension)
    new.add(np.ones((old.ntotal, dimension), dtype=np.float32))
    faiss.write_index(new, str(path))


def _pointer(content: bytes) -> Damage:
    return lambda root, _version: (root / "CURRENT").write_bytes(content)


def _manifest(**changes: object) -> Damage:
    return _edit_json("manifest.json", lambda m: m.update(changes))


DAMAGE: dict[str, Damage] = {
    "no CURRENT": lambda root, _v: (root / "CURRENT").unlink(),
    "version directory gone": lambda _r, version: shutil.rmtree(version),
    "CURRENT is binary garbage": _pointer(b"\xff\xfe\x00\x9c garbage \x00"),
    "CURRENT is empty": _pointer(b""),
    "CURRENT is ..": _pointer(b".."),
    "CURRENT is .": _pointer(b"."),
    "CURRENT is absolute": _pointer(b"/etc"),
    "CURRENT escapes": _pointer(b"../index"),
    "CURRENT has two lines": _pointer(b"v-1\nv-2\n"),
    "CURRENT is huge": _pointer(b"v-" + b"x" * 100_000),
    **{f"missing {name}": _remove(name) for name in
       ("manifest.json", "articles.json", "sentences.json", "chunks.json", "sentence_vectors.npy",
        "dense.faiss", "sentences.faiss", "bm25")},
    "truncated dense.faiss": _truncate("dense.faiss", 0.5),
    "empty dense.faiss": _truncate("dense.faiss", 0.0),
    "dense.faiss is not FAISS": lambda _r, v: (v / "dense.faiss").write_bytes(b"not a faiss index" * 10),
    "truncated sentence_vectors.npy": _truncate("sentence_vectors.npy", 0.6),
    "truncated sentences.faiss": _truncate("sentences.faiss", 0.5),
    "sentences.faiss of another dimension": lambda _r, v: _faiss_like(v / "sentences.faiss", dimension=32),
    "dense.faiss of another dimension": lambda _r, v: _faiss_like(v / "dense.faiss", dimension=32),
    "truncated chunks.json": _truncate("chunks.json", 0.5),
    "manifest is not JSON": lambda _r, v: (v / "manifest.json").write_text("{not json"),
    "manifest is a list": lambda _r, v: (v / "manifest.json").write_text("[1, 2]"),
    "manifest from another format": _manifest(format=99),
    "manifest from another dimension": _manifest(dimension=384),
    "one chunk fewer than vectors": _edit_json("chunks.json", lambda c: c.pop()),
    "one chunk more than vectors": _edit_json("chunks.json", lambda c: c.append(c[0])),
    "chunk names a missing article": _edit_json("chunks.json", lambda c: c[0].__setitem__(1, "nope")),
    "chunk names a missing sentence": _edit_json("chunks.json", lambda c: c[0][4].append(999)),
    "chunk names a negative sentence": _edit_json("chunks.json", lambda c: c[0][4].append(-1)),
    "a sentence in no passage": _edit_json("chunks.json", lambda c: c[-1].__setitem__(4, c[-1][4][:-1])),
    "chunk offsets past its article": _edit_json("chunks.json", lambda c: c[0].__setitem__(3, 10**6)),
    "sentence offsets reversed": _edit_json("sentences.json", lambda s: s[0].__setitem__(1, s[0][2] + 5)),
    "sentence vectors of another shape": lambda _r, v: np.save(v / "sentence_vectors.npy",
                                                               np.zeros((3, 64), dtype=np.float32)),
}
MISSING = {"no CURRENT"}


@pytest.fixture
def built(settings: Settings, fake_embedder: HashEmbedder) -> Settings:
    build_index(settings, embedder=fake_embedder)
    return settings


def check_one_clear_line(exc: QABotError) -> None:
    message = str(exc)
    assert "\n" not in message and len(message) < 400
    assert "qabot build" in message


@pytest.mark.parametrize("name", list(DAMAGE))
def test_damaged_index_fails_to_load_with_one_clear_line(built: Settings, name: str) -> None:
    DAMAGE[name](built.index_dir, store.current_dir(built.index_dir))
    expected = IndexMissingError if name in MISSING else IndexCorruptError
    with pytest.raises(expected) as info:
        store.load_index(built.index_dir)
    check_one_clear_line(info.value)


def test_index_from_another_model_names_the_command(built: Settings, fake_embedder: HashEmbedder) -> None:
    with pytest.raises(IndexCorruptError, match="built with the model") as info:
        Engine.from_settings(built.with_(model="some-other-model"), embedder=fake_embedder)
    check_one_clear_line(info.value)


def test_index_of_another_dimension_than_the_encoder_names_the_command(built: Settings) -> None:
    with pytest.raises(IndexCorruptError, match="dimension") as info:
        Engine.from_settings(built, embedder=HashEmbedder(dimension=32))
    check_one_clear_line(info.value)


def broken_by_cli(monkeypatch: pytest.MonkeyPatch, root: Path, name: str) -> Settings:
    """The tiny corpus built with `qabot build` in `root`, then damaged as DAMAGE[name] says."""
    settings = cli_env(monkeypatch, root)
    write_corpus(settings.corpus_dir, TINY)
    assert main(["build"]) == 0
    DAMAGE[name](settings.index_dir, store.current_dir(settings.index_dir))
    return settings


@pytest.mark.parametrize("name", ["truncated dense.faiss", "CURRENT is binary garbage", "missing chunks.json",
                                  "one chunk fewer than vectors", "no CURRENT"])
def test_cli_ask_on_a_broken_index_prints_one_line_and_exits_1(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    broken_by_cli(monkeypatch, tmp_path, name)
    capsys.readouterr()
    for argv in (["ask", "When was the concert?"], ["sources"]):
        assert main(argv) == 1
        out, err = capsys.readouterr()
        assert out == "" and len(err.strip().splitlines()) == 1
        assert err.startswith("error: ") and "qabot build" in err


@pytest.mark.parametrize("name", ["truncated dense.faiss", "CURRENT is binary garbage", "CURRENT is ..",
                                  "manifest is not JSON", "version directory gone"])
def test_the_command_we_name_repairs_the_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    settings = broken_by_cli(monkeypatch, tmp_path, name)
    assert main(["build"]) == 0
    assert len(store.load_index(settings.index_dir).articles) == 2


@pytest.mark.parametrize("name", ["truncated dense.faiss", "missing chunks.json"])
def test_run_rebuilds_an_index_that_is_current_but_damaged(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    settings = broken_by_cli(monkeypatch, tmp_path, name)
    monkeypatch.setattr("sys.stdin", io.StringIO("How much aid did Japan provide?\n"))
    capsys.readouterr()
    assert main(["run"]) == 0
    out, err = capsys.readouterr()
    assert "Rebuilding the index" in err and "$800 million" in out
    assert len(store.load_index(settings.index_dir).articles) == 2


@pytest.mark.parametrize("name", ["truncated dense.faiss", "CURRENT is binary garbage", "no CURRENT",
                                  "manifest from another dimension", "one chunk more than vectors"])
def test_failed_reload_keeps_serving_the_last_good_index(tmp_path: Path, name: str) -> None:
    engine = tiny_engine(tmp_path)
    good = engine.version
    before = engine.answer("When was the concert in Seoul?")
    DAMAGE[name](engine.settings.index_dir, store.current_dir(engine.settings.index_dir))
    with pytest.raises(QABotError) as info:
        engine.reload()
    check_one_clear_line(info.value)
    assert engine.version == good
    after = engine.answer("When was the concert in Seoul?")
    assert after.text == before.text and after.index_version == good


def test_reload_of_an_index_with_another_dimension_keeps_the_old_one(tmp_path: Path) -> None:
    engine = tiny_engine(tmp_path)
    good = engine.version
    shutil.rmtree(engine.settings.index_dir)  # else the build reuses the old vectors
    build_index(engine.settings, embedder=HashEmbedder(dimension=32))  # a valid index, wrong for this encoder
    with pytest.raises(IndexCorruptError, match="dimension"):
        engine.reload()
    assert engine.version == good and engine.answer("When was the treaty signed?").index_version == good


def test_chunk_vectors_are_only_a_build_cache(built: Settings) -> None:
    (store.current_dir(built.index_dir) / "chunk_vectors.npy").unlink()
    assert len(store.load_index(built.index_dir).chunks) >= 2
    assert build_index(built, embedder=HashEmbedder()).embedded > 0  # cache lost, so everything is re-embedded


def test_reload_after_a_failed_one_picks_up_the_next_good_index(tmp_path: Path) -> None:
    engine = tiny_engine(tmp_path)
    DAMAGE["truncated dense.faiss"](engine.settings.index_dir, store.current_dir(engine.settings.index_dir))
    with pytest.raises(IndexCorruptError):
        engine.reload()
    build_index(engine.settings, embedder=HashEmbedder())
    new = engine.reload()
    assert engine.version == new and engine.answer("When was the treaty signed?").index_version == new
