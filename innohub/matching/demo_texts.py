"""Texts of the generated demo listings: what a startup of each sector offers, what an
enterprise of each sector needs. Written for the demo; each is used at most once."""

# sector → offers of generated Israeli (or joint) members: {"en": …, "he": …} title + text.
GENERATED_OFFERS: dict[str, list[dict[str, tuple[str, str]]]] = {
    "ai-robotics": [
        {
            "en": (
                "Vision-guided robot for sorting recyclables",
                "A robot arm with a hyperspectral camera that recognises plastics, paper and metal "
                "on a moving belt and picks them at 60 items a minute.",
            ),
            "he": (
                "רובוט מונחה ראייה למיון פסולת למיחזור",
                "זרוע רובוטית עם מצלמה היפר-ספקטרלית שמזהה פלסטיק, נייר ומתכת על מסוע נע "
                "ואוספת 60 פריטים בדקה.",
            ),
        },
        {
            "en": (
                "Edge AI camera for counting people in public buildings",
                "Counts people entering and leaving stations and halls in real time on the camera "
                "itself; only numbers leave the device.",
            ),
            "he": (
                "מצלמת בינה מלאכותית לספירת אנשים במבני ציבור",
                "סופרת בזמן אמת אנשים שנכנסים ויוצאים מתחנות ואולמות, על המצלמה עצמה; רק "
                "מספרים יוצאים מהמכשיר.",
            ),
        },
        {
            "en": (
                "Autonomous inspection drone for warehouses",
                "Flies the aisles at night, reads every barcode on the racks and reports missing "
                "or misplaced pallets to the warehouse system.",
            ),
            "he": (
                "רחפן אוטונומי לספירת מלאי במחסנים",
                "טס במעברים בלילה, קורא כל ברקוד במדפים ומדווח למערכת המחסן על משטחים חסרים "
                "או שהונחו במקום הלא נכון.",
            ),
        },
    ],
    "healthcare-bioscience": [
        {
            "en": (
                "AI reading of pathology slides",
                "Software that scans biopsy slides and marks suspected cancer regions for the "
                "pathologist, cutting reading time by half.",
            ),
            "he": (
                "פענוח שקופיות פתולוגיה בבינה מלאכותית",
                "תוכנה שסורקת שקופיות ביופסיה ומסמנת לפתולוג אזורים חשודים לסרטן, וחוסכת "
                "מחצית מזמן הפענוח.",
            ),
        },
        {
            "en": (
                "Remote monitoring of heart-failure patients",
                "A home kit with a smart scale and blood-pressure cuff; an algorithm warns the "
                "clinic of fluid build-up days before a hospital admission.",
            ),
            "he": (
                "ניטור מרחוק של חולי אי-ספיקת לב",
                "ערכה ביתית עם משקל חכם ומד לחץ דם; אלגוריתם מתריע למרפאה על הצטברות נוזלים "
                "ימים לפני אשפוז.",
            ),
        },
        {
            "en": (
                "Rapid test for antibiotic resistance",
                "Tells within two hours which antibiotics will work against a patient's "
                "bacterial infection, instead of two days of culture.",
            ),
            "he": (
                "בדיקה מהירה לעמידות לאנטיביוטיקה",
                "מגלה תוך שעתיים איזו אנטיביוטיקה תעבוד נגד הזיהום החיידקי של המטופל, במקום "
                "יומיים של תרבית.",
            ),
        },
    ],
    "internet-it": [
        {
            "en": (
                "Automatic test generation for web applications",
                "Watches how real users move through an application and writes end-to-end tests "
                "that keep up with every release.",
            ),
            "he": (
                "יצירה אוטומטית של בדיקות לאפליקציות ווב",
                "עוקבת אחרי האופן שבו משתמשים אמיתיים עוברים באפליקציה וכותבת בדיקות מקצה "
                "לקצה שמתעדכנות עם כל גרסה.",
            ),
        },
        {
            "en": (
                "Database that keeps working when the network splits",
                "A distributed SQL database for branch offices and factories that stays "
                "writable offline and merges changes when the link returns.",
            ),
            "he": (
                "מסד נתונים שממשיך לעבוד כשהרשת מתפצלת",
                "מסד נתונים מבוזר לסניפים ולמפעלים שנשאר זמין לכתיבה גם בלי קישור ומאחד את "
                "השינויים כשהקישור חוזר.",
            ),
        },
    ],
    "cybersecurity": [
        {
            "en": (
                "Threat intelligence on attacks against industrial networks",
                "Feeds of attacker tools and indicators seen in power, water and manufacturing "
                "networks, with analysts who speak to your security team.",
            ),
            "he": (
                "מודיעין איומים על תקיפות ברשתות תעשייתיות",
                "הזנות של כלי תוקפים וסימנים שנצפו ברשתות חשמל, מים וייצור, עם אנליסטים "
                "שעומדים לרשות צוות האבטחה שלכם.",
            ),
        },
        {
            "en": (
                "Security posture for cloud accounts",
                "Finds misconfigured storage, over-privileged identities and exposed keys "
                "across cloud accounts and fixes them with one click.",
            ),
            "he": (
                "ניהול תצורת אבטחה בחשבונות ענן",
                "מאתרת אחסון שהוגדר לא נכון, הרשאות עודפות ומפתחות חשופים בחשבונות הענן "
                "ומתקנת אותם בלחיצה.",
            ),
        },
        {
            "en": (
                "Anti-drone detection for sensitive sites",
                "Radio-frequency sensors that detect drones and locate their pilots around "
                "airports, prisons and plants.",
            ),
            "he": (
                "גילוי רחפנים עוינים באתרים רגישים",
                "חיישני רדיו שמגלים רחפנים ומאתרים את המפעילים שלהם סביב שדות תעופה, בתי "
                "סוהר ומפעלים.",
            ),
        },
    ],
    "intelligent-manufacturing": [
        {
            "en": (
                "Scheduling software for job shops",
                "Plans orders across machines and shifts every few minutes as rush orders and "
                "breakdowns arrive, and shows planners what changed.",
            ),
            "he": (
                "תוכנת תזמון לבתי מלאכה ומפעלי ייצור",
                "מתכננת הזמנות על פני מכונות ומשמרות כל כמה דקות כשמגיעות הזמנות דחופות "
                "ותקלות, ומראה למתכננים מה השתנה.",
            ),
        },
        {
            "en": (
                "Contract manufacturing wanted for a wearable sensor",
                "We designed a skin-worn sensor and seek a factory to produce its electronics "
                "and moulded casing.",
            ),
            "he": (
                "חיישן לביש מוכן לייצור המוני",
                "תכננו חיישן שנצמד לעור ומחפשים מפעל שייצר את האלקטרוניקה ואת המעטפת היצוקה.",
            ),
        },
    ],
    "life-health": [
        {
            "en": (
                "Radar fall detection for care homes",
                "A ceiling sensor without cameras that sees when a resident falls and calls the "
                "night staff at once.",
            ),
            "he": (
                'זיהוי נפילות במכ"ם לבתי אבות',
                "חיישן תקרה ללא מצלמות שמזהה נפילה של דייר ומזעיק מיד את צוות הלילה.",
            ),
        },
        {
            "en": (
                "Companion robot for people living alone",
                "A tabletop robot that talks with older people, reminds them of medicines and "
                "video-calls family when something seems wrong.",
            ),
            "he": (
                "רובוט חברה לאנשים שחיים לבד",
                "רובוט שולחני שמשוחח עם מבוגרים, מזכיר להם לקחת תרופות ומתקשר בווידאו "
                "למשפחה כשמשהו נראה לא כשורה.",
            ),
        },
    ],
    "agrifood-water": [
        {
            "en": (
                "Wastewater reuse for irrigation",
                "Compact units that treat town wastewater to a standard fit for irrigating "
                "orchards and fields.",
            ),
            "he": (
                "שימוש חוזר בשפכים להשקיה",
                "יחידות קומפקטיות שמטהרות שפכים עירוניים לרמה שמתאימה להשקיית מטעים ושדות.",
            ),
        },
        {
            "en": (
                "Satellite crop monitoring for large farms",
                "Weekly maps of crop health and water stress for every field, with alerts when a "
                "block needs attention.",
            ),
            "he": (
                "ניטור גידולים מהלוויין לחוות גדולות",
                "מפות שבועיות של בריאות הגידול ועקת המים בכל שדה, עם התראות כשחלקה צריכה טיפול.",
            ),
        },
    ],
    "mobility": [
        {
            "en": (
                "Charging management for electric bus fleets",
                "Plans when each bus charges by timetable, battery state and electricity "
                "tariffs, and keeps the depot under its grid limit.",
            ),
            "he": (
                "ניהול טעינה לציי אוטובוסים חשמליים",
                "מתכננת מתי כל אוטובוס נטען לפי לוח הזמנים, מצב הסוללה ותעריפי החשמל, ושומרת "
                "את החניון מתחת למגבלת החיבור לרשת.",
            ),
        },
        {
            "en": (
                "Driver fatigue camera for truck fleets",
                "An in-cab camera that detects drowsiness and phone use and alerts the driver and "
                "the fleet manager.",
            ),
            "he": (
                "מצלמת עייפות נהג לציי משאיות",
                "מצלמה בתא הנהג שמזהה נמנום ושימוש בטלפון ומתריעה לנהג ולמנהל הצי.",
            ),
        },
    ],
    "energy-environment": [
        {
            "en": (
                "Battery storage controller for factories",
                "Software that charges batteries when power is cheap and discharges them at "
                "peak, cutting demand charges for factories with solar roofs.",
            ),
            "he": (
                "בקר אגירה בסוללות למפעלים",
                "תוכנה שטוענת סוללות כשהחשמל זול ופורקת אותן בשיא, ומורידה את חיובי הביקוש "
                "למפעלים עם גגות סולאריים.",
            ),
        },
        {
            "en": (
                "Continuous stack emissions monitoring",
                "Laser sensors that measure sulphur and nitrogen oxides in factory chimneys "
                "continuously and report to the regulator.",
            ),
            "he": (
                "ניטור רציף של פליטות מארובות",
                "חיישני לייזר שמודדים ברציפות תחמוצות גופרית וחנקן בארובות מפעלים ומדווחים "
                "לרגולטור.",
            ),
        },
    ],
    "fintech": [
        {
            "en": (
                "Payment risk scoring for marketplaces",
                "Scores each order for fraud risk in 50 milliseconds, trained on the "
                "marketplace's own history.",
            ),
            "he": (
                "דירוג סיכוני תשלום לזירות מסחר",
                "מדרגת כל הזמנה לסיכון הונאה תוך 50 אלפיות שנייה, על סמך ההיסטוריה של הזירה עצמה.",
            ),
        },
    ],
    "edtech": [
        {
            "en": (
                "Online coding courses for secondary schools",
                "Project-based Python and robotics courses with a browser lab and teacher "
                "dashboards.",
            ),
            "he": (
                "קורסי תכנות מקוונים לחטיבות ביניים ותיכונים",
                "קורסי פייתון ורובוטיקה מבוססי פרויקטים עם מעבדה בדפדפן ולוחות מחוונים למורים.",
            ),
        },
    ],
}

