"""The records the authorization matrix points its URLs at: one of each kind, mostly in hub A.

Built on the shared `world` cast through the apps' own services and test builders, so every
URL of the matrix resolves to a real record whose owner, hub and visibility are known.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

SH = ZoneInfo("Asia/Shanghai")
SITE = "http://testserver"


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _directory(world: Any, d: dict[str, Any]) -> None:
    from innohub.directory import admissions
    from innohub.directory import services as directory_services
    from innohub.directory.models import Membership, Sector

    d["product"] = directory_services.product_create(
        organisation=world.org_a,
        by=world.bob,
        name={"en": "Gripper"},
        description={"en": "A soft robotic gripper."},
        sector=Sector.objects.get(slug="ai-robotics"),
    )
    d["product_photo"] = directory_services.product_photo_add(
        product=d["product"], data=png_bytes(), by=world.bob
    )
    d["membership"] = Membership.objects.filter(organisation=world.org_a, hub=world.hub_a).first()
    data = admissions.ApplicationData(
        name={"en": "Nova Sensors"},
        kind="startup",
        country="IL",
        contacts=[{"name": "Dana Katz", "email": "dana@nova.test"}],
        wants=["office"],
    )
    d["application"] = admissions.application_submit(
        hub=world.hub_a, data=data, language="en", by=None, site_url=SITE
    )
    d["application_token"] = admissions.application_status_token(d["application"])


def _portal(world: Any, d: dict[str, Any]) -> None:
    from innohub.portal import services as portal_services

    d["news"] = portal_services.news_create(
        hub=world.hub_a,
        by=world.alice,
        title={"en": "Robots arrive"},
        body={"en": "Alpha Robotics moved in."},
        original_language="en",
    )
    d["news_photo"] = portal_services.news_photo_add(
        item=d["news"], data=png_bytes(), by=world.alice
    )
    d["draft_news"] = portal_services.news_create(
        hub=world.hub_a, by=world.alice, title={"en": "Draft"}, original_language="en"
    )
    portal_services.news_publish(item=d["news"], by=world.alice)


def _spaces(world: Any, d: dict[str, Any]) -> None:
    from innohub.spaces import services as spaces_services
    from innohub.spaces.recurrence import Recurrence
    from innohub.spaces.tests.conftest import build_spaces

    sp = build_spaces(world)
    d["room"] = sp.meeting
    d["floor"] = sp.floor
    d["phase"] = sp.phase
    d["building"] = sp.floor.building
    d["site"] = sp.floor.building.site
    d["booking"] = spaces_services.booking_create(
        room=sp.meeting,
        starts_at=sp.at(10),
        ends_at=sp.at(11),
        title="Team meeting",
        attendance=5,
        by=world.bob,
    )
    d["booking_series"] = spaces_services.booking_series_create(
        room=sp.roadshow,
        starts_at=sp.at(14),
        ends_at=sp.at(15),
        recurrence=Recurrence("weekly", count=3),
        title="Weekly demo",
        attendance=20,
        by=world.bob,
    ).series
    d["lease"] = spaces_services.lease_create(
        hub=world.hub_a,
        organisation=world.org_a,
        rooms=[sp.office_1],
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        rent_rate=Decimal("4.00"),
        by=None,
    )


def _ip(world: Any, d: dict[str, Any]) -> None:
    from innohub.ip.ical import calendar_feed_create
    from innohub.ip.models import Reminder
    from innohub.ip.tests.factories import make_asset

    d["asset"] = make_asset(world)
    d["deadline"] = d["asset"].deadlines.order_by("due").first()
    d["reminder"] = Reminder.objects.create(
        deadline=d["deadline"], user=world.bob, lead_days=30, due=d["deadline"].due
    )
    d["feed_key"] = calendar_feed_create(user=world.bob, organisation=world.org_a)


def _events(world: Any, d: dict[str, Any]) -> None:
    from innohub.events import contest_services, tokens
    from innohub.events import services as event_services
    from innohub.events.tests.factories import make_contest, make_entry, make_event, register

    event = make_event(world.hub_a)
    d["event"] = event
    d["session"] = event_services.session_create(
        event=event,
        by=None,
        title={"en": "Keynote"},
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(minutes=30),
    )
    d["registration"] = register(event, "Rita Reg")
    d["registration_token"] = tokens.manage_token(d["registration"].pk)
    d["check_in_code"] = tokens.check_in_code(d["registration"].pk)
    contest = make_contest(world.hub_a)
    d["contest"] = contest
    d["entry"] = make_entry(contest, "Gripper", organisation=world.org_a)
    d["entry_file"] = contest_services.entry_file_add(
        entry=d["entry"],
        by=None,
        upload=SimpleUploadedFile("deck.pdf", b"%PDF-1.4 deck", content_type="application/pdf"),
    )
    d["round"] = contest_services.round_create(contest=contest, by=None, name={"en": "Final"})
    d["assignment"] = contest_services.assignment_create(
        round_=d["round"], entry=d["entry"], judge=world.judy, by=None
    )
    other = make_entry(contest, "Sensor")
    d["conflict"] = contest_services.conflict_declare(
        entry=other, judge=world.judy, by=world.judy, reason="My cousin"
    )


def _relations(world: Any, d: dict[str, Any]) -> None:
    from innohub.relations import services as relations_services
    from innohub.relations.tests.factories import agreement, visit

    signed = agreement(world.hub_a, world.org_a, world.org_b)
    d["agreement"] = signed
    d["milestone"] = relations_services.milestone_add(
        agreement=signed, by=None, title={"en": "Pilot"}, due_on=date(2025, 1, 6)
    )
    d["signatory"] = relations_services.signatory_add(
        agreement=signed,
        by=None,
        party=signed.parties.first(),
        new_person_name={"en": "Sara Signer"},
    )
    d["document"] = relations_services.document_attach(
        agreement=signed,
        by=None,
        upload=SimpleUploadedFile("mou.pdf", b"%PDF-1.4 mou", content_type="application/pdf"),
        title="MoU",
    )
    trip = visit(world.hub_a, organisation=world.org_a)
    d["visit"] = trip
    d["delegation"] = trip.delegation
    d["stop"] = relations_services.visit_stop_add(
        visit=trip, by=None, title={"en": "Lab"}, host_organisation=world.org_a
    )
    d["follow_up"] = relations_services.follow_up_add(
        visit=trip,
        by=None,
        title={"en": "Send list"},
        due_on=date(2024, 7, 1),
        owner_organisation=world.org_a,
    )
    d["delegation_member"] = relations_services.delegation_member_add(
        delegation=trip.delegation, by=None, name={"en": "Avi Guest"}
    )


def _matching(world: Any, d: dict[str, Any]) -> None:
    from innohub.matching import services as matching_services
    from innohub.matching.tests.conftest import Market

    market = Market(world)
    d["listing"] = market.offer
    d["candidate"] = market.thesis
    d["private_listing"] = market.private_need
    d["introduction"] = matching_services.introduction_create(
        by=world.alice,
        hub=world.hub_a,
        listing=market.thesis,
        counterpart=market.offer,
        on=timezone.localdate() - timedelta(days=10),
    )


def _servicedesk(world: Any, d: dict[str, Any]) -> None:
    from innohub.directory.models import Person
    from innohub.servicedesk import services as desk_services

    service = desk_services.service_create(
        hub=world.hub_a,
        by=world.alice,
        category="company_setup",
        name={"en": "Company set-up"},
        target_response_hours=8,
    )
    d["service"] = service
    request = desk_services.request_submit(
        service=service,
        organisation=world.org_a,
        by=world.bob,
        subject="Set up our WFOE",
        description="We need a company in Shanghai.",
    )
    d["request"] = request
    d["request_message"] = desk_services.request_message_post(
        request=request,
        by=world.bob,
        body="Our articles.",
        upload=SimpleUploadedFile("articles.pdf", b"%PDF-1.4 art", content_type="application/pdf"),
    )
    programme = desk_services.programme_create(
        hub=world.hub_a,
        by=world.alice,
        funder_kind="government",
        name={"en": "Rent subsidy"},
        rules=[],
        is_rolling=True,
    )
    d["programme"] = programme
    d["programme_application"] = desk_services.application_create(
        programme=programme, organisation=world.org_a, by=world.bob
    )
    person = Person.objects.create(name={"en": "Noa Expert"})
    expert = desk_services.expert_create(
        hub=world.hub_a,
        person=person,
        by=world.alice,
        kind="mentor",
        expertise={"en": "Go-to-market in China"},
        languages=["en"],
    )
    d["expert"] = expert
    start = datetime.combine(timezone.localdate() + timedelta(days=7), datetime.min.time(), SH)
    start = start.replace(hour=10)
    d["office_hour"] = desk_services.office_hour_create(
        expert=expert,
        by=world.alice,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        mode="online",
        meeting_url="https://meet.example.test/noa",
    )
    d["free_office_hour"] = desk_services.office_hour_create(
        expert=expert,
        by=world.alice,
        starts_at=start + timedelta(hours=2),
        ends_at=start + timedelta(hours=3),
        mode="online",
        meeting_url="https://meet.example.test/noa",
    )
    d["office_booking"] = desk_services.office_hour_book(
        office_hour=d["office_hour"], organisation=world.org_a, by=world.bob, topic="Market entry"
    )


def _accounts_and_common(world: Any, d: dict[str, Any]) -> None:
    from django.contrib.auth.tokens import default_token_generator

    from innohub.accounts.services import api_token_create
    from innohub.common.import_flow import import_batch_create
    from innohub.common.imports import write_csv

    d["api_token"], _key = api_token_create(user=world.bob, name="matrix")
    d["uidb64"] = urlsafe_base64_encode(force_bytes(world.mallory.pk))
    d["welcome_token"] = default_token_generator.make_token(world.mallory)
    d["import_batch"] = import_batch_create(
        kind="organisations",
        hub=world.hub_a,
        user=world.alice,
        filename="orgs.csv",
        data=write_csv([["Name (English)"], ["Delta Labs"]]),
    )


def build(world: Any) -> dict[str, Any]:
    """Every record a URL of the matrix needs, keyed by the names the rows use."""
    d: dict[str, Any] = {
        "hub_a": world.hub_a,
        "hub_b": world.hub_b,
        "org_a": world.org_a,
        "org_b": world.org_b,
    }
    for part in (
        _directory,
        _portal,
        _spaces,
        _ip,
        _events,
        _relations,
        _matching,
        _servicedesk,
        _accounts_and_common,
    ):
        part(world, d)
    return d
