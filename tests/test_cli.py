"""The zhclean command: files or standard input in, cleaned text out, one-line errors."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

import zhclean
from conftest import CORPUS

pytestmark = pytest.mark.any_implementation


def run(*args: str, stdin: bytes = b"", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zhclean", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess, *words: str) -> str:
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    return err


def test_cleans_files_to_stdout(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("省(sheng)委(wei)書(shu)(shu)記\n(記者 張冰)\n", encoding="utf-8")
    result = run(str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == "省委書記\n(記者 張冰)\n"
    assert source.read_text(encoding="utf-8").startswith("省(sheng)")  # input untouched


def test_reads_standard_input():
    for args in ((), ("-",)):
        result = run(*args, stdin="結(jié)束".encode())
        assert result.returncode == 0
        assert result.stdout.decode("utf-8") == "結束"


def test_shipped_sample_matches_its_gold():
    seed = CORPUS / "samples" / "seeds" / "004_dfb1b050610469ea.txt"
    gold = CORPUS / "samples" / "gold" / "004_dfb1b050610469ea.txt"
    result = run(str(seed))
    assert result.returncode == 0
    assert result.stdout == gold.read_bytes()


def test_several_files_in_order(tmp_path):
    (tmp_path / "1.txt").write_text("書(shu)\n", encoding="utf-8")
    (tmp_path / "2.txt").write_text("記(ji)\n", encoding="utf-8")
    result = run(str(tmp_path / "1.txt"), str(tmp_path / "2.txt"))
    assert result.stdout.decode() == "書\n記\n"


def test_verify_option_of_the_first_command_still_works():
    assert run("--verify", "syllable", stdin="書(zhong)".encode()).stdout.decode() == "書"
    assert run(stdin="書(zhong)".encode()).stdout.decode() == "書(zhong)"


def test_every_cleaner_option_is_a_flag_of_the_same_name():
    """The flags come from the Cleaner's options: each switches its step like the library."""
    text = "鍙戝竷浜嗘柊闂伙紝書(shu)書(zhong)ＡＢＣ他說,好 \n"
    cases = {
        (): zhclean.Cleaner(),
        ("--no-mojibake",): zhclean.Cleaner(mojibake=False),
        ("--pinyin", "syllable"): zhclean.Cleaner(pinyin="syllable"),
        ("--no-pinyin",): zhclean.Cleaner(pinyin=None),
        ("--script", "simplified"): zhclean.Cleaner(script="simplified"),
        ("--script", "none"): zhclean.Cleaner(script=None),
        ("--no-width",): zhclean.Cleaner(width=False),
        ("--punctuation", "fullwidth"): zhclean.Cleaner(punctuation="fullwidth"),
        ("--no-whitespace",): zhclean.Cleaner(whitespace=False),
    }
    default = zhclean.Cleaner()(text)
    for flags, cleaner in cases.items():
        result = run(*flags, stdin=text.encode())
        assert result.returncode == 0, (flags, result.stderr)
        assert result.stdout.decode() == cleaner(text), flags
        if flags not in ((), ("--script", "none")):  # nothing to unify in this text
            assert result.stdout.decode() != default, flags
    help_text = run("--help").stdout.decode()
    for name in zhclean.cleaner.STEPS:
        assert f"--{name}" in help_text
    assert "exit status" in help_text and "unit of cleaning" in help_text


