"""The command's unit of cleaning, block sizes, jobs, encodings and JSON Lines."""
from __future__ import annotations

import codecs
import io
import json
import os
import re
import subprocess
import sys

import pytest

import zhclean
from conftest import CORPUS
from zhclean.cli import main

pytestmark = pytest.mark.any_implementation

SEEDS = sorted((CORPUS / "samples" / "seeds").glob("*.txt"))


def run_here(monkeypatch, *args: str, stdin: bytes = b"") -> tuple[int, bytes]:
    """The command in this process (fast): exit status and standard output."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = main(list(args))
    out.flush()
    return status, out.buffer.getvalue()  # type: ignore[attr-defined]


def lines(text: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def paragraphs(text: str) -> list[str]:
    units, current, blank = [], "", False
    for line in lines(text):
        if line.strip() == "" and line:
            blank = True
        elif blank:
            units.append(current)
            current, blank = "", False
        current += line
    return units + ([current] if current else [])


# A text with what can go wrong at a block's edge: multi-byte characters,
# CRLF and lone CR, blank-line runs, mojibake and annotations, mixed script
# inside one paragraph, trailing spaces, no final newline.
TEXT = (
    "\n\n書(shu)記說, 鍙戝竷浜嗘柊闂伙紝\r\n第二行 \r\n\n"
    "這個頁面有疑問，請到互助客栈询问。\n台灣的溫泉\r裡\n  \n\t\n"
    "ＡＢＣ１２３ 疫(yi)(yi)情\n" * 3 + "\n最後一段，沒有換行 "
)


@pytest.mark.parametrize("unit, cut", [("line", lines), ("paragraph", paragraphs), ("file", lambda t: [t])])
def test_output_is_the_units_cleaned_whatever_the_block_size(monkeypatch, tmp_path, unit, cut):
    source = tmp_path / "in.txt"
    source.write_text(TEXT, encoding="utf-8")
    cleaner = zhclean.Cleaner()
    expected = "".join(cleaner.clean_batch(cut(TEXT))).encode()
    for block in (1, 2, 3, 5, 64, 4096, 1 << 20):
        status, out = run_here(monkeypatch, "--unit", unit, "--block-size", str(block), str(source))
        assert status == 0 and out == expected, (unit, block)
    if unit == "file":
        assert expected.decode() == cleaner(TEXT)


def test_units_differ_where_the_cleaner_judges_a_whole_document(monkeypatch, tmp_path):
    """Script unification weighs the unit: a Simplified line alone is pure
    (kept), inside a Traditional document it is the minority (converted)."""
    text = "這是一個繁體中文的頁面，內容很長。\n请到互助客栈询问。\n我們會盡快處理這個問題。\n"
    source = tmp_path / "doc.txt"
    source.write_text(text, encoding="utf-8")
    by_line = run_here(monkeypatch, str(source))[1].decode()
    whole = run_here(monkeypatch, "--unit", "file", str(source))[1].decode()
    assert by_line == text
    assert whole == zhclean.Cleaner()(text) != text and "請到互助客棧詢問" in whole


def test_jobs_give_the_same_output_in_the_same_order(tmp_path):
    """Several batches (about half a million characters) in two processes."""
    text = "".join(seed.read_text(encoding="utf-8") + "\n書(shu)記 \n" for seed in SEEDS)
    first = tmp_path / "first.txt"
    first.write_text(text * 40, encoding="utf-8")  # ~1.4 MB, several batches
    second = tmp_path / "second.txt"
    second.write_text("鍙戝竷浜嗘柊闂伙紝\n", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        result = subprocess.run([sys.executable, "-m", "zhclean", "--jobs", jobs, "--stats-json",
                                 str(tmp_path / f"stats{jobs}.json"), str(first), str(second)],
                                capture_output=True, timeout=300)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].decode() == "".join(zhclean.Cleaner().clean_batch(lines(text * 40))) + "发布了新闻，\n"
    stats = [json.loads((tmp_path / f"stats{jobs}.json").read_text())["total"] for jobs in "12"]
    for key in ("chars_in", "chars_out", "annotations_removed", "mojibake_repaired", "units"):
        assert stats[0][key] == stats[1][key]


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "big5", "utf-16", "utf-8-sig", "utf-8"])
def test_encodings_named_and_detected(monkeypatch, tmp_path, codec):
    text = "發布新聞，今天天氣很好。\n書(shu)記說：一切順利。\n" if "big5" in codec else \
        "发布新闻，今天天气很好。\n书(shu)记说：一切顺利。\n"
    source = tmp_path / f"{codec}.txt"
    source.write_bytes(text.encode(codec))
    expected = zhclean.Cleaner()(text).encode("utf-8")
    for encoding in (codec, "auto"):
        for block in ("1", "65536"):
            status, out = run_here(monkeypatch, "-e", encoding, "--block-size", block, str(source))
            assert status == 0 and out == expected, (encoding, block)


def test_auto_detection_on_real_pages(monkeypatch, tmp_path):
    """The shipped pages in the codecs they would be published in."""
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        for codec in ("gb18030", "big5", "utf-16", "utf-8"):
            try:
                data = text.encode(codec)
            except UnicodeEncodeError:
                continue  # a character Big5 (or GB18030) lacks
            source = tmp_path / f"{seed.stem}.{codec}.txt"
            source.write_bytes(data)
            status, out = run_here(monkeypatch, "-e", "auto", "--no-mojibake", "--no-script", "--no-pinyin",
                                   "--no-width", "--no-invisible", "--no-whitespace", str(source))
            assert status == 0 and out.decode() == text, (seed.name, codec)


def test_undecodable_bytes_name_the_codec_and_offset(monkeypatch, tmp_path, capsys):
    data = "第一行\n".encode("big5") + b"\xa4\x40" * 10 + b"\xff\xff"
    source = tmp_path / "b5.txt"
    source.write_bytes(data)
    bad = data.index(b"\xff")
    for block in ("1", "3", "4096"):
        status, out = run_here(monkeypatch, "-e", "big5", "--block-size", block, str(source))
        assert status == 2 and out.decode() == "第一行\n" + "一" * 10
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"b5.txt: not valid big5 at byte {bad}" in err


def test_auto_detection_cannot_tell(monkeypatch, tmp_path, capsys):
    source = tmp_path / "bin.txt"
    source.write_bytes(b"\x80\xff\x80\xff" * 10)
    status, _ = run_here(monkeypatch, "-e", "auto", str(source))
    assert status == 2 and "cannot tell the encoding" in capsys.readouterr().err


# --- JSON Lines ---------------------------------------------------------------------
RECORDS = [
    '{"id": 1, "text": "書(shu)記 ", "meta": {"a": [1, 2.50, "x"]}}\n',
    '{"text":"\\u66f8(shu)","id":2}\r\n',
    '{"id": 3, "text": "沒有要改的\\n第二行", "url": "http://example.com/?a=1"}\n',
    '\n',
    '{"id": 4, "text": "鍙戝竷浜嗘柊闂伙紝"}',
]


def test_jsonl_cleans_one_field_and_keeps_every_other_byte(monkeypatch, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(RECORDS), encoding="utf-8")
    status, out = run_here(monkeypatch, "--jsonl", str(source))
    assert status == 0
    assert out.decode().splitlines(keepends=True) == [
        '{"id": 1, "text": "書記", "meta": {"a": [1, 2.50, "x"]}}\n',
        '{"text":"書","id":2}\r\n',
        RECORDS[2],
        "\n",
        '{"id": 4, "text": "发布了新闻，"}',
    ]
    for line in out.decode().splitlines():
        if line.strip():
            json.loads(line)


def test_jsonl_other_field_and_escapes(monkeypatch, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"title": "書(shu)\\ud800", "text": "書(shu)"}\n', encoding="utf-8")
    status, out = run_here(monkeypatch, "--jsonl", "--field", "title", str(source))
    assert status == 0
    # A lone surrogate has no UTF-8: it is escaped, and only it (cli/jsonl.py).
    assert out.decode() == '{"title": "書\\ud800", "text": "書(shu)"}\n'
    assert json.loads(out) == {"title": "書\ud800", "text": "書(shu)"}


def test_jsonl_bad_record_stops_the_file_or_is_passed_through(monkeypatch, tmp_path, capsys):
    source = tmp_path / "bad.jsonl"
    good = '{"text": "書(shu)"}\n'
    source.write_text(good + "{not json}\n" + good + '{"text": 5}\n' + '["text"]\n' + good, encoding="utf-8")
    status, out = run_here(monkeypatch, "--jsonl", str(source))
    err = capsys.readouterr().err
    assert status == 2 and out.decode() == '{"text": "書"}\n'
    assert err.count("\n") == 1 and "bad.jsonl:2: bad JSONL record" in err
    status, out = run_here(monkeypatch, "--jsonl", "--skip-bad", str(source))
    err = capsys.readouterr().err
    assert status == 1
    assert out.decode() == '{"text": "書"}\n{not json}\n{"text": "書"}\n{"text": 5}\n["text"]\n{"text": "書"}\n'
    assert [line.split(": bad")[0] for line in err.splitlines()] == [f"zhclean: {source}:{n}" for n in (2, 4, 5)]


def test_jsonl_records_across_batches_and_jobs(tmp_path):
    page = SEEDS[3].read_text(encoding="utf-8")
    records = [json.dumps({"id": n, "text": f"第{n}條：書(shu)記 鍙戝竷浜嗘柊闂伙紝" + page[n % 2000:n % 2000 + 200]},
                          ensure_ascii=False) + "\n" for n in range(1500)]  # ~330k characters: two batches
    source = tmp_path / "many.jsonl"
    source.write_text("".join(records), encoding="utf-8")
    outputs = [subprocess.run([sys.executable, "-m", "zhclean", "--jsonl", "-j", jobs, str(source)],
                              capture_output=True, timeout=300).stdout for jobs in ("1", "2")]
    assert outputs[0] == outputs[1]
    cleaned = [json.loads(line) for line in outputs[0].decode().splitlines()]
    assert [r["id"] for r in cleaned] == list(range(1500))
    assert cleaned[7]["text"] == zhclean.Cleaner()(json.loads(records[7])["text"])


def test_check_and_diff(monkeypatch, tmp_path, capsys):
    changing = tmp_path / "a.txt"
    changing.write_text("一\n二\n三\n四\n書(shu)\n五\n六\n七\n八\n九\n十\n十一\n書(shu)", encoding="utf-8")
    clean = tmp_path / "b.txt"
    clean.write_text("沒有要改的。\n", encoding="utf-8")
    status, out = run_here(monkeypatch, "--check", str(changing), str(clean))
    assert status == 1 and out.decode() == f"{changing}\n"
    assert run_here(monkeypatch, "--check", str(clean)) == (0, b"")
    status, out = run_here(monkeypatch, "--diff", str(changing), str(clean))
    assert status == 0
    assert out.decode() == (
        f"--- {changing}\n+++ {changing} (cleaned)\n"
        "@@ -2,7 +2,7 @@\n 二\n 三\n 四\n-書(shu)\n+書\n 五\n 六\n 七\n"
        "@@ -10,4 +10,4 @@\n 九\n 十\n 十一\n"
        "-書(shu)\n\\ No newline at end of file\n+書\n\\ No newline at end of file\n"
    )
    assert changing.read_text(encoding="utf-8").startswith("一")  # nothing written
    assert run_here(monkeypatch, "--diff", "--check", str(changing))[0] == 1
    capsys.readouterr()


def test_glob_and_output_directory(monkeypatch, tmp_path):
    tree = tmp_path / "in"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.txt").write_text("書(shu)\n", encoding="utf-8")
    (tree / "sub" / "b.md").write_text("記(ji)\n", encoding="utf-8")
    (tree / "sub" / "c.txt").write_text("說(shuo)\n", encoding="utf-8")
    (tree / ".hidden").mkdir()
    (tree / ".hidden" / "d.txt").write_text("x(shu)\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_here(monkeypatch, str(tree), "-o", str(out))[0] == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["a.txt", os.path.join("sub", "c.txt")]
    assert (out / "sub" / "c.txt").read_text(encoding="utf-8") == "說\n"
    assert run_here(monkeypatch, str(tree), "--glob", "*.md", "--glob", "a.*")[1].decode() == "書\n記\n"


def test_bom_and_offsets_in_utf16(monkeypatch, tmp_path):
    source = tmp_path / "u16.txt"
    source.write_bytes(codecs.BOM_UTF16_LE + "書(shu)\n".encode("utf-16-le") + b"\x00\xdc")  # lone low surrogate
    status, out = run_here(monkeypatch, "-e", "utf-16", str(source))
    assert status == 2 and out.decode() == "書\n"


def test_jsonl_lone_surrogate_in_a_minority_sentence(monkeypatch, tmp_path):
    """A JSON escape of a lone surrogate inside text the unifier converts
    (it reached OpenCC, which raised: a traceback, the next records lost)."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"text":"結\\ud800這国发从"}\n{"text":"ok書(shu)"}\n', encoding="utf-8")
    status, out = run_here(monkeypatch, "--jsonl", str(source))
    assert status == 0
    assert [json.loads(line)["text"] for line in out.decode().splitlines()] == ["结\ud800这国发从", "ok書"]


