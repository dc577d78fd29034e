"""Entry point for ``python -m planbook``."""

import sys

from planbook.cli import main

sys.exit(main())
