"""Large and hostile inputs for the mojibake kernel: no crash, no quadratic time."""
from __future__ import annotations

import threading

import pytest

MB = 1 << 20


@pytest.mark.parametrize(
    "unit",
    [
        "鍙戝竷",  # all suspicious, valid mojibake
        "\ufffd",
        "·¢",
        "鍙\ufffd",
        "å\ufffd",
        "锟斤拷",
        "?",
        "发布了新闻，",  # clean
        "é",
        "\ufffdd穦某",  # a loss, an orphaned second byte: re-read in step, in chunks
        "\ufffdC",
    ],
)
def test_megabytes_without_a_newline(mojibake, unit):
    text = unit * (MB // (3 * len(unit)))
    result = mojibake.fix_mojibake(text)
    assert isinstance(result, str)


def test_clean_megabytes_come_back_as_the_same_object(mojibake):
    text = "发布了新闻，今天天气很好。(记者 张冰)\n" * 20000
    assert mojibake.fix_mojibake(text) is text


def test_whole_megabyte_of_mojibake(mojibake):
    original = "发布了新闻，今天天气很好。中华人民共和国\n" * 20000
    assert mojibake.fix_mojibake(original.encode("utf-8").decode("gbk")) == original


def test_threads(mojibake):
    original = "发布了新闻，今天天气很好。中华人民共和国\n" * 3000
    broken = original.encode("utf-8").decode("latin-1")
    results = []

    def work():
        results.append(mojibake.fix_mojibake(broken))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [original] * 4


def test_megabyte_of_big5_read_as_gbk_with_losses(mojibake):
    original = "會議強調,要千方百計抓重點物資供應保障。市委常委會召開會議\n"
    broken = original.encode("big5").decode("gbk", "replace")
    repaired = mojibake.fix_mojibake(broken)
    assert repaired != broken
    count = 2000 if mojibake.__name__.endswith("_py") else MB // 3 // len(broken)
    assert mojibake.fix_mojibake(broken * count) == repaired * count
