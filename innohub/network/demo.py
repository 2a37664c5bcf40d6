"""Demo: the China–Israel Innovation Hub (Shanghai) and its Yangtze River Delta sister hubs."""

from datetime import date

from innohub.common.demo import DemoContext
from innohub.network.models import Hub, Network


def load(ctx: DemoContext) -> None:
    network = Network.objects.create(
        slug="yrd-china-israel",
        name={
            "en": "Yangtze River Delta China–Israel Innovation Network",
            "zh-hans": "长三角中以创新合作网络",
            "he": "רשת החדשנות סין–ישראל של דלתת היאנגצה",
        },
        description={
            "en": "Launched at the hub's first anniversary by China–Israel innovation "
            "organisations of Shanghai, Jiangsu and Zhejiang.",
            "zh-hans": "在创新园一周年庆典上由上海、江苏、浙江三地的中以创新机构共同发起。",
            "he": "הושקה ביום השנה הראשון של המרכז על ידי ארגוני חדשנות סין–ישראל משנחאי, "
            "ג'יאנגסו וג'ה-ג'יאנג.",
        },
        founded_on=date(2020, 12, 3),
    )
    ctx.networks["yrd"] = network
    ctx.hubs["ciih"] = Hub.objects.create(
        slug="ciih-shanghai",
        name={
            "en": "China–Israel Innovation Hub (Shanghai)",
            "zh-hans": "中以（上海）创新园",
            "he": "מרכז החדשנות סין–ישראל (שנחאי)",
        },
        short_name={"en": "CIIH Shanghai", "zh-hans": "中以（上海）创新园", "he": "CIIH שנחאי"},
        network=network,
        joined_network_on=date(2020, 12, 3),
        city={"en": "Shanghai", "zh-hans": "上海", "he": "שנחאי"},
        province={"en": "Shanghai", "zh-hans": "上海市", "he": "שנחאי"},
        address={
            "en": "Former Hero Pen Factory, Taopu Smart City, Putuo District",
            "zh-hans": "普陀区桃浦智创城 原英雄金笔厂",
            "he": "מפעל העטים 'הירו' לשעבר, העיר החכמה טאופו, מחוז פוטואו",
        },
        country="CN",
        opened_on=date(2019, 12, 3),
        time_zone="Asia/Shanghai",
        description={
            "en": "A park for Chinese and Israeli enterprises, incubators and projects in a "
            "renovated pen factory: exhibition and service centre, offices for startups, two "
            "100-seat roadshow centres, and the district's IP service desk.",
            "zh-hans": "位于改造后的老金笔厂内，汇聚中以两国企业、孵化器和项目：展示与服务中心、"
            "初创企业办公空间、两个百人路演中心，以及区知识产权服务窗口。",
            "he": "פארק לחברות, חממות ופרויקטים סיניים וישראליים במפעל עטים משופץ: מרכז תצוגה "
            "ושירות, משרדים לסטארט-אפים, שני מרכזי רודשואו בני 100 מקומות ודלפק שירותי "
            "קניין רוחני של המחוז.",
        },
    )
    ctx.hubs["jiangsu"] = Hub.objects.create(
        slug="jiangsu-nanjing",
        name={
            "en": "China–Israel Innovation Platform (Nanjing, Jiangsu)",
            "zh-hans": "中以创新合作平台（江苏南京）",
            "he": "פלטפורמת החדשנות סין–ישראל (נאנג'ינג, ג'יאנגסו)",
        },
        short_name={"en": "Jiangsu platform", "zh-hans": "江苏平台", "he": "פלטפורמת ג'יאנגסו"},
        network=network,
        joined_network_on=date(2020, 12, 3),
        city={"en": "Nanjing", "zh-hans": "南京", "he": "נאנג'ינג"},
        province={"en": "Jiangsu", "zh-hans": "江苏省", "he": "ג'יאנגסו"},
        address={
            "en": "Jiangning High-Tech Park",
            "zh-hans": "江宁高新园",
            "he": "פארק ההיי-טק ג'יאנגנינג",
        },
        country="CN",
        opened_on=date(2020, 6, 1),
        time_zone="Asia/Shanghai",
        description={
            "en": "The Jiangsu member of the network, showcasing Israeli startups at the "
            "Jiangning High-Tech Park.",
            "zh-hans": "网络在江苏的成员，在江宁高新园展示以色列初创企业。",
            "he": "החברה בג'יאנגסו ברשת, המציגה סטארט-אפים ישראליים בפארק ההיי-טק ג'יאנגנינג.",
        },
    )
    ctx.hubs["zhejiang"] = Hub.objects.create(
        slug="zhejiang-hangzhou",
        name={
            "en": "China–Israel Innovation Platform (Hangzhou, Zhejiang)",
            "zh-hans": "中以创新合作平台（浙江杭州）",
            "he": "פלטפורמת החדשנות סין–ישראל (האנגג'ואו, ג'ה-ג'יאנג)",
        },
        short_name={"en": "Zhejiang platform", "zh-hans": "浙江平台", "he": "פלטפורמת ג'ה-ג'יאנג"},
        network=network,
        joined_network_on=date(2020, 12, 3),
        city={"en": "Hangzhou", "zh-hans": "杭州", "he": "האנגג'ואו"},
        province={"en": "Zhejiang", "zh-hans": "浙江省", "he": "ג'ה-ג'יאנג"},
        address={},
        country="CN",
        opened_on=date(2020, 9, 1),
        time_zone="Asia/Shanghai",
        description={
            "en": "The Zhejiang member of the network.",
            "zh-hans": "网络在浙江的成员。",
            "he": "החברה בג'ה-ג'יאנג ברשת.",
        },
    )
