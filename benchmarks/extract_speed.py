"""Time ``extract(report)`` on a seed report beside JioNLP's ``extract_money`` on the same text, and load+extract
on a ~50 MB text (linear-time check).

JioNLP is used when it can be imported here, or from a side interpreter given by ``--jionlp-python`` or
the environment variable PLANBOOK_JIONLP_PYTHON (a worker process there times ``extract_money``). The two
are timed in alternating blocks, so that both see the same load of the machine; each side's figure is the
median over all its calls. With ``--corpus DIR`` each report of the folder is also read once in a fresh
process after one warm-up report (REPORT), planbook with its phrase caches emptied, beside JioNLP the same way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from a checkout without installing the package

DEFAULT_SEED = ROOT / "seeds" / "jingzhou-district-2020.txt"
WARMUP = 5
GOAL = 1.3  # planbook should be at least this many times faster than JioNLP
JIONLP_ENV = "PLANBOOK_JIONLP_PYTHON"

# Runs in JioNLP's interpreter: warm up, then answer each line "n" from stdin with n call times.
_WORKER = """
import sys, time
import jionlp as jio
text = open(sys.argv[1], encoding="utf-8").read()
for _ in range(int(sys.argv[2])):
    jio.ner.extract_money(text)
print("READY", flush=True)
for line in sys.stdin:
    times = []
    for _ in range(int(line)):
        t0 = time.perf_counter()
        jio.ner.extract_money(text)
        times.append(time.perf_counter() - t0)
    print("TIMES", *times, flush=True)
