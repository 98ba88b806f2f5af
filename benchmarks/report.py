"""Every benchmark in one run, against the alternatives, as a Markdown table and a PNG chart.

Run from the repository root (``pip install '.[test,bench]'`` first)::

    .venv/bin/python -m benchmarks.report            # writes benchmarks/report.md and report.png
    .venv/bin/python -m benchmarks.report --quick    # small inputs, one round: a smoke test

Rows (MB/s = UTF-8 bytes of input / best wall time of the rounds):

- kernels: ``strip_pinyin`` against a ``regex`` implementation of the same
  rule; ``fix_mojibake`` against ``ftfy.fix_encoding``; ``convert`` (script
  unification, ``to="auto"``) against one OpenCC pass and zhconv-rs;
- pipeline: the default ``Cleaner`` against the chain a user would build
  from the alternatives (``ftfy.fix_text``, the regex stripper, OpenCC);
- command line: ``zhclean FILE -o OUT`` with ``--jobs 1`` and ``--jobs 2``
  (outputs compared byte for byte), and one 100 MB line with no newline.

Each alternative is timed on the same input in the same run; rows whose
package is missing are left out and say so.  Nothing here is a test: the
``--jobs`` ratio is asserted in ``benchmarks/test_bench_cli.py``.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys
import tempfile
import time
from typing import Callable, Optional

import zhclean
from corpus import HERE as CORPUS, SHARED

HERE = pathlib.Path(__file__).resolve().parent
SEEDS = CORPUS / "samples" / "seeds"
ANNOTATED = SEEDS / "004_dfb1b050610469ea.txt"
CLEAN = SEEDS / "003_e0210ab8d126b4d2.txt"
MIXED = SHARED / "external" / "zhwiki-hanyu-mixed.txt"
# Input sizes (UTF-8 bytes): large enough that one call lasts well over the
# timer's resolution and the per-call overhead, small enough for a run of a
# few minutes on two cores.
KERNEL_BYTES = 8_000_000
SLOW_BYTES = 2_000_000  # inputs the slower rows (ftfy, the pipeline, the twins) take seconds on
# The --jobs comparison: ~10 s a run, so that start-up (importing, 0.34-0.37
# s, and loading the tables the seed pages need, 0.48-0.70 s: the same with
# any number of jobs) is small.  60 MB took ~7 s with --jobs 1 while each
# line went through every step's Python; since fix_mojibake and whitespace
# rule a clean line out at once, ~4 s; 150 MB 6-12 s until clean_batch ran
# each step on the lines that need it only, which made a line's cleaning
# about twice as fast (20 MB: 2.26-2.44 s -> 1.43-1.80 s, start-up included).
CLI_BYTES = 300_000_000
HUGE_LINE_BYTES = 100_000_000
ROUNDS = 3


def repeated(text: str, target: int) -> str:
    return text * max(1, round(target / len(text.encode("utf-8"))))


def best_time(function: Callable[[], object], rounds: int) -> float:
    function()  # warm-up: tables and converters loaded
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def _spin(count: int) -> float:
    start = time.perf_counter()
    total = 0
    for value in range(count):
        total += value
    return time.perf_counter() - start


def parallelism() -> float:
    """What two processes get from the machine now: a pure-Python loop run
    alone, then twice at once (2.0 on two idle cores; other work lowers it)."""
    import multiprocessing

    alone = min(_spin(SPIN) for _ in range(2))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        together = max(pool.map(_spin, [SPIN, SPIN]))
    return 2 * alone / together


SPIN = 20_000_000  # iterations of the calibration loop: about a second


def seeds_text() -> str:
    return "".join(path.read_text(encoding="utf-8").rstrip("\n") + "\n" for path in sorted(SEEDS.glob("*.txt")))


class Report:
    def __init__(self, quick: bool) -> None:
        self.quick = quick
        self.rows: list[dict] = []
        self.missing: list[str] = []
        self.notes: list[str] = []

    def size(self, target: int) -> int:
        return min(target, 300_000) if self.quick else target

    def rounds(self) -> int:
        return 1 if self.quick else ROUNDS

    def measure(self, group: str, input_name: str, name: str, function: Callable[[str], object], text: str,
                baseline: bool = False) -> None:
        mb = len(text.encode("utf-8", "surrogatepass")) / 1e6
        seconds = best_time(lambda: function(text), self.rounds())
        self.rows.append({"group": group, "input": input_name, "implementation": name, "mb": mb,
                          "seconds": seconds, "mbps": mb / seconds, "baseline": baseline})
        print(f"{group:14} {input_name:28} {name:40} {mb / seconds:10,.1f} MB/s", flush=True)

    # --- kernels ----------------------------------------------------------------
    def kernels(self) -> None:
        from benchmarks import regex_baseline

        annotated = repeated(ANNOTATED.read_text(encoding="utf-8"), self.size(KERNEL_BYTES))
        self.measure("pinyin", "annotated page", "regex (same rule)", regex_baseline.strip_pinyin, annotated, True)
        self.measure("pinyin", "annotated page", "zhclean.strip_pinyin", zhclean.strip_pinyin, annotated)

        clean = CLEAN.read_text(encoding="utf-8")
        gbk = repeated(clean.encode("utf-8").decode("gbk", "replace") + "\n", self.size(SLOW_BYTES))
        try:
            import ftfy
        except ImportError:
            self.missing.append("ftfy")
            ftfy = None
        if ftfy is not None:
            self.measure("mojibake", "UTF-8 read as GBK", "ftfy.fix_encoding", ftfy.fix_encoding, gbk, True)
        self.measure("mojibake", "UTF-8 read as GBK", "zhclean.fix_mojibake", zhclean.fix_mojibake, gbk)
        clean_big = repeated(clean, self.size(KERNEL_BYTES))
        if ftfy is not None:
            self.measure("mojibake", "clean page", "ftfy.fix_encoding", ftfy.fix_encoding, clean_big, True)
        self.measure("mojibake", "clean page", "zhclean.fix_mojibake", zhclean.fix_mojibake, clean_big)
        self.script()

    def script(self) -> None:
        import opencc

        if MIXED.is_file():
            mixed_name, mixed = "mixed Wikipedia article", MIXED.read_text(encoding="utf-8")
        else:
            self.notes.append(f"{MIXED} absent: the script rows use the seed pages")
            mixed_name, mixed = "seed pages", seeds_text()
        inputs = {mixed_name: repeated(mixed, self.size(SLOW_BYTES)),
                  "Traditional page": repeated(ANNOTATED.read_text(encoding="utf-8"), self.size(SLOW_BYTES))}
        to_traditional = opencc.OpenCC("s2t")
        try:
            import zhconv_rs
        except ImportError:
            self.missing.append("zhconv-rs")
            zhconv_rs = None
        for name, text in inputs.items():
            self.measure("script", name, "OpenCC s2t (one pass)", to_traditional.convert, text, True)
            if zhconv_rs is not None:
                self.measure("script", name, "zhconv-rs zh-hant", lambda t: zhconv_rs.zhconv(t, "zh-hant"), text)
            self.measure("script", name, "zhclean.convert(to='auto')", zhclean.convert, text)

    # --- pipeline ---------------------------------------------------------------
    def pipeline(self) -> None:
        from benchmarks import regex_baseline

        text = repeated(seeds_text(), self.size(SLOW_BYTES))
        try:
            import ftfy
            import opencc
        except ImportError as error:
            self.missing.append(str(error.name))
        else:
            converter = opencc.OpenCC("s2t")

            def chain(value: str) -> str:
                return converter.convert(regex_baseline.strip_pinyin(ftfy.fix_text(value)))

            self.measure("pipeline", "the five seed pages", "ftfy.fix_text + regex + OpenCC s2t", chain, text, True)
        self.measure("pipeline", "the five seed pages", "zhclean.Cleaner() (default)", zhclean.Cleaner(), text)
        lines = text.splitlines(keepends=True)
        cleaner = zhclean.Cleaner()
        self.measure("pipeline", "the five seed pages", "zhclean.Cleaner().clean_batch(lines)",
                     lambda _: cleaner.clean_batch(lines), text)
        self.measure("pipeline", "the five seed pages", "zhclean.Cleaner() on each line",
                     lambda _: [cleaner(line) for line in lines], text)

    # --- command line -----------------------------------------------------------
    def command_line(self) -> None:
        available = parallelism()
        self.notes.append(f"two processes of a pure-Python loop ran {available:.2f}x one just before the --jobs rows "
                          "(2.00x on two idle cores): the ceiling for --jobs 2 at that moment")
        with tempfile.TemporaryDirectory() as directory:
            source = pathlib.Path(directory) / "in.txt"
            source.write_text(repeated(seeds_text(), self.size(CLI_BYTES)), encoding="utf-8")
            outputs = {}
            times: dict[str, list[float]] = {"1": [], "2": []}
            for _ in range(self.rounds()):
                for jobs in ("1", "2"):  # interleaved: load from elsewhere hits both alike
                    target = pathlib.Path(directory) / f"out{jobs}.txt"
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "zhclean", "-q", "--jobs", jobs, str(source),
                                    "-o", str(target)], check=True)
                    times[jobs].append(time.perf_counter() - start)
                    outputs[jobs] = target.read_bytes()
            identical = outputs["1"] == outputs["2"]
            mb = source.stat().st_size / 1e6
            for jobs in ("1", "2"):
                seconds = min(times[jobs])
                self.rows.append({"group": "command line", "input": "the five seed pages, repeated",
                                  "implementation": f"zhclean --jobs {jobs}", "mb": mb, "seconds": seconds,
                                  "mbps": mb / seconds, "baseline": jobs == "1"})
                print(f"command line   --jobs {jobs}: {mb / seconds:,.1f} MB/s", flush=True)
            self.notes.append(f"--jobs 2 output identical to --jobs 1: {identical}")
            self.huge_line(pathlib.Path(directory))

    def huge_line(self, directory: pathlib.Path) -> None:
        source = directory / "line.txt"
        unit = "書(shu)記說：這是沒有換行的一段文字，"
        source.write_text(repeated(unit, self.size(HUGE_LINE_BYTES)), encoding="utf-8")
        code = ("import json, resource, subprocess, sys, time; t = time.perf_counter();"
                "subprocess.run(sys.argv[1:], check=True);"
                "print(json.dumps([time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
        out = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "zhclean", "-q", "--no-mojibake",
                              "--script", "none", str(source), "-o", str(directory / "line.out")],
                             check=True, capture_output=True, text=True).stdout
        seconds, rss_kib = json.loads(out)
        mb = source.stat().st_size / 1e6
        self.rows.append({"group": "command line", "input": f"one {mb:.0f} MB line, no newline",
                          "implementation": "zhclean --no-mojibake --script none", "mb": mb, "seconds": seconds,
                          "mbps": mb / seconds, "baseline": False})
        self.notes.append(f"one {mb:.0f} MB line without a newline: {seconds:.1f} s, peak RSS {rss_kib / 1024:.0f} MiB "
                          "(the first command: 33 s and 1.29 GB for 275 MB)")
        print(f"command line   one {mb:.0f} MB line: {seconds:.1f} s, {rss_kib / 1024:.0f} MiB", flush=True)

    # --- output -------------------------------------------------------------------
    def markdown(self, command: str, load_before: str) -> str:
        lines = [
            "# zhclean benchmark report",
            "",
            f"- Command: `{command}` (from the repository root)",
            f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
            f"- Machine: {cpu_model()}, {os.cpu_count()} logical CPUs; Python {platform.python_version()}; "
            f"zhclean kernels: {zhclean.KERNELS}",
            f"- Load average (1/5/15 min) before: {load_before}; after: {_load()} (other processes share the machine)",
            "- MB/s = UTF-8 bytes of input / best wall time of "
            f"{self.rounds()} round(s) after a warm-up; × = MB/s / the first row of its input (the alternative).",
            "",
            "| what | input | implementation | MB | MB/s | × |",
            "|---|---|---|---:|---:|---:|",
        ]
        base: dict[tuple[str, str], float] = {}
        for row in self.rows:
            key = (row["group"], row["input"])
            if row["baseline"]:
                base.setdefault(key, row["mbps"])
            ratio = f"{row['mbps'] / base[key]:,.2f}×" if key in base else ""
            lines.append(f"| {row['group']} | {row['input']} | {row['implementation']} | {row['mb']:,.1f} | "
                         f"{row['mbps']:,.1f} | {ratio} |")
        lines.append("")
        lines += [f"- {note}" for note in self.notes]
        if self.missing:
            lines.append(f"- Not measured (package missing): {', '.join(sorted(set(self.missing)))}")
        return "\n".join(lines) + "\n"

    def chart(self, path: pathlib.Path) -> bool:
        try:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            self.missing.append("matplotlib")
            return False
        labels = [f"{row['group']}: {row['input']}\n{row['implementation']}" for row in self.rows]
        values = [row["mbps"] for row in self.rows]
        colours = ["#c44e52" if "zhclean" in row["implementation"] else "#8c8c8c" for row in self.rows]
        figure, axis = plt.subplots(figsize=(12, 0.42 * len(self.rows) + 1.5))
        positions = list(range(len(self.rows)))[::-1]
        axis.barh(positions, values, color=colours)
        axis.set_yticks(positions)
        axis.set_yticklabels(labels, fontsize=7)
        axis.set_xscale("log")
        axis.set_xlabel("MB/s of UTF-8 input (log scale); red: zhclean, grey: the alternatives")
        for y, value in zip(positions, values):
            axis.text(value, y, f" {value:,.1f}", va="center", fontsize=7)
        axis.set_title(f"zhclean benchmark report ({os.cpu_count()} CPUs, {platform.python_implementation()} "
                       f"{platform.python_version()})", fontsize=9)
        figure.tight_layout()
        figure.savefig(path, dpi=110)
        plt.close(figure)
        return True


def cpu_model() -> str:
    """The CPU's model name (Linux), or what platform knows of it."""
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _load() -> str:
    try:
        return "/".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, one round (a smoke test)")
    parser.add_argument("--out", default=str(HERE / "report"), help="path of the report without suffix "
                        "(default benchmarks/report: report.md and report.png)")
    args = parser.parse_args(argv)
    load_before = _load()
    report = Report(args.quick)
    report.kernels()
    report.pipeline()
    report.command_line()
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    drawn = report.chart(out.with_suffix(".png"))
    command = "python -m benchmarks.report" + (" --quick" if args.quick else "")
    text = report.markdown(command, load_before)
    if drawn:
        text += f"\n![MB/s of each row]({out.with_suffix('.png').name})\n"
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
