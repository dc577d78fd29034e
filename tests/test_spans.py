"""Offsets in spans, looked up in logarithmic time, as the plain scan would say."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from planbook.spans import Spans

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), max_size=12)


@given(spans, st.lists(st.integers(-5, 210), max_size=40))
def test_look_ups_agree_with_a_scan(given_spans, offsets) -> None:
    index = Spans(given_spans)
    expected = [any(a <= o < b for a, b in given_spans) for o in offsets]
    assert [o in index for o in offsets] == expected
    assert index.mask(np.array(offsets, dtype=np.int64)).tolist() == expected
