"""Matchmaking in real Chromium: a Chinese search finds an English offer, a member gives
feedback without reloading the page, staff introduce two parties and record a meeting."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/matching/mine/")
    page.fill("#id_username", username)
    page.fill("#id_password", "innohub-demo")
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()


def test_search_in_chinese_and_hebrew_finds_offers_written_in_other_languages(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    page.goto(f"{base}/matching/")
    with page.expect_navigation():
        page.select_option("#language-select", "zh-hans")
    expect(page.locator("h1")).to_have_text("合作对接")
    page.fill("#id_q", "康复医院需要帮助中风病人恢复手部抓握的可穿戴设备")
    page.locator("#search-button").click()
    first = page.locator("#results article.suggestion").first
    # The first search of a server process loads the model and the Chinese dictionary.
    expect(first).to_contain_text("柔性手部外骨骼", timeout=60_000)
    expect(first.locator(".reason-similarity")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q="))
    screenshot("matching-search-zh")

    with page.expect_navigation():
        page.select_option("#language-select", "he")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.fill("#id_q", "קבוצת השקעות סינית מחפשת סטארט-אפים ישראליים לתחבורה חכמה ונהיגה אוטונומית")
    page.locator("#search-button").click()
    expect(page.locator("#results article.suggestion").first).to_contain_text(
        "סטארט-אפים ישראליים לתחבורה חכמה", timeout=30_000
    )
    screenshot("matching-search-he")
    with page.expect_navigation():
        page.select_option("#language-select", "en")


def test_a_member_marks_suggestions_and_staff_introduce_and_track(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    sign_in(page, base, "member")
    expect(page.locator("h1")).to_have_text("My matches", timeout=60_000)
    section = page.locator("section.my-listing").filter(has_text="Soft hand exoskeleton")
    fresh = section.locator("article.suggestion").filter(has_not=page.locator("[data-verdict]"))
    listing_id = fresh.first.get_attribute("data-listing")
    target = section.locator(f'article.suggestion[data-listing="{listing_id}"]')
    title = target.locator("h3").inner_text()
    target.get_by_role("button", name="Interested").click()
    expect(target.locator('[data-verdict="interested"]')).to_be_visible()
    screenshot("matching-my-matches")
    page.reload()
    expect(
        section.locator("article.suggestion").filter(has_text=title).locator("[data-verdict]")
    ).to_be_visible()
    page.locator("#account-menu").click()
    with page.expect_navigation():
        page.locator("#logout-button").click()

    sign_in(page, base, "staff")
    page.goto(f"{base}/matching/introductions/")
    expect(page.locator("#requests")).to_contain_text(title)
    row = page.locator("#requests tbody tr").filter(has_text=title).first
    with page.expect_navigation():
        row.get_by_role("button", name="Introduce today").click()
    expect(page.locator("#introduction-state")).to_have_text("Introduced")
    page.select_option("#id_state", "meeting")
    page.fill("#id_note", "Met at the roadshow centre.")
    with page.expect_navigation():
        page.locator("#introduction-step button[type=submit]").click()
    expect(page.locator("#introduction-state")).to_have_text("Meeting held")
    expect(page.locator("#introduction-timeline")).to_contain_text("Met at the roadshow centre.")
    screenshot("matching-introduction")
