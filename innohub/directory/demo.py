"""Demo: the organisations, people and products the seed articles name, and generated members.

Named records follow the articles; generated filler members (is_generated=True) bring the
hub to the counts the articles give: 32 members on 2020-12-03 and more than 90 by 2022-11-25.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from innohub.common.demo import DemoContext
from innohub.common.identifiers import USCC_ALPHABET, uscc_check_character
from innohub.directory import services
from innohub.directory.demo_images import demo_png
from innohub.directory.demo_names import (
    CN_BUSINESS,
    CN_CITIES,
    CN_WORDS,
    IL_PREFIXES,
    IL_SUFFIXES,
    SECTOR_BLURBS,
    SECTOR_PREFIXES,
)
from innohub.directory.models import MembershipState, Organisation, Person, Product, Sector

S = MembershipState

# key, names, kind, country, sectors, description
NAMED_ORGANISATIONS: list[dict[str, Any]] = [
    {
        "key": "ciih-operator",
        "kind": "enterprise",
        "country": "CN",
        "sectors": [],
        "name": {
            "en": "China–Israel Innovation Park (Shanghai) Co., Ltd.",
            "zh-hans": "中以（上海）创新园有限公司",
            "he": 'פארק החדשנות סין–ישראל (שנחאי) בע"מ',
        },
        "description": {
            "en": "Operates the China–Israel Innovation Hub in the former Hero Pen Factory.",
            "zh-hans": "负责运营位于原英雄金笔厂的中以（上海）创新园。",
            "he": "מפעילה את מרכז החדשנות סין–ישראל במפעל העטים 'הירו' לשעבר.",
        },
    },
    {
        "key": "putuo-gov",
        "kind": "government",
        "country": "CN",
        "sectors": [],
        "name": {
            "en": "Putuo District People's Government",
            "zh-hans": "普陀区人民政府",
            "he": "ממשלת מחוז פוטואו",
        },
    },
    {
        "key": "putuo-ipr",
        "kind": "government",
        "country": "CN",
        "sectors": [],
        "name": {
            "en": "Putuo District Intellectual Property Bureau",
            "zh-hans": "普陀区知识产权局",
            "he": "לשכת הקניין הרוחני של מחוז פוטואו",
        },
        "description": {
            "en": "The district IP bureau, with a service desk at the hub.",
            "zh-hans": "区知识产权局，在创新园设有服务窗口。",
            "he": "לשכת הקניין הרוחני המחוזית, עם דלפק שירות במרכז.",
        },
    },
    {
        "key": "most",
        "kind": "government",
        "country": "CN",
        "sectors": [],
        "name": {
            "en": "Ministry of Science and Technology of China",
            "zh-hans": "中华人民共和国科学技术部",
            "he": "משרד המדע והטכנולוגיה של סין",
        },
    },
    {
        "key": "iia",
        "kind": "government",
        "country": "IL",
        "sectors": [],
        "name": {
            "en": "Israel Innovation Authority",
            "zh-hans": "以色列创新署",
            "he": "רשות החדשנות",
        },
    },
    {
        "key": "il-consulate",
        "kind": "government",
        "country": "IL",
        "sectors": [],
        "name": {
            "en": "Consulate General of Israel in Shanghai",
            "zh-hans": "以色列驻上海总领事馆",
            "he": "הקונסוליה הכללית של ישראל בשנחאי",
        },
    },
    {
        "key": "sh-gov",
        "kind": "government",
        "country": "CN",
        "sectors": [],
        "name": {
            "en": "Shanghai Municipal People's Government",
            "zh-hans": "上海市人民政府",
            "he": "ממשלת העיר שנחאי",
        },
    },
    {
        "key": "sh-stc",
        "kind": "government",
        "country": "CN",
        "sectors": [],
        "name": {
            "en": "Shanghai Science and Technology Commission",
            "zh-hans": "上海市科学技术委员会",
            "he": "ועדת המדע והטכנולוגיה של שנחאי",
        },
    },
    {
        "key": "il-economy",
        "kind": "government",
        "country": "IL",
        "sectors": [],
        "name": {
            "en": "Ministry of Economy and Industry of Israel",
            "zh-hans": "以色列经济和产业部",
            "he": "משרד הכלכלה והתעשייה",
        },
    },
    {
        "key": "il-most",
        "kind": "government",
        "country": "IL",
        "sectors": [],
        "name": {
            "en": "Ministry of Science, Technology and Space of Israel",
            "zh-hans": "以色列科技与航天部",
            "he": "משרד המדע, הטכנולוגיה והחלל",
        },
    },
    {
        "key": "haifa",
        "kind": "government",
        "country": "IL",
        "sectors": [],
        "name": {"en": "Haifa Municipality", "zh-hans": "海法市政府", "he": "עיריית חיפה"},
    },
    {
        "key": "cn-embassy-il",
        "kind": "government",
        "country": "CN",
        "sectors": [],
        "name": {
            "en": "Embassy of China in Israel",
            "zh-hans": "中华人民共和国驻以色列大使馆",
            "he": "שגרירות סין בישראל",
        },
    },
    {
        "key": "jndz",
        "kind": "government",
        "country": "CN",
        "sectors": [],
        "name": {
            "en": "Jiangning Development Zone",
            "zh-hans": "江宁经济技术开发区",
            "he": "אזור הפיתוח ג'יאנגנינג",
        },
        "description": {
            "en": "The development zone in Nanjing that hosts Nanjing TechWeek's Israel Day.",
            "zh-hans": "南京的开发区，南京创新周“以色列日”的举办地。",
            "he": "אזור הפיתוח בנאנג'ינג שמארח את 'יום ישראל' של שבוע הטכנולוגיה.",
        },
    },
    {
        "key": "360",
        "kind": "enterprise",
        "country": "CN",
        "sectors": ["cybersecurity"],
        "name": {"en": "360 Group", "zh-hans": "360集团", "he": "קבוצת 360"},
        "description": {
            "en": "Cybersecurity company; builds an IT public service platform with the Putuo District government.",
            "zh-hans": "网络安全企业，与普陀区政府共建信息技术公共服务平台。",
            "he": "חברת סייבר; בונה עם ממשלת מחוז פוטואו פלטפורמת שירות ציבורית לטכנולוגיות מידע.",
        },
    },
    {
        "key": "idseoc",
        "kind": "association",
        "country": "CN",
        "sectors": ["cybersecurity"],
        "name": {
            "en": "International Digital Security and Ecological Operation Center",
            "zh-hans": "国际数字安全生态运营中心",
            "he": "המרכז הבינלאומי לאבטחה דיגיטלית ולתפעול אקולוגי",
        },
    },
    {
        "key": "csa-gcr",
        "kind": "association",
        "country": "CN",
        "sectors": ["cybersecurity"],
        "name": {
            "en": "CSA GCR (Cloud Security Alliance Greater China Region)",
            "zh-hans": "云安全联盟大中华区",
            "he": "CSA GCR – ברית אבטחת הענן, סין רבתי",
        },
    },
    {
        "key": "angeek",
        "kind": "enterprise",
        "country": "CN",
        "sectors": ["cybersecurity"],
        "name": {
            "en": "Angeek Cyber Security",
            "zh-hans": "安几网络安全",
            "he": "אנג'יק אבטחת סייבר",
        },
    },
    {
        "key": "360-vision",
        "kind": "enterprise",
        "country": "CN",
        "sectors": ["cybersecurity", "ai-robotics"],
        "name": {"en": "360 Vision (360 Visual Tech)", "zh-hans": "360视觉科技", "he": "360 ויז'ן"},
    },
    {
        "key": "redstone",
        "kind": "enterprise",
        "country": "CN",
        "sectors": ["internet-it"],
        "name": {"en": "Redstone Data", "zh-hans": "红石数据", "he": "רדסטון דאטה"},
    },
    {
        "key": "shanghai-tower",
        "kind": "enterprise",
        "country": "CN",
        "sectors": [],
        "name": {"en": "Shanghai Tower", "zh-hans": "上海中心大厦", "he": "מגדל שנחאי"},
    },
    {
        "key": "ai-care",
        "kind": "startup",
        "country": "JOINT",
        "sectors": ["healthcare-bioscience", "ai-robotics"],
        "name": {
            "en": "Ai-Care Medical Technology",
            "zh-hans": "艾可尔医疗科技",
            "he": "איי-קר טכנולוגיות רפואיות",
        },
        "description": {
            "en": "Rehabilitation devices that read movement intention from the skin's bio-electric signals.",
            "zh-hans": "研发康复设备，通过皮肤表面生物电信号识别使用者的运动意图。",
            "he": "מכשירי שיקום שמזהים כוונת תנועה מאותות ביו-חשמליים בעור.",
        },
    },
    {
        "key": "tianyu",
        "kind": "enterprise",
        "country": "CN",
        "sectors": ["life-health"],
        "name": {
            "en": "Tianyu Elderly Care Service",
            "zh-hans": "天宇养老服务",
            "he": "טיאניו שירותי טיפול בקשישים",
        },
        "description": {
            "en": "Services and hearing products for older people.",
            "zh-hans": "面向老年人的服务和助听产品。",
            "he": "שירותים ומוצרי שמיעה לגיל השלישי.",
        },
    },
    {
        "key": "aozhen",
        "kind": "startup",
        "country": "JOINT",
        "sectors": ["healthcare-bioscience"],
        "name": {"en": "Aozhen Bio", "zh-hans": "奥真生物", "he": "אוז'ן ביו"},
        "description": {
            "en": "Saliva-based blood glucose testing.",
            "zh-hans": "基于唾液的血糖检测。",
            "he": "בדיקת סוכר בדם מרוק.",
        },
    },
    {
        "key": "ehealth",
        "kind": "incubator",
        "country": "IL",
        "sectors": ["healthcare-bioscience"],
        "name": {"en": "Ehealth", "zh-hans": "Ehealth孵化器", "he": "אי-הלת'"},
        "description": {
            "en": "Israeli incubator for medical technology startups, operating in the hub.",
            "zh-hans": "以色列医疗科技孵化器，入驻创新园。",
            "he": "חממה ישראלית לסטארט-אפים בטכנולוגיה רפואית, פועלת במרכז.",
        },
    },
    {
        "key": "trendlines",
        "kind": "incubator",
        "country": "IL",
        "sectors": ["healthcare-bioscience", "agrifood-water"],
        "name": {"en": "Trendlines", "zh-hans": "Trendlines集团", "he": "טרנדליינס"},
        "description": {
            "en": "Israeli incubator for medical and agrifood technology, operating in the hub.",
            "zh-hans": "以色列医疗与农业食品科技孵化器，入驻创新园。",
            "he": "חממה ישראלית לטכנולוגיה רפואית ולאגרו-פוד, פועלת במרכז.",
        },
    },
    {
        "key": "mantis",
        "kind": "enterprise",
        "country": "IL",
        "sectors": ["ai-robotics", "internet-it"],
        "name": {"en": "Mantis Vision", "zh-hans": "Mantis Vision", "he": "מנטיס ויז'ן"},
        "description": {
            "en": "3D imaging company holding the core patent of coded structured-light 3D technology; "
            "keeps a 2,000 m² headquarters and exhibition area in the hub.",
            "zh-hans": "三维成像企业，掌握编码结构光三维技术核心专利；在创新园设有2000平方米总部及展示区。",
            "he": "חברת הדמיה תלת-ממדית בעלת פטנט הליבה של אור מובנה מקודד; מחזיקה במרכז מטה ואזור "
            'תצוגה של 2,000 מ"ר.',
        },
    },
    {
        "key": "promotion-center",
        "kind": "association",
        "country": "JOINT",
        "sectors": [],
        "name": {
            "en": "Shanghai China-Israel Innovation Promotion Center",
            "zh-hans": "上海中以创新促进中心",
            "he": "המרכז לקידום חדשנות סין–ישראל בשנחאי",
        },
        "description": {
            "en": "Links the city's innovation centre with the hub.",
            "zh-hans": "连接市级创新中心与创新园的桥梁。",
            "he": "מקשר בין מרכז החדשנות העירוני לבין המרכז.",
        },
    },
    {
        "key": "sipg",
        "kind": "enterprise",
        "country": "CN",
        "sectors": ["mobility"],
        "name": {
            "en": "Shanghai International Port Group",
            "zh-hans": "上海国际港务（集团）股份有限公司",
            "he": "קבוצת הנמל הבינלאומי של שנחאי",
        },
    },
    {
        "key": "aowei",
        "kind": "enterprise",
        "country": "CN",
        "sectors": ["energy-environment", "mobility"],
        "name": {
            "en": "Shanghai Aowei Technology",
            "zh-hans": "上海奥威科技",
            "he": "אאוויי טכנולוגיות שנחאי",
        },
        "description": {
            "en": "Super-capacitor buses, with a demonstration route in Tel Aviv-Yafo.",
            "zh-hans": "超级电容公交车，在特拉维夫-雅法设有示范线路。",
            "he": "אוטובוסים מבוססי קבלי-על, עם קו הדגמה בתל אביב-יפו.",
        },
    },
    {
        "key": "mobileye",
        "kind": "enterprise",
        "country": "IL",
        "sectors": ["mobility", "ai-robotics"],
        "name": {"en": "Mobileye", "zh-hans": "Mobileye", "he": "מובילאיי"},
        "description": {
            "en": "Driver-assistance and autonomous driving technology.",
            "zh-hans": "驾驶辅助与自动驾驶技术。",
            "he": "טכנולוגיות סיוע לנהג ונהיגה אוטונומית.",
        },
    },
    {
        "key": "techcode-il",
        "kind": "accelerator",
        "country": "IL",
        "sectors": [],
        "name": {
            "en": "Techcode Israel Global Innovation Center",
            "zh-hans": "Techcode以色列全球创新中心",
            "he": "טקקוד – מרכז החדשנות הגלובלי בישראל",
        },
    },
    {
        "key": "weizmann",
        "kind": "university",
        "country": "IL",
        "sectors": ["ai-robotics", "healthcare-bioscience"],
        "name": {
            "en": "Weizmann Institute of Science",
            "zh-hans": "魏茨曼科学研究所",
            "he": "מכון ויצמן למדע",
        },
    },
    {
        "key": "technion",
        "kind": "university",
        "country": "IL",
        "sectors": ["ai-robotics"],
        "name": {
            "en": "Technion – Israel Institute of Technology",
            "zh-hans": "以色列理工学院",
            "he": "הטכניון – מכון טכנולוגי לישראל",
        },
    },
    {
        "key": "tau",
        "kind": "university",
        "country": "IL",
        "sectors": [],
        "name": {
            "en": "Tel Aviv University",
            "zh-hans": "特拉维夫大学",
            "he": "אוניברסיטת תל אביב",
        },
    },
    {
        "key": "tsingzhan",
        "kind": "university",
        "country": "CN",
        "sectors": ["ai-robotics"],
        "name": {
            "en": "Nanjing Tsingzhan Artificial Intelligence Institute",
            "zh-hans": "南京清湛人工智能研究院",
            "he": "מכון צינגג'אן לבינה מלאכותית, נאנג'ינג",
        },
    },
    {
        "key": "thuai",
        "kind": "university",
        "country": "CN",
        "sectors": ["ai-robotics"],
        "name": {
            "en": "Institute for Artificial Intelligence, Tsinghua University (THUAI)",
            "zh-hans": "清华大学人工智能研究院",
            "he": "המכון לבינה מלאכותית של אוניברסיטת צינגהואה",
        },
    },
    {
        "key": "ecomotion",
        "kind": "association",
        "country": "IL",
        "sectors": ["mobility"],
        "name": {"en": "EcoMotion", "zh-hans": "EcoMotion", "he": "אקומושן"},
        "description": {
            "en": "Israeli smart-mobility community of more than 600 startups.",
            "zh-hans": "以色列智慧出行社区，成员包括600多家初创企业。",
            "he": "קהילת התחבורה החכמה הישראלית, עם יותר מ-600 סטארט-אפים.",
        },
    },
    {
        "key": "peakview",
        "kind": "investor",
        "country": "CN",
        "sectors": ["mobility", "ai-robotics"],
        "name": {
            "en": "Shengjing Peakview Capital",
            "zh-hans": "盛景嘉成资本",
            "he": "שנג'ינג פיקוויו קפיטל",
        },
        "description": {
            "en": "Chinese private equity investor.",
            "zh-hans": "中国私募股权投资机构。",
            "he": "משקיע פרייבט אקוויטי סיני.",
        },
    },
]

# Named hub members: key, hub, admitted on, still resident today.
NAMED_MEMBERS: list[tuple[str, str, date]] = [
    ("ehealth", "ciih", date(2019, 12, 3)),
    ("trendlines", "ciih", date(2019, 12, 3)),
    ("promotion-center", "ciih", date(2019, 12, 3)),
    ("ai-care", "ciih", date(2020, 3, 16)),
    ("tianyu", "ciih", date(2020, 5, 11)),
    ("aozhen", "ciih", date(2020, 6, 8)),
    ("redstone", "ciih", date(2020, 8, 17)),
    ("csa-gcr", "ciih", date(2020, 9, 7)),
    ("shanghai-tower", "ciih", date(2020, 10, 12)),
    ("idseoc", "ciih", date(2020, 10, 26)),
    ("angeek", "ciih", date(2020, 12, 3)),
    ("360-vision", "ciih", date(2020, 12, 3)),
    ("mantis", "ciih", date(2022, 3, 14)),
    ("ecomotion", "jiangsu", date(2020, 11, 5)),
]

# key, organisation, name, title, public
NAMED_PEOPLE: list[tuple[str, str | None, dict[str, str], dict[str, str]]] = [
    (
        "qiang-hao",
        "ciih-operator",
        {"en": "Qiang Hao", "zh-hans": "强浩", "he": "צ'יאנג האו"},
        {"en": "General manager", "zh-hans": "总经理", "he": "מנהל כללי"},
    ),
    (
        "chen-ling",
        "mantis",
        {"en": "Chen Ling", "zh-hans": "陈玲", "he": "צ'ן לינג"},
        {"en": "CEO", "zh-hans": "首席执行官", "he": 'מנכ"לית'},
    ),
    (
        "huang-wei",
        "most",
        {"en": "Huang Wei", "zh-hans": "黄卫", "he": "הואנג ויי"},
        {
            "en": "Vice Minister of Science and Technology",
            "zh-hans": "科学技术部副部长",
            "he": "סגן שר המדע והטכנולוגיה",
        },
    ),
    (
        "ami-appelbaum",
        "iia",
        {"en": "Ami Appelbaum", "zh-hans": "阿米·阿佩尔鲍姆", "he": "עמי אפלבאום"},
        {"en": "Chairman", "zh-hans": "主席", "he": "יושב ראש"},
    ),
    (
        "edward-shapira",
        "il-consulate",
        {"en": "Edward Shapira", "zh-hans": "爱德华·沙皮拉", "he": "אדוארד שפירא"},
        {"en": "Consul General", "zh-hans": "总领事", "he": "קונסול כללי"},
    ),
    (
        "eyal-propper",
        "il-consulate",
        {"en": "Eyal Propper", "zh-hans": "艾亚尔·普罗佩尔", "he": "אייל פרופר"},
        {"en": "Consul General", "zh-hans": "总领事", "he": "קונסול כללי"},
    ),
    (
        "yossi-ben-shitrit",
        "il-consulate",
        {"en": "Yossi Ben Shitrit", "zh-hans": "约西·本·希特里特", "he": "יוסי בן שטרית"},
        {
            "en": "Strategic advisor to the Consul General",
            "zh-hans": "总领事战略顾问",
            "he": "יועץ אסטרטגי לקונסול הכללי",
        },
    ),
    (
        "ying-yong",
        "sh-gov",
        {"en": "Ying Yong", "zh-hans": "应勇", "he": "יינג יונג"},
        {"en": "Mayor of Shanghai", "zh-hans": "上海市市长", "he": "ראש עיריית שנחאי"},
    ),
    (
        "eli-cohen",
        "il-economy",
        {"en": "Eli Cohen", "zh-hans": "埃利·科恩", "he": "אלי כהן"},
        {
            "en": "Minister of Economy and Industry",
            "zh-hans": "经济和产业部部长",
            "he": "שר הכלכלה והתעשייה",
        },
    ),
    (
        "amir-peretz",
        "il-economy",
        {"en": "Amir Peretz", "zh-hans": "阿米尔·佩雷茨", "he": "עמיר פרץ"},
        {"en": "Minister of Economy", "zh-hans": "经济部部长", "he": "שר הכלכלה"},
    ),
    (
        "ofir-akunis",
        "il-most",
        {"en": "Ofir Akunis", "zh-hans": "奥菲尔·阿库尼斯", "he": "אופיר אקוניס"},
        {
            "en": "Minister of Science, Technology and Space",
            "zh-hans": "科技与航天部部长",
            "he": "שר המדע, הטכנולוגיה והחלל",
        },
    ),
    (
        "yona-yahav",
        "haifa",
        {"en": "Yona Yahav", "zh-hans": "约纳·亚哈夫", "he": "יונה יהב"},
        {"en": "Mayor of Haifa", "zh-hans": "海法市市长", "he": "ראש עיריית חיפה"},
    ),
    (
        "cai-weiming",
        "cn-embassy-il",
        {"en": "Cai Weiming", "zh-hans": "蔡伟明", "he": "צאי ויימינג"},
        {"en": "Chargé d'affaires", "zh-hans": "临时代办", "he": "ממלא מקום השגריר"},
    ),
    (
        "alon-chen",
        "weizmann",
        {"en": "Prof. Alon Chen", "zh-hans": "阿隆·陈教授", "he": "פרופ' אלון חן"},
        {"en": "President", "zh-hans": "所长", "he": "נשיא"},
    ),
    (
        "ariel-porat",
        "tau",
        {"en": "Prof. Ariel Porat", "zh-hans": "阿里尔·波拉特教授", "he": "פרופ' אריאל פורת"},
        {"en": "President", "zh-hans": "校长", "he": "נשיא"},
    ),
    (
        "arieh-warshel",
        None,
        {"en": "Prof. Arieh Warshel", "zh-hans": "阿里耶·瓦谢尔教授", "he": "פרופ' אריה ורשל"},
        {
            "en": "Nobel Prize laureate in chemistry",
            "zh-hans": "诺贝尔化学奖得主",
            "he": "חתן פרס נובל לכימיה",
        },
    ),
    (
        "dan-shechtman",
        None,
        {"en": "Prof. Dan Shechtman", "zh-hans": "丹·谢赫特曼教授", "he": "פרופ' דן שכטמן"},
        {
            "en": "Nobel Prize laureate in chemistry",
            "zh-hans": "诺贝尔化学奖得主",
            "he": "חתן פרס נובל לכימיה",
        },
    ),
    (
        "adi-shamir",
        None,
        {"en": "Prof. Adi Shamir", "zh-hans": "阿迪·萨莫尔教授", "he": "פרופ' עדי שמיר"},
        {"en": "Turing Award laureate", "zh-hans": "图灵奖得主", "he": "זוכה פרס טיורינג"},
    ),
    (
        "orly-dahan",
        "ecomotion",
        {"en": "Orly Dahan", "zh-hans": "奥莉·达汉", "he": "אורלי דהן"},
        {"en": "CEO", "zh-hans": "首席执行官", "he": 'מנכ"לית'},
    ),
]

NAMED_PRODUCTS: list[tuple[str, str, str, dict[str, str], dict[str, str]]] = [
    (
        "hand-exoskeleton",
        "ai-care",
        "healthcare-bioscience",
        {"en": "Soft hand exoskeleton", "zh-hans": "柔性手部外骨骼", "he": "שלד חיצוני רך לכף היד"},
        {
            "en": "Helps people with a paralysed hand in rehabilitation and everyday grasping; a sensor on "
            "the skin reads bio-electric signals to tell what movement the wearer intends.",
            "zh-hans": "帮助手部瘫痪患者进行康复训练和日常抓握；皮肤表面的传感器读取生物电信号，判断佩戴者想做的动作。",
            "he": "מסייע לאנשים עם שיתוק בכף היד בשיקום ובאחיזה יומיומית; חיישן על העור קורא אותות ביו-חשמליים "
            "ומזהה איזו תנועה המשתמש מתכוון לבצע.",
        },
    ),
    (
        "hearing-earphone",
        "tianyu",
        "life-health",
        {
            "en": "Bluetooth hearing-aid earphone",
            "zh-hans": "蓝牙助听耳机",
            "he": "אוזניית בלוטות' עם מגבר שמיעה",
        },
        {
            "en": "A wireless earphone that amplifies speech with strong noise reduction and can slow a "
            "speaker down without distorting the voice.",
            "zh-hans": "无线助听耳机，降噪能力强，可在不失真的情况下放慢说话速度。",
            "he": "אוזנייה אלחוטית שמגבירה דיבור עם סינון רעשים חזק ויכולה להאט את קצב הדיבור בלי לעוות את הקול.",
        },
    ),
    (
        "glucometer",
        "aozhen",
        "healthcare-bioscience",
        {"en": "Non-invasive glucometer", "zh-hans": "无创血糖仪", "he": "מד סוכר לא פולשני"},
        {
            "en": "Measures blood sugar from a saliva sample instead of a finger prick.",
            "zh-hans": "通过唾液样本而非指尖采血测量血糖。",
            "he": "מודד סוכר בדם מדגימת רוק במקום דקירה באצבע.",
        },
    ),
    (
        "mud-mask",
        "filler-mud-mask",
        "life-health",
        {"en": "Dead Sea mud mask", "zh-hans": "死海泥面膜", "he": "מסכת בוץ ים המלח"},
        {
            "en": "A face mask made with Dead Sea mud and 21 minerals, intended to smooth wrinkles.",
            "zh-hans": "以死海泥和21种矿物质制成的面膜，用于淡化皱纹。",
            "he": "מסכת פנים מבוץ ים המלח ו-21 מינרלים, להחלקת קמטים.",
        },
    ),
    (
        "thermal-scope",
        "filler-thermal-scope",
        "intelligent-manufacturing",
        {"en": "Thermal imaging scope", "zh-hans": "热成像观测仪", "he": "כוונת הדמיה תרמית"},
        {
            "en": "A hand-held scope that shows heat images for inspection and search.",
            "zh-hans": "手持式热成像观测仪，用于巡检和搜寻。",
            "he": "כוונת ידנית המציגה תמונות חום לבדיקה ולחיפוש.",
        },
    ),
    (
        "structured-light",
        "mantis",
        "ai-robotics",
        {
            "en": "Coded structured-light 3D camera",
            "zh-hans": "编码结构光三维相机",
            "he": "מצלמת תלת-ממד באור מובנה מקודד",
        },
        {
            "en": "Captures depth with a projected coded light pattern, for 3D scanning and recognition.",
            "zh-hans": "利用投射的编码光图案获取深度信息，用于三维扫描和识别。",
            "he": "לוכדת עומק באמצעות תבנית אור מקודדת מוקרנת, לסריקה ולזיהוי תלת-ממדיים.",
        },
    ),
]

# Sectors of generated members, weighted like the articles describe the hub.
SECTOR_WEIGHTS = [
    ("cybersecurity", 5),
    ("intelligent-manufacturing", 5),
    ("life-health", 5),
    ("ai-robotics", 4),
    ("healthcare-bioscience", 4),
    ("internet-it", 4),
    ("agrifood-water", 2),
    ("mobility", 2),
    ("energy-environment", 1),
    ("fintech", 1),
    ("edtech", 1),
]


def _uscc(ctx: DemoContext) -> str:
    body = "91310107" + "".join(ctx.rng.choice(USCC_ALPHABET[:10] + "ABCDEFGH") for _i in range(9))
    return body + uscc_check_character(body)


def _il_number(ctx: DemoContext) -> str:
    digits = [5, 1] + [ctx.rng.randrange(10) for _i in range(6)]
    for check in range(10):
        candidate = [*digits, check]
        total = 0
        for i, d in enumerate(candidate):
            product = d * (1 if i % 2 == 0 else 2)
            total += product // 10 + product % 10
        if total % 10 == 0:
            return "".join(map(str, candidate))
    raise AssertionError("unreachable")  # pragma: no cover


def _join(
    ctx: DemoContext,
    org: Organisation,
    hub_key: str,
    admitted: date,
    *,
    leave_on: date | None = None,
    graduate: bool = False,
) -> None:
    hub = ctx.hubs[hub_key]
    applied = admitted - timedelta(days=35)
    membership = services.membership_start(
        organisation=org,
        hub=hub,
        state=S.APPLICANT,
        on=applied,
        by=None,
        note="Application received.",
    )
    services.membership_transition(
        membership=membership, to_state=S.UNDER_REVIEW, on=applied + timedelta(days=10), by=None
    )
    services.membership_transition(membership=membership, to_state=S.ADMITTED, on=admitted, by=None)
    moved_in = admitted + timedelta(days=14)
    if leave_on is None or moved_in < leave_on:
        services.membership_transition(
            membership=membership, to_state=S.RESIDENT, on=moved_in, by=None
        )
    if leave_on is not None:
        services.membership_transition(
            membership=membership,
            to_state=S.GRADUATED if graduate else S.LEFT,
            on=leave_on,
            by=None,
        )


def _generated_name(ctx: DemoContext, serial: int, country: str, sector: str) -> dict[str, str]:
    """A name not used yet, built from the word lists (deterministic for a given serial)."""
    used: set[str] = ctx.extra.setdefault("generated_names", set())
    for attempt in range(serial, serial + 10_000, 7):
        if country == "CN":
            city_zh, city_en = CN_CITIES[(attempt // len(CN_WORDS)) % len(CN_CITIES)]
            word_zh, word_en = CN_WORDS[attempt % len(CN_WORDS)]
            business_zh, business_en = CN_BUSINESS[sector]
            name = {
                "zh-hans": f"{city_zh}{word_zh}{business_zh}有限公司",
                "en": f"{city_en} {word_en} {business_en} Co., Ltd.",
            }
        else:
            prefixes = [p for p in IL_PREFIXES if p[0] in SECTOR_PREFIXES[sector]]
            prefix = prefixes[attempt % len(prefixes)]
            suffix = IL_SUFFIXES[(attempt // len(prefixes)) % len(IL_SUFFIXES)]
            name = {"en": f"{prefix[0]}{suffix[0].lower()}", "he": f"{prefix[1]}{suffix[1]}"}
            if country == "JOINT":
                name["en"] += " China"
                name["zh-hans"] = (
                    f"中以{CN_WORDS[attempt % len(CN_WORDS)][0]}{CN_BUSINESS[sector][0]}"
                )
                name["he"] += " סין"
        if name["en"] not in used:
            used.add(name["en"])
            return name
    raise AssertionError("the word lists are exhausted")  # pragma: no cover


def _generated(
    ctx: DemoContext,
    sectors: dict[str, Sector],
    serial: int,
    *,
    country: str | None = None,
    sector: str | None = None,
) -> Organisation:
    rng = ctx.rng
    country = country or rng.choices(["CN", "IL", "JOINT"], weights=[45, 35, 20])[0]
    sector = (
        sector
        or rng.choices([s for s, _w in SECTOR_WEIGHTS], weights=[w for _s, w in SECTOR_WEIGHTS])[0]
    )
    name = _generated_name(ctx, serial, country, sector)
    ids = {"il_company_number": _il_number(ctx)} if country == "IL" else {"uscc": _uscc(ctx)}
    kind = rng.choice(["enterprise", "enterprise", "startup"]) if country == "CN" else "startup"
    return services.organisation_create(
        by=None,
        is_generated=True,
        name=name,
        kind=kind,
        country=country,
        sectors=[sectors[sector]],
        stage=rng.choice(["seed", "early", "growth"]),
        founded_year=rng.randint(2008, 2021),
        headcount=rng.randint(3, 120),
        description=SECTOR_BLURBS[sector],
        **ids,
    )


def _date_between(ctx: DemoContext, start: date, end: date) -> date:
    return start + timedelta(days=ctx.rng.randrange((end - start).days + 1))


def load(ctx: DemoContext) -> None:
    services.sectors_ensure_builtin()
    sectors = {s.slug: s for s in Sector.objects.all()}
    for row in NAMED_ORGANISATIONS:
        ctx.orgs[row["key"]] = services.organisation_create(
            by=None,
            name=row["name"],
            kind=row["kind"],
            country=row["country"],
            sectors=[sectors[s] for s in row["sectors"]],
            description=row.get("description", {}),
        )
    ciih = ctx.hubs["ciih"]
    ciih.operator = ctx.orgs["ciih-operator"]
    ciih.save(update_fields=["operator"])

    for key, _hub, admitted in NAMED_MEMBERS:
        _join(ctx, ctx.orgs[key], _hub, admitted)
    for key, org_key, name, title in NAMED_PEOPLE:
        ctx.people[key] = Person.objects.create(
            organisation=ctx.orgs[org_key] if org_key else None,
            name=name,
            title=title,
            country=ctx.orgs[org_key].country if org_key else "IL",
            is_public=True,
        )

    serial = 1
    # Makers of the seeds' unnamed products: generated members present at the first anniversary.
    ctx.orgs["filler-mud-mask"] = _generated(
        ctx, sectors, serial, country="JOINT", sector="life-health"
    )
    _join(ctx, ctx.orgs["filler-mud-mask"], "ciih", date(2020, 4, 20))
    serial += 1
    ctx.orgs["filler-thermal-scope"] = _generated(
        ctx, sectors, serial, country="IL", sector="intelligent-manufacturing"
    )
    _join(ctx, ctx.orgs["filler-thermal-scope"], "ciih", date(2020, 7, 6))
    serial += 1

    # First year: 12 named + 2 makers above + 18 generated = 32 members on 2020-12-03;
    # 2 more generated joined and left before the anniversary.
    for i in range(20):
        org = _generated(ctx, sectors, serial)
        serial += 1
        admitted = _date_between(ctx, date(2019, 12, 3), date(2020, 11, 30))
        leave = None
        if i < 2:
            admitted = _date_between(ctx, date(2019, 12, 3), date(2020, 3, 31))
            leave = admitted + timedelta(days=ctx.rng.randint(90, 180))
        _join(ctx, org, "ciih", admitted, leave_on=leave)

    # Up to 2022-11-25: Mantis Vision plus 64 generated, 3 of whom graduate or leave before it.
    for i in range(64):
        org = _generated(ctx, sectors, serial)
        serial += 1
        admitted = _date_between(ctx, date(2020, 12, 7), date(2022, 11, 18))
        leave = None
        if i < 3:
            admitted = _date_between(ctx, date(2020, 12, 7), date(2021, 6, 30))
            leave = _date_between(ctx, date(2021, 9, 1), date(2022, 10, 31))
        _join(ctx, org, "ciih", admitted, leave_on=leave, graduate=i == 0)

    # Since then: a few more members, and some graduate.
    for _i in range(8):
        org = _generated(ctx, sectors, serial)
        serial += 1
        _join(
            ctx,
            org,
            "ciih",
            _date_between(ctx, date(2023, 1, 9), min(ctx.today, date(2026, 6, 30))),
        )

    # Sister hubs.
    for hub_key, count, opened in (
        ("jiangsu", 14, date(2020, 6, 1)),
        ("zhejiang", 10, date(2020, 9, 1)),
    ):
        for _i in range(count):
            org = _generated(ctx, sectors, serial)
            serial += 1
            _join(ctx, org, hub_key, _date_between(ctx, opened, date(2022, 10, 31)))

    # Israeli startups hosted by the incubators in the hub.
    israeli = list(
        Organisation.objects.filter(
            is_generated=True, country="IL", memberships__hub=ciih
        ).order_by("pk")
    )
    for index, org in enumerate(israeli[:12]):
        org.sponsor = ctx.orgs["ehealth" if index % 2 == 0 else "trendlines"]
        org.save(update_fields=["sponsor"])

    for number, (_key, org_key, sector, name, description) in enumerate(NAMED_PRODUCTS, 1):
        product = Product.objects.create(
            organisation=ctx.orgs[org_key],
            name=name,
            description=description,
            sector=sectors[sector],
        )
        # A drawn picture, not a photo of the product: captioned as such.
        services.product_photo_add(
            product=product,
            data=demo_png(number, width=480, height=320),
            caption={
                "en": "Illustration",
                "zh-hans": "示意图",
                "he": "איור",
            },
            by=None,
        )
    ctx.extra["generated_serial"] = serial
