"""The text stage: a report file becomes a ``Report`` (its text, profile and residue), cut into sentences."""

from planbook.text.ids import report_id, sanitize_id
from planbook.text.load import ReportFile, load_report, read_bytes, report_files, report_from_text
from planbook.text.segment import segment

__all__ = [
    "ReportFile",
    "load_report",
    "read_bytes",
    "report_files",
    "report_from_text",
    "report_id",
    "sanitize_id",
    "segment",
]
