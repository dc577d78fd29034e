"""planbook's errors, one class for each row of the exit-status table in ``planbook.cli``.

Each says one line (the file or address first, then the problem). A bad report or option is
``planbook.model.ReportError`` (bad input); a database that is not as planbook wrote it is
``planbook.corpus.integrity.DamagedError`` (bad input too).
"""

from __future__ import annotations

from planbook.model import ReportError


class BuildError(Exception):
    """The book could not be built; the message says which step failed and why (one line first)."""


class ExecutorError(Exception):
    """The executor cannot run (no scheduler at the address, a worker lost): the cluster given cannot be used."""


class PanelError(Exception):
    """The panel run cannot go on (a report that cannot be read, two files with one id): nothing was written."""


class StoreError(Exception):
    """The database or a Parquet file cannot be opened or written: one line naming the path and the problem."""


__all__ = ["BuildError", "ExecutorError", "PanelError", "ReportError", "StoreError"]
