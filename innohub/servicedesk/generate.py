"""Synthetic service desk data for load tests (see innohub.common.generate): per hub a
catalogue with accredited providers, programmes and experts; about one request per member
organisation, in every state, with due times computed in desk hours; office hours and bookings.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from innohub.common.generate import GenerateContext, bulk_insert
from innohub.directory.models import MEMBER_STATES, Organisation
from innohub.servicedesk.models import (
    Expert,
    OfficeHour,
    OfficeHourBooking,
    Programme,
    ProgrammeApplication,
    ProgrammeWindow,
    ProviderAccreditation,
    RequestState,
    Service,
    ServiceCategory,
    ServiceRequest,
)
from innohub.servicedesk.working_time import SHANGHAI_DESK, add_working_hours

SH = ZoneInfo("Asia/Shanghai")
STATE_WEIGHTS = [
    (RequestState.DONE, 55),
    (RequestState.IN_PROGRESS, 12),
    (RequestState.WAITING_MEMBER, 6),
    (RequestState.ACCEPTED, 8),
    (RequestState.SUBMITTED, 10),
    (RequestState.CANCELLED, 9),
]
CATEGORY_NAMES = {
    ServiceCategory.COMPANY_SETUP: ("Company registration", "公司注册", "רישום חברה"),
    ServiceCategory.IP: ("Patent filing", "专利申请", "הגשת פטנטים"),
    ServiceCategory.LEGAL: ("Contract review", "合同审查", "בדיקת חוזים"),
    ServiceCategory.ACCOUNTING_TAX: ("Bookkeeping and tax", "记账与报税", "הנהלת חשבונות ומס"),
    ServiceCategory.VISAS: ("Work permits", "工作许可", "היתרי עבודה"),
    ServiceCategory.RECRUITMENT: ("Recruitment", "招聘", "גיוס עובדים"),
    ServiceCategory.MARKET_ENTRY: ("Market-entry advice", "市场进入咨询", "ייעוץ לכניסה לשוק"),
    ServiceCategory.INVESTORS: ("Investor introductions", "投资人对接", "היכרות עם משקיעים"),
    ServiceCategory.TRANSLATION: ("Translation", "翻译", "תרגום"),
    ServiceCategory.OTHER: ("Soft landing", "落地服务", "נחיתה רכה"),
}
RENT_RULES = [
    {"fact": "membership_state", "op": "in", "value": ["admitted", "resident"]},
    {"fact": "membership_months", "op": "lte", "value": 36},
    {"fact": "company_age_years", "op": "lte", "value": 5},
]
TALENT_RULES = [
    {"fact": "country", "op": "in", "value": ["IL", "JOINT", "OTHER"]},
    {"fact": "headcount", "op": "gte", "value": 3},
]


def _providers(ctx: GenerateContext) -> dict[int, list[int]]:
    """Two accredited providers per hub."""
    hubs = ctx.ids["hubs"]
    orgs = [
        Organisation(
            slug=f"gen-provider-{i + 1:05d}",
            name={"en": f"Provider {i + 1}", "zh-hans": f"服务商 {i + 1}"},
            kind="service_provider",
            country="CN",
            is_generated=True,
        )
        for i in range(len(hubs) * 2)
    ]
    for org in orgs:
        org.refresh_search_fields()
    ids = bulk_insert(Organisation, orgs)
    by_hub = {hub: ids[2 * i : 2 * i + 2] for i, hub in enumerate(hubs)}
    bulk_insert(
        ProviderAccreditation,
        (
            ProviderAccreditation(hub_id=hub, organisation_id=org, accredited_on=date(2015, 1, 1))
            for hub, orgs_ in by_hub.items()
            for org in orgs_
        ),
    )
    return by_hub


def generate(ctx: GenerateContext) -> None:
    rng = ctx.rng
    providers = _providers(ctx)
    services = []
    for hub in ctx.ids["hubs"]:
        for position, (category, (en, zh, he)) in enumerate(CATEGORY_NAMES.items()):
            provider = providers[hub][position % 2] if position % 3 else None
            services.append(
                Service(
                    hub_id=hub,
                    slug=str(category).replace("_", "-"),
                    category=category,
                    name={"en": en, "zh-hans": zh, "he": he},
                    provider_id=provider,
                    target_response_hours=rng.choice([4, 8, 16]),
                    target_completion_days=rng.choice([None, 5, 10, 20]),
                    position=position * 10,
                    is_generated=True,
                )
            )
    service_ids = bulk_insert(Service, services)
    by_hub: dict[int, list[tuple[int, int | None, int]]] = {}
    for pk, service in zip(service_ids, services, strict=True):
        by_hub.setdefault(service.hub_id, []).append(
            (pk, service.provider_id, service.target_response_hours)
        )

    members = [
        (org, hub) for org, hub, state in ctx.extra.get("memberships", []) if state in MEMBER_STATES
    ]
    states, weights = zip(*STATE_WEIGHTS, strict=True)
    start = datetime.combine(ctx.today - timedelta(days=730), time(9), SH)
    requests = []
    for n in range(ctx.sizes["organisations"]):
        if not members:
            break
        org, hub = rng.choice(members)
        service, provider, hours = rng.choice(by_hub[hub])
        state = rng.choices(states, weights=weights)[0]
        submitted = add_working_hours(
            start + timedelta(minutes=rng.randrange(730 * 24 * 60)), 0, SHANGHAI_DESK
        )
        answered = None
        if state != RequestState.SUBMITTED and state != RequestState.CANCELLED:
            answered = add_working_hours(submitted, rng.uniform(0.2, hours * 1.6), SHANGHAI_DESK)
        closed = None
        if state in (RequestState.DONE, RequestState.CANCELLED):
            closed = add_working_hours(submitted, rng.uniform(6, 200), SHANGHAI_DESK)
        requests.append(
            ServiceRequest(
                hub_id=hub,
                service_id=service,
                organisation_id=org,
                provider_id=provider,
                subject=f"Request {n + 1}",
                description="Generated for load tests.",
                state=state,
                submitted_at=submitted,
                response_due_at=add_working_hours(submitted, hours, SHANGHAI_DESK),
                first_response_at=answered,
                response_minutes=int((answered - submitted).total_seconds() // 60)
                if answered
                else None,
                closed_at=closed,
                completion_minutes=int((closed - submitted).total_seconds() // 60)
                if closed and state == RequestState.DONE
                else None,
                rating=rng.choices([5, 4, 3, 2, 1], weights=[45, 35, 12, 5, 3])[0]
                if state == RequestState.DONE and rng.random() < 0.6
                else None,
                is_generated=True,
            )
        )
    ctx.ids["service_requests"] = bulk_insert(ServiceRequest, requests)

    programmes = []
    for hub in ctx.ids["hubs"]:
        programmes.append(
            Programme(
                hub_id=hub,
                slug="rent-subsidy",
                funder_kind="government",
                name={"en": "Rent subsidy", "zh-hans": "房租补贴", "he": "סבסוד שכירות"},
                rules=RENT_RULES,
                is_generated=True,
            )
        )
        programmes.append(
            Programme(
                hub_id=hub,
                slug="talent",
                funder_kind="government",
                name={"en": "Talent programme", "zh-hans": "人才计划", "he": "תוכנית כישרונות"},
                rules=TALENT_RULES,
                is_rolling=True,
                is_generated=True,
            )
        )
    programme_ids = bulk_insert(Programme, programmes)
    bulk_insert(
        ProgrammeWindow,
        (
            ProgrammeWindow(
                programme_id=pk,
                opens_on=ctx.today - timedelta(days=30),
                closes_on=ctx.today + timedelta(days=30),
            )
            for pk in programme_ids[::2]
        ),
    )
    rent_of_hub = dict(zip(ctx.ids["hubs"], programme_ids[::2], strict=True))
    applications, seen = [], set()
    for org, hub in rng.sample(members, min(len(members), ctx.sizes["organisations"] // 20)):
        if (org, hub) in seen:
            continue
        seen.add((org, hub))
        granted = rng.random() < 0.4
        applications.append(
            ProgrammeApplication(
                programme_id=rent_of_hub[hub],
                organisation_id=org,
                state="granted" if granted else rng.choice(["submitted", "rejected"]),
                state_since=ctx.today - timedelta(days=rng.randrange(600)),
                amount_requested=100000,
                amount_granted=rng.randrange(20, 100) * 1000 if granted else None,
                decided_on=ctx.today - timedelta(days=rng.randrange(300)) if granted else None,
                is_generated=True,
            )
        )
    bulk_insert(ProgrammeApplication, applications)

    people = ctx.ids.get("people", [])
    experts = []
    for i, hub in enumerate(ctx.ids["hubs"]):
        for j in range(5):
            if not people:
                break
            experts.append(
                Expert(
                    hub_id=hub,
                    person_id=people[(i * 5 + j) % len(people)],
                    kind=("scientist", "mentor", "consultant")[j % 3],
                    expertise={"en": "Go-to-market in China", "zh-hans": "中国市场拓展"},
                    languages=rng.choice([" zh en ", " he en ", " en "]),
                    can_judge=j % 2 == 0,
                    is_generated=True,
                )
            )
    expert_ids = bulk_insert(Expert, experts)
    hours = []
    first_day = datetime.combine(ctx.today + timedelta(days=1), time(14), SH)
    for pk in expert_ids:
        for week in range(3):
            starts = first_day + timedelta(days=7 * week + rng.randrange(5))
            hours.append(
                OfficeHour(
                    expert_id=pk,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=1),
                    mode="online",
                    meeting_url="https://meet.example.org/office-hour",
                )
            )
    hour_ids = bulk_insert(OfficeHour, hours)
    hub_of_expert = {pk: e.hub_id for pk, e in zip(expert_ids, experts, strict=True)}
    members_of_hub: dict[int, list[int]] = {}
    for org, hub in members:
        members_of_hub.setdefault(hub, []).append(org)
    bulk_insert(
        OfficeHourBooking,
        (
            OfficeHourBooking(
                office_hour_id=pk,
                organisation_id=rng.choice(members_of_hub[hub_of_expert[hour.expert_id]]),
                topic="Generated booking",
                is_generated=True,
            )
            for pk, hour in zip(hour_ids, hours, strict=True)
            if rng.random() < 0.5 and members_of_hub.get(hub_of_expert[hour.expert_id])
        ),
    )
