"""Word lists from which the demo generator builds filler organisations in three languages."""

# Israeli-style startup names: (English, Hebrew) fragments.
IL_PREFIXES = [
    ("Aqua", "אקווה"),
    ("Nano", "ננו"),
    ("Opti", "אופטי"),
    ("Medi", "מדי"),
    ("Agri", "אגרי"),
    ("Robo", "רובו"),
    ("Quanta", "קוונטה"),
    ("Sense", "סנס"),
    ("Vita", "ויטה"),
    ("Cyber", "סייבר"),
    ("Helio", "הליו"),
    ("Neuro", "נוירו"),
    ("Terra", "טרה"),
    ("Bio", "ביו"),
    ("Data", "דאטה"),
]
IL_SUFFIXES = [
    ("Wave", "ווייב"),
    ("Logic", "לוג'יק"),
    ("Path", "פאת'"),
    ("Core", "קור"),
    ("Grid", "גריד"),
    ("Mind", "מיינד"),
    ("Flow", "פלו"),
    ("Sight", "סייט"),
    ("Gen", "ג'ן"),
    ("Link", "לינק"),
    ("Cell", "סל"),
    ("Shield", "שילד"),
]
# Chinese enterprise names: (Chinese, pinyin) fragments and the kind of business.
CN_CITIES = [("上海", "Shanghai"), ("苏州", "Suzhou"), ("杭州", "Hangzhou"), ("南京", "Nanjing")]
CN_WORDS = [
    ("智联", "Zhilian"),
    ("云图", "Yuntu"),
    ("星辰", "Xingchen"),
    ("华信", "Huaxin"),
    ("数安", "Shu'an"),
    ("康泰", "Kangtai"),
    ("博睿", "Borui"),
    ("光启", "Guangqi"),
    ("锐思", "Ruisi"),
    ("启明", "Qiming"),
    ("海纳", "Haina"),
    ("鼎新", "Dingxin"),
    ("致远", "Zhiyuan"),
    ("恒通", "Hengtong"),
    ("立方", "Lifang"),
    ("安瑞", "Anrui"),
]
CN_BUSINESS = {
    "ai-robotics": ("智能科技", "Intelligent Technology"),
    "healthcare-bioscience": ("生物医药科技", "Biomedical Technology"),
    "internet-it": ("信息技术", "Information Technology"),
    "cybersecurity": ("网络安全技术", "Network Security Technology"),
    "intelligent-manufacturing": ("智能装备", "Intelligent Equipment"),
    "life-health": ("健康科技", "Health Technology"),
    "agrifood-water": ("农业科技", "Agricultural Technology"),
    "mobility": ("智能出行科技", "Smart Mobility Technology"),
    "energy-environment": ("环境科技", "Environmental Technology"),
    "fintech": ("金融信息服务", "Financial Information Services"),
    "edtech": ("教育科技", "Education Technology"),
}
# One-line descriptions per sector: what a generated member works on.
SECTOR_BLURBS = {
    "ai-robotics": {
        "en": "Builds machine-vision and robotics systems for factories and clinics.",
        "zh-hans": "为工厂和医疗机构开发机器视觉与机器人系统。",
        "he": "מפתחת מערכות ראייה ממוחשבת ורובוטיקה למפעלים ולמרפאות.",
    },
    "healthcare-bioscience": {
        "en": "Develops diagnostic devices and digital health tools for hospitals.",
        "zh-hans": "为医院研发诊断设备和数字健康工具。",
        "he": "מפתחת מכשירי אבחון וכלי בריאות דיגיטלית לבתי חולים.",
    },
    "internet-it": {
        "en": "Provides cloud software and data platforms for enterprises.",
        "zh-hans": "为企业提供云软件和数据平台。",
        "he": "מספקת תוכנת ענן ופלטפורמות נתונים לארגונים.",
    },
    "cybersecurity": {
        "en": "Protects industrial networks and cloud services against intrusions.",
        "zh-hans": "保护工业网络和云服务免受入侵。",
        "he": "מגינה על רשתות תעשייתיות ושירותי ענן מפני חדירות.",
    },
    "intelligent-manufacturing": {
        "en": "Makes sensors and control software for smart production lines.",
        "zh-hans": "为智能产线制造传感器和控制软件。",
        "he": "מייצרת חיישנים ותוכנות בקרה לקווי ייצור חכמים.",
    },
    "life-health": {
        "en": "Offers products and services for healthy ageing and daily care.",
        "zh-hans": "提供健康养老和日常护理的产品与服务。",
        "he": "מציעה מוצרים ושירותים להזדקנות בריאה ולטיפול יומיומי.",
    },
    "agrifood-water": {
        "en": "Works on precision irrigation, water reuse and food technology.",
        "zh-hans": "从事精准灌溉、水资源循环利用和食品技术。",
        "he": "עוסקת בהשקיה מדויקת, מיחזור מים וטכנולוגיית מזון.",
    },
    "mobility": {
        "en": "Develops driver-assistance and fleet software for smart mobility.",
        "zh-hans": "为智慧出行开发驾驶辅助和车队管理软件。",
        "he": "מפתחת מערכות סיוע לנהג ותוכנה לניהול ציי רכב.",
    },
    "energy-environment": {
        "en": "Builds energy storage and emissions monitoring solutions.",
        "zh-hans": "开发储能和排放监测解决方案。",
        "he": "בונה פתרונות אגירת אנרגיה וניטור פליטות.",
    },
    "fintech": {
        "en": "Offers payment risk scoring and compliance software.",
        "zh-hans": "提供支付风控评分和合规软件。",
        "he": "מציעה תוכנה לדירוג סיכוני תשלומים ולציות.",
    },
    "edtech": {
        "en": "Creates coding and science courses for schools.",
        "zh-hans": "为学校开发编程和科学课程。",
        "he": "יוצרת קורסי תכנות ומדעים לבתי ספר.",
    },
}

# Which Israeli name prefixes suit which sector.
SECTOR_PREFIXES = {
    "ai-robotics": ["Robo", "Neuro", "Sense", "Opti", "Quanta", "Data"],
    "healthcare-bioscience": ["Medi", "Bio", "Neuro", "Vita", "Nano"],
    "internet-it": ["Data", "Quanta", "Cyber", "Opti"],
    "cybersecurity": ["Cyber", "Data", "Quanta"],
    "intelligent-manufacturing": ["Robo", "Nano", "Opti", "Sense"],
    "life-health": ["Vita", "Medi", "Bio", "Sense"],
    "agrifood-water": ["Agri", "Aqua", "Terra", "Bio"],
    "mobility": ["Helio", "Sense", "Opti", "Robo"],
    "energy-environment": ["Helio", "Terra", "Aqua", "Nano"],
    "fintech": ["Data", "Quanta", "Cyber"],
    "edtech": ["Neuro", "Data", "Sense"],
}
