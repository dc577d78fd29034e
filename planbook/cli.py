"""Command line: ``python -m planbook extract|text|evaluate|build …``, a thin layer over the API.

Every option is here, and every exit status in one table (``EXIT_TABLE``): which error classes end a
run with which status. Each error gives one line on stderr naming the file (or stdout, or the
address) and the problem, and no traceback; only an error planbook did not foresee (a bug) prints one.

Each command imports the stages it runs inside its function: ``planbook --help`` takes 0.2 s so, and
about 4 s with every stage imported at the top (the extractor's word lists, DuckDB, the book).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from planbook.errors import BuildError, ExecutorError, PanelError, ReportError, StoreError
from planbook.files import write_atomic
from planbook.shown import printable, shown
from planbook.vocabulary import VOCABULARY_ENV, VocabularyError, check_vocabulary, own_vocabulary

EXIT_OK = 0
EXIT_BUILD_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_FAILED_OUTPUT = 3
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 1  # what Python gives an uncaught exception, as before the table


@dataclass(frozen=True)
class ExitStatus:
    """A row of the exit-status table: the status, what it means, and the errors that end a run with it."""

    status: int
    meaning: str
    errors: tuple[type[BaseException], ...] = ()


# An error ends the run with the status of the first row that names its class (README: "When something goes wrong").
EXIT_TABLE = (
    ExitStatus(EXIT_OK, "success"),
    ExitStatus(
        EXIT_BAD_INPUT,
        "bad input: a report, gold table, option, database or Dask scheduler that cannot be used",
        (ReportError, PanelError, ExecutorError, VocabularyError),
    ),
    ExitStatus(
        EXIT_FAILED_OUTPUT,
        "failed output: a file, folder, database or stdout that cannot be written (read-only, full, no permission)",
        (StoreError, OSError),
    ),
    ExitStatus(
        EXIT_BUILD_FAILED,
        "a build step failed (a notebook, jupyter-book, another build running); panel --keep-going skipped reports",
        (BuildError,),
    ),
    ExitStatus(EXIT_INTERRUPTED, "interrupted (Ctrl-C; SIGTERM during a build)", (KeyboardInterrupt,)),
    ExitStatus(EXIT_INTERNAL, "internal: planbook failed (a bug); the traceback is printed", (Exception,)),
)
# The errors planbook foresees: each is one line, never a traceback.
FORESEEN = tuple(e for row in EXIT_TABLE if row.status != EXIT_INTERNAL for e in row.errors)
STDOUT = "stdout"  # how an error names the standard output
STDIN, STDIN_NAME = "-", "stdin"  # the report path that reads the standard input, and its report id


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract indicator rows from a report and write them as CSV or JSON."""
    # imported when the command runs (see the module's docstring)
    from planbook.text import load_report, report_id

    given_id = args.report_id or (STDIN_NAME if args.report == STDIN else None)
    report = load_report(args.report, report_id=given_id)
    # Imported late: bad input is reported even before the extractor module is importable.
    from planbook.export import write_rows
    from planbook.extract import extract

    rows = extract(report)
    id_note = report_id(given_id or Path(args.report).stem).note()
    name = STDIN_NAME if args.report == STDIN else args.report
    if id_note:
        say(f"planbook: note: {name}: {id_note}")
    for warning in report.warnings:
        say(f"planbook: warning: {name}: {warning}")
    if not rows:
        say(f"planbook: warning: no indicators found in {name}")
    # Written from the rows themselves (the same bytes as from their frame, without making one).
    if args.output:
        write_rows(rows, args.output, args.format)  # an OSError names the file (exit status 3)
    else:
        buffer = io.StringIO()
        write_rows(rows, buffer, args.format)
        _write_stdout(buffer.getvalue())
    return EXIT_OK


