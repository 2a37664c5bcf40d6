"""Parallel sentences that measure where each language sits in the embedding space.

A multilingual model places texts of one language close together whatever they say: with
multilingual-e5-small, a Chinese need finds Chinese offers about something else before the
English offer about the same thing. The same sentences written in Chinese, English and
Hebrew differ only in language, so the mean vector of each language's version (one mean for
the "query" side, one for the "passage" side) is that language's offset; embeddings subtract
it before comparing. The sentences are general hub and business prose, written for this
purpose and independent of the evaluation set.
"""

from __future__ import annotations

CALIBRATION_SENTENCES: list[dict[str, str]] = [
    {
        "en": "We are a young company from Tel Aviv with twelve engineers.",
        "zh-hans": "我们是一家来自特拉维夫的年轻公司，有十二名工程师。",
        "he": "אנחנו חברה צעירה מתל אביב עם שנים עשר מהנדסים.",
    },
    {
        "en": "Our factory in Suzhou has produced electronic components since 2008.",
        "zh-hans": "我们在苏州的工厂自2008年起生产电子元器件。",
        "he": "המפעל שלנו בסוג'ואו מייצר רכיבים אלקטרוניים מאז 2008.",
    },
    {
        "en": "The product is already sold in Europe and we want to enter the Chinese market.",
        "zh-hans": "产品已经在欧洲销售，我们希望进入中国市场。",
        "he": "המוצר כבר נמכר באירופה ואנחנו רוצים להיכנס לשוק הסיני.",
    },
    {
        "en": "We are looking for a partner who can help with certification and distribution.",
        "zh-hans": "我们正在寻找能协助认证和分销的合作伙伴。",
        "he": "אנחנו מחפשים שותף שיוכל לעזור ברישוי ובהפצה.",
    },
    {
        "en": "The pilot with the city lasted six months and the results were good.",
        "zh-hans": "与市政府的试点持续了六个月，效果很好。",
        "he": "הפיילוט עם העירייה נמשך שישה חודשים והתוצאות היו טובות.",
    },
    {
        "en": "Our budget for this project is about two million yuan.",
        "zh-hans": "这个项目的预算大约是两百万元。",
        "he": "התקציב שלנו לפרויקט הזה הוא כשני מיליון יואן.",
    },
    {
        "en": "The meeting will take place next Tuesday at the innovation hub in Shanghai.",
        "zh-hans": "会议将于下周二在上海的创新园举行。",
        "he": "הפגישה תתקיים ביום שלישי הבא במרכז החדשנות בשנחאי.",
    },
    {
        "en": "We hold two granted patents and three pending applications.",
        "zh-hans": "我们拥有两项已授权专利和三项正在申请的专利。",
        "he": "יש לנו שני פטנטים רשומים ושלוש בקשות בתהליך.",
    },
    {
        "en": "The system is easy to install and needs little maintenance.",
        "zh-hans": "该系统安装简单，几乎不需要维护。",
        "he": "המערכת קלה להתקנה ודורשת מעט תחזוקה.",
    },
    {
        "en": "Customers pay a monthly subscription for the software.",
        "zh-hans": "客户按月订阅付费使用该软件。",
        "he": "הלקוחות משלמים מנוי חודשי על התוכנה.",
    },
    {
        "en": "The team came from the university's research laboratory.",
        "zh-hans": "团队来自大学的研究实验室。",
        "he": "הצוות הגיע ממעבדת המחקר של האוניברסיטה.",
    },
    {
        "en": "We want to reduce costs and improve quality at the same time.",
        "zh-hans": "我们希望在降低成本的同时提高质量。",
        "he": "אנחנו רוצים להוריד עלויות ולשפר את האיכות בו-זמנית.",
    },
    {
        "en": "The delegation visited three companies and met the district officials.",
        "zh-hans": "代表团参观了三家企业，并会见了区里的官员。",
        "he": "המשלחת ביקרה בשלוש חברות ונפגשה עם בכירי המחוז.",
    },
    {
        "en": "Please send us the technical documents and the price list.",
        "zh-hans": "请把技术资料和价格表发给我们。",
        "he": "אנא שלחו לנו את המסמכים הטכניים ואת המחירון.",
    },
    {
        "en": "Our investors include a venture fund and a large industrial group.",
        "zh-hans": "我们的投资方包括一家风险投资基金和一家大型产业集团。",
        "he": "בין המשקיעים שלנו קרן הון סיכון וקבוצה תעשייתית גדולה.",
    },
    {
        "en": "The data is stored on local servers and never leaves the country.",
        "zh-hans": "数据存储在本地服务器上，不会出境。",
        "he": "הנתונים נשמרים בשרתים מקומיים ולעולם אינם יוצאים מהמדינה.",
    },
    {
        "en": "We have worked with hospitals, schools and local governments.",
        "zh-hans": "我们与医院、学校和地方政府都有过合作。",
        "he": "עבדנו עם בתי חולים, בתי ספר ורשויות מקומיות.",
    },
    {
        "en": "The device is small, light and runs on a battery for a week.",
        "zh-hans": "这台设备小巧轻便，电池可以用一周。",
        "he": "המכשיר קטן וקל ופועל על סוללה במשך שבוע.",
    },
    {
        "en": "Farmers in dry regions need to save water and energy.",
        "zh-hans": "干旱地区的农民需要节约用水和能源。",
        "he": "חקלאים באזורים יבשים צריכים לחסוך במים ובאנרגיה.",
    },
    {
        "en": "The new regulation comes into force at the beginning of next year.",
        "zh-hans": "新规定将于明年年初生效。",
        "he": "התקנה החדשה תיכנס לתוקף בתחילת השנה הבאה.",
    },
    {
        "en": "Our engineers can adapt the solution to the customer's needs.",
        "zh-hans": "我们的工程师可以根据客户需求调整方案。",
        "he": "המהנדסים שלנו יכולים להתאים את הפתרון לצורכי הלקוח.",
    },
    {
        "en": "The company grew from five to fifty employees in three years.",
        "zh-hans": "公司在三年内从五名员工发展到五十名。",
        "he": "החברה גדלה מחמישה לחמישים עובדים בתוך שלוש שנים.",
    },
    {
        "en": "We are raising a seed round to build the first production line.",
        "zh-hans": "我们正在进行种子轮融资，用于建设第一条生产线。",
        "he": "אנחנו מגייסים סבב סיד כדי להקים את קו הייצור הראשון.",
    },
    {
        "en": "Safety and reliability are the most important requirements.",
        "zh-hans": "安全性和可靠性是最重要的要求。",
        "he": "בטיחות ואמינות הן הדרישות החשובות ביותר.",
    },
    {
        "en": "The conference brought together researchers, entrepreneurs and investors.",
        "zh-hans": "这次会议汇聚了研究人员、创业者和投资人。",
        "he": "הכנס הפגיש חוקרים, יזמים ומשקיעים.",
    },
    {
        "en": "Older people want to stay in their own homes for as long as possible.",
        "zh-hans": "老年人希望尽可能长时间地住在自己家里。",
        "he": "אנשים מבוגרים רוצים להישאר בבית שלהם כמה שיותר זמן.",
    },
    {
        "en": "The city plans to replace its diesel buses within five years.",
        "zh-hans": "该市计划在五年内更换所有柴油公交车。",
        "he": "העיר מתכננת להחליף את אוטובוסי הדיזל שלה בתוך חמש שנים.",
    },
    {
        "en": "Hackers attacked the company's network last month.",
        "zh-hans": "上个月黑客攻击了公司的网络。",
        "he": "האקרים תקפו את הרשת של החברה בחודש שעבר.",
    },
    {
        "en": "Students learn better when lessons match their level.",
        "zh-hans": "课程与学生水平相符时，学生学得更好。",
        "he": "תלמידים לומדים טוב יותר כשהשיעורים מותאמים לרמתם.",
    },
    {
        "en": "The bank wants to approve small loans faster.",
        "zh-hans": "银行希望更快地审批小额贷款。",
        "he": "הבנק רוצה לאשר הלוואות קטנות מהר יותר.",
    },
    {
        "en": "We measure the results every week and report them to the client.",
        "zh-hans": "我们每周衡量结果并向客户汇报。",
        "he": "אנחנו מודדים את התוצאות בכל שבוע ומדווחים ללקוח.",
    },
    {
        "en": "Doctors need accurate information to make quick decisions.",
        "zh-hans": "医生需要准确的信息来快速做出决定。",
        "he": "רופאים זקוקים למידע מדויק כדי לקבל החלטות מהירות.",
    },
    {
        "en": "The machine stopped twice because of a broken part.",
        "zh-hans": "机器因为一个零件损坏停了两次。",
        "he": "המכונה נעצרה פעמיים בגלל חלק שבור.",
    },
    {
        "en": "Solar power is cheap during the day but the evening peak is a problem.",
        "zh-hans": "白天的太阳能发电很便宜，但晚高峰是个问题。",
        "he": "חשמל סולארי זול במהלך היום, אבל שיא הצריכה בערב הוא בעיה.",
    },
    {
        "en": "Thank you for the introduction; we would be glad to arrange a call.",
        "zh-hans": "感谢引荐，我们很乐意安排一次通话。",
        "he": "תודה על ההיכרות, נשמח לתאם שיחה.",
    },
    {
        "en": "The warehouse ships thousands of orders every day.",
        "zh-hans": "仓库每天发出数千个订单。",
        "he": "המחסן שולח אלפי הזמנות בכל יום.",
    },
]