"""

Block = Callable[[int], list[float]]  # n → the seconds of n calls


class JioWorker:
    """JioNLP's ``extract_money`` timed in another interpreter (a side venv)."""

    def __init__(self, python: str, text_path: Path) -> None:
        self.proc = subprocess.Popen(
            [python, "-c", _WORKER, str(text_path), str(WARMUP)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._answer("READY")

    def _answer(self, tag: str) -> list[str]:
        """The words after ``tag`` on the worker's next line that starts with it (JioNLP prints notices too)."""
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith(tag):
                return line.split()[1:]
        raise RuntimeError(f"the JioNLP worker stopped (exit status {self.proc.wait()})")

    def block(self, n: int) -> list[float]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{n}\n")
        self.proc.stdin.flush()
        return [float(t) for t in self._answer("TIMES")]

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


def in_process_jionlp(text: str) -> Block | None:
    """A timer of JioNLP's ``extract_money`` in this interpreter, or None when it cannot be imported."""
    try:
        import jionlp as jio
    except ImportError:
        return None
    for _ in range(WARMUP):
        jio.ner.extract_money(text)

    def block(n: int) -> list[float]:
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            jio.ner.extract_money(text)
            times.append(time.perf_counter() - t0)
        return times

    return block


def planbook_block(report: object, keep_caches: bool) -> Block:
    """A timer of ``extract(report)``; the phrase caches are emptied before each call unless ``keep_caches``."""
    from planbook.extract import clear_caches, extract

    def block(n: int) -> list[float]:
        times = []
        for _ in range(n):
            if not keep_caches:
                clear_caches()  # outside the timed span: every call reads the report as if for the first time
            t0 = time.perf_counter()
            extract(report)  # type: ignore[arg-type]
            times.append(time.perf_counter() - t0)
        return times

    return block


def interleaved(blocks: dict[str, Block], rounds: int, size: int) -> dict[str, list[float]]:
    """Every timer's call times, from ``rounds`` rounds that run a block of ``size`` calls of each in turn."""
    times: dict[str, list[float]] = {name: [] for name in blocks}
    for _ in range(rounds):
        for name, block in blocks.items():
            times[name].extend(block(size))
    return times


def time_extract(path: Path, rounds: int, size: int, jionlp_python: str | None) -> None:
    """Print planbook's ms per report warm and with its phrase caches emptied, and JioNLP's and the ratios."""
    from planbook.extract import extract
    from planbook.text import load_report

    report = load_report(path)
    rows = extract(report)
    # "warm": compiled patterns and phrase caches filled by earlier calls, as the first benchmark and the
    # issue's figures measured it; "cold phrases": the phrase caches emptied before every call, so that no
    # word of the repeated report is looked up from memory.
    blocks: dict[str, Block] = {"warm": planbook_block(report, True), "cold phrases": planbook_block(report, False)}
    blocks["warm"](WARMUP)
    with tempfile.TemporaryDirectory() as tmp:
        worker = None
        if jionlp_python:
            text_path = Path(tmp) / "report.txt"
            text_path.write_text(report.text, encoding="utf-8")
            worker = JioWorker(jionlp_python, text_path)
            blocks["jionlp"] = worker.block
        elif (jio := in_process_jionlp(report.text)) is not None:
            blocks["jionlp"] = jio
        try:
            times = interleaved(blocks, rounds, size)
        finally:
            if worker is not None:
                worker.close()
    print(f"{path.name}: {len(report.text):,} characters, {len(rows)} rows; {rounds} rounds of {size} calls per side")
    ms = {name: statistics.median(t) * 1e3 for name, t in times.items()}
    for name in ("warm", "cold phrases"):
        line = f"planbook {name:<12} {ms[name]:5.1f} ms"
        if "jionlp" in ms:
            ratio = ms["jionlp"] / ms[name]
            line += f"  jionlp {ms['jionlp']:5.1f} ms  ratio {ratio:.2f}×"
        print(line)
    if "jionlp" in ms:
        print(f"goal: warm ratio ≥ {GOAL}×")
    else:
        print(
            f"JioNLP not found: install jionlp into a side venv and pass --jionlp-python PATH/TO/python "
            f"(or set {JIONLP_ENV}) to time jio.ner.extract_money on the same text"
        )
    print(f"planbook characters per second (warm): {len(report.text) / (ms['warm'] / 1e3):,.0f}")


# One report read once in a fresh interpreter, after one warm-up report (compiled patterns and imports ready,
# the phrase caches emptied after it): prints the seconds of the one call. argv: warm-up file, report file.
_ONCE_PLANBOOK = """
import sys, time
sys.path.insert(0, sys.argv[3])
from planbook.extract import clear_caches, extract
from planbook.text import load_report
extract(load_report(sys.argv[1]))
report = load_report(sys.argv[2])
clear_caches()
t0, c0 = time.perf_counter(), time.process_time()
extract(report)
print("SECONDS", time.perf_counter() - t0, time.process_time() - c0)
"""
_ONCE_JIONLP = """
import sys, time
import jionlp as jio
jio.ner.extract_money(open(sys.argv[1], encoding="utf-8").read())
text = open(sys.argv[2], encoding="utf-8").read()
t0, c0 = time.perf_counter(), time.process_time()
jio.ner.extract_money(text)
print("SECONDS", time.perf_counter() - t0, time.process_time() - c0)
"""


def _once(python: str, code: str, warm: Path, path: Path) -> tuple[float, float]:
    """The wall and CPU seconds of one call in a fresh interpreter (the line ``SECONDS wall cpu`` it prints)."""
    out = subprocess.run([python, "-c", code, str(warm), str(path), str(ROOT)], capture_output=True, text=True)
    line = next((x for x in out.stdout.splitlines() if x.startswith("SECONDS")), None)
    if line is None:
        raise RuntimeError(f"{path.name}: {out.stderr.strip().splitlines()[-1:]}")
    wall, cpu = line.split()[1:3]
    return float(wall), float(cpu)


def time_corpus(folder: Path, warm: Path, jionlp_python: str | None) -> None:
    """Each report of ``folder`` read once in a fresh process after a warm-up report, planbook and JioNLP
    turn about; prints each report's milliseconds and the totals' ratio."""
    from planbook.text import load_report

    files = sorted(folder.glob("*.txt"))
    # wall and CPU seconds of each side: on a machine shared with other jobs the CPU seconds move less
    total = {"planbook": [0.0, 0.0], "jionlp": [0.0, 0.0]}
    print(f"{len(files)} reports of {folder}, each once in a fresh process after {warm.name}")
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            text_path = Path(tmp) / path.name  # JioNLP reads the text planbook reads (decoded, cleaned)
            text_path.write_text(load_report(path).text, encoding="utf-8")
            pb = _once(sys.executable, _ONCE_PLANBOOK, warm, path)
            nan = float("nan")
            jio = _once(jionlp_python, _ONCE_JIONLP, warm, text_path) if jionlp_python else (nan, nan)
            for side, secs in (("planbook", pb), ("jionlp", jio)):
                total[side] = [total[side][0] + secs[0], total[side][1] + secs[1]]
            print(f"  {path.name}: planbook {pb[0] * 1e3:6.1f} ms  jionlp {jio[0] * 1e3:6.1f} ms", flush=True)
    for i, what in enumerate(("total", "total CPU")):
        pb_s, jio_s = total["planbook"][i], total["jionlp"][i]
        print(f"{what}: planbook {pb_s:.3f} s  jionlp {jio_s:.3f} s  ratio {jio_s / pb_s:.2f}×")


def time_big(path: Path, megabytes: float) -> None:
    """Repeat the seed into a ~``megabytes`` MB file and time load_report + extract on it once."""
    from planbook.extract import extract
    from planbook.text import load_report
    from planbook.text.reading import MAX_SIZE_ENV

    seed = path.read_bytes()
    copies = max(1, int(megabytes * 1_000_000 // len(seed)))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_bytes(seed * copies)
        size = big.stat().st_size
        os.environ[MAX_SIZE_ENV] = str(size + 1)  # above the cap on a report's size (20 MB by default)
        t0 = time.perf_counter()
        report = load_report(big)
        t1 = time.perf_counter()
        rows = extract(report)
        t2 = time.perf_counter()
    print(f"big text: {size / 1e6:.1f} MB ({copies} copies of {path.name}), {len(rows):,} rows")
    print(f"load {t1 - t0:.2f} s  extract {t2 - t1:.2f} s  total {t2 - t0:.2f} s")
    print(f"characters per second (load+extract): {len(report.text) / (t2 - t0):,.0f}")


def main(argv: list[str] | None = None) -> int:
    """Parse options and run the timings."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", nargs="?", type=Path, default=DEFAULT_SEED, help="report to time")
    parser.add_argument("--rounds", type=int, default=10, help="rounds of alternating blocks (default 10)")
    parser.add_argument("--block", type=int, default=20, help="calls per block and side (default 20)")
    parser.add_argument(
        "--jionlp-python", default=os.environ.get(JIONLP_ENV), help=f"a Python with jionlp installed (or ${JIONLP_ENV})"
    )
    parser.add_argument("--big", action="store_true", help="also time load+extract on a ~50 MB text")
    parser.add_argument("--big-mb", type=float, default=50.0, help="size of the big text in MB")
    parser.add_argument(
        "--corpus", type=Path, help="also read each report of this folder once in a fresh process (after REPORT)"
    )
    args = parser.parse_args(argv)
    time_extract(args.report, args.rounds, args.block, args.jionlp_python)
    if args.corpus:
        time_corpus(args.corpus, args.report, args.jionlp_python)
    if args.big:
        time_big(args.report, args.big_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
