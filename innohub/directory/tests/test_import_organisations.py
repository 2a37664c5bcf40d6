"""The organisations import: messy Chinese and English sheets, every bad row, all or nothing."""

import io
import json
import os
import subprocess
import sys
from datetime import date

import pytest
from openpyxl import Workbook

from innohub.common.imports import (
    ImportContext,
    ImportRejected,
    build_preview,
    commit_import,
    spec_for,
)
from innohub.common.testing import make_org
from innohub.directory.models import (
    Membership,
    MembershipState,
    Organisation,
    Person,
)

pytestmark = pytest.mark.django_db

USCC_A = "91350100M000100Y43"
USCC_B = "91110000600037341L"
IL_A = "516179157"


def xlsx(rows, title=None):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def context(world, user=None):
    return ImportContext(user=user or world.alice, hub=world.hub_a)


def preview(world, data, name="f.xlsx", user=None):
    return build_preview(spec_for("organisations"), data, name, context(world, user))


def commit(world, data, name="f.xlsx", user=None):
    return commit_import(spec_for("organisations"), data, name, context(world, user))


def test_a_chinese_sheet_with_a_title_row_full_width_codes_and_excel_dates_imports(world):
    data = xlsx(
        [
            ["企业名称", "统一社会信用代码", "国家", "行业", "入驻日期", "联系人", "联系人邮箱"],
            [
                " 上海  星河 科技有限公司 ",
                "９１３５０１００Ｍ０００１００Ｙ４３",  # full-width
                "中国",
                "网络安全、人工智能",
                44168,  # an Excel serial: 2020-12-03
                "王芳",
                "wang@xinghe.test",
            ],
            ["以色列光学公司", "", "以色列", "智能制造", "2021/3/1", "", ""],
        ],
        title="2023年中以创新园入驻企业名单",
    )
    result = commit(world, data)
    assert result.summary() == {"new": 2, "update": 0, "unchanged": 0, "errors": []}
    org = Organisation.objects.get(uscc=USCC_A)
    assert org.name["zh-hans"] == "上海 星河 科技有限公司"
    assert org.country == "CN"
    assert {s.slug for s in org.sectors.all()} == {"cybersecurity", "ai-robotics"}
    membership = org.memberships.get(hub=world.hub_a)
    assert membership.state == MembershipState.RESIDENT
    assert membership.member_from == date(2020, 12, 3)
    contact = Person.objects.get(organisation=org)
    assert contact.is_primary_contact and not contact.is_public
    assert contact.email == "wang@xinghe.test"
    assert org.history.count() == 1 and membership.history.count() == 1
    israeli = Organisation.objects.get(search_text__contains="以色列光学公司")
    assert israeli.country == "IL"
    assert israeli.memberships.get().member_from == date(2021, 3, 1)


def test_english_headers_and_country_and_sector_names_in_any_language(world):
    data = xlsx(
        [
            ["Company name", "USCC", "Country", "Sector", "Move-in date", "Status"],
            ["Star River", USCC_B, "China–Israel joint", "医疗", "2020-06-08", "Admitted"],
            ["Water Works", "", "ישראל", "Agrifood & water", "", "applicant"],
        ]
    )
    result = commit(world, data)
    assert result.summary()["new"] == 2, result.errors()
    star = Organisation.objects.get(uscc=USCC_B)
    assert star.country == "JOINT" and star.name["en"] == "Star River"
    assert [s.slug for s in star.sectors.all()] == ["healthcare-bioscience"]
    water = Organisation.objects.get(name__en="Water Works")
    assert water.memberships.get().state == MembershipState.APPLICANT
    assert water.memberships.get().member_from is None


BAD_ROWS = [
    # (row cells, field, words of the message)
    (["", USCC_B, "中国", "网络安全", "", ""], "name", "name"),
    (["Bad check", "91350100M000100Y44", "中国", "", "", ""], "uscc", "check character"),
    (["Short code", "9135010", "中国", "", "", ""], "uscc", "18 characters"),
    (["Bad Israeli", "", "以色列", "", "", "516179150"], "il_company_number", "check digit"),
    (["Unknown sector", "", "中国", "Space mining", "", ""], "sectors", "not a sector"),
    (["Unknown country", "", "Atlantis", "", "", ""], "country", "not a known country"),
    (["Bad date", "", "中国", "", "2020-13-45", ""], "member_from", "not a date"),
    (["No country", "", "", "", "", ""], "country", "country"),
    (["Duplicate", USCC_A, "中国", "", "", ""], "uscc", "already on row"),
]


