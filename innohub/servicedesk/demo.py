"""Demo: the hub's service desk — accredited providers, a catalogue, requests in every state,
support programmes with real-looking rules and applications, and an expert pool.

Providers, generated experts and all requests are invented (marked generated); the professors
and the EcoMotion CEO are people the seed articles name, offered here as the hub's experts.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from innohub.accounts.models import RoleKind, User
from innohub.accounts.services import role_grant
from innohub.common.demo import DemoContext
from innohub.directory.models import MEMBER_STATES, Organisation, Person, Sector
from innohub.servicedesk import services
from innohub.servicedesk.models import (
    OfficeHour,
    OfficeHourBooking,
    ProgrammeApplication,
    RequestState,
    ServiceRequest,
)
from innohub.servicedesk.notifications import notices_muted
from innohub.servicedesk.working_time import add_working_hours
from innohub.spaces import services as spaces_services
from innohub.spaces.models import BookingKind, Room
from innohub.spaces.selectors import bookings_overlapping

SH = ZoneInfo("Asia/Shanghai")
S = RequestState

# key, name, country, description, hubs, accredited on
PROVIDERS: list[dict[str, Any]] = [
    {
        "key": "taopu-corporate",
        "name": {
            "en": "Taopu Corporate Services Co., Ltd.",
            "zh-hans": "桃浦企业服务有限公司",
            "he": 'טאופו שירותי תאגידים בע"מ',
        },
        "description": {
            "en": "Company registration, registered address, bank account and licence paperwork for foreign-invested companies.",
            "zh-hans": "为外商投资企业办理公司注册、注册地址、银行开户和各类证照手续。",
            "he": "רישום חברות, כתובת רשומה, חשבון בנק ורישיונות לחברות בהשקעה זרה.",
        },
        "hubs": ["ciih"],
    },
    {
        "key": "hero-bridge-ip",
        "name": {
            "en": "Hero Bridge IP Agency",
            "zh-hans": "英桥知识产权代理有限公司",
            "he": "הירו ברידג' – משרד קניין רוחני",
        },
        "description": {
            "en": "Patent and trademark attorneys filing with CNIPA and through the PCT.",
            "zh-hans": "专利和商标代理，向国家知识产权局申请并办理PCT国际申请。",
            "he": "עורכי פטנטים וסימני מסחר המגישים למשרד הקניין הרוחני הסיני ובמסלול PCT.",
        },
        "hubs": ["ciih", "jiangsu"],
    },
    {
        "key": "jade-river-law",
        "name": {
            "en": "Jade River Law Offices",
            "zh-hans": "玉河律师事务所",
            "he": "משרד עורכי הדין ג'ייד ריבר",
        },
        "description": {
            "en": "Corporate, employment and cross-border contract law, in Chinese, English and Hebrew.",
            "zh-hans": "公司法、劳动法及跨境合同业务，可使用中文、英文和希伯来文。",
            "he": "דיני חברות, עבודה וחוזים בין-לאומיים, בסינית, אנגלית ועברית.",
        },
        "hubs": ["ciih"],
    },
    {
        "key": "yangtze-tax",
        "name": {
            "en": "Yangtze Accounting & Tax Advisers",
            "zh-hans": "长江财税咨询有限公司",
            "he": "יאנגצה – ייעוץ חשבונאות ומס",
        },
        "description": {
            "en": "Bookkeeping, monthly tax filing, fapiao and annual audits for small companies.",
            "zh-hans": "为小微企业提供记账、月度纳税申报、发票管理和年度审计。",
            "he": "הנהלת חשבונות, דיווחי מס חודשיים, חשבוניות פאפיאו וביקורת שנתית לחברות קטנות.",
        },
        "hubs": ["ciih", "jiangsu"],
    },
    {
        "key": "sino-israel-visa",
        "name": {
            "en": "Sino-Israel Talent & Visa Services",
            "zh-hans": "中以人才签证服务有限公司",
            "he": "שירותי כישרונות ואשרות סין–ישראל",
        },
        "description": {
            "en": "Work permits, residence permits and visas for foreign staff and their families.",
            "zh-hans": "为外籍员工及家属办理工作许可、居留许可和签证。",
            "he": "היתרי עבודה, היתרי שהייה ואשרות לעובדים זרים ולבני משפחותיהם.",
        },
        "hubs": ["ciih"],
    },
    {
        "key": "putuo-talent",
        "name": {
            "en": "Putuo Talent Partners",
            "zh-hans": "普陀人才伙伴",
            "he": "פוטואו – שותפי גיוס",
        },
        "description": {
            "en": "Recruitment of engineers, sales and administrative staff in Shanghai.",
            "zh-hans": "在上海招聘工程师、销售和行政人员。",
            "he": "גיוס מהנדסים, אנשי מכירות וצוות מנהלי בשנחאי.",
        },
        "hubs": ["ciih"],
    },
    {
        "key": "babel-bridge",
        "name": {
            "en": "Babel Bridge Translation",
            "zh-hans": "巴别桥翻译有限公司",
            "he": "באבל ברידג' תרגומים",
        },
        "description": {
            "en": "Written translation and interpreting between Chinese, English and Hebrew.",
            "zh-hans": "中文、英文和希伯来文之间的笔译与口译。",
            "he": "תרגום בכתב ותרגום סימולטני בין סינית, אנגלית ועברית.",
        },
        "hubs": ["ciih"],
    },
]

# slug-ish key, category, provider key (None = hub staff), response hours, completion days,
# name, summary, fee
CIIH_SERVICES: list[tuple[str, str, str | None, int, int | None, dict, dict, dict]] = [
    (
        "company-setup",
        "company_setup",
        "taopu-corporate",
        8,
        25,
        {"en": "Company registration in China", "zh-hans": "在华公司注册", "he": "רישום חברה בסין"},
        {
            "en": "Set up a wholly foreign-owned enterprise or a joint venture at the hub's address.",
            "zh-hans": "以创新园地址设立外商独资企业或合资企业。",
            "he": "הקמת חברה בבעלות זרה מלאה או מיזם משותף בכתובת המרכז.",
        },
        {
            "en": "From CNY 6,000; the first consultation is free for members.",
            "zh-hans": "人民币6000元起；会员首次咨询免费。",
            "he": "החל מ-6,000 יואן; הייעוץ הראשון חינם לחברים.",
        },
    ),
    (
        "ip-filing",
        "ip",
        "hero-bridge-ip",
        8,
        15,
        {
            "en": "Patent and trademark filing in China",
            "zh-hans": "在华专利和商标申请",
            "he": "הגשת פטנטים וסימני מסחר בסין",
        },
        {
            "en": "Invention, utility-model and design patents, trademarks and software copyright, including PCT national phase.",
            "zh-hans": "发明、实用新型和外观设计专利、商标及软件著作权登记，包括PCT进入中国国家阶段。",
            "he": "פטנטי המצאה, מודל שימושי ועיצוב, סימני מסחר וזכויות יוצרים בתוכנה, כולל שלב לאומי PCT.",
        },
        {
            "en": "Official fees plus agency fees quoted per case.",
            "zh-hans": "官费加代理费，按件报价。",
            "he": "אגרות רשמיות ושכר טרחה לפי תיק.",
        },
    ),
    (
        "ip-protection",
        "ip",
        None,
        8,
        None,
        {
            "en": "IP protection and infringement advice",
            "zh-hans": "知识产权保护与维权咨询",
            "he": "הגנה על קניין רוחני וייעוץ בהפרות",
        },
        {
            "en": "The district IP bureau's desk at the hub advises on infringement, customs recordal and enforcement.",
            "zh-hans": "区知识产权局驻园窗口提供侵权判定、海关备案和维权咨询。",
            "he": "דלפק לשכת הקניין הרוחני המחוזית במרכז מייעץ בהפרות, ברישום במכס ובאכיפה.",
        },
        {"en": "Free for members.", "zh-hans": "会员免费。", "he": "חינם לחברים."},
    ),
    (
        "legal",
        "legal",
        "jade-river-law",
        16,
        10,
        {
            "en": "Contract and legal review",
            "zh-hans": "合同与法律审查",
            "he": "בדיקת חוזים וייעוץ משפטי",
        },
        {
            "en": "Distribution, licensing and employment contracts under Chinese law.",
            "zh-hans": "依据中国法律审查经销、许可和劳动合同。",
            "he": "חוזי הפצה, רישוי והעסקה לפי הדין הסיני.",
        },
        {
            "en": "Hourly rates at a member discount.",
            "zh-hans": "按小时计费，会员享受折扣。",
            "he": "תעריף שעתי בהנחה לחברים.",
        },
    ),
    (
        "accounting",
        "accounting_tax",
        "yangtze-tax",
        8,
        5,
        {
            "en": "Bookkeeping and tax filing",
            "zh-hans": "记账与纳税申报",
            "he": "הנהלת חשבונות ודיווחי מס",
        },
        {
            "en": "Monthly books, VAT and corporate income tax returns, fapiao.",
            "zh-hans": "月度记账、增值税和企业所得税申报、发票管理。",
            "he": 'ספרים חודשיים, דיווחי מע"מ ומס חברות, חשבוניות פאפיאו.',
        },
        {
            "en": "Monthly package from CNY 800.",
            "zh-hans": "月度套餐人民币800元起。",
            "he": "חבילה חודשית החל מ-800 יואן.",
        },
    ),
    (
        "work-permits",
        "visas",
        "sino-israel-visa",
        4,
        20,
        {
            "en": "Work and residence permits for foreign staff",
            "zh-hans": "外籍员工工作许可和居留许可",
            "he": "היתרי עבודה ושהייה לעובדים זרים",
        },
        {
            "en": "Foreigner's Work Permit, residence permit and family visas, from document checklist to pick-up.",
            "zh-hans": "外国人工作许可、居留许可及家属签证，从材料清单到领证全程办理。",
            "he": "היתר עבודה לזרים, היתר שהייה ואשרות משפחה – מרשימת המסמכים ועד האיסוף.",
        },
        {
            "en": "CNY 3,500 per person plus official fees.",
            "zh-hans": "每人人民币3500元，另加官费。",
            "he": "3,500 יואן לאדם ועוד אגרות רשמיות.",
        },
    ),
    (
        "recruitment",
        "recruitment",
        "putuo-talent",
        16,
        30,
        {
            "en": "Recruitment of local staff",
            "zh-hans": "本地员工招聘",
            "he": "גיוס עובדים מקומיים",
        },
        {
            "en": "Shortlists of engineers, sales and office staff who work well with Israeli teams.",
            "zh-hans": "推荐适合与以色列团队合作的工程师、销售和行政人员。",
            "he": "רשימות מועמדים – מהנדסים, אנשי מכירות וצוות משרד שעובדים טוב עם צוותים ישראליים.",
        },
        {
            "en": "Success fee of one month's salary.",
            "zh-hans": "成功后收取一个月薪资。",
            "he": "עמלת הצלחה של משכורת חודש.",
        },
    ),
    (
        "market-entry",
        "market_entry",
        None,
        8,
        None,
        {"en": "Market-entry advice", "zh-hans": "市场进入咨询", "he": "ייעוץ לכניסה לשוק"},
        {
            "en": "A session with the hub's team on channels, certification, pricing and first customers in China.",
            "zh-hans": "与园区团队探讨在华渠道、认证、定价和首批客户。",
            "he": "פגישה עם צוות המרכז על ערוצים, הסמכות, תמחור ולקוחות ראשונים בסין.",
        },
        {"en": "Free for members.", "zh-hans": "会员免费。", "he": "חינם לחברים."},
    ),
    (
        "investor-introductions",
        "investors",
        None,
        16,
        None,
        {
            "en": "Introductions to Chinese investors",
            "zh-hans": "对接中国投资机构",
            "he": "היכרות עם משקיעים סיניים",
        },
        {
            "en": "Warm introductions to funds and corporates whose theses fit your company.",
            "zh-hans": "向投资方向匹配的基金和企业进行引荐。",
            "he": "היכרויות עם קרנות ותאגידים שתזת ההשקעה שלהם מתאימה לחברה שלכם.",
        },
        {"en": "Free for members.", "zh-hans": "会员免费。", "he": "חינם לחברים."},
    ),
    (
        "translation",
        "translation",
        "babel-bridge",
        4,
        3,
        {
            "en": "Translation and interpreting",
            "zh-hans": "翻译与口译",
            "he": "תרגום ותרגום בעל-פה",
        },
        {
            "en": "Documents, pitch decks and meetings in Chinese, English and Hebrew.",
            "zh-hans": "文件、路演材料和会议的中英希三语翻译。",
            "he": "מסמכים, מצגות ופגישות בסינית, אנגלית ועברית.",
        },
        {
            "en": "Per page or per half day.",
            "zh-hans": "按页或按半天计费。",
            "he": "לפי עמוד או לפי חצי יום.",
        },
    ),
    (
        "programme-applications",
        "other",
        None,
        8,
        15,
        {
            "en": "Help with support programme applications",
            "zh-hans": "扶持政策申报协助",
            "he": "עזרה בהגשה לתוכניות תמיכה",
        },
        {
            "en": "The hub's staff prepare and file applications for district and city programmes with you.",
            "zh-hans": "园区工作人员协助准备并提交区、市两级扶持政策申报材料。",
            "he": "צוות המרכז מכין ומגיש איתכם בקשות לתוכניות של המחוז והעירייה.",
        },
        {"en": "Free for members.", "zh-hans": "会员免费。", "he": "חינם לחברים."},
    ),
    (
        "soft-landing",
        "other",
        None,
        8,
        10,
        {"en": "Soft-landing package", "zh-hans": "落地服务包", "he": "חבילת נחיתה רכה"},
        {
            "en": "Apartment search, phone numbers, bank cards and a first week's programme for new arrivals.",
            "zh-hans": "为新到员工找公寓、办手机号和银行卡，并安排第一周行程。",
            "he": "חיפוש דירה, מספרי טלפון, כרטיסי בנק ותוכנית לשבוע הראשון למגיעים חדשים.",
        },
        {"en": "Free for members.", "zh-hans": "会员免费。", "he": "חינם לחברים."},
    ),
]

JIANGSU_SERVICES = [
    (
        "ip-filing",
        "ip",
        "hero-bridge-ip",
        8,
        15,
        {"en": "Patent filing in China", "zh-hans": "在华专利申请", "he": "הגשת פטנטים בסין"},
    ),
    (
        "tax",
        "accounting_tax",
        "yangtze-tax",
        8,
        5,
        {"en": "Accounting and tax", "zh-hans": "财务与税务", "he": "חשבונאות ומיסים"},
    ),
    (
        "investors",
        "investors",
        None,
        16,
        None,
        {
            "en": "Investor introductions in Nanjing",
            "zh-hans": "南京投资机构对接",
            "he": "היכרות עם משקיעים בנאנג'ינג",
        },
    ),
]

# Requests with their story: service, member key ("member"/"mantis" users or generated),
# final state, subject, description, the provider's messages (Chinese), late first answer?
REQUEST_STORIES: list[dict[str, Any]] = [
    {
        "service": "work-permits",
        "member": "mantis",
        "state": S.DONE,
        "subject": "Work permit for our new R&D lead",
        "days_ago": 30,
        "text": "Our R&D lead moves from Tel Aviv to Shanghai next month with his wife. What do you need from us?",
        "reply": "您好，请提供护照首页、学历认证、无犯罪记录证明和体检报告。我们会在收到材料后两周内提交。",
        "rating": 5,
    },
    {
        "service": "company-setup",
        "member": "member",
        "state": S.IN_PROGRESS,
        "subject": "WFOE for manufacturing the hand exoskeleton",
        "days_ago": 14,
        "text": "We want a wholly foreign-owned company that can produce and sell medical devices.",
        "reply": "好的，医疗器械生产需另行办理许可证，我们先核名并准备章程。",
    },
    {
        "service": "ip-filing",
        "member": "member",
        "state": S.WAITING_MEMBER,
        "subject": "Chinese utility model for the glove sensor",
        "days_ago": 10,
        "text": "We hold an Israeli patent application for the sensor layout and want Chinese protection.",
        "reply": "请提供以色列申请的文本和附图，以及发明人信息。",
    },
    {
        "service": "translation",
        "member": "mantis",
        "state": S.ACCEPTED,
        "subject": "Interpreter for a meeting with a carmaker",
        "days_ago": 2,
        "text": "Hebrew–Chinese interpreter for a half-day meeting in Jiading next week.",
        "reply": "已安排希伯来语译员，请确认会议时间和地址。",
    },
    {
        "service": "legal",
        "member": "mantis",
        "state": S.SUBMITTED,
        "subject": "Distribution agreement review",
        "days_ago": 1,
        "text": "Please review the exclusivity and termination clauses of the attached draft.",
    },
    {
        "service": "market-entry",
        "member": "member",
        "state": S.CANCELLED,
        "subject": "Pricing for rehabilitation clinics",
        "days_ago": 21,
        "text": "We would like to discuss pricing for public hospitals.",
        "cancel": "We found the answer at the roadshow; thank you.",
    },
]
GENERATED_SUBJECTS: dict[str, list[str]] = {
    "company-setup": [
        "Registered address change",
        "Branch office in Shanghai",
        "Business scope extension",
    ],
    "ip-filing": [
        "Trademark in classes 9 and 42",
        "Software copyright registration",
        "PCT national phase entry",
    ],
    "ip-protection": ["Copycat product on an e-commerce site", "Customs recordal of our trademark"],
    "legal": ["Employment contract template", "Licence agreement with a university"],
    "accounting": ["Monthly bookkeeping from next quarter", "Annual audit report"],
    "work-permits": [
        "Work permit renewal",
        "Residence permit for a spouse",
        "Visa for a visiting engineer",
    ],
    "recruitment": ["Two embedded software engineers", "Office manager"],
    "market-entry": ["Certification path for our device", "Choosing a distributor"],
    "investor-introductions": [
        "Series A investors in medical devices",
        "Strategic investor in mobility",
    ],
    "translation": ["Translate our pitch deck into Chinese", "Interpreter for a delegation visit"],
    "programme-applications": ["Rent subsidy application", "Talent programme documents"],
    "soft-landing": ["Apartment for two engineers", "First week for our new CTO"],
}
GENERATED_TEXT = "Details as discussed with the hub's team; documents to follow."
STAFF_REPLY = "收到，我们会尽快处理并与您联系。"
STATE_MIX = [S.DONE] * 14 + [S.IN_PROGRESS] * 5 + [S.WAITING_MEMBER] * 3 + [S.ACCEPTED] * 3
STATE_MIX += [S.SUBMITTED] * 3 + [S.CANCELLED] * 2

HISTORY_PATHS = {
    S.SUBMITTED: [],
    S.ACCEPTED: [S.ACCEPTED],
    S.IN_PROGRESS: [S.ACCEPTED, S.IN_PROGRESS],
    S.WAITING_MEMBER: [S.ACCEPTED, S.IN_PROGRESS, S.WAITING_MEMBER],
    S.DONE: [S.ACCEPTED, S.IN_PROGRESS, S.DONE],
    S.CANCELLED: [S.CANCELLED],
}

MEMBERSHIP_NOTE = {
    "en": "Counted from the day the hub admitted the company.",
    "zh-hans": "自园区批准入驻之日起计算。",
    "he": "נספר מהיום שבו המרכז קיבל את החברה.",
}

PROGRAMMES: list[dict[str, Any]] = [
    {
        "key": "rent",
        "funder_kind": "government",
        "funder": "putuo-gov",
        "name": {
            "en": "Putuo rent subsidy for incubated technology companies",
            "zh-hans": "普陀区科技企业孵化房租补贴",
            "he": "סבסוד שכירות של מחוז פוטואו לחברות טכנולוגיה בחממה",
        },
        "summary": {
            "en": "Part of the rent of incubator space in the district's first three years of a young company.",
            "zh-hans": "对入驻孵化载体的初创科技企业，在入驻前三年给予部分房租补贴。",
            "he": "החזר של חלק משכר הדירה בחממה בשלוש השנים הראשונות של חברה צעירה במחוז.",
        },
        "benefit": {
            "en": "Up to half of the rent for up to three years, at most CNY 100,000 a year.",
            "zh-hans": "最长三年，每年补贴不超过房租的50%，最高10万元。",
            "he": "עד מחצית משכר הדירה למשך עד שלוש שנים, לכל היותר 100,000 יואן בשנה.",
        },
        "max_amount": Decimal("100000"),
        "rules": [
            {"fact": "membership_state", "op": "in", "value": ["admitted", "resident"]},
            {
                "fact": "membership_months",
                "op": "lte",
                "value": 36,
                "note": MEMBERSHIP_NOTE,
            },
            {"fact": "company_age_years", "op": "lte", "value": 5},
            {"fact": "kind", "op": "in", "value": ["startup", "enterprise"]},
            {"fact": "headcount", "op": "lte", "value": 100},
        ],
        "window": (-20, 40),
    },
    {
        "key": "patent",
        "funder_kind": "government",
        "funder": "putuo-ipr",
        "name": {
            "en": "Invention patent grant subsidy",
            "zh-hans": "发明专利授权资助",
            "he": "מענק על פטנט המצאה שאושר",
        },
        "summary": {
            "en": "A fixed sum for each invention patent granted in China to a company registered in the district.",
            "zh-hans": "对注册在本区的企业，每获得一件中国发明专利授权给予定额资助。",
            "he": "סכום קבוע על כל פטנט המצאה שאושר בסין לחברה הרשומה במחוז.",
        },
        "benefit": {
            "en": "CNY 5,000 per granted invention patent (illustrative figure).",
            "zh-hans": "每件发明专利授权资助5000元（示例金额）。",
            "he": "5,000 יואן לכל פטנט המצאה שאושר (סכום להמחשה).",
        },
        "max_amount": Decimal("50000"),
        "rules": [
            {"fact": "membership_state", "op": "in", "value": ["admitted", "resident"]},
            {"fact": "ip_invention_patents_granted", "op": "gte", "value": 1},
        ],
        "rolling": True,
    },
    {
        "key": "talent",
        "funder_kind": "government",
        "funder": "sh-stc",
        "name": {
            "en": "Overseas high-level talent programme",
            "zh-hans": "海外高层次人才计划",
            "he": 'תוכנית לכישרונות בכירים מחו"ל',
        },
        "summary": {
            "en": "Living allowance and housing support for founders and key engineers who come from abroad.",
            "zh-hans": "为海外来沪的创始人和核心技术人员提供生活补贴和住房支持。",
            "he": 'קצבת מחיה וסיוע בדיור למייסדים ולמהנדסים מרכזיים שמגיעים מחו"ל.',
        },
        "benefit": {
            "en": "A living allowance of up to CNY 200,000 and priority for talent apartments.",
            "zh-hans": "最高20万元生活补贴，并优先安排人才公寓。",
            "he": "קצבת מחיה של עד 200,000 יואן ועדיפות בדירות לכישרונות.",
        },
        "max_amount": Decimal("200000"),
        "rules": [
            {"fact": "country", "op": "in", "value": ["IL", "JOINT", "OTHER"]},
            {
                "fact": "sectors",
                "op": "any_of",
                "value": [
                    "ai-robotics",
                    "healthcare-bioscience",
                    "intelligent-manufacturing",
                    "cybersecurity",
                    "life-health",
                ],
            },
            {"fact": "company_age_years", "op": "lte", "value": 8},
            {"fact": "headcount", "op": "gte", "value": 3},
        ],
        "window": (30, 90),
    },
    {
        "key": "incubator",
        "funder_kind": "hub",
        "funder": "ciih-operator",
        "name": {
            "en": "Incubator residents' benefits",
            "zh-hans": "孵化器入驻企业专项服务",
            "he": "הטבות לחברות בחממה",
        },
        "summary": {
            "en": "Since the hub joined Shanghai's list of science and technology incubators, its residents get free roadshow slots, reduced meeting-room rates and a mentor.",
            "zh-hans": "创新园入选上海市科技企业孵化器名单后，入驻企业可免费使用路演时段、优惠使用会议室并配备导师。",
            "he": "מאז שהמרכז נכלל ברשימת החממות הטכנולוגיות של שנחאי, החברות בו מקבלות מועדי רודשואו בחינם, הנחה בחדרי ישיבות ומנטור.",
        },
        "benefit": {
            "en": "Two free roadshow slots a year, 30% off meeting rooms, a named mentor.",
            "zh-hans": "每年两次免费路演、会议室七折、指定导师。",
            "he": "שני מועדי רודשואו בחינם בשנה, 30% הנחה בחדרי ישיבות ומנטור אישי.",
        },
        "rules": [
            {"fact": "membership_state", "op": "eq", "value": "resident"},
            {"fact": "membership_months", "op": "gte", "value": 6},
            {
                "any": [
                    {"fact": "has_sponsor", "op": "eq", "value": True},
                    {"fact": "stage", "op": "in", "value": ["idea", "seed", "early"]},
                ],
                "note": {
                    "en": "Hosted by an incubator, or still an early-stage company.",
                    "zh-hans": "由孵化器推荐入驻，或仍处于早期阶段。",
                    "he": "בחסות חממה, או חברה שעדיין בשלב מוקדם.",
                },
            },
        ],
        "rolling": True,
    },
]

# person key in the directory (or a new person), hub, kind, expertise, languages, sectors
SEED_EXPERTS: list[dict[str, Any]] = [
    {
        "person": "adi-shamir",
        "kind": "scientist",
        "expertise": {
            "en": "Cryptography, security of embedded and cloud systems",
            "zh-hans": "密码学、嵌入式与云系统安全",
            "he": "קריפטוגרפיה, אבטחת מערכות משובצות וענן",
        },
        "languages": ["he", "en"],
        "sectors": ["cybersecurity"],
        "availability": {
            "en": "Online, a few times a year",
            "zh-hans": "每年数次，线上",
            "he": "מקוון, כמה פעמים בשנה",
        },
    },
    {
        "person": "dan-shechtman",
        "kind": "scientist",
        "expertise": {
            "en": "Materials science, metallurgy, turning lab results into products",
            "zh-hans": "材料科学、冶金、科研成果产品化",
            "he": "מדע החומרים, מטלורגיה, הפיכת תוצאות מחקר למוצרים",
        },
        "languages": ["he", "en"],
        "sectors": ["intelligent-manufacturing"],
        "availability": {"en": "Online", "zh-hans": "线上", "he": "מקוון"},
    },
    {
        "person": "arieh-warshel",
        "kind": "scientist",
        "expertise": {
            "en": "Computational biology, enzyme and drug modelling",
            "zh-hans": "计算生物学、酶与药物建模",
            "he": "ביולוגיה חישובית, מידול אנזימים ותרופות",
        },
        "languages": ["en", "he"],
        "sectors": ["healthcare-bioscience"],
        "availability": {
            "en": "Online, evenings Shanghai time",
            "zh-hans": "线上，上海时间晚间",
            "he": "מקוון, בערבים לפי שעון שנחאי",
        },
    },
    {
        "person": "orly-dahan",
        "hub": "jiangsu",
        "kind": "mentor",
        "expertise": {
            "en": "Smart mobility ecosystems, partnerships with carmakers",
            "zh-hans": "智慧出行生态、与车企合作",
            "he": "אקוסיסטם תחבורה חכמה, שותפויות עם יצרניות רכב",
        },
        "languages": ["he", "en"],
        "sectors": ["mobility"],
        "availability": {
            "en": "Monthly, online",
            "zh-hans": "每月一次，线上",
            "he": "פעם בחודש, מקוון",
        },
    },
]
GENERATED_EXPERTS: list[dict[str, Any]] = [
    {
        "name": {"en": "Dr. Michal Rosen", "zh-hans": "米哈尔·罗森博士", "he": 'ד"ר מיכל רוזן'},
        "title": {"en": "Regulatory consultant", "zh-hans": "法规事务顾问", "he": "יועצת רגולציה"},
        "kind": "consultant",
        "expertise": {
            "en": "Medical device registration with the NMPA, clinical evaluation",
            "zh-hans": "国家药监局医疗器械注册、临床评价",
            "he": "רישום מכשור רפואי ברשות התרופות הסינית, הערכה קלינית",
        },
        "languages": ["he", "en", "zh"],
        "sectors": ["healthcare-bioscience", "life-health"],
        "country": "IL",
    },
    {
        "name": {"en": "Zhang Min", "zh-hans": "张敏", "he": "ג'אנג מין"},
        "title": {
            "en": "Former sales director of a medical distributor",
            "zh-hans": "医疗器械经销商前销售总监",
            "he": "מנהלת מכירות לשעבר של מפיץ ציוד רפואי",
        },
        "kind": "mentor",
        "expertise": {
            "en": "Sales channels and distributors in China, hospital procurement",
            "zh-hans": "中国销售渠道与经销商、医院采购",
            "he": "ערוצי מכירה ומפיצים בסין, רכש בבתי חולים",
        },
        "languages": ["zh", "en"],
        "sectors": ["healthcare-bioscience", "life-health"],
        "country": "CN",
    },
    {
        "name": {"en": "Liu Yang", "zh-hans": "刘洋", "he": "ליו יאנג"},
        "title": {
            "en": "Venture partner",
            "zh-hans": "风险投资合伙人",
            "he": "שותף בקרן הון סיכון",
        },
        "kind": "mentor",
        "expertise": {
            "en": "Raising money from Chinese funds, term sheets, RMB and USD structures",
            "zh-hans": "向中国基金融资、投资条款、人民币与美元架构",
            "he": "גיוס כספים מקרנות סיניות, טרם שיטים, מבנים ביואן ובדולר",
        },
        "languages": ["zh", "en"],
        "sectors": ["ai-robotics", "internet-it", "fintech"],
        "country": "CN",
    },
    {
        "name": {"en": "Dr. Eitan Golan", "zh-hans": "埃坦·戈兰博士", "he": 'ד"ר איתן גולן'},
        "title": {"en": "Agritech consultant", "zh-hans": "农业科技顾问", "he": "יועץ אגרוטק"},
        "kind": "consultant",
        "expertise": {
            "en": "Drip irrigation, water reuse and greenhouse projects in China",
            "zh-hans": "滴灌、水资源回用和温室项目",
            "he": "השקיה בטפטוף, שימוש חוזר במים ופרויקטים של חממות בסין",
        },
        "languages": ["he", "en", "ru"],
        "sectors": ["agrifood-water"],
        "country": "IL",
    },
]


def _moment(ctx: DemoContext, days_ago: int) -> datetime:
    """A moment in desk hours about `days_ago` days back (and at least an hour ago)."""
    desk = services.desk_hours_for(ctx.hubs["ciih"])
    hour, minute = 8 + ctx.rng.randint(0, 9), ctx.rng.choice([0, 15, 30, 45])
    latest = timezone.now() - timedelta(hours=1)
    while True:
        local = datetime.combine(ctx.today - timedelta(days=days_ago), time(hour, minute), SH)
        moment = add_working_hours(local, 0, desk)
        if moment <= latest:
            return moment
        days_ago += 1


def _providers(ctx: DemoContext, staff: User) -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    for row in PROVIDERS:
        first_hub = ctx.hubs[row["hubs"][0]]
        accreditation = services.provider_create(
            hub=first_hub,
            by=ctx.users["network"],
            name=row["name"],
            description=row["description"],
            country="CN",
            email=f"desk@{row['key']}.demo.innohub.local",
            accredited_on=date(2020, 3, 2),
            is_generated=True,
        )
        for hub_key in row["hubs"][1:]:
            services.provider_accredit(
                hub=ctx.hubs[hub_key],
                organisation=accreditation.organisation,
                by=ctx.users["network"],
                accredited_on=date(2021, 1, 4),
            )
        found[row["key"]] = accreditation.organisation
    ctx.orgs.update({f"provider-{k}": v for k, v in found.items()})
    return found


def _provider_user(
    ctx: DemoContext, username: str, display: str, language: str, organisation: Organisation
) -> User:
    user = User.objects.create(
        username=username,
        password=ctx.password_hash,
        email=f"{username}@demo.innohub.local",
        display_name=display,
        language=language,
    )
    role_grant(user=user, kind=RoleKind.MEMBER, organisation=organisation)
    ctx.users[username] = user
    return user


def _catalogue(ctx: DemoContext, providers: dict[str, Organisation]) -> dict[str, Any]:
    staff = ctx.users["network"]
    catalogue = {}
    for position, (key, category, provider, hours, days, name, summary, fee) in enumerate(
        CIIH_SERVICES, start=1
    ):
        catalogue[key] = services.service_create(
            hub=ctx.hubs["ciih"],
            by=staff,
            is_generated=True,
            category=category,
            name=name,
            summary=summary,
            description=summary,
            provider=providers[provider] if provider else None,
            target_response_hours=hours,
            target_completion_days=days,
            fee=fee,
            position=position * 10,
        )
    for position, (_key, category, provider, hours, days, name) in enumerate(
        JIANGSU_SERVICES, start=1
    ):
        services.service_create(
            hub=ctx.hubs["jiangsu"],
            by=staff,
            is_generated=True,
            category=category,
            name=name,
            provider=providers[provider] if provider else None,
            target_response_hours=hours,
            target_completion_days=days,
            position=position * 10,
        )
    return catalogue


def _act(
    ctx: DemoContext,
    request: ServiceRequest,
    *,
    state: str,
    provider_user: User | None,
    member_user: User | None,
    reply: str,
    late: bool,
    cancel: str = "",
) -> None:
    """Play a request's history forward from its submission to `state`, in desk hours."""
    desk = services.desk_hours_for(request.hub)
    actor = provider_user or ctx.users["staff"]
    target = request.service.target_response_hours
    delay = target + ctx.rng.randint(1, 12) if late else ctx.rng.randint(1, max(target - 1, 1))
    now = add_working_hours(request.submitted_at, delay, desk)
    wall = timezone.now() - timedelta(minutes=5)
    path = HISTORY_PATHS[state]
    if state == S.CANCELLED:
        by = member_user or ctx.users["staff"]
        note = cancel or "Handled directly by the member."
        if now < wall:
            services.request_transition(
                request=request, to_state=S.CANCELLED, by=by, note=note, now=now
            )
        return
    for step, to_state in enumerate(path):
        if now >= wall:
            return
        services.request_transition(request=request, to_state=to_state, by=actor, now=now)
        if step == 0 and reply:
            services.request_message_post(
                request=request, by=actor, body=reply, now=now + timedelta(minutes=3)
            )
        now = add_working_hours(now, ctx.rng.randint(4, 30), desk)


