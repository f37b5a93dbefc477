"""The pipelines people would otherwise pick, measured on the same passages and questions as ours.

LangChain: langchain-community's FAISS store with HuggingFaceEmbeddings. LlamaIndex:
VectorStoreIndex with HuggingFaceEmbedding. Both use the bundled all-MiniLM-L6-v2 and are installed
only through the optional `bench` extra; when absent they are skipped. Each runs in its own process:
`prepare` builds and saves the store (not timed), `run` is timed from process start to the first
retrieval, then retrieves for every question and reports per-question milliseconds and memory.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PASSES = 3  # timed passes over the questions: the same for our engine (bot/bench/run.py) and each baseline

BASELINES = {
    "langchain": ("langchain_community", "faiss", "sentence_transformers"),
    "llamaindex": ("llama_index.core", "llama_index.embeddings.huggingface"),
}
K = 8


def available(name: str) -> bool:
    """Whether the packages a baseline needs are installed."""
    try:
        return all(importlib.util.find_spec(m) is not None for m in BASELINES[name])
    except ModuleNotFoundError:
        return False


def measure(name: str, passages: list[str], questions: list[str], work: Path, model_path: str) -> dict[str, Any]:
    """Cold start (process start to first retrieval), per-question ms and RSS of one baseline."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "input.json").write_text(json.dumps({"passages": passages, "questions": questions, "model": model_path}))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    command = [sys.executable, "-m", "bot.bench.baselines"]
    subprocess.run([*command, name, "prepare", str(work)], check=True, env=env, capture_output=True)
    started = time.perf_counter()
    proc = subprocess.Popen([*command, name, "run", str(work)], stdout=subprocess.PIPE, env=env, text=True,
                            stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    for line in proc.stdout:  # libraries may print first; FIRST comes right after the first retrieval
        if line.startswith("FIRST"):
            break
    cold = time.perf_counter() - started
    rest = proc.stdout.read().strip().splitlines()
    if proc.wait() != 0 or not rest:
        raise RuntimeError(f"the {name} baseline failed (exit code {proc.returncode})")
    result: dict[str, Any] = json.loads(rest[-1])
    result["cold_start_s"] = round(cold, 3)
    return result


def _langchain(work: Path, data: dict[str, Any], prepare: bool) -> Any:
    from langchain_community.embeddings import HuggingFaceEmbeddings
    from langchain_community.vectorstores import FAISS

    embeddings = HuggingFaceEmbeddings(model_name=data["model"], encode_kwargs={"normalize_embeddings": True})
    if prepare:
        FAISS.from_texts(data["passages"], embeddings).save_local(str(work / "langchain"))
        return None
    store = FAISS.load_local(str(work / "langchain"), embeddings, allow_dangerous_deserialization=True)
    return lambda q: store.similarity_search(q, k=K)


def _llamaindex(work: Path, data: dict[str, Any], prepare: bool) -> Any:
    from llama_index.core import Settings, StorageContext, VectorStoreIndex, load_index_from_storage
    from llama_index.core.schema import TextNode
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    Settings.embed_model = HuggingFaceEmbedding(model_name=data["model"], device="cpu")
    Settings.llm = None  # type: ignore[assignment, unused-ignore]  # retrieval only: no LLM (typed where installed)
    if prepare:
        index = VectorStoreIndex([TextNode(text=t, id_=str(i)) for i, t in enumerate(data["passages"])])
        index.storage_context.persist(str(work / "llamaindex"))
        return None
    storage = StorageContext.from_defaults(persist_dir=str(work / "llamaindex"))
    index = load_index_from_storage(storage)  # type: ignore[assignment, unused-ignore]  # a BaseIndex where installed
    retriever = index.as_retriever(similarity_top_k=K)
    return retriever.retrieve


def _child(name: str, step: str, work: Path) -> int:
    data = json.loads((work / "input.json").read_text())
    make = {"langchain": _langchain, "llamaindex": _llamaindex}[name]
    retrieve = make(work, data, step == "prepare")
    if retrieve is None:
        return 0
    questions = data["questions"]
    retrieve(questions[0])
    print("FIRST", flush=True)
    for q in questions:  # warm-up pass, then timed passes
        retrieve(q)

    ms = []
    for _ in range(PASSES):
        for q in questions:
            started = time.perf_counter()
            retrieve(q)
            ms.append((time.perf_counter() - started) * 1000)
    from ..evaluation.measure import rss_mb

    print(json.dumps({"query_ms": sorted(ms), "rss_mb": round(rss_mb(), 1),
                      "imports_torch": "torch" in sys.modules}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1], sys.argv[2], Path(sys.argv[3])))
