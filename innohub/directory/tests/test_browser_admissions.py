"""A visitor applies in Chinese, staff admit in English, the new member signs in (real Chromium)."""

import email
import random
import re
import time
from email import policy

import pytest
from playwright.sync_api import Page, expect

from innohub.common.identifiers import uscc_check_character

pytestmark = pytest.mark.browser


def invitation_for(outbox, address: str, timeout: float = 20) -> email.message.EmailMessage:
    """The invitation sent to `address` (the server writes each e-mail as a file)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(outbox.glob("*.log")) if outbox.exists() else []:
            for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if not raw.strip():
                    continue
                message = email.message_from_bytes(raw.strip(), policy=policy.default)
                if address in str(message["To"]) and "/accounts/welcome/" in message.get_content():
                    return message
        time.sleep(0.5)
    raise AssertionError(f"no invitation for {address} in {outbox}")


def test_a_visitor_applies_in_chinese_staff_admit_in_english_the_member_signs_in(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    run = random.randrange(10**6)
    body = "91310107" + f"{run:09d}"
    uscc = body + uscc_check_character(body)
    name = f"星河智能科技{run}"
    address = f"zhang{run}@example.cn"

    # The visitor, in Chinese.
    page.goto(f"{base}/directory/apply/")
    with page.expect_navigation():
        page.select_option("#language-select", "zh-hans")
    expect(page.locator("h1")).to_have_text("申请入驻创新园")
    expect(page.locator("#id_org-hub option:checked")).to_contain_text("上海")
    page.fill("#id_org-name_0", name)
    page.select_option("#id_org-kind", "startup")
    page.select_option("#id_org-country", "CN")
    page.get_by_label("网络安全").check()
    page.fill("#id_org-uscc", uscc)
    page.fill("#id_org-description_0", "工业控制系统安全。")
    page.fill("#id_contact1-name", "张伟")
    page.fill("#id_contact1-title", "总经理")
    page.fill("#id_contact1-email", address)
    page.get_by_label("办公空间").check()
    page.get_by_label("对接投资人").check()
    page.fill("#id_req-motivation", "希望与以色列网络安全团队合作。")
    page.locator("#id_req-consent").check()
    screenshot("apply-zh-hans")
    page.locator("#submit-application").click()
    expect(page.locator("#application-status")).to_have_attribute("data-status", "submitted")
    expect(page.get_by_text("谢谢：我们已收到您的申请")).to_be_visible()
    screenshot("application-status-zh-hans")

    # Staff, in English.
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    page.locator("#login-link").click()
    page.fill("#id_username", "staff")
    page.fill("#id_password", "innohub-demo")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/directory/applications/")
    expect(page.locator("h1")).to_contain_text("Applications")
    page.get_by_role("link", name=name).click()
    expect(page.locator("#application-org")).to_have_text(name)
    expect(page.locator("#application-wants")).to_contain_text("Office space")
    page.locator("#start-review").click()
    expect(page.get_by_text("The review has started.")).to_be_visible()
    page.locator("#admit-section summary").click()
    page.fill("#id_admit-reason", "Welcome: a good fit with our cybersecurity members.")
    screenshot("application-admit-en")
    page.locator("#admit-button").click()
    expect(page.get_by_text("The organisation has been admitted.")).to_be_visible()
    expect(page.locator("#application-status")).to_have_attribute("data-status", "admitted")
    expect(page.locator("#application-timeline li[data-action='invited']")).to_have_count(1)
    screenshot("application-admitted-en")
    page.locator("#account-menu").click()
    page.locator("#logout-button").click()

    # The invitation reaches the applicant in Chinese; the new member chooses a password.
    message = invitation_for(innohub_server["outbox"], address)
    content = message.get_content()
    assert "欢迎使用 innohub" in content and name in str(message["Subject"])
    link = re.search(r"https?://\S+/accounts/welcome/\S+/", content)[0]
    page.goto(link)
    username = page.locator("#welcome-username").inner_text()
    page.fill("#id_new_password1", "river-star-2024-safe")
    page.fill("#id_new_password2", "river-star-2024-safe")
    screenshot("welcome-choose-password")
    page.locator("#welcome-form button[type=submit]").click()
    expect(page.locator("#login-form")).to_be_visible()
    page.fill("#id_username", username)
    page.fill("#id_password", "river-star-2024-safe")
    page.locator("#login-form button[type=submit]").click()
    expect(page.locator("#account-menu")).to_be_visible()

    # The member finds its organisation, listed and editable.
    page.goto(f"{base}/directory/?q={uscc}")
    page.locator("article.card-org a").first.click()
    expect(page.locator("#org-name")).to_contain_text(name)
    expect(page.locator("#edit-profile")).to_be_visible()
    expect(page.locator("#add-product")).to_be_visible()
    screenshot("new-member-organisation")
