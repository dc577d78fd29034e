"""The text stage: a report file becomes a ``Report`` (its text, profile and residue), cut into sentences."""

from planbook.text.load import load_report, read_bytes, report_from_text, sanitize_id
from planbook.text.segment import segment

__all__ = ["load_report", "read_bytes", "report_from_text", "sanitize_id", "segment"]
