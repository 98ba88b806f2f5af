"""The command with --jobs 1 and --jobs 2 on a large input: the same output, and
the speed-up of the second process (at least 1.7x on two cores, measured).

The two are run as subprocesses on the same file (the five seed pages,
repeated to report.CLI_BYTES; the default Cleaner), interleaved, best of
ROUNDS each, with time.perf_counter around the whole command (start-up
included).  Under --benchmark-disable the file is small, each runs once and
only the outputs are compared.

Before the first run the installed package's modules are compiled to
bytecode, as ``pip install`` does: an editable install (or an environment
with PYTHONDONTWRITEBYTECODE set) has none, and then every process compiles
the package from source at import, a few tenths of a second of CPU in the
serial start of each command that a user's installed copy never pays.  And
each run writes a new file: the output of the round before is removed
first, untimed (replacing a 300 MB file had each command free its blocks
inside its rename, 50 ms of serial time).
"""
from __future__ import annotations

import compileall
import os
import subprocess
import sys
import time

from conftest import BASELINES, INPUT_NOTES, RESULTS, benchmarks_disabled, load_average

import report

# Best of five: a run on this machine's two shared cores now and then takes
# 1.2-2x as long as the run before it (load from elsewhere), and of three
# interleaved runs one seldom came through clean for both --jobs 1 and 2.
ROUNDS = 5
LEAST_SPEEDUP = 1.7  # issue 11: --jobs 2 against --jobs 1 on this 2-core machine
BASELINES["command line"] = "zhclean --jobs 1"
INPUT_NOTES["command line"] = (
    f"the five seed pages repeated to ~{report.CLI_BYTES / 1e6:.0f} MB, `zhclean FILE -o OUT`, default Cleaner, "
    "wall time of the whole command"
)


def test_jobs_two_against_one(request, tmp_path):
    quick = benchmarks_disabled(request.config)
    source = tmp_path / "in.txt"
    source.write_text(report.repeated(report.seeds_text(), 300_000 if quick else report.CLI_BYTES), encoding="utf-8")
    load = load_average()
    ceiling = None if quick else report.parallelism()  # what two processes get from the machine now
    import zhclean

    compileall.compile_dir(os.path.dirname(zhclean.__file__), quiet=1)
    times: dict[str, list[float]] = {"1": [], "2": []}
    outputs = {}
    for _ in range(1 if quick else ROUNDS):
        for jobs in ("1", "2"):
            target = tmp_path / f"out{jobs}.txt"
            target.unlink(missing_ok=True)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "zhclean", "-q", "--jobs", jobs, str(source), "-o", str(target)],
                           check=True, timeout=900)
            times[jobs].append(time.perf_counter() - start)
            outputs[jobs] = target.read_bytes()
    assert outputs["1"] == outputs["2"]
    if quick:
        return
    mb = source.stat().st_size / 1e6
    best = {jobs: min(values) for jobs, values in times.items()}
    for jobs in ("1", "2"):
        median = sorted(times[jobs])[len(times[jobs]) // 2]
        RESULTS.setdefault(("command line", "seed pages"), {})[f"zhclean --jobs {jobs}"] = (
            mb / best[jobs], mb / median, ROUNDS)
    speedup = best["1"] / best["2"]
    print(f"\n--jobs 2 vs --jobs 1: {speedup:.2f}x ({best['1']:.2f} s / {best['2']:.2f} s for {mb:.1f} MB; "
          f"load average before: {load}; two pure-Python loops ran {ceiling:.2f}x one just before)")
    assert speedup >= LEAST_SPEEDUP, (
        f"--jobs 2 is {speedup:.2f}x --jobs 1 (load average {load}; the machine gave two processes {ceiling:.2f}x)"
    )
