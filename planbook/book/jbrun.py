"""jupyter-book's command line with Sphinx's parallel jobs (its ``build`` command has no option for them).

    python -m planbook.book.jbrun JOBS build BOOK --config … (the arguments of ``jupyter-book``)

``planbook.book.publish`` runs it in a process of its own. Sphinx reads and writes pages in
``JOBS`` forked processes when every extension says it may (``planbook.book.search`` vouches for
two of jupyter-book's own that say nothing); the pages are the same as from one process.
"""

from __future__ import annotations

import sys
from typing import Any

import jupyter_book.cli.main as cli
import jupyter_book.sphinx as jb_sphinx


def main(argv: list[str]) -> None:
    """Run ``jupyter-book`` with ``argv[1:]``, its Sphinx with ``argv[0]`` jobs."""
    jobs = max(1, int(argv[0]))
    build_sphinx = jb_sphinx.build_sphinx

    def parallel(*args: Any, **kwargs: Any) -> Any:
        return build_sphinx(*args, **{**kwargs, "jobs": jobs})

    jb_sphinx.build_sphinx = parallel  # the command imports it from there when it runs
    cli.main(args=argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
