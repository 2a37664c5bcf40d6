"""Synthetic agreements (parties, milestones) and visits (stops, follow-ups) for load tests.

One agreement for every five organisations and one visit for every ten unless the scale
names its own sizes ("agreements", "visits"); each between members of one hub.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from innohub.common.generate import GenerateContext, bulk_insert
from innohub.common.text import search_normalise
from innohub.relations import rules
from innohub.relations.models import (
    Agreement,
    AgreementParty,
    Delegation,
    FollowUp,
    Milestone,
    Visit,
    VisitStop,
)

KINDS = [("cooperation", 50), ("mou", 25), ("lease", 15), ("investment", 10)]
STATUSES = [
    (rules.SIGNED, 45),
    (rules.IN_FORCE, 25),
    (rules.COMPLETED, 10),
    (rules.DRAFT, 15),
    (rules.TERMINATED, 5),
]
TOPICS = [
    ("Joint laboratory", "联合实验室", "מעבדה משותפת"),
    ("Pilot deployment", "试点部署", "פריסת פיילוט"),
    ("Market entry support", "市场准入支持", "תמיכה בכניסה לשוק"),
    ("Office lease", "办公室租赁", "שכירות משרד"),
    ("Investment in a seed round", "种子轮投资", "השקעה בסבב סיד"),
    ("Technology transfer", "技术转移", "העברת טכנולוגיה"),
]
ORIGINS = [
    ("Tel Aviv", "特拉维夫", "תל אביב", "IL"),
    ("Haifa", "海法", "חיפה", "IL"),
    ("Jerusalem", "耶路撒冷", "ירושלים", "IL"),
    ("Beijing", "北京", "בייג'ינג", "CN"),
    ("Shenzhen", "深圳", "שנג'ן", "CN"),
]


def generate(ctx: GenerateContext) -> None:
    rng = ctx.rng
    members: dict[int, list[int]] = defaultdict(list)
    for org_id, hub_id, _state in ctx.extra.get("memberships", []):
        members[hub_id].append(org_id)
    hubs = [hub for hub in ctx.ids["hubs"] if len(members[hub]) >= 2]
    if not hubs:
        return
    organisations = ctx.sizes["organisations"]
    kinds, kind_weights = zip(*KINDS, strict=True)
    statuses, status_weights = zip(*STATUSES, strict=True)

    agreements, agreement_parties = [], []
    for n in range(ctx.sizes.get("agreements", organisations // 5)):
        hub = rng.choice(hubs)
        en, zh, he = rng.choice(TOPICS)
        status = rng.choices(statuses, weights=status_weights)[0]
        signed = None
        if status != rules.DRAFT:
            signed = min(date(2016, 1, 1) + timedelta(days=rng.randrange(3600)), ctx.today)
        title = {"en": f"{en} {n + 1}", "zh-hans": f"{zh} {n + 1}", "he": f"{he} {n + 1}"}
        agreements.append(
            Agreement(
                hub_id=hub,
                kind=rng.choices(kinds, weights=kind_weights)[0],
                status=status,
                title=title,
                signed_on=signed,
                is_confidential=rng.random() < 0.1,
                is_generated=True,
                search_text=search_normalise(" ".join(title.values())),
            )
        )
        parties = rng.sample(members[hub], k=min(len(members[hub]), rng.choice([2, 2, 2, 3])))
        agreement_parties.append((hub, parties))
    agreement_ids = bulk_insert(Agreement, agreements)
    bulk_insert(
        AgreementParty,
        (
            AgreementParty(agreement_id=pk, organisation_id=org, position=position)
            for pk, (_hub, parties) in zip(agreement_ids, agreement_parties, strict=True)
            for position, org in enumerate(parties, start=1)
        ),
    )
    bulk_insert(
        Milestone,
        (
            Milestone(
                agreement_id=pk,
                title={"en": f"Milestone {k}", "zh-hans": f"里程碑 {k}", "he": f"אבן דרך {k}"},
                due_on=ctx.today + timedelta(days=rng.randint(-400, 400)),
                done=rng.random() < 0.5,
                is_generated=True,
            )
            for pk in agreement_ids
            for k in range(1, rng.randint(1, 3) + 1)
        ),
    )

    visit_count = ctx.sizes.get("visits", organisations // 10)
    visit_hubs = [rng.choice(hubs) for _n in range(visit_count)]
    origins = [rng.choice(ORIGINS) for _n in range(visit_count)]
    delegation_ids = bulk_insert(
        Delegation,
        (
            Delegation(
                hub_id=hub,
                name={
                    "en": f"Delegation from {en} {n + 1}",
                    "zh-hans": f"{zh}代表团 {n + 1}",
                    "he": f"משלחת מ{he} {n + 1}",
                },
                origin_country=country,
                origin_place={"en": en, "zh-hans": zh, "he": he},
                is_generated=True,
            )
            for n, (hub, (en, zh, he, country)) in enumerate(zip(visit_hubs, origins, strict=True))
        ),
    )
    visits = []
    for n, (hub, delegation) in enumerate(zip(visit_hubs, delegation_ids, strict=True)):
        day = min(date(2016, 1, 1) + timedelta(days=rng.randrange(3700)), ctx.today)
        title = {"en": f"Visit {n + 1}", "zh-hans": f"访问 {n + 1}", "he": f"ביקור {n + 1}"}
        visits.append(
            Visit(
                hub_id=hub,
                delegation_id=delegation,
                title=title,
                starts_on=day,
                ends_on=day + timedelta(days=rng.choice([0, 0, 1, 2])),
                is_public=rng.random() < 0.9,
                is_generated=True,
                search_text=search_normalise(" ".join(title.values())),
            )
        )
    visit_ids = bulk_insert(Visit, visits)
    bulk_insert(
        VisitStop,
        (
            VisitStop(
                visit_id=pk,
                position=k,
                kind="company",
                title={"en": f"Stop {k}", "zh-hans": f"站点 {k}", "he": f"תחנה {k}"},
                host_organisation_id=rng.choice(members[hub]),
            )
            for pk, hub in zip(visit_ids, visit_hubs, strict=True)
            for k in range(1, rng.randint(2, 4) + 1)
        ),
    )
    bulk_insert(
        FollowUp,
        (
            FollowUp(
                visit_id=pk,
                title={"en": "Send materials", "zh-hans": "发送资料", "he": "שליחת חומרים"},
                owner_organisation_id=rng.choice(members[hub]),
                due_on=visit.starts_on + timedelta(days=rng.randint(7, 60)),
                done=rng.random() < 0.6,
                is_generated=True,
            )
            for pk, hub, visit in zip(visit_ids, visit_hubs, visits, strict=True)
        ),
    )
