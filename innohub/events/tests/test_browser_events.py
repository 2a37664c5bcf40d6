"""In real Chromium: a visitor registers in Hebrew and gets the confirmation; a judge scores."""

from __future__ import annotations

import email
import json
import time
import uuid
from email import policy
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ROADSHOW_HE = "רודשואו של טכנולוגיה רפואית ישראלית"


def mail_to(outbox: Path, address: str, timeout: float = 15) -> email.message.EmailMessage:
    """The message the file e-mail backend wrote to an address (a file holds several)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(outbox.glob("*.log")) if outbox.exists() else []:
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if address.encode() in chunk:
                    return email.message_from_bytes(chunk.strip(), policy=policy.default)
        time.sleep(0.25)
    raise AssertionError(f"no e-mail to {address} in {outbox}")


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "innohub-demo")
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def test_a_visitor_registers_in_hebrew_and_receives_the_confirmation(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    address = f"visitor-{uuid.uuid4().hex[:8]}@example.org"
    page.goto(f"{base}/events/")
    with page.expect_navigation():
        page.select_option("#language-select", "he")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("אירועים")
    screenshot("events-calendar-he")

    page.get_by_role("link", name=ROADSHOW_HE).first.click()
    expect(page.locator("#event-title")).to_have_text(ROADSHOW_HE)
    # Times side by side: the visitor's zone (the browser's, after one reload), Shanghai, Jerusalem.
    expect(page.locator('.times-table tr[data-zone="Asia/Shanghai"]')).to_contain_text("שנחאי")
    expect(page.locator('.times-table tr[data-zone="Asia/Jerusalem"]')).to_contain_text("ירושלים")
    screenshot("event-detail-he")

    page.fill("#id_name", "נועה לוי")
    page.fill("#id_email", address)
    page.fill("#id_organisation_name", "אקומושן")
    page.select_option("#id_country", "IL")
    expect(page.locator("#id_language")).to_have_value("he")
    with page.expect_navigation():
        page.locator("#registration-form button[type=submit]").click()
    expect(page.locator("#registration-status")).to_have_attribute("data-status", "confirmed")
    expect(page.locator("#registration-status")).to_contain_text("המקום שלך מאושר")
    expect(page.locator("#check-in-qr")).to_be_visible()
    screenshot("registration-confirmed-he")

    message = mail_to(Path(innohub_server["outbox"]), address)
    # Folded headers keep the space of the fold; compare the text.
    assert str(message["Subject"]).strip() == f"ההרשמה אושרה: {ROADSHOW_HE}"
    assert str(message["To"]).strip() == address
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "נועה לוי שלום" in body
    assert "שנחאי" in body and "ירושלים" in body
    code = page.locator("#check-in-code").inner_text().strip()
    assert f"/events/check-in/{code}/" in body
    html = message.get_body(preferencelist=("html",)).get_content()
    assert 'dir="rtl"' in html
    parts = {part.get_filename(): part for part in message.iter_attachments()}
    calendar = icalendar.Calendar.from_ical(parts["event.ics"].get_content())
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == ROADSHOW_HE
    assert parts["check-in.png"].get_content_type() == "image/png"


def test_a_judge_scores_an_entry_and_is_kept_from_a_conflicted_one(
    page: Page, innohub_server, screenshot
):
    base = innohub_server["url"]
    tag = uuid.uuid4().hex[:6]
    page.on("dialog", lambda dialog: dialog.accept())

    # The hub's staff set up a contest of their own through the API (session + CSRF token).
    sign_in(page, base, "staff")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    headers = {"X-CSRFToken": token, "Content-Type": "application/json", "Referer": base + "/"}

    def api(path: str, data: dict) -> dict:
        response = page.request.post(
            f"{base}/api/v1/events/{path}", data=json.dumps(data), headers=headers
        )
        assert response.ok, response.text()
        return response.json()

    contest = api(
        "contests",
        {
            "hub": "ciih-shanghai",
            "title": {"en": f"Browser contest {tag}", "he": f"תחרות דפדפן {tag}"},
            "criteria": [
                {"name": {"en": "Innovation", "he": "חדשנות"}, "weight": 3},
                {"name": {"en": "Team", "he": "צוות"}, "weight": 1, "max_score": 5},
            ],
        },
    )
    slug, round_id = contest["slug"], contest["rounds"][0]["id"]
    mine = api(
        f"contests/{slug}/entries",
        {
            "title": {"en": f"Solar kiln {tag}"},
            "team_name": "Kiln",
            "description": {"en": "Dries clay with sunlight."},
        },
    )
    other = api(
        f"contests/{slug}/entries",
        {
            "title": {"en": f"Water drone {tag}"},
            "team_name": "Drone",
            "description": {"en": "Samples reservoirs."},
        },
    )
    api(f"contests/{slug}/rounds/{round_id}/open", {})
    for entry in (mine, other):
        api(
            f"contests/{slug}/assignments",
            {"round": round_id, "entry": entry["id"], "judge": "judge"},
        )

    sign_in(page, base, "judge")
    page.goto(f"{base}/events/judging/")
    with page.expect_navigation():
        page.locator(f'#judging-contests a[href="/events/contests/{slug}/judging/"]').click()
    task = page.locator(f'#judge-tasks li[data-entry="{mine["id"]}"]')
    with page.expect_navigation():
        task.locator("a.btn").click()
    criteria = contest["criteria"]
    page.fill(f"#id_criterion_{criteria[0]['id']}", "8")
    page.fill(f"#id_criterion_{criteria[1]['id']}", "4")
    page.fill("#id_comment", "A clever use of sunlight.")
    screenshot("judge-scoring")
    with page.expect_navigation():
        page.locator("#score-form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(task.locator("a.btn-outline-success")).to_be_visible()

    # Declaring a conflict takes the other entry away, and opening it is refused.
    conflict = page.locator(f'form.conflict-form[data-entry="{other["id"]}"]')
    conflict.locator('input[name="reason"]').fill("I advise this team.")
    with page.expect_navigation():
        conflict.locator("button[type=submit]").click()
    expect(page.locator(f'#judge-tasks li[data-entry="{other["id"]}"]')).to_have_count(0)
    screenshot("judge-conflict-declared")
    response = page.goto(f"{base}/events/contests/entries/{other['id']}/")
    assert response is not None and response.status == 403
    api_response = page.request.get(f"{base}/api/v1/events/contests/entries/{other['id']}")
    assert api_response.status == 403
