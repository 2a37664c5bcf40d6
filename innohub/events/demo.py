"""Demo: the events and contests the seed articles name, and upcoming ones around today.

From the seeds: the first-anniversary ceremony with the opening of the 2020 Shanghai Digital
Innovation Conference (3 December 2020, Taopu Smart City; speeches by Huang Wei and Ami
Appelbaum), the international youth coding competition and a startup contest of the hub's first
year, and the CIIC conference, "Israel Day" of Nanjing TechWeek at the Jiangning Development
Zone, with remote speeches by Israeli ministers, scientists and university presidents. The seeds
give no exact date for the last three: the dates chosen are plausible and marked approximate.
Registrations, entries and scores are generated (is_generated=True); the people are not.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models.functions import Coalesce
from django.utils import timezone

from innohub.accounts.models import RoleKind, User
from innohub.accounts.services import role_grant
from innohub.common.demo import DemoContext
from innohub.events import contest_services, services
from innohub.events.models import Event, Mark, Registration, RegistrationStatus, Scorecard
from innohub.events.slots import slots_for_remote_session

SH = ZoneInfo("Asia/Shanghai")
BASE_URL = "http://127.0.0.1:8000/"

CN_SURNAMES = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Zhao",
    "Huang",
    "Zhou",
    "Wu",
    "Xu",
    "Sun",
    "Zhu",
    "Ma",
    "Hu",
    "Guo",
    "Lin",
    "He",
    "Gao",
    "Luo",
]
CN_GIVEN = [
    "Wei",
    "Fang",
    "Min",
    "Jing",
    "Lei",
    "Yan",
    "Jun",
    "Hui",
    "Tao",
    "Ping",
    "Xin",
    "Yu",
    "Hao",
    "Lin",
    "Qiang",
    "Ying",
    "Bo",
    "Lan",
    "Kai",
    "Na",
]
IL_FIRST = [
    "Noa",
    "Yael",
    "Tamar",
    "Maya",
    "Shira",
    "Avi",
    "Yossi",
    "Eitan",
    "Omer",
    "Itai",
    "Dana",
    "Michal",
    "Roni",
    "Gil",
    "Nadav",
    "Lior",
    "Hila",
    "Amit",
    "Tal",
    "Ori",
]
IL_LAST = [
    "Cohen",
    "Levi",
    "Mizrahi",
    "Peretz",
    "Biton",
    "Friedman",
    "Katz",
    "Azulay",
    "Shapiro",
    "Ben-David",
    "Golan",
    "Avraham",
    "Ohana",
    "Segal",
    "Weiss",
    "Klein",
    "Dahan",
    "Rosen",
    "Amar",
    "Tal",
]
OTHER = ["Anna Müller", "James Carter", "Sofia Rossi", "Lucas Martin", "Emma Johnson", "Kenji Sato"]


def at(day: date, clock: time, zone: ZoneInfo = SH) -> datetime:
    return datetime.combine(day, clock, zone)


def _person_name(ctx: DemoContext, country: str) -> str:
    rng = ctx.rng
    if country == "CN":
        return f"{rng.choice(CN_SURNAMES)} {rng.choice(CN_GIVEN)}"
    if country == "IL":
        return f"{rng.choice(IL_FIRST)} {rng.choice(IL_LAST)}"
    return rng.choice(OTHER)


def _registrations(
    ctx: DemoContext,
    event: Event,
    *,
    confirmed: int,
    waitlisted: int = 0,
    cancelled: int = 0,
    checked_in: int = 0,
    orgs: list[Any] = (),  # type: ignore[assignment]
) -> None:
    """Generated participants, in one insert: Chinese, Israeli and a few other guests."""
    rng = ctx.rng
    rows = []
    opened = event.starts_at - timedelta(days=30)
    serial = Registration.objects.count()
    statuses = (
        [RegistrationStatus.CONFIRMED] * confirmed
        + [RegistrationStatus.WAITLISTED] * waitlisted
        + [RegistrationStatus.CANCELLED] * cancelled
    )
    for index, status in enumerate(statuses):
        serial += 1
        country = rng.choices(["CN", "IL", "OTHER"], weights=[60, 32, 8])[0]
        registered = opened + timedelta(minutes=37 * index + rng.randrange(30))
        org = rng.choice(orgs) if orgs and rng.random() < 0.7 else None
        arrived = None
        if status == RegistrationStatus.CONFIRMED and index < checked_in:
            arrived = event.starts_at - timedelta(minutes=rng.randint(0, 40))
        rows.append(
            Registration(
                event=event,
                name=_person_name(ctx, country),
                email=f"participant{serial}@example.org",
                organisation_name=str(org.name.in_language("en")) if org else "",
                country=country,
                language={"CN": "zh-hans", "IL": "he"}.get(country, "en"),
                status=status,
                confirmed_at=registered if status == RegistrationStatus.CONFIRMED else None,
                waitlisted_at=registered if status == RegistrationStatus.WAITLISTED else None,
                cancelled_at=registered + timedelta(days=2)
                if status == RegistrationStatus.CANCELLED
                else None,
                checked_in_at=arrived,
                is_generated=True,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=500)
    # Registered over the month before (auto_now_add stamped them with the load time).
    Registration.objects.filter(event=event, is_generated=True).update(
        created_at=Coalesce("confirmed_at", "waitlisted_at", "cancelled_at")
    )


def _speaker(
    ctx: DemoContext, key: str, mode: str = "remote", role: str = "speaker"
) -> dict[str, Any]:
    return {"person": ctx.people[key], "mode": mode, "role": role}


def _guest(
    name: dict[str, str],
    affiliation: dict[str, str],
    mode: str = "in_person",
    role: str = "speaker",
) -> dict[str, Any]:
    return {"guest_name": name, "guest_affiliation": affiliation, "mode": mode, "role": role}


def _session(
    event: Event,
    title: dict[str, str],
    start: datetime,
    minutes: int,
    speakers: list[dict[str, Any]] = (),
    description: dict[str, str] | None = None,
) -> None:  # type: ignore[assignment]
    services.session_create(
        event=event,
        by=None,
        title=title,
        description=description,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        speakers=speakers,
    )


def _judges(ctx: DemoContext) -> list[User]:
    ciih = ctx.hubs["ciih"]
    judges = [ctx.users["judge"]]
    for username, display, language in (
        ("judge2", "Judge 2 (demo)", "zh-hans"),
        ("judge3", "Judge 3 (demo)", "en"),
    ):
        # The demo password, hashed once already for the first judge (hashing is slow on purpose).
        user = User.objects.create(
            username=username,
            password=ctx.users["judge"].password,
            email=f"{username}@demo.innohub.local",
            display_name=display,
            language=language,
        )
        role_grant(user=user, kind=RoleKind.JUDGE, hub=ciih)
        ctx.users[username] = user
        judges.append(user)
    return judges


# ---------------------------------------------------------------- events of the seeds


def _in_room(ctx: DemoContext, key: str) -> dict[str, Any]:
    """The venue fields of an event held in one of the spaces demo's rooms (booked for it)."""
    rooms = ctx.extra.get("spaces") or {}
    room = rooms.get(key)
    if room is None:  # the spaces demo did not run: name the place instead
        return {
            "venue_kind": "elsewhere",
            "venue_address": {
                "en": "Roadshow centre, China–Israel Innovation Hub, Shanghai",
                "zh-hans": "中以（上海）创新园路演中心",
                "he": "מרכז הרודשואו, מרכז החדשנות סין–ישראל, שנחאי",
            },
        }
    return {"venue_kind": "room", "room": room}


