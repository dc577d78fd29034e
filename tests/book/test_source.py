"""Tests of planbook/book/source.py: the report text as HTML, numbers marked, sentences anchored."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from planbook.book.source import row_meaning, source_html
from planbook.extract import extract
from planbook.model import IndicatorRow, Report, Segmented, Sentence
from planbook.text import load_report, segment
from tests.book.tiny import TINY_REPORT, stub_extract

REPO = Path(__file__).resolve().parents[2]


def report_of(text: str) -> Report:
    """A report of ``text`` with id ``r``."""
    return Report(id="r", path="r.txt", text=text, encoding="utf-8", source_format="txt", title="T")


def row(text: str, number: str, sentence: tuple[int, int], **kw) -> IndicatorRow:
    """A level row for the first ``number`` in ``text``, in the given sentence."""
    s = text.index(number)
    fields = dict(
        report="r",
        start=s,
        end=s + len(number),
        text=number,
        indicator="产值",
        indicator_en="output",
        period=2020,
        kind="actual",
        measure="level",
        value=float(number),
        unit="亿元",
        sentence_start=sentence[0],
        sentence_end=sentence[1],
        sentence=text[slice(*sentence)],
    )
    fields.update(kw)
    return IndicatorRow(**fields)


def test_source_html_escapes_markup_and_marks_numbers():
    text = "产值<b>12</b>亿元。第二句5亿元。"
    rows = [row(text, "12", (0, 15)), row(text, "5", (15, 21))]
    out = source_html(report_of(text), rows)
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert '<span class="pb-sentence" id="s-0">' in out and 'id="s-15"' in out
    assert out.count("<mark") == 2


def test_source_html_anchors_row_sentences_missing_from_segmentation():
    text = "甲乙丙。产值12亿元。"
    report = report_of(text)
    out = source_html(report, [row(text, "12", (4, 11))], Segmented(report, sentences=[Sentence(0, 11, 0)]))
    assert 'id="s-4"' in out and 'id="s-0"' in out


def test_overlapping_numbers_share_one_mark():
    text = "产值12亿元。"
    rows = [row(text, "12", (0, 7)), row(text, "12", (0, 7), measure="rank")]
    out = source_html(report_of(text), rows)
    assert out.count("<mark") == 1 and "level" in out and "rank" in out


def test_row_meaning_shows_the_fields_as_the_csv_holds_them():
    text = "产值下降4.5%。"
    r = row(text, "4.5", (0, 9), measure="change_pct", value=-4.5, unit="%", qualifier="approx")
    assert row_meaning(r) == "产值 (output) · change_pct · -4.5 % · 2020 · actual · approx"


def test_source_html_keeps_every_character_of_the_report():
    report = report_of(TINY_REPORT)
    out = source_html(report, stub_extract(report))
    shown = html.unescape(re.sub(r"<[^>]+>", "", out.replace("<br>", "\n")))
    assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", TINY_REPORT)


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_cr_only_and_crlf_files_give_the_page_of_the_lf_file(tmp_path, newline):
    seed = REPO / "seeds" / "jingzhou-district-2020.txt"
    other = tmp_path / "seed.txt"
    other.write_bytes(seed.read_bytes().replace(b"\n", newline.encode()))
    pages = []
    for path in (seed, other):
        report = load_report(path)
        segmented = segment(report)
        page = source_html(report, extract(report), segmented)
        assert "\r" not in page
        # Offsets differ by the extra character of each CRLF; what the page shows may not.
        pages.append((re.sub(r'id="s-\d+"', "", page), [(h.level, h.title) for h in segmented.headings]))
    assert pages[0][1] and pages[1] == pages[0]
    assert pages[0][0].count('class="pb-para pb-heading') == len(pages[0][1])
