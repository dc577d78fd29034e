"""The error of a build step (a bad report is ``planbook.model.ReportError`` instead)."""


class BuildError(Exception):
    """The book could not be built; the message says which step failed and why (one line first)."""