def _anniversary(ctx: DemoContext) -> Event:
    o = ctx.orgs
    event = services.event_create(
        by=None,
        hub=ctx.hubs["ciih"],
        kind="ceremony",
        title={
            "en": "First anniversary of the China–Israel Innovation Hub and opening of the 2020 Shanghai Digital Innovation Conference",
            "zh-hans": "中以（上海）创新园成立一周年暨2020上海数字创新大会开幕式",
            "he": "יום השנה הראשון של מרכז החדשנות סין–ישראל ופתיחת כנס החדשנות הדיגיטלית של שנחאי 2020",
        },
        description={
            "en": "The hub turned one with new agreements, product showcases and forums. At the ceremony the Putuo District government and 360 Group launched a joint IT public service platform, innovation organisations of Shanghai, Jiangsu and Zhejiang founded the Yangtze River Delta China–Israel innovation network, and resident companies signed cooperation contracts.",
            "zh-hans": "创新园迎来一周年：签约、新品展示和论坛。仪式上，普陀区政府与360集团启动共建信息技术公共服务平台，沪苏浙三地中以创新机构成立长三角中以创新合作网络，入驻企业签署合作协议。",
            "he": "המרכז חגג שנה עם הסכמים חדשים, תצוגת מוצרים ופורומים. בטקס השיקו ממשלת מחוז פוטואו וקבוצת 360 פלטפורמת שירות ציבורית לטכנולוגיות מידע, ארגוני חדשנות משנחאי, ג'יאנגסו וג'ה-ג'יאנג ייסדו את רשת החדשנות סין–ישראל של דלתת היאנגצה, וחברות במרכז חתמו על הסכמי שיתוף פעולה.",
        },
        starts_at=at(date(2020, 12, 3), time(9, 30)),
        ends_at=at(date(2020, 12, 3), time(12, 0)),
        venue_kind="elsewhere",
        venue_address={
            "en": "China–Israel Innovation Hub (former Hero Pen Factory), Taopu Smart City, Putuo District, Shanghai",
            "zh-hans": "上海市普陀区桃浦智创城 中以（上海）创新园（原英雄金笔厂）",
            "he": "מרכז החדשנות סין–ישראל (מפעל העטים 'הירו' לשעבר), העיר החכמה טאופו, מחוז פוטואו, שנחאי",
        },
        audience="public",
        registration_open=False,
        capacity=300,
        partners=[
            o[k]
            for k in (
                "ciih-operator",
                "putuo-gov",
                "most",
                "iia",
                "il-consulate",
                "360",
                "idseoc",
                "csa-gcr",
                "angeek",
                "360-vision",
                "redstone",
                "shanghai-tower",
                "ai-care",
                "tianyu",
                "aozhen",
            )
        ],
    )
    day = date(2020, 12, 3)
    _session(
        event,
        {"en": "Opening speech", "zh-hans": "开幕致辞", "he": "נאום פתיחה"},
        at(day, time(9, 30)),
        20,
        [_speaker(ctx, "huang-wei", "in_person", "keynote")],
    )
    _session(
        event,
        {
            "en": "Speech by the Israel Innovation Authority",
            "zh-hans": "以色列创新署致辞",
            "he": "נאום רשות החדשנות",
        },
        at(day, time(9, 50)),
        20,
        [_speaker(ctx, "ami-appelbaum", "remote", "keynote")],
    )
    _session(
        event,
        {
            "en": "Launch of the Yangtze River Delta China–Israel innovation network",
            "zh-hans": "长三角中以创新合作网络成立",
            "he": "השקת רשת החדשנות סין–ישראל של דלתת היאנגצה",
        },
        at(day, time(10, 10)),
        25,
        [
            _guest(
                {
                    "en": "Heads of China–Israel innovation organisations of Shanghai, Jiangsu and Zhejiang",
                    "zh-hans": "沪苏浙三地中以创新机构负责人",
                    "he": "ראשי ארגוני החדשנות סין–ישראל משנחאי, ג'יאנגסו וג'ה-ג'יאנג",
                },
                {
                    "en": "Founding members of the network",
                    "zh-hans": "网络发起成员",
                    "he": "החברים המייסדים של הרשת",
                },
            )
        ],
    )
    _session(
        event,
        {
            "en": "Signings: the Putuo District government and 360 Group; the hub and its resident companies",
            "zh-hans": "签约：普陀区政府与360集团；创新园与入驻企业",
            "he": "חתימות: ממשלת מחוז פוטואו וקבוצת 360; המרכז והחברות בו",
        },
        at(day, time(10, 35)),
        35,
        description={
            "en": "With the International Digital Security and Ecological Operation Center, the hub signs with CSA GCR, Angeek Cyber Security, 360 Vision, Redstone Data and Shanghai Tower.",
            "zh-hans": "创新园与国际数字安全生态运营中心一起，与云安全联盟大中华区、安几网络安全、360视觉科技、红石数据和上海中心大厦签约。",
            "he": "יחד עם המרכז הבינלאומי לאבטחה דיגיטלית, המרכז חותם עם CSA GCR, אנג'יק, 360 ויז'ן, רדסטון דאטה ומגדל שנחאי.",
        },
    )
    _session(
        event,
        {"en": "New products on show", "zh-hans": "新品展示", "he": "תצוגת מוצרים חדשים"},
        at(day, time(11, 10)),
        50,
        description={
            "en": "A soft hand exoskeleton, a Bluetooth hearing-aid earphone, a saliva glucometer, a Dead Sea mud mask and a thermal imaging scope, made with Israeli technology.",
            "zh-hans": "柔性手部外骨骼、蓝牙助听耳机、唾液血糖仪、死海泥面膜和热成像观测仪，均采用以色列技术。",
            "he": "שלד חיצוני רך לכף היד, אוזניית שמיעה, מד סוכר מרוק, מסכת בוץ ים המלח וכוונת הדמיה תרמית – בטכנולוגיה ישראלית.",
        },
    )
    _registrations(
        ctx,
        event,
        confirmed=236,
        cancelled=11,
        checked_in=204,
        orgs=[
            o[k]
            for k in (
                "360",
                "angeek",
                "redstone",
                "ai-care",
                "tianyu",
                "aozhen",
                "ehealth",
                "trendlines",
            )
        ],
    )
    return event


