"""The one way planbook writes a file: whole or not at all, and not at all when nothing changed."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write_atomic(path: str | Path, content: str | bytes) -> bool:
    """Write ``content`` (text as UTF-8) to ``path`` via a temporary name and a rename.

    A killed build never leaves half a file, and a file whose bytes would not change is not touched
    (its time stamp stays, so tools that look at times see no change). Returns True when written.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return True
