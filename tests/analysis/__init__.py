"""Tests of planbook/analysis."""