# sector → needs of generated Chinese members: {"zh-hans": …, "en": …} title + text.
GENERATED_NEEDS: dict[str, list[dict[str, tuple[str, str]]]] = {
    "ai-robotics": [
        {
            "zh-hans": (
                "垃圾分拣线寻求视觉识别机器人",
                "我们运营城市再生资源分拣中心，人工分拣效率低，希望引进能识别塑料、纸张和金属并自动抓取的机器人。",
            ),
            "en": (
                "Recycling plant wants vision-guided sorting robots",
                "We run a city recycling centre where hand sorting is slow; we want robots that "
                "recognise plastic, paper and metal and pick them automatically.",
            ),
        },
        {
            "zh-hans": (
                "地铁站客流统计",
                "需要在地铁站出入口实时统计客流，数据不能包含个人图像。",
            ),
            "en": (
                "People counting at metro stations",
                "We need real-time passenger counts at station entrances without storing any "
                "personal images.",
            ),
        },
    ],
    "healthcare-bioscience": [
        {
            "zh-hans": (
                "病理科数字化与AI辅助诊断",
                "医院病理科医生紧缺，切片积压严重，寻找能辅助标注可疑癌变区域的人工智能软件。",
            ),
            "en": (
                "AI support for a short-staffed pathology department",
                "Our pathology department has a backlog of slides; we want AI that marks "
                "suspected cancer regions for the pathologist.",
            ),
        },
        {
            "zh-hans": (
                "心衰患者居家管理",
                "心内科希望对出院的心力衰竭患者进行居家监测，提前发现病情加重，减少再住院。",
            ),
            "en": (
                "Home follow-up of heart-failure patients",
                "The cardiology ward wants to monitor discharged heart-failure patients at home "
                "and catch deterioration before readmission.",
            ),
        },
        {
            "zh-hans": (
                "手部康复设备",
                "康复医院需要帮助中风病人恢复手部抓握功能的可穿戴设备，能根据病人自身的肌电信号主动训练。",
            ),
            "en": (
                "Wearable hand rehabilitation",
                "A rehabilitation hospital needs a wearable that helps stroke patients regain "
                "grasping, driven by the patient's own muscle signals.",
            ),
        },
    ],
    "internet-it": [
        {
            "zh-hans": (
                "软件测试自动化",
                "我们的电商系统每周发布，回归测试全靠人工，想找能自动生成端到端测试的工具。",
            ),
            "en": (
                "Automated regression testing",
                "Our e-commerce system ships every week and regression testing is manual; we "
                "want a tool that writes end-to-end tests automatically.",
            ),
        },
    ],
    "cybersecurity": [
        {
            "zh-hans": (
                "工业网络威胁情报合作",
                "希望与以色列团队合作，获取针对电力、水务等工业网络攻击的威胁情报，并联合开展分析。",
            ),
            "en": (
                "Threat intelligence on industrial networks",
                "We want to work with an Israeli team on threat intelligence about attacks on "
                "power and water networks, and analyse them together.",
            ),
        },
        {
            "zh-hans": (
                "云上安全配置检查",
                "公司业务全部上云，需要持续检查云账号的配置错误、权限过大和密钥泄露。",
            ),
            "en": (
                "Cloud configuration checks",
                "All our business runs in the cloud; we need continuous checks for "
                "misconfiguration, excessive permissions and leaked keys.",
            ),
        },
    ],
    "intelligent-manufacturing": [
        {
            "zh-hans": (
                "车间排产优化",
                "多品种小批量工厂，插单和设备故障频繁，需要能实时重新排产的软件。",
            ),
            "en": (
                "Real-time production scheduling",
                "A high-mix, low-volume factory with frequent rush orders and breakdowns needs "
                "software that reschedules in real time.",
            ),
        },
    ],
    "life-health": [
        {
            "zh-hans": (
                "养老院夜间跌倒报警",
                "养老院夜间护理人员少，需要不用摄像头的跌倒检测，老人跌倒后立即通知值班人员。",
            ),
            "en": (
                "Night-time fall alerts in a care home",
                "Few staff work nights in our care home; we need camera-free fall detection that "
                "alerts the duty nurse at once.",
            ),
        },
    ],
    "agrifood-water": [
        {
            "zh-hans": (
                "农场作物长势遥感监测",
                "农垦集团管理几十万亩农田，希望用卫星遥感每周掌握作物长势和缺水情况。",
            ),
            "en": (
                "Remote sensing of crops on a large farm group",
                "Our farm group manages tens of thousands of hectares and wants weekly satellite "
                "views of crop health and water stress.",
            ),
        },
        {
            "zh-hans": (
                "污水再生用于灌溉",
                "县城污水处理厂出水想用于果园灌溉，需要小型深度处理设备。",
            ),
            "en": (
                "Treated wastewater for orchards",
                "Our county wastewater plant wants to reuse its effluent for orchards and needs "
                "compact advanced treatment units.",
            ),
        },
    ],
    "mobility": [
        {
            "zh-hans": (
                "电动公交充电调度",
                "公交公司电动车越来越多，场站电力容量不够，需要根据排班和电价安排充电的系统。",
            ),
            "en": (
                "Charging schedule for electric buses",
                "Our bus company's depots are running out of grid capacity; we need a system "
                "that plans charging by timetable and tariff.",
            ),
        },
    ],
    "energy-environment": [
        {
            "zh-hans": (
                "工厂储能削峰填谷",
                "工厂屋顶有光伏，想配储能降低需量电费，需要储能控制系统。",
            ),
            "en": (
                "Peak shaving with storage at a factory",
                "Our factory has rooftop solar and wants batteries to cut demand charges; we "
                "need the control system.",
            ),
        },
    ],
    "fintech": [
        {
            "zh-hans": (
                "电商平台交易反欺诈",
                "平台上的虚假交易和盗卡支付增多，需要实时的订单风险评分。",
            ),
            "en": (
                "Order fraud scoring for a marketplace",
                "Fake orders and stolen-card payments are rising on our platform; we need "
                "real-time order risk scores.",
            ),
        },
    ],
    "edtech": [
        {
            "zh-hans": (
                "中学编程课程",
                "区教育局想为中学引进项目式的编程和机器人课程，包括在线实验环境和教师培训。",
            ),
            "en": (
                "Coding curriculum for secondary schools",
                "The district education bureau wants project-based coding and robotics courses "
                "for secondary schools, with an online lab and teacher training.",
            ),
        },
    ],
}
