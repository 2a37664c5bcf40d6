"""Hub staff open the dashboard and the annual report in three languages (real Chromium)."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

TITLES = {"en": "Dashboard", "zh-hans": "数据看板", "he": "לוח נתונים"}
TRADEMARKS = {"en": "37 valid trademarks", "zh-hans": "37 件有效商标", "he": "37 סימני מסחר תקפים"}


def test_dashboard_and_report_in_three_languages(page: Page, innohub_server, screenshot):
    base = innohub_server["url"]
    page.goto(f"{base}/accounts/login/?next=/reports/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", "innohub-demo")
    page.locator("form button[type='submit']").last.click()
    expect(page).to_have_url(re.compile(r"/reports/hubs/ciih-shanghai/"))

    for language in ("en", "zh-hans", "he"):
        page.goto(f"{base}/reports/hubs/ciih-shanghai/?on=2020-12-03")
        if page.locator("html").get_attribute("lang") != language:
            with page.expect_navigation():
                page.select_option("#language-select", language)
        expect(page.locator("#dashboard-title")).to_contain_text(TITLES[language])
        expect(page.locator("#headline-members")).to_have_text("32")
        # The charts are inline SVG with an accessible title, drawn despite the strict CSP.
        chart = page.locator("#chart-ip-valid")
        expect(chart).to_be_visible()
        assert chart.bounding_box()["height"] > 50
        expect(page.locator("#chart-ip-valid-title")).to_have_count(1)
        screenshot(f"reports-dashboard-{language}")

        page.goto(
            f"{base}/reports/hubs/ciih-shanghai/annual/"
            f"?start=2019-12-03&end=2020-12-03&lang={language}"
        )
        report = page.locator("#annual-report")
        expect(report).to_have_attribute("lang", language)
        expect(report).to_have_attribute("dir", "rtl" if language == "he" else "ltr")
        expect(report.locator("ul[data-key='ip_valid'] li").first).to_have_text(
            TRADEMARKS[language]
        )
        screenshot(f"reports-annual-{language}")

    # A figure leads to the records behind it: the 37 trademarks valid on the anniversary.
    page.goto(f"{base}/reports/hubs/ciih-shanghai/?on=2020-12-03")
    page.locator("#table-ip a[href*='type=cn-trademark']").first.click()
    expect(page).to_have_url(re.compile(r"/ip/\?.*on=2020-12-03"))
    screenshot("reports-ip-behind-figure")
