"""Benchmark inputs and the MB/s summary.

Run:  .venv/bin/python -m pytest benchmarks
The summary (MB/s of UTF-8 input, from each benchmark's median time, and the
ratio to the baseline in the same run) is printed at the end and written to
benchmarks/results.md.  With --benchmark-disable each benchmark runs once,
as a smoke test, and nothing is written.
"""
from __future__ import annotations

import datetime
import pathlib
import platform
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples" / "seeds"
TARGET_BYTES = 8_000_000

# (group, input name) -> {implementation: (MB/s, rounds)}; filled by the benchmarks.
RESULTS: dict[tuple[str, str], dict[str, tuple[float, int]]] = {}
THREADS: dict[str, float] = {}
BASELINES = {"pinyin": "regex", "mojibake": "ftfy.fix_encoding"}


def repeated(text: str, target: int = TARGET_BYTES) -> str:
    size = len(text.encode("utf-8"))
    return text * max(1, target // size)


def utf8_mb(text: str) -> float:
    return len(text.encode("utf-8", "surrogatepass")) / 1e6


@pytest.fixture(scope="session")
def annotated() -> str:
    return repeated((SAMPLES / "004_dfb1b050610469ea.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def clean() -> str:
    return repeated((SAMPLES / "003_e0210ab8d126b4d2.txt").read_text(encoding="utf-8"))


def record(benchmark, group: str, name: str, implementation: str, text: str) -> None:
    stats = getattr(benchmark, "stats", None)
    if stats is None or not getattr(benchmark, "enabled", True):
        return
    median = stats.stats.median
    RESULTS.setdefault((group, name), {})[implementation] = (utf8_mb(text) / median, stats.stats.rounds)
    benchmark.extra_info["MB/s"] = round(utf8_mb(text) / median, 1)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not RESULTS:
        return
    lines = ["| kernel | input | implementation | MB/s (median) | × baseline |", "|---|---|---|---|---|"]
    for (group, name), row in sorted(RESULTS.items()):
        base = row.get(BASELINES[group], (None,))[0]
        for implementation, (speed, _rounds) in sorted(row.items(), key=lambda item: -item[1][0]):
            ratio = f"{speed / base:.1f}×" if base else "-"
            lines.append(f"| {group} | {name} | {implementation} | {speed:,.1f} | {ratio} |")
    for label, value in THREADS.items():
        lines.append(f"\n{label}: {value:.2f}×")
    table = "\n".join(lines)
    terminalreporter.write_sep("=", "zhclean throughput")
    terminalreporter.write_line(table)
    cpu = next(
        (line.split(":", 1)[1].strip() for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    ) if pathlib.Path("/proc/cpuinfo").exists() else platform.processor()
    header = (
        f"Measured {datetime.date.today()} with `.venv/bin/python -m pytest benchmarks` on {cpu} "
        f"({__import__('os').cpu_count()} cores), Python {sys.version.split()[0]}.\n"
        f"Inputs: sample 004 (annotated) and sample 003 (clean) repeated to ~8 MB; "
        f"mojibake inputs are sample 003 pushed through the wrong codec.\n\n"
    )
    (ROOT / "benchmarks" / "results.md").write_text(header + table + "\n", encoding="utf-8")
