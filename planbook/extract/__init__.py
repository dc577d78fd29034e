"""The extraction stage: every number of a report read as an indicator row (name, period, kind, measure, value).

``reader`` reads sentence by sentence, with ``numbers`` (literals and units), ``names`` (what is
measured), ``meaning`` (measure, sign, qualifier), ``passages`` and ``periods`` (year or span,
actual or target) and ``topics`` (the book chapter).
"""

from planbook.extract.reader import extract, to_frame

__all__ = ["extract", "to_frame"]
