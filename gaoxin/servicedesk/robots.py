"""Posting to DingTalk and WeCom group robots (自定义机器人 / 群机器人) through their webhooks.

DingTalk, with “加签” security: the webhook address gets ``&timestamp=<ms>&sign=<sign>`` where
``sign = urlencode(base64(HMAC-SHA256(key=secret, message=f"{timestamp}\\n{secret}")))``; DingTalk refuses a
timestamp more than an hour off. WeCom: the webhook address carries the robot's ``key``; there is no signature.
Both answer ``{"errcode": 0, "errmsg": "ok"}`` on success.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote_plus

from gaoxin.servicedesk.choices import RobotKind

TIMEOUT_S = 5.0


class RobotError(Exception):
    """The robot did not take the message (network error, HTTP error, or a non-zero errcode)."""


def dingtalk_signature(secret: str, timestamp_ms: int) -> str:
    """The ``sign`` parameter of DingTalk's signed webhooks, URL-encoded."""
    string_to_sign = f"{timestamp_ms}\n{secret}"
    digest = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode())


def signed_url(kind: str, url: str, secret: str, timestamp_ms: int | None = None) -> str:
    if kind != RobotKind.DINGTALK or not secret:
        return url
    timestamp_ms = timestamp_ms if timestamp_ms is not None else int(time.time() * 1000)
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp_ms}&sign={dingtalk_signature(secret, timestamp_ms)}"


def payload(kind: str, title: str, text: str) -> dict[str, Any]:
    """A markdown message in each robot's format."""
    if kind == RobotKind.DINGTALK:
        return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
    return {"msgtype": "markdown", "markdown": {"content": text}}


def post(kind: str, url: str, secret: str, *, title: str, text: str, timeout: float = TIMEOUT_S) -> None:
    """Send one message; raises RobotError if it was not accepted."""
    body = json.dumps(payload(kind, title, text), ensure_ascii=False).encode()
    request = urllib.request.Request(
        signed_url(kind, url, secret),
        data=body,
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read().decode() or "{}")
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
        raise RobotError(str(error)) from error
    if answer.get("errcode", 0) != 0:
        raise RobotError(f"{answer.get('errcode')}: {answer.get('errmsg', '')}")