def _israel_day(ctx: DemoContext) -> Event:
    o = ctx.orgs
    day = date(2020, 7, 16)
    event = services.event_create(
        by=None,
        hub=ctx.hubs["jiangsu"],
        kind="forum",
        title={
            "en": "CIIC conference: Israel Day at Nanjing TechWeek",
            "zh-hans": "中以创新与文化大会：南京创新周“以色列日”",
            "he": "כנס CIIC: 'יום ישראל' בשבוע הטכנולוגיה של נאנג'ינג",
        },
        description={
            "en": "The first whole day of Nanjing TechWeek given to China–Israel cooperation in science and technology. Air travel limits kept the Israeli speakers at home, so they spoke remotely, shown on large screens in the hall. The day ended with cooperation agreements on AI research and on mobility startups entering China. The source names no date, only a Thursday in 2020: 16 July 2020 is our approximation.",
            "zh-hans": "南京创新周首次用一整天专门推动中以科技合作。受航班限制，以色列嘉宾通过远程方式演讲，画面投放在会场大屏上。当天签署了人工智能研究合作协议以及出行领域初创企业进入中国市场的合作协议。原始报道只提到2020年的一个星期四，未给出确切日期：2020年7月16日为近似日期。",
            "he": "לראשונה הקדיש שבוע הטכנולוגיה של נאנג'ינג יום שלם לשיתוף הפעולה המדעי והטכנולוגי בין סין לישראל. מגבלות הטיסות השאירו את הדוברים הישראלים בבית, והם נאמו מרחוק על מסכי ענק באולם. היום הסתיים בהסכמי שיתוף פעולה במחקר בינה מלאכותית ובכניסת סטארט-אפים בתחום התחבורה לסין. המקור אינו נוקב בתאריך, רק ביום חמישי ב-2020: 16 ביולי 2020 הוא הערכה.",
        },
        starts_at=at(day, time(14, 0)),
        ends_at=at(day, time(17, 30)),
        date_is_approximate=True,
        venue_kind="elsewhere",
        venue_address={
            "en": "Jiangning Development Zone, Nanjing",
            "zh-hans": "南京市江宁经济技术开发区",
            "he": "אזור הפיתוח ג'יאנגנינג, נאנג'ינג",
        },
        audience="public",
        registration_open=False,
        capacity=400,
        partners=[
            o[k]
            for k in (
                "jndz",
                "il-economy",
                "il-consulate",
                "weizmann",
                "technion",
                "tau",
                "tsingzhan",
                "thuai",
                "ecomotion",
                "peakview",
            )
        ],
    )
    _session(
        event,
        {"en": "Opening greeting", "zh-hans": "开幕致辞", "he": "ברכת פתיחה"},
        at(day, time(14, 0)),
        15,
        [_speaker(ctx, "amir-peretz", role="keynote")],
    )
    talks = [
        (
            "alon-chen",
            {
                "en": "Science for a world after the pandemic",
                "zh-hans": "疫情之后的科学",
                "he": "מדע לעולם שאחרי המגפה",
            },
        ),
        (
            "arieh-warshel",
            {
                "en": "Computing the chemistry of life",
                "zh-hans": "用计算揭示生命化学",
                "he": "לחשב את הכימיה של החיים",
            },
        ),
        (
            "dan-shechtman",
            {
                "en": "Science, technology and entrepreneurship",
                "zh-hans": "科学、技术与创业",
                "he": "מדע, טכנולוגיה ויזמות",
            },
        ),
        (
            "ariel-porat",
            {
                "en": "Universities as partners in innovation",
                "zh-hans": "大学作为创新伙伴",
                "he": "אוניברסיטאות כשותפות לחדשנות",
            },
        ),
        (
            "adi-shamir",
            {
                "en": "Cryptography and security",
                "zh-hans": "密码学与安全",
                "he": "קריפטוגרפיה ואבטחה",
            },
        ),
        (
            "yossi-ben-shitrit",
            {
                "en": "Israeli companies and the Chinese market",
                "zh-hans": "以色列企业与中国市场",
                "he": "חברות ישראליות והשוק הסיני",
            },
        ),
    ]
    start = at(day, time(14, 15))
    for key, title in talks:
        _session(event, title, start, 20, [_speaker(ctx, key)])
        start += timedelta(minutes=20)
    _session(
        event,
        {"en": "Signing ceremony", "zh-hans": "签约仪式", "he": "טקס חתימה"},
        start,
        35,
        description={
            "en": "The Weizmann Institute and the Technion with the Nanjing Tsingzhan AI Institute and Tsinghua University's Institute for AI; EcoMotion with the Jiangning Development Zone and Shengjing Peakview Capital.",
            "zh-hans": "魏茨曼科学研究所、以色列理工学院与南京清湛人工智能研究院、清华大学人工智能研究院签约；EcoMotion与江宁开发区、盛景嘉成资本签约。",
            "he": "מכון ויצמן והטכניון עם מכון צינגג'אן לבינה מלאכותית והמכון לבינה מלאכותית של צינגהואה; אקומושן עם אזור הפיתוח ג'יאנגנינג ושנג'ינג פיקוויו קפיטל.",
        },
        speakers=[_speaker(ctx, "orly-dahan", "remote")],
    )
    _registrations(
        ctx,
        event,
        confirmed=180,
        cancelled=6,
        checked_in=158,
        orgs=[o[k] for k in ("jndz", "peakview", "tsingzhan", "thuai", "ecomotion")],
    )
    return event


