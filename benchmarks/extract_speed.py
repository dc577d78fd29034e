"""Time ``extract(report)`` on a seed report, and load+extract on a ~50 MB text (linear-time check)."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from a checkout without installing the package

DEFAULT_SEED = ROOT / "seeds" / "jingzhou-district-2020.txt"
WARMUP = 5


def time_extract(path: Path, repeat: int) -> None:
    """Print median/mean milliseconds per extract() call and characters per second."""
    from planbook.extract import extract
    from planbook.text import load_report

    report = load_report(path)
    for _ in range(WARMUP):
        extract(report)  # fill regex and lookup caches before timing
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = extract(report)
        times.append(time.perf_counter() - t0)
    median, mean = statistics.median(times), statistics.fmean(times)
    print(f"{path.name}: {len(report.text):,} characters, {len(rows)} rows, {repeat} repetitions")
    print(f"ms per report: median {median * 1e3:.2f}  mean {mean * 1e3:.2f}")
    print(f"characters per second: {len(report.text) / median:,.0f}")


def time_big(path: Path, megabytes: float) -> None:
    """Repeat the seed into a ~``megabytes`` MB file and time load_report + extract on it once."""
    from planbook.extract import extract
    from planbook.text import load_report

    seed = path.read_bytes()
    copies = max(1, int(megabytes * 1_000_000 // len(seed)))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_bytes(seed * copies)
        size = big.stat().st_size
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
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", nargs="?", type=Path, default=DEFAULT_SEED, help="report to time")
    parser.add_argument("-n", "--repeat", type=int, default=200, help="timed repetitions (default 200)")
    parser.add_argument("--big", action="store_true", help="also time load+extract on a ~50 MB text")
    parser.add_argument("--big-mb", type=float, default=50.0, help="size of the big text in MB")
    args = parser.parse_args(argv)
    time_extract(args.report, args.repeat)
    if args.big:
        time_big(args.report, args.big_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
