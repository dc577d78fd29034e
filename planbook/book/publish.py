"""Publishing the HTML: jupyter-book into a staging folder, a check that nothing loads from another
host, then one atomic swap with the published folder. A failed or killed build leaves the last good
book as it was."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from planbook.errors import BuildError
from planbook.files import remove_leftovers
from planbook.locks import LockBusy, file_lock
from planbook.shown import shown

STAGE_PREFIX = ".stage-"
SOURCES_STAMP = ".planbook-sources"  # in the published folder: the hash of what it was built from

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_RESOURCE_RE = re.compile(
    r"<(?:script|img|iframe|audio|video|source|embed)\b[^>]*?\bsrc\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)"
    r"|<link\b[^>]*?\bhref\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)"
    r"|url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)",
    re.IGNORECASE,
)
_HREF_RE = re.compile(r"\bhref\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)


def jupyter_book(book_dir: Path, config: Path, toc: Path, out_dir: Path, jobs: int = 1) -> None:
    """Run ``jupyter-book build`` (warnings are errors) into out_dir/_build/html, Sphinx in ``jobs`` processes."""
    cmd = [
        sys.executable,
        "-m",
        "planbook.book.jbrun",
        str(jobs),
        "build",
        str(book_dir),
        "--config",
        str(config),
        "--toc",
        str(toc),
        "--path-output",
        str(out_dir),
        "--all",
        "-W",
        "-n",
        "--keep-going",
        "-q",
    ]
    # The configuration names planbook's own Sphinx extensions (search, sidebar), and jupyter-book runs
    # through planbook.book.jbrun: import this planbook.
    package_root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace", env=env)
    if proc.returncode != 0 or not (out_dir / "_build" / "html" / "index.html").is_file():
        refused = system_refusal(proc.stdout + "\n" + proc.stderr, out_dir)
        if refused is not None:
            raise refused
        output = _ANSI.sub("", proc.stdout + "\n" + proc.stderr).splitlines()
        problems = [line for line in output if "WARNING" in line or "ERROR" in line or "Error" in line]
        detail = "\n".join((problems or output)[-30:])
        raise BuildError(f"jupyter-book failed (exit {proc.returncode}):\n{detail}")


# Errors of the system that stop jupyter-book as they would stop planbook: not the book's fault.
_SYSTEM_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.EMFILE}
_ERRNO_RE = re.compile(r"\[Errno (\d+)\] ([^:'\"\n]+?)(?:: ['\"]([^'\"\n]+)['\"])?\s*$", re.MULTILINE)


def system_refusal(output: str, out_dir: Path) -> OSError | None:
    """The OSError (a full disk, a read-only folder …) that stopped jupyter-book, naming the file it
    names (else ``out_dir``), or None when it failed for another reason."""
    for m in _ERRNO_RE.finditer(_ANSI.sub("", output)):
        code = int(m.group(1))
        if code in _SYSTEM_ERRNOS:
            return OSError(code, os.strerror(code), m.group(3) or str(out_dir))
    return None


def external_references(html_dir: Path, links: bool = False) -> list[tuple[str, str]]:
    """(file, url) of every resource the pages load from another host (with links: every <a href> too)."""
    found = []
    for p in sorted(html_dir.rglob("*")):
        if p.suffix not in (".html", ".css") or not p.is_file():
            continue
        text = p.read_text(encoding="utf-8", errors="replace")
        for m in _RESOURCE_RE.finditer(text):
            found.append((p.relative_to(html_dir).as_posix(), next(g for g in m.groups() if g)))
        if links:
            for m in _HREF_RE.finditer(text):
                found.append((p.relative_to(html_dir).as_posix(), m.group(1)))
    return sorted(set(found))


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def publish(new_html: Path, html_dir: Path) -> None:
    """Make new_html the published html_dir in one atomic step; the old folder is removed after."""
    html_dir.parent.mkdir(parents=True, exist_ok=True)
    if not html_dir.exists():
        os.rename(new_html, html_dir)
        return
    if _exchange(new_html, html_dir):
        # Now holds the previous book; the new one is published, so a failure here is no failure of
        # the build (the next build's lock removes what is left).
        shutil.rmtree(new_html, ignore_errors=True)
        return
    # Fallback (no renameat2): two renames, the book is missing only between them.
    old = html_dir.with_name(f"{STAGE_PREFIX}old-{os.getpid()}")
    os.rename(html_dir, old)
    os.rename(new_html, html_dir)
    shutil.rmtree(old, ignore_errors=True)


def is_published(html_dir: Path, stamp: str) -> bool:
    """The published HTML was built from sources with this hash."""
    stamp_file = html_dir / SOURCES_STAMP
    return stamp_file.is_file() and stamp_file.read_text().strip() == stamp


def build_and_publish(book_dir: Path, config: Path, html_dir: Path, stamp: str, jobs: int = 1) -> None:
    """jupyter-book into a staging folder next to html_dir; on success only, swap it in."""
    stage = html_dir.parent / f"{STAGE_PREFIX}{os.getpid()}"
    try:
        jupyter_book(book_dir, config, book_dir / "_toc.yml", stage, jobs)
        new_html = stage / "_build" / "html"
        loads = external_references(new_html)
        if loads:
            shown = ", ".join(f"{f}: {u}" for f, u in loads[:5])
            raise BuildError(f"the pages would load {len(loads)} file(s) from other hosts: {shown}")
        (new_html / SOURCES_STAMP).write_text(stamp + "\n")
        publish(new_html, html_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


LOCK_NAME = ".planbook-build.lock"


@contextlib.contextmanager
def _held(folder: Path, busy: str, optional: bool = False) -> Iterator[None]:
    """Hold the lock of ``folder/.planbook-build.lock`` (BuildError ``busy`` when another build holds it).

    ``optional``: a folder where the lock file cannot be made (read-only) is used without it; nothing
    can be written there, by this build or another.
    """
    stack = contextlib.ExitStack()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stack.enter_context(file_lock(folder / LOCK_NAME, wait=False))
    except LockBusy:
        raise BuildError(busy) from None
    except OSError as exc:
        if not (optional and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)):
            raise OSError(exc.errno, exc.strerror, str(folder / LOCK_NAME)) from None
    with stack:
        yield


@contextlib.contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """Hold the build folder for this build (another build on it is an error); clean up killed builds'
    stages, temporary files and kept old files."""
    with _held(build_dir, f"another build is running on {shown(build_dir.parent)}"):
        for old in build_dir.glob(f"{STAGE_PREFIX}*"):  # left by a killed build
            shutil.rmtree(old, ignore_errors=True)
        remove_leftovers(build_dir.parent, skip=[build_dir])
        yield


@contextlib.contextmanager
def data_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data folder for this build: two builds (of two books) never write one data folder at once,
    where one would publish the other's figures."""
    busy = (
        f"another build is using the data folder {shown(data_dir)} (its lock {LOCK_NAME} is held); "
        "wait for it to end, or give this build its own folder with --data"
    )
    with _held(data_dir, busy, optional=True):
        remove_leftovers(data_dir)
        yield


def check_unchanged(files: dict[Path, str]) -> None:
    """The data the notebooks read are still those the build wrote (BuildError naming the first that is not):
    a notebook that read another program's figures is not installed, nor kept for a rebuild to reuse."""
    for path, text in files.items():
        try:
            same = path.read_bytes() == text.encode("utf-8")
        except OSError:
            same = False
        if not same:
            raise BuildError(
                f"{shown(path)} changed while the notebooks ran (another program wrote it); nothing was "
                "installed or published, build again"
            )
