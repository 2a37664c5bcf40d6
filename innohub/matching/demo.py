"""Demo: offers, needs and theses of the seeds' organisations and of generated members, with
feedback and introductions in several states.

Embedding ~100 listings would take the demo half a minute, so their vectors ship with the
package (demo_data/vectors.npz, keyed by model and text digest; regenerate it with
`python -m innohub.matching.demo_vectors` after changing a text). A listing whose text is not
in the file is embedded as it loads.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from django.db.models import F

from innohub.common.demo import DemoContext
from innohub.directory.models import Organisation, Sector
from innohub.ip.models import Asset
from innohub.matching import selectors, services
from innohub.matching.demo_texts import GENERATED_NEEDS, GENERATED_OFFERS
from innohub.matching.embedding import get_embedder, vector_to_bytes
from innohub.matching.index import embed_listing_texts, embedding_digest, embedding_texts
from innohub.matching.models import IntroductionState, Listing, Verdict

VECTORS_FILE = Path(__file__).resolve().parent / "demo_data" / "vectors.npz"

NAMED_LISTINGS: list[dict[str, Any]] = [
    {
        "key": "ai-care-exoskeleton",
        "kind": "offer",
        "org": "ai-care",
        "hub": "ciih",
        "sectors": ["healthcare-bioscience", "ai-robotics"],
        "title": {
            "en": "Soft hand exoskeleton for stroke rehabilitation",
            "zh-hans": "用于中风康复的柔性手部外骨骼",
        },
        "description": {
            "en": "A glove-like soft exoskeleton for people with a paralysed hand. Sensors on "
            "the skin read bio-electric signals, work out which movement the wearer intends and "
            "help the fingers make it, both in rehabilitation sessions and for everyday "
            "grasping. We seek rehabilitation hospitals for clinical use and a distributor.",
            "zh-hans": "面向手部瘫痪人群的柔性手套式外骨骼。皮肤表面的传感器读取生物电信号，"
            "判断佩戴者想做的动作并辅助手指完成，既可用于康复训练，也可用于日常抓握。"
            "寻找康复医院开展临床应用，并寻求经销合作伙伴。",
        },
        "stage": "early",
        "maturity": "pilot",
        "target_markets": ["CN", "IL", "EU"],
        "ip_reference": "Utility-model patents in China; PCT application pending",
        "amount_min": 2_000_000,
        "amount_max": 4_000_000,
        "currency": "USD",
        "visibility": "public",
    },
    {
        "key": "aozhen-glucometer",
        "kind": "offer",
        "org": "aozhen",
        "hub": "ciih",
        "sectors": ["healthcare-bioscience"],
        "title": {"zh-hans": "唾液无创血糖仪"},
        "description": {
            "zh-hans": "不用扎手指，用唾液样本就能测血糖。适合需要每天多次监测的糖尿病人群。"
            "我们正在寻找医疗器械注册、药房连锁和互联网医疗渠道方面的合作伙伴。",
        },
        "stage": "early",
        "maturity": "prototype",
        "target_markets": ["CN"],
        "amount_min": 10_000_000,
        "amount_max": 30_000_000,
        "currency": "CNY",
        "visibility": "public",
    },
    {
        "key": "tianyu-earphone",
        "kind": "offer",
        "org": "tianyu",
        "hub": "ciih",
        "sectors": ["life-health"],
        "title": {"zh-hans": "老年人蓝牙助听耳机", "en": "Bluetooth hearing earphone for seniors"},
        "description": {
            "zh-hans": "无线助听耳机，降噪能力强，还能在不失真的情况下放慢对方的说话速度，"
            "让老人听得清、跟得上。欢迎养老机构和海外渠道合作。",
            "en": "A wireless hearing earphone with strong noise reduction that can slow a "
            "speaker down without distorting the voice, so older listeners can follow. "
            "Looking for care providers and distributors abroad.",
        },
        "stage": "growth",
        "maturity": "market",
        "target_markets": ["CN", "IL", "ASIA"],
        "visibility": "members",
    },
    {
        "key": "mantis-structured-light",
        "kind": "offer",
        "org": "mantis",
        "hub": "ciih",
        "sectors": ["ai-robotics", "internet-it"],
        "title": {
            "en": "Coded structured-light 3D imaging",
            "he": "הדמיה תלת-ממדית באור מובנה מקודד",
        },
        "description": {
            "en": "Our core patent covers coded structured light: a projected pattern of coded "
            "light gives accurate depth for 3D scanning, recognition and measurement. We license "
            "modules and software to device makers and integrators.",
            "he": "פטנט הליבה שלנו מכסה אור מובנה מקודד: תבנית אור מקודדת שמוקרנת על העצם "
            "מספקת עומק מדויק לסריקה, לזיהוי ולמדידה בתלת-ממד. אנחנו מעניקים רישיונות "
            "למודולים ולתוכנה ליצרני מכשירים ולאינטגרטורים.",
        },
        "stage": "growth",
        "maturity": "market",
        "target_markets": ["CN", "GLOBAL"],
        "ip_reference": "Core patent: coded structured light for 3D imaging",
        "visibility": "public",
    },
    {
        "key": "ecomotion-startups",
        "kind": "offer",
        "org": "ecomotion",
        "hub": "jiangsu",
        "sectors": ["mobility"],
        "title": {
            "he": "סטארט-אפים ישראליים לתחבורה חכמה מחפשים שותפים בסין",
            "en": "Israeli smart-mobility startups seeking Chinese partners",
        },
        "description": {
            "he": "קהילת אקומושן מאגדת יותר מ-600 סטארט-אפים בתחבורה חכמה: רכב אוטונומי, "
            "ניהול ציים, טעינה, בטיחות בדרכים ומיקרו-מוביליות. רבים מהם מתכננים להיכנס לשוק "
            "הסיני ומחפשים שותפים אסטרטגיים, אתרי פיילוט ומשקיעים.",
            "en": "EcoMotion brings together more than 600 smart-mobility startups: autonomous "
            "driving, fleet management, charging, road safety and micro-mobility. Many plan to "
            "enter the Chinese market and look for strategic partners, pilot sites and investors.",
        },
        "stage": "seed",
        "target_markets": ["CN"],
        "amount_min": 500_000,
        "amount_max": 5_000_000,
        "currency": "USD",
        "visibility": "public",
    },
    {
        "key": "mud-mask",
        "kind": "offer",
        "org": "filler-mud-mask",
        "hub": "ciih",
        "sectors": ["life-health"],
        "title": {"en": "Dead Sea mud mask with 21 minerals"},
        "description": {
            "en": "A face mask of Dead Sea mud and 21 minerals that smooths wrinkles. We look "
            "for importers, cross-border e-commerce platforms and beauty salon chains.",
        },
        "stage": "growth",
        "maturity": "market",
        "target_markets": ["CN"],
        "visibility": "members",
    },
    {
        "key": "thermal-scope",
        "kind": "offer",
        "org": "filler-thermal-scope",
        "hub": "ciih",
        "sectors": ["intelligent-manufacturing"],
        "title": {"he": "כוונת הדמיה תרמית ידנית לבדיקות וחיפוש"},
        "description": {
            "he": "כוונת ידנית שמציגה תמונת חום בזמן אמת: מאתרת כבלים ולוחות חשמל "
            "שמתחממים, דליפות, ואנשים בחושך. מחפשים מפיצים ולקוחות תעשייתיים בסין.",
        },
        "stage": "early",
        "maturity": "market",
        "target_markets": ["CN", "ASIA"],
        "visibility": "public",
    },
    {
        "key": "sipg-3d-vision",
        "kind": "need",
        "org": "sipg",
        "hub": "ciih",
        "sectors": ["ai-robotics", "mobility"],
        "title": {"zh-hans": "集装箱码头自动化需要高精度三维视觉"},
        "description": {
            "zh-hans": "自动化码头需要精确识别集装箱角件、锁销和集卡位置的三维视觉方案，"
            "在雨天和夜间也要稳定，用于岸桥和场桥的自动装卸。",
        },
        "timeline": "6m",
        "amount_min": 3_000_000,
        "amount_max": 8_000_000,
        "currency": "CNY",
        "visibility": "members",
    },
    {
        "key": "aowei-fleet-energy",
        "kind": "need",
        "org": "aowei",
        "hub": "ciih",
        "sectors": ["mobility", "energy-environment"],
        "title": {
            "zh-hans": "超级电容公交示范线需要车队能源管理软件",
            "en": "Fleet energy software for our super-capacitor bus route",
        },
        "description": {
            "zh-hans": "我们在特拉维夫-雅法运营超级电容公交示范线，需要以色列本地的车队"
            "能源管理与充电调度软件伙伴，根据班次和电价安排充电。",
            "en": "We run a super-capacitor bus demonstration route in Tel Aviv-Yafo and need a "
            "local partner for fleet energy management and charging schedules that follow "
            "timetables and tariffs.",
        },
        "timeline": "3m",
        "visibility": "members",
    },
    {
        "key": "jndz-mobility",
        "kind": "need",
        "org": "jndz",
        "hub": "jiangsu",
        "sectors": ["mobility"],
        "title": {"zh-hans": "江宁开发区引进以色列智慧出行初创企业"},
        "description": {
            "zh-hans": "江宁开发区为以色列智慧出行企业提供落地空间、测试道路和应用场景，"
            "希望引进自动驾驶、车路协同和出行服务方向的初创企业，并对接本地整车厂。",
        },
        "timeline": "12m",
        "visibility": "public",
    },
    {
        "key": "360-ics-threat-intel",
        "kind": "need",
        "org": "360",
        "hub": "ciih",
        "sectors": ["cybersecurity"],
        "title": {"zh-hans": "工业控制系统威胁情报与联合研究"},
        "description": {
            "zh-hans": "为支撑区级信息技术公共服务平台，我们希望与以色列网络安全团队在工业"
            "控制系统威胁情报、攻击检测方面开展联合研究。此需求仅对园区工作人员可见。",
        },
        "timeline": "6m",
        "amount_min": 2_000_000,
        "amount_max": 6_000_000,
        "currency": "CNY",
        "visibility": "private",
    },
    {
        "key": "tianyu-fall-detection",
        "kind": "need",
        "org": "tianyu",
        "hub": "ciih",
        "sectors": ["life-health"],
        "title": {"zh-hans": "养老院不用摄像头的跌倒检测"},
        "description": {
            "zh-hans": "我们服务的养老院夜间人手少，老人在房间和卫生间跌倒往往发现不及时。"
            "需要保护隐私、不用摄像头的跌倒检测，能立即通知值班护理员。",
        },
        "timeline": "6m",
        "visibility": "members",
    },
    {
        "key": "thermal-scope-manufacturing",
        "kind": "need",
        "org": "filler-thermal-scope",
        "hub": "ciih",
        "sectors": ["intelligent-manufacturing"],
        "title": {"he": "מחפשים יצרן סיני למכלולים אופטיים ולמעטפות"},
        "description": {
            "he": "אנחנו מגדילים את הייצור של הכוונת התרמית ומחפשים קבלן ייצור בסין לתבניות, "
            "להזרקת פלסטיק ולהרכבת מכלולים אופטיים, מסדרות קטנות ועד אלפי יחידות בחודש.",
        },
        "timeline": "6m",
        "visibility": "members",
    },
    {
        "key": "peakview-thesis",
        "kind": "thesis",
        "org": "peakview",
        "hub": "jiangsu",
        "sectors": ["mobility", "ai-robotics"],
        "title": {
            "zh-hans": "盛景嘉成：投资以色列智慧出行与人工智能早期项目",
            "en": "Shengjing Peakview: early-stage Israeli smart mobility and AI",
        },
        "description": {
            "zh-hans": "我们是人民币私募股权投资机构，关注以色列及中以合资的智慧出行、自动驾驶"
            "和人工智能初创企业，帮助被投企业在江苏落地、对接中国投资人并进入中国市场。",
            "en": "A Chinese private equity investor backing Israeli and China–Israel smart "
            "mobility, autonomous driving and AI startups, and helping them set up in Jiangsu, "
            "meet Chinese investors and enter the Chinese market.",
        },
        "stages": ["seed", "early"],
        "countries": ["IL", "JOINT"],
        "amount_min": 5_000_000,
        "amount_max": 20_000_000,
        "currency": "CNY",
        "visibility": "public",
    },
    {
        "key": "trendlines-thesis",
        "kind": "thesis",
        "org": "trendlines",
        "hub": "ciih",
        "sectors": ["healthcare-bioscience", "agrifood-water"],
        "title": {"en": "Seed investment in medical and agrifood technology"},
        "description": {
            "en": "We incubate and invest in Israeli medical device and agrifood startups at "
            "seed stage, and help them with clinical, regulatory and market entry work in China.",
        },
        "stages": ["idea", "seed"],
        "countries": ["IL"],
        "amount_min": 200_000,
        "amount_max": 1_500_000,
        "currency": "USD",
        "visibility": "members",
    },
]

FIELDS = services.EDITABLE_FIELDS - {"title", "description", "status"}


def generated_offer_texts() -> Iterator[tuple[str, dict[str, str], dict[str, str]]]:
    """(sector, title, description) of each generated offer, in English, Hebrew or both."""
    for sector, templates in GENERATED_OFFERS.items():
        for number, template in enumerate(templates):
            choice = random.Random(f"offer:{sector}:{number}").choice(["en", "he", "both"])
            languages = ["en", "he"] if choice == "both" else [choice]
            yield (
                sector,
                {code: template[code][0] for code in languages},
                {code: template[code][1] for code in languages},
            )


def generated_need_texts() -> Iterator[tuple[str, dict[str, str], dict[str, str]]]:
    """(sector, title, description) of each generated need, in Chinese and sometimes English."""
    for sector, templates in GENERATED_NEEDS.items():
        for number, template in enumerate(templates):
            both = random.Random(f"need:{sector}:{number}").random() < 0.3
            languages = ["zh-hans", "en"] if both else ["zh-hans"]
            yield (
                sector,
                {code: template[code][0] for code in languages},
                {code: template[code][1] for code in languages},
            )


def all_listing_texts() -> Iterator[tuple[str, list[str]]]:
    """(kind, embedding texts) of every demo listing, for the shipped vector file."""
    for row in NAMED_LISTINGS:
        yield (
            row["kind"],
            embedding_texts(
                Listing(kind=row["kind"], title=row["title"], description=row["description"])
            ),
        )
    for kind, texts in (("offer", generated_offer_texts()), ("need", generated_need_texts())):
        for _sector, title, description in texts:
            yield kind, embedding_texts(Listing(kind=kind, title=title, description=description))


def load_vectors(model: str) -> dict[str, np.ndarray]:
    if not VECTORS_FILE.exists():
        return {}
    with np.load(VECTORS_FILE) as data:
        if str(data["model"]) != model:
            return {}
        return dict(zip((str(d) for d in data["digests"]), data["vectors"], strict=True))


def _fill_vectors(listings: list[Listing]) -> None:
    embedder = get_embedder()
    if embedder is None:
        return
    shipped = load_vectors(embedder.name)
    for listing in listings:
        texts = embedding_texts(listing)
        digest = embedding_digest(listing.kind, texts, embedder.name)
        vector = shipped.get(digest)
        if vector is None:
            vector = embed_listing_texts(embedder, listing.kind, texts)
        if vector is not None:
            listing.embedding = vector_to_bytes(vector)
            listing.embedding_model = embedder.name
            listing.embedding_digest = digest
    Listing.objects.bulk_update(listings, ["embedding", "embedding_model", "embedding_digest"])


def _hub_of(ctx: DemoContext, organisation: Organisation) -> Any:
    membership = organisation.memberships.select_related("hub").order_by("pk").first()
    return membership.hub if membership else ctx.hubs["ciih"]


def _generated(
    ctx: DemoContext,
    sectors: dict[str, Sector],
    kind: str,
    countries: tuple[str, ...],
    texts: Iterator[tuple[str, dict[str, str], dict[str, str]]],
) -> list[Listing]:
    rng = random.Random(f"matching-demo:{kind}")
    taken: set[int] = set()
    created = []
    for sector, title, description in texts:
        organisation = (
            Organisation.objects.filter(
                is_generated=True, country__in=countries, sectors__slug=sector
            )
            .exclude(pk__in=taken)
            .order_by("pk")
            .first()
        )
        if organisation is None:
            continue
        taken.add(organisation.pk)
        amount = rng.choice([None, 1, 2, 5, 10])
        created.append(
            services.listing_create(
                by=None,
                kind=kind,
                organisation=organisation,
                hub=_hub_of(ctx, organisation),
                is_generated=True,
                embed=False,
                title=title,
                description=description,
                sectors=[sectors[sector]],
                stage=rng.choice(["seed", "early", "growth"]) if kind == "offer" else "",
                maturity=rng.choice(["prototype", "pilot", "market"]) if kind == "offer" else "",
                target_markets=["CN"] if kind == "offer" else [],
                timeline=rng.choice(["3m", "6m", "12m", "exploring"]) if kind == "need" else "",
                amount_min=amount * 1_000_000 if amount else None,
                amount_max=amount * 3_000_000 if amount else None,
                currency="USD" if kind == "offer" else "CNY",
                visibility=rng.choice(["public", "members", "members", "private"]),
            )
        )
    return created


def _introduce(
    ctx: DemoContext,
    listing: Listing,
    counterpart: Listing,
    hub_key: str,
    staff: str,
    steps: list[tuple[str, date, str, str]],
    agreement: str = "",
) -> None:
    """Walk an introduction through its steps; the agreement step names the relations
    agreement whose English title starts with `agreement`."""
    by = ctx.users[staff]
    first_on, note = steps[0][1], steps[0][2]
    introduction = services.introduction_create(
        by=by,
        hub=ctx.hubs[hub_key],
        listing=listing,
        counterpart=counterpart,
        on=first_on,
        note=note,
        is_generated=True,
    )
    for state, on, step_note, reference in steps[1:]:
        named = None
        if agreement and state == IntroductionState.AGREEMENT:
            named = next(
                found.pk
                for found in selectors.introduction_agreement_choices(introduction)
                if found.title.get("en", "").startswith(agreement)
            )
        services.introduction_transition(
            introduction=introduction,
            to_state=state,
            by=by,
            on=on,
            note=step_note,
            reference=reference,
            agreement_id=named,
        )


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z]{5,}", text.lower())}


def _patents_of(organisation: Any, row: dict[str, Any]) -> list[Asset]:
    """The organisation's live patents and applications in the IP demo that the offer is about:
    those whose English title shares a word with the offer's English text."""
    about = _words(row["title"].get("en", "") + " " + row["description"].get("en", ""))
    candidates = Asset.objects.filter(
        owners=organisation,
        type__in=["cn-invention", "cn-utility", "cn-design", "il-patent", "pct"],
        status__in=["valid", "filed", "under_examination"],
    ).order_by(F("filed_on").desc(nulls_last=True), "-id")
    return [a for a in candidates if _words(a.title.get("en") or "") & about][:4]


