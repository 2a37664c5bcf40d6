"""Demo: the IP portfolio of CIIH Shanghai, reproducing the seeds' figures on 2020-12-03.

On the first anniversary the hub's members held 37 valid trademarks, 22 utility-model
patents, 68 software registrations, 19 invention patents, one design patent with one more
under application, and 10 applications in preparation. Those records are generated (marked
is_generated) with valid numbers and plausible dates, owned by the members of that day;
later records up to today give the deadline board, the reminders and the dashboards content.
Records are written in bulk (the same engine computes their deadlines) to keep the load fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from innohub.common.calendars import CHINA, is_working_day
from innohub.common.demo import DemoContext
from innohub.directory.models import Membership, Organisation, Product, members_on_q
from innohub.ip import deadlines as engine
from innohub.ip.models import (
    Asset,
    AssetEvent,
    AssetStatus,
    Deadline,
    DeadlineState,
    NiceClass,
)
from innohub.ip.numbers import cn_patent_check_character
from innohub.ip.reminders import reminders_send
from innohub.ip.services import FIELDS_FROM_ENGINE, settled_before

S = AssetStatus
ANNIVERSARY = date(2020, 12, 3)
OPENED = date(2019, 12, 3)
OWNER_KINDS = ("startup", "enterprise", "university", "incubator")

# Subjects of patents: (zh, en, he); the templates below make titles of them.
SUBJECTS = [
    ("无创血糖检测", "non-invasive blood glucose measurement", "מדידת סוכר בדם ללא חדירה"),
    ("肌电信号采集", "electromyographic signal acquisition", "קליטת אותות חשמליים משרירים"),
    ("助听降噪", "noise reduction in hearing aids", "הפחתת רעש במכשירי שמיעה"),
    ("语音变速", "speech rate adjustment", "התאמת קצב דיבור"),
    ("三维结构光成像", "structured-light 3D imaging", "הדמיה תלת-ממדית באור מובנה"),
    ("红外热成像", "infrared thermal imaging", "הדמיה תרמית באינפרה-אדום"),
    ("网络流量异常检测", "network traffic anomaly detection", "זיהוי חריגות בתעבורת רשת"),
    ("云端数据加密", "encryption of cloud data", "הצפנת נתונים בענן"),
    ("滴灌水肥一体化", "combined drip irrigation and fertigation", "השקיה בטפטוף משולבת בדישון"),
    ("海水淡化膜清洗", "cleaning of desalination membranes", "ניקוי ממברנות להתפלה"),
    ("锂电池热管理", "thermal management of lithium batteries", "ניהול תרמי של סוללות ליתיום"),
    ("光伏组件清洁", "cleaning of photovoltaic panels", "ניקוי פאנלים סולאריים"),
    (
        "自动驾驶障碍物识别",
        "obstacle recognition for autonomous driving",
        "זיהוי מכשולים בנהיגה אוטונומית",
    ),
    ("工业机器人抓取", "grasping by industrial robots", "אחיזה ברובוטים תעשייתיים"),
    ("精准施药", "precision spraying of crops", "ריסוס מדויק של גידולים"),
    ("睡眠呼吸监测", "sleep breathing monitoring", "ניטור נשימה בשינה"),
    ("伤口敷料固定", "fixing wound dressings", "קיבוע חבישות לפצעים"),
    ("智能仓储拣选", "picking in smart warehouses", "ליקוט במחסנים חכמים"),
    (
        "金融交易反欺诈",
        "fraud detection in financial transactions",
        "זיהוי הונאות בעסקאות פיננסיות",
    ),
    ("在线学习行为分析", "analysis of online learning behaviour", "ניתוח התנהגות בלמידה מקוונת"),
    ("空气质量检测", "air quality measurement", "מדידת איכות אוויר"),
    ("冷链温度追踪", "temperature tracking in the cold chain", "מעקב טמפרטורה בשרשרת הקירור"),
    ("手部外骨骼驱动", "actuation of a hand exoskeleton", "הנעה של שלד חיצוני לכף היד"),
    ("医学影像分割", "segmentation of medical images", "פילוח תמונות רפואיות"),
]
INVENTION_TEMPLATES = [
    ("一种{}方法", "Method for {}", "שיטה ל{}"),
    ("一种{}系统及方法", "System and method for {}", "מערכת ושיטה ל{}"),
]
UTILITY_TEMPLATES = [("一种{}装置", "Device for {}", "התקן ל{}")]
SOFTWARE_SUBJECTS = [
    ("血糖数据分析", "blood glucose data analysis", "ניתוח נתוני סוכר"),
    ("听力测试", "hearing test", "בדיקת שמיעה"),
    ("威胁情报", "threat intelligence", "מודיעין איומים"),
    ("云安全审计", "cloud security audit", "ביקורת אבטחת ענן"),
    ("三维点云处理", "3D point cloud processing", "עיבוד ענני נקודות תלת-ממדיים"),
    ("温室环境控制", "greenhouse climate control", "בקרת אקלים בחממה"),
    ("能耗监测", "energy consumption monitoring", "ניטור צריכת אנרגיה"),
    ("车队调度", "fleet dispatching", "שיבוץ צי רכב"),
    ("供应链金融", "supply-chain finance", "מימון שרשרת אספקה"),
    ("在线课程", "online course", "קורסים מקוונים"),
    ("康复训练", "rehabilitation training", "אימון שיקומי"),
    ("设备预测性维护", "predictive equipment maintenance", "תחזוקה חזויה של ציוד"),
    ("数据脱敏", "data masking", "התממת נתונים"),
    ("医院排班", "hospital rostering", "שיבוץ משמרות בבית חולים"),
    ("智能灌溉", "smart irrigation", "השקיה חכמה"),
    ("工业视觉检测", "industrial visual inspection", "בדיקה חזותית תעשייתית"),
]
SOFTWARE_TEMPLATES = [
    ("{}系统V{}", "{} system V{}", "מערכת {}, גרסה {}"),
    ("{}平台V{}", "{} platform V{}", "פלטפורמת {}, גרסה {}"),
    ("{}软件V{}", "{} software V{}", "תוכנת {}, גרסה {}"),
]
DESIGN_OBJECTS = [
    ("助听耳机", "Hearing-aid earphone", "אוזניית שמיעה"),
    ("血糖仪", "Glucometer", "מד סוכר"),
    ("热成像仪", "Thermal imager", "מצלמה תרמית"),
    ("康复手套", "Rehabilitation glove", "כפפת שיקום"),
    ("智能水杯", "Smart water bottle", "בקבוק מים חכם"),
]
# Trademarks of generated members: (zh, Latin)
MARKS = [
    ("智康", "ZHIKANG"),
    ("安瞳", "ANTONG"),
    ("汇声", "HUISHENG"),
    ("清流", "QINGLIU"),
    ("睿驰", "RUICHI"),
    ("光合", "GUANGHE"),
    ("禾田", "HETIAN"),
    ("启明", "QIMING"),
    ("云盾", "YUNDUN"),
    ("易学", "YIXUE"),
    ("恒温", "HENGWEN"),
    ("捷仓", "JIECANG"),
    ("慧眼", "HUIYAN"),
    ("润泽", "RUNZE"),
    ("飞泉", "FEIQUAN"),
    ("星桥", "XINGQIAO"),
]
# Nice classes a tech member typically files in, with CNIPA similar groups.
CLASSES = [
    (9, "0901,0913"),
    (42, "4209,4220"),
    (10, "1001"),
    (35, "3501"),
    (44, "4401"),
    (5, "0501"),
    (11, "1104"),
    (7, "0749"),
    (3, "0306"),
    (41, "4101"),
]


@dataclass
class Spec:
    type: str
    title: dict[str, str]
    owners: list[Organisation]
    events: list[tuple[str, date]]
    filed: date | None = None
    granted: date | None = None
    registered: date | None = None
    published: date | None = None
    priority: date | None = None
    nice: list[tuple[int, str]] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    renewals: list[date] = field(default_factory=list)  # trademarks: when each was renewed
    unpaid: set[int] = field(default_factory=set)  # fees left unpaid (by patent year)
    done_acts: dict[tuple[str, int], date] = field(default_factory=dict)
    tracked_since: date = OPENED
    number: str = ""


class PortfolioBuilder:
    """Deterministic generator of numbers, dates and titles from the demo's seeded random."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = ctx.today
        self.hub = ctx.hubs["ciih"]
        self.specs: list[Spec] = []
        self.used_numbers: set[str] = set()

    # ---- helpers
    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange(max((end - start).days, 0) + 1))

    def owner_on(self, day: date) -> Organisation:
        pool = self.ctx.extra["ip_members"].get(day)
        if pool is None:
            ids = set(
                Membership.objects.filter(members_on_q(day), hub=self.hub).values_list(
                    "organisation_id", flat=True
                )
            )
            pool = [o for o in self.ctx.extra["ip_owner_pool"] if o.pk in ids]
            self.ctx.extra["ip_members"][day] = pool
        return self.rng.choice(pool)

    def cn_patent_number(self, filed: date, type_digit: str) -> str:
        while True:
            body = f"{filed.year}{type_digit}{self.rng.randrange(10**7):07d}"
            if filed < date(2003, 10, 1):
                body = f"{filed.year % 100:02d}{type_digit}{self.rng.randrange(10**5):05d}"
            number = f"{body}.{cn_patent_check_character(body)}"
            if number not in self.used_numbers:
                self.used_numbers.add(number)
                return number

    def unique(self, make: Any) -> str:
        while True:
            number = make()
            if number not in self.used_numbers:
                self.used_numbers.add(number)
                return number

    def trademark_number(self, filed: date) -> str:
        base = 8_000_000 + (filed.year - 2010) * 5_000_000
        return self.unique(lambda: str(base + self.rng.randrange(4_000_000)))

    def software_number(self, registered: date) -> str:
        digits = 7 if registered.year >= 2019 else 6
        return self.unique(
            lambda: f"{registered.year}SR{self.rng.randrange(10 ** (digits - 1), 10**digits)}"
        )

    def patent_title(self, templates: list[tuple[str, str, str]]) -> dict[str, str]:
        zh, en, he = self.rng.choice(SUBJECTS)
        tz, te, th = self.rng.choice(templates)
        return {"zh-hans": tz.format(zh), "en": te.format(en), "he": th.format(he)}

    def software_title(self) -> dict[str, str]:
        zh, en, he = self.rng.choice(SOFTWARE_SUBJECTS)
        tz, te, th = self.rng.choice(SOFTWARE_TEMPLATES)
        version = self.rng.choice(["1.0", "1.0", "2.0", "3.1"])
        return {
            "zh-hans": tz.format(zh, version),
            "en": te.format(en[0].upper() + en[1:], version),
            "he": th.format(he, version),
        }

    def mark_for(self, owner: Organisation) -> dict[str, str]:
        marks = self.ctx.extra.setdefault("ip_marks", {})
        if owner.pk not in marks:
            marks[owner.pk] = MARKS[len(marks) % len(MARKS)]
        zh, latin = marks[owner.pk]
        return {"zh-hans": zh, "en": latin, "he": latin}

    def add(self, spec: Spec) -> Spec:
        self.specs.append(spec)
        return spec

    # ---- kinds of records
    def invention(
        self,
        *,
        owner: Organisation,
        filed: date,
        granted: date | None,
        end: tuple[str, date] | None = None,
        exam: date | None = None,
        title: dict[str, str] | None = None,
        products: Iterable[Product] = (),
        unpaid: Iterable[int] = (),
        type_digit: str = "1",
        priority: date | None = None,
    ) -> Spec:
        published = filed + timedelta(days=self.rng.randint(380, 550))
        events: list[tuple[str, date]] = [(S.FILED, filed)]
        exam = exam or (published + timedelta(days=self.rng.randint(20, 120)))
        if (granted is None or exam < granted) and exam <= (end[1] if end else self.today):
            events.append((S.UNDER_EXAMINATION, exam))
        if granted:
            published = min(published, granted)
            events.append((S.VALID, granted))
        if end:
            events.append(end)
        return self.add(
            Spec(
                type=engine.CN_INVENTION,
                title=title or self.patent_title(INVENTION_TEMPLATES),
                owners=[owner],
                events=events,
                filed=filed,
                granted=granted,
                published=published if published <= self.today else None,
                priority=priority,
                products=list(products),
                unpaid=set(unpaid),
                number=self.cn_patent_number(filed, type_digit),
                tracked_since=max(OPENED, filed),
            )
        )

    def utility(
        self,
        *,
        owner: Organisation,
        filed: date,
        granted: date | None,
        end: tuple[str, date] | None = None,
        title: dict[str, str] | None = None,
        products: Iterable[Product] = (),
        unpaid: Iterable[int] = (),
        asset_type: str = engine.CN_UTILITY,
    ) -> Spec:
        events: list[tuple[str, date]] = [(S.FILED, filed)]
        if granted:
            events.append((S.VALID, granted))
        if end:
            events.append(end)
        digit = "3" if asset_type == engine.CN_DESIGN else "2"
        return self.add(
            Spec(
                type=asset_type,
                title=title or self.patent_title(UTILITY_TEMPLATES),
                owners=[owner],
                events=events,
                filed=filed,
                granted=granted,
                published=granted,  # utility models and designs are published on grant
                products=list(products),
                unpaid=set(unpaid),
                number=self.cn_patent_number(filed, digit),
                tracked_since=max(OPENED, filed),
            )
        )

    def software(self, *, owner: Organisation, registered: date) -> Spec:
        filed = registered - timedelta(days=self.rng.randint(30, 80))
        published = filed - timedelta(days=self.rng.randint(0, 300))
        return self.add(
            Spec(
                type=engine.CN_SOFTWARE,
                title=self.software_title(),
                owners=[owner],
                events=[(S.FILED, filed), (S.VALID, registered)],
                filed=filed,
                registered=registered,
                published=published,
                number=self.software_number(registered),
                tracked_since=max(OPENED, filed),
            )
        )

    def trademark(
        self,
        *,
        owner: Organisation,
        registered: date | None,
        filed: date | None = None,
        end: tuple[str, date] | None = None,
        title: dict[str, str] | None = None,
        classes: list[tuple[int, str]] | None = None,
        renew: bool | None = None,
    ) -> Spec:
        filed = filed or (registered - timedelta(days=self.rng.randint(270, 460)))  # type: ignore[operator]
        events: list[tuple[str, date]] = [(S.FILED, filed)]
        spec = Spec(
            type=engine.CN_TRADEMARK,
            title=title or self.mark_for(owner),
            owners=[owner],
            events=events,
            filed=filed,
            registered=registered,
            nice=classes or [self.rng.choice(CLASSES)],
            number=self.trademark_number(filed),
            tracked_since=max(OPENED, filed),
        )
        if registered:
            events.append((S.VALID, registered))
            # Renew each term that has ended (renew=False: let the first one run out).
            expiry = engine.term_end(registered, 10)
            while expiry < self.today:
                renewing = renew if renew is not None else self.rng.random() < 0.85
                if not renewing:
                    grace = engine.add_months(expiry, 6)
                    if grace < self.today:
                        events.append((S.EXPIRED, expiry + timedelta(days=1)))
                    break
                spec.renewals.append(expiry - timedelta(days=self.rng.randint(15, 200)))
                expiry = engine.term_end(expiry + timedelta(days=1), 10)
                renew = None
        if end:
            events.append(end)
        return self.add(spec)


