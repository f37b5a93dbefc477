"""The benchmark's pure parts: synthetic data, recall, ratios and the table (no timings asserted)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.bench import baselines as bench_baselines
from bot.bench import data as bd
from bot.bench.run import ratios, table
from bot.cli import build_parser


def unit(rows: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((rows, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_resampled_passages_are_distinct_sentence_combinations() -> None:
    sentences = [f"Sentence number {i}." for i in range(10)]
    texts = bd.resampled_texts(sentences, 50)
    assert len(texts) == len(set(texts)) == 50
    assert all(1 <= sum(s in t for s in sentences) <= 3 for t in texts)


def test_extend_keeps_the_real_vectors_and_adds_near_copies() -> None:
    real = unit(20)
    out = bd.extend(real, 200)
    assert out.shape == (200, 16) and out.dtype == np.float32
    np.testing.assert_array_equal(out[:20], real)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    nearest = (out[20:] @ real.T).max(axis=1)
    assert nearest.min() > 0.8  # each copy stays close to the real vector it came from


def test_exact_top_matches_a_full_sort() -> None:
    vectors, queries = unit(500), unit(7, seed=1)
    expected = np.argsort(-(queries @ vectors.T), axis=1)[:, :5]
    np.testing.assert_array_equal(bd.exact_top(vectors, queries, 5), expected)


def test_recall_counts_ties_and_misses() -> None:
    vectors = np.array([[1, 0], [1, 0], [0, 1], [-1, 0]], dtype=np.float32)
    query = np.array([[1, 0]], dtype=np.float32)
    truth = np.array([[0, 2]])
    assert bd.recall_at(np.array([[1, 2]]), truth, vectors, query) == 1.0  # 1 ties with 0
    assert bd.recall_at(np.array([[0, 3]]), truth, vectors, query) == 0.5
    assert bd.recall_at(np.array([[0, -1]]), truth, vectors, query) == 0.5  # fewer results than asked


def figures() -> dict[str, object]:
    return {
        "build_passages_per_s": 80.0, "cold_start_s": 0.5, "engine_ms_p50": 5.0, "engine_ms_p95": 6.0,
        "rss_mb": 200.0, "imports": {"torch": False},
        "build": {"encoder": "OnnxEmbedder", "onnx_threads": 1, "onnx_batch": 8,
                  "sentence_transformers_passages_per_s": 40.0},
        "engine": {"encoder": "OnnxEmbedder", "encode_ms_p50": 4.0, "retrieve_compose_ms_p50": 1.0,
                   "reader_ms_p50": 2.0, "reader_share": 0.4},
        "baselines": {"langchain": {"cold_start_s": 5.0, "query_ms_p50": 10.0, "query_ms_p95": 12.0, "rss_mb": 600.0},
                      "llamaindex": {"skipped": "not installed"}},
        "scale": {},
    }


def test_ratios_are_theirs_over_ours_and_skip_missing_baselines() -> None:
    result = figures()
    result["ratios"] = ratios(result)
    assert result["ratios"] == {"langchain": {"cold_start": 10.0, "per_question_p50": 2.0, "rss": 3.0}}
    text = table(result)
    assert "10.0x faster to start" in text and "llamaindex" in text and "skipped" in text
    assert "reader 2.0" in text and "the reader is 40% of it" in text and "ranker" not in text
    result["engine"] = {"encoder": "OnnxEmbedder", "encode_ms_p50": 4.0, "retrieve_compose_ms_p50": 1.0,
                        "reader_ms_p50": 2.0, "reader_share": 0.4, "ranker": "models/ranker", "ranker_ms_p50": 3.0,
                        "ranker_share": 0.3}
    assert "ranker 3.0 / reader 2.0" in table(result) and "the ranker 30%" in table(result)


def test_bench_is_a_subcommand_with_its_options() -> None:
    args = build_parser().parse_args(["bench", "--json", "--scale", "1000", "--scale", "2000", "--no-baselines"])
    assert args.json and args.scale == [1000, 2000] and args.no_baselines


def test_a_baseline_with_missing_packages_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(bench_baselines.BASELINES, "nothing", ("no_such_package_qabot", "json"))
    monkeypatch.setitem(bench_baselines.BASELINES, "json-only", ("json",))
    assert not bench_baselines.available("nothing")
    assert bench_baselines.available("json-only")
