"""How fast the book builds: cold build, the floor, and a no-op rebuild.

    .venv/bin/python benchmarks/build_speed.py [--jobs N] [--templates DIR] [REPORT ...]

Builds the repository's reports (default: seeds/) with the repository's chapter templates into a
temporary book and data folder, so the repository's own book is not touched.

* cold: a first build (every notebook executed, HTML built and published);
* floor: what no scheduling can beat — one kernel start per notebook spread over the workers,
  plus jupyter-book on the already-executed notebooks;
* no-op: the same build again (nothing re-executed, HTML reused), in this process and as the whole
  ``python -m planbook build`` command (start-up and imports included), with its CPU seconds.

With ``--growth 1,9,27 FOLDER`` it builds 1, then 9, then 27 of the folder's reports (spread evenly
over the folder's years) and prints the cold and no-op build time of each, and the time per report:
how the build time grows with the number of reports. Beside the wall seconds it prints the cold build's
CPU seconds (this process, the kernels and jupyter-book: a loaded machine stretches wall times, not
these) and the CPU seconds each report added since the row before (the goal is 2.5 s).
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import subprocess
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
    cold_cpu_s: float  # CPU of the cold build: this process and its children (kernels, jupyter-book)
    floor_s: float
    noop_s: float
    command_s: float  # the whole no-op command, wall
    command_cpu_s: float  # and its CPU (user + system)
    kernel_s: float
    jb_s: float
    notebooks: int


def measure(args: argparse.Namespace, jobs: int, floor: bool = True) -> Round:
    """One round: cold build, floor parts (unless not asked) and no-op rebuild, in a fresh temporary book."""
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as tmp:
        tmp_path = Path(tmp)
        data, book = tmp_path / "data", tmp_path / "book"
        data.mkdir()  # the notebooks read the vocabulary (glossary, units …) from the package
        options = BuildOptions(templates_dir=args.templates, data_dir=data, book_dir=book, jobs=jobs, progress=False)
        reports = args.reports or None

        t, cpu = time.perf_counter(), cpu_seconds()
        cold = build(reports, options)
        cold_s, cold_cpu_s = time.perf_counter() - t, cpu_seconds() - cpu
        n = len(cold.executed)

        kernel_s = jb_s = floor_s = 0.0
        if floor:
            kernel_s = kernel_start_seconds()
            t = time.perf_counter()
            jupyter_book(book, REPO / "_config.yml", book / "_toc.yml", tmp_path / "jb")
            jb_s = time.perf_counter() - t
            floor_s = math.ceil(n / jobs) * kernel_s + jb_s

        t = time.perf_counter()
        noop = build(reports, options)
        noop_s = time.perf_counter() - t
        command_s, command_cpu_s = noop_command(args, data, book)
    return Round(cold, noop, cold_s, cold_cpu_s, floor_s, noop_s, command_s, command_cpu_s, kernel_s, jb_s, n)


def cpu_seconds() -> float:
    """User and system CPU seconds of this process and of its children that ended (kernels, jupyter-book)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def noop_command(args: argparse.Namespace, data: Path, book: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -m planbook build`` on the built book (a no-op), start-up included."""
    cmd = [sys.executable, "-m", "planbook", "build", "--quiet", "--data", str(data), "--book", str(book)]
    cmd += ["--notebooks", str(args.templates), *map(str, args.reports or [])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def spread(files: list[Path], n: int) -> list[Path]:
    """``n`` of the files, evenly spaced over the list (first and last included)."""
    if n >= len(files):
        return files
    if n == 1:
        return files[:1]
    return [files[round(i * (len(files) - 1) / (n - 1))] for i in range(n)]


def growth(args: argparse.Namespace, jobs: int) -> int:
    """Cold and no-op build time for growing subsets of the reports."""
    from planbook.text import report_files

    files = [f.path for f in report_files(args.reports or [REPO / "seeds"])]
    sizes = [int(x) for x in args.growth.split(",")]
    print(f"{len(files)} reports available, workers {jobs}")
    print(
        f"{'reports':>7} {'notebooks':>9} {'cold s':>8} {'s/report':>9} {'cold cpu':>8} {'cpu/added':>9} "
        f"{'no-op s':>8} {'command s':>9} {'cpu s':>6} {'load':>5}"
    )
    last: tuple[int, float] | None = None
    for n in sizes:
        sub = argparse.Namespace(**{**vars(args), "reports": spread(files, n)})
        r = measure(sub, jobs, floor=False)
        k = len(r.cold.reports)
        added = f"{(r.cold_cpu_s - last[1]) / (k - last[0]):9.2f}" if last and k > last[0] else f"{'':9}"
        last = (k, r.cold_cpu_s)
        print(
            f"{k:7d} {r.notebooks:9d} {r.cold_s:8.1f} {r.cold_s / k:9.2f} {r.cold_cpu_s:8.1f} {added} "
            f"{r.noop_s:8.2f} {r.command_s:9.2f} {r.command_cpu_s:6.2f} {os.getloadavg()[0]:5.1f}",
            flush=True,
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the three measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", type=Path, help="report files or folders (default: seeds/)")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="parallel notebooks (default: CPUs)")
    parser.add_argument("--templates", type=Path, default=REPO / "notebooks", help="chapter templates")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are printed (default: 3)")
    parser.add_argument("--growth", metavar="N,N,…", help="build growing subsets of the reports (e.g. 1,9,27)")
    args = parser.parse_args(argv)
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    if args.growth:
        return growth(args, jobs)

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
        f"no-op rebuild    {noop_s:6.2f} s   ({len(noop.executed)} executed, {len(noop.reused)} reused, "
        f"HTML {'rebuilt' if noop.html_rebuilt else 'reused'})"
    )
    command_s = statistics.median(r.command_s for r in rounds)
    command_cpu_s = statistics.median(r.command_cpu_s for r in rounds)
    print(f"no-op command    {command_s:6.2f} s   (python -m planbook build, CPU {command_cpu_s:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
