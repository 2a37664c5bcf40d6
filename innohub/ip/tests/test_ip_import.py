"""Importing IP records from a spreadsheet: preview, all-or-nothing confirm, updates."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from innohub.common.imports import ImportContext, ImportRejected, build_preview, commit_import
from innohub.common.models import ImportBatch
from innohub.ip.imports import AssetImport
from innohub.ip.models import Asset
from innohub.ip.tests.factories import make_asset

pytestmark = pytest.mark.django_db

HEADER = [
    "知识产权类型",
    "申请号/专利号",
    "名称",
    "英文名称",
    "权利人",
    "法律状态",
    "申请日",
    "授权公告日",
    "注册日",
    "类别",
]


def workbook(*rows, title_row=True) -> bytes:
    book = Workbook()
    sheet = book.active
    if title_row:
        sheet.append(["阿尔法机器人 知识产权台账（2024年）"])  # a title above the table
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = [
    (
        "发明专利",
        "ZL 201710601862.3",
        "一种柔性手部外骨骼",
        "Soft hand exoskeleton",
        "阿尔法机器人",
        "有效",
        date(2017, 7, 20),
        date(2019, 11, 5),
        None,
        None,
    ),
    (
        "商标",
        "30123456",
        "艾可尔",
        "AICARE",
        "Alpha Robotics",
        "已注册",
        "2018年5月2日",
        None,
        43592,
        "10: 1001; 9",
    ),  # an Excel date serial: 2019-05-07
    (
        "软件著作权",
        "2021SR0805085",
        "康复训练系统V1.0",
        "",
        "alpha-robotics",
        "",
        "2021-04-02",
        None,
        "2021-06-01",
        None,
    ),
]


def context(world, user=None):
    return ImportContext(user=user or world.erin, hub=world.hub_a)


def test_the_preview_reads_chinese_headers_a_title_row_and_excel_dates(world):
    preview = build_preview(AssetImport(), workbook(*GOOD), "台账.xlsx", context(world))
    assert preview.ok, preview.errors()
    assert preview.counts()["new"] == 3
    mark = preview.rows[1].values
    assert mark["registered_on"] == date(2019, 5, 7) and mark["filed_on"] == date(2018, 5, 2)
    assert mark["nice_classes"] == [(9, ""), (10, "1001")]
    assert not Asset.objects.exists()  # a preview writes nothing


def test_confirm_writes_every_row_with_its_deadlines(world):
    commit_import(AssetImport(), workbook(*GOOD), "ip.xlsx", context(world))
    invention = Asset.objects.get(number="201710601862.3")
    assert invention.status == "valid" and invention.expires_on == date(2037, 7, 19)
    assert list(invention.owners.all()) == [world.org_a]
    assert invention.deadlines.filter(kind="annual-fee").exists()
    software = Asset.objects.get(type="cn-software")
    assert software.status == "valid"  # a registration date and no status: registered
    assert [e.status for e in software.events.all()] == ["filed", "valid"]


@pytest.mark.parametrize(
    ("bad_row", "field"),
    [
        (
            (
                "发明专利",
                "201710601862.4",
                "错号",
                "",
                "阿尔法机器人",
                "",
                "2017-07-20",
                None,
                None,
                None,
            ),
            "number",
        ),
        (
            (
                "发明专利",
                "201710601863.8",
                "无主",
                "",
                "Nobody Ltd",
                "",
                "2017-07-20",
                None,
                None,
                None,
            ),
            "owners",
        ),
        (
            (
                "商标",
                "30123457",
                "无类别",
                "",
                "阿尔法机器人",
                "已注册",
                "2018-05-02",
                None,
                "2019-05-07",
                None,
            ),
            "nice_classes",
        ),
        (
            (
                "专利",
                "201710601863.8",
                "类型",
                "",
                "阿尔法机器人",
                "",
                "2017-07-20",
                None,
                None,
                None,
            ),
            "type",
        ),
        (
            (
                "发明专利",
                "201710601863.8",
                "未来",
                "",
                "阿尔法机器人",
                "",
                "2099-07-20",
                None,
                None,
                None,
            ),
            "filed_on",
        ),
    ],
)
def test_one_bad_row_and_nothing_is_imported(world, bad_row, field):
    data = workbook(*GOOD, bad_row)
    preview = build_preview(AssetImport(), data, "ip.xlsx", context(world))
    assert not preview.ok
    assert {e["field"] for e in preview.errors()} == {field}
    with pytest.raises(ImportRejected):
        commit_import(AssetImport(), data, "ip.xlsx", context(world))
    assert not Asset.objects.exists()


def test_a_duplicate_number_in_the_file_is_reported(world):
    with translation.override("en"):
        preview = build_preview(
            AssetImport(), workbook(GOOD[0], GOOD[0]), "ip.xlsx", context(world)
        )
    assert "Duplicate of row" in preview.errors()[0]["message"]


def test_a_known_number_updates_the_asset_and_moves_its_status(world):
    asset = make_asset(
        world,
        number="201710601862.3",
        filed_on=date(2017, 7, 20),
        published_on=None,
        granted_on=date(2019, 11, 5),
        notes="keep me",
    )
    row = (
        "发明专利",
        "201710601862.3",
        "一种柔性手部外骨骼（修订）",
        "",
        "阿尔法机器人",
        "失效",
        "2017-07-20",
        "2019-11-05",
        None,
        None,
    )
    preview = build_preview(AssetImport(), workbook(row), "ip.xlsx", context(world))
    assert preview.counts()["update"] == 1, preview.errors()
    assert set(preview.rows[0].changes) == {"title", "status"}
    commit_import(AssetImport(), workbook(row), "ip.xlsx", context(world))
    asset.refresh_from_db()
    assert asset.status == "lapsed" and asset.title["zh-hans"].endswith("（修订）")
    assert asset.notes == "keep me"
    again = build_preview(AssetImport(), workbook(row), "ip.xlsx", context(world))
    assert again.counts()["unchanged"] == 1


def test_only_the_hubs_ip_officers_may_import(world):
    spec = AssetImport()
    assert spec.can_import(ImportContext(user=world.erin, hub=world.hub_a))
    assert spec.can_import(ImportContext(user=world.alice, hub=world.hub_a))
    assert not spec.can_import(ImportContext(user=world.bob, hub=world.hub_a))
    assert not spec.can_import(ImportContext(user=world.charlie, hub=world.hub_a))
    assert not spec.can_import(ImportContext(user=world.erin, hub=None))


def test_the_upload_page_previews_and_the_confirm_page_imports(client_as, world):
    client = client_as(world.erin)
    page = client.get("/ip/import/")
    assert page.status_code == 200
    assert list(page.context["form"].fields["hub"].queryset) == [world.hub_a]
    response = client.post(
        "/ip/import/",
        {"hub": world.hub_a.pk, "file": SimpleUploadedFile("ip.xlsx", workbook(*GOOD))},
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.summary["new"] == 3 and not Asset.objects.exists()
    confirm = client.post(f"/imports/batch/{batch.pk}/confirm/")
    assert confirm.status_code == 302
    assert Asset.objects.count() == 3
    assert client_as(world.bob).get("/ip/import/").status_code == 403
    assert (
        client_as(world.charlie)
        .post("/ip/import/", {"hub": world.hub_a.pk, "file": SimpleUploadedFile("ip.xlsx", b"x")})
        .status_code
        == 200
    )  # hub A is not among his choices: the form refuses it
    assert ImportBatch.objects.count() == 1


def test_the_example_spreadsheet_imports_cleanly(client, world):
    data = client.get("/ip/import/template.xlsx").content
    preview = build_preview(AssetImport(), data, "ip-records.xlsx", context(world))
    assert preview.ok, preview.errors()
    assert preview.counts()["new"] == 2


def test_the_api_imports_through_the_shared_endpoints(api_as, world):
    client = api_as(world.erin)
    response = client.post(
        "/api/v1/imports/ip-assets",
        {"hub": "hub-a", "file": SimpleUploadedFile("ip.xlsx", workbook(*GOOD))},
    )
    assert response.status_code == 201, response.content
    batch = response.json()
    assert batch["new"] == 3
    confirmed = client.post(f"/api/v1/imports/batches/{batch['id']}/confirm")
    assert confirmed.status_code == 200 and Asset.objects.count() == 3
    refused = api_as(world.bob).post(
        "/api/v1/imports/ip-assets",
        {"hub": "hub-a", "file": SimpleUploadedFile("ip.xlsx", workbook(*GOOD))},
    )
    assert refused.status_code == 403
