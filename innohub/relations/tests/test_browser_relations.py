"""Staff record a visit with a two-stop itinerary and an agreement signed during it (Chromium)."""

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "innohub-demo")
    with page.expect_navigation():
        page.locator("#login-form button[type=submit]").click()


def pick(page: Page, picker: str, query: str) -> None:
    """Type into a picker's search box and tick the one match it offers.

    The staff account reads the pages in Chinese, so matches are told apart by being the
    unticked box, not by their label.
    """
    page.fill(f"#picker-{picker}-q", query)
    offered = page.locator(f"#picker-{picker}-results input[value^='org:']:not(:checked)")
    expect(offered).to_have_count(1)
    offered.check()


def add_stop(page: Page, title: str, starts: str, host_query: str) -> None:
    page.locator("#add-stop").click()
    page.select_option("#id_kind", "company")
    page.fill("#id_title_1", title)
    page.fill("#id_starts_at", starts)
    pick(page, "host", host_query)
    with page.expect_navigation():
        page.locator("#save-button").click()


def test_staff_record_a_visit_with_two_stops_and_an_agreement_signed_during_it(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    tag = uuid.uuid4().hex[:6]
    visit_title = f"Tel Aviv medtech delegation {tag}"
    agreement_title = f"Rehabilitation pilot MoU {tag}"
    sign_in(page, base, "staff")

    page.goto(f"{base}/relations/visits/new/")
    page.fill("#id_title_1", visit_title)
    page.select_option("#id_direction", "incoming")
    page.fill("#id_delegation_name_1", f"Israeli medtech founders {tag}")
    page.select_option("#id_origin_country", "IL")
    page.fill("#id_starts_on", "2025-05-12")
    page.fill("#id_ends_on", "2025-05-13")
    page.select_option("#id_date_precision", "day")
    page.select_option("#id_time_zone", "Asia/Shanghai")
    screenshot("relations-visit-form")
    with page.expect_navigation():
        page.locator("#save-button").click()
    expect(page.locator("#visit-title")).to_have_text(visit_title)

    add_stop(page, "Soft exoskeleton demonstration", "2025-05-12T10:00", "Ai-Care")
    add_stop(page, "3D structured-light lab", "2025-05-12T14:30", "Mantis")
    stops = page.locator("#itinerary .itinerary-stop")
    expect(stops).to_have_count(2)
    expect(stops.nth(0)).to_contain_text("Soft exoskeleton demonstration")
    expect(stops.nth(0)).to_contain_text("10:00")
    expect(stops.nth(1)).to_contain_text("3D structured-light lab")
    expect(stops.nth(1)).to_contain_text("14:30")
    screenshot("relations-visit-itinerary")

    page.locator("#record-agreement").click()
    expect(page.locator("#id_signed_on")).to_have_value("2025-05-12")
    page.fill("#id_title_1", agreement_title)
    page.select_option("#id_kind", "mou")
    page.select_option("#id_status", "signed")
    pick(page, "parties", "Ai-Care")
    pick(page, "parties", "Mantis")
    # The first choice stays ticked while the second search runs.
    expect(page.locator("#picker-parties-results input:checked")).to_have_count(2)
    screenshot("relations-agreement-form")
    with page.expect_navigation():
        page.locator("#save-button").click()
    expect(page.locator("#agreement-title")).to_have_text(agreement_title)
    expect(page.locator("#agreement-visit")).to_have_text(visit_title)
    expect(page.locator("#parties li[data-party]")).to_have_count(2)
    agreement_url = page.url
    screenshot("relations-agreement")

    agreement_path = re.sub(r"^https?://[^/]+", "", agreement_url)
    party_links = page.locator("#parties li[data-party] a")
    party_urls = [party_links.nth(i).get_attribute("href") for i in range(2)]
    names = []
    for url in party_urls:
        page.goto(base + url)
        names.append(page.locator("#org-name").inner_text())
        panel = page.locator("#relations-agreements")
        expect(panel.locator(f"a[href='{agreement_path}']")).to_be_visible()
        expect(panel).to_contain_text(agreement_title)
        expect(page.locator("#relations-timeline")).to_contain_text(visit_title)
        screenshot(f"relations-party-page-{len(names)}")
    assert names[0] != names[1]

    # The visit lists the agreement among its outcomes.
    page.goto(agreement_url)
    page.locator("#agreement-visit").click()
    expect(page.locator("#visit-agreements")).to_contain_text(agreement_title)
    expect(page).to_have_url(re.compile(r"/relations/visits/\d+/$"))


def test_the_agreements_and_a_visit_read_right_to_left_in_hebrew(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    page.goto(f"{base}/relations/")
    with page.expect_navigation():
        page.select_option("#language-select", "he")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("הסכמים")
    filters = page.locator("#agreement-filters").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["x"] > results["x"]
    screenshot("relations-agreements-he")
    page.goto(f"{base}/relations/visits/?q=Shanghai+mayor")
    page.locator("#results a[data-visit]").first.click()
    expect(page.locator("#visit-date-note")).to_contain_text("השנה")
    expect(page.locator("#itinerary .itinerary-stop")).to_have_count(9)
    screenshot("relations-mayor-visit-he")
    with page.expect_navigation():
        page.select_option("#language-select", "en")
