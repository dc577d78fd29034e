"""Tests of planbook/book."""
