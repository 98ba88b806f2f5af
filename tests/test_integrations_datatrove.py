"""datatrove: ZhcleanFormatter in a LocalPipelineExecutor over JSON Lines."""
from __future__ import annotations

import gzip
import json

import pytest

import zhclean

pytestmark = pytest.mark.any_implementation

TEXTS = ["省(sheng)委(wei)書(shu)記", "鍙戝竷浜嗘柊闂伙紝", "沒有要改的。", "這個頁面有疑問，請到互助客栈询问。"]


def test_pipeline_over_jsonl(tmp_path):
    pytest.importorskip("datatrove", reason="pip install 'zhclean[datatrove]'")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from zhclean.integrations.datatrove import ZhcleanFormatter

    raw = tmp_path / "raw"
    raw.mkdir()
    for shard in range(2):
        with (raw / f"{shard}.jsonl").open("w", encoding="utf-8") as handle:
            for n, text in enumerate(TEXTS):
                handle.write(json.dumps({"id": f"{shard}-{n}", "text": text}, ensure_ascii=False) + "\n")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(raw)),
            ZhcleanFormatter(stats=True),
            JsonlWriter(str(tmp_path / "clean"), output_filename="${rank}.jsonl.gz"),
        ],
        tasks=2, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    records = []
    for path in sorted((tmp_path / "clean").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle)
    assert sorted(r["id"] for r in records) == [f"{s}-{n}" for s in range(2) for n in range(len(TEXTS))]
    cleaner = zhclean.Cleaner()
    for record in records:
        original = TEXTS[int(record["id"].split("-")[1])]
        assert record["text"] == cleaner(original)
        signals = record["metadata"]["zhclean"]
        assert signals["annotations_removed"] == cleaner.process(original).stats.annotations_removed
    assert {r["text"] for r in records} == {
        "省委書記", "发布了新闻，", "沒有要改的。", "這個頁面有疑問，請到互助客棧詢問。",
    }
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    formatter = next(step for step in stats if "zhclean" in step["name"])
    assert formatter["stats"]["annotations_removed"]["total"] == 2 * 3  # 省 委 書, in each shard


def test_formatter_pickles_with_the_pipeline():
    pytest.importorskip("datatrove", reason="pip install 'zhclean[datatrove]'")
    import pickle

    from zhclean.integrations.datatrove import ZhcleanFormatter

    step = pickle.loads(pickle.dumps(ZhcleanFormatter(script="simplified")))
    assert step.cleaner == zhclean.Cleaner(script="simplified")
    assert step.format("書(shu)記") == "书记"