def cmd_text(args: argparse.Namespace) -> int:
    """Print the loaded report text exactly as the offsets index it."""
    # imported when the command runs (see the module's docstring)
    from planbook.text import load_report

    _write_stdout(load_report(args.report).text)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score predicted rows against a gold table, or (--targets) target pairs against chain golds."""
    if args.targets:
        # imported when the command runs (see the module's docstring)
        from planbook.evaluate_targets import format_target_scores, read_predictions, score_targets

        scores = score_targets(args.gold, read_predictions(args.pred))
        _write_stdout(format_target_scores(scores, args.details) + "\n")
        return EXIT_OK
    # imported when the command runs (see the module's docstring)
    from planbook.evaluate import evaluate, format_scores, read_table

    gold, pred = read_table(args.gold), read_table(args.pred)
    _write_stdout(format_scores(evaluate(gold, pred, key=args.key), details=args.details) + "\n")
    return EXIT_OK


def cmd_targets(args: argparse.Namespace) -> int:
    """Pair each year's targets with the outcomes the region's later reports state; warnings name what was left out."""
    # imported when the command runs (see the module's docstring)
    from planbook.analysis.targets import targets_csv, targets_json, targets_of_paths

    frame, warnings = targets_of_paths(args.reports)
    for w in warnings:
        say(f"planbook: warning: {w}")
    content = targets_csv(frame) if args.format == "csv" else targets_json(frame)
    if args.output:
        _write_file(args.output, content)
    else:
        _write_stdout(content)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    """Every region's headline outcomes and targets side by side, with level and parent; warnings say what was left."""
    # imported when the command runs (see the module's docstring)
    from planbook.analysis.compare import compare_csv, compare_json, compare_paths

    result = compare_paths(args.reports)
    for w in result.warnings:
        say(f"planbook: warning: {w}")
    content = compare_csv(result.frame) if args.format == "csv" else compare_json(result.frame)
    if args.output:
        _write_file(args.output, content)
    else:
        _write_stdout(content)
    return EXIT_OK


def _write_file(path: str, content: str) -> None:
    """Write a whole output file (under a temporary name, then renamed); an OSError names the path (failed output)."""
    write_atomic(Path(path), content)


def cmd_build(args: argparse.Namespace) -> int:
    """Build the book; say what was done and where to open it (exit 1 when a build step failed)."""
    # imported when the command runs (see the module's docstring)
    from planbook.book.build import BuildOptions, build

    options = BuildOptions(
        seeds_dir=args.seeds,
        templates_dir=args.notebooks,
        data_dir=args.data,
        book_dir=args.book,
        config=args.config,
        gold_dirs=args.gold,
        jobs=args.jobs,
        scheduler=args.scheduler,
        force=args.force,
        progress=not args.quiet,
    )
    try:
        with _terminate_as_interrupt():
            res = build(args.reports or None, options)
    except (*FORESEEN,) as exc:
        return _build_failed(exc)
    for note in res.notes:
        say(f"planbook build: note: {note}")
    for warning in res.warnings:
        say(f"planbook build: warning: {warning}")
    html = "rebuilt" if res.html_rebuilt else "unchanged"
    print(
        f"Built {len(res.reports)} report(s) in {res.seconds:.1f}s: "
        f"{len(res.executed)} notebook(s) executed, {len(res.reused)} reused; HTML {html}."
    )
    html_dir = shown(res.html_dir)
    print(f"Open {shown(res.html_dir / 'index.html')}")
    print(f"  or serve it: python -m http.server -d {html_dir} 8000  →  http://127.0.0.1:8000/")
    return EXIT_OK


def _build_failed(exc: BaseException) -> int:
    """Say why the build stopped (one line; a failed step's notebooks one line each) and return its status."""
    status = exit_status(exc)
    if status == EXIT_INTERRUPTED:
        say("planbook build: interrupted; the published book and data were not changed")
    elif isinstance(exc, OSError):
        say(f"planbook build: {system_error(exc)}; nothing was half-written, the published book was not changed")
    else:
        say(f"planbook build: {exc}", keep_newlines=isinstance(exc, BuildError))
    return status


def exit_status(exc: BaseException) -> int:
    """The status ``EXIT_TABLE`` gives an error (internal for one it does not name)."""
    return next((row.status for row in EXIT_TABLE if isinstance(exc, row.errors)), EXIT_INTERNAL)


