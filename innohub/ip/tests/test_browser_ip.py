"""The IP officer's day and a member's view, in a real Chromium against the demo hub."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, username: str, language: str = "en") -> None:
    """Sign in and choose the page language (demo users have their own preferred one)."""
    page.goto(f"{base}/accounts/login/?next=/ip/")
    page.fill("#id_username", username)
    page.fill("#id_password", "innohub-demo")
    # The login page's own address (?next=/ip/) contains /ip/ too: wait for the sign-in itself.
    with page.expect_navigation():
        page.locator("form button[type='submit']").last.click()
    expect(page).to_have_url(re.compile(r"/ip/$"))
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.select_option("#language-select", language)


def test_statistics_reproduce_the_first_anniversary_in_three_languages(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    page.goto(f"{base}/ip/statistics/?hub=ciih-shanghai&on=2020-12-03")
    row = page.locator("#statistics-table tr[data-type='cn-trademark']")
    # Columns: type, in preparation, filed, under examination, valid, …
    expect(row.locator("td").nth(3)).to_have_text("37")
    expect(page.locator("#statistics-table tr[data-type='cn-software'] td").nth(3)).to_have_text(
        "68"
    )
    expect(page.locator("#statistics-table tr[data-type='cn-utility'] td").nth(3)).to_have_text(
        "22"
    )
    expect(page.locator("#statistics-table tr[data-type='cn-invention'] td").nth(3)).to_have_text(
        "19"
    )
    screenshot("ip-statistics-en")
    with page.expect_navigation():
        page.select_option("#language-select", "zh-hans")
    expect(page.locator("h1")).to_have_text("知识产权统计")
    screenshot("ip-statistics-zh-hans")
    with page.expect_navigation():
        page.select_option("#language-select", "he")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("סטטיסטיקת קניין רוחני")
    screenshot("ip-statistics-he")
    with page.expect_navigation():
        page.select_option("#language-select", "en")


def test_the_ip_officer_works_the_board_and_a_member_sees_its_deadlines(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    sign_in(page, base, "ipofficer")
    page.get_by_role("link", name="Deadline board").first.click()
    expect(page.locator("h1")).to_contain_text("Deadline board")
    grace = page.locator("#board-grace li[data-deadline]")
    expect(grace.first).to_be_visible()
    count = grace.count()
    screenshot("ip-board")
    with page.expect_navigation():
        grace.first.get_by_role("button", name="Record as done").click()
    expect(page.locator(".alert")).to_contain_text("Recorded as done")
    expect(page.locator("#board-grace li[data-deadline]")).to_have_count(count - 1)

    page.goto(f"{base}/ip/?type=cn-trademark")
    expect(page.locator("#result-count")).to_contain_text("asset")
    page.locator("#portfolio-table tbody tr a").first.click()
    expect(page.locator("#deadline-timeline")).to_be_visible()
    expect(page.locator("#deadline-timeline li").first).to_be_visible()
    screenshot("ip-asset-timeline")

    page.locator("#account-menu").click()
    page.locator("#logout-button").click()
    sign_in(page, base, "member")
    page.goto(f"{base}/ip/my/")
    expect(page.locator("#reminders li[data-reminder]").first).to_be_visible()
    expect(page.locator("#my-deadlines tbody tr").first).to_be_visible()
    screenshot("ip-my-deadlines")
    page.goto(f"{base}/ip/board/")
    expect(page.locator("body")).to_contain_text("403")


def test_a_wrong_patent_number_is_explained_in_chinese(page: Page, innohub_server, screenshot):
    base = innohub_server["url"]
    sign_in(page, base, "member", language="zh-hans")
    page.goto(f"{base}/ip/new/")
    page.select_option("#id_type", "cn-invention")
    page.fill("#id_number", "201710601862.4")
    page.fill("input[name='title_0']", "一种测试方法")
    page.fill("#id_filed_on", "2017-07-20")
    page.select_option("#id_owners", index=0)
    page.locator("#asset-form button[type='submit']").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("校验位错误")
    screenshot("ip-number-error-zh-hans")
    with page.expect_navigation():
        page.select_option("#language-select", "en")
