"""The demo hub's report states the seeds' first-anniversary figures, in every language and
every format, and each dashboard figure leads to exactly the records it counts."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from innohub.network.models import Hub
from innohub.reports import exports
from innohub.reports.selectors import Period

pytestmark = pytest.mark.django_db

ANNIVERSARY = Period(start=date(2019, 12, 3), end=date(2020, 12, 3))

EXPECTED = {
    "en": {
        "members": "32 member enterprises, institutions and projects",
        "valid": [
            "37 valid trademarks",
            "22 utility-model patents",
            "68 software registrations",
            "19 invention patents",
            "1 design patent",
        ],
        "design_pending": "1 more design patent under application",
        "preparation": "Another 10 applications were in preparation.",
    },
    "zh-hans": {
        "members": "汇聚了 32 家成员企业、机构和项目",
        "valid": [
            "37 件有效商标",
            "22 件实用新型专利",
            "68 件软件著作权登记",
            "19 件发明专利",
            "1 件外观设计专利",
        ],
        "design_pending": "另有 1 件外观设计专利申请中",
        "preparation": "另有 10 件申请正在准备中。",
    },
    "he": {
        "members": "התכנסו במרכז 32 חברות, מוסדות ומיזמים",
        "valid": [
            "37 סימני מסחר תקפים",
            "22 פטנטים של מודל תועלת",
            "68 רישומי תוכנה",
            "19 פטנטי המצאה",
            "פטנט עיצוב 1",
        ],
        "design_pending": "עוד פטנט עיצוב 1 בהליך רישום",
        "preparation": "עוד 10 בקשות היו בהכנה.",
    },
}


@pytest.fixture
def hub(demo):
    return Hub.objects.get(slug="ciih-shanghai")


@pytest.mark.parametrize("language", ["zh-hans", "en", "he"])
def test_it_states_the_seeds_first_anniversary_figures(hub, language):
    report = exports.report_build(hub=hub, period=ANNIVERSARY, language=language)
    said = {sentence.key: sentence for sentence in report.sentences}
    expected = EXPECTED[language]
    assert expected["members"] in said["members"].text
    assert said["ip_valid"].items == expected["valid"]
    assert expected["design_pending"] in said["ip_pending"].items
    assert said["ip_preparation"].text == expected["preparation"]
    assert report.bidi is (language == "he")


def test_it_counts_the_seeds_figures_the_way_the_ip_and_directory_apps_do(hub):
    from innohub.directory.selectors import members_count_on
    from innohub.ip.selectors import hub_assets, statistics

    report = exports.report_build(hub=hub, period=ANNIVERSARY, language="en")
    figures = report.figures
    assert figures.members == members_count_on(hub=hub, day=ANNIVERSARY.end) == 32
    ip = statistics(assets=hub_assets(hub), on=ANNIVERSARY.end, members_only=True).counts
    assert figures.ip == ip
    assert sum(figures.members_by_country.values()) == 32
    assert figures.members_over_time[-1] == (ANNIVERSARY.end, 32)
    assert figures.agreements["signed"] >= 1  # the anniversary's signing ceremony


def test_the_pdf_carries_chinese_and_hebrew_text(hub):
    from pypdf import PdfReader

    texts = {}
    for language in ("zh-hans", "he"):
        report = exports.report_build(hub=hub, period=ANNIVERSARY, language=language)
        pdf = exports.render_pdf(report)
        assert pdf.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(pdf))
        texts[language] = "\n".join(page.extract_text() for page in reader.pages)
    assert "37 件有效商标" in texts["zh-hans"]
    assert "中国–以色列创新园" in texts["zh-hans"] or "中以" in texts["zh-hans"]
    # Text extraction puts a number at whichever end of a right-to-left run it was drawn.
    hebrew_lines = texts["he"].splitlines()
    assert any("סימני מסחר תקפים" in line and "37" in line for line in hebrew_lines)
    assert "בקצרה" in texts["he"]


def test_the_workbook_has_a_sheet_per_section_with_numbers(hub):
    from openpyxl import load_workbook

    report = exports.report_build(hub=hub, period=ANNIVERSARY, language="zh-hans")
    book = load_workbook(io.BytesIO(exports.render_xlsx(report)))
    assert len(book.sheetnames) == 1 + len(report.tables)
    members = book["成员"]
    assert members["B2"].value == 32 and isinstance(members["B2"].value, int)
    ip = book["成员的知识产权"]
    valid = [row[1] for row in ip.iter_rows(min_row=2, values_only=True)]
    assert sorted(v for v in valid if v) == [1, 19, 22, 37, 68]
    for sheet in book.worksheets[1:]:
        for row in sheet.iter_rows(min_row=2, min_col=2, values_only=True):
            assert all(value is None or isinstance(value, int | float) for value in row)
    assert load_workbook(
        io.BytesIO(
            exports.render_xlsx(exports.report_build(hub=hub, period=ANNIVERSARY, language="he"))
        )
    ).active.sheet_view.rightToLeft


def test_the_command_writes_json_and_files(hub, tmp_path, capsys):
    call_command("report", "--hub", hub.slug, "--on", "2020-12-03")
    data = json.loads(capsys.readouterr().out)
    assert data["members"] == 32
    assert data["ip"]["cn-trademark"]["valid"] == 37
    assert data["members_by_country"] == {"CN": 18, "IL": 10, "JOINT": 4}
    assert set(data) >= {"members_by_sector", "admissions", "spaces", "events", "agreements"}
    target = tmp_path / "report.xlsx"
    call_command(
        "report",
        "--hub",
        hub.slug,
        "--start",
        "2019-12-03",
        "--end",
        "2020-12-03",
        "--format",
        "xlsx",
        "--lang",
        "he",
        "--output",
        str(target),
    )
    assert target.read_bytes()[:2] == b"PK"
    page = tmp_path / "report.html"
    call_command(
        "report",
        "--hub",
        hub.slug,
        "--on",
        "2020-12-03",
        "--format",
        "html",
        "--lang",
        "he",
        "--output",
        str(page),
    )
    html = page.read_text()
    assert 'dir="rtl"' in html and "37 סימני מסחר תקפים" in html


def test_the_dashboard_shows_the_anniversary_and_links_each_figure_to_its_records(
    hub, client_as, demo
):
    staff = client_as(demo.users["staff"])
    response = staff.get(f"/reports/hubs/{hub.slug}/", {"on": "2020-12-03"})
    assert response.status_code == 200
    html = response.content.decode()
    # Strict CSP: the inline charts carry no style attribute or element.
    assert "<svg" in html and " style=" not in html and "<style" not in html
    assert response.context["cache_minutes"] == 5 and 'id="dashboard-note"' in html
    tables = {t.key: t for t in response.context["report"].tables}
    members = tables["members"].rows[0]
    listed = staff.get(members.link)
    assert listed.context["page"].paginator.count == 32
    trademarks = next(r for r in tables["ip"].rows if r.values[0] == 37)
    assert staff.get(trademarks.link).context["page"].paginator.count == 37
    signed = tables["agreements"].rows[0]
    assert staff.get(signed.link).context["page"].paginator.count == signed.values[0]
    events = tables["events"].rows[0]
    assert len(staff.get(events.link).context["upcoming"]) == events.values[0]


def test_the_report_page_and_downloads(hub, client_as, demo):
    staff = client_as(demo.users["staff"])
    query = {"start": "2019-12-03", "end": "2020-12-03", "lang": "he"}
    page = staff.get(f"/reports/hubs/{hub.slug}/annual/", query)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'lang="he" dir="rtl"' in html and "37 סימני מסחר תקפים" in html
    xlsx = staff.get(f"/reports/hubs/{hub.slug}/annual.xlsx", query)
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = staff.get(
        f"/reports/hubs/{hub.slug}/annual/", {"start": "2021-01-01", "end": "2020-01-01"}
    )
    assert bad.status_code == 200 and bad.context["form"].errors


def test_the_dashboards_read_a_bounded_number_of_queries(
    hub, client_as, demo, django_assert_max_num_queries, settings
):
    from django.core.cache import cache
    from django.core.management import call_command

    # The database cache (the default without Redis): its reads are queries too.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "innohub_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    staff = client_as(demo.users["staff"])
    network = client_as(demo.users["network"])
    cache.clear()
    with django_assert_max_num_queries(60):
        assert staff.get(f"/reports/hubs/{hub.slug}/").status_code == 200
    cache.clear()
    with django_assert_max_num_queries(25 * Hub.objects.count() + 20):
        assert network.get("/reports/network/").status_code == 200
    # Cached: the second view reads only the session, the user, the hub and the cache.
    with django_assert_max_num_queries(14):
        assert staff.get(f"/reports/hubs/{hub.slug}/").status_code == 200
    # Cached: every hub's figures in one read of the cache, however many hubs there are.
    from innohub.common.testing import make_hub

    for n in range(10):
        make_hub(f"more-{n}")
    assert network.get("/reports/network/").status_code == 200
    with django_assert_max_num_queries(14):
        assert network.get("/reports/network/").status_code == 200


def test_the_network_figures_add_up_the_hubs(demo, api_as):
    response = api_as(demo.users["network"]).get(
        "/api/v1/reports/network/figures", {"on": "2020-12-03"}
    )
    assert response.status_code == 200
    data = response.json()
    assert len(data["hubs"]) == Hub.objects.count()
    assert data["total"]["members"] == sum(h["members"] for h in data["hubs"])
    shanghai = next(h for h in data["hubs"] if h["hub"] == "ciih-shanghai")
    assert shanghai["members"] == 32
    with translation.override("en"):
        assert "Shanghai" in shanghai["hub_name"]


def _network_rows(html: str) -> list[str]:
    import re

    table = html[html.index('id="network-table"') :]
    return re.findall(r"<tr.*?</tr>", table[: table.index("</table>")], re.S)


def _cells(row: str) -> list[str]:
    import re

    found = re.findall(r"<t[hd].*?</t[hd]>", row, re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in found]


def test_the_network_dashboard_has_a_row_per_hub_under_the_network_total(demo, client_as):
    html = client_as(demo.users["network"]).get("/reports/network/?on=2020-12-03").content.decode()
    rows = _network_rows(html)
    cells = _cells
    members = 1  # the first figure after the hub's name
    total, *hubs = rows[1:]
    assert "<a " not in total and all("<a " in row for row in hubs)
    assert len(hubs) == Hub.objects.count()
    assert next(cells(row) for row in hubs if "ciih-shanghai" in row)[members] == "32"
    assert int(cells(total)[members]) == sum(int(cells(row)[members]) for row in hubs)
    assert len(cells(rows[0])) == len(cells(total)) == 11  # the hub, then ten figures


def test_the_network_dashboard_sorts_by_a_column_and_pages_under_the_same_total(
    demo, client_as, monkeypatch
):
    from innohub.reports import views

    client = client_as(demo.users["network"])
    members = 1

    def shown(query: str) -> tuple[list[str], list[str]]:
        total, *hubs = _network_rows(
            client.get(f"/reports/network/?on=2020-12-03&{query}").content.decode()
        )[1:]
        return _cells(total), [_cells(row) for row in hubs]

    total, largest_first = shown("sort=-members")
    figures = [int(row[members]) for row in largest_first]
    assert figures == sorted(figures, reverse=True) and figures[0] == 32
    assert [row[members] for row in shown("sort=members")[1]] == [str(n) for n in sorted(figures)]
    # By name, then the other way; an unknown column keeps the network's order.
    names = [row[0] for row in shown("sort=hub")[1]]
    assert names == sorted(names, key=str.casefold)
    assert [row[0] for row in shown("sort=-hub")[1]] == names[::-1]
    assert len(shown("sort=nonsense")[1]) == len(names)
    # Pages of two hubs: each page its own hubs, every page the whole network's total.
    monkeypatch.setattr(views, "NETWORK_PAGE_SIZE", 2)
    first_total, first = shown("sort=-members")
    second_total, second = shown("sort=-members&page=2")
    assert first_total == second_total == total
    assert [int(row[members]) for row in first + second] == figures[:4]
    html = client.get("/reports/network/?sort=-members").content.decode()
    assert 'aria-sort="descending"' in html and "page=2" in html


def test_the_refresh_counts_ip_for_all_hubs_at_once_and_gets_each_hubs_own_figures(demo):
    from django.core.cache import cache

    from innohub.ip import selectors as ip_selectors
    from innohub.reports import selectors

    hubs = selectors.hubs_for_network_dashboard()
    assert selectors.refresh_cached_figures(hubs=hubs) == len(hubs)
    compared = 0
    for hub, period, key, _found in selectors._cached_figures(hubs, None):
        refreshed = cache.get(key)
        alone = selectors.hub_figures(hub=hub, period=period)
        refreshed.computed_at = alone.computed_at = None
        assert refreshed == alone
        compared += refreshed.ip_total(*ip_selectors.STATUS_ORDER)
    assert compared > 100  # the demo hub's portfolio is among them
    # The network's statistics of today, summed from one count per hub, are what counting the
    # network's assets at once gives, for network admins and for the public.
    today = timezone.localdate()
    ip_selectors.refresh_network_statistics(on=today)
    summed = cache.get(ip_selectors.statistics_cache_key(hubs=hubs, on=today))
    assert summed.counts == (
        ip_selectors.statistics(
            assets=ip_selectors.network_assets(hubs), on=today, members_only=True
        ).counts
    )
    public = [hub for hub in hubs if hub.is_public]
    assert cache.get(ip_selectors.statistics_cache_key(hubs=public, on=today)).counts == (
        ip_selectors.statistics(
            assets=ip_selectors.network_assets(public), on=today, members_only=True
        ).counts
    )
