"""Report ids from file names: readable names as they are, other names with a hash, never two files on one id."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planbook.model import ReportError
from planbook.text.ids import check_names, report_id, sanitize_id


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("jingzhou-district-2020", "jingzhou-district-2020"),
        ("Jingzhou District_2020", "jingzhou-district-2020"),
        ("baoding.city.2022", "baoding-city-2022"),
    ],
)
def test_a_latin_name_is_its_slug(name, ident):
    rid = report_id(name)
    assert (rid.value, rid.hashed, rid.note()) == (ident, False, "")


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        # Pinned: an id must stay the same from run to run and from version to version (data/<id>/, links).
        ("荆州区2020年报告", "2020-d03e98fc"),
        ("保定市2020年报告", "2020-cba31915"),
        ("荆州区报告", "report-14ab7d1a"),
        ("a<b>&c", "a-b-c-0b27ecfb"),
        ("---", "report-58b63e27"),
    ],
)
def test_other_names_keep_their_latin_letters_and_digits_and_get_a_hash(name, ident):
    rid = report_id(name)
    assert rid.value == ident and rid.hashed
    assert ident in rid.note() and "hash" in rid.note() and name in rid.note()


def test_two_chinese_names_with_one_year_get_two_ids():
    assert sanitize_id("荆州区2020年报告") != sanitize_id("保定市2020年报告")


def test_the_same_name_in_either_unicode_form_gets_one_id():
    name = "荆州区2020年报告（草案）é"
    assert sanitize_id(unicodedata.normalize("NFD", name)) == sanitize_id(unicodedata.normalize("NFC", name))


def test_two_files_on_one_id_are_an_error_naming_both():
    with pytest.raises(ReportError, match=r"seeds/a b\.txt and seeds/a-b\.html both get the report id 'a-b'"):
        check_names([Path("seeds/a b.txt"), Path("seeds/a-b.html")])
    check_names([Path("荆州区2020年报告.txt"), Path("保定市2020年报告.txt"), Path("2020.txt")])


def test_a_file_name_that_is_not_utf8_is_an_error_naming_it():
    name = os.fsdecode(b"\xb2\xe2\xca\xd4-2020.txt")  # a GBK name on a UTF-8 system
    assert re.fullmatch(r"2020-[0-9a-f]{8}", sanitize_id(Path(name).stem))
    with pytest.raises(ReportError, match="^seeds/\ufffd+-2020.txt: the file name is not UTF-8; rename the file$"):
        check_names([Path("seeds") / name])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_name_gives_a_stable_id_of_latin_letters_digits_and_hyphens(name):
    ident = sanitize_id(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident) and sanitize_id(name) == ident


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12), st.text(max_size=12))
def test_two_names_that_get_a_hash_never_share_an_id(a, b):
    ra, rb = report_id(a), report_id(b)
    assume(ra.hashed and rb.hashed and ra.name != rb.name)
    assert ra.value != rb.value
