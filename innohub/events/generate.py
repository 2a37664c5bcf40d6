"""Synthetic events with programmes and registrations for load tests (see innohub.common.generate).

Events are spread over the generated hubs from three years back to a year ahead; each has one to
four sessions and up to 120 registrations (a few checked in when the event is past).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from innohub.common.generate import GenerateContext, bulk_insert
from innohub.events.models import (
    Audience,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
    VenueKind,
)

SH = ZoneInfo("Asia/Shanghai")
TOPICS = [
    ("Water technology", "水技术", "טכנולוגיות מים"),
    ("Digital health", "数字医疗", "בריאות דיגיטלית"),
    ("Cybersecurity", "网络安全", "סייבר"),
    ("Smart mobility", "智慧出行", "תחבורה חכמה"),
    ("Agrifood", "农业食品", "חקלאות ומזון"),
    ("AI and robotics", "人工智能与机器人", "בינה מלאכותית ורובוטיקה"),
    ("Fintech", "金融科技", "פינטק"),
    ("Clean energy", "清洁能源", "אנרגיה נקייה"),
]
KIND_WORDS = {
    EventKind.CONFERENCE: ("conference", "大会", "כנס"),
    EventKind.FORUM: ("forum", "论坛", "פורום"),
    EventKind.EXHIBITION: ("exhibition", "展览", "תערוכה"),
    EventKind.ROADSHOW: ("roadshow", "路演", "רודשואו"),
    EventKind.CEREMONY: ("ceremony", "仪式", "טקס"),
    EventKind.WORKSHOP: ("workshop", "工作坊", "סדנה"),
    EventKind.COMPETITION: ("competition", "比赛", "תחרות"),
    EventKind.DELEGATION_RECEPTION: ("delegation reception", "代表团接待", "קבלת משלחת"),
}
MAX_REGISTRATIONS = 120


def generate(ctx: GenerateContext) -> None:
    rng = ctx.rng
    hubs = ctx.ids.get("hubs", [])
    if not hubs:
        return
    kinds = list(KIND_WORDS)
    first_day = ctx.today - timedelta(days=3 * 365)
    span_days = 4 * 365
    events = []
    for n in range(ctx.sizes["events"]):
        topic = TOPICS[n % len(TOPICS)]
        kind = kinds[rng.randrange(len(kinds))]
        words = KIND_WORDS[kind]
        day = first_day + timedelta(days=rng.randrange(span_days))
        start = datetime.combine(day, time(rng.choice([9, 10, 14, 15])), SH).astimezone(UTC)
        hours = rng.choice([2, 3, 4, 8])
        events.append(
            Event(
                hub_id=hubs[rng.randrange(len(hubs))],
                slug=f"gen-event-{n + 1:06d}",
                kind=kind,
                title={
                    "en": f"{topic[0]} {words[0]} {n + 1}",
                    "zh-hans": f"{topic[1]}{words[1]} {n + 1}",
                    "he": f"{words[2]} {topic[2]} {n + 1}",
                },
                starts_at=start,
                ends_at=start + timedelta(hours=hours),
                time_zone="Asia/Shanghai",
                venue_kind=VenueKind.ONLINE if rng.random() < 0.3 else VenueKind.ELSEWHERE,
                venue_address={"en": "Generated venue"},
                audience=Audience.INVITATION if rng.random() < 0.1 else Audience.PUBLIC,
                status=EventStatus.CANCELLED if rng.random() < 0.03 else EventStatus.PUBLISHED,
                capacity=rng.choice([None, 50, 100, 200]),
                is_generated=True,
            )
        )
    event_ids = bulk_insert(Event, events)
    ctx.ids["events"] = event_ids

    sessions = []
    for pk, event in zip(event_ids, events, strict=True):
        count = rng.randint(1, 4)
        length = (event.ends_at - event.starts_at) / count
        for i in range(count):
            begins = event.starts_at + length * i
            sessions.append(
                Session(
                    event_id=pk,
                    title={
                        "en": f"Session {i + 1}",
                        "zh-hans": f"第{i + 1}场",
                        "he": f"מושב {i + 1}",
                    },
                    starts_at=begins,
                    ends_at=begins + length,
                )
            )
    bulk_insert(Session, sessions)

    now = datetime.now(UTC)

    def registrations():
        serial = 0
        for pk, event in zip(event_ids, events, strict=True):
            limit = event.capacity or MAX_REGISTRATIONS
            total = rng.randrange(min(limit, MAX_REGISTRATIONS) + 1)
            past = event.ends_at < now
            for i in range(total):
                serial += 1
                confirmed = event.capacity is None or i < event.capacity
                registered = event.starts_at - timedelta(days=30) + timedelta(minutes=37 * i)
                yield Registration(
                    event_id=pk,
                    name=f"Participant {serial}",
                    email=f"gen-participant-{serial}@example.org",
                    country=rng.choice(["CN", "CN", "IL", "OTHER"]),
                    language=rng.choice(["zh-hans", "en", "he"]),
                    status=RegistrationStatus.CONFIRMED
                    if confirmed
                    else RegistrationStatus.WAITLISTED,
                    confirmed_at=registered if confirmed else None,
                    waitlisted_at=None if confirmed else registered,
                    checked_in_at=event.starts_at
                    if past and confirmed and rng.random() < 0.8
                    else None,
                    is_generated=True,
                )

    bulk_insert(Registration, registrations())
