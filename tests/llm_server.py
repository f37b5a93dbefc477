"""A scripted OpenAI-compatible chat server on 127.0.0.1, for the generated-answer tests.

It reads the prompt as a real model would (the `[n] title (date): text` lines and the question) and answers
according to `mode`: a good cited answer, an invented quote, a passage number it was not given, mentions, a
stall, an HTTP error, prose instead of JSON, an empty reply, a null answer.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PASSAGE = re.compile(r"^\[(\d+)\] (.*?) \((.*?)\): (.*)$", re.MULTILINE)


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


class ScriptedLLM:
    """Serves until `close()`; `mode` picks the reply, `requests` keeps every request body and its headers."""

    def __init__(self, mode: str = "good", stall_s: float = 0.0) -> None:
        self.mode = mode
        self.stall_s = stall_s
        self.requests: list[tuple[dict[str, Any], dict[str, str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                outer.requests.append((body, dict(self.headers)))
                status, reply = outer.reply(self.path, body)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(reply)))
                    self.end_headers()
                    self.wfile.write(reply)
                except OSError:  # the client gave up (the stall): nothing to tell it
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reply(self, path: str, body: dict[str, Any]) -> tuple[int, bytes]:
        if path != "/v1/chat/completions":
            return 404, b'{"error": "not found"}'
        mode = self.mode
        fmt = (body.get("response_format") or {}).get("type")
        if mode == "no-json-schema" and fmt == "json_schema":
            return 400, b'{"error": {"message": "response_format.type json_schema is not supported"}}'
        if mode == "stall":
            time.sleep(self.stall_s)
        if mode == "http500":
            return 500, b'{"error": "internal error"}'
        content = self.content(mode, body["messages"][-1]["content"])
        completion = {"id": "x", "object": "chat.completion", "model": body.get("model"),
                      "choices": [{"index": 0, "finish_reason": "stop",
                                   "message": {"role": "assistant", "content": content}}]}
        return 200, json.dumps(completion).encode()

    def content(self, mode: str, prompt: str) -> str:
        passages = {int(n): text for n, _, _, text in PASSAGE.findall(prompt)}
        quote = first_sentence(passages[1])
        good = {"answer": "The sources say so [1].", "citations": [{"n": 1, "quote": quote}]}
        replies: dict[str, object] = {
            "good": good, "no-json-schema": good, "stall": good,
            "fenced": "```json\n" + json.dumps(good) + "\n```",
            "invented": {"answer": "It was cancelled [1].",
                         "citations": [{"n": 1, "quote": "The concert was cancelled because of heavy rain."}]},
            "bad-n": {"answer": "See [9].", "citations": [{"n": 9, "quote": quote}]},
            "mention": {"answer": "@everyone look <@&123456789012345678> [1]", "citations": [{"n": 1, "quote": quote}]},
            "not-json": "The concert was held on December 5.",
            "empty": "",
            "null": {"answer": None},
        }
        value = replies[mode]
        return value if isinstance(value, str) else json.dumps(value)
