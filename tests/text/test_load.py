"""Loading a report file: decoding, web pages, metadata, body bounds, ids and bad input."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planbook.model import ReportError
from planbook.text.load import load_report, sanitize_id

ROOT = Path(__file__).resolve().parents[2]
JINGZHOU = ROOT / "seeds" / "jingzhou-district-2020.txt"
BAODING = ROOT / "tests" / "fixtures" / "baoding-city-2022-government-work-report.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return JINGZHOU.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def baoding_path() -> Path:
    if not BAODING.exists():
        pytest.skip(f"Baoding seed not available at {BAODING}")
    return BAODING


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def gov_page(seed: str, charset: str) -> str:
    """A typical government article page: nav menu, <h1> title, one <p> per paragraph, print/close footer."""
    report = load_report(JINGZHOU)
    body = paragraphs(seed[: report.body_stop])
    title, rest = body[0], body[1:]
    ps = "\n".join(f"<p style='text-indent:2em'>{html.escape(p)}</p>" for p in rest)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}_荆州区人民政府</title></head>
<body>
<div class="top"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<div class="article"><h1>{html.escape(title)}</h1>
<div class="content">
{ps}
</div>
<div class="print"><a href="javascript:print()">打印</a>| <a href="javascript:close()">关闭</a></div>
</div>
<div class="footer"><p>主办：荆州区人民政府办公室</p><p>鄂ICP备05003380号</p></div>
</body></html>"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings_decode_to_the_seed_text(tmp_path: Path, seed_text: str, encoding: str) -> None:
    path = tmp_path / "copy.txt"
    path.write_bytes(seed_text.encode(encoding))
    report = load_report(path)
    assert report.text == seed_text
    assert report.source_format == "txt"


def test_bom_is_stripped_so_offsets_match_the_plain_file(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + seed_text.encode("utf-8"))
    report = load_report(path)
    assert not report.text.startswith("\ufeff")
    assert report.body_start == load_report(JINGZHOU).body_start


def test_crlf_newlines_are_kept(tmp_path: Path, seed_text: str) -> None:
    crlf = seed_text.replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(crlf.encode("utf-8"))
    assert load_report(path).text == crlf


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_page_gives_the_seed_paragraphs(tmp_path: Path, seed_text: str, charset: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(gov_page(seed_text, charset).encode(charset))
    report = load_report(path)
    seed_report = load_report(JINGZHOU)
    assert report.source_format == "html"
    assert paragraphs(report.text[: report.body_stop]) == paragraphs(seed_text[: seed_report.body_stop])
    assert report.title == seed_report.title
    assert report.body_start == seed_report.body_start


def test_html_keeps_short_dash_list_lines_and_headings(tmp_path: Path) -> None:
    lines = [
        "2021年主要预期目标",
        "一、总体要求",
        "(一)经济增长",
        "——地区生产总值增长10%。",
        "——城镇新增就业1.5万人。",
    ]
    page = "<html><head><title>t</title></head><body><div>" + "".join(f"<p>{x}</p>" for x in lines)
    path = tmp_path / "list.htm"
    path.write_text(page + "</div></body></html>", encoding="utf-8")
    got = paragraphs(load_report(path).text)
    for line in lines[1:]:
        assert line in got


def test_html_without_article_falls_back_to_page_text(tmp_path: Path) -> None:
    path = tmp_path / "bare.html"
    path.write_text("<html><body><div>一、目标<br>地区生产总值增长6%。</div></body></html>", encoding="utf-8")
    text = load_report(path).text
    assert "地区生产总值增长6%。" in text
    assert "一、目标" in text


def test_jingzhou_metadata() -> None:
    report = load_report(JINGZHOU)
    assert report.id == "jingzhou-district-2020"
    assert report.title.startswith("荆州区2020年国民经济和社会发展计划执行情况")
    assert report.region == "荆州区"
    assert report.review_year == 2020
    assert report.publisher == "荆州区人民政府"
    assert report.published == "2021-02-23 10:38"
    assert report.text[report.body_start :].startswith("一、2020年国民经济和社会发展计划执行情况")


def test_jingzhou_body_end_excludes_print_close_residue() -> None:
    report = load_report(JINGZHOU)
    body = report.text[report.body_start : report.body_stop]
    assert "打印" not in body
    assert body.rstrip().endswith("通信等各项工作。")
    assert "打印| 关闭" in report.text[report.body_stop :]


def test_baoding_metadata(baoding_path: Path) -> None:
    report = load_report(baoding_path)
    assert report.id == "baoding-city-2022-government-work-report"
    assert report.title == "2022年保定市政府工作报告"
    assert report.region == "保定市"
    assert report.review_year == 2021
    assert report.publisher == "保定市人民政府"
    assert report.published == ""
    # The date line and the speaker are the title block above the body; the speech starts at 各位代表.
    header = report.text[: report.body_start]
    assert "――2022年1月23日" in header and "市长 闫继红" in header
    assert report.text[report.body_start :].startswith("各位代表：")
    assert "责任编辑" not in report.text[: report.body_stop]


def test_custom_report_id_is_sanitised(tmp_path: Path, seed_text: str) -> None:
    assert load_report(JINGZHOU, report_id="JZ 2020").id == "jz-2020"
    assert sanitize_id("荆州区报告").startswith("report-")


def test_title_line_and_no_metadata(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("地区生产总值增长6%，财政收入增长5%。\n", encoding="utf-8")
    report = load_report(path)
    assert report.body_start == 0
    assert report.title == ""
    assert report.body_stop == len(report.text)


def _bad(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _docx_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path.read_bytes()


def test_missing_path_raises_report_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such file"):
        load_report(tmp_path / "nope.txt")


def test_directory_raises_report_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="directory"):
        load_report(tmp_path)


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t "])
def test_empty_file_raises_report_error(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ReportError, match="empty"):
        load_report(_bad(tmp_path, "empty.txt", data))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
        ("doc.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "convert to text first"),
        ("doc.txt", b"%PDF-1.4\n1 0 obj\n", "convert to text first"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "convert to text first"),
        ("blob.bin", bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_and_office_files_raise_report_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = _bad(tmp_path, name, data)
    with pytest.raises(ReportError, match=message) as info:
        load_report(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_docx_says_convert_to_text(tmp_path: Path) -> None:
    path = _bad(tmp_path, "report.docx", _docx_bytes(tmp_path))
    with pytest.raises(ReportError, match="DOCX.*convert to text first"):
        load_report(path)


def test_undecodable_bytes_raise_report_error(tmp_path: Path) -> None:
    # High bytes and C0 controls without NULs: no encoding turns this into readable text.
    noise = bytes((i * 37 + 11) % 255 + 1 for i in range(4000))
    path = _bad(tmp_path, "noise.txt", noise)
    with pytest.raises(ReportError, match="noise.txt") as info:
        load_report(path)
    assert "\n" not in str(info.value)


def test_large_text_loads_whole(tmp_path: Path, seed_text: str) -> None:
    # Speed is measured by benchmarks/extract_speed.py --big; here only that nothing is lost.
    path = tmp_path / "big.txt"
    path.write_bytes((seed_text * 300).encode("utf-8"))  # ~10 MB
    report = load_report(path)
    assert len(report.text) == len(seed_text) * 300


def test_few_corrupt_bytes_are_repaired_with_a_warning(tmp_path: Path, seed_text: str) -> None:
    data = bytearray(seed_text.encode("utf-8"))
    data[5000] = 0xFF  # one byte of a multibyte character damaged
    path = _bad(tmp_path, "damaged.txt", bytes(data))
    report = load_report(path)
    assert report.encoding == "utf-8"
    assert report.warnings and "U+FFFD" in report.warnings[0]
    assert report.title == load_report(JINGZHOU).title


def test_region_falls_back_to_publisher(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("国民经济计划执行情况报告\n信息来源: 荆州区人民政府\n\n一、总体情况\n", encoding="utf-8")
    assert load_report(path).region == "荆州区"


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_page_gives_the_same_rows_as_the_text(tmp_path: Path, seed_text: str, charset: str) -> None:
    from planbook import extract as extract_module

    path = tmp_path / "page.html"
    path.write_bytes(gov_page(seed_text, charset).encode(charset))

    fields = ("text", "indicator", "period", "kind", "measure", "value", "unit")

    def key(row: object) -> tuple:
        return tuple(getattr(row, c) for c in fields)

    from_text = [key(r) for r in extract_module.extract(load_report(JINGZHOU))]
    from_html = [key(r) for r in extract_module.extract(load_report(path))]
    assert from_html == from_text


def test_html_text_is_unescaped_once_as_a_browser_shows_it(tmp_path: Path) -> None:
    sentence = "2020年,全区地区生产总值完成341.21亿元,同比下降4.5%。固定资产投资完成205.7亿元,同比增长7.2%。"
    title = "测试区2020年&lt;计划&gt;&amp;amp;报告"  # a browser shows 测试区2020年<计划>&amp;报告
    body = "".join(f"<p>第{i}段 &amp;lt;原样&amp;gt; &lt;b&gt; {sentence}</p>\n" for i in range(3))
    page = f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><div>{body}</div></body></html>"
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    report = load_report(path)
    assert report.title == "测试区2020年<计划>&amp;报告"
    assert "第1段 &lt;原样&gt; <b> 2020年" in report.text


def test_nul_and_other_control_characters_anywhere_become_spaces_with_a_warning(tmp_path: Path, seed_text: str) -> None:
    notes = "".join(f"附注第{i}条：本段为补充说明。\n" for i in range(3000))
    text = seed_text[:200] + "\x07" + seed_text[200:] + notes + "末尾\x00\x00说明\x1b。\n"
    path = tmp_path / "controls.txt"
    path.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8").index(b"\x00") > 65536  # past the first 64 KiB that the binary check reads
    report = load_report(path)
    assert len(report.text) == len(text)  # one for one: no offset moves
    assert report.text == text.replace("\x07", " ").replace("\x00", " ").replace("\x1b", " ")
    warning = next(w for w in report.warnings if "control" in w)
    assert warning.startswith("4 control character(s) (U+0000 ×2, U+0007 ×1, U+001B ×1) replaced by spaces: ")
    last_line = text.count("\n")  # the text ends with a line break
    assert f"line {last_line} (offset {text.index(chr(0))})" in warning
    assert f"line {seed_text[:200].count(chr(10)) + 1} (offset 200)" in warning


def test_a_form_feed_is_a_page_break_read_as_a_line_break(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "pages.txt"
    path.write_bytes(seed_text.replace("\n", "\f", 3).encode("utf-8"))
    report = load_report(path)
    assert report.text == seed_text and report.warnings == load_report(JINGZHOU).warnings


def test_replacement_characters_already_in_the_file_are_reported(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "converted.txt"
    path.write_bytes((seed_text[:3000] + "\ufffd\ufffd" + seed_text[3000:]).encode("utf-8"))
    warnings = load_report(path).warnings
    line = seed_text[:3000].count("\n") + 1
    assert f"2 character(s) could not be decoded and show as U+FFFD (�): line {line} (offset 3000)" in warnings[0]


# --- fuzzed: any bytes are refused in one line, or loaded without control characters --------------

_PIECES = st.sampled_from(
    ["地区生产总值完成341.21亿元,", "同比下降4.5%。", "一、执行情况", "\n", "\r\n", "\r", "\f", "\x00", "\x07",
     "\x1b", "\ufffd", "<b>", "&amp;", " ", "\u3000", "\x85"]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(_PIECES, min_size=1, max_size=80).map("".join),
    st.sampled_from(["utf-8", "gb18030"]),
    st.binary(max_size=3),
)
def test_any_bytes_are_refused_in_one_line_or_read_without_control_characters(tmp_path, text, codec, noise):
    path = tmp_path / "fuzz.txt"
    data = text.encode(codec, errors="replace")
    path.write_bytes(data[: len(data) // 2] + noise + data[len(data) // 2 :])
    try:
        report = load_report(path)
    except ReportError as exc:
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
        return
    assert not re.search(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]", report.text)
    assert all("\n" not in w for w in report.warnings)
    assert ("\ufffd" in report.text) == any("U+FFFD" in w for w in report.warnings)
