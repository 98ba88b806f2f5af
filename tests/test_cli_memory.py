"""Streaming in bounded memory: a file far larger than the memory the command may use."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

import zhclean

pytestmark = pytest.mark.any_implementation

FILE_BYTES = 320_000_000  # in UTF-8: large enough that holding it (or its text) would show at once
MEMORY_CEILING = 150 * 2**20  # peak RSS the command may reach on it, whatever the file's size
# Pinyin stripping only: the streaming machinery is what is measured, at a
# speed that keeps this test to a few seconds.
OPTIONS = ("--no-mojibake", "--script", "none", "--no-width", "--no-invisible", "--no-whitespace")

LINE = "疫(yi)(yi)情防(fang)控,持續 三項，書(shu)記說：這是一段很長的新聞文字。" * 40 + "\n"

# Runs the command in a child and reports the child's peak RSS (its workers' too).
MEASURE = """
import json, resource, subprocess, sys
status = subprocess.run(sys.argv[1:]).returncode
print(json.dumps({"status": status, "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def test_a_file_of_hundreds_of_megabytes_is_cleaned_in_bounded_memory(tmp_path):
    block = LINE * 1000
    copies = FILE_BYTES // len(block.encode())
    source = tmp_path / "big.txt"
    with source.open("w", encoding="utf-8") as handle:
        for _ in range(copies):
            handle.write(block)
    size = source.stat().st_size
    target = tmp_path / "big.out"
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "zhclean", *OPTIONS, str(source), "-o", str(target)],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(measured.stdout)
    assert report["status"] == 0, measured.stderr
    peak = report["maxrss_kib"] * 1024
    assert peak < MEMORY_CEILING, f"peak RSS {peak / 2**20:.0f} MiB for a {size / 1e6:.0f} MB file"
    # The output is the whole text cleaned at once (its lines are independent here).
    cleaner = zhclean.Cleaner(mojibake=False, script=None, width=False, invisible=False, whitespace=False)
    cleaned_block = cleaner(block)
    assert cleaned_block == "".join(cleaner.clean_batch(block.splitlines(keepends=True)))
    expected = hashlib.sha256()
    for _ in range(copies):
        expected.update(cleaned_block.encode())
    got = hashlib.sha256()
    with target.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            got.update(chunk)
    assert got.hexdigest() == expected.hexdigest()
    assert target.stat().st_size == copies * len(cleaned_block.encode()) < size
