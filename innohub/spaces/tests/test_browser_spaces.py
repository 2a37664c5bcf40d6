"""A member books a roadshow centre, sees it on the calendar; another member cannot take the slot.

Real Chromium against the shared `innohub run` server with the demo hub. The slot is picked
far enough ahead (and at a random day) not to meet other tests' or the demo's bookings.
"""

import random
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/spaces/")
    page.fill("#id_username", username)
    page.fill("#id_password", "innohub-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Rooms to book")


def sign_out(page: Page) -> None:
    page.locator("#account-menu").click()
    page.locator("#logout-button").click()
    expect(page.locator("#login-link")).to_be_visible()


def test_a_member_books_a_roadshow_centre_and_a_second_member_cannot_take_the_slot(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    day = date.today() + timedelta(days=random.randint(100, 160))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    title = f"Ai-Care investor roadshow {random.randint(1000, 9999)}"

    # The public sees the roadshow centres and their free slots, but cannot book.
    page.goto(f"{base}/spaces/")
    expect(page.locator('[data-room="1-201"]')).to_be_visible()
    page.locator('[data-room="1-201"] a').click()
    expect(page.locator("#room-name")).to_have_text("Roadshow centre A")
    expect(page.get_by_role("link", name="Sign in to book")).to_be_visible()
    expect(page.locator("#booking-form")).to_have_count(0)

    sign_in(page, base, "member")
    page.locator('[data-room="1-201"] a').click()
    expect(page.locator("#booking-form")).to_be_visible()
    page.fill("#id_day", day.isoformat())
    page.fill("#id_start", "19:00")
    page.fill("#id_end", "20:30")
    page.fill("#id_title", title)
    page.select_option("#id_kind", "roadshow")
    page.fill("#id_attendance", "80")
    page.locator("#book-button").click()
    expect(page.get_by_text("The room is booked.")).to_be_visible()
    day_cell = page.locator(f'.week-day[data-day="{day.isoformat()}"]')
    expect(day_cell).to_contain_text(title)
    expect(day_cell).to_contain_text("19:00–20:30")
    expect(page.locator("#slots-heading")).to_contain_text(str(day.year))
    screenshot("spaces-booked-by-member")
    page.goto(f"{base}/spaces/bookings/?from={day.isoformat()}")
    expect(page.locator("#booking-table")).to_contain_text(title)
    sign_out(page)

    # A second member sees the slot as taken, without its title, and cannot book it.
    sign_in(page, base, "mantis")
    page.locator('[data-room="1-201"] a').click()
    page.goto(page.url.split("?")[0] + f"?day={day.isoformat()}&week={day.isoformat()}")
    day_cell = page.locator(f'.week-day[data-day="{day.isoformat()}"]')
    expect(day_cell).to_contain_text("Booked")
    expect(day_cell).not_to_contain_text(title)
    expect(page.locator("#free-periods")).not_to_contain_text("19:00–20:30")
    page.fill("#id_day", day.isoformat())
    page.fill("#id_start", "19:30")
    page.fill("#id_end", "20:00")
    page.fill("#id_title", "Mantis Vision product launch")
    page.fill("#id_attendance", "50")
    page.locator("#book-button").click()
    expect(page.locator("#booking-errors")).to_contain_text("This slot is already taken")
    expect(page.locator("#booking-errors")).to_contain_text(re.compile(r"19:00.*20:30"))
    screenshot("spaces-slot-taken-for-second-member")

    # The same page in Hebrew runs right to left and keeps the hub's times.
    with page.expect_navigation():
        page.select_option("#language-select", "he")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(f'.week-day[data-day="{day.isoformat()}"]')).to_contain_text("19:00–20:30")
    screenshot("spaces-room-he")
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    sign_out(page)
