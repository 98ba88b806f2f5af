"""Benchmark inputs and the throughput summary.

Run from the repository root:

    .venv/bin/python -m pytest benchmarks                      # measure
    .venv/bin/python -m pytest benchmarks --benchmark-disable  # smoke test

At the end of a measuring run a table is printed (MB/s of UTF-8 input from
each benchmark's *minimum* time, with the median alongside, and the ratio to
the baseline measured in the same run: the ``regex`` module for
strip_pinyin, ``ftfy.fix_encoding`` for fix_mojibake, one OpenCC pass for the
script layer) plus the two-thread
speedup, the throughput by input size (SIZED: a cliff shows) and the rows
below issue 9's floors, and the same is written to ``benchmarks/results.md``.  With
``--benchmark-disable`` every benchmark runs once on small inputs, nothing
is timed and results.md is left alone.
"""
from __future__ import annotations

import datetime
import os
import pathlib
import platform
import random
import sys

import pytest

from corpus import HERE as CORPUS, SHARED, read_jsonl
from report import cpu_model

RESULTS_MD = pathlib.Path(__file__).resolve().parent / "results.md"
SHIPPED_SAMPLES = CORPUS / "samples" / "seeds"
SHARED_SAMPLES = SHARED / "seeds"
ANNOTATED_SAMPLE = "004_dfb1b050610469ea.txt"
CLEAN_SAMPLE = "003_e0210ab8d126b4d2.txt"
TARGET_BYTES = 8_000_000  # each input, in UTF-8
SMOKE_BYTES = 200_000  # each input under --benchmark-disable
# The share of ASCII letters in the Chinese-English input (issue 10: bare ruby
# must not make every Latin letter a slow path; measured on 30% English).
ENGLISH_SHARE = 0.30
ENGLISH_WORDS = (
    "the of and to in is that for it as with was on be by this are or an from at which not have has but also "
    "data model app online video game team city report market price system network project service user"
).split()


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
# (kernel, input, implementation) -> MB of the input it ran on: the table marks an
# implementation that ran on a smaller input than the rest of its row (a slow twin).
INPUT_MB: dict[tuple[str, str, str], float] = {}
# (kernel, input, implementation) -> {input MB: MB/s from the min time, or why that size
# was not run}: throughput by input size, printed as one row per input so a cliff shows.
SIZED: dict[tuple[str, str, str], dict[float, float | str]] = {}
BASELINES = {"pinyin": "regex", "script": "opencc"}
# Issue 9's floors, listed (not asserted) at the end of the summary.  RATIO_FLOORS:
# the compiled kernel's MB/s over the baseline's on the same input; MBPS_FLOORS: the
# compiled kernel's MB/s, in RESULTS and at every size of SIZED; CLIFF: the most MB/s
# may fall from one size of SIZED to the next.
RATIO_FLOORS: dict[str, float] = {}
MBPS_FLOORS: dict[str, float] = {}
CLIFF = 2.0
COMPILED = "(cython)"  # in the label of every implementation the floors apply to
INPUT_NOTES = {
    "pinyin": f"`annotated` = sample {ANNOTATED_SAMPLE} (inline pinyin after most characters) and "
    f"`clean` = sample {CLEAN_SAMPLE} (no annotations), each repeated to ~{TARGET_BYTES / 1e6:.0f} MB of UTF-8; the threads benchmark's second document "
    f"is sample {ANNOTATED_SAMPLE} with its lines in reverse order, repeated to the same size",
    "script": "each seed sample and each text of the shared corpus's external/ folder, repeated to ~2 MB; the "
    "baseline `opencc` is one OpenCC pass into the text's majority script (t2s for 003, s2t for the others); "
    "zhconv-rs converts into the same script (see test_bench_script.py)",
}
INPUT_NOTES["pinyin"] += (
    f"; `mixed` = sample {CLEAN_SAMPLE} with English words after Han characters until "
    f"{ENGLISH_SHARE:.0%} of its characters are ASCII letters (no annotation); `forms` = the inputs of "
    "corpus/pinyin/forms_must_change.jsonl (issue 10's forms: word-level groups, loose and labelled brackets, "
    "bare ruby...), one per line, repeated to the same size"
)


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


