"""Benchmark inputs and the throughput summary.

Run from the repository root:

    .venv/bin/python -m pytest benchmarks                      # measure
    .venv/bin/python -m pytest benchmarks --benchmark-disable  # smoke test

At the end of a measuring run a table is printed (MB/s of UTF-8 input from
each benchmark's *minimum* time, with the median alongside, and the ratio to
the baseline measured in the same run: the ``regex`` module for
strip_pinyin, ``ftfy.fix_encoding`` for fix_mojibake, one OpenCC pass for the
script layer) plus the two-thread
speedup, and the same is written to ``benchmarks/results.md``.  With
``--benchmark-disable`` every benchmark runs once on small inputs, nothing
is timed and results.md is left alone.
"""
from __future__ import annotations

import datetime
import os
import pathlib
import platform
import sys

import pytest

from corpus import HERE as CORPUS, SHARED

RESULTS_MD = pathlib.Path(__file__).resolve().parent / "results.md"
SHIPPED_SAMPLES = CORPUS / "samples" / "seeds"
SHARED_SAMPLES = SHARED / "seeds"
ANNOTATED_SAMPLE = "004_dfb1b050610469ea.txt"
CLEAN_SAMPLE = "003_e0210ab8d126b4d2.txt"
TARGET_BYTES = 8_000_000  # each input, in UTF-8
SMOKE_BYTES = 200_000  # each input under --benchmark-disable


def sample_path(name: str) -> pathlib.Path:
    """A seed sample: the shipped copy, else the shared one it is copied from."""
    shipped = SHIPPED_SAMPLES / name
    if shipped.is_file() and shipped.stat().st_size > 0:
        return shipped
    shared = SHARED_SAMPLES / name
    if shared.is_file():
        return shared
    raise FileNotFoundError(f"sample {name} is in neither {SHIPPED_SAMPLES} nor {SHARED_SAMPLES}")


def read_sample(name: str) -> str:
    return sample_path(name).read_text(encoding="utf-8")


# The directory test_bench_mojibake.py reads sample 003 from.
SAMPLES = sample_path(CLEAN_SAMPLE).parent

# (kernel, input) -> {implementation: (MB/s from min, MB/s from median, rounds)},
# filled by the benchmarks in the order they run.
RESULTS: dict[tuple[str, str], dict[str, tuple[float, float, int]]] = {}
# label -> {"speedup": ..., ...}; filled by the threads benchmark.
THREADS: dict[str, dict[str, float]] = {}
# label -> {"alone_ms", "beside_ms", "ratio", "load"}; filled by test_bench_busy.py.
BUSY: dict[str, dict] = {}
BASELINES = {"pinyin": "regex", "mojibake": "ftfy.fix_encoding", "script": "opencc"}
INPUT_NOTES = {
    "pinyin": f"`annotated` = sample {ANNOTATED_SAMPLE} (inline pinyin after most characters) and "
    f"`clean` = sample {CLEAN_SAMPLE} (no annotations), each repeated to ~{TARGET_BYTES / 1e6:.0f} MB of UTF-8; the threads benchmark's second document "
    f"is sample {ANNOTATED_SAMPLE} with its lines in reverse order, repeated to the same size",
    "mojibake": f"sample {CLEAN_SAMPLE} clean and pushed through the wrong codec (see test_bench_mojibake.py)",
    "script": "each seed sample and each text of the shared corpus's external/ folder, repeated to ~2 MB; the "
    "baseline `opencc` is one OpenCC pass into the text's majority script (t2s for 003, s2t for the others); "
    "zhconv-rs converts into the same script (see test_bench_script.py)",
}


def repeated(text: str, target: int = TARGET_BYTES) -> str:
    """``text`` repeated to about ``target`` bytes of UTF-8 (at least once)."""
    size = len(text.encode("utf-8"))
    return text * max(1, round(target / size))


def utf8_mb(text: str) -> float:
    return len(text.encode("utf-8", "surrogatepass")) / 1e6


def benchmarks_disabled(config: pytest.Config) -> bool:
    session = getattr(config, "_benchmarksession", None)
    if session is not None:
        return bool(session.disabled)
    return bool(config.getoption("benchmark_disable", False))


@pytest.fixture(scope="session")
def input_bytes(pytestconfig) -> int:
    """How big each generated input is: small when nothing is timed."""
    return SMOKE_BYTES if benchmarks_disabled(pytestconfig) else TARGET_BYTES


@pytest.fixture(scope="session")
def annotated(input_bytes) -> str:
    return repeated(read_sample(ANNOTATED_SAMPLE), input_bytes)


@pytest.fixture(scope="session")
def annotated_other(input_bytes) -> str:
    """A second annotated document, as big as ``annotated`` but not equal to it:
    sample 004 with its lines in reverse order, repeated."""
    lines = read_sample(ANNOTATED_SAMPLE).splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return repeated("".join(reversed(lines)), input_bytes)


@pytest.fixture(scope="session")
def clean(input_bytes) -> str:
    return repeated(read_sample(CLEAN_SAMPLE), input_bytes)


def record(benchmark, group: str, name: str, implementation: str, text: str) -> None:
    """Keep a finished benchmark's throughput for the summary (no-op when disabled)."""
    stats = getattr(benchmark, "stats", None)
    if stats is None or not getattr(benchmark, "enabled", True):
        return
    mb = utf8_mb(text)
    best, median, rounds = mb / stats.stats.min, mb / stats.stats.median, stats.stats.rounds
    RESULTS.setdefault((group, name), {})[implementation] = (best, median, rounds)
    benchmark.extra_info.update(
        {"input MB": round(mb, 3), "MB/s (min)": round(best, 1), "MB/s (median)": round(median, 1)}
    )


