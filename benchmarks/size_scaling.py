"""Is the cost linear in report size? Time extraction, tables and pages on the seed repeated 1, 4, 16, 64 times.

    .venv/bin/python benchmarks/size_scaling.py [REPORT] [--copies 1 4 16 64] [--limit 1.5] [--gc]

Each copy of the report is made distinct (every line ends with a marker naming its copy, in
characters the reader takes for no number), because the loader reads a passage saved twice only
once: a plain repetition would measure the first copy alone. For each size the script prints the
CPU seconds and the microseconds per character of every stage, and the ratio of the per-character cost
to the 1x file's. The exit status is 1 when the largest file costs more than ``--limit`` times as
much per character as the 1x file in any stage (the issue's goal is 1.5).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from a checkout without installing the package

DEFAULT_SEED = ROOT / "seeds" / "jingzhou-district-2020.txt"
# Digits of the copy marker: the ten heavenly stems, which the reader never takes for a number.
STEMS = "甲乙丙丁戊己庚辛壬癸"
# Every stage runs at least MIN_RUNS times and until MIN_SECONDS are spent; the fastest run counts,
# so that noise from other work on the machine does not set a figure.
MIN_RUNS = 3
MIN_SECONDS = 1.0


def marker(copy: int) -> str:
    """The marker of copy number ``copy`` (0 → 〔甲甲〕, 1 → 〔甲乙〕 …): no digit, no number word."""
    return f"〔{STEMS[copy // 10 % 10]}{STEMS[copy % 10]}〕"


def distinct_copies(text: str, copies: int) -> str:
    """``text`` repeated ``copies`` times, every non-blank line of copy k ending with k's marker."""
    lines = text.splitlines()
    out = []
    for k in range(copies):
        mark = marker(k)
        out.extend(line + mark if line.strip() else line for line in lines)
    return "\n".join(out) + "\n"


@dataclass
class Sample:
    """The seconds each stage took on one file."""

    copies: int
    chars: int
    seconds: dict[str, float] = field(default_factory=dict)


# Memo caches at least this large hold per-text results (sentences classified, names translated);
# the smaller ones hold the word lists of data/, loaded once per process, which stay.
TEXT_CACHE_SIZE = 1024


