"""How fast the book builds: cold build, the floor, and a no-op rebuild.

    .venv/bin/python benchmarks/build_speed.py [--jobs N] [--templates DIR] [REPORT ...]

Builds the repository's reports (default: seeds/) with the repository's chapter templates into a
temporary book and data folder, so the repository's own book is not touched.

* cold: a first build (every notebook executed, HTML built and published);
* floor: what no scheduling can beat — one kernel start per notebook spread over the workers,
  plus jupyter-book on the already-executed notebooks;
* no-op: the same build again (nothing re-executed, HTML reused).
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from planbook.book.build import BuildOptions, BuildResult, build  # noqa: E402
from planbook.book.publish import jupyter_book  # noqa: E402


def kernel_start_seconds(samples: int = 3) -> float:
    """Mean time to start a python3 kernel, run nothing, and stop it (papermill's fixed cost)."""
    from jupyter_client.manager import start_new_kernel

    times = []
    for _ in range(samples):
        t = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        times.append(time.perf_counter() - t)
    return sum(times) / len(times)


@dataclass(frozen=True)
class Round:
    """One round's builds and times (seconds)."""

    cold: BuildResult
    noop: BuildResult
    cold_s: float
    floor_s: float
    noop_s: float
    kernel_s: float
    jb_s: float
    notebooks: int


def measure(args: argparse.Namespace, jobs: int) -> Round:
    """One round: cold build, floor parts and no-op rebuild, in a fresh temporary book."""
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as tmp:
        tmp_path = Path(tmp)
        data, book = tmp_path / "data", tmp_path / "book"
        data.mkdir()
        for p in (REPO / "data").glob("*"):  # shared tables (glossary, units …) the notebooks read
            if p.is_file():
                shutil.copy(p, data / p.name)
        options = BuildOptions(templates_dir=args.templates, data_dir=data, book_dir=book, jobs=jobs, progress=False)
        reports = args.reports or None

        t = time.perf_counter()
        cold = build(reports, options)
        cold_s = time.perf_counter() - t
        n = len(cold.executed)

        kernel_s = kernel_start_seconds()
        t = time.perf_counter()
        jupyter_book(book, REPO / "_config.yml", book / "_toc.yml", tmp_path / "jb")
        jb_s = time.perf_counter() - t
        floor_s = math.ceil(n / jobs) * kernel_s + jb_s

        t = time.perf_counter()
        noop = build(reports, options)
        noop_s = time.perf_counter() - t
    return Round(cold, noop, cold_s, floor_s, noop_s, kernel_s, jb_s, n)


def main(argv: list[str] | None = None) -> int:
    """Run the three measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", type=Path, help="report files (default: seeds/)")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="parallel notebooks (default: CPUs)")
    parser.add_argument("--templates", type=Path, default=REPO / "notebooks", help="chapter templates")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are printed (default: 3)")
    args = parser.parse_args(argv)
    jobs = max(1, args.jobs or __import__("os").cpu_count() or 1)

    rounds = [measure(args, jobs) for _ in range(args.repeat)]
    cold, noop, n = rounds[-1].cold, rounds[-1].noop, rounds[-1].notebooks
    colds, floors = [r.cold_s for r in rounds], [r.floor_s for r in rounds]
    cold_s, floor_s, noop_s = (
        statistics.median(colds),
        statistics.median(floors),
        statistics.median(r.noop_s for r in rounds),
    )
    kernel_s, jb_s = statistics.median(r.kernel_s for r in rounds), statistics.median(r.jb_s for r in rounds)

    print(f"reports {len(cold.reports)}, notebooks {n}, workers {jobs}, medians of {args.repeat} rounds")
    print(f"cold build       {cold_s:6.1f} s   ({n} executed)")
    print(
        f"floor            {floor_s:6.1f} s   (kernel start {kernel_s:.2f} s × ceil({n}/{jobs}) "
        f"+ jupyter-book {jb_s:.1f} s)"
    )
    ratios = ", ".join(f"{c / f:.2f}" for c, f in zip(colds, floors, strict=True))
    print(f"cold / floor     {cold_s / floor_s:6.2f}   (each round: {ratios})")
    print(
        f"no-op rebuild    {noop_s:6.1f} s   ({len(noop.executed)} executed, {len(noop.reused)} reused, "
        f"HTML {'rebuilt' if noop.html_rebuilt else 'reused'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
