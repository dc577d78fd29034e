"""The text stage: a report file becomes a ``Report`` (its text, profile and residue), cut into sentences."""

from planbook.text.load import ReportFile, load_report, read_bytes, report_files, report_from_text, sanitize_id
from planbook.text.segment import segment

__all__ = ["ReportFile", "load_report", "read_bytes", "report_files", "report_from_text", "sanitize_id", "segment"]
