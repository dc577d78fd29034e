"""How fast the panel reads a corpus, on each executor, and how its cost grows with the number of reports.

    .venv/bin/python benchmarks/corpus.py [--sizes 100 300 1000] [--executors serial processes dask]
                                          [--corpus DIR] [--seeds DIR]

Corpora: the 河北省 work reports (``--corpus``, 27 files), and synthetic corpora of 100, 300 and
1,000 reports generated here in a temporary folder: the development reports (the 河北省 corpus and
``--seeds``) copied round-robin with their numbers perturbed. Within one file a literal is always
replaced by the same new literal, so a speech saved twice stays repeated verbatim and is read once,
as in the original; across files the numbers differ, so no two synthetic reports are the same.

Executors: ``serial`` (this process, the default of ``planbook panel``), ``processes`` (2 local
worker processes, ``--jobs 2``) and ``dask`` (a local Dask cluster of 2 worker processes, one
thread each, reached over TCP on 127.0.0.1, as ``--scheduler`` would). Each measurement is a whole
``update_panel`` into a new database — hashing, reading, extracting, writing, pairing targets,
committing — with the executor already started; its start-up is printed apart. Last, one more
report (a 河北省 one, of the largest region) is added to a panel of the largest corpus, wall and CPU
seconds (issue 20: at most 0.5 s), and the serial panel is set against reading alone (at most 1.5×).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run as a script from a checkout without installing the package

import duckdb  # noqa: E402

from planbook.corpus.executor import DaskExecutor, Executor, ProcessExecutor, SerialExecutor  # noqa: E402
from planbook.corpus.panel import PRELOAD, update_panel  # noqa: E402
from planbook.text import load_report  # noqa: E402

SHARED = next((p for p in (Path("/work/shared"), REPO.parent / "shared") if p.is_dir()), REPO / "tests" / "fixtures")
DEFAULT_CORPUS = SHARED / "corpus" / "hebei-province" if (SHARED / "corpus").is_dir() else SHARED / "hebei-province"
DEFAULT_SEEDS = SHARED / "seeds" if (SHARED / "seeds").is_dir() else REPO / "seeds"
WORKERS = 2
# An Arabic number not inside another: 1234, 5.6 (not the 2 of 2.5, nor a part of 1.2.3).
NUMBER_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
# The book build per report on each executor: serial = one warm kernel, processes = 2 warm kernels,
# dask = the chapter notebooks on the cluster's 2 workers (`planbook build --scheduler`).
BOOK_COLUMN = "book s/report"


@dataclass(frozen=True)
class Measure:
    """One timed panel run."""

    corpus: str
    executor: str
    reports: int
    characters: int
    seconds: float
    cpu_seconds: float  # of this process and every process under it (workers, scheduler): the work done

    @property
    def reports_per_s(self) -> float:
        return self.reports / self.seconds

    @property
    def characters_per_s(self) -> float:
        return self.characters / self.seconds


def nudge(literal: str, rng: random.Random) -> str:
    """A nearby number written like the literal; years (1900–2100) and small counts (< 10) are kept."""
    if "." not in literal:
        value = int(literal)
        if value < 10 or 1900 <= value <= 2100 or literal.startswith("0"):
            return literal
        return str(max(10, round(value * rng.uniform(0.9, 1.1))))
    decimals = len(literal.split(".")[1])
    return f"{float(literal) * rng.uniform(0.9, 1.1):.{decimals}f}"


def perturb(text: str, rng: random.Random) -> str:
    """The text with its numbers nudged, the same literal always to the same new one within the text."""
    replacement: dict[str, str] = {}
    return NUMBER_RE.sub(lambda m: replacement.setdefault(m.group(), nudge(m.group(), rng)), text)


def synthetic_corpus(n: int, folder: Path, sources: Sequence[Path], seed: int = 0) -> Path:
    """``n`` perturbed copies of the sources (round-robin) as ``synthetic-NNNN-<source>.txt`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8-sig") for p in sources]
    for i in range(n):
        k = i % len(sources)
        rng = random.Random(f"{seed}-{i}")
        (folder / f"synthetic-{i:04d}-{sources[k].stem}.txt").write_text(perturb(texts[k], rng), encoding="utf-8")
    return folder


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and the processes under it (a machine shared with others
    stretches the wall time of a run, hardly the CPU time it takes)."""
    import psutil  # installed with distributed

    me = psutil.Process()
    total = 0.0
    for process in [me, *me.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def time_panel(corpus: Path, name: str, executor: Executor, work: Path) -> Measure:
    """One whole panel run of the corpus into a new database, timed."""
    db = work / f"{name}-{executor.name}.duckdb"
    t, cpu = time.perf_counter(), cpu_seconds()
    run = update_panel([corpus], db, executor=executor)
    seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    con = duckdb.connect(str(db), read_only=True)
    characters = con.execute("SELECT sum(characters) FROM reports").fetchone()[0]
    con.close()
    db.unlink()
    assert not run.skipped, run.skipped
    return Measure(name, executor.describe(), len(run.read), int(characters), seconds, cpu)


def time_targets(corpus: Path, name: str) -> Measure:
    """Today's way to read a corpus — ``planbook targets`` (read, extract, code and pair in this process) — timed."""
    from planbook.analysis.targets import targets_of_paths

    t, cpu = time.perf_counter(), cpu_seconds()
    frame, _ = targets_of_paths([corpus])
    seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    files = sorted(corpus.glob("*.txt"))
    characters = sum(len(load_report(p).text) for p in files)
    return Measure(name, "today: `planbook targets`", len(files), characters, seconds, cpu)


def time_reading(corpus: Path, name: str) -> Measure:
    """Reading alone — ``load_report`` and ``extract`` of every file, one after another in this process —
    timed: what the panel's cost is held against (issue 20: at most 1.5× of it)."""
    from planbook.extract import extract

    files = sorted(corpus.glob("*.txt"))
    t, cpu = time.perf_counter(), cpu_seconds()
    characters = 0
    for p in files:
        report = load_report(p)
        extract(report)
        characters += len(report.text)
    seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    return Measure(name, "reading alone (load + extract)", len(files), characters, seconds, cpu)


def print_ratios(measures: list[Measure]) -> None:
    """Each corpus's serial panel against reading it alone, wall and CPU, as measured turn about."""
    read = {m.corpus: m for m in measures if m.executor.startswith("reading alone")}
    print("\n| corpus | panel (serial) / reading alone, wall | CPU |")
    print("| --- | ---: | ---: |")
    for m in measures:
        if m.executor == "serial" and m.corpus in read:
            r = read[m.corpus]
            print(f"| {m.corpus} | {m.seconds / r.seconds:.2f}× | {m.cpu_seconds / r.cpu_seconds:.2f}× |")


def best(runs: Sequence[Measure]) -> Measure:
    """The fastest of repeated runs: on a shared machine the others measure the neighbours too."""
    return min(runs, key=lambda m: m.seconds)


def time_add_one(corpus: Path, extra: Path, executor: Executor, work: Path) -> tuple[int, float, float]:
    """Seconds, wall and CPU, to add one report to a panel of the corpus (and how many were read: 1)."""
    db = work / "incremental.duckdb"
    update_panel([corpus], db, executor=executor)
    t, cpu = time.perf_counter(), cpu_seconds()
    run = update_panel([corpus, extra], db, executor=executor)
    seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    db.unlink()
    return len(run.read), seconds, cpu


def print_add_one(added: list[tuple[str, str, int, float, float]]) -> None:
    """Adding one report to the largest panel, per executor (issue 20: at most 0.5 s)."""
    if not added:
        return
    print("\n| executor | add 1 report to the panel of | read | seconds | CPU s |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, corpus, read, seconds, cpu in added:
        print(f"| {name} | {corpus} | {read} | {seconds:.2f} | {cpu:.2f} |")


def executors(names: Sequence[str]) -> dict[str, Callable[[ExitStack], tuple[Executor, float]]]:
    """Factories that start each executor on a stack and say how long it took."""

    def serial(stack: ExitStack) -> tuple[Executor, float]:
        return SerialExecutor(), 0.0

    def processes(stack: ExitStack) -> tuple[Executor, float]:
        t = time.perf_counter()
        executor = stack.enter_context(ProcessExecutor(WORKERS, PRELOAD))
        list(executor.map(abs, range(WORKERS * 4)))  # the workers have started (and imported planbook)
        return executor, time.perf_counter() - t

    def dask(stack: ExitStack) -> tuple[Executor, float]:
        from distributed import LocalCluster

        t = time.perf_counter()
        cluster: AbstractContextManager = LocalCluster(
            n_workers=WORKERS, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
            silence_logs=40,
        )  # fmt: skip
        address = stack.enter_context(cluster).scheduler_address
        executor = stack.enter_context(DaskExecutor(address))
        list(executor.map(abs, range(WORKERS * 4)))
        return executor, time.perf_counter() - t

    table = {"serial": serial, "processes": processes, "dask": dask}
    return {n: table[n] for n in names}


def time_book(files: Sequence[Path], executor: Executor, work: Path) -> float:
    """Seconds per report of a cold book build of ``files`` (every notebook executed, HTML published)."""
    import shutil

    from planbook.book.build import BuildOptions, build

    top = work / f"book-{executor.name}"
    data = top / "data"
    data.mkdir(parents=True)  # the notebooks read the vocabulary from the package
    where = {"scheduler": executor.address} if isinstance(executor, DaskExecutor) else {"jobs": executor.workers}
    options = BuildOptions(data_dir=data, book_dir=top / "book", progress=False, **where)
    t = time.perf_counter()
    build(list(files), options)
    seconds = time.perf_counter() - t
    shutil.rmtree(top)
    return seconds / len(files)


def print_table(measures: list[Measure], book: dict[str, float] | None = None) -> None:
    """The throughput table (Markdown), by executor then corpus."""
    book = book or {}

    def cell(m: Measure) -> str:  # the book figure once per executor, on its 河北省 line
        return f"{book[m.executor]:.2f}" if m.corpus == "河北省" and m.executor in book else "—"

    order = list(dict.fromkeys(m.executor for m in measures))
    measures = sorted(measures, key=lambda m: order.index(m.executor))
    print(f"| corpus | executor | reports | characters | seconds | reports/s | characters/s | CPU s | {BOOK_COLUMN} |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for m in measures:
        print(f"| {m.corpus} | {m.executor} | {m.reports} | {m.characters:,} | {m.seconds:.2f} | "
              f"{m.reports_per_s:.1f} | {m.characters_per_s:,.0f} | {m.cpu_seconds:.1f} | {cell(m)} |")  # fmt: skip


def print_growth(measures: list[Measure]) -> None:
    """Wall and CPU milliseconds per report at each synthetic size: flat when the cost grows linearly."""
    synthetic = [m for m in measures if m.corpus.startswith("synthetic")]
    names = list(dict.fromkeys(m.executor for m in synthetic))
    sizes = sorted({m.reports for m in synthetic})
    if len(sizes) < 2:
        return
    head = " | ".join(f"ms/report at {n} (CPU)" for n in sizes)
    print(f"\n| executor | {head} | time {sizes[-1]} / time {sizes[0]} (CPU) |")
    print("| --- |" + " ---: |" * (len(sizes) + 1))
    for name in names:
        by_size = {m.reports: m for m in synthetic if m.executor == name}
        cells = [f"{by_size[n].seconds / n * 1e3:.1f} ({by_size[n].cpu_seconds / n * 1e3:.1f})" for n in sizes]
        first, last = by_size[sizes[0]], by_size[sizes[-1]]
        ratio = f"{last.seconds / first.seconds:.1f} ({last.cpu_seconds / first.cpu_seconds:.1f})"
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio} for ×{sizes[-1] / sizes[0]:.0f} reports |")


def main(argv: list[str] | None = None) -> int:
    """Generate the corpora, time the panel on each executor and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000], help="synthetic corpus sizes")
    parser.add_argument("--executors", nargs="+", choices=("serial", "processes", "dask"),
                        default=["serial", "processes", "dask"])  # fmt: skip
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the 河北省 corpus")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="more development reports")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is shown")
    parser.add_argument("--book-reports", type=int, default=3, help="河北省 reports in the timed book build (0: none)")
    args = parser.parse_args(argv)
    hebei = sorted(args.corpus.glob("*.txt"))
    sources = hebei + sorted(args.seeds.glob("*.txt"))
    print(f"development reports: {len(hebei)} in {args.corpus}, {len(sources) - len(hebei)} in {args.seeds}")
    measures: list[Measure] = []
    book: dict[str, float] = {}
    added: list[tuple[str, str, int, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="planbook-corpus-bench-") as tmp:
        work = Path(tmp)
        t = time.perf_counter()
        corpora = {"河北省": args.corpus}
        for n in args.sizes:
            corpora[f"synthetic {n}"] = synthetic_corpus(n, work / f"synthetic-{n}", sources)
        # A 河北省 report: adding it pairs the targets of the largest region again.
        source = hebei[-2] if len(hebei) > 1 else sources[0]
        extra = synthetic_corpus(1, work / "extra", [source], seed=1) / f"synthetic-0000-{source.stem}.txt"
        print(f"synthetic corpora generated in {time.perf_counter() - t:.1f} s")
        for start in executors(args.executors).values():
            with ExitStack() as stack:
                executor, startup = start(stack)
                print(f"{executor.describe()}: started in {startup:.2f} s", flush=True)
                for corpus_name, folder in corpora.items():
                    runs, today, reading = [], [], []
                    for _ in range(args.repeat):
                        # Reading alone and today's command beside the serial panel, turn about, so all
                        # meet the same load.
                        if executor.name == "serial":
                            reading.append(time_reading(folder, corpus_name))
                            today.append(time_targets(folder, corpus_name))
                        runs.append(time_panel(folder, corpus_name, executor, work))
                    measures += [best(reading), best(today)] if today else []
                    measures.append(best(runs))
                    m = measures[-1]
                    print(f"  {corpus_name}: {m.reports} reports in {m.seconds:.2f} s", flush=True)
                largest = f"synthetic {max(args.sizes)}"
                read, seconds, cpu = time_add_one(corpora[largest], extra, executor, work)
                added.append((executor.describe(), largest, read, seconds, cpu))
                print(f"  adding 1 report to the panel of {largest}: {read} read, {seconds:.2f} s, CPU {cpu:.2f} s",
                      flush=True)  # fmt: skip
                if args.book_reports:
                    per_report = book[executor.describe()] = time_book(hebei[-args.book_reports :], executor, work)
                    print(f"  book of {args.book_reports} reports: {per_report:.2f} s/report", flush=True)
    print()
    print_table(measures, book)
    print_ratios(measures)
    print_add_one(added)
    print_growth(measures)
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