def _requests(ctx: DemoContext, catalogue: dict[str, Any]) -> None:
    ciih = ctx.hubs["ciih"]
    provider_users = {
        ctx.orgs["provider-sino-israel-visa"].pk: ctx.users["visadesk"],
        ctx.orgs["provider-jade-river-law"].pk: ctx.users["lawdesk"],
    }
    member_users = {"member": ctx.users["member"], "mantis": ctx.users["mantis"]}
    for index, story in enumerate(REQUEST_STORIES):
        service = catalogue[story["service"]]
        member_user = member_users[story["member"]]
        organisation = ctx.orgs["ai-care" if story["member"] == "member" else "mantis"]
        submitted = _moment(ctx, story["days_ago"])
        request = services.request_submit(
            service=service,
            organisation=organisation,
            by=member_user,
            subject=story["subject"],
            description=story["text"],
            now=submitted,
            is_generated=True,
        )
        provider_user = provider_users.get(service.provider_id) if service.provider_id else None
        _act(
            ctx,
            request,
            state=story["state"],
            provider_user=provider_user,
            member_user=member_user,
            reply=story.get("reply", ""),
            late=index == 3,
            cancel=story.get("cancel", ""),
        )
        if story.get("rating"):
            services.request_rate(
                request=request, by=member_user, rating=story["rating"], comment="Clear and fast."
            )
    members = list(
        Organisation.objects.filter(
            is_generated=True, memberships__hub=ciih, memberships__state__in=MEMBER_STATES
        ).order_by("pk")[:40]
    )
    keys = list(GENERATED_SUBJECTS)
    for index, state in enumerate(STATE_MIX):
        key = keys[index % len(keys)]
        service = catalogue[key]
        organisation = members[(index * 7) % len(members)]
        days_ago = (
            8 + ctx.rng.randint(0, 170)
            if state in (S.DONE, S.CANCELLED)
            else ctx.rng.randint(1, 20)
        )
        request = services.request_submit(
            service=service,
            organisation=organisation,
            by=ctx.users["staff"],
            subject=ctx.rng.choice(GENERATED_SUBJECTS[key]),
            description=GENERATED_TEXT,
            now=_moment(ctx, days_ago),
            is_generated=True,
        )
        provider_user = provider_users.get(service.provider_id) if service.provider_id else None
        _act(
            ctx,
            request,
            state=state,
            provider_user=provider_user,
            member_user=None,
            reply=STAFF_REPLY if index % 3 == 0 else "",
            late=ctx.rng.random() < 0.2,
        )
        request.refresh_from_db()
        if request.state == S.DONE:
            # Generated members have no sign-in; their ratings are recorded as given by phone.
            ServiceRequest.objects.filter(pk=request.pk).update(
                rating=ctx.rng.choices([5, 4, 3, 2], weights=[50, 35, 10, 5])[0],
                rated_at=request.closed_at,
            )