def _failed(exc: BaseException) -> int:
    """Say what stopped a command in one line (an error not foreseen: its traceback first) and return its status."""
    if isinstance(exc, OSError):
        line = system_error(exc)
        if line.startswith(f"{STDOUT}:"):
            _silence_stdout()
    elif isinstance(exc, KeyboardInterrupt):
        line = "interrupted"
    elif isinstance(exc, FORESEEN):
        line = str(exc)
    else:
        traceback.print_exception(exc)
        line = f"internal error ({type(exc).__name__}: {exc}); a bug in planbook, the traceback above shows where"
    say(f"planbook: {line}")
    return exit_status(exc)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """A SIGTERM (``kill``, a CI timeout) stops a build as Ctrl-C does: kernels shut down, their
    connection files and the staging folder removed, the published book kept."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (a build called from a thread): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write_stdout(text: str) -> None:
    """UTF-8 bytes to stdout whatever the locale, without newline translation."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, STDOUT) from None


def say(line: str, keep_newlines: bool = False) -> None:
    """A message on stderr, control characters escaped (a file name cannot act on the terminal or forge a
    line); a message of several lines (a build's failed notebooks) keeps its line breaks when asked."""
    print(printable(line, keep_newlines=keep_newlines), file=sys.stderr)


def system_error(exc: OSError) -> str:
    """``<file>: <problem>`` for an error of the system. Files are written by ``planbook.files``, which
    names them; an error that names no file comes from writing the standard output."""
    where = exc.filename if exc.filename is not None else STDOUT
    return f"{where}: {exc.strerror or exc}"


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of what could not be written
    (a full device, a closed pipe) does not raise again and print a second message."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def add_panel_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``planbook panel REPORT_OR_DIR … -o DB``."""
    parser.add_argument(
        "reports",
        nargs="+",
        metavar="REPORT_OR_DIR",
        help="report files or folders of reports (.txt, .html)",
    )
    parser.add_argument("-o", "--output", required=True, metavar="DB", help="the DuckDB database (created if missing)")
    parser.add_argument("--parquet", metavar="DIR", help="also write every table as DIR/<table>.parquet")
    parser.add_argument(
        "--keep-going", action="store_true", help="skip reports that cannot be read (named on stderr; exit status 1)"
    )
    parser.add_argument(
        "--replace", action="store_true", help="a report id already in the database from another file: use the new file"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the per-report work on this dask.distributed scheduler (tcp://host:8786); "
        "default: $PLANBOOK_SCHEDULER, else this process",
    )
    where.add_argument("--jobs", type=int, metavar="N", help="run the per-report work in N local processes")
    parser.add_argument("--quiet", action="store_true", help="print only errors and skipped reports")


def cmd_panel(args: argparse.Namespace) -> int:
    """The panel database (``planbook.corpus.panel``, imported when asked for: it brings DuckDB and Dask)."""
    # imported when the command runs (see the module's docstring)
    from planbook.corpus.panel import cmd_panel as run_panel

    return run_panel(args)


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``planbook build [REPORT …]``."""
    parser.add_argument(
        "reports", nargs="*", metavar="REPORT", help="report files or folders (default: every report in seeds/)"
    )
    parser.add_argument("--seeds", type=Path, help="folder of reports (default: seeds/)")
    parser.add_argument("--notebooks", type=Path, help="folder of chapter templates (default: notebooks/)")
    parser.add_argument("--data", type=Path, help="data folder (default: data/)")
    parser.add_argument("--book", type=Path, help="book source folder (default: book/)")
    parser.add_argument("--config", type=Path, help="jupyter-book configuration (default: _config.yml)")
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        help="folder with hand-labelled <report-id>.csv for the Method page's score "
        "(repeatable; default: tests/fixtures/)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-j", "--jobs", type=int, help="notebooks run in parallel (default: number of CPUs)")
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the chapter notebooks on this dask.distributed scheduler's workers (tcp://host:8786); "
        "default: $PLANBOOK_SCHEDULER, else here",
    )
    parser.add_argument("--force", action="store_true", help="re-execute every notebook and rebuild the HTML")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def add_max_size(parser: argparse.ArgumentParser) -> None:
    """``--max-size``: the cap on a report's bytes (a report is read whole; this keeps a wrong file from
    filling the memory)."""
    parser.add_argument(
        "--max-size",
        metavar="SIZE",
        help="refuse a report file larger than this (default 20M, or $PLANBOOK_MAX_SIZE; e.g. 60M, 1G)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="planbook",
        description="Turn a Chinese local-government economic report into an analytical HTML book.",
    )
    parser.add_argument(
        "--vocabulary",
        metavar="DIR",
        help=f"a folder of edited vocabulary files (words.csv, units.csv …) that replace the shipped ones of their "
        f"names; the others stay (default: ${VOCABULARY_ENV})",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="extract indicator rows from a report (.txt or .html)")
    p.add_argument(
        "report", metavar="REPORT", help="report file (.txt in UTF-8/GBK, or a saved .html page); - reads stdin"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    p.add_argument(
        "--report-id", metavar="ID", help="the rows' report id (default: from the file name, as the book names it)"
    )
    add_max_size(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("text", help="print the report text that all offsets index")
    p.add_argument("report", metavar="REPORT", help="report file (.txt or .html); - reads stdin")
    add_max_size(p)
    p.set_defaults(func=cmd_text)

    p = sub.add_parser("evaluate", help="score predicted rows (or target pairs) against a gold standard")
    p.add_argument("gold", metavar="GOLD", help="gold CSV (see shared/gold/README.md), or with --targets a folder")
    p.add_argument("pred", metavar="PRED", help="CSV or JSON from `planbook extract` (or `planbook targets`)")
    p.add_argument("--key", action="store_true", help="count precision only at labelled gold offsets")
    p.add_argument(
        "--targets", action="store_true", help="GOLD is a folder of <name>-<N>-to-<N+1>.csv target → outcome chains"
    )
    p.add_argument("--details", action="store_true", help="list missed gold rows and unmatched predictions")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("targets", help="pair each year's targets with the outcomes the region's later reports state")
    p.add_argument("reports", nargs="+", metavar="REPORT_OR_DIR", help="report files or folders of reports")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    add_max_size(p)
    p.set_defaults(func=cmd_targets)

    p = sub.add_parser("compare", help="every region's headline outcomes and targets side by side (level, parent)")
    p.add_argument("reports", nargs="+", metavar="REPORT_OR_DIR", help="report files or folders of reports")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    add_max_size(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("panel", help="put every report into one DuckDB database (reports, indicators, targets)")
    add_panel_arguments(p)
    add_max_size(p)
    p.set_defaults(func=cmd_panel)

    p = sub.add_parser("build", help="extract, run the chapter notebooks and build the HTML book")
    add_build_arguments(p)
    add_max_size(p)
    p.set_defaults(func=cmd_build)
    return parser


def use_vocabulary(folder: str | None) -> None:
    """Read the vocabulary files of ``--vocabulary`` (else of ``$PLANBOOK_VOCABULARY``) where the folder holds them.
    The flag is passed on as the variable, so the notebook kernels and worker processes a command starts read
    the same files."""
    if folder:
        os.environ[VOCABULARY_ENV] = str(Path(folder).resolve())
    own = own_vocabulary()
    if own is not None:
        check_vocabulary(own)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; an error gives one ``planbook: …`` line on stderr and its status in ``EXIT_TABLE``."""
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        use_vocabulary(args.vocabulary)
        if getattr(args, "max_size", None) is not None:
            # imported when the command runs (see the module's docstring)
            from planbook.text.reading import set_max_size

            set_max_size(args.max_size)
        status = func(args)
        sys.stdout.flush()  # a full device or a closed pipe shows here, not in the interpreter's last flush
        return status
    except (KeyboardInterrupt, Exception) as exc:
        return _failed(exc)