def _cpu_model() -> str:
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _command(config: pytest.Config) -> str:
    """The command line this session was started with, as typed from its directory."""
    start = pathlib.Path(config.invocation_params.dir)

    def shown(path: str) -> str:
        try:
            return os.path.relpath(path, start) if os.path.isabs(path) else path
        except ValueError:
            return path

    args = " ".join(config.invocation_params.args)
    argv0 = sys.argv[0] if sys.argv else ""
    if argv0.endswith("__main__.py") or not os.path.basename(argv0).startswith(("pytest", "py.test")):
        program = f"{shown(sys.executable)} -m pytest"  # python -m pytest
    else:
        program = shown(argv0)  # the pytest script
    return f"{program} {args}".rstrip()


def _table() -> list[str]:
    lines = [
        "| kernel | input | implementation | MB/s (min time) | MB/s (median time) | rounds | × baseline (min) |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for (group, name), row in RESULTS.items():
        baseline = BASELINES.get(group)
        base = row[baseline][0] if baseline in row else None
        for implementation, (best, median, rounds) in row.items():
            ratio = f"{best / base:,.1f}×" if base else "n/a (baseline not run)"
            if implementation == baseline:
                implementation += " (baseline)"
            lines.append(
                f"| {group} | {name} | {implementation} | {best:,.1f} | {median:,.1f} | {rounds} | {ratio} |"
            )
    return lines


def _thread_lines() -> list[str]:
    return [
        f"- {label}: **{row['speedup']:.2f}×** (one thread, one document after the other: "
        f"{row['sequential_ms']:.1f} ms = {row['sequential_mbps']:,.0f} MB/s; two threads at once: "
        f"{row['threaded_ms']:.1f} ms = {row['threaded_mbps']:,.0f} MB/s; best of {row['repeat']:.0f} "
        f"interleaved repetitions each, time.perf_counter; {os.cpu_count()} CPUs, "
        f"load average {row['load']} just before)"
        for label, row in THREADS.items()
    ]


def _busy_lines() -> list[str]:
    if not BUSY:
        return []
    lines = [
        "| call | alone (ms per call, best) | beside a busy thread (ms per call, best) | ratio |",
        "|---|---:|---:|---:|",
    ]
    for label, row in BUSY.items():
        lines.append(f"| {label} | {row['alone_ms']:.4f} | {row['beside_ms']:.4f} | {row['ratio']:.2f}× |")
    return lines


def load_average() -> str:
    try:
        return "/".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


@pytest.hookimpl(trylast=True)  # after pytest-benchmark's own tables
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not RESULTS and not THREADS and not BUSY:
        if benchmarks_disabled(config):
            terminalreporter.write_sep("=", "zhclean throughput")
            terminalreporter.write_line(
                "benchmarks disabled: each ran once as a smoke test; no timings, results.md not written"
            )
        return
    table, threads, busy = _table(), _thread_lines(), _busy_lines()
    terminalreporter.write_sep("=", "zhclean throughput (MB/s of UTF-8 input)")
    for line in table:
        terminalreporter.write_line(line)
    if threads:
        terminalreporter.write_line("")
        for line in threads:
            terminalreporter.write_line(line)
    if busy:
        terminalreporter.write_line("")
        for line in busy:
            terminalreporter.write_line(line)
    terminalreporter.write_line(
        "MB/s from each benchmark's minimum time (median alongside); × baseline = "
        "MB/s (min) / the baseline's MB/s (min) on the same input, same run."
    )
    if exitstatus != 0:
        terminalreporter.write_line(f"(pytest exit status {int(exitstatus)}: some benchmarks failed or did not run)")
    groups = sorted({group for group, _ in RESULTS})
    now = datetime.datetime.now().astimezone()
    header = [
        "# zhclean benchmark results",
        "",
        "Generated by `benchmarks/conftest.py`; overwritten by every measuring run.",
        "",
        f"- Command: `{_command(config)}` (from the repository root)",
        f"- Date: {now:%Y-%m-%d %H:%M %Z}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        f"- CPU: {_cpu_model()}, {os.cpu_count()} logical CPUs visible"
        f" (other processes may have been running; load average 1/5/15 min at the end: {load_average()})",
        f"- zhclean kernels: {_kernels()}",
    ]
    header += [f"- Inputs ({group}): {INPUT_NOTES[group]}" for group in groups if group in INPUT_NOTES]
    header += [
        "- MB/s = UTF-8 bytes of input / time, from each benchmark's **minimum** time over its "
        "rounds (median alongside); × baseline compares minimum times, same input, same run. "
        "Baselines: " + ", ".join(f"{group}: `{BASELINES[group]}`" for group in groups if group in BASELINES) + ".",
    ]
    if exitstatus != 0:
        header.append(f"- pytest exit status {int(exitstatus)}: some benchmarks failed or did not run.")
    body = header + ["", *table]
    if threads:
        body += ["", "## Threads", "", *threads]
    if busy:
        body += ["", "## Beside a busy Python thread", "", *busy]
    RESULTS_MD.write_text("\n".join(body) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"written to {os.path.relpath(RESULTS_MD, config.invocation_params.dir)}")


def _kernels() -> str:
    try:
        import zhclean

        return str(zhclean.KERNELS)
    except Exception as error:  # pragma: no cover - only for the report
        return f"unknown ({error!r})"
