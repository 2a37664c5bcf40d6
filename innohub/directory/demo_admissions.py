"""Demo: applications to CIIH Shanghai in every state of the review queue, with who did what.

Loaded by the portal's demo (it needs the demo users, which the accounts app creates after
the directory). The applicants are generated organisations (is_generated=True); the review
steps go through the real services, then their timestamps are set back a few days.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from innohub.accounts.mail import mail_suppressed
from innohub.common.demo import DemoContext
from innohub.common.i18n import LocalizedText
from innohub.directory import admissions
from innohub.directory.demo import _generated_name, _il_number, _uscc
from innohub.directory.demo_names import SECTOR_BLURBS
from innohub.directory.models import (
    Application,
    ApplicationEvent,
    Membership,
    MembershipEvent,
    Organisation,
    Sector,
    member_period,
)
from innohub.directory.selectors import rubric_for_hub

SITE = "http://127.0.0.1:8000"

# key, country, kind, sector, wants, language, contact, sponsor key, days ago, steps
APPLICATIONS: list[dict[str, Any]] = [
    {
        "country": "IL",
        "kind": "startup",
        "sector": "agrifood-water",
        "wants": ["office", "market_entry"],
        "language": "he",
        "contact": ("נועה לוי", "noa.levi@example.org", 'מנכ"לית'),
        "sponsor": "trendlines",
        "days": 2,
        "motivation": "אנחנו מחפשים שותפים סיניים לפיילוט השקיה חכמה בחממות.",
        "steps": [],
    },
    {
        "country": "CN",
        "kind": "enterprise",
        "sector": "intelligent-manufacturing",
        "wants": ["office", "investors"],
        "language": "zh-hans",
        "contact": ("刘洋", "liu.yang@example.cn", "总经理"),
        "days": 4,
        "motivation": "希望与以色列传感器企业合作开发产线检测设备。",
        "steps": [],
    },
    {
        "country": "IL",
        "kind": "startup",
        "sector": "healthcare-bioscience",
        "wants": ["incubation", "market_entry", "investors"],
        "language": "en",
        "contact": ("Dana Katz", "dana.katz@example.org", "CEO"),
        "sponsor": "ehealth",
        "sponsor_confirms": True,
        "days": 12,
        "motivation": "We want to run a clinical pilot of our wearable with a Shanghai hospital.",
        "steps": [("review", 10), ("score", 9, [4, 4, 3, 4, 5])],
    },
    {
        "country": "JOINT",
        "kind": "startup",
        "sector": "cybersecurity",
        "wants": ["office"],
        "language": "zh-hans",
        "contact": ("陈静", "chen.jing@example.cn", "联合创始人"),
        "days": 9,
        "motivation": "中以联合团队，专注工业控制系统安全。",
        "steps": [
            ("review", 8),
            ("ask", 7, "贵公司计划派几位员工常驻园区？预计何时入驻？"),
        ],
    },
    {
        "country": "IL",
        "kind": "startup",
        "sector": "mobility",
        "wants": ["market_entry", "investors"],
        "language": "en",
        "contact": ("Yossi Mizrahi", "yossi.mizrahi@example.org", "VP business development"),
        "days": 20,
        "motivation": "Our fleet-routing software looks for a first Chinese logistics customer.",
        "steps": [
            ("review", 18),
            ("ask", 16, "Do you already have a legal entity in China, or would you open one?"),
            ("reply", 14, "Not yet; we would open a WFOE once a pilot customer signs."),
            ("score", 12, [3, 4, 4, 4, 3]),
        ],
    },
    {
        "country": "IL",
        "kind": "startup",
        "sector": "ai-robotics",
        "wants": ["office", "incubation"],
        "language": "en",
        "contact": ("Tamar Ben-David", "tamar.bd@example.org", "CTO"),
        "days": 30,
        "motivation": "Robot grippers for electronics assembly; two engineers would move here.",
        "steps": [
            ("review", 28),
            ("score", 26, [5, 5, 4, 4, 4]),
            ("note", 25, "Visited their booth at the roadshow; strong demo."),
            ("admit", 24, "A strong fit with the hub's AI and robotics members."),
        ],
    },
    {
        "country": "CN",
        "kind": "enterprise",
        "sector": "fintech",
        "wants": ["office"],
        "language": "zh-hans",
        "contact": ("王磊", "wang.lei@example.cn", "市场总监"),
        "days": 40,
        "motivation": "寻找办公空间。",
        "steps": [
            ("review", 38),
            ("score", 37, [2, 1, 3, 2, 1]),
            (
                "decline",
                35,
                "园区目前重点服务科技创新与中以合作项目，贵公司的业务暂不在此范围内。",
            ),
        ],
    },
    {
        "country": "IL",
        "kind": "startup",
        "sector": "edtech",
        "wants": ["market_entry"],
        "language": "he",
        "contact": ("אורי שמעוני", "uri.s@example.org", "מייסד"),
        "days": 50,
        "motivation": "פלטפורמה ללימוד מתמטיקה בשיטה ישראלית.",
        "steps": [
            ("review", 48),
            ("score", 47, [3, 2, 3, 1, 3]),
            (
                "decline",
                45,
                "אין עדיין תוכנית לשוק הסיני ושותף מקומי; נשמח לבקשה חדשה כשיהיו.",
            ),
        ],
    },
    {
        "country": "CN",
        "kind": "startup",
        "sector": "energy-environment",
        "wants": ["incubation"],
        "language": "zh-hans",
        "contact": ("赵敏", "zhao.min@example.cn", "创始人"),
        "days": 15,
        "motivation": "储能电池回收技术。",
        "steps": [("withdraw", 11)],
    },
]


def _shift(application: Application, when: Any) -> None:
    Application.objects.filter(pk=application.pk).update(created_at=when, updated_at=when)


def load(ctx: DemoContext) -> None:
    hub = ctx.hubs["ciih"]
    staff = ctx.users["staff"]
    sectors = {s.slug: s for s in Sector.objects.all()}
    rubric = rubric_for_hub(hub)  # creates the default rubric after a flush
    now = timezone.now()
    serial = ctx.extra.get("generated_serial", 500) + 100
    with mail_suppressed():
        for row in APPLICATIONS:
            serial += 1
            name = LocalizedText(_generated_name(ctx, serial, row["country"], row["sector"]))
            ids = (
                {"il_company_number": _il_number(ctx)}
                if row["country"] == "IL"
                else {"uscc": _uscc(ctx)}
            )
            contact_name, email, title = row["contact"]
            application = admissions.application_submit(
                hub=hub,
                data=admissions.ApplicationData(
                    name=name,
                    kind=row["kind"],
                    country=row["country"],
                    contacts=[{"name": contact_name, "email": email, "title": title}],
                    wants=row["wants"],
                    sectors=[sectors[row["sector"]]],
                    description=LocalizedText(SECTOR_BLURBS[row["sector"]]),
                    motivation=row["motivation"],
                    sponsor=ctx.orgs.get(row.get("sponsor", "")),
                    **ids,
                ),
                language=row["language"],
                by=None,
                site_url=SITE,
            )
            Organisation.objects.filter(pk=application.organisation_id).update(is_generated=True)
            Application.objects.filter(pk=application.pk).update(is_generated=True)
            submitted_at = now - timedelta(days=row["days"])
            _shift(application, submitted_at)
            ApplicationEvent.objects.filter(application=application).update(at=submitted_at)
            MembershipEvent.objects.filter(
                membership__organisation=application.organisation_id, membership__hub=hub
            ).update(on=submitted_at.date())
            if row.get("sponsor_confirms"):
                admissions.application_sponsor_decide(
                    application=application,
                    by=None,
                    confirm=True,
                    message="We have mentored the team for a year.",
                )
                _date_last_event(application, now - timedelta(days=row["days"] - 1))
            for step in row["steps"]:
                _step(application, step, staff, rubric, now)
            _settle_membership(application)
            ctx.extra.setdefault("applications", []).append(application)
    ctx.extra["generated_serial"] = serial


def _settle_membership(application: Application) -> None:
    """Recompute the membership after its events were dated back to the demo's days."""
    membership = Membership.objects.get(
        organisation_id=application.organisation_id, hub_id=application.hub_id
    )
    events = list(membership.events.order_by("on", "id").values_list("state", "on"))
    member_from, member_until = member_period(events)
    Membership.objects.filter(pk=membership.pk).update(
        state_since=events[-1][1], member_from=member_from, member_until=member_until
    )