def _youth_coding(ctx: DemoContext, judges: list[User]) -> None:
    day = date(2020, 8, 16)
    event = services.event_create(
        by=None,
        hub=ctx.hubs["ciih"],
        kind="competition",
        title={
            "en": "International Youth Coding Competition 2020",
            "zh-hans": "2020国际青少年编程大赛",
            "he": "תחרות התכנות הבינלאומית לנוער 2020",
        },
        description={
            "en": "School teams from China and Israel solve programming problems online on a Sunday afternoon in Shanghai, morning in Israel. Held during the hub's first year; the exact date is not known.",
            "zh-hans": "中以两国的中学生队伍在线解答编程题：上海的周日下午，以色列的上午。于创新园第一年内举办，确切日期不详。",
            "he": "קבוצות תלמידים מסין ומישראל פותרות בעיות תכנות ברשת ביום ראשון – אחר הצהריים בשנחאי, בבוקר בישראל. התקיימה בשנתו הראשונה של המרכז; התאריך המדויק אינו ידוע.",
        },
        starts_at=at(day, time(14, 0)),
        ends_at=at(day, time(18, 0)),
        date_is_approximate=True,
        venue_kind="online",
        audience="public",
        registration_open=False,
    )
    _registrations(ctx, event, confirmed=64, checked_in=58)
    contest = contest_services.contest_create(
        by=None,
        hub=ctx.hubs["ciih"],
        event=event,
        is_generated=True,
        title=event.title,
        description={
            "en": "Teams of up to three students aged 12–18; four hours, five problems.",
            "zh-hans": "每队最多三名12至18岁学生；四小时，五道题。",
            "he": "קבוצות של עד שלושה תלמידים בני 12–18; ארבע שעות, חמש בעיות.",
        },
        is_public=True,
        criteria=[
            {
                "name": {
                    "en": "Correct solutions",
                    "zh-hans": "解答正确性",
                    "he": "פתרונות נכונים",
                },
                "weight": 4,
            },
            {"name": {"en": "Algorithms", "zh-hans": "算法", "he": "אלגוריתמים"}, "weight": 3},
            {
                "name": {"en": "Code quality", "zh-hans": "代码质量", "he": "איכות הקוד"},
                "weight": 2,
            },
            {
                "name": {"en": "Presentation", "zh-hans": "展示", "he": "הצגה"},
                "weight": 1,
                "max_score": 5,
            },
        ],
        results_announcement={
            "en": "Congratulations to every team: the winners come from both countries.",
            "zh-hans": "祝贺所有参赛队伍：获奖队伍来自两个国家。",
            "he": "ברכות לכל הקבוצות: הזוכים באים משתי המדינות.",
        },
    )
    teams = [
        ("Shanghai Putuo No. 1 Middle School", "CN"),
        ("Haifa Hebrew Reali School", "IL"),
        ("Nanjing Foreign Language School", "CN"),
        ("Be'er Sheva Science High School", "IL"),
        ("Hangzhou No. 2 High School", "CN"),
        ("Tel Aviv Ironi Alef", "IL"),
        ("Suzhou High School", "CN"),
        ("Jerusalem Leyada", "IL"),
        ("Shanghai Jiao Tong Affiliated", "CN"),
        ("Rishon LeZion Amit", "IL"),
    ]
    entries = []
    for index, (school, country) in enumerate(teams):
        entries.append(
            contest_services.entry_create(
                contest=contest,
                by=None,
                as_staff=True,
                is_generated=True,
                submitted_at=at(day, time(17, 0)) + timedelta(minutes=5 * index),
                title={"en": f"Team {index + 1}: {school}"},
                team_name=school,
                team_members="\n".join(_person_name(ctx, country) for _i in range(3)),
                organisation_name=school,
                description={"en": "Solutions to the five problems, with the team's explanation."},
            )
        )
    _judge_round(ctx, contest, judges, close=True)
    contest_services.contest_publish_results(contest=contest, by=None)