def test_every_kind_of_bad_row_is_reported_with_a_translated_reason_and_nothing_is_written(
    world,
):
    header = ["企业名称", "统一社会信用代码", "国家", "行业", "入驻日期", "以色列公司编号"]
    good = ["Good company", USCC_A, "中国", "网络安全", "2021-01-04", ""]
    extra_header = [
        "员工人数",
        "成立年份",
        "邮箱",
        "网站",
        "状态",
        "退出日期",
        "孵化器",
        "联系人邮箱",
    ]
    rows = [header + extra_header, good + [""] * len(extra_header)]
    rows += [cells + [""] * len(extra_header) for cells, _f, _w in BAD_ROWS]
    more = [
        (
            ["Many people", "", "中国", "", "", ""],
            ["lots", "", "", "", "", "", "", ""],
            "headcount",
        ),
        (["Old", "", "中国", "", "", ""], ["", "1066", "", "", "", "", "", ""], "founded_year"),
        (["Mail", "", "中国", "", "", ""], ["", "", "not-an-address", "", "", "", "", ""], "email"),
        (["Web", "", "中国", "", "", ""], ["", "", "", "http://", "", "", "", ""], "website"),
        (["State", "", "中国", "", "", ""], ["", "", "", "", "hibernating", "", "", ""], "state"),
        (
            ["Out before in", "", "中国", "", "2021-05-01", ""],
            ["", "", "", "", "已退出", "2021-01-01", "", ""],
            "member_until",
        ),
        (
            ["Sponsor", "", "中国", "", "", ""],
            ["", "", "", "", "", "", "Nobody Ventures", ""],
            "sponsor",
        ),
        (
            ["Contact", "", "中国", "", "", ""],
            ["", "", "", "", "", "", "", "someone@"],
            "contact_email",
        ),
        (
            ["Applicant with date", "", "中国", "", "2021-05-01", ""],
            ["", "", "", "", "申请中", "", "", ""],
            "member_from",
        ),
    ]
    rows += [first + second for first, second, _f in more]
    data = xlsx(rows)
    before = (Organisation.all_objects.count(), Membership.objects.count(), Person.objects.count())
    with pytest.raises(ImportRejected) as rejected:
        commit(world, data)
    summary = rejected.value.preview.summary()
    errors = {e["row"]: e for e in summary["errors"]}
    expected = [(field, words) for _c, field, words in BAD_ROWS] + [
        (field, "") for _a, _b, field in more
    ]
    assert len(errors) == len(expected) >= 10
    for offset, (field, words) in enumerate(expected):
        error = errors[3 + offset]
        assert error["field"] == field, error
        assert words.lower() in error["message"].lower(), error
    # The good row would have been new; nothing at all was written.
    assert summary["new"] == 1
    after = (Organisation.all_objects.count(), Membership.objects.count(), Person.objects.count())
    assert after == before
    assert not Organisation.all_objects.filter(uscc=USCC_A).exists()


def test_reasons_are_in_the_language_of_the_person_importing(world):
    from django.utils import translation

    data = xlsx(
        [["企业名称", "统一社会信用代码", "国家"], ["坏代码", "91350100M000100Y44", "中国"]]
    )
    with translation.override("zh-hans"):
        message = preview(world, data).errors()[0]["message"]
    assert "校验" in message  # the Chinese catalogue's word for the check character


def test_a_row_that_only_the_database_can_refuse_undoes_every_other_row(world, monkeypatch):
    from innohub.directory.imports import OrganisationImport

    data = xlsx([["Company name", "Country"], ["First", "China"], ["Second", "Israel"]])
    original = OrganisationImport._write_contacts

    def fail_late(self, plans, *args):
        original(self, plans, *args)
        from django.db import IntegrityError

        raise IntegrityError("simulated concurrent insert")

    monkeypatch.setattr(OrganisationImport, "_write_contacts", fail_late)
    with pytest.raises(ImportRejected):
        commit(world, data)
    assert not Organisation.objects.filter(name__en__in=["First", "Second"]).exists()
    assert not Membership.objects.filter(hub=world.hub_a, organisation__name__en="First").exists()