def _programmes(ctx: DemoContext) -> None:
    ciih, staff = ctx.hubs["ciih"], ctx.users["network"]
    created = {}
    for row in PROGRAMMES:
        windows = []
        if "window" in row:
            start, end = row["window"]
            windows.append((ctx.today + timedelta(days=start), ctx.today + timedelta(days=end)))
            windows.append(
                (ctx.today + timedelta(days=start - 365), ctx.today + timedelta(days=end - 365))
            )
        created[row["key"]] = services.programme_create(
            hub=ciih,
            by=staff,
            windows=windows,
            is_generated=True,
            funder_kind=row["funder_kind"],
            funder=ctx.orgs[row["funder"]],
            name=row["name"],
            summary=row["summary"],
            description=row["summary"],
            benefit=row["benefit"],
            max_amount=row.get("max_amount"),
            rules=row["rules"],
            is_rolling=row.get("rolling", False),
        )
    rent = created["rent"]
    last_year = ctx.today - timedelta(days=330)
    recent = list(
        Organisation.objects.filter(
            memberships__hub=ciih, memberships__member_from__gte=ctx.today - timedelta(days=900)
        ).order_by("pk")[:6]
    )
    plans = [
        ("granted", Decimal("60000.00")),
        ("granted", Decimal("45000.00")),
        ("rejected", None),
        ("submitted", None),
        ("preparing", None),
    ]
    for organisation, (state, amount) in zip(recent, plans, strict=False):
        application = services.application_create(
            programme=rent,
            organisation=organisation,
            by=staff,
            amount_requested=Decimal("80000.00"),
            on=last_year,
            is_generated=True,
        )
        ProgrammeApplication.objects.filter(pk=application.pk).update(
            created_at=datetime.combine(last_year, time(10), SH)
        )
        if state in ("submitted", "granted", "rejected"):
            services.application_transition(
                application=application,
                to_state="submitted",
                by=staff,
                on=last_year + timedelta(days=10),
            )
        if state in ("granted", "rejected"):
            services.application_transition(
                application=application,
                to_state=state,
                by=staff,
                on=last_year + timedelta(days=75),
                amount_granted=amount,
            )
    services.application_create(
        programme=created["incubator"],
        organisation=ctx.orgs["ai-care"],
        by=ctx.users["member"],
        note="We would like the roadshow slots for our exoskeleton launch.",
        is_generated=True,
    )


