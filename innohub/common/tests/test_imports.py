"""Spreadsheet imports: reading messy files, the preview, and all-or-nothing confirmation."""

import contextlib
import io
import json
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from innohub.common.imports import (
    CellError,
    ImportContext,
    ImportFileError,
    ImportRejected,
    build_preview,
    commit_import,
    parse_date,
    parse_int,
    spec_for,
)
from innohub.directory.models import Sector


def xlsx(rows, title=None):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        sheet.append([])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (44168, date(2020, 12, 3)),  # an Excel serial number
        ("44168", date(2020, 12, 3)),
        ("2020-12-03", date(2020, 12, 3)),
        ("2020/12/3", date(2020, 12, 3)),
        ("2020年12月3日", date(2020, 12, 3)),
        ("２０２０－１２－０３", date(2020, 12, 3)),  # full-width
        ("", None),
    ],
)
def test_it_reads_dates_the_way_people_type_them(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["2020-13-01", "yesterday", 0, -5])
def test_it_refuses_what_is_not_a_date(raw):
    with pytest.raises(CellError):
        parse_date(raw)


def test_it_reads_whole_numbers_with_separators_and_full_width_digits():
    assert parse_int("1,200") == 1200
    assert parse_int("１２") == 12
    assert parse_int(12.0) == 12
    with pytest.raises(CellError):
        parse_int("12.5")


@pytest.mark.django_db
def test_a_title_row_above_chinese_headers_is_skipped_and_nothing_is_written_by_the_preview(world):
    data = xlsx(
        [["英文名称", "中文名称", "别名"], ["Space tech", "航天科技", "space、航天"]],
        title="行业清单",
    )
    preview = build_preview(
        spec_for("sectors"), data, "sectors.xlsx", ImportContext(user=world.dave)
    )
    assert preview.summary() == {"new": 1, "update": 0, "unchanged": 0, "errors": []}
    assert preview.rows[0].number == 4
    assert not Sector.objects.filter(slug="space-tech").exists()


@pytest.mark.django_db
def test_gb18030_csv_files_from_chinese_excel_are_read(world):
    data = "英文名称,中文名称\nSpace tech,航天科技\n".encode("gb18030")
    preview = build_preview(
        spec_for("sectors"), data, "sectors.csv", ImportContext(user=world.dave)
    )
    assert preview.rows[0].values["name_zh"] == "航天科技"


@pytest.mark.django_db
def test_one_bad_row_and_nothing_is_imported(world):
    data = xlsx(
        [
            ["English name", "Chinese name"],
            ["Space tech", "航天"],
            ["Ocean tech", "海洋"],
            ["Space tech", "重复"],
            ["", "无英文名"],
        ]
    )
    spec = spec_for("sectors")
    with pytest.raises(ImportRejected) as rejected:
        commit_import(spec, data, "s.xlsx", ImportContext(user=world.dave))
    errors = rejected.value.preview.errors()
    assert {e["row"] for e in errors} == {4, 5}
    assert "Duplicate of row 2" in errors[0]["message"]
    assert not Sector.objects.filter(slug__in=["space-tech", "ocean-tech"]).exists()


@pytest.mark.django_db
def test_a_file_without_the_required_column_is_refused_as_a_whole(world):
    with pytest.raises(ImportFileError, match="English name"):
        build_preview(
            spec_for("sectors"),
            xlsx([["中文名称"], ["航天"]]),
            "s.xlsx",
            ImportContext(user=world.dave),
        )
    with pytest.raises(ImportFileError):
        build_preview(
            spec_for("sectors"), b"not a spreadsheet", "s.xlsx", ImportContext(user=world.dave)
        )
    with pytest.raises(ImportFileError):
        build_preview(spec_for("sectors"), b"x", "s.pdf", ImportContext(user=world.dave))


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(world):
    data = xlsx([["English name", "Chinese name"], ["Space tech", "航天"]])
    spec = spec_for("sectors")
    commit_import(spec, data, "s.xlsx", ImportContext(user=world.dave))
    again = build_preview(spec, data, "s.xlsx", ImportContext(user=world.dave))
    assert again.summary()["unchanged"] == 1


@pytest.mark.django_db
def test_upload_preview_and_confirm_through_the_pages(client_as, world):
    client = client_as(world.dave)
    upload = io.BytesIO(xlsx([["English name", "Hebrew name"], ["Space tech", "טכנולוגיית חלל"]]))
    upload.name = "sectors.xlsx"
    response = client.post("/imports/sectors/", {"file": upload})
    assert response.status_code == 302
    preview_page = client.get(response["Location"])
    assert 'data-outcome="new"' in preview_page.content.decode()
    assert not Sector.objects.filter(slug="space-tech").exists()
    client.post(response["Location"] + "confirm/")
    assert Sector.objects.get(slug="space-tech").name["he"] == "טכנולוגיית חלל"
    # Someone else cannot look at or confirm this batch.
    assert client_as(world.charlie).get(response["Location"]).status_code == 404


@pytest.mark.django_db
def test_only_a_network_admin_imports_sectors(client_as, world):
    upload = io.BytesIO(xlsx([["English name"], ["Space tech"]]))
    upload.name = "sectors.xlsx"
    assert client_as(world.alice).post("/imports/sectors/", {"file": upload}).status_code == 403


@pytest.mark.django_db
def test_upload_preview_id_and_confirm_through_the_api(api_as, world):
    api = api_as(world.dave)
    bad = io.BytesIO(xlsx([["English name"], ["Space tech"], ["Space tech"]]))
    bad.name = "sectors.xlsx"
    created = api.post("/api/v1/imports/sectors", {"file": bad})
    assert created.status_code == 201, created.content
    batch = created.json()
    assert batch["new"] == 1 and batch["errors"][0]["row"] == 3
    refused = api.post(f"/api/v1/imports/batches/{batch['id']}/confirm")
    assert refused.status_code == 409 and not Sector.objects.filter(slug="space-tech").exists()
    good = io.BytesIO(xlsx([["English name"], ["Space tech"]]))
    good.name = "sectors.xlsx"
    batch = api.post("/api/v1/imports/sectors", {"file": good}).json()
    confirmed = api.post(f"/api/v1/imports/batches/{batch['id']}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "committed"
    assert Sector.objects.filter(slug="space-tech").exists()


def test_the_command_previews_commits_and_fails_with_nothing_written(cli_data_dir):
    tmp_path = cli_data_dir
    env_db = {
        "INNOHUB_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "innohub.config.settings.base",
    }
    import os

    env = {**os.environ, **env_db}
    env.pop("DATABASE_URL", None)

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "innohub.cli", *args],
            env=env,
            capture_output=True,
            text=True,
        )

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "English name,Chinese name\nSpace tech,航天\nSpace tech,重复\n", encoding="utf-8"
    )
    result = run("import", "sectors", str(bad), "--commit", "--json")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["new"] == 1 and summary["errors"][0]["row"] == 3
    good = tmp_path / "good.csv"
    good.write_text("English name,Chinese name\nSpace tech,航天\n", encoding="utf-8")
    assert json.loads(run("import", "sectors", str(good), "--json").stdout)["new"] == 1
    assert run("import", "sectors", str(good), "--commit").returncode == 0
    assert json.loads(run("import", "sectors", str(good), "--json").stdout)["unchanged"] == 1


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), name=st.sampled_from(["f.csv", "f.xlsx"]))
def test_any_bytes_give_a_preview_or_a_file_error_and_nothing_else(world, data, name):
    with contextlib.suppress(ImportFileError):
        build_preview(spec_for("sectors"), data, name, ImportContext(user=world.dave))
