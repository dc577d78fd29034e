"""Command line: ``python -m planbook extract|text|evaluate|build …`` (one function per subcommand)."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence

from planbook import build, targets, targets_score
from planbook.corpus import panel
from planbook.evaluate import evaluate, format_scores, read_table
from planbook.export import write_rows
from planbook.model import ReportError
from planbook.text import load_report

EXIT_BAD_INPUT = 2


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract indicator rows from a report and write them as CSV or JSON."""
    report = load_report(args.report)
    # Imported late: bad input is reported even before the extractor module is importable.
    from planbook.extract import extract, to_frame

    rows = extract(report)
    if not rows:
        print(f"planbook: warning: no indicators found in {args.report}", file=sys.stderr)
    frame = to_frame(rows)
    if args.output:
        try:
            write_rows(frame, args.output, args.format)
        except OSError as exc:
            raise ReportError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    else:
        buffer = io.StringIO()
        write_rows(frame, buffer, args.format)
        _write_stdout(buffer.getvalue())
    return 0


def cmd_text(args: argparse.Namespace) -> int:
    """Print the loaded report text exactly as the offsets index it."""
    _write_stdout(load_report(args.report).text)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score a predicted table against a gold table and print the scores."""
    gold, pred = read_table(args.gold), read_table(args.pred)
    _write_stdout(format_scores(evaluate(gold, pred, key=args.key), details=args.details) + "\n")
    return 0


def _write_stdout(text: str) -> None:
    """UTF-8 bytes to stdout whatever the locale, without newline translation."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="planbook",
        description="Turn a Chinese local-government economic report into an analytical HTML book.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="extract indicator rows from a report (.txt or .html)")
    p.add_argument("report", metavar="REPORT", help="report file (.txt in UTF-8/GBK, or a saved .html page)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("text", help="print the report text that all offsets index")
    p.add_argument("report", metavar="REPORT", help="report file (.txt or .html)")
    p.set_defaults(func=cmd_text)

    p = sub.add_parser("evaluate", help="score predicted rows against a gold table")
    p.add_argument("gold", metavar="GOLD", help="gold CSV (see shared/gold/README.md)")
    p.add_argument("pred", metavar="PRED", help="predicted CSV or JSON from `planbook extract`")
    p.add_argument("--key", action="store_true", help="count precision only at labelled gold offsets")
    p.add_argument("--details", action="store_true", help="list missed gold rows and unmatched predictions")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("targets", help="pair each year's targets with the outcomes the next report states")
    targets.add_arguments(p)
    p.set_defaults(func=targets.cmd_targets)

    p = sub.add_parser("score-targets", help="score a targets table against target → outcome chain golds")
    targets_score.add_arguments(p)
    p.set_defaults(func=targets_score.cmd_score_targets)

    p = sub.add_parser("panel", help="put every report into one DuckDB database (reports, indicators, targets)")
    panel.add_arguments(p)
    p.set_defaults(func=panel.cmd_panel)

    p = sub.add_parser("build", help="extract, run the chapter notebooks and build the HTML book")
    build.add_arguments(p)
    p.set_defaults(func=build.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input gives one ``planbook: …`` line on stderr and exit status 2."""
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except ReportError as exc:
        print(f"planbook: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # Output piped into `head`: stop quietly like other Unix tools (and keep the
        # interpreter's final flush of stdout from raising again).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
