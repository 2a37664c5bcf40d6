"""Exports of the filtered directory: what re-imports unchanged, and what each reader may see."""

import csv
import io
from datetime import date

import pytest
from django.utils import translation
from openpyxl import load_workbook

from innohub.common.imports import ImportContext, build_preview, spec_for
from innohub.common.testing import make_org
from innohub.directory import services
from innohub.directory.models import MembershipState, Person, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(world):
    """Hub A with varied members: identifiers, sectors, contacts, a sponsor, a left member."""
    incubator = make_org(
        {"en": "Desert Labs", "he": "מעבדות המדבר"}, hub=world.hub_a, kind="incubator"
    )
    org = make_org(
        {"en": "Delta Optics", "zh-hans": "德尔塔光学", "he": "דלתא אופטיקה"},
        hub=world.hub_a,
        uscc="91350100M000100Y43",
        country="JOINT",
        kind="enterprise",
        stage="growth",
        founded_year=2015,
        headcount=42,
        website="https://delta.test",
        email="hi@delta.test",
        phone="+86 21 5555 0101",
        address={"zh-hans": "上海市普陀区"},
        description={"he": 'אופטיקה; 2,000 מ"ר של משרדים, ו"עוד"'},
        sponsor=incubator,
    )
    org.sectors.set(Sector.objects.filter(slug__in=["agrifood-water", "ai-robotics"]))
    Person.objects.create(
        organisation=org,
        name={"zh-hans": "王芳"},
        title={"en": "CEO"},
        email="wang@delta.test",
        phone="138",
        wechat="wangfang",
        is_primary_contact=True,
        is_public=False,
    )
    left = make_org({"en": "Gone Ltd"}, hub=world.hub_a, il_company_number="516179157")
    services.membership_transition(
        membership=left.memberships.get(),
        to_state=MembershipState.LEFT,
        on=date(2021, 6, 30),
        by=None,
    )
    return org


def download(client, **params):
    return client.get("/directory/export/", params)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize("language", ["en", "zh-hans", "he"])
def test_an_export_re_imports_without_changes(client_as, world, members, file_format, language):
    client = client_as(world.alice)
    with translation.override(language):
        response = client.get(
            "/directory/export/",
            {"hub": "hub-a", "format": file_format},
            HTTP_ACCEPT_LANGUAGE=language,
        )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    preview = build_preview(
        spec_for("organisations"),
        response.content,
        f"export.{file_format}",
        ImportContext(user=world.alice, hub=world.hub_a),
    )
    summary = preview.summary()
    changed = [(row.number, row.changes) for row in preview.rows if row.changes]
    assert summary["errors"] == [] and changed == []
    assert summary["unchanged"] == 5 and summary["new"] == 0


def test_the_export_follows_the_directory_filters(client_as, world, members):
    response = client_as(world.alice).get(
        "/directory/export/", {"hub": "hub-a", "country": "JOINT", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and "Delta Optics" in rows[1]


def test_contacts_and_identifiers_are_only_in_exports_for_the_hubs_staff(
    client, client_as, world, members
):
    def cells(client, **params):
        response = download(client, format="xlsx", **params)
        sheet = load_workbook(io.BytesIO(response.content)).active
        return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)

    public = cells(client)
    assert "Delta Optics" in public
    for private in ("hi@delta.test", "wang@delta.test", "91350100M000100Y43", "Contact"):
        assert private not in public
    # Staff of hub B see the organisations of hub A that are public, without their contacts.
    other_staff = cells(client_as(world.charlie))
    assert "Delta Optics" in other_staff and "wang@delta.test" not in other_staff
    assert "info@bravo.test" in other_staff  # their own hub's member
    assert "hello@applicant.test" not in other_staff  # hub A's private applicant
    own_staff = cells(client_as(world.alice), hub="hub-a")
    assert "wang@delta.test" in own_staff and "91350100M000100Y43" in own_staff
    assert "hello@applicant.test" in own_staff
    # A member sees its own contacts only.
    member = cells(client_as(world.bob))
    assert "contact@alpha.test" in member and "wang@delta.test" not in member


def test_a_public_export_of_a_hub_leaves_out_applicants(client, world, members):
    response = download(client, hub="hub-a", format="csv")
    text = response.content.decode("utf-8-sig")
    assert "Applicant Labs" not in text and "Delta Optics" in text


def test_the_directory_page_links_to_the_export_with_its_filters(client, world):
    page = client.get("/directory/", {"country": "IL", "q": "alpha"}).content.decode()
    assert "/directory/export/?country=IL&amp;q=alpha&amp;format=xlsx" in page


def test_an_xlsx_too_long_to_write_is_refused_with_the_way_out(client_as, world, members):
    client = client_as(world.alice)
    everyone = client.get("/directory/", {"hub": "hub-a"})
    assert everyone.context["page"].paginator.count == 5
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("innohub.directory.export_views.XLSX_MAX_ROWS", 4)
        patch.setattr("innohub.directory.views.XLSX_MAX_ROWS", 4)
        page = client.get("/directory/", {"hub": "hub-a"}).content.decode()
        refused = client.get("/directory/export/", {"hub": "hub-a", "format": "xlsx"}, follow=True)
        csv_rows = download(client, hub="hub-a", format="csv").content.decode("utf-8-sig")
        narrowed = download(client, hub="hub-a", country="JOINT", format="xlsx")
    # The page offers no .xlsx link for the long list, says why, and keeps the .csv link.
    assert 'id="export-xlsx" disabled' in page and "at most 4 organisations" in page
    assert "/directory/export/?hub=hub-a&amp;format=csv" in page
    # Asked for anyway, the download is refused with the reason, back on the same list.
    assert refused.redirect_chain[-1][0] == "/directory/?hub=hub-a"
    message = "An .xlsx download holds at most 4 organisations and this list has 5"
    assert message in refused.content.decode()
    assert len(list(csv.reader(io.StringIO(csv_rows)))) == 6  # the header and all five
    assert narrowed.status_code == 200 and narrowed["Content-Disposition"].endswith('.xlsx"')


def test_the_export_reads_a_fixed_number_of_queries_per_chunk(
    client_as, world, members, django_assert_max_num_queries
):
    """Sectors, memberships and contacts are read per chunk of organisations, not per row."""
    client = client_as(world.alice)
    download(client, format="csv")  # sessions, permissions and labels warm
    with django_assert_max_num_queries(16) as few:
        download(client, format="csv")
    for n in range(30):
        org = make_org({"en": f"Extra {n}"}, hub=world.hub_a, email=f"x{n}@extra.test")
        org.sectors.set(Sector.objects.all()[:2])
        Person.objects.create(organisation=org, name={"en": f"P{n}"}, is_primary_contact=True)
    with django_assert_max_num_queries(len(few)) as many:
        rows = download(client, format="csv").content.decode("utf-8-sig")
    assert "x29@extra.test" in rows and len(many) == len(few)


def test_an_organisations_first_primary_contact_and_sectors_in_their_order(
    client_as, world, members
):
    Person.objects.create(
        organisation=members, name={"en": "Later Contact"}, is_primary_contact=True
    )
    rows = list(
        csv.reader(
            io.StringIO(
                download(client_as(world.alice), hub="hub-a", format="csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    header, delta = rows[0], next(r for r in rows if "Delta Optics" in r)
    record = dict(zip(header, delta, strict=True))
    assert record["Contact person"] == "王芳"
    sectors = [
        str(s.name) for s in Sector.objects.filter(slug__in=["agrifood-water", "ai-robotics"])
    ]
    assert record["Sectors"] == "; ".join(sectors)
