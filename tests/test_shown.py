"""Names printed with control characters escaped: a file name cannot act on the terminal or forge a line."""

from __future__ import annotations

from pathlib import Path

from planbook.shown import printable, shown


def test_control_characters_are_escaped_and_other_text_is_kept() -> None:
    assert shown(Path("a\x1b[2Jb\nc\td\re\x00f\x7fg\x85h.txt")) == "a\\x1b[2Jb\\nc\\td\\re\\x00f\\x7fg\\x85h.txt"
    assert printable("报告\u202etxt.exe") == "报告\\u202etxt.exe"  # a right-to-left override
    assert printable("line\u2028two") == "line\\u2028two"
    assert printable("河北省 2020年 报告\u3000(草案).txt") == "河北省 2020年 报告\u3000(草案).txt"
    assert printable("two\nlines\x1b", keep_newlines=True) == "two\nlines\\x1b"


def test_bytes_of_a_name_that_is_not_utf8_show_as_hex() -> None:
    name = b"\xb1\xa8\xb8\xe6.txt".decode("utf-8", "surrogateescape")  # 报告 in GBK, on a UTF-8 system
    assert shown(name) == "\\xb1\\xa8\\xb8\\xe6.txt"
