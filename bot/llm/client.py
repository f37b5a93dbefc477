"""One chat-completion call to an OpenAI-compatible server, within a deadline for the whole call."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from ..config import Settings

MAX_REPLY_BYTES = 256_000  # a chat completion of a short answer is a few kilobytes
MAX_TOKENS = 400  # one to three sentences and their quotes
# What the reply must look like, for servers that constrain their output to a JSON schema (OpenAI, vLLM,
# llama.cpp, Ollama); the prompt asks for the same shape, and the reply is checked either way.
SCHEMA = {
    "type": "object",
    "properties": {
        "answer": {"type": ["string", "null"]},
        "citations": {"type": "array", "items": {
            "type": "object",
            "properties": {"n": {"type": "integer"}, "quote": {"type": "string"}},
            "required": ["n", "quote"]}},
    },
    "required": ["answer", "citations"],
}
# response_format, most constrained first: OpenAI's JSON schema (OpenAI, vLLM, llama.cpp, Ollama), then
# llama-cpp-python's JSON object with a schema, then plain JSON mode, then none. A server that refuses one
# (an error status whose body names it) is asked with the next.
FORMATS: tuple[dict[str, Any] | None, ...] = (
    {"type": "json_schema", "json_schema": {"name": "cited_answer", "schema": SCHEMA}},
    {"type": "json_object", "schema": SCHEMA},
    {"type": "json_object"},
    None,
)


class CallFailed(Exception):
    """The model could not be asked or gave nothing usable; the message is the fallback reason."""


class Client:
    """Asks `POST {QABOT_LLM_URL}/chat/completions`; one connection pool, safe to share between threads."""

    def __init__(self, settings: Settings) -> None:
        self.url = settings.llm_url.rstrip("/") + "/chat/completions"
        self.model = settings.llm_model
        self.timeout = settings.llm_timeout
        headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
        self.http = httpx.Client(headers=headers, follow_redirects=False)
        self.format = 0  # which of FORMATS to send; moves on for good once the server refuses one

    def close(self) -> None:
        self.http.close()

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The reply's text, or CallFailed("timed out" / "HTTP 500" / ...) within `timeout` seconds."""
        deadline = time.monotonic() + self.timeout
        status, body = self._post(messages, deadline)
        while status in (400, 422, 500) and self.format < len(FORMATS) - 1 and _refuses_format(body):
            self.format += 1  # e.g. a server without JSON mode: ask again, the prompt still asks for JSON
            status, body = self._post(messages, deadline)
        if status != 200:
            raise CallFailed(f"HTTP {status}")
        return _content(body)

    def _post(self, messages: list[dict[str, str]], deadline: float) -> tuple[int, bytes]:
        payload: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": 0,
                                   "max_tokens": MAX_TOKENS, "stream": False}
        if FORMATS[self.format] is not None:
            payload["response_format"] = FORMATS[self.format]
        left = deadline - time.monotonic()
        if left <= 0:
            raise CallFailed("timed out")
        try:
            with self.http.stream("POST", self.url, json=payload, timeout=httpx.Timeout(left)) as reply:
                body = bytearray()
                for part in reply.iter_bytes():  # each read waits at most the time left
                    body += part
                    if len(body) > MAX_REPLY_BYTES:
                        raise CallFailed("the reply is too long")
                    if time.monotonic() > deadline:
                        raise CallFailed("timed out")
                return reply.status_code, bytes(body)
        except httpx.TimeoutException:
            raise CallFailed("timed out") from None
        except httpx.HTTPError as exc:
            raise CallFailed(f"the server could not be reached ({type(exc).__name__})") from None


def _refuses_format(body: bytes) -> bool:
    text = body.lower()
    return b"response_format" in text or b"json_schema" in text or b"json_object" in text


def _content(body: bytes) -> str:
    """choices[0].message.content of a chat completion."""
    try:
        data = json.loads(body)
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise CallFailed("the server's reply is not a chat completion") from None
    if not isinstance(content, str) or not content.strip():
        raise CallFailed("empty reply")
    return content
