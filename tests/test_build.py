import logging
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.errors import CorpusError, IndexCorruptError, IndexMissingError
from bot.index import build, store
from bot.index.build import build_index, stale_reason

from .fakes import HashEmbedder


def test_build_writes_a_self_describing_index(settings: Settings, fake_embedder: HashEmbedder) -> None:
    report = build_index(settings, embedder=fake_embedder)
    manifest = store.read_manifest(store.current_dir(settings.index_dir))
    assert report.articles == 2 and report.passages >= 2
    assert manifest["model"] == settings.model and manifest["dimension"] == 64
    assert manifest["chunking"]["max_chars"] == settings.chunk_chars
    assert set(manifest["articles"]) == {"concert", "treaty"}
    assert all(len(a["sha256"]) == 64 for a in manifest["articles"].values())
    assert manifest["built_at"] and "faiss-cpu" in manifest["versions"]
    assert manifest["vector_index"]["type"] == "flat"
    assert stale_reason(settings) is None


def test_an_index_with_older_keyword_terms_is_stale(settings: Settings, fake_embedder: HashEmbedder,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(settings, embedder=fake_embedder)
    monkeypatch.setattr(build, "TERMS_VERSION", build.TERMS_VERSION + 1)  # text.terms changed since
    assert stale_reason(settings) == "the way articles are read, chunked or keyword-indexed changed"
    monkeypatch.undo()
    monkeypatch.setattr(build, "READING_VERSION", build.READING_VERSION + 1)  # articles are read another way
    assert stale_reason(settings) == "the way articles are read, chunked or keyword-indexed changed"


def test_an_index_of_a_model_whose_files_changed_is_stale_and_reuses_no_vectors(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(settings, embedder=HashEmbedder())
    assert store.read_manifest(store.current_dir(settings.index_dir))["model_files"]
    monkeypatch.setattr(build, "model_fingerprint", lambda model: "another change under the same name")
    assert stale_reason(settings) == f"the files of the model {settings.model!r} changed"
    again = HashEmbedder()
    report = build_index(settings, embedder=again)
    assert report.reused == 0 and report.embedded == again.texts > 0
    assert stale_reason(settings) is None


def test_rebuild_embeds_only_changed_articles(settings: Settings) -> None:
    first = HashEmbedder()
    build_index(settings, embedder=first)
    (settings.corpus_dir / "treaty.txt").write_text(
        "The Treaty\nThe Treaty on Basic Relations was signed on June 22, 1965 in Tokyo.\nA new sentence here.\n")
    assert stale_reason(settings) == "the articles in the corpus changed"
    second = HashEmbedder()
    report = build_index(settings, embedder=second)
    # only the changed article's new texts are embedded; the concert article is reused entirely
    assert report.embedded == second.texts > 0
    assert report.embedded < first.texts and report.reused > 0
    concert = [c for c in store.load_index(settings.index_dir).chunks if c.article_id == "concert"]
    assert concert
    third = HashEmbedder()
    assert build_index(settings, embedder=third).embedded == 0 and third.calls == 0


def test_unreadable_and_empty_files_are_skipped_with_a_warning(
        settings: Settings, fake_embedder: HashEmbedder, caplog: pytest.LogCaptureFixture) -> None:
    (settings.corpus_dir / "empty.md").write_text("")
    (settings.corpus_dir / "junk.txt").write_bytes(bytes(range(256)) * 20)
    with caplog.at_level(logging.WARNING):
        report = build_index(settings, embedder=fake_embedder)
    assert report.articles == 2
    assert {Path(s.path).name for s in report.skipped} == {"empty.md", "junk.txt"}
    assert "empty.md" in caplog.text and "junk.txt" in caplog.text


def test_empty_corpus_is_a_clear_error(tmp_path: Path, fake_embedder: HashEmbedder) -> None:
    (tmp_path / "corpus").mkdir()
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    with pytest.raises(CorpusError, match="No usable articles"):
        build_index(settings, embedder=fake_embedder)
    assert not (tmp_path / "index" / "CURRENT").exists()


def test_missing_index_names_the_command_to_run(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="qabot build"):
        store.load_index(tmp_path / "nothing")


def test_corrupt_index_names_the_command_to_run(settings: Settings, fake_embedder: HashEmbedder) -> None:
    build_index(settings, embedder=fake_embedder)
    path = store.current_dir(settings.index_dir)
    (path / "dense.faiss").write_bytes(b"not a faiss index")
    with pytest.raises(IndexCorruptError, match="qabot build"):
        store.load_index(settings.index_dir)


def test_index_from_another_model_is_refused(settings: Settings, fake_embedder: HashEmbedder) -> None:
    build_index(settings, embedder=fake_embedder)
    with pytest.raises(IndexCorruptError, match="built with the model"):
        Engine.from_settings(settings.with_(model="other-model"), embedder=fake_embedder)


def test_a_failed_build_leaves_the_previous_index_current(settings: Settings, fake_embedder: HashEmbedder) -> None:
    build_index(settings, embedder=fake_embedder)
    before = store.current_dir(settings.index_dir)

    class Broken(HashEmbedder):
        def encode(self, texts):
            raise RuntimeError("crash in the middle of embedding")

    (settings.corpus_dir / "new.md").write_text("A brand new article about the festival in Tokyo in 2025.")
    with pytest.raises(RuntimeError):
        build_index(settings, embedder=Broken())
    assert store.current_dir(settings.index_dir) == before
    assert store.load_index(settings.index_dir).version == before.name


def test_old_versions_are_pruned(settings: Settings, fake_embedder: HashEmbedder) -> None:
    for _ in range(4):
        build_index(settings, embedder=fake_embedder)
    assert len(list(settings.index_dir.glob("v-*"))) == store.KEEP_VERSIONS
