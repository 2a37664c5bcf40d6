"""The built-in sectors every hub starts with; staff may add more."""

BUILTIN_SECTORS: list[dict] = [
    {
        "slug": "ai-robotics",
        "name": {
            "en": "AI & robotics",
            "zh-hans": "人工智能与机器人",
            "he": "בינה מלאכותית ורובוטיקה",
        },
        "aliases": ["AI", "artificial intelligence", "robotics", "人工智能", "机器人"],
    },
    {
        "slug": "healthcare-bioscience",
        "name": {
            "en": "Healthcare & bioscience",
            "zh-hans": "医疗健康与生物科学",
            "he": "בריאות ומדעי הביולוגיה",
        },
        "aliases": [
            "healthcare",
            "medtech",
            "medical",
            "biotech",
            "bioscience",
            "医疗",
            "生物医药",
        ],
    },
    {
        "slug": "internet-it",
        "name": {
            "en": "Internet & IT",
            "zh-hans": "互联网与信息技术",
            "he": "אינטרנט וטכנולוגיות מידע",
        },
        "aliases": ["IT", "internet", "information technology", "software", "互联网", "信息技术"],
    },
    {
        "slug": "cybersecurity",
        "name": {"en": "Cybersecurity", "zh-hans": "网络安全", "he": "אבטחת סייבר"},
        "aliases": ["cyber", "security", "cyber security", "信息安全", "סייבר"],
    },
    {
        "slug": "intelligent-manufacturing",
        "name": {"en": "Intelligent manufacturing", "zh-hans": "智能制造", "he": "ייצור חכם"},
        "aliases": ["smart manufacturing", "manufacturing", "industry 4.0", "制造"],
    },
    {
        "slug": "life-health",
        "name": {"en": "Life & health", "zh-hans": "生命健康", "he": "חיים ובריאות"},
        "aliases": ["life health", "life and health", "wellness", "elderly care", "大健康", "养老"],
    },
    {
        "slug": "agrifood-water",
        "name": {
            "en": "Agrifood & water",
            "zh-hans": "农业食品与水技术",
            "he": "חקלאות, מזון ומים",
        },
        "aliases": ["agritech", "agrifood", "foodtech", "water", "农业", "水技术"],
    },
    {
        "slug": "mobility",
        "name": {"en": "Mobility", "zh-hans": "智慧出行", "he": "תחבורה חכמה"},
        "aliases": ["smart mobility", "automotive", "transport", "出行", "汽车"],
    },
    {
        "slug": "energy-environment",
        "name": {"en": "Energy & environment", "zh-hans": "能源与环境", "he": "אנרגיה וסביבה"},
        "aliases": ["energy", "cleantech", "environment", "climate", "新能源", "环保"],
    },
    {
        "slug": "fintech",
        "name": {"en": "Fintech", "zh-hans": "金融科技", "he": "פינטק"},
        "aliases": ["financial technology", "finance", "金融"],
    },
    {
        "slug": "edtech",
        "name": {"en": "Edtech", "zh-hans": "教育科技", "he": "טכנולוגיות חינוך"},
        "aliases": ["education technology", "education", "教育"],
    },
]