def _judge_round(
    ctx: DemoContext,
    contest: Any,
    judges: list[User],
    *,
    close: bool,
    round_index: int = 0,
    entries: list[Any] | None = None,
    marks: dict[int, list[int]] | None = None,
    skip: set[tuple[int, int]] | None = None,
) -> Any:
    """Open a round, give every entry to every judge (conflicts left out) and fill the scores.

    Rounds, assignments and conflicts go through the services; the generated marks themselves
    are inserted in bulk to keep the demo load fast.
    """
    round_ = list(contest.rounds.all())[round_index]
    contest_services.round_open(round_=round_, by=None, entries=entries)
    contest_services.assignments_for_all_judges(round_=round_, by=None, judges=judges)
    criteria = list(contest.criteria.all())
    assigned = set(round_.assignments.values_list("entry_id", "judge_id"))
    cards, values_by_card = [], []
    for entry in round_.entries.order_by("created_at", "id"):
        base = ctx.rng.randint(4, 9)
        for judge in judges:
            if (entry.pk, judge.pk) in (skip or set()) or (entry.pk, judge.pk) not in assigned:
                continue
            values = (marks or {}).get(entry.pk) or [
                min(c.max_score, max(0, round(base * c.max_score / 10) + ctx.rng.randint(-1, 1)))
                for c in criteria
            ]
            cards.append(Scorecard(round=round_, entry=entry, judge=judge))
            values_by_card.append(values)
    Scorecard.objects.bulk_create(cards)
    Mark.objects.bulk_create(
        Mark(scorecard=card, criterion=criterion, value=value)
        for card, values in zip(cards, values_by_card, strict=True)
        for criterion, value in zip(criteria, values, strict=True)
    )
    if close:
        contest_services.round_close(round_=round_, by=None)
    return round_


STARTUPS = [
    ("NeuroGrip", "IL", "ai-robotics", "A glove that turns muscle signals into robot commands."),
    (
        "AquaSense",
        "IL",
        "agrifood-water",
        "Leak detection for city water networks from pressure data.",
    ),
    (
        "MediLens",
        "CN",
        "healthcare-bioscience",
        "Retina photos read by AI for early diabetes checks.",
    ),
    (
        "CargoMind",
        "JOINT",
        "mobility",
        "Route planning for electric delivery vans in dense cities.",
    ),
    (
        "ShieldOps",
        "IL",
        "cybersecurity",
        "Finds weak points in factory networks before attackers do.",
    ),
    ("GreenCell", "CN", "energy-environment", "Second-life batteries for shops' backup power."),
    (
        "EduBridge",
        "JOINT",
        "edtech",
        "Maths practice that adapts to each pupil, in Chinese and Hebrew.",
    ),
    ("PayTrail", "CN", "fintech", "Cross-border invoicing for small exporters."),
]

