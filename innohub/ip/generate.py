"""Synthetic IP portfolios for load tests: assets of generated members, their status history and
the deadlines the engine computes for them (see innohub.common.generate)."""

from __future__ import annotations

from datetime import date, timedelta

from innohub.common.generate import GenerateContext, bulk_insert
from innohub.ip import deadlines as engine
from innohub.ip.demo import INVENTION_TEMPLATES, SOFTWARE_SUBJECTS, SUBJECTS, UTILITY_TEMPLATES
from innohub.ip.models import Asset, AssetEvent, AssetStatus, Deadline, DeadlineState
from innohub.ip.numbers import cn_patent_check_character
from innohub.ip.services import FIELDS_FROM_ENGINE, settled_before

S = AssetStatus
MIX = [  # (type, weight): a hub network's portfolio is mostly software and trademarks
    (engine.CN_SOFTWARE, 30),
    (engine.CN_TRADEMARK, 25),
    (engine.CN_UTILITY, 20),
    (engine.CN_INVENTION, 15),
    (engine.CN_DESIGN, 5),
    (engine.IL_PATENT, 5),
]
DIGIT = {engine.CN_INVENTION: "1", engine.CN_UTILITY: "2", engine.CN_DESIGN: "3"}
CHUNK = 20_000


def _title(rng, asset_type: str, n: int) -> dict[str, str]:
    if asset_type == engine.CN_SOFTWARE:
        zh, en, he = rng.choice(SOFTWARE_SUBJECTS)
        return {
            "zh-hans": f"{zh}系统V{n % 9 + 1}.0",
            "en": f"{en} system V{n % 9 + 1}.0",
            "he": f"מערכת {he}, גרסה {n % 9 + 1}.0",
        }
    if asset_type == engine.CN_TRADEMARK:
        return {"en": f"MARK{n}", "zh-hans": f"标{n}"}
    zh, en, he = rng.choice(SUBJECTS)
    tz, te, th = rng.choice(
        UTILITY_TEMPLATES if asset_type != engine.CN_INVENTION else INVENTION_TEMPLATES
    )
    return {"zh-hans": tz.format(zh), "en": te.format(en), "he": th.format(he)}


def _number(asset_type: str, filed: date, n: int) -> str:
    if asset_type in DIGIT:
        body = f"{filed.year}{DIGIT[asset_type]}{n % 10**7:07d}"
        return f"{body}.{cn_patent_check_character(body)}"
    if asset_type == engine.CN_TRADEMARK:
        return str(10_000_000 + n)
    if asset_type == engine.CN_SOFTWARE:
        return f"{filed.year}SR{n % 10**7:07d}"
    return str(1_000_000 + n)  # 7 digits


def generate(ctx: GenerateContext) -> None:
    rng = ctx.rng
    today = ctx.today
    owners = [
        (org, hub)
        for org, hub, state in ctx.extra.get("memberships", [])
        if state in ("resident", "admitted", "graduated", "left")
    ]
    if not owners:
        return
    types, weights = zip(*MIX, strict=True)
    total = ctx.sizes["ip_assets"]
    asset_ids: list[int] = []
    for start in range(0, total, CHUNK):
        batch, plans = [], []
        for n in range(start, min(start + CHUNK, total)):
            asset_type = rng.choices(types, weights)[0]
            org_id, hub_id = rng.choice(owners)
            filed = date(2004, 1, 1) + timedelta(
                days=rng.randrange(max((today - date(2004, 1, 1)).days - 30, 1))
            )
            start_on = filed + timedelta(days=rng.randint(150, 1400))
            granted = registered = published = None
            events = [(S.FILED, filed)]
            if start_on < today and rng.random() < 0.85:
                if asset_type in (engine.CN_SOFTWARE, engine.CN_TRADEMARK):
                    registered = start_on
                else:
                    granted = start_on
                events.append((S.VALID, start_on))
            if asset_type == engine.CN_SOFTWARE:
                published = filed - timedelta(days=rng.randrange(200))
            facts = engine.Facts(asset_type, filed, granted, registered, published)
            expiry = engine.expiry_of(engine.compute(facts))
            if events[-1][0] == S.VALID and expiry and expiry < today:
                events.append((S.EXPIRED, expiry + timedelta(days=1)))
            status, since = events[-1]
            asset = Asset(
                hub_id=hub_id,
                type=asset_type,
                number=_number(asset_type, filed, n),
                title=_title(rng, asset_type, n),
                status=status,
                status_since=since,
                filed_on=filed,
                granted_on=granted,
                registered_on=registered,
                published_on=published,
                tracked_since=max(filed, date(2019, 12, 3)),
                expires_on=expiry,
                is_generated=True,
            )
            asset.refresh_computed_fields()
            batch.append(asset)
            plans.append((org_id, events, facts))
        ids = bulk_insert(Asset, batch)
        asset_ids.extend(ids)
        through = Asset.owners.through
        bulk_insert(
            through,
            (through(asset_id=a, organisation_id=p[0]) for a, p in zip(ids, plans, strict=True)),
        )
        bulk_insert(
            AssetEvent,
            (
                AssetEvent(asset_id=a, status=s, on=on)
                for a, p in zip(ids, plans, strict=True)
                for s, on in p[1]
            ),
        )
        bulk_insert(Deadline, _deadlines(rng, today, ids, batch, plans))
        ctx.log(f"    ip: {len(asset_ids):,} assets")
    ctx.ids["ip_assets"] = asset_ids


def _deadlines(rng, today, ids, assets, plans):
    for asset_id, asset, (_org, events, facts) in zip(ids, assets, plans, strict=True):
        for item in engine.compute_for_status(facts, events[-1][0]):
            state = DeadlineState.OPEN
            done_on = None
            if settled_before(item, asset.tracked_since):
                state = DeadlineState.SETTLED
            elif item.kind != engine.EXPIRY and item.due < today and rng.random() < 0.97:
                state, done_on = DeadlineState.DONE, item.due - timedelta(days=rng.randint(1, 30))
            yield Deadline(
                asset_id=asset_id,
                hub_id=asset.hub_id,
                kind=item.kind,
                sequence=item.sequence,
                state=state,
                done_on=done_on,
                **{name: getattr(item, name) for name in FIELDS_FROM_ENGINE},
            )
