"""Synthetic hubs and networks for load tests (see innohub.common.generate)."""

from datetime import date, timedelta

from innohub.common.generate import GenerateContext, bulk_insert
from innohub.network.models import Hub, Network

# (English, Chinese, Hebrew, province in English, province in Chinese)
CITIES = [
    ("Shanghai", "上海", "שנחאי", "Shanghai", "上海市"),
    ("Nanjing", "南京", "נאנג'ינג", "Jiangsu", "江苏省"),
    ("Suzhou", "苏州", "סוג'ואו", "Jiangsu", "江苏省"),
    ("Changzhou", "常州", "צ'אנגג'ואו", "Jiangsu", "江苏省"),
    ("Hangzhou", "杭州", "האנגג'ואו", "Zhejiang", "浙江省"),
    ("Ningbo", "宁波", "נינגבו", "Zhejiang", "浙江省"),
    ("Hefei", "合肥", "חפיי", "Anhui", "安徽省"),
    ("Beijing", "北京", "בייג'ינג", "Beijing", "北京市"),
    ("Tianjin", "天津", "טיינג'ין", "Tianjin", "天津市"),
    ("Shenzhen", "深圳", "שנג'ן", "Guangdong", "广东省"),
    ("Guangzhou", "广州", "גואנגג'ואו", "Guangdong", "广东省"),
    ("Chengdu", "成都", "צ'נגדו", "Sichuan", "四川省"),
    ("Wuhan", "武汉", "ווהאן", "Hubei", "湖北省"),
    ("Xi'an", "西安", "שיאן", "Shaanxi", "陕西省"),
    ("Qingdao", "青岛", "צ'ינגדאו", "Shandong", "山东省"),
    ("Jinan", "济南", "ג'ינאן", "Shandong", "山东省"),
    ("Xiamen", "厦门", "שיאמן", "Fujian", "福建省"),
    ("Chongqing", "重庆", "צ'ונגצ'ינג", "Chongqing", "重庆市"),
    ("Changsha", "长沙", "צ'אנגשה", "Hunan", "湖南省"),
    ("Zhengzhou", "郑州", "ג'נגג'ואו", "Henan", "河南省"),
]
REGIONS = [
    ("yangtze", "Yangtze River Delta", "长三角", "דלתת היאנגצה"),
    ("bohai", "Bohai Rim", "环渤海", "חוף בוהאי"),
    ("pearl", "Pearl River Delta", "珠三角", "דלתת נהר הפנינה"),
    ("west", "Western China", "中西部", "מערב סין"),
    ("central", "Central China", "华中", "מרכז סין"),
]


def generate(ctx: GenerateContext) -> None:
    networks = [
        Network(
            slug=f"gen-{key}",
            name={
                "en": f"{en} China–Israel Innovation Network",
                "zh-hans": f"{zh}中以创新网络",
                "he": f"רשת החדשנות סין–ישראל של {he}",
            },
            founded_on=date(2018, 1, 1) + timedelta(days=ctx.rng.randrange(1500)),
        )
        for key, en, zh, he in REGIONS
    ]
    network_ids = bulk_insert(Network, networks)
    hubs = []
    for i in range(ctx.sizes["hubs"]):
        en, zh, he, province_en, province_zh = CITIES[i % len(CITIES)]
        n = i // len(CITIES) + 1
        hubs.append(
            Hub(
                slug=f"gen-hub-{i + 1:04d}",
                name={
                    "en": f"China–Israel Innovation Hub ({en} {n})",
                    "zh-hans": f"中以（{zh}）创新园 {n}号",
                    "he": f"מרכז החדשנות סין–ישראל ({he} {n})",
                },
                short_name={"en": f"{en} {n}", "zh-hans": f"{zh}{n}号", "he": f"{he} {n}"},
                network_id=network_ids[i % len(network_ids)],
                city={"en": en, "zh-hans": zh, "he": he},
                province={"en": province_en, "zh-hans": province_zh},
                opened_on=date(2015, 1, 1) + timedelta(days=ctx.rng.randrange(3650)),
                time_zone="Asia/Shanghai",
            )
        )
    ctx.ids["hubs"] = bulk_insert(Hub, hubs)