def test_missing_file_is_one_line_error_and_the_others_are_cleaned(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("書(shu)\n", encoding="utf-8")
    result = run(str(tmp_path / "nope.txt"), str(good))
    assert result.returncode == 2
    one_line_error(result, "nope.txt")
    assert result.stdout.decode() == "書\n"


def test_empty_argument_directory_and_empty_file(tmp_path):
    one_line_error(run(""), "''")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert run(str(empty)).stdout == b""
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    result = run(str(nothing))
    assert result.returncode == 0 and result.stdout == b""
    one_line_error(result, "no file matches")


def test_usage_errors_are_one_line_with_status_2(tmp_path):
    for args in (("--unit", "word"), ("--jobs", "x"), ("-e", "no-such-codec"), ("--in-place",),
                 ("--jsonl", "--unit", "file"), ("--check", "-o", str(tmp_path / "x"))):
        result = run(*args)
        assert result.returncode == 2, args
        one_line_error(result)


def test_undecodable_input_names_file_and_byte_offset(tmp_path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("第一行\n".encode() + "发布".encode("gbk"))
    result = run(str(bad))
    assert result.returncode == 2
    one_line_error(result, "gbk.txt", "byte 10")


def test_invalid_utf8_mid_file_stops_the_output_at_the_bad_byte(tmp_path):
    """Standard output gets everything before the bad byte (the partial line
    cleaned as a unit of its own); an output file is not written at all."""
    data = "書(shu)記\n".encode() * 3000 + "第二(er)".encode() + b"\xff" + "後面\n".encode()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    offset = data.index(b"\xff")
    for block in ("7", "65536"):
        result = run("--block-size", block, str(bad))
        assert result.returncode == 2
        one_line_error(result, "bad.txt", f"byte {offset}")
        assert result.stdout.decode() == "書記\n" * 3000 + "第二"
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    result = run(str(bad), "-o", str(target))
    assert result.returncode == 2 and target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "out.txt"]


@pytest.mark.parametrize("where", ["first batch", "third batch", "last byte"])
def test_invalid_utf8_is_found_where_the_text_is_decoded(tmp_path, where):
    """UTF-8 runs of lines are decoded by whoever cleans them (a worker with
    --jobs): the same output, the same offset and message, with one job or
    two, with a BOM, and when --diff decodes in the main process; the next
    input is cleaned all the same."""
    lines = "書(shu)記，發布了新聞\n".encode() * 120_000  # ~3.6 MB: several batches
    at = {"first batch": 1000 * 30 + 7, "third batch": 2_499_998, "last byte": len(lines)}[where]
    data = b"\xef\xbb\xbf" + lines[:at] + b"\xe6\x9b" + (lines[at:] if where != "last byte" else b"")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    offset = data.index(b"\xe6\x9b", 3 + at)
    good = tmp_path / "good.txt"
    good.write_text("書(shu)\n", encoding="utf-8")
    before = lines[:at].decode("utf-8", "ignore")
    expected = zhclean.Cleaner().clean_batch(before.splitlines(keepends=True))
    reason = "unexpected end of data" if where == "last byte" else "invalid continuation byte"
    for args in (("--jobs", "1"), ("--jobs", "2"), ("--jobs", "2", "--block-size", "4099")):
        result = run(*args, str(bad), str(good))
        assert result.returncode == 2
        one_line_error(result, f"bad.txt: not valid utf-8 at byte {offset} ({reason})")
        assert result.stdout.decode() == "".join(expected) + "書\n", args
    diff = run("--diff", str(bad))
    one_line_error(diff, f"bad.txt: not valid utf-8 at byte {offset} ({reason})")
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    assert run("--jobs", "2", str(bad), "-o", str(target)).returncode == 2
    assert target.read_text(encoding="utf-8") == "old\n"


def test_large_input_is_streamed_exactly(tmp_path):
    line = "疫(yi)(yi)情防(fang)控,持續 三項\n"
    big = tmp_path / "big.txt"
    big.write_text(line * 60000, encoding="utf-8")  # ~3 MB, several blocks
    result = run(str(big))
    assert result.stdout.decode() == "疫情防控,持續 三項\n" * 60000


def test_one_huge_line_is_read_in_linear_time(tmp_path):
    """20 MB without a newline, read 4 KiB at a time: the old reader re-joined
    all pending data on every block (about 5,000 x 10 MB here), this one
    joins it once."""
    text = "書(shu)記" * 2_000_000
    big = tmp_path / "oneline.txt"
    big.write_text(text, encoding="utf-8")
    result = run("--block-size", "4096", "--no-mojibake", "--script", "none", str(big))
    assert result.returncode == 0
    assert result.stdout.decode() == "書記" * 2_000_000


def test_line_endings_and_missing_final_newline_byte_for_byte(tmp_path):
    source = tmp_path / "endings.txt"
    source.write_bytes("a\r\n書(shu)\r\n\rb\r書(shu)\n\n last".encode())
    assert run(str(source)).stdout == "a\r\n書\r\n\rb\r書\n\n last".encode()


def test_byte_order_mark_is_not_written_back(tmp_path):
    """Documented in --help: a BOM belongs to the encoding, the output has none."""
    source = tmp_path / "bom.txt"
    source.write_bytes(b"\xef\xbb\xbf" + "書(shu)".encode())
    assert run(str(source)).stdout.decode() == "書"
    assert run("--no-invisible", str(source)).stdout.decode() == "書"
    assert run("--check", str(source)).returncode == 1  # rewriting it would drop the BOM


def test_closed_standard_output_is_one_line(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("書(shu)\n", encoding="utf-8")
    result = subprocess.run(
        f'"{sys.executable}" -m zhclean "{source}" >&-', shell=True, capture_output=True, timeout=60
    )
    assert result.returncode == 2
    one_line_error(result, "standard output is closed")


def test_full_output_is_reported_against_the_output(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    source = tmp_path / "input-name.txt"
    source.write_text("書(shu)\n" * 10000, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "zhclean", str(source)], stdout=full,
                                stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 2
    err = one_line_error(result, "<stdout>", "No space left on device")
    assert "input-name" not in err


def test_closed_pipe_ends_quietly(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("書(shu)記\n" * 200000, encoding="utf-8")
    result = subprocess.run(f'"{sys.executable}" -m zhclean "{source}" | head -c 10 > /dev/null',
                            shell=True, capture_output=True, timeout=60)
    assert result.stderr == b""


def test_console_script_is_installed():
    script = shutil.which("zhclean", path=os.path.dirname(sys.executable)) or shutil.which("zhclean")
    assert script, "the zhclean console script is not installed"
    result = subprocess.run([script, "--version"], capture_output=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith(b"zhclean ")


def test_stats_and_stats_json(tmp_path):
    (tmp_path / "a.txt").write_text("省(sheng)委(wei)書(shu)記\n鍙戝竷浜嗘柊闂伙紝\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("沒有要改的。\n", encoding="utf-8")
    report = tmp_path / "stats.json"
    result = run("--stats", "--stats-json", str(report), str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.returncode == 0
    err = result.stderr.decode()
    assert "annotations" in err and "MB/s" in err and "total" in err
    document = json.loads(report.read_text(encoding="utf-8"))
    first, second = document["files"]
    assert first["annotations_removed"] == 3 and first["mojibake_repaired"] == 1 and first["changed"]
    assert second["annotations_removed"] == 0 and not second["changed"]
    assert document["total"]["chars_in"] == first["chars_in"] + second["chars_in"]
    assert document["total"]["bytes_in"] == sum(p.stat().st_size for p in (tmp_path / "a.txt", tmp_path / "b.txt"))
    assert result.stdout.decode() == "省委書記\n发布了新闻，\n沒有要改的。\n"


def test_progress_bar_only_on_a_terminal_and_for_long_work(tmp_path):
    pty = pytest.importorskip("pty")
    page = (CORPUS / "samples" / "seeds" / "000_e6d02dc00cfe5add.txt").read_text(encoding="utf-8")
    source = tmp_path / "long.txt"
    # ~190 MB: three seconds of the default Cleaner or more, well over the
    # bar's one second (4 MB came to 1.1 s once the mojibake screen got
    # faster, 12 MB to under a second once clean_batch ran each step on the
    # lines that need it only, and 48 MB to 0.9 s on a faster machine: the
    # bar's first draw after its second fell after the last batch).
    source.write_text(page * 38400, encoding="utf-8")
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "zhclean", str(source), "-o", str(tmp_path / "out.txt")],
                               stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait(timeout=300) == 0
    assert b"MB/s" in seen and b"left" in seen and f"/{source.stat().st_size / 1e6:,.1f} MB".encode() in seen, seen
    # Not a terminal (every other test here): nothing on standard error.
