"""Tests of planbook: one test module per module, in folders that mirror the package."""