def _first_anniversary(b: PortfolioBuilder, named: dict[str, Any]) -> None:
    """Everything that existed on 2020-12-03, in the counts the seeds give."""
    d = ANNIVERSARY
    late = d - timedelta(days=3)

    def owner() -> Organisation:
        return b.owner_on(d)

    # 19 valid invention patents (two of them lapse later, after a fee went unpaid).
    for n in range(19):
        filed = b.day_between(date(2012, 1, 9), date(2017, 12, 20))
        granted = min(filed + timedelta(days=b.rng.randint(760, 1400)), late)
        extra: dict[str, Any] = {}
        if n == 0:
            extra = {
                "owner": named["aozhen"],
                "products": named["glucometer"],
                "title": {
                    "zh-hans": "一种基于唾液的无创血糖检测方法",
                    "en": "Method for measuring blood glucose from saliva",
                    "he": "שיטה למדידת סוכר בדם מרוק",
                },
            }
        elif n == 1:
            extra = {
                "owner": named["ai-care"],
                "products": named["hand-exoskeleton"],
                "title": {
                    "zh-hans": "一种基于肌电信号的手部运动意图识别方法",
                    "en": "Method for recognising hand movement intent from muscle signals",
                    "he": "שיטה לזיהוי כוונת תנועה של כף היד מאותות שריר",
                },
            }
        spec_owner = extra.pop("owner", None) or owner()
        spec = b.invention(owner=spec_owner, filed=filed, granted=granted, **extra)
        if n in (5, 11):
            _lapse_on_a_fee_after(b, spec, d)
    # 22 valid utility models; those filed before late 2016 reach the end of their term.
    for n in range(22):
        filed = b.day_between(date(2011, 3, 1), date(2019, 12, 20))
        granted = min(filed + timedelta(days=b.rng.randint(180, 380)), late)
        extra = {}
        if n in (0, 1):
            extra = {"owner": named["ai-care"], "products": named["hand-exoskeleton"]}
            if n == 0:
                extra["title"] = {
                    "zh-hans": "一种用于手部康复的柔性外骨骼手套",
                    "en": "Flexible exoskeleton glove for hand rehabilitation",
                    "he": "כפפת שלד חיצוני גמישה לשיקום כף היד",
                }
        elif n == 2:
            extra = {"owner": named["tianyu"], "products": named["hearing-earphone"]}
        elif n == 3:
            extra = {
                "owner": named["filler-thermal-scope"],
                "products": named["thermal-scope"],
                "title": {
                    "zh-hans": "一种手持式热成像观测装置",
                    "en": "Hand-held device for viewing heat images",
                    "he": "כוונת הדמיה תרמית ידנית",
                },
            }
        spec_owner = extra.pop("owner", None) or owner()
        spec = b.utility(owner=spec_owner, filed=filed, granted=granted, **extra)
        _expire_if_ended(b, spec)
        if n == 9:
            _lapse_on_a_fee_after(b, spec, d)
    # 68 valid software registrations.
    for _n in range(68):
        b.software(owner=owner(), registered=b.day_between(date(2013, 4, 1), late))
    # 37 valid trademarks (registered after 2010-12-03: their first term has not ended).
    for n in range(37):
        registered = b.day_between(date(2011, 2, 1), late)
        if n < 3:
            b.trademark(
                owner=named["filler-mud-mask"],
                registered=registered,
                title={"zh-hans": "死海之泥", "en": "DEAD SEA MUD", "he": "בוץ ים המלח"},
                classes=[(3, "0306"), (44, "4401")][: 1 + n % 2],
            )
        elif n < 5:
            b.trademark(
                owner=named["ai-care"],
                registered=registered,
                title={"zh-hans": "艾可尔", "en": "AICARE", "he": "AICARE"},
                classes=[(10, "1001"), (9, "0901")][n - 3 : n - 2],
            )
        else:
            b.trademark(owner=owner(), registered=registered)
    # One valid design patent, one more under application.
    b.utility(
        owner=named["tianyu"],
        filed=date(2020, 2, 14),
        granted=date(2020, 8, 21),
        asset_type=engine.CN_DESIGN,
        products=named["hearing-earphone"],
        title={"zh-hans": "助听耳机", "en": "Hearing-aid earphone", "he": "אוזניית שמיעה"},
    )
    b.utility(
        owner=named["aozhen"],
        filed=date(2020, 10, 16),
        granted=date(2021, 4, 23),
        asset_type=engine.CN_DESIGN,
        products=named["glucometer"],
        title={"zh-hans": "血糖仪", "en": "Glucometer", "he": "מד סוכר"},
    )
    # 10 applications in preparation; during 2021 seven are filed and three abandoned.
    for n in range(10):
        started = b.day_between(date(2020, 7, 1), date(2020, 11, 25))
        who = named["ai-care"] if n == 0 else owner()
        if n < 3:
            abandoned = b.day_between(date(2021, 2, 1), date(2021, 10, 29))
            b.add(
                Spec(
                    type=engine.CN_INVENTION if n % 2 else engine.CN_UTILITY,
                    title=b.patent_title(INVENTION_TEMPLATES if n % 2 else UTILITY_TEMPLATES),
                    owners=[who],
                    events=[(S.IN_PREPARATION, started), (S.ABANDONED, abandoned)],
                    tracked_since=started,
                )
            )
            continue
        filed = b.day_between(date(2021, 1, 11), date(2021, 9, 30))
        if n < 7:
            spec = b.invention(
                owner=who,
                filed=filed,
                granted=filed + timedelta(days=b.rng.randint(800, 1100)) if n < 5 else None,
            )
        else:
            spec = b.utility(
                owner=who, filed=filed, granted=filed + timedelta(days=b.rng.randint(200, 330))
            )
        if spec.granted and spec.granted > b.today:
            spec.granted = None
            spec.events = [e for e in spec.events if e[0] != S.VALID]
        spec.events.insert(0, (S.IN_PREPARATION, started))
        spec.tracked_since = started
    # Before the anniversary some rights had already ended, some applications were pending.
    for _n in range(3):
        filed = b.day_between(date(2008, 3, 1), date(2010, 6, 30))
        spec = b.utility(owner=owner(), filed=filed, granted=filed + timedelta(days=250))
        _expire_if_ended(b, spec)
    for _n in range(6):
        filed = b.day_between(date(2018, 3, 1), date(2020, 5, 29))
        granted = max(
            filed + timedelta(days=b.rng.randint(900, 1300)),
            d + timedelta(days=b.rng.randint(20, 400)),
        )
        b.invention(owner=owner(), filed=filed, granted=granted if granted <= b.today else None)
    for _n in range(4):
        filed = b.day_between(date(2020, 1, 6), date(2020, 10, 30))
        registered = max(
            filed + timedelta(days=b.rng.randint(300, 420)),
            d + timedelta(days=b.rng.randint(10, 200)),
        )
        b.trademark(owner=owner(), registered=registered, filed=filed)
    for _n in range(2):
        filed = b.day_between(date(2019, 1, 7), date(2019, 12, 30))
        b.trademark(
            owner=owner(),
            registered=None,
            filed=filed,
            end=(S.REJECTED, filed + timedelta(days=b.rng.randint(200, 320))),
        )


