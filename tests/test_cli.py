"""The zhclean command: files or standard input in, cleaned text out, one-line errors."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

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


def test_verify_option():
    assert run("--verify", "syllable", stdin="書(zhong)".encode()).stdout.decode() == "書"
    assert run(stdin="書(zhong)".encode()).stdout.decode() == "書(zhong)"


def test_missing_file_is_one_line_error(tmp_path):
    missing = tmp_path / "nope.txt"
    result = run(str(missing))
    assert result.returncode != 0
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "nope.txt" in err and "Traceback" not in err


def test_undecodable_input_names_file_and_byte_offset(tmp_path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("第一行\n".encode() + "发布".encode("gbk"))
    result = run(str(bad))
    assert result.returncode != 0
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "gbk.txt" in err
    assert "byte 10" in err and "Traceback" not in err


def test_large_input_is_streamed_exactly(tmp_path):
    line = "疫(yi)(yi)情防(fang)控,持續 三項\n"
    big = tmp_path / "big.txt"
    big.write_text(line * 60000, encoding="utf-8")  # ~3 MB, several blocks
    result = run(str(big))
    assert result.stdout.decode() == "疫情防控,持續 三項\n" * 60000


def test_long_line_across_blocks(tmp_path):
    text = "書(shu)記" * 400000  # ~5 MB and no newline at all
    big = tmp_path / "oneline.txt"
    big.write_text(text, encoding="utf-8")
    assert run(str(big)).stdout.decode() == "書記" * 400000


def test_byte_order_mark_is_dropped(tmp_path):
    source = tmp_path / "bom.txt"
    source.write_bytes(b"\xef\xbb\xbf" + "書(shu)".encode())
    assert run(str(source)).stdout.decode() == "書"


def test_console_script_is_installed():
    script = shutil.which("zhclean", path=os.path.dirname(sys.executable)) or shutil.which("zhclean")
    assert script, "the zhclean console script is not installed"
    result = subprocess.run([script, "--version"], capture_output=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith(b"zhclean ")
