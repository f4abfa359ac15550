"""The closed loop in a real Chromium: the enterprise submits, the centre dispatches, the department signs and
replies, the centre calls back, the enterprise rates, the centre closes; and a dissatisfied result reopened."""

from __future__ import annotations

import pytest

from gaoxin.servicedesk.choices import RequestState
from gaoxin.servicedesk.models import ServiceRequest
from gaoxin.testing.browser import login
from gaoxin.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(browser, live_server, personas, page):
    """A logged-in page per persona (contexts of their own, so each logs in once)."""
    contexts = []
    by_persona = {}
    for name in ("contact", "officer_a", "officer_b"):
        if name == "contact":
            tab = page
        else:
            context = browser.new_context(
                locale="zh-CN", viewport={"width": 1366, "height": 900}, base_url=live_server.url
            )
            context.set_default_timeout(15_000)
            contexts.append(context)
            tab = context.new_page()
        login(tab, getattr(personas, name).username, PASSWORD)
        by_persona[name] = tab
    yield by_persona
    for context in contexts:
        context.close()


def take_step(page, url: str, action: str, fill: dict[str, str] | None = None) -> None:
    if not page.url.endswith(url):
        page.goto(url)
    form = page.locator(f"#step-{action}")
    for name, value in (fill or {}).items():
        field = form.locator(f"[name={action}-{name}]")
        if field.first.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        elif field.first.get_attribute("type") == "radio":
            form.locator(f"[name={action}-{name}][value={value}]").check()
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_the_whole_loop_and_a_reopen(pages, personas, desk):
    page = pages["contact"]
    page.goto("/service/")
    page.click("#new-request")
    page.fill("input[name=title]", "新厂房用电增容")
    page.select_option("select[name=category]", label="要素保障—用电")
    page.fill("textarea[name=description]", "新建厂房需增容 2000 千伏安，请协调供电。")
    page.click("#request-form button[type=submit]")
    page.wait_for_url("**/service/r/**")
    url = page.url.removeprefix(page.url.split("/service/")[0])
    request = ServiceRequest.objects.get(title="新厂房用电增容")
    assert request.enterprise == personas.own_enterprise
    assert page.locator("#request-state").inner_text() == "待受理"

    page = pages["officer_b"]
    page.goto(url)  # what the others did meanwhile
    take_step(page, url, "accept")
    take_step(page, url, "dispatch", {"department": "经济发展局", "note": "请经发局牵头"})
    assert page.locator("#request-state").inner_text() == "待签收"

    page = pages["officer_a"]
    page.goto(url)  # what the others did meanwhile
    take_step(page, url, "sign")
    assert page.locator("#signed-by").inner_text().startswith(str(personas.officer_a))
    take_step(page, url, "reply", {"reply": "已协调供电公司，增容方案已批复。", "outcome": "已解决"})
    assert page.locator("#request-state").inner_text() == "已答复待审核"

    page = pages["officer_b"]
    page.goto(url)  # what the others did meanwhile
    take_step(page, url, "approve_reply")
    take_step(page, url, "callback", {"note": "企业确认已送电"})
    assert page.locator("#request-state").inner_text() == "待回访"

    page = pages["contact"]
    page.goto(url)
    assert "已协调供电公司" in page.locator("#reply").inner_text()
    take_step(page, url, "rate", {"rating": "satisfied", "comment": "服务及时"})
    assert page.locator("#rating").inner_text().startswith("满意")

    page = pages["officer_b"]
    page.goto(url)  # what the others did meanwhile
    take_step(page, url, "close")
    assert page.locator("#request-state").inner_text() == "已办结"
    timeline = page.locator("#timeline tbody tr").evaluate_all("rows => rows.map(r => r.dataset.action)")
    assert timeline == [
        "create",
        "accept",
        "dispatch",
        "sign",
        "reply",
        "approve_reply",
        "callback",
        "rate",
        "close",
    ]
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED

    # the reopen: a result the enterprise is dissatisfied with goes back to the department
    second = desk.awaiting_callback(title="二期用地指标")
    second_url = f"/service/r/{second.public_id}/"
    page = pages["contact"]
    page.goto(second_url)  # what the others did meanwhile
    take_step(page, second_url, "rate", {"rating": "dissatisfied", "comment": "问题没有解决"})
    page = pages["officer_b"]
    page.goto(second_url)  # what the others did meanwhile
    take_step(page, second_url, "reopen", {"reason": "承办单位答复不实，重新办理"})
    assert page.locator("#request-state").inner_text() == "办理中"
    second.refresh_from_db()
    assert (second.state, second.reopen_count) == (RequestState.IN_PROGRESS, 1)


def portal_text(page, url: str) -> str:
    page.goto(url)
    return page.inner_text("body")


def test_the_enterprise_sees_only_the_reply_the_centre_let_through(pages, personas, desk):
    """退回重答: the department replies, the centre sends it back, the department replies again, the centre
    passes it. The enterprise contact, looking at its request after each step, never sees the first reply or a
    note of the committee's, and sees the final reply once it is let through."""
    request = desk.submit(title="研发费用加计扣除政策咨询")
    url = f"/service/r/{request.public_id}/"
    centre, officer, contact = pages["officer_b"], pages["officer_a"], pages["contact"]
    internal = [
        "请经发局牵头办理（内部）",
        "初稿：请企业自行查阅文件",
        "答复过于简单，请写明政策依据",
        "审核通过（内部意见）",
    ]

    page = centre
    page.goto(url)
    take_step(page, url, "accept")
    take_step(page, url, "dispatch", {"department": "经济发展局", "note": internal[0]})
    page = officer
    page.goto(url)
    take_step(page, url, "sign")
    take_step(page, url, "reply", {"reply": internal[1], "outcome": "已解决"})
    seen = [portal_text(contact, url)]

    page = centre
    page.goto(url)
    take_step(page, url, "reject_reply", {"note": internal[2]})
    assert page.locator("#request-state").inner_text() == "办理中"
    seen.append(portal_text(contact, url))

    page = officer
    page.goto(url)
    take_step(
        page,
        url,
        "reply",
        {"reply": "根据财税〔2023〕7号文，贵企业研发费用可按100%加计扣除。", "outcome": "已解决"},
    )
    seen.append(portal_text(contact, url))

    page = centre
    page.goto(url)
    assert internal[1] in page.inner_text("#timeline")  # staff read the whole history
    take_step(page, url, "approve_reply", {"note": internal[3]})
    assert page.locator("#request-state").inner_text() == "待回访"
    seen.append(portal_text(contact, url))

    for text in seen:
        for secret in internal:
            assert secret not in text
    assert "财税〔2023〕7号文" not in "".join(seen[:3])  # not before the centre let it through
    assert "财税〔2023〕7号文" in contact.locator("#reply").inner_text()
    timeline = contact.locator("#timeline tbody tr").evaluate_all("rows => rows.map(r => r.dataset.action)")
    assert timeline == ["create", "accept", "dispatch", "sign", "approve_reply"]
    assert "财税〔2023〕7号文" in contact.locator('#timeline tr[data-action="approve_reply"]').inner_text()
