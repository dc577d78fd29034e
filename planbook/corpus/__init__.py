"""Corpus scale: every report in one DuckDB panel (``panel``), the per-report work on an executor (``executor``)."""
