"""The vector store: exact for small collections, IVF past EXACT_MAX, parameters kept in the manifest."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.index import store, vectors
from bot.index.build import build_index
from bot.index.vectors import FaissStore, choose_params

from .fakes import HashEmbedder


def clustered(n: int, dim: int = 32, centres: int = 40, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = rng.standard_normal((centres, dim)).astype(np.float32)
    x = base[rng.integers(0, centres, n)] + 0.2 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_small_collections_are_exact_and_large_ones_approximate() -> None:
    assert choose_params(vectors.EXACT_MAX) == {"type": "flat", "metric": "inner_product"}
    big = choose_params(vectors.EXACT_MAX + 1)
    assert big["type"] == "ivf"
    million = choose_params(1_000_000)
    assert million["type"] == "ivf" and million["nprobe"] == vectors.NPROBE
    assert vectors.MIN_NLIST <= million["nlist"] <= vectors.MAX_NLIST
    assert million["train_size"] >= 39 * million["nlist"]  # enough k-means points per cluster


def test_ivf_never_has_more_lists_than_it_can_train() -> None:
    params = choose_params(100, exact_max=0)
    assert params["type"] == "ivf"
    assert 1 <= params["nlist"] <= 100 // vectors.TRAIN_PER_LIST or params["nlist"] == 1
    assert params["nprobe"] <= params["nlist"]


def test_ivf_store_finds_the_exact_neighbours_and_reloads_with_its_nprobe(tmp_path: Path) -> None:
    x = clustered(4000)
    params = choose_params(len(x), exact_max=0, nprobe=8)
    ann = FaissStore.build(x, params)
    exact = FaissStore.build(x, {"type": "flat", "metric": "inner_product"})
    hits = 0
    for q in x[:50]:
        hits += len(set(ann.search(q, 10)[0].tolist()) & set(exact.search(q, 10)[0].tolist()))
    assert hits / 500 >= 0.9
    ann.save(tmp_path / "dense.faiss")
    loaded = FaissStore.load(tmp_path / "dense.faiss", params)
    import faiss

    assert faiss.extract_index_ivf(loaded.index).nprobe == 8
    np.testing.assert_allclose(loaded.index.reconstruct(7), x[7], atol=1e-6)  # retrieval rescoring needs it
    assert loaded.search(x[3], 1)[0][0] == 3


def test_build_records_the_choice_in_the_manifest_and_loading_honours_it(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectors, "EXACT_MAX", 1)  # the tiny corpus has two passages
    monkeypatch.setattr(vectors, "TRAIN_PER_LIST", 1)
    monkeypatch.setattr(vectors, "MIN_NLIST", 2)
    monkeypatch.setattr(vectors, "NPROBE", 2)
    embedder = HashEmbedder()
    build_index(settings, embedder=embedder)
    index = store.load_index(settings.index_dir)
    params = index.manifest["vector_index"]
    assert params["type"] == "ivf" and params["nlist"] == 2 and params["nprobe"] == 2
    import faiss

    assert faiss.extract_index_ivf(index.vectors.index).nprobe == 2
    assert index.manifest["sentence_index"]["type"] == "ivf"
    sentence_ivf = faiss.extract_index_ivf(index.sentence_store.index)
    assert sentence_ivf.nprobe == 2 and sentence_ivf.direct_map.no()  # only searched: no direct map
    assert not faiss.extract_index_ivf(index.vectors.index).direct_map.no()  # rescored
    answer = Engine.from_settings(settings, embedder=embedder).answer("When was the concert in Seoul?")
    assert answer.citations


def test_default_build_of_a_small_corpus_is_exact(settings: Settings) -> None:
    build_index(settings, embedder=HashEmbedder())
    assert store.load_index(settings.index_dir).manifest["vector_index"]["type"] == "flat"


def test_unknown_index_type_is_refused() -> None:
    with pytest.raises(ValueError, match="flat"):
        FaissStore.build(clustered(10), {"type": "hnsw-ish"})