STARTUP_RUBRIC = [
    {
        "name": {
            "en": "Technology and innovation",
            "zh-hans": "技术与创新",
            "he": "טכנולוגיה וחדשנות",
        },
        "weight": 3,
    },
    {
        "name": {
            "en": "Market and business model",
            "zh-hans": "市场与商业模式",
            "he": "שוק ומודל עסקי",
        },
        "weight": 3,
    },
    {"name": {"en": "Team", "zh-hans": "团队", "he": "צוות"}, "weight": 2},
    {
        "name": {
            "en": "Fit for China–Israel cooperation",
            "zh-hans": "中以合作契合度",
            "he": "התאמה לשיתוף פעולה סין–ישראל",
        },
        "weight": 2,
    },
]


def _startup_entries(
    ctx: DemoContext, contest: Any, submitted: datetime, names: list[tuple[str, str, str, str]]
) -> list[Any]:
    entries = []
    for index, (name, country, _sector, pitch) in enumerate(names):
        entries.append(
            contest_services.entry_create(
                contest=contest,
                by=None,
                as_staff=True,
                is_generated=True,
                submitted_at=submitted + timedelta(hours=7 * index),
                title={"en": name, "zh-hans": name, "he": name},
                team_name=f"{name} team",
                team_members="\n".join(
                    _person_name(
                        ctx, country if country != "JOINT" else ctx.rng.choice(["CN", "IL"])
                    )
                    for _i in range(3)
                ),
                organisation_name=name,
                description={"en": pitch},
                contact_email=f"{name.lower()}@example.org",
            )
        )
    return entries


def _startup_contest_2020(ctx: DemoContext, judges: list[User]) -> None:
    day = date(2020, 11, 19)
    event = services.event_create(
        by=None,
        hub=ctx.hubs["ciih"],
        kind="competition",
        title={
            "en": "China–Israel Startup Contest 2020: final roadshow",
            "zh-hans": "2020中以创业大赛决赛路演",
            "he": "תחרות הסטארט-אפים סין–ישראל 2020: גמר",
        },
        description={
            "en": "Finalists pitch in the hub's roadshow centre; Israeli founders join remotely. One of the startup contests of the hub's first year; the exact date is not known.",
            "zh-hans": "决赛选手在创新园路演中心路演，以色列创始人远程参加。创新园第一年举办的创业大赛之一，确切日期不详。",
            "he": "הפיינליסטים מציגים במרכז הרודשואו של המרכז; מייסדים ישראלים מצטרפים מרחוק. אחת מתחרויות הסטארט-אפים בשנתו הראשונה של המרכז; התאריך המדויק אינו ידוע.",
        },
        starts_at=at(day, time(14, 0)),
        ends_at=at(day, time(17, 30)),
        date_is_approximate=True,
        **_in_room(ctx, "roadshow_a"),
        audience="public",
        registration_open=False,
        capacity=100,
    )
    _registrations(ctx, event, confirmed=92, cancelled=4, checked_in=81)
    contest = contest_services.contest_create(
        by=None,
        hub=ctx.hubs["ciih"],
        event=event,
        is_generated=True,
        title={
            "en": "China–Israel Startup Contest 2020",
            "zh-hans": "2020中以创业大赛",
            "he": "תחרות הסטארט-אפים סין–ישראל 2020",
        },
        description={
            "en": "Startups from both countries; a preliminary round on paper, then a final roadshow.",
            "zh-hans": "两国初创企业参赛：先书面初赛，再决赛路演。",
            "he": "סטארט-אפים משתי המדינות; סבב מקדים בכתב, ואז גמר בהצגה חיה.",
        },
        is_public=True,
        criteria=STARTUP_RUBRIC,
        rounds=[
            {"en": "Preliminary round", "zh-hans": "初赛", "he": "סבב מקדים"},
            {"en": "Final", "zh-hans": "决赛", "he": "גמר"},
        ],
        results_announcement={
            "en": "NeuroGrip and AquaSense finished level on points; NeuroGrip takes first place on technology and innovation, the heaviest criterion.",
            "zh-hans": "NeuroGrip与AquaSense总分相同；按权重最高的“技术与创新”一项，NeuroGrip位列第一。",
            "he": "NeuroGrip ו-AquaSense סיימו בשוויון נקודות; NeuroGrip במקום הראשון בזכות טכנולוגיה וחדשנות, הקריטריון הכבד ביותר.",
        },
    )
    entries = _startup_entries(ctx, contest, at(date(2020, 10, 5), time(10, 0)), STARTUPS)
    _judge_round(ctx, contest, judges, close=True)
    finalists = entries[:5]
    # The final, scored so that the first two tie on total (83) and technology decides.
    final_marks = {
        finalists[0].pk: [9, 8, 8, 8],
        finalists[1].pk: [8, 9, 8, 8],
        finalists[2].pk: [8, 7, 8, 7],
        finalists[3].pk: [7, 7, 6, 8],
        finalists[4].pk: [6, 6, 7, 6],
    }
    _judge_round(
        ctx, contest, judges, close=True, round_index=1, entries=finalists, marks=final_marks
    )
    contest_services.contest_publish_results(contest=contest, by=None)


# ---------------------------------------------------------------- upcoming events


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _best_remote_slot(day: date, minutes: int) -> datetime:
    """The most comfortable CN–IL slot in the week from `day`, as the slot finder proposes."""
    found = slots_for_remote_session(
        date_from=day,
        date_to=day + timedelta(days=6),
        minutes=minutes,
        countries=["CN", "IL"],
        limit=1,
    )
    if found:
        return found[0].start
    return at(day, time(15, 0))