def _expire_if_ended(b: PortfolioBuilder, spec: Spec) -> None:
    expiry = engine.expiry_of(engine.compute(_facts(spec)))
    if expiry and expiry < b.today and spec.events[-1][0] == S.VALID:
        spec.events.append((S.EXPIRED, expiry + timedelta(days=1)))


def _lapse_on_a_fee_after(b: PortfolioBuilder, spec: Spec, after: date) -> None:
    """Leave the first fee due after `after` (plus a year) unpaid: the right lapses as of it."""
    fees = [d for d in engine.compute(_facts(spec)) if d.kind == engine.ANNUAL_FEE]
    candidates = [f for f in fees if f.due > after + timedelta(days=365) and f.grace_ends < b.today]
    if not candidates or spec.events[-1][0] != S.VALID:
        return
    fee = candidates[0]
    spec.events.append((S.LAPSED, fee.shifted_from or fee.due))


def _later_years(b: PortfolioBuilder, named: dict[str, Any]) -> None:
    """Filings and grants from the anniversary up to today."""
    today = b.today
    start = ANNIVERSARY + timedelta(days=4)
    if today <= start:
        return
    years = (today - start).days / 365.25
    for _n in range(int(years * 5)):
        registered = b.day_between(start, today - timedelta(days=1))
        b.trademark(owner=b.owner_on(registered), registered=registered)
    for _n in range(int(years * 6)):
        registered = b.day_between(start, today - timedelta(days=1))
        b.software(owner=b.owner_on(registered), registered=registered)
    for _n in range(int(years * 3)):
        filed = b.day_between(start, today - timedelta(days=30))
        granted = filed + timedelta(days=b.rng.randint(180, 360))
        b.utility(
            owner=b.owner_on(filed), filed=filed, granted=granted if granted < today else None
        )
    for _n in range(int(years * 2)):
        filed = b.day_between(start, today - timedelta(days=30))
        granted = filed + timedelta(days=b.rng.randint(700, 1200))
        b.invention(
            owner=b.owner_on(filed), filed=filed, granted=granted if granted < today else None
        )
    for _n in range(max(1, int(years))):
        filed = b.day_between(date(2021, 6, 1), today - timedelta(days=30))
        granted = filed + timedelta(days=b.rng.randint(150, 260))
        zh, en, he = b.rng.choice(DESIGN_OBJECTS)
        b.utility(
            owner=b.owner_on(filed),
            filed=filed,
            granted=granted if granted < today else None,
            asset_type=engine.CN_DESIGN,
            title={"zh-hans": zh, "en": en, "he": he},
        )
    # Applications being prepared now.
    for _n in range(3):
        started = b.day_between(today - timedelta(days=120), today - timedelta(days=5))
        who = b.owner_on(started)
        b.add(
            Spec(
                type=engine.CN_INVENTION,
                title=b.patent_title(INVENTION_TEMPLATES),
                owners=[who],
                events=[(S.IN_PREPARATION, started)],
                tracked_since=started,
            )
        )
    _mantis(b, named)
    _board_content(b, named)


