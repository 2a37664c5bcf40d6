"""Synthetic organisations, memberships, people and products for load tests."""

from __future__ import annotations

from datetime import date, timedelta

from innohub.common.generate import GenerateContext, bulk_insert
from innohub.common.identifiers import USCC_ALPHABET, uscc_check_character
from innohub.directory.demo_names import (
    CN_BUSINESS,
    CN_CITIES,
    CN_WORDS,
    IL_PREFIXES,
    IL_SUFFIXES,
    SECTOR_BLURBS,
)
from innohub.directory.models import (
    Membership,
    MembershipEvent,
    MembershipState,
    Organisation,
    Person,
    Product,
    Sector,
)

STATES = [  # (state, weight)
    (MembershipState.RESIDENT, 60),
    (MembershipState.ADMITTED, 10),
    (MembershipState.GRADUATED, 10),
    (MembershipState.LEFT, 8),
    (MembershipState.APPLICANT, 7),
    (MembershipState.UNDER_REVIEW, 5),
]
GIVEN = [
    ("Wei", "伟", "ויי"),
    ("Noa", "诺亚", "נועה"),
    ("Li", "丽", "לי"),
    ("Yossi", "约西", "יוסי"),
    ("Hao", "浩", "האו"),
    ("Tamar", "塔玛", "תמר"),
    ("Jun", "军", "ג'ון"),
    ("Avi", "阿维", "אבי"),
]
FAMILY = [
    ("Chen", "陈", "צ'ן"),
    ("Levi", "列维", "לוי"),
    ("Wang", "王", "וואנג"),
    ("Cohen", "科恩", "כהן"),
    ("Zhang", "张", "ג'אנג"),
    ("Mizrahi", "米兹拉希", "מזרחי"),
    ("Liu", "刘", "ליו"),
    ("Peretz", "佩雷茨", "פרץ"),
]


def _uscc(rng, n: int) -> str:
    body = "91310" + f"{n % 1000:03d}" + "".join(rng.choice(USCC_ALPHABET) for _i in range(9))
    return body + uscc_check_character(body)


def _il_number(n: int) -> str:
    # 52-…: the demo hub's Israeli companies draw 51-… numbers at random, so these never clash.
    digits = [5, 2, *map(int, f"{n % 1_000_000:06d}")]
    for check in range(10):
        total = 0
        for i, d in enumerate([*digits, check]):
            product = d * (1 if i % 2 == 0 else 2)
            total += product // 10 + product % 10
        if total % 10 == 0:
            return "".join(map(str, [*digits, check]))
    raise AssertionError("unreachable")  # pragma: no cover


def generate(ctx: GenerateContext) -> None:
    rng = ctx.rng
    sectors = list(Sector.objects.order_by("pk"))
    hubs = ctx.ids["hubs"]
    states, weights = zip(*STATES, strict=True)
    organisations, chosen_sectors = [], []
    for n in range(ctx.sizes["organisations"]):
        country = rng.choices(["CN", "IL", "JOINT"], weights=[45, 35, 20])[0]
        sector = rng.choice(sectors)
        if country == "CN":
            city_zh, city_en = rng.choice(CN_CITIES)
            word_zh, word_en = rng.choice(CN_WORDS)
            biz_zh, biz_en = CN_BUSINESS.get(sector.slug, ("科技", "Technology"))
            name = {
                "zh-hans": f"{city_zh}{word_zh}{biz_zh}有限公司（{n}）",
                "en": f"{city_en} {word_en} {biz_en} Co., Ltd. ({n})",
            }
        else:
            prefix, suffix = rng.choice(IL_PREFIXES), rng.choice(IL_SUFFIXES)
            name = {
                "en": f"{prefix[0]}{suffix[0].lower()} {n}",
                "he": f"{prefix[1]}{suffix[1]} {n}",
            }
            if country == "JOINT":
                name["zh-hans"] = f"中以{rng.choice(CN_WORDS)[0]}科技（{n}）"
        org = Organisation(
            slug=f"gen-org-{n + 1:06d}",
            name=name,
            kind=rng.choice(["startup", "startup", "enterprise"]),
            country=country,
            stage=rng.choice(["seed", "early", "growth", "mature"]),
            founded_year=rng.randint(1995, 2025),
            headcount=rng.randint(2, 900),
            uscc=_uscc(rng, n) if country != "IL" else None,
            il_company_number=_il_number(n) if country == "IL" else None,
            description=SECTOR_BLURBS.get(sector.slug, {}),
            is_generated=True,
            email=f"contact{n}@example.org",
        )
        org.refresh_search_fields()
        organisations.append(org)
        chosen_sectors.append(sector.pk)
    org_ids = bulk_insert(Organisation, organisations)
    ctx.ids["organisations"] = org_ids
    through = Organisation.sectors.through
    bulk_insert(
        through,
        (
            through(organisation_id=o, sector_id=s)
            for o, s in zip(org_ids, chosen_sectors, strict=True)
        ),
    )
    ctx.extra["org_sector"] = dict(zip(org_ids, chosen_sectors, strict=True))

    memberships, pairs = [], []
    for org_id in org_ids:
        # Sorted: a set's order follows the ids' values, which differ from run to run on
        # PostgreSQL (sequences are not rolled back), and the seed must give the same data.
        chosen = {rng.choice(hubs)} | ({rng.choice(hubs)} if rng.random() < 0.05 else set())
        for hub_id in sorted(chosen):
            state = rng.choices(states, weights=weights)[0]
            start = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
            start = min(start, ctx.today)
            member_from = start if state not in ("applicant", "under_review") else None
            until = None
            if state in ("graduated", "left"):
                until = min(start + timedelta(days=rng.randint(180, 1500)), ctx.today)
            memberships.append(
                Membership(
                    organisation_id=org_id,
                    hub_id=hub_id,
                    state=state,
                    state_since=until or start,
                    member_from=member_from,
                    member_until=until,
                )
            )
            pairs.append((org_id, hub_id, state))
    membership_ids = bulk_insert(Membership, memberships)
    ctx.extra["memberships"] = pairs
    bulk_insert(
        MembershipEvent,
        (
            MembershipEvent(membership_id=pk, state=m.state, on=m.state_since)
            for pk, m in zip(membership_ids, memberships, strict=True)
        ),
    )

    def person(org_id: int) -> Person:
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        return Person(
            organisation_id=org_id,
            name={
                "en": f"{given[0]} {family[0]}",
                "zh-hans": f"{family[1]}{given[1]}",
                "he": f"{given[2]} {family[2]}",
            },
            title={"en": "CEO", "zh-hans": "首席执行官", "he": 'מנכ"ל'},
            email=f"ceo{org_id}@example.org",
        )

    ctx.ids["people"] = bulk_insert(Person, (person(o) for o in org_ids))
    bulk_insert(
        Product,
        (
            Product(
                organisation_id=o,
                name={"en": f"Product {o}", "zh-hans": f"产品 {o}", "he": f"מוצר {o}"},
                sector_id=ctx.extra["org_sector"][o],
                is_generated=True,
            )
            for o in org_ids
            if rng.random() < 0.3
        ),
    )
