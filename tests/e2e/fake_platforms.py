"""A local fake of the Telegram Bot API, Slack Web API and Facebook Graph API, on 127.0.0.1.

It records what the bot sends and answers like the real API does (enough for aiogram,
slack_sdk and fbmessenger to accept the reply). Paths: /telegram/bot<token>/<method>,
/slack/<method>, /facebook/me/messages.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Call:
    platform: str
    method: str
    body: dict[str, Any]


class FakePlatforms:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = fake.decode(raw, self.headers.get("Content-Type", ""))
                parts = urllib.parse.urlparse(self.path).path.strip("/").split("/")
                platform, method = parts[0], parts[-1]
                with fake.lock:
                    fake.calls.append(Call(platform, method, body))
                self.reply(fake.answer(platform, method, body))

            def reply(self, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @staticmethod
    def decode(raw: bytes, content_type: str) -> dict[str, Any]:
        if "json" in content_type:
            return json.loads(raw or b"{}")
        if "multipart/form-data" in content_type:
            boundary = content_type.split("boundary=")[1].encode()
            fields = {}
            for part in raw.split(b"--" + boundary):
                if b'name="' in part:
                    header, _, value = part.partition(b"\r\n\r\n")
                    name = header.split(b'name="')[1].split(b'"')[0].decode()
                    fields[name] = value.rstrip(b"\r\n").decode()
            return fields
        return {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()}

    @staticmethod
    def answer(platform: str, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if platform == "telegram":
            chat = int(body.get("chat_id", 0))
            message = {"message_id": 1, "date": int(time.time()), "chat": {"id": chat, "type": "private"}}
            return {"ok": True, "result": {**message, "text": body.get("text", "")}}
        if platform == "slack":
            return {"ok": True, "channel": body.get("channel", ""), "ts": f"{time.time():.6f}"}
        return {"recipient_id": (body.get("recipient") or {}).get("id", ""), "message_id": "m_fake"}

    def sent(self, platform: str, method: str) -> list[dict[str, Any]]:
        with self.lock:
            return [c.body for c in self.calls if c.platform == platform and c.method == method]

    def wait_for(self, platform: str, method: str, count: int, timeout: float = 60.0) -> list[dict[str, Any]]:
        """The first `count` bodies sent to that method, waiting for them to arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            bodies = self.sent(platform, method)
            if len(bodies) >= count:
                return bodies
            time.sleep(0.2)
        raise AssertionError(f"{platform}.{method}: {len(self.sent(platform, method))} calls, expected {count}")

    def __enter__(self) -> FakePlatforms:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