def test_existing_organisations_are_updated_and_unchanged_rows_say_so(world):
    org = make_org({"en": "Delta Optics"}, hub=world.hub_a, uscc=USCC_A, country="CN")
    data = xlsx(
        [
            ["Company name", "USCC", "Chinese name", "Headcount", "Sector"],
            ["Delta Optics", USCC_A, "德尔塔光学", 40, "Intelligent manufacturing"],
            ["Alpha Robotics", "", "", "", ""],
        ]
    )
    first = commit(world, data)
    assert first.summary()["update"] == 1 and first.summary()["unchanged"] == 1
    org.refresh_from_db()
    assert org.name["zh-hans"] == "德尔塔光学" and org.headcount == 40
    assert org.history.first().history_change_reason == "import"
    assert org.history.first().history_user == world.alice
    again = preview(world, data)
    assert again.summary() == {"new": 0, "update": 0, "unchanged": 2, "errors": []}


def test_state_changes_follow_the_membership_rules_and_keep_the_history(world):
    data = xlsx(
        [["Company name", "Status", "Move-out date"], ["Alpha Robotics", "已毕业", "2024-06-30"]]
    )
    commit(world, data)
    membership = world.org_a.memberships.get(hub=world.hub_a)
    assert membership.state == MembershipState.GRADUATED
    assert membership.member_until == date(2024, 6, 30)
    assert membership.events.last().state == MembershipState.GRADUATED
    backwards = xlsx([["Company name", "Status"], ["Alpha Robotics", "申请中"]])
    errors = preview(world, backwards).errors()
    assert errors[0]["field"] == "state" and "cannot go from" in errors[0]["message"]


def test_staff_cannot_change_an_organisation_of_another_hub_through_an_import(world):
    world.org_b.uscc = USCC_B
    world.org_b.save()
    data = xlsx([["Company name", "USCC", "Headcount"], ["Renamed", USCC_B, 5]])
    errors = preview(world, data).errors()
    assert errors and "another hub" in errors[0]["message"]
    world.org_b.refresh_from_db()
    assert world.org_b.name["en"] == "Bravo Data"


def test_only_staff_of_the_hub_may_import_into_it(client_as, world):
    data = xlsx([["Company name", "Country"], ["Somebody", "China"]])
    for user in (world.charlie, world.bob, world.mallory):
        upload = io.BytesIO(data)
        upload.name = "orgs.xlsx"
        response = client_as(user).post(
            "/imports/organisations/", {"file": upload, "hub": world.hub_a.pk}
        )
        assert response.status_code in (200, 403)
        assert not Organisation.objects.filter(name__en="Somebody").exists()


def test_upload_preview_confirm_through_the_api(api_as, world):
    api = api_as(world.alice)
    upload = io.BytesIO(xlsx([["企业名称", "国家"], ["云端机器人", "中国"]]))
    upload.name = "orgs.xlsx"
    batch = api.post("/api/v1/imports/organisations", {"file": upload, "hub": "hub-a"}).json()
    assert batch["new"] == 1 and batch["errors"] == []
    assert not Organisation.objects.filter(search_text__contains="云端机器人").exists()
    assert (
        api_as(world.charlie).post(f"/api/v1/imports/batches/{batch['id']}/confirm").status_code
        == 404
    )
    confirmed = api.post(f"/api/v1/imports/batches/{batch['id']}/confirm")
    assert confirmed.status_code == 200
    assert Organisation.objects.filter(search_text__contains="云端机器人").exists()


@pytest.mark.parametrize("kind", ["organisations", "people"])
def test_every_header_name_belongs_to_one_column_only(kind):
    seen = {}
    for column in spec_for(kind).columns:
        for name in column.header_names():
            assert seen.setdefault(name, column.key) == column.key, name


