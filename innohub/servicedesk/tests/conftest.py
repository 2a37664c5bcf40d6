"""The service desk's cast on top of the shared world: providers, a second member, services."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from innohub.accounts.models import RoleKind
from innohub.common.testing import grant, make_org, make_user
from innohub.servicedesk import services
from innohub.servicedesk.models import Service

SH = ZoneInfo("Asia/Shanghai")


def sh(*args):
    return datetime(*args, tzinfo=SH)


@dataclass
class Desk:
    """paula acts for Permit Partners (accredited in hub A), quentin for Quill Law (also in A),
    carol represents org_c, a second member of hub A; bob (org_a) writes in Hebrew."""

    world: object
    provider: object
    other_provider: object
    org_c: object
    paula: object
    quentin: object
    carol: object
    permits: Service
    company_setup: Service
    service_b: Service

    def __getattr__(self, name):
        return getattr(self.world, name)


@pytest.fixture
def desk(world):
    world.bob.language = "he"
    world.bob.save(update_fields=["language"])
    permits_org = services.provider_create(
        hub=world.hub_a,
        by=world.alice,
        name={"en": "Permit Partners", "zh-hans": "许可伙伴"},
        accredited_on=date(2020, 1, 1),
    ).organisation
    law_org = services.provider_create(
        hub=world.hub_a, by=world.alice, name={"en": "Quill Law"}, accredited_on=date(2020, 1, 1)
    ).organisation
    org_c = make_org({"en": "Charlie Cells"}, hub=world.hub_a, country="CN")
    paula = grant(make_user("paula", language="zh-hans"), RoleKind.MEMBER, organisation=permits_org)
    quentin = grant(make_user("quentin"), RoleKind.MEMBER, organisation=law_org)
    carol = grant(make_user("carol"), RoleKind.MEMBER, organisation=org_c)
    permits = services.service_create(
        hub=world.hub_a,
        by=world.alice,
        category="visas",
        name={"en": "Work permits for foreign staff", "he": "היתרי עבודה לעובדים זרים"},
        provider=permits_org,
        target_response_hours=4,
        target_completion_days=10,
    )
    company_setup = services.service_create(
        hub=world.hub_a,
        by=world.alice,
        category="company_setup",
        name={"en": "Company set-up"},
        target_response_hours=8,
    )
    service_b = services.service_create(
        hub=world.hub_b,
        by=world.charlie,
        category="legal",
        name={"en": "Legal advice in hub B"},
        target_response_hours=8,
    )
    return Desk(
        world=world,
        provider=permits_org,
        other_provider=law_org,
        org_c=org_c,
        paula=paula,
        quentin=quentin,
        carol=carol,
        permits=permits,
        company_setup=company_setup,
        service_b=service_b,
    )


@pytest.fixture
def submit(desk):
    """submit(service=..., organisation=..., by=..., now=...) with a default request text."""

    def make(service=None, organisation=None, by=None, now=None, **extra):
        return services.request_submit(
            service=service or desk.permits,
            organisation=organisation or desk.org_a,
            by=by or desk.bob,
            subject=extra.pop("subject", "Work permit for our CTO"),
            description=extra.pop("description", "Our CTO moves from Haifa to Shanghai in May."),
            now=now or sh(2025, 3, 17, 10, 0),
            **extra,
        )

    return make


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a page served to a Hebrew user leaves Hebrew active."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