def mixed_text(text: str, share: float = ENGLISH_SHARE, seed: int = 20261010) -> str:
    """``text`` with English words after random Han characters until ``share``
    of its characters are ASCII letters: Chinese-English text, no annotation."""
    rng = random.Random(seed)
    pieces = list(text)
    han = [k for k, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff"]
    letters = 0
    inserted: dict[int, list[str]] = {}
    while letters < share * (len(text) + sum(len(w) for words in inserted.values() for w in words)):
        word = rng.choice(ENGLISH_WORDS)
        inserted.setdefault(rng.choice(han), []).append(word)
        letters += len(word)
    for k in sorted(inserted, reverse=True):
        pieces.insert(k + 1, " ".join(inserted[k]))
    return "".join(pieces)


@pytest.fixture(scope="session")
def mixed(input_bytes) -> str:
    return repeated(mixed_text(read_sample(CLEAN_SAMPLE)), input_bytes)


@pytest.fixture(scope="session")
def forms(input_bytes) -> str:
    rows = read_jsonl(CORPUS / "pinyin" / "forms_must_change.jsonl")
    return repeated("\n".join(row["input"] for row in rows) + "\n", input_bytes)


def record(benchmark, group: str, name: str, implementation: str, text: str) -> None:
    """Keep a finished benchmark's throughput for the summary (no-op when disabled)."""
    stats = getattr(benchmark, "stats", None)
    if stats is None or not getattr(benchmark, "enabled", True):
        return
    mb = utf8_mb(text)
    best, median, rounds = mb / stats.stats.min, mb / stats.stats.median, stats.stats.rounds
    RESULTS.setdefault((group, name), {})[implementation] = (best, median, rounds)
    INPUT_MB[(group, name, implementation)] = mb
    benchmark.extra_info.update(
        {"input MB": round(mb, 3), "MB/s (min)": round(best, 1), "MB/s (median)": round(median, 1)}
    )


def record_size(benchmark, group: str, name: str, implementation: str, text: str, size_mb: float) -> None:
    """Keep a finished benchmark's throughput in the by-size table's column
    ``size_mb`` (the size asked for: a generator may cut the text a little
    under it); no-op when disabled."""
    stats = getattr(benchmark, "stats", None)
    if stats is None or not getattr(benchmark, "enabled", True):
        return
    mb = utf8_mb(text)
    best = mb / stats.stats.min
    SIZED.setdefault((group, name, implementation), {})[size_mb] = best
    benchmark.extra_info.update(
        {"input MB": round(mb, 3), "MB/s (min)": round(best, 1), "MB/s (median)": round(mb / stats.stats.median, 1)}
    )


def skip_size(group: str, name: str, implementation: str, mb: float, why: str) -> None:
    """Note in the by-size table that this size was not run, and why."""
    SIZED.setdefault((group, name, implementation), {})[mb] = why


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
        largest = max((INPUT_MB.get((group, name, label), 0.0) for label in row), default=0.0)
        for implementation, (best, median, rounds) in row.items():
            ratio = f"{_figure(best / base)}×" if base else "n/a (baseline not run)"
            mb = INPUT_MB.get((group, name, implementation))
            if implementation == baseline:
                implementation += " (baseline)"
            if mb is not None and mb < 0.9 * largest:
                implementation += f" [on {_mb(mb)}]"
            lines.append(
                f"| {group} | {name} | {implementation} | {_figure(best)} | {_figure(median)} | {rounds} | {ratio} |"
            )
    return lines


def _figure(value: float) -> str:
    """One decimal, or two significant digits below 1 (a slow row must not read 0.0)."""
    return f"{value:,.1f}" if value >= 1 else f"{value:.2g}"


def _mb(mb: float) -> str:
    return f"{mb:.3g} MB"


def _mbps(value: float | str) -> str:
    return _figure(value) if isinstance(value, float) else "not run"


def _drops(sizes: dict[float, float | str]) -> list[tuple[float, float, float]]:
    """(smaller MB, larger MB, factor) of each fall in MB/s from one measured size to the next."""
    measured = sorted((mb, value) for mb, value in sizes.items() if isinstance(value, float))
    return [(a, b, x / y) for (a, x), (b, y) in zip(measured, measured[1:])]


def _sized_lines() -> list[str]:
    if not SIZED:
        return []
    columns = sorted({round(mb, 2) for sizes in SIZED.values() for mb in sizes})
    lines = [
        "| kernel | input | implementation | " + " | ".join(f"{mb:g} MB" for mb in columns) + " | largest fall |",
        "|---|---|---|" + "---:|" * (len(columns) + 1),
    ]
    for (group, name, implementation), sizes in SIZED.items():
        cells = {round(mb, 2): _mbps(value) for mb, value in sizes.items()}
        fall = max((factor for _, _, factor in _drops(sizes)), default=None)
        lines.append(
            f"| {group} | {name} | {implementation} | " + " | ".join(cells.get(mb, "") for mb in columns)
            + f" | {f'{fall:.2f}×' if fall else ''} |"
        )
    notes = [f"- {name} | {implementation}: {_not_run(sizes)}"
             for (_, name, implementation), sizes in SIZED.items() if _not_run(sizes)]
    return lines + ([""] + notes if notes else [])


def _not_run(sizes: dict[float, float | str]) -> str:
    """'not run at 1, 4 MB: why' for the sizes of SIZED not run ('' if none)."""
    skipped = sorted((mb, value) for mb, value in sizes.items() if not isinstance(value, float))
    return f"not run at {', '.join(f'{mb:g}' for mb, _ in skipped)} MB: {skipped[0][1]}" if skipped else ""


def _floor_lines() -> list[str]:
    """Every compiled row below a floor of RATIO_FLOORS, MBPS_FLOORS or CLIFF."""
    lines = []
    for (group, name), row in RESULTS.items():
        baseline = BASELINES.get(group)
        base = row[baseline][0] if baseline in row else None
        ratio_floor, mbps_floor = RATIO_FLOORS.get(group), MBPS_FLOORS.get(group)
        for implementation, (best, _, _) in row.items():
            where = f"- {group} | {name} | {implementation}"
            if COMPILED not in implementation:
                continue
            if ratio_floor and base and best / base < ratio_floor:
                lines.append(f"{where}: {_figure(best / base)}× {baseline} (floor {ratio_floor:g}×)")
            if mbps_floor and best < mbps_floor:
                lines.append(f"{where}: {_figure(best)} MB/s (floor {mbps_floor:g} MB/s)")
    for (group, name, implementation), sizes in SIZED.items():
        where, mbps_floor = f"- {group} | {name} | {implementation}", MBPS_FLOORS.get(group)
        if COMPILED not in implementation:
            continue
        if _not_run(sizes):
            lines.append(f"{where} | {_not_run(sizes)}")
        for mb, value in sorted(sizes.items()):
            if isinstance(value, float) and mbps_floor and value < mbps_floor:
                lines.append(f"{where} | {_mb(mb)}: {_figure(value)} MB/s (floor {mbps_floor:g} MB/s)")
        for small, large, factor in _drops(sizes):
            if factor > CLIFF:
                lines.append(f"{where}: MB/s falls {factor:.1f}× from {_mb(small)} to {_mb(large)} (most {CLIFF:g}×)")
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
    if not RESULTS and not THREADS and not BUSY and not SIZED:
        if benchmarks_disabled(config):
            terminalreporter.write_sep("=", "zhclean throughput")
            terminalreporter.write_line(
                "benchmarks disabled: each ran once as a smoke test; no timings, results.md not written"
            )
        return
    table, threads, busy = _table(), _thread_lines(), _busy_lines()
    sized, floors = _sized_lines(), _floor_lines()
    terminalreporter.write_sep("=", "zhclean throughput (MB/s of UTF-8 input)")
    for line in table:
        terminalreporter.write_line(line)
    for title, part in (("By input size (MB/s, min time)", sized), ("Below issue 9's floors", floors)):
        if part:
            terminalreporter.write_line("")
            terminalreporter.write_line(title + ":")
            for line in part:
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
    groups = sorted({group for group, _ in RESULTS} | {group for group, _, _ in SIZED})
    now = datetime.datetime.now().astimezone()
    header = [
        "# zhclean benchmark results",
        "",
        "Generated by `benchmarks/conftest.py`; overwritten by every measuring run.",
        "",
        f"- Command: `{_command(config)}` (from the repository root)",
        f"- Date: {now:%Y-%m-%d %H:%M %Z}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical CPUs visible"
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
    if sized:
        body += ["", "## By input size", "", "MB/s from the minimum time at each input size.", "", *sized]
    if floors:
        body += ["", "## Below issue 9's floors", "", *floors]
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