def test_the_command_line_import_previews_commits_and_refuses_files_with_errors(cli_data_dir):
    tmp_path = cli_data_dir
    env = {
        **os.environ,
        "INNOHUB_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "innohub.config.settings.base",
    }
    env.pop("DATABASE_URL", None)

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "innohub.cli", *args], env=env, capture_output=True, text=True
        )

    script = "from innohub.common.testing import make_hub; make_hub('cli-hub')"
    assert run("shell", "-c", script).returncode == 0
    good = tmp_path / "good.csv"
    good.write_text("企业名称,国家,行业\n星河科技,中国,网络安全\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "企业名称,国家,行业\n星河科技,中国,网络安全\n坏行,中国,太空采矿\n", encoding="utf-8"
    )
    result = run("import", "organisations", str(bad), "--hub", "cli-hub", "--commit", "--json")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["new"] == 1
    assert summary["errors"] == [
        {"row": 3, "field": "sectors", "message": summary["errors"][0]["message"]}
    ]
    previewed = run("import", "organisations", str(good), "--hub", "cli-hub", "--json")
    assert previewed.returncode == 0 and json.loads(previewed.stdout)["new"] == 1
    assert run("import", "organisations", str(good), "--hub", "cli-hub", "--commit").returncode == 0
    again = json.loads(
        run("import", "organisations", str(good), "--hub", "cli-hub", "--json").stdout
    )
    assert again == {"new": 0, "update": 0, "unchanged": 1, "errors": []}
    no_hub = run("import", "organisations", str(good), "--json")
    assert no_hub.returncode == 1


def test_people_are_imported_into_the_hubs_organisations_and_matched_again(world):
    spec = spec_for("people")
    data = xlsx(
        [
            ["企业名称", "姓名", "职务", "邮箱", "手机", "主要联系人"],
            ["阿尔法机器人", "李娜", "销售总监", "li.na@alpha.test", "13800000000", "否"],
            ["Alpha Robotics", "Noa Levi", "CTO", "noa@alpha.test", "", "是"],
            ["Bravo Data", "Outsider", "", "x@bravo.test", "", ""],
            ["Nobody Ltd", "Ghost", "", "", "", ""],
        ]
    )
    rejected = build_preview(spec, data, "p.xlsx", context(world))
    errors = {e["row"]: e["field"] for e in rejected.errors()}
    assert errors == {4: "organisation", 5: "organisation"}  # another hub's member; unknown
    good = xlsx(
        [
            ["企业名称", "姓名", "职务", "邮箱", "手机", "主要联系人"],
            ["阿尔法机器人", "李娜", "销售总监", "li.na@alpha.test", "13800000000", "否"],
            ["Alpha Robotics", "Noa Levi", "CTO", "noa@alpha.test", "", "是"],
        ]
    )
    assert commit_import(spec, good, "p.xlsx", context(world)).summary()["new"] == 2
    li = Person.objects.get(email="li.na@alpha.test")
    assert li.organisation == world.org_a and li.name["zh-hans"] == "李娜" and not li.is_public
    assert li.history.get().history_user == world.alice
    changed = xlsx(
        [
            ["Company", "Name", "E-mail", "Title"],
            ["Alpha Robotics", "Li Na", "LI.NA@alpha.test", "VP sales"],
        ]
    )
    summary = commit_import(spec, changed, "p.xlsx", context(world)).summary()
    assert summary["update"] == 1 and summary["new"] == 0
    li.refresh_from_db()
    assert li.name == {"zh-hans": "李娜", "en": "Li Na"} and li.title["en"] == "VP sales"
    assert build_preview(spec, good, "p.xlsx", context(world)).summary()["unchanged"] == 2


def test_the_preview_page_names_columns_and_reasons_in_the_readers_language(client_as, world):
    world.alice.language = "zh-hans"
    world.alice.save()
    client = client_as(world.alice)
    upload = io.BytesIO(
        xlsx([["Company name", "USCC", "Country"], ["Bad code", "91350100M000100Y44", "China"]])
    )
    upload.name = "orgs.xlsx"
    response = client.post(
        "/imports/organisations/",
        {"file": upload, "hub": world.hub_a.pk},
    )
    page = client.get(response["Location"]).content.decode()
    assert "<strong>统一社会信用代码</strong>" in page and "校验" in page
    assert 'data-outcome="error"' in page and 'id="confirm-import"' not in page