def clear_text_caches() -> None:
    """Empty planbook's memo caches of per-text results (the word lists stay loaded).

    A second run on the same file would find every sentence of a small file already classified and
    translated, and none of a big one's (more than the caches hold): each run starts cold instead.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith("planbook"):
            continue
        for obj in vars(module).values():
            info = getattr(obj, "cache_info", None)
            if callable(info) and (info().maxsize or 0) >= TEXT_CACHE_SIZE:
                obj.cache_clear()


def _best_time(fn: Callable[[], object], collector: bool) -> float:
    """The fastest of MIN_RUNS or more runs (as many as fit in MIN_SECONDS).

    Unless ``collector``, Python's cyclic garbage collector is paused during each run (after a full
    collection): its passes cost in proportion to every object alive, the whole big report's rows
    included, and would hide what the code itself costs per character.
    """
    best, spent, runs = float("inf"), 0.0, 0
    while runs < MIN_RUNS or spent < MIN_SECONDS:
        clear_text_caches()
        gc.collect()
        if not collector:
            gc.disable()
        try:
            t0 = time.process_time()  # CPU time: other work on a shared machine does not count
            fn()
            took = time.process_time() - t0
        finally:
            gc.enable()
        best, spent, runs = min(best, took), spent + took, runs + 1
    return best


def measure(path: Path, collector: bool = False) -> dict[str, float]:
    """Seconds of each stage on the report at ``path``: load, extract, tables, source page, landing page."""
    from planbook.analysis.audit import run_audit
    from planbook.analysis.headline import headline_table
    from planbook.analysis.plan import plan_vs_outcome
    from planbook.analysis.tables import chapter_table, indicator_table, rank_gap_table
    from planbook.book.pages import landing_page
    from planbook.book.source import source_html
    from planbook.extract import extract
    from planbook.model import CHAPTERS, ReportFacts, rows_frame
    from planbook.text import load_report, segment

    report = load_report(path)
    rows = extract(report)
    frame = rows_frame(rows)
    facts = ReportFacts.of(report)
    segmented = segment(report)
    stages: dict[str, Callable[[], object]] = {
        "load": lambda: load_report(path),
        "extract": lambda: extract(report),
        "chapters": lambda: [chapter_table(frame, ch) for ch in CHAPTERS],
        "indicators": lambda: indicator_table(frame),
        "headline": lambda: headline_table(frame, facts.review_year),
        "rank_gap": lambda: rank_gap_table(frame),
        "plan": lambda: plan_vs_outcome(frame, facts.review_year, facts.plan_year),
        "audit": lambda: run_audit(frame),
        "segment": lambda: segment(report),
        "source page": lambda: source_html(report, rows, segmented),
        "landing page": lambda: landing_page(report, rows, list(CHAPTERS)),
    }
    return {name: _best_time(fn, collector) for name, fn in stages.items()}


def run(seed: Path, copies: list[int], collector: bool = False) -> list[Sample]:
    """Write each size into a temporary folder and time every stage on it."""
    text = seed.read_text(encoding="utf-8")
    samples = []
    with tempfile.TemporaryDirectory(prefix="planbook-size-") as tmp:
        for n in copies:
            path = Path(tmp) / f"{seed.stem}-x{n}.txt"
            path.write_text(distinct_copies(text, n), encoding="utf-8")
            chars = len(path.read_text(encoding="utf-8"))
            samples.append(Sample(n, chars, measure(path, collector)))
            print(f"timed {n}x ({chars:,} characters)", file=sys.stderr)
    return samples


def report_table(samples: list[Sample]) -> tuple[str, float]:
    """The figures as a text table, and the worst ratio of the largest file's per-character cost to 1x's."""
    base = samples[0]
    stages = list(base.seconds)
    lines = [f"{'stage':<14}" + "".join(f"{f'{s.copies}x s':>10}{'µs/char':>9}{'ratio':>7}" for s in samples)]
    worst = 0.0
    for stage in [*stages, "total"]:
        cells = []
        for s in samples:
            sec = sum(s.seconds.values()) if stage == "total" else s.seconds[stage]
            base_sec = sum(base.seconds.values()) if stage == "total" else base.seconds[stage]
            per_char, base_per_char = sec / s.chars * 1e6, base_sec / base.chars * 1e6
            ratio = per_char / base_per_char if base_per_char else float("nan")
            cells.append(f"{sec:>10.3f}{per_char:>9.2f}{ratio:>7.2f}")
            if s is samples[-1]:
                worst = max(worst, ratio)
        lines.append(f"{stage:<14}" + "".join(cells))
    sizes = ", ".join(f"{s.copies}x = {s.chars:,}" for s in samples)
    return f"characters: {sizes}\n" + "\n".join(lines), worst


def main(argv: list[str] | None = None) -> int:
    """Parse options, time every size and print the table; exit 1 when the largest file is over the limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=DEFAULT_SEED, help="report (default: the seed)")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16, 64], help="sizes (default 1 4 16 64)")
    parser.add_argument("--limit", type=float, default=1.5, help="highest allowed ratio per character (default 1.5)")
    parser.add_argument("--gc", action="store_true", help="keep the garbage collector running while timing")
    args = parser.parse_args(argv)
    table, worst = report_table(run(args.report, sorted(set(args.copies)), args.gc))
    print(table)
    verdict = "within" if worst <= args.limit else "OVER"
    print(f"largest file: at most {worst:.2f}x the 1x cost per character in a stage ({verdict} the limit {args.limit})")
    return 0 if worst <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