def _mantis(b: PortfolioBuilder, named: dict[str, Any]) -> None:
    """Mantis Vision's core coded structured-light patent, in Israel, PCT and China."""
    mantis = named.get("mantis-org")
    if mantis is None:
        return
    title = {
        "zh-hans": "编码结构光三维成像方法",
        "en": "3D imaging with coded structured light",
        "he": "הדמיה תלת-ממדית באור מובנה מקודד",
    }
    products = named["structured-light"]
    priority = date(2013, 6, 18)
    il = b.add(
        Spec(
            type=engine.IL_PATENT,
            title=title,
            owners=[mantis],
            events=[(S.FILED, priority), (S.VALID, date(2017, 2, 1))],
            filed=priority,
            granted=date(2017, 2, 1),
            published=date(2014, 12, 20),
            products=products,
            number=b.unique(lambda: str(b.rng.randrange(226000, 231000))),
            tracked_since=date(2022, 3, 14),
        )
    )
    assert il
    pct_filed = date(2014, 6, 17)
    pct = b.add(
        Spec(
            type=engine.PCT,
            title=title,
            owners=[mantis],
            events=[(S.FILED, pct_filed)],
            filed=pct_filed,
            priority=priority,
            published=date(2014, 12, 24),
            products=products,
            number=b.unique(lambda: f"PCT/IL2014/{b.rng.randrange(50000, 51000):06d}"),
            tracked_since=date(2022, 3, 14),
        )
    )
    pct.done_acts[(engine.NATIONAL_PHASE, 0)] = date(2015, 12, 10)
    b.invention(
        owner=mantis,
        filed=pct_filed,
        granted=date(2019, 9, 10),
        title=title,
        products=products,
        type_digit="8",
        priority=priority,
    )
    b.specs[-1].number = b.cn_patent_number(date(2015, 12, 10), "8")
    b.specs[-1].tracked_since = date(2022, 3, 14)


