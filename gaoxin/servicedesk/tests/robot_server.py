"""A local stand-in for the DingTalk and WeCom webhooks: it checks what their servers check, and remembers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class Received:
    path: str
    query: dict[str, list[str]]
    body: dict[str, Any]
    accepted: bool


@dataclass
class RobotServer:
    url: str
    dingtalk_secret: str
    wecom_key: str
    received: list[Received] = field(default_factory=list)


def dingtalk_sign_ok(secret: str, timestamp: str, sign: str) -> bool:
    """DingTalk's check: HMAC-SHA256 of "timestamp\\nsecret" keyed with the secret, base64, within an hour."""
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    fresh = abs(time.time() * 1000 - int(timestamp)) < 3600 * 1000
    return fresh and hmac.compare_digest(expected, sign)


@contextmanager
def robot_server(
    dingtalk_secret: str = "SECtest0123456789", wecom_key: str = "wecom-key-1"
) -> Iterator[RobotServer]:
    state = RobotServer(url="", dingtalk_secret=dingtalk_secret, wecom_key=wecom_key)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            parsed = urlparse(self.path)
            query = parse_qs(parsed.query)  # parse_qs undoes the URL-encoding of the signature
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode())
            if parsed.path == "/robot/send":  # DingTalk
                ok = (
                    query.get("access_token") == ["dt-token"]
                    and dingtalk_sign_ok(state.dingtalk_secret, query["timestamp"][0], query["sign"][0])
                    and body["msgtype"] == "markdown"
                    and bool(body["markdown"]["title"])
                )
                answer = (
                    {"errcode": 0, "errmsg": "ok"} if ok else {"errcode": 310000, "errmsg": "sign not match"}
                )
            else:  # WeCom
                ok = query.get("key") == [state.wecom_key] and body["msgtype"] == "markdown"
                answer = (
                    {"errcode": 0, "errmsg": "ok"}
                    if ok
                    else {"errcode": 93000, "errmsg": "invalid webhook url"}
                )
            state.received.append(Received(parsed.path, query, body, ok))
            payload = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
