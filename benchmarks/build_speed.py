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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from planbook import build as pb_build  # noqa: E402


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


def measure(args: argparse.Namespace, jobs: int) -> tuple:
    """One round: cold build, floor parts and no-op rebuild, in a fresh temporary book."""
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as tmp:
        tmp_path = Path(tmp)
        data, book = tmp_path / "data", tmp_path / "book"
        data.mkdir()
        for p in (REPO / "data").glob("*"):  # shared tables (glossary, units …) the notebooks read
            if p.is_file():
                shutil.copy(p, data / p.name)
        common = dict(templates_dir=args.templates, data_dir=data, book_dir=book, jobs=jobs, progress=False)
        reports = args.reports or None

        t = time.perf_counter()
        cold = pb_build.build(reports, **common)
        cold_s = time.perf_counter() - t
        n = len(cold.executed)

        kernel_s = kernel_start_seconds()
        t = time.perf_counter()
        pb_build.jupyter_book(book, REPO / "_config.yml", book / "_toc.yml", tmp_path / "jb")
        jb_s = time.perf_counter() - t
        floor_s = math.ceil(n / jobs) * kernel_s + jb_s

        t = time.perf_counter()
        noop = pb_build.build(reports, **common)
        noop_s = time.perf_counter() - t
    return cold, noop, cold_s, floor_s, noop_s, kernel_s, jb_s, n


def main(argv: list[str] | None = None) -> int:
    """Run the three measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", type=Path, help="report files (default: seeds/)")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="parallel notebooks (default: CPUs)")
    parser.add_argument("--templates", type=Path, default=REPO / "notebooks", help="chapter templates")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are printed (default: 3)")
    args = parser.parse_args(argv)
    jobs = max(1, args.jobs or __import__("os").cpu_count() or 1)

    colds, floors, noops, kernels, jbs = [], [], [], [], []
    for _ in range(args.repeat):
        cold, noop, cold_s, floor_s, noop_s, kernel_s, jb_s, n = measure(args, jobs)
        colds.append(cold_s)
        floors.append(floor_s)
        noops.append(noop_s)
        kernels.append(kernel_s)
        jbs.append(jb_s)
    cold_s, floor_s, noop_s = statistics.median(colds), statistics.median(floors), statistics.median(noops)
    kernel_s, jb_s = statistics.median(kernels), statistics.median(jbs)

    print(f"reports {len(cold.reports)}, notebooks {n}, workers {jobs}, medians of {args.repeat} rounds")
    print(f"cold build       {cold_s:6.1f} s   ({n} executed)")
    print(
        f"floor            {floor_s:6.1f} s   (kernel start {kernel_s:.2f} s × ceil({n}/{jobs}) "
        f"+ jupyter-book {jb_s:.1f} s)"
    )
    rounds = ", ".join(f"{c / f:.2f}" for c, f in zip(colds, floors, strict=True))
    print(f"cold / floor     {cold_s / floor_s:6.2f}   (each round: {rounds})")
    print(
        f"no-op rebuild    {noop_s:6.1f} s   ({len(noop.executed)} executed, {len(noop.reused)} reused, "
        f"HTML {'rebuilt' if noop.html_rebuilt else 'reused'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
