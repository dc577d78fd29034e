"""Chinese numerals as numbers: the one reader of headings (十二), ranks (第三), counts (两家), amounts (一百零八)
and years (二〇一九), built on cn2an."""

from __future__ import annotations

from functools import lru_cache

# 〇 as years are written and scanned (二○一九, 二0一九, 二O一九): all read as 零.
_ZEROS = str.maketrans(dict.fromkeys("〇○ＯOo0", "零"))
_PLACES = frozenset("十百千万亿")


@lru_cache(maxsize=4096)  # headings and ranks repeat a few numerals, and cn2an takes microseconds for each
def cn_int(numeral: str, by_digit: bool = False) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 两 → 2, 一百零八 → 108, 一万二千 → 12000, 2019 → 2019; with ``by_digit``
    a numeral written digit by digit, as years are (二〇一九 → 2019). None when it is no numeral.

    Place values are read strictly: 两百, 一千零 and 二三 (two or three) are no numerals.
    """
    if numeral.isdigit():  # 2019, in ASCII or full-width digits
        return int(numeral)
    if numeral == "两":
        return 2
    # imported on first use: the library takes a tenth of a second to load, and most commands never need it
    import cn2an

    if by_digit:
        numeral = numeral.translate(_ZEROS)
        if _PLACES.intersection(numeral):
            return None
    try:
        return int(cn2an.cn2an(numeral, "normal" if by_digit else "strict"))
    except (ValueError, KeyError):
        return None
