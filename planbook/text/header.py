"""The lines around a report's body: the header above it, web-page residue below it.

The header is everything before the first line of the report's own text (各位代表, a heading, a
sentence): collectors' metadata (标题：, 来源：, 时间：), web-page residue (下载 打印 全屏 收藏,
【字号：大 中 小】, breadcrumbs 首页 > 政府信息公开 > …, 分享:), page markers and what a PDF conversion left
of a title (2023 [1]), photo captions (…记者 某某 摄), and the title block: the title (once or
repeated), the date line (——2021年2月19日在…会议上), the speaker (省长 某某) and the issuer (某市统计局).
The words of residue, labels, titles and issuers are in ``data/report_facts.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planbook.text.dates import is_date_line
from planbook.text.lists import fact_pattern
from planbook.vocabulary import pattern

TITLE_LINE = fact_pattern(r"^\s*(?:⟨title_label⟩)\s*[:：]\s*(.+?)\s*$")
# Another label after a value on the same line (来源：某县人民政府 浏览次数：12): where the value ends.
_NEXT_LABEL = r"\s+[\u4e00-\u9fff]{1,6}[:：]"

PUBLISHER = re.compile(
    r"(?:信息来源|文章来源|发文单位|发布单位|发布机构|发文机关|稿源|来源(?!URL|网址))\s*[:：]\s*([^|｜\s][^|｜]*?)\s*"
    rf"(?=$|[|｜]|\s{{2,}}|{_NEXT_LABEL}|发布时间|发文时间|发布日期|时间|日期)"
)

PUBLISHED = re.compile(
    rf"(?:发布时间|发文时间|发布日期|成文日期|时间|日期)\s*[:：]\s*([^|｜]*?)\s*(?=$|[|｜]|\s{{2,}}|{_NEXT_LABEL}|来源)"
)

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

HEADING_START = re.compile(
    r"^[\s#]*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+(?:篇|章|部分)[\s\u3000])"
)

_META_LINE = fact_pattern(r"^\s*(?:⟨meta_label⟩)\s*[:：]")
_LABEL_ALONE = fact_pattern(r"^\s*(⟨meta_label⟩)\s*[:：]\s*$")
_RESIDUE = fact_pattern(r"\s*(?:⟨residue_line⟩)\s*")
_SEPARATOR = fact_pattern(r"⟨breadcrumb_separator⟩")
_SPEECH_OPEN = fact_pattern(r"^\s*(?:⟨speech_open⟩)")
_CAPTION_END = fact_pattern(r"(?:⟨caption_end⟩)\s*$")
_CAPTION_WORD = fact_pattern(r"(?:⟨caption_word⟩)")
_SPEAKER = fact_pattern(r"(?:⟨speaker_title⟩)\s*[\u4e00-\u9fff·•\s]{1,14}$")
_ISSUER = fact_pattern(r"(?:⟨issuer⟩)")
# The words that make a line a report's title (on the line without its spaces: 政 府 工 作 报 告).
_UNNUMBERED_HEADING = pattern(r"⟨unnumbered_heading⟩")
_GENRE_WORD = re.compile(r"报告|公报|纲要|规划|计划|草案")
# The date line of a speech: ——2021年2月19日在某市第十五届人民代表大会第二次会议上 (or without a date).
_MEETING = re.compile(r"在.{1,40}?(?:会议|大会)上?")
# How a date line starts (——2021年…, （2021年…）, 二〇二一年…): never a title, though it may name the meeting.
_DATE_LINE_START = re.compile(
    r"[—–\-－―(（]|(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
)
# ASCII marks count where they punctuate Chinese text (现在,我代表…), not inside a title’s &amp;.
# How a title ends: a line that ends otherwise goes on on the next (…计划执行情况 / 与2023年计划草案的报告).
_TITLE_END = re.compile(r"(?:报告|公报|纲要|草案|[)）])\s*$")
_BRACKETED_DATE = re.compile(r"\s*[（(][^）)]{0,20}年[^）)]{0,20}[）)]\s*$")
_SENTENCE_MARK = re.compile(r"[，。；！？]|[,;!?](?=[\u4e00-\u9fff\s]|$)")
_FOOTNOTE = re.compile(r"\[\d{1,2}\]|［\d{1,2}］")
_PUBLISHER_LABELS = ("来源", "信息来源", "文章来源", "稿源", "发文单位", "发布单位", "发布机构", "发文机关")

HEADER_SCAN_LINES = 200  # lines (blank ones too: a saved web page has one between every two)
TAIL_SCAN_LINES = 40
MAX_TITLE_CHARS = 120
SHORT_LINE_CHARS = 8  # a header line this short with no sentence mark (a name, a column) is no body
TITLE_RUN_LINES = 4  # a title broken over this many lines at most (# 2021年 / 成都市国民经济和社会 / 发展统计公报)


@dataclass
class Header:
    """What the lines above the body say: title, publisher, publication date, and where the body starts."""

    title: str = ""
    publisher: str = ""
    published: str = ""
    body_start: int = 0
    lines: list[str] = field(default_factory=list)  # the header's lines of text (not residue), in order


@dataclass
class _Scan:
    """What the scan of the header has seen so far."""

    header: Header
    label: str = ""  # a label alone on its line (来源：): the next line is its value
    after_separator: bool = False  # the line before was a breadcrumb separator (>)
    seen: set[str] = field(default_factory=set)
    named: bool = False  # the title found names a genre (a guessed one gives way to a later line that does)


def parse_header(text: str) -> Header:
    """Find title, publisher, publication date and body start in the first lines of the text."""
    lines = _lines(text, HEADER_SCAN_LINES)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    scan = _Scan(Header())
    k = 0
    while k < len(lines):
        stripped = lines[k].strip()
        k += 1
        if not stripped:
            continue
        kind = _kind(stripped, scan)
        if kind == "body":
            scan.header.body_start = offsets[k - 1] + len(lines[k - 1]) - len(lines[k - 1].lstrip())
            return scan.header
        if kind == "title_run":
            k = _take_title_run(lines, k - 1, scan)
            continue
        _note(stripped, kind, scan)
        if kind == "title":
            k = _continue_title(lines, k, scan)
    # No line of the report's own text in the first lines: all of it is body unless a title was found.
    scan.header.body_start = 0 if not scan.header.title else offsets[-1]
    return scan.header


def _kind(line: str, scan: _Scan) -> str:
    """What a line above the body is (or "body" for the report's own first line)."""
    if _SPEECH_OPEN.match(line) or HEADING_START.match(line):
        return "body"
    if TITLE_LINE.match(line):
        return "title_meta"
    if scan.label:
        return "value"
    if (m := _LABEL_ALONE.match(line)) and _value_label(m.group(1)):
        return "label"
    if _META_LINE.match(line) or PUBLISHER.search(line) and PUBLISHED.search(line):
        return "meta"
    if _RESIDUE.fullmatch(line):
        return "separator" if _SEPARATOR.fullmatch(line.strip()) else "residue"
    if scan.after_separator or _is_breadcrumb(line):
        return "breadcrumb"
    if line in scan.seen:
        return "repeat"
    return _title_block_kind(line, scan)


def _is_breadcrumb(line: str) -> bool:
    """首页 > 政府信息公开 > 政府工作报告 on one line: short items between separators (not a title's <计划>)."""
    items = _SEPARATOR.split(line)
    return (
        len(line) <= 80
        and "<" not in line
        and len(items) >= 2
        and all(0 < len(i.strip()) <= 20 for i in items)
        and (len(items) >= 3 or re.search(rf"\s{_SEPARATOR.pattern}", line) is not None)
    )


def _title_block_kind(line: str, scan: _Scan) -> str:
    """A line of the title block (title, caption, date line, speaker, issuer), or "body"."""
    if is_caption(line):
        return "caption"
    plain = not _SENTENCE_MARK.search(line)
    titled = plain and _looks_like_title(line) and _GENRE_WORD.search(re.sub(r"\s", "", line)) is not None
    if titled and not scan.named and not _DATE_LINE_START.match(line):
        return "title"  # 政府工作报告——在某省第十届人民代表大会第三次会议上: the title, though it names the meeting
    if _is_title_block_line(line):
        return _title_block_line_kind(line)
    if titled:
        return "subtitle"
    if plain and _looks_like_title(line) and not scan.header.title and not scan.header.lines and len(line) <= 40:
        if not _UNNUMBERED_HEADING.search(line):
            return "title_run"
    if plain and len(line) <= SHORT_LINE_CHARS:
        return "short"
    return "body"


def _is_title_block_line(line: str) -> bool:
    """A date line, a speaker's line or an issuer's line."""
    return _title_block_line_kind(line) != ""


def _title_block_line_kind(line: str) -> str:
    """date, speaker or issuer for such a line of the title block, "" for any other."""
    plain = not _SENTENCE_MARK.search(line)
    if is_date_line(line) or (plain and len(line) <= 90 and _MEETING.search(line)):
        return "date"
    if plain and len(line) <= 60 and _SPEAKER.search(_BRACKETED_DATE.sub("", line)):
        return "speaker"  # 河北省省长 某某（2002年1月24日）
    if plain and len(line) <= 50 and _ISSUER.search(line):
        return "issuer"
    return ""


def _note(line: str, kind: str, scan: _Scan) -> None:
    """Keep what a header line says (title, publisher, date) and what the next line needs to know."""
    h = scan.header
    scan.after_separator = kind == "separator"
    if kind not in ("residue", "separator"):
        scan.seen.add(line)
    if kind in ("title", "subtitle", "date", "speaker", "issuer", "title_meta"):
        h.lines.append(line)
    if kind in ("title", "title_meta"):
        m = TITLE_LINE.match(line) if kind == "title_meta" else None
        h.title = _clean_title(m.group(1) if m else line)
        scan.named = True
    elif kind == "value":
        _label_value(scan.label, line, h)
    elif kind == "meta":
        _meta_values(line, h)
    elif kind == "issuer" and not h.publisher:
        h.publisher = re.sub(r"\s+", " ", line)
    elif kind == "date" and not h.published and not _MEETING.search(line):
        h.published = normalize_date(line)
    scan.label = m.group(1) if kind == "label" and (m := _LABEL_ALONE.match(line)) else ""


def _meta_values(line: str, h: Header) -> None:
    """The publisher and the date a metadata line gives (信息来源: 某区人民政府 | 发布时间: 2021-02-23 10:38)."""
    if not h.publisher and (m := PUBLISHER.search(line)):
        h.publisher = m.group(1)
    if not h.published and (m := PUBLISHED.search(line)):
        h.published = normalize_date(m.group(1))


def _value_label(label: str) -> bool:
    """A label whose value may stand on the next line: a publisher's or a date's (not 正文：)."""
    return label in _PUBLISHER_LABELS or "时间" in label or "日期" in label


def _label_value(label: str, value: str, h: Header) -> None:
    """The value of a label that stood alone on the line before (来源： / 陕西省人民政府)."""
    if label in _PUBLISHER_LABELS and not h.publisher:
        h.publisher = value
    elif ("时间" in label or "日期" in label) and not h.published:
        h.published = normalize_date(value)


def _take_title_run(lines: list[str], k: int, scan: _Scan) -> int:
    """A title broken over lines (# 2021年 / 成都市国民经济和社会 / 发展统计公报[1]): joined when the lines
    together name a genre; else the first line alone is the title (a title without a genre word)."""
    run: list[str] = []
    j = k
    while j < len(lines) and len(run) < TITLE_RUN_LINES:
        s = lines[j].strip()
        j += 1
        if not s:
            continue
        if _SENTENCE_MARK.search(s) or not _looks_like_title(s) or _SPEECH_OPEN.match(s) or HEADING_START.match(s):
            break
        if _RESIDUE.fullmatch(s) or is_caption(s) or _is_title_block_line(s):
            break
        run.append(s)
        if _GENRE_WORD.search(re.sub(r"\s", "", "".join(run))):
            scan.header.title = _clean_title("".join(x.lstrip("#").strip() for x in run))
            scan.named = True
            for x in run:
                _note(x, "subtitle", scan)
            return j
    first = lines[k].strip()
    scan.header.title = _clean_title(first)
    _note(first, "subtitle", scan)
    return k + 1


def _continue_title(lines: list[str], k: int, scan: _Scan) -> int:
    """A title's second line (关于某区2022年国民经济和社会发展计划执行情况 / 与2023年计划草案的报告) joins it."""
    j = k
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j == len(lines) or _TITLE_END.search(scan.header.title):
        return k
    s = lines[j].strip()
    if _SENTENCE_MARK.search(s) or not _looks_like_title(s) or not _TITLE_END.search(s):
        return k
    if _RESIDUE.fullmatch(s) or is_caption(s) or _is_title_block_line(s) or _DATE_LINE_START.match(s):
        return k
    scan.header.title = _clean_title(scan.header.title + s)
    _note(s, "subtitle", scan)
    return j + 1


def is_caption(line: str) -> bool:
    """A photo caption: …记者 某某 摄, 某某作政府工作报告。本报记者 某某 (a name after the credit)."""
    if len(line) > 150:
        return False
    if _CAPTION_END.search(line):
        return True
    words = list(_CAPTION_WORD.finditer(line))
    return bool(words) and len(line) - words[-1].end() <= 12 and not _SENTENCE_MARK.search(line[words[-1].end() :])


_SPACED_LETTERS = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]+){2,}[\u4e00-\u9fff]")  # 政 府 工 作 报 告


def _clean_title(title: str) -> str:
    """A title without Markdown marks, footnote markers (# 2021年…统计公报[1]) or the spaces of a title set in
    spaced letters (政 府 工 作 报 告)."""
    title = _FOOTNOTE.sub("", title).lstrip("#").strip()
    return re.sub(r"[ \u3000]+", "", title) if _SPACED_LETTERS.fullmatch(title) else title


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
