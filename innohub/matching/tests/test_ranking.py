"""The hybrid ranking on a fixed small set of offers in Chinese, English and Hebrew.

The vectors come from the real model (embedded once for the module), so these tests say
what a hub user would see: a need written in one language finds the offer written in another.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from innohub.matching.ranking import (
    DEFAULT_WEIGHTS,
    FIT_STAGE,
    FIT_TICKET,
    MatchIndex,
    Record,
    profile_vectors,
    standardise,
)

OFFERS = {
    "exoskeleton": (
        "en",
        "healthcare-bioscience",
        "Soft robotic glove for hand rehabilitation after a stroke: sensors read the muscle "
        "signals of the forearm and the glove helps the patient close and open the fingers.",
    ),
    "glucometer": (
        "he",
        "healthcare-bioscience",
        "מד סוכר ללא דקירה באצבע: החולה מניח רצועה על הלשון והמכשיר מודד את רמת הגלוקוז "
        "בדם מתוך הרוק בתוך חצי דקה. מיועד לחולי סוכרת שבודקים כמה פעמים ביום.",
    ),
    "irrigation": (
        "en",
        "agrifood-water",
        "Drip irrigation controller with soil moisture probes that decides when each field is "
        "watered and saves a third of the water on cotton farms.",
    ),
    "ics-security": (
        "he",
        "cybersecurity",
        "ניטור אבטחת סייבר לרשתות בקרה תעשייתיות: חיישן פסיבי מאזין לתעבורת הבקרים במפעל "
        "ומתריע על פקודות חריגות.",
    ),
    "contract-manufacturing": (
        "zh",
        "healthcare-bioscience",
        "医疗器械代工生产服务：拥有ISO 13485质量体系和万级洁净车间，"
        "可为海外初创企业小批量试产和量产，并协助办理NMPA注册。",
    ),
    "capacitor-bus": (
        "zh",
        "mobility",
        "超级电容公交车与站台快充系统：公交车进站停靠三十秒即可充满电，行驶到下一站。",
    ),
    "structured-light": (
        "en",
        "ai-robotics",
        "Structured-light 3D camera module: a projected coded pattern gives precise depth for "
        "face authentication and robotic bin picking.",
    ),
    "fall-radar": (
        "he",
        "life-health",
        'חיישן מכ"ם ללא מצלמה שמזהה נפילה של אדם מבוגר בחדר או במקלחת ומזעיק את הצוות.',
    ),
}


@pytest.fixture(scope="module")
def index(embedder):  # type: ignore[no-untyped-def]
    keys = list(OFFERS)
    vectors = embedder.embed_passages([OFFERS[k][2] for k in keys])
    records = [
        Record(
            key=key,
            kind="offer",
            text=OFFERS[key][2],
            sectors=frozenset({OFFERS[key][1]}),
            vector=vector,
        )
        for key, vector in zip(keys, vectors, strict=True)
    ]
    return MatchIndex(records)


def need(embedder, text: str, sectors: tuple[str, ...] = ()) -> Record:  # type: ignore[no-untyped-def]
    return Record(
        key=None,
        kind="need",
        text=text,
        sectors=frozenset(sectors),
        vector=embedder.embed_queries([text])[0],
    )


def ranked(index: MatchIndex, query: Record, **options: object) -> list[str]:
    return [item.key for item in index.rank(query, limit=len(OFFERS), **options)]


@pytest.mark.parametrize("mode", ["embedding", "hybrid"])
def test_it_ranks_the_english_offer_first_for_a_chinese_need(embedder, index, mode):
    query = need(
        embedder, "康复医院需要帮助中风病人恢复手部抓握功能的可穿戴设备，能识别病人自己的运动意图。"
    )
    assert ranked(index, query, mode=mode)[0] == "exoskeleton"


@pytest.mark.parametrize("mode", ["embedding", "hybrid"])
def test_it_ranks_the_chinese_offer_first_for_a_hebrew_need(embedder, index, mode):
    query = need(
        embedder, "עירייה מחפשת אוטובוסים חשמליים שנטענים בתחנה בתוך שניות ונוסעים עד התחנה הבאה."
    )
    assert ranked(index, query, mode=mode)[0] == "capacitor-bus"


def test_it_ranks_a_chinese_manufacturer_first_for_a_hebrew_startup(embedder, index):
    query = need(
        embedder,
        "סטארט-אפ ישראלי למכשור רפואי מחפש קבלן ייצור בסין עם חדר נקי ותקן ISO 13485, "
        "שיעזור גם ברישום מול הרגולטור הסיני.",
        ("healthcare-bioscience",),
    )
    top = index.rank(query, limit=3)
    assert top[0].key == "contract-manufacturing"
    # Why: the shared sector, the one term both texts contain, and the closeness in meaning.
    assert top[0].shared_sectors == ["healthcare-bioscience"]
    assert "13485" in top[0].shared_terms
    assert top[0].similarity_percentile is not None and top[0].similarity_percentile >= 0.85


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Our nursing homes must know at once when a resident falls at night, without cameras.",
            "fall-radar",
        ),
        (
            "化工厂的生产控制网络需要工控安全监测，防止PLC被恶意指令攻击，不能影响生产。",
            "ics-security",
        ),
        ("我们的棉田严重缺水，需要根据土壤墒情自动控制的滴灌系统。", "irrigation"),
        ("יצרן רובוטים צריך מצלמת עומק תלת-ממדית לאיסוף חפצים מתוך ארגזים.", "structured-light"),
        ("糖尿病患者不想每天扎手指，药房连锁想找无创的血糖检测设备。", "glucometer"),
    ],
)
def test_it_finds_the_counterpart_across_every_language_pair(embedder, index, text, expected):
    assert ranked(index, need(embedder, text))[0] == expected


def test_it_falls_back_to_words_when_there_are_no_vectors(index):
    query = Record(key=None, kind="need", text="drip irrigation with soil moisture probes")
    results = index.rank(query, limit=3)
    assert results[0].key == "irrigation"
    assert results[0].embedding_z is None and results[0].similarity_percentile is None
    assert {"irrigation", "moisture", "probe"} <= set(results[0].shared_terms)


def test_words_alone_cannot_cross_languages(index):
    """Why the embeddings are needed: BM25 gives a Chinese need nothing in common with English."""
    query = Record(key=None, kind="need", text="需要滴灌和土壤墒情传感器")
    assert all(item.lexical_share == 0 for item in index.rank(query, mode="bm25", limit=8))


def test_scores_are_standardised_per_query_not_thresholded():
    values = np.array([0.80, 0.81, 0.82, 0.90], dtype=np.float32)
    shifted = values + 0.1
    mask = np.ones(4, dtype=bool)
    assert np.allclose(standardise(values, mask), standardise(shifted, mask), atol=1e-5)
    assert np.argmax(standardise(values, mask)) == 3
    assert not standardise(np.full(4, 0.8, dtype=np.float32), mask).any()


def test_the_mask_decides_who_may_be_suggested(embedder, index):
    query = need(embedder, "康复医院需要帮助中风病人恢复手部抓握功能的可穿戴设备")
    mask = np.ones(index.size, dtype=bool)
    mask[index.key_position["exoskeleton"]] = False
    assert "exoskeleton" not in ranked(index, query, mask=mask)
    assert index.rank(query, mask=np.zeros(index.size, dtype=bool)) == []


def test_a_dismissed_suggestion_sinks_and_an_interesting_one_rises(embedder, index):
    query = need(embedder, "康复医院需要帮助中风病人恢复手部抓握功能的可穿戴设备")
    before = ranked(index, query)
    assert before[0] == "exoskeleton"
    after = ranked(index, query, feedback={"exoskeleton": -1, before[-1]: +1})
    assert after[-1] == "exoskeleton"
    assert after.index(before[-1]) < before.index(before[-1])


def test_what_a_user_liked_elsewhere_lifts_similar_candidates(embedder, index):
    query = need(embedder, "We are a hospital group looking for new technology for our patients.")
    neutral = ranked(index, query)
    liked = [index.vectors[index.key_position["contract-manufacturing"]]]
    disliked = [index.vectors[index.key_position["exoskeleton"]]]
    adjusted = ranked(
        index,
        query,
        profile=profile_vectors(liked, disliked),
        weights=replace(DEFAULT_WEIGHTS, profile=2.0),
    )
    assert adjusted.index("contract-manufacturing") < neutral.index("contract-manufacturing")
    assert adjusted.index("exoskeleton") > neutral.index("exoskeleton")


def test_a_thesis_prefers_offers_that_fit_its_stage_and_ticket(embedder):
    text = "Structured-light 3D camera for face authentication and robot picking."
    vector = embedder.embed_passages([text])[0]
    offers = [
        Record(key="late", kind="offer", text=text, stage="growth", amount_min=20e6, vector=vector),
        Record(
            key="fits",
            kind="offer",
            text=text,
            stage="seed",
            amount_min=1e6,
            amount_max=2e6,
            vector=vector,
        ),
    ]
    thesis_text = "We invest in seed-stage 3D vision and robotics startups."
    thesis = Record(
        key="t",
        kind="thesis",
        text=thesis_text,
        stages=frozenset({"seed", "early"}),
        amount_min=500_000,
        amount_max=3_000_000,
        vector=embedder.embed_queries([thesis_text])[0],
    )
    first, second = MatchIndex(offers).rank(thesis, limit=2)
    assert (first.key, second.key) == ("fits", "late")
    assert set(first.fits) == {FIT_STAGE, FIT_TICKET} and not first.misfits
    assert set(second.misfits) == {FIT_STAGE, FIT_TICKET}


def test_an_empty_index_ranks_nothing():
    assert MatchIndex([]).rank(Record(key=None, kind="need", text="anything")) == []