def load(ctx: DemoContext) -> None:
    sectors = {s.slug: s for s in Sector.objects.all()}
    named: dict[str, Listing] = {}
    for row in NAMED_LISTINGS:
        data = {field: row[field] for field in FIELDS if field in row}
        data["sectors"] = [sectors[slug] for slug in row["sectors"]]
        if row["kind"] == "offer" and row.get("ip_reference"):
            linked = _patents_of(ctx.orgs[row["org"]], row)
            if linked:
                # The portfolio holds the rights the offer names: link them instead of the text.
                data["ip_assets"], data["ip_reference"] = linked, ""
        named[row["key"]] = services.listing_create(
            by=None,
            kind=row["kind"],
            organisation=ctx.orgs[row["org"]],
            hub=ctx.hubs[row["hub"]],
            embed=False,
            title=row["title"],
            description=row["description"],
            **data,
        )
    offers = _generated(ctx, sectors, "offer", ("IL", "JOINT"), generated_offer_texts())
    needs = _generated(ctx, sectors, "need", ("CN",), generated_need_texts())
    _fill_vectors([*named.values(), *offers, *needs])

    today = ctx.today
    _introduce(
        ctx,
        named["peakview-thesis"],
        named["ecomotion-startups"],
        "jiangsu",
        "jiangsu",
        [
            (
                IntroductionState.INTRODUCED,
                date(2020, 6, 15),
                "Introduced ahead of Nanjing TechWeek.",
                "",
            ),
            (IntroductionState.MEETING, date(2020, 7, 2), "Video call with EcoMotion's CEO.", ""),
            (
                IntroductionState.AGREEMENT,
                date(2020, 9, 10),
                "Collaboration agreed at the CIIC conference of Nanjing TechWeek.",
                "Cooperation agreement, Nanjing TechWeek Israel Day",
            ),
        ],
        agreement="Smart-mobility cooperation",
    )
    _introduce(
        ctx,
        named["jndz-mobility"],
        named["ecomotion-startups"],
        "jiangsu",
        "jiangsu",
        [
            (IntroductionState.INTRODUCED, date(2020, 6, 15), "", ""),
            (
                IntroductionState.AGREEMENT,
                date(2020, 9, 10),
                "Signed on stage with EcoMotion and Shengjing Peakview Capital.",
                "Jiangning Development Zone – EcoMotion cooperation agreement",
            ),
        ],
        agreement="Smart-mobility cooperation",
    )
    _introduce(
        ctx,
        named["sipg-3d-vision"],
        named["mantis-structured-light"],
        "ciih",
        "staff",
        [
            (IntroductionState.INTRODUCED, today - timedelta(days=120), "", ""),
            (
                IntroductionState.MEETING,
                today - timedelta(days=95),
                "Site visit at the terminal.",
                "",
            ),
            (
                IntroductionState.PILOT,
                today - timedelta(days=40),
                "Two cranes fitted for a trial.",
                "",
            ),
        ],
    )
    rehab_need = next((n for n in needs if "康复" in n.title.get("zh-hans", "")), None)
    if rehab_need is not None:
        # The showcase match of the demo: Ai-Care's exoskeleton must be able to see it.
        rehab_need = services.listing_update(listing=rehab_need, by=None, visibility="members")
        _introduce(
            ctx,
            rehab_need,
            named["ai-care-exoskeleton"],
            "ciih",
            "staff",
            [
                (IntroductionState.INTRODUCED, today - timedelta(days=30), "", ""),
                (
                    IntroductionState.MEETING,
                    today - timedelta(days=12),
                    "Demonstration on the ward.",
                    "",
                ),
            ],
        )
    fall_offer = next(
        (
            o
            for o in offers
            if "fall" in o.title.get("en", "").lower() or "נפילות" in o.title.get("he", "")
        ),
        None,
    )
    if fall_offer is not None:
        _introduce(
            ctx,
            named["tianyu-fall-detection"],
            fall_offer,
            "ciih",
            "staff",
            [(IntroductionState.INTRODUCED, today - timedelta(days=5), "E-mail introduction.", "")],
        )
    ciih = ctx.hubs["ciih"].pk
    ended = next(
        (
            (need, offer)
            for need in reversed(needs)
            for offer in reversed(offers)
            if ciih in (need.hub_id, offer.hub_id) and need is not rehab_need
        ),
        None,
    )
    if ended is not None:
        _introduce(
            ctx,
            *ended,
            "ciih",
            "staff",
            [
                (IntroductionState.INTRODUCED, today - timedelta(days=200), "", ""),
                (IntroductionState.ENDED, today - timedelta(days=150), "Too costly for now.", ""),
            ],
        )

    member, investor = ctx.users["member"], ctx.users["investor"]
    if rehab_need is not None:
        services.feedback_set(
            user=member,
            listing=named["ai-care-exoskeleton"],
            candidate=rehab_need,
            verdict=Verdict.INTERESTED,
        )
    services.feedback_set(
        user=member,
        listing=named["ai-care-exoskeleton"],
        candidate=named["sipg-3d-vision"],
        verdict=Verdict.NOT_RELEVANT,
    )
    services.feedback_set(
        user=investor,
        listing=named["peakview-thesis"],
        candidate=named["ecomotion-startups"],
        verdict=Verdict.INTERESTED,
    )
    services.feedback_set(
        user=investor,
        listing=named["peakview-thesis"],
        candidate=named["mantis-structured-light"],
        verdict=Verdict.INTERESTED,
    )
    services.feedback_set(
        user=investor,
        listing=named["peakview-thesis"],
        candidate=named["mud-mask"],
        verdict=Verdict.NOT_RELEVANT,
    )
    ctx.extra["matching"] = named
