"""The default scoring rubric for applications and the arithmetic of a weighted score.

Pure data and arithmetic: nothing here touches the database. A hub may define its own rubric.
"""

DEFAULT_RUBRIC: list[dict] = [
    {
        "slug": "innovation",
        "weight": 3,
        "name": {
            "en": "Technology and innovation",
            "zh-hans": "技术与创新",
            "he": "טכנולוגיה וחדשנות",
        },
        "guidance": {
            "en": "How new is the technology, and is it protected by patents or registrations?",
            "zh-hans": "技术的新颖程度如何？是否受到保护（专利、软件著作权登记）？",
            "he": "עד כמה הטכנולוגיה חדשה, והאם היא מוגנת (פטנטים, רישום תוכנה)?",
        },
    },
    {
        "slug": "sector-fit",
        "weight": 2,
        "name": {
            "en": "Fit with the hub's sectors",
            "zh-hans": "与园区产业方向的契合度",
            "he": "התאמה לתחומי המרכז",
        },
        "guidance": {
            "en": "Does the work fit the hub's focus sectors and its other members?",
            "zh-hans": "业务是否符合园区重点产业方向，能否与其他成员形成协同？",
            "he": "האם הפעילות מתאימה לתחומי המיקוד של המרכז ולחברים האחרים בו?",
        },
    },
    {
        "slug": "team",
        "weight": 2,
        "name": {"en": "Team", "zh-hans": "团队", "he": "צוות"},
        "guidance": {
            "en": "Experience of the founders and the people who will work at the hub.",
            "zh-hans": "创始人及将在园区工作的人员的经验。",
            "he": "ניסיון המייסדים והאנשים שיעבדו במרכז.",
        },
    },
    {
        "slug": "market",
        "weight": 2,
        "name": {
            "en": "Market potential in China",
            "zh-hans": "中国市场潜力",
            "he": "פוטנציאל שוק בסין",
        },
        "guidance": {
            "en": "Is there demand in China, and a credible plan to reach customers or partners?",
            "zh-hans": "在中国是否有需求？是否有可信的客户或合作伙伴拓展计划？",
            "he": "האם יש ביקוש בסין ותוכנית אמינה להגיע ללקוחות או לשותפים?",
        },
    },
    {
        "slug": "cooperation",
        "weight": 1,
        "name": {
            "en": "China–Israel cooperation",
            "zh-hans": "中以合作",
            "he": "שיתוף פעולה סין–ישראל",
        },
        "guidance": {
            "en": "Does it bring Chinese and Israeli partners, research or markets together?",
            "zh-hans": "项目能否连接中以双方的合作伙伴、科研或市场？",
            "he": "האם הפרויקט מחבר בין שותפים, מחקר או שווקים בסין ובישראל?",
        },
    },
]


def weighted_percent(lines: list[tuple[int, int, float | None]]) -> float | None:
    """The weighted score in percent of the highest possible, over the criteria scored so far.

    Each line is (weight, highest score, average score or None when nobody scored it yet).
    """
    scored = [(weight, top, average) for weight, top, average in lines if average is not None]
    possible = sum(weight * top for weight, top, _average in scored)
    if not possible:
        return None
    return round(100 * sum(weight * average for weight, _top, average in scored) / possible, 1)
