"""Tests of planbook/present."""