def _upcoming(ctx: DemoContext, judges: list[User]) -> None:
    o = ctx.orgs
    ciih = ctx.hubs["ciih"]
    roadshow_start = _best_remote_slot(ctx.today + timedelta(days=14), 120)
    roadshow = services.event_create(
        by=None,
        hub=ciih,
        kind="roadshow",
        title={
            "en": "Israeli medical technology roadshow",
            "zh-hans": "以色列医疗科技路演",
            "he": "רודשואו של טכנולוגיה רפואית ישראלית",
        },
        description={
            "en": "Startups from the Israeli incubators in the hub present to Chinese hospitals and investors. Founders in Israel join remotely, at a time the slot finder chose for both sides.",
            "zh-hans": "园内以色列孵化器的初创企业向中国医院和投资人路演。在以色列的创始人远程参加，时间由时段查找工具为双方选定。",
            "he": "סטארט-אפים מהחממות הישראליות במרכז מציגים לבתי חולים ולמשקיעים סיניים. מייסדים בישראל מצטרפים מרחוק, בשעה שמחפש המועדים בחר לשני הצדדים.",
        },
        starts_at=roadshow_start,
        ends_at=roadshow_start + timedelta(minutes=120),
        **_in_room(ctx, "roadshow_a"),
        online_url="https://meet.example.org/ciih-medtech-roadshow",
        audience="public",
        capacity=100,
        partners=[o["ehealth"], o["trendlines"], o["ai-care"], o["aozhen"]],
    )
    _session(
        roadshow,
        {"en": "Welcome", "zh-hans": "欢迎致辞", "he": "ברוכים הבאים"},
        roadshow_start,
        10,
        [_speaker(ctx, "qiang-hao", "in_person", "host")],
    )
    _session(
        roadshow,
        {"en": "Pitches from Israel", "zh-hans": "以色列项目路演", "he": "הצגות מישראל"},
        roadshow_start + timedelta(minutes=10),
        70,
        [
            _guest(
                {
                    "en": "Founders of Ehealth portfolio startups",
                    "zh-hans": "Ehealth孵化企业创始人",
                    "he": "מייסדי סטארט-אפים מהחממה אי-הלת'",
                },
                {"en": "Ehealth", "zh-hans": "Ehealth孵化器", "he": "אי-הלת'"},
                "remote",
                "speaker",
            ),
            _guest(
                {
                    "en": "Founders of Trendlines portfolio startups",
                    "zh-hans": "Trendlines孵化企业创始人",
                    "he": "מייסדי סטארט-אפים מטרנדליינס",
                },
                {"en": "Trendlines", "zh-hans": "Trendlines孵化器", "he": "טרנדליינס"},
                "remote",
                "speaker",
            ),
        ],
    )
    _session(
        roadshow,
        {
            "en": "Questions from hospitals and investors",
            "zh-hans": "医院与投资人提问",
            "he": "שאלות מבתי חולים וממשקיעים",
        },
        roadshow_start + timedelta(minutes=80),
        40,
        [
            _guest(
                {
                    "en": "Moderator from the hub",
                    "zh-hans": "创新园主持人",
                    "he": "מנחה מטעם המרכז",
                },
                {"en": "CIIH Shanghai", "zh-hans": "中以（上海）创新园", "he": "CIIH שנחאי"},
                "in_person",
                "moderator",
            )
        ],
    )
    _registrations(
        ctx,
        roadshow,
        confirmed=41,
        cancelled=2,
        orgs=[o["ai-care"], o["aozhen"], o["tianyu"], o["peakview"]],
    )

    workshop_day = _next_weekday(ctx.today + timedelta(days=21), 1)
    workshop_start = _best_remote_slot(workshop_day, 90)
    workshop = services.event_create(
        by=None,
        hub=ciih,
        kind="workshop",
        title={
            "en": "Entering the Chinese market: a workshop for Israeli startups",
            "zh-hans": "进入中国市场：以色列初创企业工作坊",
            "he": "כניסה לשוק הסיני: סדנה לסטארט-אפים ישראליים",
        },
        description={
            "en": "Company set-up, IP filing in China and finding a first customer, with the hub's service desk and the Putuo IP bureau. Online; places are limited so that everyone can ask questions.",
            "zh-hans": "公司设立、在华知识产权申请和寻找首个客户，由创新园服务窗口和普陀区知识产权局讲解。线上举行；名额有限，确保每人都能提问。",
            "he": "הקמת חברה, רישום קניין רוחני בסין ומציאת לקוח ראשון, עם דלפק השירות של המרכז ולשכת הקניין הרוחני של פוטואו. מקוון; מספר המקומות מוגבל כדי שכולם יוכלו לשאול.",
        },
        starts_at=workshop_start,
        ends_at=workshop_start + timedelta(minutes=90),
        venue_kind="online",
        online_url="https://meet.example.org/ciih-market-entry",
        audience="public",
        capacity=30,
        waitlist_enabled=True,
        partners=[o["putuo-ipr"], o["promotion-center"]],
    )
    _session(
        workshop,
        {
            "en": "Setting up a company and protecting IP in China",
            "zh-hans": "在华设立公司与保护知识产权",
            "he": "הקמת חברה והגנה על קניין רוחני בסין",
        },
        workshop_start,
        90,
        [
            _guest(
                {
                    "en": "Putuo IP bureau service desk",
                    "zh-hans": "普陀区知识产权局服务窗口",
                    "he": "דלפק השירות של לשכת הקניין הרוחני של פוטואו",
                },
                {
                    "en": "Putuo District Intellectual Property Bureau",
                    "zh-hans": "普陀区知识产权局",
                    "he": "לשכת הקניין הרוחני של מחוז פוטואו",
                },
                "in_person",
                "speaker",
            )
        ],
    )
    _registrations(
        ctx,
        workshop,
        confirmed=30,
        waitlisted=4,
        orgs=[o["ehealth"], o["trendlines"], o["ecomotion"]],
    )

    reception_day = _next_weekday(ctx.today + timedelta(days=9), 2)
    reception = services.event_create(
        by=None,
        hub=ciih,
        kind="delegation_reception",
        title={
            "en": "Reception of an Israeli business delegation",
            "zh-hans": "以色列商务代表团接待",
            "he": "קבלת פנים למשלחת עסקית ישראלית",
        },
        description={
            "en": "A tour of the hub and meetings with resident companies.",
            "zh-hans": "参观创新园并与入驻企业交流。",
            "he": "סיור במרכז ופגישות עם החברות בו.",
        },
        starts_at=at(reception_day, time(10, 0)),
        ends_at=at(reception_day, time(12, 0)),
        venue_kind="elsewhere",
        venue_address={
            "en": "Exhibition and service centre, China–Israel Innovation Hub",
            "zh-hans": "中以（上海）创新园展示与服务中心",
            "he": "מרכז התצוגה והשירות, מרכז החדשנות סין–ישראל",
        },
        audience="invitation",
        capacity=25,
        partners=[o["il-consulate"]],
    )
    _registrations(ctx, reception, confirmed=12)

    final_day = _next_weekday(ctx.today + timedelta(days=30), 3)
    year = final_day.year
    final_start = _best_remote_slot(final_day, 180)
    final_event = services.event_create(
        by=None,
        hub=ciih,
        kind="competition",
        title={
            "en": f"China–Israel Startup Contest {year}: final roadshow",
            "zh-hans": f"{year}中以创业大赛决赛路演",
            "he": f"תחרות הסטארט-אפים סין–ישראל {year}: גמר",
        },
        description={
            "en": "The finalists pitch live; Israeli teams remotely.",
            "zh-hans": "决赛选手现场路演，以色列团队远程参加。",
            "he": "הפיינליסטים מציגים בשידור חי; הקבוצות הישראליות מרחוק.",
        },
        starts_at=final_start,
        ends_at=final_start + timedelta(minutes=180),
        **_in_room(ctx, "roadshow_b"),
        audience="public",
        capacity=100,
    )
    contest = contest_services.contest_create(
        by=None,
        hub=ciih,
        event=final_event,
        is_generated=True,
        title={
            "en": f"China–Israel Startup Contest {year}",
            "zh-hans": f"{year}中以创业大赛",
            "he": f"תחרות הסטארט-אפים סין–ישראל {year}",
        },
        description={
            "en": "The preliminary round is being judged now.",
            "zh-hans": "初赛正在评审中。",
            "he": "הסבב המקדים נשפט כעת.",
        },
        is_public=True,
        criteria=STARTUP_RUBRIC,
        rounds=[
            {"en": "Preliminary round", "zh-hans": "初赛", "he": "סבב מקדים"},
            {"en": "Final", "zh-hans": "决赛", "he": "גמר"},
        ],
    )
    names = [
        (
            "VitaPatch",
            "IL",
            "healthcare-bioscience",
            "A skin patch that tracks hydration for elderly people.",
        ),
        ("FarmEye", "CN", "agrifood-water", "Drone images that spot crop disease early."),
        ("QuietRoad", "JOINT", "mobility", "Tyre noise cut by a new tread design for city buses."),
        ("SafeChain", "IL", "cybersecurity", "Checks every software supplier of a hospital."),
        ("LinguaLab", "JOINT", "edtech", "Speaking practice between Chinese and Israeli pupils."),
        (
            "SunLoop",
            "CN",
            "energy-environment",
            "Solar roofs leased to factories with no money up front.",
        ),
    ]
    entries = _startup_entries(ctx, contest, timezone.now() - timedelta(days=20), names)
    judge = ctx.users["judge"]
    # The demo judge mentored SafeChain: declared, so it is neither theirs to see nor to score.
    contest_services.conflict_declare(
        entry=entries[3], judge=judge, by=judge, reason="I mentored this team at an accelerator."
    )
    # Judging half done: the demo judge has scored two entries and three are waiting.
    skip = {(entry.pk, judge.pk) for entry in entries[2:]}
    skip |= {(entries[5].pk, judges[2].pk)}
    _judge_round(ctx, contest, judges, close=False, skip=skip)


def load(ctx: DemoContext) -> None:
    judges = _judges(ctx)
    # The relations demo links the agreements signed at these two events to them.
    ctx.extra["events"] = {"anniversary": _anniversary(ctx), "israel_day": _israel_day(ctx)}
    _youth_coding(ctx, judges)
    _startup_contest_2020(ctx, judges)
    _upcoming(ctx, judges)