def _date_last_event(application: Application, when: Any) -> None:
    event = application.events.order_by("-id").first()
    if event is not None:
        ApplicationEvent.objects.filter(pk=event.pk).update(at=when)


def _step(application: Application, step: tuple, staff: Any, rubric: list, now: Any) -> None:
    action, days = step[0], step[1]
    last_event = MembershipEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    if action == "review":
        admissions.application_start_review(application=application, by=staff)
    elif action == "ask":
        admissions.application_request_info(
            application=application, by=staff, message=step[2], site_url=SITE
        )
    elif action == "reply":
        admissions.application_reply(application=application, message=step[2], site_url=SITE)
    elif action == "score":
        admissions.application_score(
            application=application,
            by=staff,
            scores={c.pk: (p, "") for c, p in zip(rubric, step[2], strict=True)},
        )
    elif action == "note":
        admissions.application_note(application=application, by=staff, message=step[2])
    elif action == "admit":
        admissions.application_admit(
            application=application, by=staff, reason=step[2], invite=False, site_url=SITE
        )
    elif action == "decline":
        admissions.application_decline(
            application=application, by=staff, reason=step[2], site_url=SITE
        )
    elif action == "withdraw":
        admissions.application_withdraw(
            application=application, message="We found another location."
        )
    when = now - timedelta(days=days)
    _date_last_event(application, when)
    MembershipEvent.objects.filter(
        id__gt=last_event, membership__organisation=application.organisation_id
    ).update(on=when.date())
    if action in ("admit", "decline", "withdraw"):
        Application.objects.filter(pk=application.pk).update(decided_at=when)
