"""Posting to the group robots: DingTalk's signature (checked by a local server doing what DingTalk does)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import unquote_plus

import pytest

from gaoxin.servicedesk import robots
from gaoxin.servicedesk.tests.robot_server import robot_server


def test_the_signature_follows_dingtalks_documentation():
    secret, timestamp = "SEC000000000000000000000000000000000000000000000000000000000000000", 1577262236757
    sign = robots.dingtalk_signature(secret, timestamp)
    raw = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert unquote_plus(sign) == raw
    assert "+" not in sign
    assert "/" not in sign
    assert "=" not in sign
    url = robots.signed_url(
        "dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=abc", secret, timestamp
    )
    assert url == f"https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp={timestamp}&sign={sign}"


def test_wecom_and_unsigned_dingtalk_urls_are_left_alone():
    assert robots.signed_url("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "s") == (
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"
    )
    assert (
        robots.signed_url("dingtalk", "https://x/robot/send?access_token=t", "")
        == "https://x/robot/send?access_token=t"
    )


def test_posting_to_both_robots():
    with robot_server() as server:
        robots.post(
            "dingtalk",
            f"{server.url}/robot/send?access_token=dt-token",
            server.dingtalk_secret,
            title="预警",
            text="### 预警",
        )
        robots.post(
            "wecom",
            f"{server.url}/cgi-bin/webhook/send?key={server.wecom_key}",
            "",
            title="预警",
            text="### 预警",
        )
    assert [r.accepted for r in server.received] == [True, True]
    assert server.received[0].body == {
        "msgtype": "markdown",
        "markdown": {"title": "预警", "text": "### 预警"},
    }
    assert server.received[1].body == {"msgtype": "markdown", "markdown": {"content": "### 预警"}}


def test_a_wrong_secret_is_refused_and_reported():
    with robot_server() as server, pytest.raises(robots.RobotError, match="310000"):
        robots.post(
            "dingtalk", f"{server.url}/robot/send?access_token=dt-token", "SECwrong", title="t", text="x"
        )
    assert [r.accepted for r in server.received] == [False]


def test_an_unreachable_robot_is_an_error_not_a_crash():
    with pytest.raises(robots.RobotError):
        robots.post(
            "wecom", "http://127.0.0.1:9/cgi-bin/webhook/send?key=k", "", title="t", text="x", timeout=1
        )
