"""`qabot bench`: speed and footprint on this machine, printed as a table or JSON.

Measures, on a fresh copy of the seed corpus built in a temporary directory: build throughput,
`qabot ask` process start to first printed answer, engine time per question, and memory of a running
engine; then the LangChain / LlamaIndex baselines (when installed) on the same passages and
questions, and with `--scale N` the synthetic large-collection figures (bot/bench/scale.py).
Timings are medians over repeated runs; the machine may be shared, so expect noise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..config import Settings
from ..evaluation.measure import percentile, rss_mb
from .baselines import PASSES

COLD_RUNS = 5
COLD_QUESTION = "When was the Seoul concert?"
COLD_QUESTION_KO = "서울 콘서트는 언제 열렸나요?"
BUILD_SAMPLE = 512  # resampled passages for the embedding throughput figure
LLM_QUESTIONS = 20  # answers the model is asked for with QABOT_LLM_URL set (a small local model takes seconds)


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    result = run(settings, scales=args.scale, baselines=not args.no_baselines, tune_build=args.tune_build)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


def run(settings: Settings, scales: list[int], baselines: bool = True, tune_build: bool = False) -> dict[str, Any]:
    """Every figure, as one JSON-ready dict."""
    work = Path(tempfile.mkdtemp(prefix="qabot-bench-"))
    try:
        bench_settings = settings.with_(index_dir=work / "index", data_dir=work / "data")
        out: dict[str, Any] = build_figures(bench_settings, tune_build)
        env = {**os.environ, "QABOT_INDEX_DIR": str(bench_settings.index_dir),
               "QABOT_DATA_DIR": str(bench_settings.data_dir), "QABOT_CORPUS_DIR": str(settings.corpus_dir)}
        out["cold_start_s"] = cold_start(env)
        if settings.multilingual:
            out["cold_start_ko_s"] = cold_start(env, COLD_QUESTION_KO)
        out.update(serve_figures(env))
        if baselines:
            out["baselines"] = baseline_figures(bench_settings, work)
            out["ratios"] = ratios(out)
        scale_env = {**env, "QABOT_DATA_DIR": str(settings.data_dir)}  # keeps the embedded-vector cache
        out["scale"] = {str(n): scale_figures(n, scale_env) for n in scales}
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_figures(settings: Settings, tune_build: bool) -> dict[str, Any]:
    """Build the seed corpus from scratch (sentence-transformers, then the ONNX export), and the passage
    embedding throughput of the encoder later builds use (the export) and of sentence-transformers."""
    from ..index import build
    from ..index.embedding import SentenceTransformerEmbedder
    from ..index.export import build_embedder, export_hook
    from ..index.store import load_index
    from .data import resampled_texts

    started = time.perf_counter()
    st = SentenceTransformerEmbedder(settings.model)
    load_s = time.perf_counter() - started
    report = build.build_index(settings, embedder=st, on_embedder=export_hook(settings))
    onnx = build_embedder(settings)  # the build's hook exported it
    sentences = [s.text for s in load_index(settings.index_dir).sentences]
    texts = resampled_texts(sentences, BUILD_SAMPLE, seed=7)
    st_rate = _rate(st, texts)
    rate = _rate(onnx, texts) if onnx is not None else st_rate
    out: dict[str, Any] = {
        "build_passages_per_s": round(rate, 1),
        "build": {"encoder": type(onnx or st).__name__, "sample_passages": len(texts),
                  "sentence_transformers_passages_per_s": round(st_rate, 1),
                  "onnx_threads": getattr(onnx, "threads", None), "onnx_batch": getattr(onnx, "batch_size", None),
                  "seed_passages": report.passages, "seed_texts_embedded": report.embedded,
                  "first_build_s": round(report.seconds, 2), "model_load_s": round(load_s, 2),
                  "onnx_exported": onnx is not None},
    }
    if settings.multilingual:  # the Korean and Japanese side: its model's load and passage rate
        from ..index.e5 import E5Embedder

        started = time.perf_counter()
        e5 = E5Embedder(settings.multilingual)
        out["build"]["multilingual"] = {"model": settings.multilingual,
                                        "load_s": round(time.perf_counter() - started, 3),
                                        "passages_per_s": round(_rate(e5, texts), 1)}
    if tune_build:
        out["build"]["sweep"] = build_sweep(settings, st, texts)
    return out


def _rate(embedder: Any, texts: list[str]) -> float:
    """Passages per second through the build's own embedding loop."""
    from ..index import build

    started = time.perf_counter()
    build._embed(embedder, texts, progress=False)
    return len(texts) / (time.perf_counter() - started)


