"""A visitor walks the directory in three languages; a member edits its profile (real Chromium)."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_directory_walk_in_three_languages_and_member_self_edit(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    page.goto(f"{base}/directory/")
    expect(page.locator("h1")).to_have_text("Directory")
    screenshot("directory-en")

    with page.expect_navigation():
        page.select_option("#language-select", "zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("h1")).to_have_text("名录")
    screenshot("directory-zh-hans")

    with page.expect_navigation():
        page.select_option("#language-select", "he")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("מדריך הארגונים")
    # Right to left for real: the brand sits at the right edge and the filters column on the right.
    width = page.viewport_size["width"]
    brand = page.locator(".navbar-brand").bounding_box()
    filters = page.locator("#directory-filters").bounding_box()
    results = page.locator("#results").bounding_box()
    assert brand["x"] > width / 2
    assert filters["x"] > results["x"]
    screenshot("directory-he")

    page.select_option("#id_country", "IL")
    expect(page).to_have_url(re.compile(r"country=IL"))
    expect(page.locator("#result-count")).not_to_contain_text("156")
    badges = page.locator("article .badge-country")
    expect(badges.first).to_be_visible()
    assert set(badges.all_inner_texts()) == {"ישראל"}
    screenshot("directory-he-israel")

    with page.expect_navigation():
        page.select_option("#language-select", "en")
    page.goto(f"{base}/directory/?q=Ai-Care")
    page.get_by_role("link", name="Ai-Care Medical Technology").click()
    expect(page.locator("#org-name")).to_have_text("Ai-Care Medical Technology")
    expect(page.get_by_text("Soft hand exoskeleton", exact=True)).to_be_visible()
    screenshot("organisation")

    page.locator("#login-link").click()
    page.fill("#id_username", "member")
    page.fill("#id_password", "innohub-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#org-name")).to_have_text("Ai-Care Medical Technology")
    page.locator("#edit-profile").click()
    page.fill("#id_headcount", "42")
    page.fill("#id_description_1", "Soft robotic rehabilitation for hands, made in Shanghai.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#org-description")).to_contain_text("Soft robotic rehabilitation")
    expect(page.get_by_text("The profile has been saved.")).to_be_visible()
    screenshot("organisation-edited")

    page.locator("#account-menu").click()
    page.locator("#logout-button").click()
    expect(page.locator("#login-link")).to_be_visible()
