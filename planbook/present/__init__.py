"""Presentation: numbers as each audience reads them, table cells, charts and their offline output."""
