"""`innohub evaluate-matching`, its metrics and the labelled evaluation set shipped with innohub."""

from __future__ import annotations

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from innohub.matching.evaluation import (
    EvalDataError,
    embed,
    evaluate,
    load_jsonl,
    query_metrics,
    tune,
)

EVAL_FILE = Path(__file__).resolve().parents[1] / "eval" / "matching.jsonl"

TINY = [
    {
        "id": "O1",
        "kind": "offer",
        "lang": "en",
        "sector": "medtech",
        "text": "Soft robotic glove that helps stroke patients grasp, driven by forearm muscles.",
    },
    {
        "id": "O2",
        "kind": "offer",
        "lang": "zh",
        "sector": "制造",
        "text": "精密注塑与模具开发代工，服务医疗器械和可穿戴设备客户，从试产到量产。",
    },
    {
        "id": "O3",
        "kind": "offer",
        "lang": "he",
        "sector": "water",
        "text": "מתקן התפלה קטן שמופעל באנרגיה סולארית ומספק מי שתייה לכפרים מרוחקים.",
    },
    {
        "id": "O4",
        "kind": "offer",
        "lang": "en",
        "sector": "fintech",
        "text": "Fraud scoring for card payments from how users type and swipe on their phones.",
    },
    {
        "id": "N1",
        "kind": "need",
        "lang": "zh",
        "sector": "医疗",
        "split": "dev",
        "text": "康复医院需要帮助中风病人恢复手部抓握功能的可穿戴设备。",
        "relevant": ["O1"],
    },
    {
        "id": "N2",
        "kind": "need",
        "lang": "he",
        "sector": "manufacturing",
        "split": "test",
        "text": "סטארט-אפ ישראלי צריך קבלן סיני לייצור תבניות ולהזרקת פלסטיק מדויקת.",
        "relevant": ["O2"],
    },
    {
        "id": "T1",
        "kind": "thesis",
        "lang": "en",
        "split": "test",
        "text": "We invest in water technology for dry regions.",
        "relevant": ["O3"],
    },
]


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def test_the_metrics_of_one_ranked_list():
    assert query_metrics(["a", "b", "c"], ["a"]) == {"recall@5": 1.0, "mrr": 1.0, "ndcg@10": 1.0}
    second = query_metrics(["x", "a", "y"], ["a"])
    assert second["mrr"] == 0.5 and second["recall@5"] == 1.0
    assert second["ndcg@10"] == pytest.approx(1 / 1.5849625, rel=1e-6)
    late = query_metrics(["x1", "x2", "x3", "x4", "x5", "a"], ["a", "b"])
    assert late["recall@5"] == 0.0 and late["mrr"] == pytest.approx(1 / 6)
    assert query_metrics(["x"], ["a"]) == {"recall@5": 0.0, "mrr": 0.0, "ndcg@10": 0.0}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "N9", "kind": "need", "lang": "zh", "text": "x", "relevant": ["O99"]}, "unknown"),
        ({"id": "O1", "kind": "offer", "lang": "en", "text": "again"}, "used twice"),
        ({"id": "N9", "kind": "need", "lang": "fr", "text": "x", "relevant": ["O1"]}, "lang"),
        ({"id": "N9", "kind": "need", "lang": "en", "text": "x"}, "relevant"),
        ({"id": "N9", "kind": "wish", "lang": "en", "text": "x"}, "kind"),
    ],
)
def test_it_rejects_a_broken_file_saying_which_line(tmp_path, row, message):
    path = write(tmp_path / "bad.jsonl", [*TINY, row])
    with pytest.raises(EvalDataError, match=message) as caught:
        load_jsonl(path)
    assert f"line {len(TINY) + 1}" in str(caught.value) or "unknown" in str(caught.value)


def test_the_command_prints_the_three_rankings_as_json(db, tmp_path):
    path = write(tmp_path / "tiny.jsonl", TINY)
    out = StringIO()
    call_command("evaluate-matching", "--data", str(path), "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert set(figures) == {"bm25", "embedding", "hybrid"}
    for mode in figures.values():
        assert set(mode) == {"recall@5", "mrr", "ndcg@10"}
        assert all(0.0 <= value <= 1.0 for value in mode.values())
    # Every need here is in another language than its offer: words alone fail, meaning works.
    assert figures["hybrid"]["recall@5"] == 1.0
    assert figures["embedding"]["mrr"] > figures["bm25"]["mrr"]


def test_the_command_reports_a_split_and_a_table(db, tmp_path):
    path = write(tmp_path / "tiny.jsonl", TINY)
    out = StringIO()
    call_command("evaluate-matching", "--data", str(path), "--split", "test", stdout=out)
    text = out.getvalue()
    assert "2 queries" in text and "split test (2)" in text and "hybrid" in text
    with pytest.raises(CommandError, match="no query"):
        call_command("evaluate-matching", "--data", str(path), "--split", "holdout")
    with pytest.raises(CommandError, match="No such file"):
        call_command("evaluate-matching", "--data", str(tmp_path / "missing.jsonl"))


def test_tuning_never_looks_at_the_held_out_split(embedder, tmp_path):
    honest = load_jsonl(write(tmp_path / "a.jsonl", TINY))
    # Same file, but the held-out labels are wrong: the tuned weights must not change.
    broken_rows = [dict(r, relevant=["O4"]) if r.get("split") == "test" else r for r in TINY]
    broken = load_jsonl(write(tmp_path / "b.jsonl", broken_rows))
    embed(honest, embedder)
    embed(broken, embedder)
    assert tune(honest)[0] == tune(broken)[0]


def test_the_shipped_set_is_large_labelled_and_in_three_languages():
    evalset = load_jsonl(EVAL_FILE)
    assert len(evalset.offers) + len(evalset.queries) >= 150
    assert set(evalset.offer_languages.values()) == {"zh", "en", "he"}
    for split in ("dev", "test"):
        languages = Counter(q.language for q in evalset.queries if q.split == split)
        assert set(languages) == {"zh", "en", "he"}
    assert {q.record.kind for q in evalset.queries} == {"need", "thesis"}
    cross = [
        q
        for q in evalset.queries
        if q.language not in {evalset.offer_languages[o] for o in q.relevant}
    ]
    assert len(cross) > len(evalset.queries) / 2


@pytest.fixture(scope="module")
def shipped_evaluation(embedder):  # type: ignore[no-untyped-def]
    evalset = load_jsonl(EVAL_FILE)
    embed(evalset, embedder)
    return evaluate(evalset)


def test_the_hybrid_finds_the_counterpart_in_the_top_five_of_the_held_out_split(
    shipped_evaluation,
):
    held_out = shipped_evaluation.summary(split="test")
    assert held_out["hybrid"]["recall@5"] >= 0.8
    assert held_out["hybrid"]["mrr"] >= held_out["bm25"]["mrr"]
    assert held_out["hybrid"]["recall@5"] >= held_out["embedding"]["recall@5"]
