"""Reading a report file's bytes: a regular file (or the standard input when asked for with ``-``), up to a size cap.

Whatever the path names, reading it never waits and never fills the memory: a named pipe, a socket or
a device (``/dev/zero``) is refused before it is opened, a symbolic-link loop and a link to a missing
file are named as such, and a file larger than the cap (``--max-size``, ``$PLANBOOK_MAX_SIZE``; 20 MB
by default, many times any real report) is refused before it is read. Every refusal is one
:class:`~planbook.model.ReportError` line naming the file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from pathlib import Path

from planbook.model import ReportError
from planbook.shown import shown

STDIN = "-"  # the report path that reads the standard input
STDIN_NAME = "stdin"  # how messages name it, and the report id it gets
MAX_SIZE_ENV = "PLANBOOK_MAX_SIZE"
DEFAULT_MAX_SIZE = 20 * 1000 * 1000
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*", re.IGNORECASE)
_SCALE = {"": 1, "k": 1000, "m": 1000**2, "g": 1000**3}


def parse_size(text: str) -> int:
    """Bytes of a size written ``50000000``, ``50M``, ``50MB``, ``2G`` or ``800k`` (decimal units); ValueError else."""
    m = _SIZE.fullmatch(text)
    if not m:
        raise ValueError(f"not a size: {text!r} (write it as 50M, 2G or a number of bytes)")
    return int(float(m.group(1)) * _SCALE[m.group(2).lower()])


def size_text(n: int) -> str:
    """``20 MB`` for 20,000,000 bytes; ``1,234 bytes`` below a kilobyte."""
    for unit, scale in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n:,} bytes"


def max_size() -> int:
    """The cap on a report's bytes: ``$PLANBOOK_MAX_SIZE`` (the ``--max-size`` option sets it), else 20 MB."""
    given = os.environ.get(MAX_SIZE_ENV, "").strip()
    if not given:
        return DEFAULT_MAX_SIZE
    try:
        return parse_size(given)
    except ValueError as exc:
        raise ReportError(f"${MAX_SIZE_ENV}: {exc}") from None


def set_max_size(text: str | None) -> None:
    """Set the cap for this process and the processes it starts (kernels, local workers)."""
    if text is None:
        return
    try:
        parse_size(text)
    except ValueError as exc:
        raise ReportError(f"--max-size: {exc}") from None
    os.environ[MAX_SIZE_ENV] = text.strip()


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in a few words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _missing(p: Path) -> str:
    """Why ``p`` cannot be found: a link to a missing file names its target."""
    if os.path.islink(p):
        try:
            return f"a link to a missing file ({shown(os.readlink(p))})"
        except OSError:
            return "a link to a missing file"
    return "no such file"


def _stat_problem(p: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return _missing(p)
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return f"cannot read file ({exc.strerror or exc})"


def _too_large(p: str, size: int, limit: int) -> ReportError:
    more = size_text(max(limit * 2, (size // 1000**2 + 1) * 1000**2))
    return ReportError(
        f"{p}: {size:,} bytes, more than a report may have ({size_text(limit)}); "
        f"give --max-size {more.replace(' ', '')} to read it"
    )


def read_bytes(p: Path, limit: int | None = None) -> bytes:
    """The whole file (``-``: the standard input), turning every OS failure into a one-line ReportError."""
    limit = max_size() if limit is None else limit
    if str(p) == STDIN:
        return _read_stdin(limit)
    name = shown(p)
    try:
        info = os.stat(p)
    except OSError as exc:
        raise ReportError(f"{name}: {_stat_problem(p, exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReportError(f"{name}: is a directory, not a report file")
    if not stat.S_ISREG(info.st_mode):
        raise ReportError(f"{name}: {_kind(info.st_mode)}, not a report file")
    if info.st_size > limit:
        raise _too_large(name, info.st_size, limit)
    try:
        # O_NONBLOCK: had the file been swapped for a named pipe since, opening it still does not wait.
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as f:
            mode = os.fstat(f.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise ReportError(f"{name}: {_kind(mode)}, not a report file")
            data = f.read(limit + 1)
    except OSError as exc:
        raise ReportError(f"{name}: {_stat_problem(p, exc)}") from None
    if len(data) > limit:
        raise _too_large(name, os.stat(p).st_size, limit)
    return check_not_empty(name, data)


def _read_stdin(limit: int) -> bytes:
    try:
        data = sys.stdin.buffer.read(limit + 1)
    except (OSError, AttributeError, ValueError) as exc:
        raise ReportError(f"{STDIN_NAME}: cannot read ({exc})") from None
    if len(data) > limit:
        raise ReportError(
            f"{STDIN_NAME}: more than a report may have ({size_text(limit)}); give --max-size to read more"
        )
    return check_not_empty(STDIN_NAME, data)


def check_not_empty(name: str, data: bytes) -> bytes:
    """``data``, or a ReportError when it holds nothing but white space."""
    if not data.strip():
        raise ReportError(f"{name}: file is empty")
    return data


def is_folder(p: Path) -> bool:
    """``p`` is a folder (or a link to one); a link loop or a missing path is not."""
    try:
        return stat.S_ISDIR(os.stat(p).st_mode)
    except (OSError, ValueError):
        return False


def real_path(p: Path) -> str:
    """The path with every link resolved as far as it goes (a loop or a missing target never raises)."""
    return os.path.realpath(p)


def folder_entries(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The entries of ``folder`` named like reports (by suffix), in name order, folders left out.

    A named pipe, a device, a socket, a dangling link or a link loop is listed too: reading it is
    what names it (a warning, or a skipped report), never a silent omission.
    """
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise ReportError(f"{shown(folder)}: cannot list the folder ({exc.strerror or exc})") from None
    out = []
    for name in names:
        p = folder / name
        if p.suffix.lower() in suffixes and not is_folder(p):
            out.append(p)
    return out
