"""Demo: short news items of the demo hubs, written afresh from the facts in the seed articles.

Each item is written in one language and translated into the others, except one that has no
Hebrew version on purpose: Hebrew readers see the "not translated" notice and the original.
Gallery pictures are drawn by Pillow. The applications of the review queue are loaded here
too, because they need the demo users (created by the accounts app after the directory).
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from innohub.common.demo import DemoContext
from innohub.directory import demo_admissions
from innohub.directory.demo_images import demo_png
from innohub.portal import services

SHANGHAI = ZoneInfo("Asia/Shanghai")

NEWS: list[dict] = [
    {
        "hub": "ciih",
        "on": date(2019, 12, 3),
        "original": "en",
        "title": {
            "en": "China–Israel Innovation Hub opens in Taopu Smart City",
            "zh-hans": "中以创新园在桃浦智创城开园",
            "he": "מרכז החדשנות סין–ישראל נפתח בעיר החכמה טאופו",
        },
        "summary": {
            "en": "The old Hero Pen Factory in Putuo District becomes a home for Chinese and "
            "Israeli innovators.",
            "zh-hans": "普陀区原英雄金笔厂旧址，成为中以创新企业的新家。",
            "he": "מפעל העטים 'הירו' לשעבר במחוז פוטואו הופך לבית לחדשנים מסין ומישראל.",
        },
        "body": {
            "en": "The hub's first phase has an exhibition and service centre of 1,500 m², "
            "support facilities of another 1,500 m² and 4,500 m² of offices. A second phase "
            "with 50,000 m² of office buildings and more than 10,000 m² of apartments is "
            "planned.\n\nThe hub follows the China–Israel Innovation Cooperation Action Plan "
            "signed in October 2018.",
            "zh-hans": "园区一期包括1500平方米的展示与服务中心、1500平方米的配套设施和4500平方米的"
            "办公空间。二期规划建设5万平方米的办公楼和1万余平方米的公寓。\n\n园区的建设落实"
            "2018年10月签署的《中以创新合作行动计划》。",
            "he": 'בשלב הראשון של המרכז: מרכז תצוגה ושירות של 1,500 מ"ר, מתקני תמיכה של '
            '1,500 מ"ר נוספים ו-4,500 מ"ר משרדים. בשלב השני מתוכננים בנייני משרדים של '
            '50,000 מ"ר ויותר מ-10,000 מ"ר דירות.\n\nהמרכז מיישם את תוכנית הפעולה לשיתוף '
            "פעולה בחדשנות בין סין לישראל שנחתמה באוקטובר 2018.",
        },
        "photos": 0,
    },
    {
        "hub": "jiangsu",
        "on": date(2020, 11, 5),
        "original": "en",
        "title": {
            "en": "Israel Day at Nanjing TechWeek brings new partnerships",
            "zh-hans": "南京创新周“以色列日”促成多项合作",
            "he": "יום ישראל בשבוע הטכנולוגיה של נאנג'ינג מוליד שיתופי פעולה",
        },
        "summary": {
            "en": "EcoMotion, the Jiangning Development Zone and Shengjing Peakview Capital "
            "agree to work together.",
            "zh-hans": "EcoMotion、江宁开发区与盛景嘉成资本达成合作。",
            "he": "אקומושן, אזור הפיתוח ג'יאנגנינג ושנג'ינג פיקוויו קפיטל מסכמים על שיתוף פעולה.",
        },
        "body": {
            "en": "For the first time, a full day of Nanjing TechWeek was given to China–Israel "
            "cooperation. Israeli speakers joined remotely because of travel limits.\n\n"
            "EcoMotion, a community of more than 600 Israeli mobility startups, signed with the "
            "Jiangning Development Zone and the investor Shengjing Peakview Capital; its members "
            "will get help finding Chinese investors and customers. The Weizmann Institute and "
            "the Technion agreed on AI research cooperation with the Nanjing Tsingzhan AI "
            "Institute and Tsinghua University's Institute for AI.",
            "zh-hans": "南京创新周首次专设一整天推动中以科技合作。受出行限制影响，以色列嘉宾通过"
            "视频远程发言。\n\n拥有600多家以色列智慧出行初创企业的EcoMotion社区，与江宁开发区"
            "及投资机构盛景嘉成资本签约，将帮助成员企业对接中国投资人和客户。魏茨曼科学研究所"
            "和以色列理工学院与南京清湛人工智能研究院、清华大学人工智能研究院就人工智能研究"
            "合作达成协议。",
            "he": "לראשונה הוקדש יום שלם בשבוע הטכנולוגיה של נאנג'ינג לשיתוף הפעולה בין סין "
            "לישראל. הדוברים מישראל השתתפו מרחוק בשל מגבלות הטיסות.\n\nאקומושן, קהילה של יותר "
            "מ-600 סטארט-אפים ישראליים בתחום התחבורה החכמה, חתמה עם אזור הפיתוח ג'יאנגנינג ועם "
            "המשקיע שנג'ינג פיקוויו קפיטל; חבריה יקבלו עזרה באיתור משקיעים ולקוחות בסין. מכון "
            "ויצמן והטכניון הסכימו על שיתוף פעולה במחקר בינה מלאכותית עם מכון צינגג'אן בנאנג'ינג "
            "ועם המכון לבינה מלאכותית של אוניברסיטת צינגהואה.",
        },
        "photos": 2,
    },
    {
        "hub": "ciih",
        "on": date(2020, 12, 3),
        "original": "zh-hans",
        "title": {
            "zh-hans": "开园一周年：32家成员，知识产权逾百项",
            "en": "One year on: 32 members and more than 100 IP rights",
            "he": "שנה ראשונה: 32 חברים ויותר מ-100 זכויות קניין רוחני",
        },
        "summary": {
            "zh-hans": "周年庆典同时拉开2020上海数字创新大会的帷幕。",
            "en": "The anniversary also opened the 2020 Shanghai Digital Innovation Conference.",
            "he": "חגיגות יום השנה פתחו גם את כנס החדשנות הדיגיטלית של שנחאי 2020.",
        },
        "body": {
            "zh-hans": "开园一年来，园区汇聚了32家中以合作企业、机构和项目，重点方向为人工智能与"
            "机器人、医疗健康与生物科学、互联网与信息技术。\n\n成员单位拥有有效商标37件、实用"
            "新型专利22件、软件著作权登记68件、发明专利19件，另有10件专利申请正在准备中。"
            "园区也已成为上海26个特色产业园区之一。",
            "en": "In its first year the hub has brought together 32 Chinese–Israeli companies, "
            "institutions and projects, mostly in AI and robotics, healthcare and bioscience, "
            "and internet and IT.\n\nMembers hold 37 valid trademarks, 22 utility-model "
            "patents, 68 software registrations and 19 invention patents, and ten more patent "
            "applications are in preparation. The hub is now one of Shanghai's 26 specialised "
            "industrial parks.",
            "he": "בשנתו הראשונה ריכז המרכז 32 חברות, מוסדות ופרויקטים סיניים–ישראליים, בעיקר "
            "בבינה מלאכותית ורובוטיקה, בריאות ומדעי הביולוגיה, ואינטרנט וטכנולוגיות מידע.\n\n"
            "בידי החברים 37 סימני מסחר בתוקף, 22 פטנטים של מודל שימושי, 68 רישומי תוכנה ו-19 "
            "פטנטי המצאה, ועשר בקשות פטנט נוספות נמצאות בהכנה. המרכז הוא כעת אחד מ-26 "
            "הפארקים התעשייתיים הייעודיים של שנחאי.",
        },
        "photos": 3,
    },
    {
        "hub": "ciih",
        "on": date(2020, 12, 3),
        "original": "en",
        "title": {
            "en": "Yangtze River Delta China–Israel innovation network launched",
            "zh-hans": "长三角中以创新合作网络成立",
            "he": "הושקה רשת החדשנות סין–ישראל של דלתת נהר היאנגצה",
        },
        "summary": {
            "en": "Platforms in Shanghai, Jiangsu and Zhejiang now work as one network.",
            "zh-hans": "上海、江苏、浙江的中以创新平台携手组网。",
            "he": "פלטפורמות בשנחאי, ג'יאנגסו וג'ה-ג'יאנג פועלות מעתה כרשת אחת.",
        },
        "body": {
            "en": "At the hub's anniversary the heads of China–Israel innovation organisations "
            "from Shanghai and the neighbouring provinces of Jiangsu and Zhejiang set up a "
            "shared network, so that members of one hub can use the services and contacts of "
            "the others.",
            "zh-hans": "在园区周年活动上，来自上海及相邻的江苏、浙江两省的中以创新机构负责人共同"
            "发起合作网络，各园区成员可共享彼此的服务与资源。",
            "he": "ביום השנה של המרכז הקימו ראשי ארגוני החדשנות סין–ישראל משנחאי ומהמחוזות "
            "השכנים ג'יאנגסו וג'ה-ג'יאנג רשת משותפת, כך שחברי כל מרכז יוכלו להיעזר בשירותים "
            "ובקשרים של האחרים.",
        },
        "photos": 0,
    },
    {
        "hub": "ciih",
        "on": date(2020, 12, 3),
        "original": "en",
        "title": {
            "en": "Putuo District and 360 to build a public IT service platform",
            "zh-hans": "普陀区与360集团共建信息技术公共服务平台",
            "he": "מחוז פוטואו וקבוצת 360 יקימו פלטפורמת שירות ציבורית לטכנולוגיות מידע",
        },
        "summary": {
            "en": "Startups, scientists and projects from both countries are to use it.",
            "zh-hans": "平台将服务中以两国的初创企业、科学家和项目。",
            "he": "הפלטפורמה תשרת סטארט-אפים, מדענים ופרויקטים משתי המדינות.",
        },
        "body": {
            "en": "The district government and the cybersecurity company 360 signed the "
            "agreement on the day of the anniversary. The hub and the International Digital "
            "Security and Ecological Operation Center also signed cooperation contracts with "
            "members including CSA GCR, Angeek Cyber Security, 360 Vision, Redstone Data and "
            "Shanghai Tower.",
            "zh-hans": "区政府与网络安全企业360集团在周年庆当天签约。园区与国际数字安全生态运营"
            "中心还与云安全联盟大中华区、安几网络安全、360视觉科技、红石数据、上海中心大厦等"
            "成员单位签署了合作协议。",
            "he": "ממשלת המחוז וחברת הסייבר 360 חתמו על ההסכם ביום השנה. המרכז והמרכז הבינלאומי "
            "לאבטחה דיגיטלית חתמו גם על הסכמי שיתוף פעולה עם חברים ובהם CSA GCR, אנג'יק, "
            "360 ויז'ן, רדסטון דאטה ומגדל שנחאי.",
        },
        "photos": 0,
    },
    {
        "hub": "ciih",
        "on": date(2020, 12, 3),
        "original": "en",
        "title": {
            "en": "Members' products on show at the anniversary",
            "zh-hans": "周年庆上展出成员企业新产品",
            "he": "מוצרי החברים מוצגים ביום השנה",
        },
        "summary": {
            "en": "A soft hand exoskeleton, a saliva glucometer and a hearing-aid earphone "
            "among them.",
            "zh-hans": "其中包括柔性手部外骨骼、唾液血糖仪和助听耳机。",
            "he": "ביניהם שלד חיצוני רך לכף היד, מד סוכר מרוק ואוזניית שמיעה.",
        },
        "body": {
            "en": "Ai-Care Medical Technology showed an exoskeleton that reads the wearer's "
            "intended movement from bio-electric signals on the skin and helps a paralysed hand "
            "grasp. Aozhen Bio measures blood sugar from saliva, and Tianyu Elderly Care Service "
            "presented a Bluetooth earphone that cuts noise and can slow speech down without "
            "distorting it. A Dead Sea mud mask and a thermal imaging scope were also on show.",
            "zh-hans": "艾可尔医疗科技展示了一款外骨骼，它通过皮肤表面的生物电信号识别佩戴者的"
            "动作意图，帮助瘫痪的手完成抓握。奥真生物的产品可通过唾液测量血糖；天宇养老服务"
            "推出的蓝牙耳机能够降噪，并可在不失真的前提下放慢语速。现场还展出了死海泥面膜和"
            "热成像观测仪。",
            "he": "איי-קר הציגה שלד חיצוני שמזהה את התנועה שהמשתמש מתכוון לבצע מאותות "
            "ביו-חשמליים בעור ועוזר לכף יד משותקת לאחוז. אוז'ן ביו מודדת סוכר בדם מרוק, "
            "וטיאניו הציגה אוזניית בלוטות' שמסננת רעשים ויכולה להאט דיבור בלי לעוות אותו. "
            "הוצגו גם מסכת בוץ מים המלח וכוונת הדמיה תרמית.",
        },
        "photos": 2,
    },
    {
        "hub": "ciih",
        "on": date(2022, 3, 14),
        "original": "en",
        # Deliberately without Hebrew: readers in Hebrew are offered the English original.
        "title": {
            "en": "Mantis Vision sets up its headquarters at the hub",
            "zh-hans": "Mantis Vision总部落户园区",
        },
        "summary": {
            "en": "The Israeli 3D imaging company took a month to decide.",
            "zh-hans": "这家以色列三维成像企业用一个月就做出了决定。",
        },
        "body": {
            "en": "Mantis Vision holds the core patent of coded structured-light 3D imaging. "
            "The hub invited the company after learning of its technology, and prepared a "
            "2,000 m² headquarters and exhibition area for it, sized for hosting major events. "
            "Its CEO, Chen Ling, says the park's brand, services and approach convinced the "
            "team.",
            "zh-hans": "Mantis Vision掌握编码结构光三维成像的核心专利。园区了解到其技术后主动"
            "邀请入驻，并为其打造了2000平方米的总部及展示区，可承接大型活动。首席执行官陈玲"
            "表示，园区的品牌、服务和理念打动了团队。",
        },
        "photos": 1,
    },
    {
        "hub": "ciih",
        "on": date(2022, 6, 30),
        "original": "zh-hans",
        "title": {
            "zh-hans": "园区入选上海市科技企业孵化器名单",
            "en": "Hub joins Shanghai's list of technology business incubators",
            "he": "המרכז נכלל ברשימת חממות הטכנולוגיה של שנחאי",
        },
        "summary": {
            "zh-hans": "2022年6月，园区纳入上海科技创新创业载体培育体系。",
            "en": "In June 2022 the hub entered the city's system for growing innovation and "
            "startup carriers.",
            "he": "ביוני 2022 נכנס המרכז למערך העירוני לטיפוח מסגרות לחדשנות וליזמות.",
        },
        "body": {
            "zh-hans": "入选后，园区可为在孵企业提供更多政策支持与服务，进一步营造科创氛围。",
            "en": "The listing lets the hub offer its incubated companies more of the city's "
            "support and services.",
            "he": "ההכללה ברשימה מאפשרת למרכז להציע לחברות שבחממה יותר מהתמיכה והשירותים של "
            "העירייה.",
        },
        "photos": 0,
    },
    {
        "hub": "ciih",
        "on": date(2022, 11, 25),
        "original": "en",
        "title": {
            "en": "Three years on, more than 90 members",
            "zh-hans": "开园近三年，成员逾90家",
            "he": "כמעט שלוש שנים, יותר מ-90 חברים",
        },
        "summary": {
            "en": "The 20,000 m² park now has two roadshow centres for 100 people each.",
            "zh-hans": "2万平方米的园区现有两个百人路演中心。",
            "he": 'בפארק של 20,000 מ"ר יש כעת שני מרכזי רוד-שואו ל-100 איש כל אחד.',
        },
        "body": {
            "en": "Since opening, the hub has attracted more than 90 enterprises, institutions "
            "and projects. Dozens of small offices serve startups, and the Shanghai "
            "China-Israel Innovation Promotion Center links the city's innovation centre with "
            "the hub.",
            "zh-hans": "开园以来，园区已吸引90余家企业、机构和项目入驻。数十间小型办公室服务初创"
            "团队，上海中以创新促进中心则架起了市级创新中心与园区之间的桥梁。",
            "he": "מאז פתיחתו משך המרכז יותר מ-90 חברות, מוסדות ופרויקטים. עשרות משרדים קטנים "
            "משרתים סטארט-אפים, והמרכז לקידום חדשנות סין–ישראל בשנחאי מקשר בין מרכז החדשנות "
            "העירוני לבין המרכז.",
        },
        "photos": 2,
    },
]


def load(ctx: DemoContext) -> None:
    demo_admissions.load(ctx)
    author = ctx.users.get("staff")
    seed = 100
    for row in NEWS:
        hub = ctx.hubs[row["hub"]]
        published = datetime.combine(row["on"], time(10, 0), tzinfo=SHANGHAI)
        item = services.news_create(
            hub=hub,
            by=author if row["hub"] == "ciih" else ctx.users.get("jiangsu"),
            title=row["title"],
            summary=row["summary"],
            body=row["body"],
            original_language=row["original"],
            happened_on=row["on"],
            publish_at=published,
        )
        for n in range(row["photos"]):
            seed += 1
            services.news_photo_add(
                item=item,
                data=demo_png(seed, width=480, height=320),
                caption={
                    "en": f"At the event ({n + 1})",
                    "zh-hans": f"活动现场（{n + 1}）",
                    "he": f"באירוע ({n + 1})",
                },
                by=author,
            )
        ctx.extra.setdefault("news", []).append(item)
