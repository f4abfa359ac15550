"""Messages that leave the application: an e-mail to each person with an address, a markdown message to each
active group robot (DingTalk, WeCom) of a department. The deadline scan and the red flags of visits both
deliver through here; a failed channel is logged and counted, never raised to the caller."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from gaoxin.servicedesk import robots, selectors

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Text:
    title: str  # the e-mail's subject, the robot message's title
    body: str


def email(texts: Mapping[int, Text]) -> int:
    """One e-mail to each user (by id) who has an address; the number sent."""
    addresses = selectors.email_addresses(texts)
    messages = [
        EmailMessage(text.title, text.body, settings.DEFAULT_FROM_EMAIL, [addresses[user_id]])
        for user_id, text in texts.items()
        if user_id in addresses
    ]
    if not messages:
        return 0
    try:
        return get_connection(fail_silently=False).send_messages(messages) or 0
    except OSError:
        log.exception("sending %d emails failed", len(messages))
        return 0


def post_to_robots(texts: Mapping[int, Text]) -> tuple[int, int]:
    """Each active robot of a department (by id) gets the department's message: (sent, failed)."""
    sent = failed = 0
    for robot in selectors.active_robots(texts):
        text = texts[robot.department_id]
        try:
            robots.post(robot.kind, robot.url, robot.secret, title=text.title, text=text.body)
        except robots.RobotError:
            log.exception("group robot %s refused the message", robot)
            failed += 1
        else:
            sent += 1
    return sent, failed
