"""Demo: the agreements and the visit the seed articles report, and generated hub visits.

What the articles state is recorded as stated; where they leave something out (the year of
the Shanghai mayor's June visit, the day of Nanjing TechWeek's Israel Day, who signed), the
record says so instead of guessing. Visits received at the hub, lease and draft agreements,
milestones and follow-ups are generated filler (is_generated=True) so that the due list and
the timelines have something to show.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from innohub.common.demo import DemoContext
from innohub.directory.models import Organisation, Sector
from innohub.relations import services
from innohub.relations.models import Visit
from innohub.relations.services import PartyInput

FIRST_ANNIVERSARY = date(2020, 12, 3)
ANNIVERSARY_PLACE = {
    "en": "The hub's first-anniversary ceremony, Taopu Smart City, Putuo District",
    "zh-hans": "创新园一周年庆典，普陀区桃浦智创城",
    "he": "טקס יום השנה הראשון של המרכז, העיר החכמה טאופו, מחוז פוטואו",
}
TECHWEEK_PLACE = {
    "en": "Israel Day (CIIC conference) of Nanjing TechWeek, Jiangning",
    "zh-hans": "南京创新周“以色列日”（中以创新与文化大会），江宁",
    "he": "יום ישראל (כנס CIIC) בשבוע הטכנולוגיה של נאנג'ינג, ג'יאנגנינג",
}
TECHWEEK_DATE_NOTE = {
    "en": "The article dates the signing only as a Thursday during Nanjing TechWeek, when "
    "COVID-19 kept Israeli speakers from travelling; it does not give the day or the year.",
    "zh-hans": "报道只说签约发生在南京创新周期间的一个星期四，当时以色列嘉宾因新冠疫情无法出行；"
    "未给出具体日期和年份。",
    "he": "הכתבה מציינת רק שהחתימה הייתה ביום חמישי במהלך שבוע הטכנולוגיה של נאנג'ינג, "
    "כשהקורונה מנעה מהדוברים הישראלים לנסוע; היום והשנה אינם מצוינים.",
}
MAYOR_DATE_NOTE = {
    "en": "5 to 7 June; the articles do not give the year.",
    "zh-hans": "6月5日至7日；报道未给出年份。",
    "he": "5 עד 7 ביוני; הכתבות אינן מציינות את השנה.",
}
MAYOR_SIGNING_NOTE = {
    "en": "During the visit of 5 to 7 June; the articles do not give the year.",
    "zh-hans": "签于6月5日至7日访问期间；报道未给出年份。",
    "he": "במהלך הביקור ב-5 עד 7 ביוני; הכתבות אינן מציינות את השנה.",
}

# The resident enterprises the hub and the International Digital Security and Ecological
# Operation Center signed cooperation contracts with at the first anniversary.
ANNIVERSARY_CONTRACTS = ["csa-gcr", "angeek", "360-vision", "redstone", "shanghai-tower"]


def _sectors(*slugs: str) -> list[Sector]:
    return list(Sector.objects.filter(slug__in=slugs))


def _seed_agreements(ctx: DemoContext) -> None:
    ciih, jiangsu = ctx.hubs["ciih"], ctx.hubs["jiangsu"]
    orgs = ctx.orgs
    events = ctx.extra.get("events") or {}  # the events demo's, when it ran first
    services.agreement_create(
        by=None,
        hub=ciih,
        parties=[
            PartyInput(organisation=orgs["putuo-gov"]),
            PartyInput(organisation=orgs["360"]),
        ],
        sectors=_sectors("internet-it", "cybersecurity"),
        kind="cooperation",
        status="signed",
        title={
            "en": "IT public service platform for Israeli and Chinese innovators",
            "zh-hans": "面向中以创新主体的信息技术公共服务平台",
            "he": "פלטפורמת שירות ציבורית לטכנולוגיות מידע עבור חדשנים מישראל ומסין",
        },
        subject={
            "en": "The district government and 360 develop together an information technology "
            "public service platform for the startups, scientists and projects from Israel and "
            "China that the hub serves.",
            "zh-hans": "区政府与360集团共同开发信息技术公共服务平台，服务创新园内来自以色列和中国的"
            "初创企业、科学家和项目。",
            "he": "ממשלת המחוז ו-360 מפתחות יחד פלטפורמת שירות ציבורית לטכנולוגיות מידע עבור "
            "הסטארט-אפים, המדענים והפרויקטים מישראל ומסין שהמרכז משרת.",
        },
        signed_on=FIRST_ANNIVERSARY,
        signing_place=ANNIVERSARY_PLACE,
        event=events.get("anniversary"),
    )
    for key in ANNIVERSARY_CONTRACTS:
        enterprise = orgs[key]
        name = enterprise.name
        services.agreement_create(
            by=None,
            hub=ciih,
            parties=[
                PartyInput(
                    hub=ciih,
                    role={"en": "Hub operator", "zh-hans": "园区运营方", "he": "מפעיל המרכז"},
                ),
                PartyInput(organisation=orgs["idseoc"]),
                PartyInput(
                    organisation=enterprise,
                    role={"en": "Resident enterprise", "zh-hans": "入驻企业", "he": "חברה תושבת"},
                ),
            ],
            sectors=_sectors("cybersecurity"),
            kind="cooperation",
            status="signed",
            title={
                "en": f"Cooperation contract with {name.get('en')}",
                "zh-hans": f"与{name.get('zh-hans') or name.get('en')}的合作协议",
                "he": f"הסכם שיתוף פעולה עם {name.get('he') or name.get('en')}",
            },
            subject={
                "en": "Signed by the hub together with the International Digital Security and "
                "Ecological Operation Center with one of the enterprises housed in the hub.",
                "zh-hans": "由创新园会同国际数字安全生态运营中心与园区入驻企业签署。",
                "he": "נחתם על ידי המרכז יחד עם המרכז הבינלאומי לאבטחה דיגיטלית ולתפעול "
                "אקולוגי, עם אחת החברות השוכנות במרכז.",
            },
            signed_on=FIRST_ANNIVERSARY,
            signing_place=ANNIVERSARY_PLACE,
            event=events.get("anniversary"),
        )
    services.agreement_create(
        by=None,
        hub=jiangsu,
        parties=[
            PartyInput(organisation=orgs["ecomotion"]),
            PartyInput(organisation=orgs["jndz"]),
            PartyInput(organisation=orgs["peakview"]),
        ],
        sectors=_sectors("mobility"),
        kind="cooperation",
        status="signed",
        title={
            "en": "Smart-mobility cooperation: EcoMotion, Jiangning Development Zone and "
            "Shengjing Peakview Capital",
            "zh-hans": "智慧出行合作：EcoMotion、江宁开发区与盛景嘉成资本",
            "he": "שיתוף פעולה בתחבורה חכמה: אקומושן, אזור הפיתוח ג'יאנגנינג ושנגג'ינג פיקוויו",
        },
        subject={
            "en": "The Israeli mobility community works with the development zone and the "
            "private equity investor; its startups get guidance in finding Chinese investors "
            "and entering the Chinese market.",
            "zh-hans": "以色列出行创新社群与开发区及私募股权投资机构合作；其初创企业将获得对接中国"
            "投资人和进入中国市场的指导。",
            "he": "קהילת התחבורה הישראלית עובדת עם אזור הפיתוח ועם משקיע הפרייבט אקוויטי; "
            "הסטארט-אפים שלה יקבלו הדרכה באיתור משקיעים סיניים ובכניסה לשוק הסיני.",
        },
        signed_precision="unknown",
        signed_note=TECHWEEK_DATE_NOTE,
        signing_place=TECHWEEK_PLACE,
        event=events.get("israel_day"),
    )
    services.agreement_create(
        by=None,
        hub=jiangsu,
        parties=[
            PartyInput(organisation=orgs["weizmann"]),
            PartyInput(organisation=orgs["technion"]),
            PartyInput(organisation=orgs["tsingzhan"]),
            PartyInput(organisation=orgs["thuai"]),
        ],
        sectors=_sectors("ai-robotics"),
        kind="cooperation",
        status="signed",
        title={
            "en": "Promoting technological development in artificial intelligence",
            "zh-hans": "推动人工智能技术发展合作",
            "he": "קידום הפיתוח הטכנולוגי בבינה מלאכותית",
        },
        subject={
            "en": "Two Israeli institutes and two Chinese AI institutes cooperate to promote "
            "technological development in artificial intelligence.",
            "zh-hans": "两家以色列科研机构与两家中国人工智能研究院合作，推动人工智能技术发展。",
            "he": "שני מוסדות מחקר ישראליים ושני מכוני בינה מלאכותית סיניים משתפים פעולה "
            "לקידום הפיתוח הטכנולוגי בבינה מלאכותית.",
        },
        signed_precision="unknown",
        signed_note=TECHWEEK_DATE_NOTE,
        signing_place=TECHWEEK_PLACE,
        event=events.get("israel_day"),
    )


def _mayor_visit(ctx: DemoContext) -> Visit:
    ciih = ctx.hubs["ciih"]
    orgs, people = ctx.orgs, ctx.people
    delegation = services.delegation_create(
        by=None,
        hub=ciih,
        name={
            "en": "Shanghai municipal delegation",
            "zh-hans": "上海市代表团",
            "he": "משלחת עיריית שנחאי",
        },
        origin_country="CN",
        origin_place={"en": "Shanghai", "zh-hans": "上海", "he": "שנחאי"},
        organisation=orgs["sh-gov"],
    )
    services.delegation_member_add(
        delegation=delegation, by=None, person=people["ying-yong"], is_leader=True
    )
    visit = services.visit_create(
        by=None,
        hub=ciih,
        delegation=delegation,
        direction="outgoing",
        status="completed",
        title={
            "en": "Shanghai mayor's visit to Israel",
            "zh-hans": "上海市市长访问以色列",
            "he": "ביקור ראש עיריית שנחאי בישראל",
        },
        purpose={
            "en": "To deepen cooperation in innovation and in communication technologies, "
            "artificial intelligence, biomedicine and integrated circuits; to attract Israeli "
            "R&D companies to commercialise their research in Shanghai; and to support the "
            "Sino-Israel Innovation Center and park. Cai Weiming, chargé d'affaires of the "
            "Chinese embassy, and Eyal Propper, Israel's consul general in Shanghai, attended "
            "related events.",
            "zh-hans": "深化创新以及通信技术、人工智能、生物医药和集成电路等产业合作；吸引以色列"
            "研发企业在上海转化研究成果；支持中以创新中心和创新园建设。中国驻以色列使馆临时代办"
            "蔡伟明和以色列驻上海总领事艾亚尔·普罗佩尔出席了相关活动。",
            "he": "להעמיק את שיתוף הפעולה בחדשנות ובתקשורת, בינה מלאכותית, ביו-רפואה ומעגלים "
            'משולבים; למשוך חברות מו"פ ישראליות למסחר את מחקריהן בשנחאי; ולתמוך במרכז '
            "החדשנות סין–ישראל ובפארק. צאי ויימינג, ממלא מקום שגריר סין, ואייל פרופר, הקונסול "
            "הכללי של ישראל בשנחאי, השתתפו באירועים הקשורים.",
        },
        date_precision="unknown",
        date_note=MAYOR_DATE_NOTE,
        destination={
            "en": "Israel: Haifa, Tel Aviv-Yafo",
            "zh-hans": "以色列：海法、特拉维夫-雅法",
            "he": "ישראל: חיפה, תל אביב-יפו",
        },
        destination_country="IL",
        time_zone="Asia/Jerusalem",
    )
    stops: list[dict[str, Any]] = [
        {
            "kind": "meeting",
            "title": {
                "en": "Meeting with the Minister of Economy and Industry",
                "zh-hans": "会见以色列经济和产业部部长",
                "he": "פגישה עם שר הכלכלה והתעשייה",
            },
            "host_organisation": orgs["il-economy"],
            "people": [people["eli-cohen"]],
            "notes": {
                "en": "Technology is Israel's strong suit; both sides can build on their "
                "complementary strengths.",
                "zh-hans": "科技产业是以色列的强项，双方可发挥互补优势加强合作。",
                "he": "הטכנולוגיה היא החוזקה של ישראל; שני הצדדים יכולים לבנות על יתרונותיהם "
                "המשלימים.",
            },
        },
        {
            "kind": "meeting",
            "title": {
                "en": "Meeting with the Minister of Science, Technology and Space",
                "zh-hans": "会见以色列科技与航天部部长",
                "he": "פגישה עם שר המדע, הטכנולוגיה והחלל",
            },
            "host_organisation": orgs["il-most"],
            "people": [people["ofir-akunis"]],
            "notes": {
                "en": "The science and economy ministries are willing to build a joint laboratory "
                "and the Sino-Israel Innovation Center.",
                "zh-hans": "以色列科技部与经济部愿共建联合实验室和中以创新中心。",
                "he": "משרדי המדע והכלכלה מוכנים להקים מעבדה משותפת ואת מרכז החדשנות סין–ישראל.",
            },
        },
        {
            "kind": "meeting",
            "title": {
                "en": "Meeting with the chairman of the Israel Innovation Authority",
                "zh-hans": "会见以色列创新署主席",
                "he": "פגישה עם יושב ראש רשות החדשנות",
            },
            "host_organisation": orgs["iia"],
            "people": [people["ami-appelbaum"]],
            "notes": {
                "en": "The authority wants closer ties with Shanghai's scientists, universities "
                "and technology startups.",
                "zh-hans": "创新署希望加强与上海科学家、高校和科技初创企业的合作。",
                "he": "הרשות רוצה קשרים הדוקים יותר עם המדענים, האוניברסיטאות והסטארט-אפים "
                "של שנחאי.",
            },
        },
        {
            "kind": "meeting",
            "title": {
                "en": "Meeting with the Mayor of Haifa",
                "zh-hans": "会见海法市市长",
                "he": "פגישה עם ראש עיריית חיפה",
            },
            "place": {"en": "Haifa", "zh-hans": "海法", "he": "חיפה"},
            "host_organisation": orgs["haifa"],
            "people": [people["yona-yahav"]],
            "notes": {
                "en": "Twin cities for 25 years; deeper cooperation in trade, technology, ports "
                "and culture.",
                "zh-hans": "两市结为友好城市已25年，将深化经贸、科技、港口和文化合作。",
                "he": "ערים תאומות כבר 25 שנה; העמקת שיתוף הפעולה בסחר, טכנולוגיה, נמלים ותרבות.",
            },
        },
        {
            "kind": "ceremony",
            "title": {
                "en": "Signing ceremony of the Haifa port terminal project",
                "zh-hans": "海法港码头项目签约仪式",
                "he": "טקס החתימה על פרויקט המסוף בנמל חיפה",
            },
            "place": {"en": "Port of Haifa", "zh-hans": "海法港", "he": "נמל חיפה"},
            "host_organisation": orgs["sipg"],
            "people": [people["yona-yahav"], people["eli-cohen"]],
        },
        {
            "kind": "inspection",
            "title": {
                "en": "Inspection of ports and technological cooperation projects",
                "zh-hans": "考察港口和科技合作项目",
                "he": "סיור בנמלים ובפרויקטים של שיתוף פעולה טכנולוגי",
            },
        },
        {
            "kind": "inspection",
            "title": {
                "en": "Super-capacitor demonstration bus route",
                "zh-hans": "超级电容公交示范线",
                "he": "קו אוטובוסים מדגים על קבלי-על",
            },
            "place": {"en": "Tel Aviv-Yafo", "zh-hans": "特拉维夫-雅法", "he": "תל אביב-יפו"},
            "host_organisation": orgs["aowei"],
        },
        {
            "kind": "company",
            "title": {
                "en": "Visit to Mobileye",
                "zh-hans": "考察Mobileye",
                "he": "ביקור במובילאיי",
            },
            "host_organisation": orgs["mobileye"],
        },
        {
            "kind": "company",
            "title": {
                "en": "Visit to the Techcode Israel Global Innovation Center",
                "zh-hans": "考察以色列太库全球创新中心",
                "he": "ביקור במרכז החדשנות הגלובלי של טקקוד ישראל",
            },
            "host_organisation": orgs["techcode-il"],
        },
    ]
    for stop in stops:
        services.visit_stop_add(visit=visit, by=None, **stop)

    services.agreement_create(
        by=None,
        hub=ciih,
        parties=[PartyInput(organisation=orgs["sh-stc"]), PartyInput(organisation=orgs["iia"])],
        kind="cooperation",
        status="signed",
        title={
            "en": "Cooperation on technological innovation",
            "zh-hans": "科技创新合作协议",
            "he": "שיתוף פעולה בחדשנות טכנולוגית",
        },
        subject={
            "en": "Cooperation agreements on technological innovation between Shanghai's "
            "science and technology commission and the Israel Innovation Authority.",
            "zh-hans": "上海市科学技术委员会与以色列创新署签署的科技创新合作协议。",
            "he": "הסכמי שיתוף פעולה בחדשנות טכנולוגית בין ועדת המדע והטכנולוגיה של שנחאי "
            "לרשות החדשנות.",
        },
        signed_precision="unknown",
        signed_note=MAYOR_SIGNING_NOTE,
        signing_place={"en": "Israel", "zh-hans": "以色列", "he": "ישראל"},
        visit=visit,
    )
    services.agreement_create(
        by=None,
        hub=ciih,
        parties=[
            PartyInput(organisation=orgs["sipg"]),
            PartyInput(
                name={
                    "en": "The Israeli side of the Haifa terminal project (not named in the "
                    "articles)",
                    "zh-hans": "海法码头项目以方（报道未提及名称）",
                    "he": "הצד הישראלי בפרויקט המסוף בחיפה (לא נקרא בשמו בכתבות)",
                }
            ),
        ],
        kind="other",
        status="signed",
        title={
            "en": "Terminal project at the port of Haifa",
            "zh-hans": "海法港码头项目",
            "he": "פרויקט המסוף בנמל חיפה",
        },
        subject={
            "en": "Shanghai International Port Group's terminal project at the port of Haifa, "
            "signed before the mayors of Shanghai and Haifa and Israel's Minister of Economy "
            "and Industry; Shanghai hopes it becomes a demonstration project of the two "
            "cities' cooperation.",
            "zh-hans": "上港集团海法港码头项目，在上海市市长、海法市市长和以色列经济和产业部部长"
            "见证下签约；上海希望其成为两市合作的示范项目。",
            "he": "פרויקט המסוף של קבוצת נמלי שנחאי בנמל חיפה, שנחתם בנוכחות ראשי ערי שנחאי "
            "וחיפה ושר הכלכלה והתעשייה; שנחאי מקווה שיהיה פרויקט מופת לשיתוף הפעולה בין "
            "הערים.",
        },
        signed_precision="unknown",
        signed_note=MAYOR_SIGNING_NOTE,
        signing_place={"en": "Port of Haifa", "zh-hans": "海法港", "he": "נמל חיפה"},
        visit=visit,
    )
    return visit


# Generated delegations received at the hubs: (hub, name, origin place, country, days before
# today, focus organisation keys to visit).
GENERATED_VISITS: list[tuple[str, dict[str, str], dict[str, str], str, int, list[str]]] = [
    (
        "ciih",
        {
            "en": "Israeli medical technology delegation",
            "zh-hans": "以色列医疗科技代表团",
            "he": "משלחת טכנולוגיה רפואית מישראל",
        },
        {"en": "Tel Aviv", "zh-hans": "特拉维夫", "he": "תל אביב"},
        "IL",
        1400,
        ["ai-care", "aozhen"],
    ),
    (
        "ciih",
        {
            "en": "Israeli cybersecurity companies' delegation",
            "zh-hans": "以色列网络安全企业代表团",
            "he": "משלחת חברות סייבר מישראל",
        },
        {"en": "Be'er Sheva", "zh-hans": "贝尔谢巴", "he": "באר שבע"},
        "IL",
        900,
        ["angeek", "csa-gcr"],
    ),
    (
        "ciih",
        {
            "en": "Israeli government economic delegation",
            "zh-hans": "以色列政府经贸代表团",
            "he": "משלחת כלכלית של ממשלת ישראל",
        },
        {"en": "Jerusalem", "zh-hans": "耶路撒冷", "he": "ירושלים"},
        "IL",
        420,
        ["mantis", "ehealth"],
    ),
    (
        "ciih",
        {
            "en": "Agrifood and water technology delegation",
            "zh-hans": "农业食品与水技术代表团",
            "he": "משלחת טכנולוגיות מזון ומים",
        },
        {"en": "Haifa", "zh-hans": "海法", "he": "חיפה"},
        "IL",
        75,
        ["trendlines", "tianyu"],
    ),
    (
        "ciih",
        {
            "en": "Israeli startup founders' study tour",
            "zh-hans": "以色列初创企业创始人考察团",
            "he": "סיור לימודי של מייסדי סטארט-אפים מישראל",
        },
        {"en": "Tel Aviv", "zh-hans": "特拉维夫", "he": "תל אביב"},
        "IL",
        -21,
        ["mantis", "ai-care"],
    ),
    (
        "jiangsu",
        {
            "en": "Israeli mobility startups' delegation",
            "zh-hans": "以色列智慧出行初创企业代表团",
            "he": "משלחת סטארט-אפים בתחבורה חכמה מישראל",
        },
        {"en": "Tel Aviv", "zh-hans": "特拉维夫", "he": "תל אביב"},
        "IL",
        300,
        ["ecomotion"],
    ),
]

FOLLOW_UP_TEMPLATES: list[tuple[dict[str, str], int, bool]] = [
    (
        {
            "en": "Send the delegation the list of resident companies in its sectors",
            "zh-hans": "向代表团发送相关领域入驻企业名单",
            "he": "לשלוח למשלחת את רשימת החברות התושבות בתחומיה",
        },
        7,
        True,
    ),
    (
        {
            "en": "Arrange a video call between the delegation and the companies it met",
            "zh-hans": "安排代表团与所访企业的视频会议",
            "he": "לתאם שיחת וידאו בין המשלחת לחברות שפגשה",
        },
        21,
        False,
    ),
    (
        {
            "en": "Share the hub's support programme for Israeli startups",
            "zh-hans": "分享创新园对以色列初创企业的扶持计划",
            "he": "לשתף את תוכנית התמיכה של המרכז בסטארט-אפים ישראליים",
        },
        45,
        False,
    ),
]


def _at(day: date, hour: int, minute: int = 0, zone: str = "Asia/Shanghai") -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))


def _generated_visits(ctx: DemoContext) -> None:
    staff = ctx.users.get("staff")
    jiangsu_staff = ctx.users.get("jiangsu")
    for hub_key, name, origin, country, days_ago, hosts in GENERATED_VISITS:
        hub = ctx.hubs[hub_key]
        day = ctx.today - timedelta(days=days_ago)
        planned = days_ago < 0
        delegation = services.delegation_create(
            by=None,
            hub=hub,
            is_generated=True,
            name=name,
            origin_country=country,
            origin_place=origin,
        )
        visit = services.visit_create(
            by=None,
            hub=hub,
            delegation=delegation,
            is_generated=True,
            title={
                "en": f"{name['en']} at {hub.short_name.get('en') or hub.name.get('en')}",
                "zh-hans": f"{name['zh-hans']}访问{hub.short_name.get('zh-hans') or hub.name.get('zh-hans')}",
                "he": f"{name['he']} ב{hub.short_name.get('he') or hub.name.get('he')}",
            },
            direction="incoming",
            status="planned" if planned else "completed",
            starts_on=day,
            ends_on=day,
            destination=hub.city,
            destination_country="CN",
        )
        services.visit_stop_add(
            visit=visit,
            by=None,
            kind="presentation",
            title={
                "en": "Welcome and introduction to the hub",
                "zh-hans": "欢迎致辞与园区介绍",
                "he": "קבלת פנים והצגת המרכז",
            },
            place={
                "en": "Exhibition and service centre",
                "zh-hans": "展示与服务中心",
                "he": "מרכז התצוגה והשירות",
            },
            host_hub=hub,
            starts_at=_at(day, 9, 30),
            ends_at=_at(day, 10, 15),
        )
        for index, key in enumerate(hosts):
            services.visit_stop_add(
                visit=visit,
                by=None,
                kind="company",
                title={
                    "en": f"Visit to {ctx.orgs[key].name.get('en')}",
                    "zh-hans": f"走访{ctx.orgs[key].name.get('zh-hans') or ctx.orgs[key].name.get('en')}",
                    "he": f"ביקור ב{ctx.orgs[key].name.get('he') or ctx.orgs[key].name.get('en')}",
                },
                host_organisation=ctx.orgs[key],
                starts_at=_at(day, 10 + index, 30),
                ends_at=_at(day, 11 + index, 15),
            )
        if planned:
            continue
        owner = staff if hub_key == "ciih" else jiangsu_staff
        for title, due_in, done in FOLLOW_UP_TEMPLATES:
            follow_up = services.follow_up_add(
                visit=visit,
                by=None,
                is_generated=True,
                title=title,
                due_on=day + timedelta(days=due_in),
                owner=owner,
                owner_organisation=ctx.orgs[hosts[0]] if due_in == 21 else None,
            )
            # Long-past visits have their follow-ups done; the recent ones are still open.
            if done or days_ago > 365:
                services.follow_up_set_done(
                    follow_up=follow_up, by=None, done=True, on=day + timedelta(days=due_in - 2)
                )


def _generated_agreements(ctx: DemoContext) -> None:
    ciih = ctx.hubs["ciih"]
    today = ctx.today
    tenants = list(
        Organisation.objects.filter(is_generated=True, memberships__hub=ciih).order_by("pk")[:3]
    )
    for index, tenant in enumerate(tenants):
        signed = today - timedelta(days=200 + 150 * index)
        lease = services.agreement_create(
            by=None,
            hub=ciih,
            is_generated=True,
            parties=[
                PartyInput(hub=ciih, role={"en": "Lessor", "zh-hans": "出租方", "he": "משכיר"}),
                PartyInput(
                    organisation=tenant, role={"en": "Tenant", "zh-hans": "承租方", "he": "שוכר"}
                ),
            ],
            kind="lease",
            status="in_force",
            title={
                "en": f"Office lease: {tenant.name.get('en') or tenant.name.in_language('en')}",
                "zh-hans": f"办公室租赁：{tenant.name.in_language('zh-hans')}",
                "he": f"שכירות משרד: {tenant.name.in_language('he')}",
            },
            signed_on=signed,
            effective_from=signed + timedelta(days=14),
            expires_on=signed + timedelta(days=14 + 3 * 365),
            amount=180000 + 40000 * index,
            currency="CNY",
            is_confidential=True,
        )
        services.milestone_add(
            agreement=lease,
            by=None,
            is_generated=True,
            title={"en": "Tenant moves in", "zh-hans": "租户入驻", "he": "השוכר נכנס"},
            due_on=signed + timedelta(days=14),
        )
        services.milestone_set_done(
            milestone=lease.milestones.get(), by=None, done=True, on=signed + timedelta(days=13)
        )
        services.milestone_add(
            agreement=lease,
            by=None,
            is_generated=True,
            title={
                "en": "Annual rent review",
                "zh-hans": "年度租金复核",
                "he": "בחינת שכר דירה שנתית",
            },
            due_on=signed + timedelta(days=365) if index else today - timedelta(days=9),
        )
    draft = services.agreement_create(
        by=None,
        hub=ciih,
        is_generated=True,
        parties=[PartyInput(hub=ciih), PartyInput(organisation=ctx.orgs["ai-care"])],
        sectors=_sectors("healthcare-bioscience"),
        kind="mou",
        status="draft",
        title={
            "en": "Rehabilitation technology showcase at the hub (draft)",
            "zh-hans": "园区康复技术展示合作（草案）",
            "he": "תצוגת טכנולוגיות שיקום במרכז (טיוטה)",
        },
        subject={
            "en": "A memorandum under discussion on showing rehabilitation devices to visiting "
            "delegations.",
            "zh-hans": "正在商议的备忘录：向来访代表团展示康复器械。",
            "he": "מזכר הבנות בדיון על הצגת מכשירי שיקום למשלחות מבקרות.",
        },
    )
    services.milestone_add(
        agreement=draft,
        by=None,
        is_generated=True,
        title={
            "en": "Agree the final text",
            "zh-hans": "确定最终文本",
            "he": "לסכם את הנוסח הסופי",
        },
        due_on=today - timedelta(days=3),
    )
    services.milestone_add(
        agreement=draft,
        by=None,
        is_generated=True,
        title={"en": "Signing", "zh-hans": "签约", "he": "חתימה"},
        due_on=today + timedelta(days=20),
    )


def load(ctx: DemoContext) -> None:
    _seed_agreements(ctx)
    ctx.extra["mayor_visit"] = _mayor_visit(ctx)
    _generated_visits(ctx)
    _generated_agreements(ctx)
