"""The extraction stage: every number of a report read as an indicator row (name, period, kind, measure, value).

``reader`` reads sentence by sentence (what it keeps meanwhile is in ``state``), with ``numbers`` (literals
and units), ``names`` (what is measured), ``meaning`` (measure, sign, qualifier), ``passages`` and
``periods`` (year or span, actual or target) and ``topics`` (the book chapter).
"""

from planbook.extract.gate import name_flag
from planbook.extract.names import strip_subject
from planbook.extract.reader import extract, to_frame
from planbook.extract.topics import classify, heading_topic
from planbook.vocabulary import translate

__all__ = ["clear_caches", "extract", "to_frame"]


def clear_caches() -> None:
    """Empty the phrase caches kept between calls, so that the next extract() works as on a text never seen.

    The caches never change a result; benchmarks empty them so that a repeated report is not read from memory.
    """
    strip_subject.cache_clear()
    name_flag.cache_clear()
    classify.cache_clear()
    heading_topic.cache_clear()
    translate.cache_clear()