def build_sweep(settings: Settings, st: Any, texts: list[str]) -> list[dict[str, Any]]:
    """Passages per second for a few thread counts and batch sizes, both encoders."""
    import torch

    from ..index.export import build_embedder

    rows = []
    default_threads, default_batch = torch.get_num_threads(), st.batch_size
    try:
        for threads in (1, 2):
            torch.set_num_threads(threads)
            for batch in (16, 32, 64):
                st.batch_size = batch
                rows.append({"encoder": "sentence-transformers", "threads": threads, "batch": batch,
                             "passages_per_s": round(_rate(st, texts), 1)})
    finally:
        torch.set_num_threads(default_threads)
        st.batch_size = default_batch
    for threads in (1, 2):
        onnx = build_embedder(settings, threads=threads)
        if onnx is None:
            continue
        for batch in (8, 16, 32):
            onnx.batch_size = batch  # type: ignore[attr-defined]
            rows.append({"encoder": "onnx", "threads": threads, "batch": batch,
                         "passages_per_s": round(_rate(onnx, texts), 1)})
    return rows


def cold_start(env: dict[str, str], question: str = COLD_QUESTION) -> float:
    """Median seconds from starting `qabot ask` to its first printed line."""
    times = []
    for _ in range(COLD_RUNS):
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "bot", "ask", question], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, text=True)
        assert proc.stdout is not None
        first = proc.stdout.readline()
        times.append(time.perf_counter() - started)
        _, err = proc.communicate()
        if proc.returncode != 0 or not first.strip():
            raise RuntimeError(f"`qabot ask` failed during the benchmark: {err.strip()[-500:]}")
    return round(statistics.median(times), 3)


SERVE = """
import json
from bot.config import Settings
from bot.bench.run import serve_child
print(json.dumps(serve_child(Settings.from_env())))
"""


def serve_figures(env: dict[str, str]) -> dict[str, Any]:
    """Engine latency and memory, measured in a fresh process like a running bot."""
    return _child_json([sys.executable, "-c", SERVE], env)