def _experts(ctx: DemoContext) -> None:
    staff = ctx.users["network"]
    sectors = {s.slug: s for s in Sector.objects.all()}
    experts = []
    for row in SEED_EXPERTS:
        experts.append(
            services.expert_create(
                hub=ctx.hubs[row.get("hub", "ciih")],
                person=ctx.people[row["person"]],
                by=staff,
                kind=row["kind"],
                expertise=row["expertise"],
                languages=row["languages"],
                sectors=[sectors[s] for s in row["sectors"]],
                availability=row["availability"],
                can_judge=True,
            )
        )
    for row in GENERATED_EXPERTS:
        person = Person.objects.create(
            name=row["name"], title=row["title"], country=row["country"], is_public=True
        )
        experts.append(
            services.expert_create(
                hub=ctx.hubs["ciih"],
                person=person,
                by=staff,
                is_generated=True,
                kind=row["kind"],
                expertise=row["expertise"],
                languages=row["languages"],
                sectors=[sectors[s] for s in row["sectors"]],
                availability={
                    "en": "Tuesday and Thursday afternoons",
                    "zh-hans": "每周二、周四下午",
                    "he": "שלישי וחמישי אחר הצהריים",
                },
                can_judge=row["kind"] != "consultant",
            )
        )
    ctx.extra["experts"] = experts
    ciih_experts = [e for e in experts if e.hub_id == ctx.hubs["ciih"].pk]
    members = [ctx.orgs["ai-care"], ctx.orgs["mantis"], ctx.orgs["aozhen"], ctx.orgs["tianyu"]]
    now = timezone.now()
    for index, expert in enumerate(ciih_experts):
        in_person = expert.is_generated
        for week in range(-6, 3):
            day = ctx.today + timedelta(weeks=week, days=(index % 4) + 1 - ctx.today.weekday())
            start = datetime.combine(day, time(14 + index % 3, 0), tzinfo=SH)
            room = _free_meeting_room(ctx, start, start + timedelta(hours=1)) if in_person else None
            fields = {
                "starts_at": start,
                "ends_at": start + timedelta(hours=1),
                "mode": "in_person" if in_person else "online",
                # Without the spaces demo (or with every meeting room taken) a place in words.
                "location": "" if room is not None or not in_person else "Building 1, 2nd floor",
                "meeting_url": ""
                if in_person
                else f"https://meet.demo.innohub.local/expert-{expert.pk}",
            }
            if start <= now + timedelta(hours=1):
                # History: office hours already held are recorded as they were, in their room.
                slot = OfficeHour.objects.create(expert=expert, created_by=staff, **fields)
                if room is not None:
                    slot.room = room
                    slot.room_booking = spaces_services.booking_create(
                        room=room,
                        starts_at=slot.starts_at,
                        ends_at=slot.ends_at,
                        title=f"Office hour: {expert.person.name}",
                        attendance=min(services.OFFICE_HOUR_ATTENDANCE, room.capacity),
                        by=None,
                        kind=BookingKind.OFFICE_HOURS,
                        enforce_rules=False,
                    )
                    slot.save(update_fields=["room", "room_booking"])
                if ctx.rng.random() < 0.6:
                    OfficeHourBooking.objects.create(
                        office_hour=slot,
                        organisation=members[(index + week) % len(members)],
                        topic="Feedback on our China plan",
                        is_generated=True,
                    )
                continue
            slot = services.office_hour_create(expert=expert, by=staff, room=room, **fields)
            if week == 1 and index % 2 == 0:
                services.office_hour_book(
                    office_hour=slot,
                    organisation=ctx.orgs["mantis"],
                    by=ctx.users["mantis"],
                    topic="Hiring our first Chinese engineers",
                    is_generated=True,
                )


MEETING_ROOMS = ("meeting_haifa", "meeting_telaviv", "meeting_jerusalem", "meeting_shanghai")


def _free_meeting_room(ctx: DemoContext, start: datetime, end: datetime) -> Room | None:
    """The first meeting room of the spaces demo that nobody has booked for these times."""
    rooms = ctx.extra.get("spaces") or {}
    for key in MEETING_ROOMS:
        room = rooms.get(key)
        if (
            room is not None
            and not bookings_overlapping(room=room, starts_at=start, ends_at=end).exists()
        ):
            return room
    return None


def load(ctx: DemoContext) -> None:
    with notices_muted():
        providers = _providers(ctx, ctx.users["network"])
        _provider_user(
            ctx,
            "visadesk",
            "Sino-Israel Talent & Visa desk",
            "zh-hans",
            providers["sino-israel-visa"],
        )
        _provider_user(ctx, "lawdesk", "Jade River Law Offices", "en", providers["jade-river-law"])
        catalogue = _catalogue(ctx, providers)
        _requests(ctx, catalogue)
        _programmes(ctx)
        _experts(ctx)
