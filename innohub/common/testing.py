"""Factories for tests: hubs, organisations and users with roles, built through the services."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from innohub.accounts.models import RoleKind, User
from innohub.accounts.services import role_grant
from innohub.directory import services as directory_services
from innohub.directory.models import MembershipState, Organisation
from innohub.network.models import Hub, Network

_serial = itertools.count(1)

PASSWORD = "correct-horse-battery"  # noqa: S105 - the test users' password


def make_hub(slug: str | None = None, *, network: Network | None = None, **fields: Any) -> Hub:
    n = next(_serial)
    slug = slug or f"hub-{n}"
    defaults = {
        "name": {"en": f"Hub {slug}", "zh-hans": f"创新园 {slug}", "he": f"מרכז {slug}"},
        "opened_on": date(2019, 12, 3),
    }
    defaults.update(fields)
    return Hub.objects.create(slug=slug, network=network, **defaults)


def make_org(
    name: str | dict | None = None,
    *,
    hub: Hub | None = None,
    state: str = MembershipState.RESIDENT,
    since: date = date(2020, 1, 6),
    **fields: Any,
) -> Organisation:
    n = next(_serial)
    fields.setdefault("kind", "startup")
    fields.setdefault("country", "IL")
    org = directory_services.organisation_create(
        by=None, name=name or {"en": f"Organisation {n}"}, **fields
    )
    if hub is not None:
        directory_services.membership_start(
            organisation=org, hub=hub, state=state, on=since, by=None
        )
    return org


def make_user(username: str | None = None, *, language: str = "en", **fields: Any) -> User:
    username = username or f"user{next(_serial)}"
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.test",
        language=language,
        **fields,
    )


def grant(
    user: User, kind: str, *, hub: Hub | None = None, organisation: Organisation | None = None
) -> User:
    role_grant(user=user, kind=kind, hub=hub, organisation=organisation)
    return user


@dataclass
class World:
    """Two hubs, A and B, with one user per role (healthchecks-style fixed cast).

    alice: staff of hub A      bob: member representing org_a (hub A)
    charlie: staff of hub B    dave: network admin
    erin: IP officer of hub A  judy: judge in hub A
    ivan: investor (invest_org) mallory: signed in, no role
    """

    network: Network
    hub_a: Hub
    hub_b: Hub
    org_a: Organisation
    org_a_applicant: Organisation
    org_b: Organisation
    invest_org: Organisation
    alice: User
    bob: User
    charlie: User
    dave: User
    erin: User
    judy: User
    ivan: User
    mallory: User


def make_world() -> World:
    directory_services.sectors_ensure_builtin()
    network = Network.objects.create(slug=f"net-{next(_serial)}", name={"en": "Test network"})
    hub_a = make_hub("hub-a", network=network)
    hub_b = make_hub("hub-b", network=network)
    org_a = make_org(
        {"en": "Alpha Robotics", "zh-hans": "阿尔法机器人", "he": "אלפא רובוטיקה"},
        hub=hub_a,
        email="contact@alpha.test",
        phone="+972-3-555-0100",
    )
    org_a_applicant = make_org(
        {"en": "Applicant Labs"},
        hub=hub_a,
        state=MembershipState.APPLICANT,
        is_public=False,
        email="hello@applicant.test",
    )
    org_b = make_org(
        {"en": "Bravo Data", "zh-hans": "布拉沃数据"},
        hub=hub_b,
        country="CN",
        kind="enterprise",
        email="info@bravo.test",
    )
    invest_org = make_org({"en": "Gamma Capital"}, kind="investor", country="CN")
    return World(
        network=network,
        hub_a=hub_a,
        hub_b=hub_b,
        org_a=org_a,
        org_a_applicant=org_a_applicant,
        org_b=org_b,
        invest_org=invest_org,
        alice=grant(make_user("alice"), RoleKind.HUB_STAFF, hub=hub_a),
        bob=grant(make_user("bob"), RoleKind.MEMBER, organisation=org_a),
        charlie=grant(make_user("charlie"), RoleKind.HUB_STAFF, hub=hub_b),
        dave=grant(make_user("dave"), RoleKind.NETWORK_ADMIN),
        erin=grant(make_user("erin"), RoleKind.IP_OFFICER, hub=hub_a),
        judy=grant(make_user("judy"), RoleKind.JUDGE, hub=hub_a),
        ivan=grant(make_user("ivan"), RoleKind.INVESTOR, organisation=invest_org),
        mallory=make_user("mallory"),
    )
