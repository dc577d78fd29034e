"""The lines around a report's body: collectors' metadata and title above it, web-page residue below it."""

from __future__ import annotations

import re

# Metadata lines written by collectors and government sites above the report body.
META_LINE = re.compile(
    r"^\s*(?:标题|题目|发文单位|发布单位|发布机构|发文机关|发文时间|发布时间|发布日期|成文日期|"
    r"来源URL|来源网址|原文链接|URL|信息来源|来源|文章来源|作者|正文|索引号|浏览次数|字体)\s*[:：]"
)

TITLE_LINE = re.compile(r"^\s*(?:标题|题目)\s*[:：]\s*(.+?)\s*$")

PUBLISHER = re.compile(
    r"(?:信息来源|文章来源|发文单位|发布单位|发布机构|发文机关|来源(?!URL|网址))\s*[:：]\s*([^|｜\s][^|｜]*?)\s*"
    r"(?=$|[|｜]|\s{2,}|发布时间|发文时间|发布日期)"
)

PUBLISHED = re.compile(r"(?:发布时间|发文时间|发布日期|成文日期)\s*[:：]\s*([^|｜]*?)\s*(?=$|[|｜]|\s{2,}|来源)")

DATE = re.compile(
    r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?"
)

# Trailing web-page residue: print/close links, share widgets, editor credits, page counters.
RESIDUE_LINE = re.compile(
    r"^\s*(?:[【\[]?\s*打印\s*[】\]]?\s*(?:[|｜/]\s*)?[【\[]?\s*关闭(?:窗口|本页)?\s*[】\]]?"
    r"|[【\[]\s*(?:打印|关闭|关闭窗口|返回顶部|收藏|纠错)\s*[】\]].*"
    r"|分享到.*|扫一扫.*|返回顶部|关闭窗口|打印本页|\d{1,4}|[（(]?\s*责任编辑\s*[:：].*|编辑\s*[:：].{0,20}"
    r"|上一篇.*|下一篇.*|相关(?:链接|文章|阅读).*|版权所有.*|.*ICP备.*|【?字体\s*[:：].*|浏览次数.*)\s*$"
)

HEADING_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")

HEADER_SCAN_LINES = 40

TAIL_SCAN_LINES = 40

MAX_TITLE_CHARS = 120


def parse_header(text: str) -> dict[str, str | int]:
    """Find title, publisher, publication date and body start in the first lines of the text."""
    title = publisher = published = ""
    body_start = 0
    pos = 0
    for i, line in enumerate(_lines(text, HEADER_SCAN_LINES)):
        start, end = pos, pos + len(line)
        pos = end
        stripped = line.strip()
        if not stripped:
            continue
        if m := TITLE_LINE.match(stripped):
            title = m.group(1)
        elif META_LINE.match(stripped) or PUBLISHER.search(stripped) and PUBLISHED.search(stripped):
            pass
        elif not title and i < 5 and _looks_like_title(stripped):
            title = stripped.lstrip("#").strip()  # "# 2021年…统计公报": a Markdown heading from a conversion
        else:
            body_start = start + (len(line) - len(line.lstrip()))
            break
        if not publisher and (m := PUBLISHER.search(stripped)):
            publisher = m.group(1)
        if not published and (m := PUBLISHED.search(stripped)):
            published = normalize_date(m.group(1))
    else:
        body_start = 0 if not title else pos
    return {"title": title, "publisher": publisher, "published": published, "body_start": body_start}


def _lines(text: str, limit: int) -> list[str]:
    """The first ``limit`` lines of text, each keeping its line ending (offsets add up)."""
    head = text[: 400 * limit]
    return head.splitlines(keepends=True)[:limit]


def _looks_like_title(line: str) -> bool:
    """A title is short, is not a numbered heading and does not end like a sentence."""
    return len(line) <= MAX_TITLE_CHARS and not HEADING_START.match(line) and line[-1] not in "。；;，,：:"


def normalize_date(raw: str) -> str:
    """``2021-02-23 10:38`` style date (and time when given); "" for 未知 or no date."""
    m = DATE.search(raw or "")
    if not m:
        return ""
    y, mo, d, hh, mm, ss = m.groups()
    out = f"{y}-{int(mo):02d}-{int(d):02d}"
    if hh is not None:
        out += f" {int(hh):02d}:{mm}" + (f":{ss}" if ss else "")
    return out


def find_body_end(text: str) -> int:
    """Offset where trailing web-page residue (打印| 关闭, 分享到, a page counter…) starts."""
    tail_start = max(0, len(text) - 200 * TAIL_SCAN_LINES)
    # Start the tail on a line boundary so every line below is whole.
    nl = text.rfind("\n", 0, tail_start) + 1 if tail_start else 0
    lines = text[nl:].splitlines(keepends=True)
    offsets = []
    pos = nl
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    body_end = len(text)
    # A lone number (a page-view counter) is residue only below a real residue line such as 打印| 关闭.
    seen_residue = False
    for line, start in zip(reversed(lines), reversed(offsets), strict=True):
        stripped = line.strip()
        if not stripped:
            continue
        if RESIDUE_LINE.match(stripped) and not (seen_residue and stripped.isdigit()):
            seen_residue = seen_residue or not stripped.isdigit()
            body_end = start
            continue
        break
    if not seen_residue:
        return len(text)
    # End the body after the last real line, dropping the blank lines before the residue.
    return len(text[:body_end].rstrip()) or body_end