def test_a_failure_inside_the_library_fails_its_input_in_one_line(monkeypatch, tmp_path, capsys):
    """A bug in the library is one line naming the input (exit status 2),
    never a traceback, and the other inputs are still cleaned."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("書(shu)\n", encoding="utf-8")
    second.write_text("boom\n", encoding="utf-8")
    real = zhclean.Cleaner.clean_batch

    def clean_batch(self, texts):
        if any("boom" in text for text in texts):
            raise RuntimeError("simulated")
        return real(self, texts)

    monkeypatch.setattr(zhclean.Cleaner, "clean_batch", clean_batch)
    status, out = run_here(monkeypatch, str(second), str(first))
    err = capsys.readouterr().err
    assert status == 2
    assert out.decode() == "書\n"
    assert err.strip().splitlines() == [f"zhclean: {second}: internal error, please report it: RuntimeError: simulated"]


def test_a_lone_cr_is_text_to_the_command_and_to_the_cleaner(monkeypatch, tmp_path):
    """The spaces before a lone CR are not at a line's end: the command's
    line units and the Cleaner on the whole file keep them, and both remove
    those before a CRLF."""
    text = "行\r尾  \r\n下一行  \r\n末\r 尾 \r"
    source = tmp_path / "cr.txt"
    source.write_bytes(text.encode())
    expected = "行\r尾\r\n下一行\r\n末\r 尾 \r"
    assert zhclean.Cleaner()(text) == expected
    for unit in ("line", "file"):
        assert run_here(monkeypatch, "--unit", unit, str(source)) == (0, expected.encode())


@pytest.mark.parametrize("how", [[], ["--block-size", "65536"], ["--jobs", "2"]])
def test_line_numbers_and_unit_counts_do_not_depend_on_the_block_size(monkeypatch, tmp_path, capsys, how):
    """A batch with no text is no unit: counted as one, it moved a bad
    record's line number (4 or 5 for line 2) and --stats' units (10,001)."""
    records = tmp_path / "l.jsonl"
    records.write_text(json.dumps({"text": "x" * 3_000_000}) + "\noops\n", encoding="utf-8")
    status, _ = run_here(monkeypatch, "--jsonl", str(records), *how)
    assert status == 2
    assert f"{records}:2: bad JSONL record" in capsys.readouterr().err
    lines = tmp_path / "t.txt"
    lines.write_text("".join(f"第{i}行 書(shu)記\n" for i in range(10_000)), encoding="utf-8")
    stats = tmp_path / "s.json"
    assert run_here(monkeypatch, str(lines), "--stats-json", str(stats), *how)[0] == 0
    assert json.loads(stats.read_text(encoding="utf-8"))["files"][0]["units"] == 10_000


@pytest.mark.parametrize("how", [[], ["-e", "ascii"], ["--jobs", "2"], ["--skip-bad"]])
def test_bytes_that_do_not_decode_in_json_lines_are_an_encoding_error(monkeypatch, tmp_path, capsys, how):
    """Not a bad record (the record they cut short was parsed, and --skip-bad
    passed its fragment through): the error names the byte offset, and the
    output stops after the last whole record."""
    records = tmp_path / "b.jsonl"
    records.write_bytes(b'{"text":"a"}\n{"text":"ab\xffcd"}\n')
    status, out = run_here(monkeypatch, "--jsonl", str(records), *how)
    err = capsys.readouterr().err
    assert (status, out) == (2, b'{"text":"a"}\n')
    assert "at byte 24" in err and "bad JSONL record" not in err


def test_json_messages_say_at_once(monkeypatch, tmp_path, capsys):
    records = tmp_path / "b.jsonl"
    records.write_text('{"text":"ab\n', encoding="utf-8")
    assert run_here(monkeypatch, "--jsonl", str(records))[0] == 2
    err = capsys.readouterr().err
    assert "at column" in err and "at at" not in err


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("gb18030", b"\x84\x31\x95\x33")])
def test_a_byte_order_mark_the_codec_decodes_is_not_written(monkeypatch, tmp_path, encoding, bom):
    """Output is UTF-8 without a byte order mark, whatever the steps (with
    --no-invisible the mark came through as U+FEFF)."""
    source = tmp_path / "a.txt"
    source.write_bytes(bom + "書記\n".encode(encoding))
    assert run_here(monkeypatch, "-e", encoding, "--no-invisible", str(source)) == (0, "書記\n".encode())


def test_a_lone_surrogate_in_a_record_is_the_only_character_escaped(monkeypatch, tmp_path):
    records = tmp_path / "s.jsonl"
    records.write_text('{"id":8,"text":"\\ud800書(shu)"}\n', encoding="utf-8")
    status, out = run_here(monkeypatch, "--jsonl", str(records))
    assert status == 0
    assert out.decode("utf-8") == '{"id":8,"text":"\\ud800書"}\n'
    assert json.loads(out)["text"] == "\ud800書"


def test_a_byte_order_mark_before_bytes_that_do_not_decode_is_not_written(monkeypatch, tmp_path):
    source = tmp_path / "a.txt"
    source.write_bytes(b"\x84\x31\x95\x33abc\xff\n")
    status, out = run_here(monkeypatch, "-e", "gb18030", "--no-invisible", str(source))
    assert (status, out) == (2, b"abc")