def _child_json(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a child process and read the JSON object it prints last."""
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def serve_child(settings: Settings) -> dict[str, Any]:
    """In the child: load the engine, answer every question PASSES times, report times and memory."""
    from ..engine.engine import Engine

    engine = Engine.from_settings(settings)
    timed = _Timed(engine.reader) if engine.reader is not None else None
    engine.reader = timed
    ranking = _Timed(engine.ranker) if engine.ranker is not None else None
    engine.ranker = ranking
    matching = _Timed(engine.matcher) if engine.matcher is not None else None
    engine.matcher = matching
    questions = bench_questions()
    for q in questions:
        engine.answer(q)  # warm-up
    total, encode, reading, ranks, matches = [], [], [], [], []
    for _ in range(PASSES):
        for q in questions:
            for t in (timed, ranking, matching):
                if t is not None:
                    t.ms = 0.0
            total.append(engine.answer(q).latency_ms)
            reading.append(timed.ms if timed is not None else 0.0)
            ranks.append(ranking.ms if ranking is not None else 0.0)
            matches.append(matching.ms if matching is not None else 0.0)
            started = time.perf_counter()
            engine.embedder.encode([q])
            encode.append((time.perf_counter() - started) * 1000)
    rest = [t - e - r - k - m for t, e, r, k, m in zip(total, encode, reading, ranks, matches, strict=True)]
    return {
        "engine_ms_p50": percentile(total, 50), "engine_ms_p95": percentile(total, 95),
        "engine": {"questions": len(questions), "passes": PASSES, "encoder": type(engine.embedder).__name__,
                   "encode_ms_p50": percentile(encode, 50), "encode_ms_p95": percentile(encode, 95),
                   "retrieve_compose_ms_p50": percentile(rest, 50), "retrieve_compose_ms_p95": percentile(rest, 95),
                   "reader": None if timed is None else str(settings.reader),
                   "reader_ms_p50": percentile(reading, 50), "reader_ms_p95": percentile(reading, 95),
                   "reader_share": round(sum(reading) / sum(total), 3) if sum(total) else 0.0,
                   "ranker": None if ranking is None else str(settings.ranker),
                   "ranker_ms_p50": percentile(ranks, 50), "ranker_ms_p95": percentile(ranks, 95),
                   "ranker_share": round(sum(ranks) / sum(total), 3) if sum(total) else 0.0,
                   "matcher": None if matching is None else str(settings.matcher),
                   "matcher_ms_p50": percentile(matches, 50), "matcher_ms_p95": percentile(matches, 95)},
        "rss_mb": round(rss_mb(), 1),
        "imports": {m: m in sys.modules for m in ("torch", "sentence_transformers", "transformers", "trafilatura")},
        "korean_japanese": korean_japanese_figures(engine),
        "llm": llm_figures(engine, settings, questions),
    }


def korean_japanese_figures(engine: Any) -> dict[str, Any] | None:
    """Per-question time of the Korean and Japanese sets (evals/ko.jsonl, evals/ja.jsonl) and the memory
    once their model is loaded (measured after the English figures, so those stay without it)."""
    from ..evaluation.metrics import REPO, question_texts

    questions = [q for name in ("ko", "ja") for q in question_texts(REPO / "evals" / f"{name}.jsonl")]
    if not questions or engine.index.multilingual is None:
        return None
    for q in questions:
        engine.answer(q)  # warm-up, and the model loaded
    total = [engine.answer(q).latency_ms for _ in range(PASSES) for q in questions]
    return {"questions": len(questions), "ms_p50": percentile(total, 50), "ms_p95": percentile(total, 95),
            "rss_mb": round(rss_mb(), 1)}


def llm_figures(engine: Any, settings: Settings, questions: list[str]) -> dict[str, Any] | None:
    """With QABOT_LLM_URL set: what asking the model adds to an answer, over the first LLM_QUESTIONS
    questions the engine answers (it is not asked about abstentions), and how many replies verified."""
    if not settings.llm_url:
        return None
    from ..llm.generate import Generator

    generator = Generator(settings)
    added, verified, asked = [], 0, 0
    for q in questions:
        answer = engine.answer(q)
        if answer.abstained:
            continue
        improved = generator.improve(answer, engine.index)
        added.append(improved.latency_ms - answer.latency_ms)
        verified += bool(improved.generated_by)
        asked += 1
        if asked >= LLM_QUESTIONS:
            break
    generator.close()
    return {"model": settings.llm_model, "asked": asked, "verified": verified,
            "added_ms_p50": percentile(added, 50), "added_ms_p95": percentile(added, 95)}


class _Timed:
    """The engine's reader, sentence ranker or sentence matcher, timed: milliseconds spent in it during the last
    answer."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.ms = 0.0

    def read(self, question: str, passages: Any) -> Any:
        return self._timed(self.inner.read, question, passages)

    def scores(self, question: str, texts: Any) -> Any:
        return self._timed(self.inner.scores, question, texts)

    def question(self, text: str) -> Any:
        return self._timed(self.inner.question, text)

    def vectors(self, texts: Any, limit: Any = None) -> Any:
        return self._timed(self.inner.vectors, texts, limit)

    @property
    def fingerprint(self) -> str:
        return str(self.inner.fingerprint)

    def _timed(self, call: Any, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return call(*args)
        finally:
            self.ms += (time.perf_counter() - started) * 1000


def baseline_figures(settings: Settings, work: Path) -> dict[str, Any]:
    """LangChain and LlamaIndex on the seed corpus's passages and the evaluation questions."""
    from ..index.embedding import resolve_model
    from ..index.store import load_index
    from .baselines import BASELINES, available, measure

    passages = [c.text for c in load_index(settings.index_dir).chunks]
    questions = bench_questions()
    out: dict[str, Any] = {}
    for name in BASELINES:
        if not available(name):
            out[name] = {"skipped": "not installed (pip install -e '.[bench]')"}
            continue
        try:
            result = measure(name, passages, questions, work / name, resolve_model(settings.model))
        except (RuntimeError, subprocess.CalledProcessError) as exc:
            out[name] = {"skipped": f"failed: {exc}"}
            continue
        ms = result.pop("query_ms")
        out[name] = {**result, "query_ms_p50": percentile(ms, 50), "query_ms_p95": percentile(ms, 95)}
    return out


def ratios(out: dict[str, Any]) -> dict[str, Any]:
    """How many times faster / smaller we are than each baseline (theirs / ours)."""
    result: dict[str, Any] = {}
    for name, theirs in out.get("baselines", {}).items():
        if "skipped" in theirs:
            continue
        result[name] = {
            "cold_start": round(theirs["cold_start_s"] / out["cold_start_s"], 2),
            "per_question_p50": round(theirs["query_ms_p50"] / out["engine_ms_p50"], 2),
            "rss": round(theirs["rss_mb"] / out["rss_mb"], 2),
        }
    return result


def scale_figures(n: int, env: dict[str, str]) -> dict[str, Any]:
    """The scale benchmark for `n` passages, in its own process so its memory figures are its own."""
    return _child_json([sys.executable, "-m", "bot.bench.scale", str(n)], env)


def bench_questions() -> list[str]:
    """The evaluation questions (evals/questions.jsonl), else a few built-in ones."""
    from ..evaluation.metrics import QUESTIONS, question_texts

    return question_texts(QUESTIONS) or [
        COLD_QUESTION, "Who apologised in 1998?", "Where was the treaty signed?"]


def table(r: dict[str, Any]) -> str:
    """The figures as aligned text."""
    e = r["engine"]
    has_ranker = bool(e.get("ranker"))  # QABOT_RANKER's sentence ranker, when set
    ranker_ms = f" / ranker {e['ranker_ms_p50']}" if has_ranker else ""
    ranker_share = f", the ranker {e['ranker_share']:.0%}" if has_ranker else ""
    matcher_ms = f" / matcher {e['matcher_ms_p50']}" if e.get("matcher") else ""
    lines = [
        f"build throughput        {r['build_passages_per_s']:>9} passages/s ({r['build']['encoder']}, "
        f"{r['build']['onnx_threads']} thread(s), batch {r['build']['onnx_batch']}; sentence-transformers "
        f"{r['build']['sentence_transformers_passages_per_s']})",
        f"cold start (ask)        {r['cold_start_s']:>9} s",
        f"engine per question     {r['engine_ms_p50']:>9} ms p50, {r['engine_ms_p95']} ms p95 "
        f"(encode {e['encode_ms_p50']}{matcher_ms}{ranker_ms} / reader {e['reader_ms_p50']} / retrieve+compose "
        f"{e['retrieve_compose_ms_p50']} ms p50, {e['encoder']}; the reader is {e['reader_share']:.0%} of it"
        f"{ranker_share})",
        f"memory (running engine) {r['rss_mb']:>9} MB; imports torch: {r['imports']['torch']}",
    ]
    if r.get("korean_japanese"):
        k, m = r["korean_japanese"], r["build"].get("multilingual") or {}
        lines.append(f"Korean/Japanese         {k['ms_p50']:>9} ms p50, {k['ms_p95']} ms p95 per question; cold start "
                     f"{r.get('cold_start_ko_s')} s; {k['rss_mb']} MB with the model; its load {m.get('load_s')} s, "
                     f"{m.get('passages_per_s')} passages/s at build")
    if r.get("llm"):
        m = r["llm"]
        lines.append(f"LLM answers ({m['model']})  +{m['added_ms_p50']} ms p50, +{m['added_ms_p95']} ms p95 per "
                     f"answer; {m['verified']} of {m['asked']} replies verified")
    for row in r["build"].get("sweep", []):
        lines.append(f"  build sweep: {row['encoder']:<21} threads {row['threads']} batch {row['batch']:>3}: "
                     f"{row['passages_per_s']} passages/s")
    for name, b in r.get("baselines", {}).items():
        if "skipped" in b:
            lines.append(f"{name:<23} skipped: {b['skipped']}")
            continue
        ratio = r["ratios"][name]
        lines.append(f"{name:<23} cold {b['cold_start_s']} s, {b['query_ms_p50']} ms p50 / {b['query_ms_p95']} ms p95, "
                     f"{b['rss_mb']} MB -> ours is {ratio['cold_start']}x faster to start, "
                     f"{ratio['per_question_p50']}x per question, {ratio['rss']}x smaller")
    for n, s in r.get("scale", {}).items():
        a = s["ann"]
        lines.append(f"scale {int(n):>9,}: ivf nlist {a['params']['nlist']} nprobe {a['params']['nprobe']}: build "
                     f"{a['build_s']} s, {a['index_mb']} MB, {a['ms']['p50']}/{a['ms']['p95']} ms p50/p95, "
                     f"recall@10 {a['recall_at_10']}; exact {s['exact']['ms']['p50']}/{s['exact']['ms']['p95']} ms; "
                     f"bm25 build {s['bm25']['build_s']} s, {s['bm25']['index_mb']} MB, "
                     f"{s['bm25']['ms']['p50']}/{s['bm25']['ms']['p95']} ms; peak {s['peak_rss_mb']} MB")
        for row in a["sweep"]:
            lines.append(f"    nprobe {row['nprobe']:>3}: recall@10 {row['recall_at_10']}, "
                         f"{row['ms']['p50']}/{row['ms']['p95']} ms")
    return "\n".join(lines)
