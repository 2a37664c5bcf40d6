"""The demo hub reproduces what the seed articles say."""

from datetime import date

import pytest

from innohub.directory.models import Organisation, Person, Product
from innohub.directory.selectors import members_count_on
from innohub.network.models import Hub

pytestmark = pytest.mark.django_db


def test_the_hub_is_where_the_articles_put_it(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    assert hub.opened_on == date(2019, 12, 3)
    assert "Hero Pen Factory" in hub.address["en"] and "Putuo" in hub.address["en"]
    assert hub.network.founded_on == date(2020, 12, 3)
    sisters = set(hub.network.hubs.exclude(pk=hub.pk).values_list("slug", flat=True))
    assert sisters == {"jiangsu-nanjing", "zhejiang-hangzhou"}


def test_32_members_on_the_first_anniversary_and_more_than_90_three_years_on(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    assert members_count_on(hub=hub, day=date(2020, 12, 3)) == 32
    assert members_count_on(hub=hub, day=date(2020, 12, 2)) < 32
    assert members_count_on(hub=hub, day=date(2022, 11, 25)) > 90


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Ai-Care Medical Technology", "startup", "JOINT"),
        ("Tianyu Elderly Care Service", "enterprise", "CN"),
        ("Aozhen Bio", "startup", "JOINT"),
        ("Mantis Vision", "enterprise", "IL"),
        ("Trendlines", "incubator", "IL"),
        ("Ehealth", "incubator", "IL"),
        ("360 Group", "enterprise", "CN"),
        ("Angeek Cyber Security", "enterprise", "CN"),
        ("Redstone Data", "enterprise", "CN"),
        ("EcoMotion", "association", "IL"),
        ("Shengjing Peakview Capital", "investor", "CN"),
        ("Weizmann Institute of Science", "university", "IL"),
        ("Israel Innovation Authority", "government", "IL"),
        ("Putuo District People's Government", "government", "CN"),
    ],
)
def test_named_organisations_have_the_right_kind_and_country(demo, name, kind, country):
    org = Organisation.objects.get(name__en=name)
    assert (org.kind, org.country, org.is_generated) == (kind, country, False)


def test_the_seed_products_are_on_show(demo):
    products = {p.name["en"]: p for p in Product.objects.select_related("organisation")}
    assert products["Soft hand exoskeleton"].organisation.name["en"] == "Ai-Care Medical Technology"
    assert products["Non-invasive glucometer"].organisation.name["en"] == "Aozhen Bio"
    assert (
        products["Bluetooth hearing-aid earphone"].organisation.name["en"]
        == "Tianyu Elderly Care Service"
    )
    assert {"Dead Sea mud mask", "Thermal imaging scope"} <= set(products)
    for product in products.values():
        assert product.name.keys() == {"en", "zh-hans", "he"}


def test_the_people_the_articles_name_are_in_the_directory(demo):
    people = {p.name["en"]: p for p in Person.objects.select_related("organisation")}
    assert people["Qiang Hao"].organisation.name["en"].startswith("China–Israel Innovation Park")
    assert people["Chen Ling"].organisation.name["en"] == "Mantis Vision"
    assert people["Orly Dahan"].organisation.name["en"] == "EcoMotion"
    for name in [
        "Ami Appelbaum",
        "Edward Shapira",
        "Ying Yong",
        "Eli Cohen",
        "Yona Yahav",
        "Prof. Adi Shamir",
    ]:
        assert name in people


def test_generated_members_are_marked_and_have_valid_identifiers(demo):
    generated = Organisation.objects.filter(is_generated=True)
    assert generated.count() > 90
    for org in generated:
        org.full_clean()


def test_each_role_has_a_demo_sign_in(demo):
    from innohub.common.demo import demo_logins

    assert {login.username for login in demo_logins()} >= {
        "admin",
        "network",
        "staff",
        "jiangsu",
        "ipofficer",
        "member",
        "investor",
        "judge",
    }


def test_every_demo_login_signs_in_with_the_demo_password(demo, settings):
    from innohub.accounts.models import User
    from innohub.common.demo import demo_logins

    for login in demo_logins():
        user = User.objects.get(username=login.username)
        assert user.check_password(settings.INNOHUB_DEMO_PASSWORD), login.username
        assert not user.check_password("wrong")