def _working_day_in(start: date, end: date) -> date | None:
    day = start
    while day <= end:
        if is_working_day(day, CHINA) and not (day.month == 2 and day.day == 29):
            return day
        day += timedelta(days=1)
    return None


def _board_content(b: PortfolioBuilder, named: dict[str, Any]) -> None:
    """A fee due this month, one in its grace period and one overdue, for the demo users."""
    today = b.today
    month_end = (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    due = _working_day_in(today + timedelta(days=1), month_end) or _working_day_in(today, today)
    if due is not None:
        filed = due.replace(year=due.year - 4)
        b.invention(
            owner=named["ai-care"],
            filed=filed,
            granted=filed + timedelta(days=900),
            products=named["hand-exoskeleton"],
        )
    grace_due = today - timedelta(days=45)
    filed = engine.anniversary(grace_due, -3)
    b.utility(
        owner=named["ai-care"],
        filed=filed,
        granted=filed + timedelta(days=240),
        products=named["hand-exoskeleton"],
        unpaid={engine.patent_year_of(filed, grace_due)},
    )
    overdue_due = today - timedelta(days=230)
    who = b.owner_on(overdue_due)
    filed = overdue_due - timedelta(days=2 * 365 + 1)
    b.utility(
        owner=who,
        filed=filed,
        granted=filed + timedelta(days=200),
        unpaid={engine.patent_year_of(filed, overdue_due)},
    )


def _facts(spec: Spec, renewals: int | None = None) -> engine.Facts:
    return engine.Facts(
        type=spec.type,
        filed=spec.filed,
        granted=spec.granted,
        registered=spec.registered,
        published=spec.published,
        priority=spec.priority,
        renewals=len(spec.renewals) if renewals is None else renewals,
    )


def _deadline_rows(b: PortfolioBuilder, spec: Spec, asset: Asset) -> list[Deadline]:
    """The rows services.deadlines_recompute would keep, with the payments history made up:
    fees due before today are paid (a few days to weeks early) unless listed as unpaid."""
    rows: dict[tuple[str, int], Deadline] = {}

    def row(item: engine.Deadline, state: str, done_on: date | None = None) -> Deadline:
        return Deadline(
            asset=asset,
            hub_id=asset.hub_id,
            kind=item.kind,
            sequence=item.sequence,
            state=state,
            done_on=done_on,
            **{name: getattr(item, name) for name in FIELDS_FROM_ENGINE},
        )

    for k, done_on in enumerate(spec.renewals, start=1):
        item = next(x for x in engine.compute(_facts(spec, k - 1)) if x.kind == engine.RENEWAL)
        rows[(item.kind, item.sequence)] = row(item, DeadlineState.DONE, done_on)
    status, since = spec.events[-1]
    if status in (S.VALID, *engine.PENDING_STATUSES):
        computed = engine.compute_for_status(_facts(spec), status)
    elif status in (S.LAPSED, S.EXPIRED):
        # The fees paid while the right lived; a trademark's renewals are spec.renewals.
        computed = [
            x
            for x in engine.compute(_facts(spec))
            if x.is_act
            and x.due < since
            and not (x.kind == engine.RENEWAL and spec.type == engine.CN_TRADEMARK)
        ]
    else:
        computed = []
    start = spec.granted or spec.registered or spec.filed or since

    def paid_by_default(item: engine.Deadline) -> bool:
        # Fees are paid on time unless a spec says otherwise; a trademark's renewals and a
        # PCT entry are decided by the spec itself.
        return item.kind == engine.ANNUAL_FEE or (
            item.kind == engine.RENEWAL and spec.type == engine.IL_PATENT
        )

    for item in computed:
        key = (item.kind, item.sequence)
        if key in rows:
            continue
        if key in spec.done_acts:
            rows[key] = row(item, DeadlineState.DONE, spec.done_acts[key])
        elif settled_before(item, spec.tracked_since):
            rows[key] = row(item, DeadlineState.SETTLED)
        elif paid_by_default(item) and item.due < b.today and item.sequence not in spec.unpaid:
            paid = max(item.due - timedelta(days=b.rng.randint(3, 40)), start)
            rows[key] = row(item, DeadlineState.DONE, min(paid, b.today))
        else:
            rows[key] = row(item, DeadlineState.OPEN)
    if status in engine.ENDED_STATUSES:
        # An ended right keeps only what was done, as services.deadlines_recompute leaves it.
        return [r for r in rows.values() if r.state == DeadlineState.DONE]
    return list(rows.values())


def _write(b: PortfolioBuilder) -> list[Asset]:
    assets = []
    for spec in b.specs:
        status, since = spec.events[-1]
        asset = Asset(
            hub=b.hub,
            type=spec.type,
            number=spec.number if status != S.IN_PREPARATION else "",
            title=spec.title,
            status=status,
            status_since=since,
            filed_on=spec.filed,
            priority_on=spec.priority,
            published_on=spec.published,
            granted_on=spec.granted,
            registered_on=spec.registered,
            tracked_since=spec.tracked_since,
            is_generated=True,
        )
        if status == S.IN_PREPARATION:
            asset.filed_on = asset.published_on = asset.granted_on = None
        asset.expires_on = engine.expiry_of(engine.compute(_facts(spec)))
        asset.refresh_computed_fields()
        assets.append(asset)
    Asset.objects.bulk_create(assets, batch_size=500)
    through = Asset.owners.through
    through.objects.bulk_create(
        [
            through(asset_id=a.pk, organisation_id=o.pk)
            for a, s in zip(assets, b.specs, strict=True)
            for o in s.owners
        ]
    )
    products = Asset.products.through
    products.objects.bulk_create(
        [
            products(asset_id=a.pk, product_id=p.pk)
            for a, s in zip(assets, b.specs, strict=True)
            for p in s.products
        ]
    )
    NiceClass.objects.bulk_create(
        [
            NiceClass(asset=a, number=n, similar_groups=g)
            for a, s in zip(assets, b.specs, strict=True)
            for n, g in s.nice
        ]
    )
    AssetEvent.objects.bulk_create(
        [
            AssetEvent(asset=a, status=st, on=on)
            for a, s in zip(assets, b.specs, strict=True)
            for st, on in s.events
        ]
    )
    Deadline.objects.bulk_create(
        [row for a, s in zip(assets, b.specs, strict=True) for row in _deadline_rows(b, s, a)],
        batch_size=1000,
    )
    return assets


def load(ctx: DemoContext) -> None:
    b = PortfolioBuilder(ctx)
    ctx.extra["ip_members"] = {}
    ctx.extra["ip_owner_pool"] = list(
        Organisation.objects.filter(kind__in=OWNER_KINDS, memberships__hub=b.hub)
        .distinct()
        .order_by("pk")
    )
    named: dict[str, Any] = {
        key: ctx.orgs[key]
        for key in ("ai-care", "tianyu", "aozhen", "filler-mud-mask", "filler-thermal-scope")
    }
    named["mantis-org"] = ctx.orgs.get("mantis")
    for product in Product.objects.filter(organisation__in=[o for o in named.values() if o]):
        key = {
            "Soft hand exoskeleton": "hand-exoskeleton",
            "Bluetooth hearing-aid earphone": "hearing-earphone",
            "Non-invasive glucometer": "glucometer",
            "Thermal imaging scope": "thermal-scope",
            "Coded structured-light 3D camera": "structured-light",
            "Dead Sea mud mask": "mud-mask",
        }.get(product.name.get("en", ""))
        if key:
            named[key] = [product]
    for key in (
        "hand-exoskeleton",
        "hearing-earphone",
        "glucometer",
        "thermal-scope",
        "structured-light",
    ):
        named.setdefault(key, [])
    _first_anniversary(b, named)
    _later_years(b, named)
    _write(b)
    # Dashboard reminders as the daily job would have left them (recorded, not e-mailed again).
    reminders_send(today=ctx.today, email=False)
    ctx.extra["ip_assets"] = len(b.specs)
