"""A member working in Hebrew asks for a work permit, the provider answers in Chinese, the
member rates the service (real Chromium against a running server)."""

import email
import re
from email import policy

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from innohub.servicedesk.models import RequestState

pytestmark = pytest.mark.browser

PASSWORD = "innohub-demo"


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("#login-form [type=submit]").click()


def outbox_messages(outbox) -> list[email.message.EmailMessage]:
    if not outbox.exists():
        return []
    found = []
    for path in sorted(outbox.iterdir()):
        # The file backend writes several messages to one file, separated by a line of dashes.
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.strip(), policy=policy.default))
    return found


def test_a_hebrew_member_requests_a_work_permit_and_rates_the_chinese_answer(
    page: Page, browser, innohub_server, screenshot
):
    base = innohub_server["url"]
    subject = "אשרת עבודה למהנדסת הראשית שלנו"

    # The member (Mantis Vision) works in Hebrew.
    sign_in(page, base, "mantis")
    with page.expect_navigation():
        page.select_option("#language-select", "he")
    page.goto(f"{base}/services/?hub=ciih-shanghai")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("שירותים לחברים")
    screenshot("services-catalogue-he")
    page.get_by_role("link", name="היתרי עבודה ושהייה לעובדים זרים").click()
    expect(page.locator("#service-name")).to_have_text("היתרי עבודה ושהייה לעובדים זרים")
    page.fill("#id_subject", subject)
    page.fill(
        "#id_description",
        "המהנדסת הראשית שלנו עוברת מחיפה לשנחאי בחודש הבא. אילו מסמכים אתם צריכים?",
    )
    page.locator("#submit-request").click()
    expect(page).to_have_url(re.compile(r"/services/requests/\d+/$"))
    expect(page.locator("#request-state")).to_have_text("הוגשה")
    expect(page.locator("#routed-to")).to_contain_text("שירותי כישרונות ואשרות סין–ישראל")
    expect(page.locator("#response-due .timeliness")).to_be_visible()
    request_url = page.url
    member_shot = screenshot("services-request-submitted-he")

    # The provider signs in elsewhere; its saved language is Chinese.
    provider_context = browser.new_context()
    provider = provider_context.new_page()
    try:
        sign_in(provider, base, "visadesk")
        provider.goto(f"{base}/services/requests/")
        expect(provider.locator("html")).to_have_attribute("lang", "zh-hans")
        provider.get_by_role("link", name=subject).click()
        expect(provider).to_have_url(request_url)
        expect(provider.locator("#thread")).to_contain_text("המהנדסת הראשית שלנו עוברת")
        with provider.expect_navigation():
            provider.locator("[data-transition=accepted]").click()
        expect(provider.locator("#request-state")).to_have_text("已受理")
        expect(provider.locator("#response-due [data-timeliness=on_time]")).to_have_text("准时")
        provider.fill(
            "#id_body",
            "您好！请提供护照首页扫描件、学历认证和无犯罪记录证明。收到材料后两周内提交申请。",
        )
        with provider.expect_navigation():
            provider.locator("#send-message").click()
        with provider.expect_navigation():
            provider.locator("[data-transition=done]").click()
        expect(provider.locator("#request-state")).to_have_text("已完成")
        provider_shot = member_shot.name.replace(
            "services-request-submitted-he", "services-request-answered-zh-hans"
        )
        provider.screenshot(path=str(member_shot.with_name(provider_shot)), full_page=True)
    finally:
        provider_context.close()

    # The member reads the Chinese answer and rates the service.
    page.goto(request_url)
    with translation.override("he"):
        done = str(RequestState.DONE.label)
    expect(page.locator("#request-state[data-state=done]")).to_have_text(done)
    expect(page.locator(".message[data-side=provider] .message-body")).to_contain_text(
        "请提供护照首页扫描件"
    )
    page.locator("label", has_text="5 – מצוין").click()
    page.fill("#id_comment", "מהיר וברור, תודה!")
    with page.expect_navigation():
        page.locator("#send-rating").click()
    expect(page.locator("#rating")).to_contain_text("5 מתוך 5")
    expect(page.locator("#rating-form")).to_have_count(0)
    screenshot("services-request-rated-he")

    # Each side heard about it by e-mail, in its own language.
    messages = outbox_messages(innohub_server["outbox"])
    to_provider = [m for m in messages if m["To"] == "visadesk@demo.innohub.local"]
    to_member = [m for m in messages if m["To"] == "mantis@demo.innohub.local"]
    # (A long encoded subject may come back with folding whitespace around it.)
    assert any(m["Subject"].strip().startswith("新的服务请求") for m in to_provider)
    assert any("获得 5 分" in m["Subject"] for m in to_provider)
    assert any(m["Subject"].strip().endswith(done) for m in to_member)
    assert all(m["Content-Language"] == "he" for m in to_member)

    with page.expect_navigation():
        page.select_option("#language-select", "en")
