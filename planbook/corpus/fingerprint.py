"""A fingerprint of the planbook code and word lists: which code read a report, and when to read it again."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from planbook.vocabulary import vocabulary_files

PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def planbook_fingerprint() -> str:
    """16 hex digits of SHA-256 over every planbook module and every vocabulary file in effect (the shipped ones, or
    a user's edited copies: ``PLANBOOK_VOCABULARY``).

    Any change to the code or to a word list may change what is extracted, so a report read by
    other code is read again. The same checkout gives the same fingerprint on every machine,
    which is also how a client checks that its Dask workers run the same planbook.
    """
    digest = hashlib.sha256()
    files = [(p.relative_to(PACKAGE.parent).as_posix(), p) for p in sorted(PACKAGE.rglob("*.py"))]
    files += [(f"vocab/{p.name}", p) for p in vocabulary_files()]
    for name, path in files:
        digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
