"""A very large report: `extract`, `targets` and `panel` (and with --build the book) on ~17 million characters.

    .venv/bin/python benchmarks/large_report.py [--chars 17000000] [--corpus DIR] [--build] [--keep]

The report is made here, in a temporary folder, from the development reports (``../shared/corpus``,
else ``tests/fixtures``): their texts one after the other, again and again, every line of each copy
ending with a marker of its own (characters the reader takes for no number), so that no passage is
read as saved twice. Each command runs as a user runs it (``python -m planbook …``, with
``--max-size`` raised: the file is ~50 MB), and the script prints its wall and CPU seconds, its cost
against ``extract`` and the peak memory of the largest command so far. Goals (issue 21): ``extract``
at most 20 s, ``targets`` and ``panel`` at most 1.5× ``extract``. The exit status is 1 when a goal
is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
FALLBACK_CORPUS = ROOT / "tests" / "fixtures"
STEMS = "甲乙丙丁戊己庚辛壬癸"  # digits of the copy marker: the reader never takes them for a number
EXTRACT_GOAL = 20.0
RATIO_GOAL = 1.5


def marker(copy: int) -> str:
    """The marker of copy number ``copy``: four stems (〔甲甲甲甲〕, 〔甲甲甲乙〕 …), distinct up to 10,000 copies."""
    return "〔" + "".join(STEMS[int(d)] for d in f"{copy % 10000:04d}") + "〕"


def large_text(sources: list[Path], chars: int) -> str:
    """The texts of ``sources`` in turn, each copy's lines marked, until ``chars`` characters."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    out, total, copy = [], 0, 0
    while total < chars:
        text = texts[copy % len(texts)]
        mark = marker(copy)
        part = "\n".join(line + mark if line.strip() else line for line in text.splitlines()) + "\n"
        out.append(part)
        total += len(part)
        copy += 1
    return "".join(out)


@dataclass
class Timing:
    """One command's wall and CPU seconds and peak memory (MB)."""

    name: str
    wall: float
    cpu: float
    peak_mb: float


def timed(name: str, args: list[str], cwd: Path) -> Timing:
    """Run ``python -m planbook ARGS`` and time it (CPU of the child processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "planbook", *args], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{name} failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(name, wall, cpu, after.ru_maxrss / 1024)


def main(argv: list[str] | None = None) -> int:
    """Make the report, run each command on it, print the figures; exit 1 when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=17_000_000, help="size of the report (default 17,000,000)")
    parser.add_argument("--corpus", type=Path, help="folder of development reports (default ../shared/corpus)")
    parser.add_argument("--build", action="store_true", help="also build the book of the report (minutes)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)
    corpus = args.corpus or (DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else FALLBACK_CORPUS)
    sources = sorted(corpus.rglob("*.txt"))
    if not sources:
        raise SystemExit(f"{corpus}: no .txt reports to repeat")
    tmp = Path(tempfile.mkdtemp(prefix="planbook-large-"))
    report = tmp / "large-report.txt"
    report.write_text(large_text(sources, args.chars), encoding="utf-8")
    size = report.stat().st_size
    cap = f"{size // 1_000_000 + 10}M"
    print(f"report: {args.chars:,}+ characters, {size / 1e6:.1f} MB, from {len(sources)} texts of {corpus}")
    out = [
        timed("extract", ["extract", str(report), "-o", str(tmp / "rows.csv"), "--max-size", cap], ROOT),
        timed("targets", ["targets", str(report), "-o", str(tmp / "targets.csv"), "--max-size", cap], ROOT),
        timed("panel", ["panel", str(report), "-o", str(tmp / "panel.duckdb"), "--quiet", "--max-size", cap], ROOT),
    ]
    if args.build:
        book = ["--book", str(tmp / "book"), "--data", str(tmp / "data"), "--quiet", "--max-size", cap]
        out.append(timed("build", ["build", str(report), *book], ROOT))
    base = out[0]
    print(f"{'command':<8}{'wall s':>9}{'CPU s':>9}{'× extract (CPU)':>17}{'peak MB so far':>16}")
    for t in out:
        print(f"{t.name:<8}{t.wall:>9.1f}{t.cpu:>9.1f}{t.cpu / base.cpu:>17.2f}{t.peak_mb:>16.0f}")
    rows = sum(1 for _ in (tmp / "rows.csv").open(encoding="utf-8")) - 1
    print(f"{rows:,} rows extracted")
    ok = base.cpu <= EXTRACT_GOAL and all(t.cpu <= RATIO_GOAL * base.cpu for t in out[1:3])
    print(
        f"goals (extract ≤ {EXTRACT_GOAL:g} s, targets and panel ≤ {RATIO_GOAL}× extract): {'met' if ok else 'MISSED'}"
    )
    if args.keep:
        print(f"kept: {tmp}")
    else:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.pop("PLANBOOK_SCHEDULER", None)  # in this process, as the goals are stated
    sys.exit(main())
