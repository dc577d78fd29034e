"""The editable lists in data/ load and are usable."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planbook.model import CHAPTERS
from planbook.vocabulary import (
    DATA_DIR,
    VOCAB_DIR,
    VOCABULARY_ENV,
    read_rows,
    translate,
    unit_stem,
    vocabulary,
)

ROOT = Path(__file__).resolve().parent.parent


def test_glossary_has_the_common_indicators():
    voc = vocabulary()
    assert len(voc.glossary) >= 60
    for zh in ("地区生产总值", "社会消费品零售总额", "城镇常住居民人均可支配收入", "粮食播种面积"):
        assert voc.glossary[zh]


def test_translate_falls_back_to_the_longest_known_word():
    assert translate("地区生产总值") == vocabulary().glossary["地区生产总值"]
    assert translate("新增规上工业企业") != ""
    assert translate("完全未知的说法") == ""


def test_taxonomy_names_only_known_chapters():
    rows = read_rows("taxonomy.csv")
    assert rows and {r["chapter"] for r in rows} <= set(CHAPTERS)
    assert all(int(r["weight"]) in (1, 2, 3) for r in rows)


def test_units_carry_their_scale():
    units = vocabulary().units
    assert units["亿元"].scale == 1e8 and units["亿元"].base == "元"
    assert units["万亩"].scale == 1e4
    assert units["%"].scale == 1


def test_units_of_mass_share_one_base_and_are_read_as_written():
    units = vocabulary().units
    # 吨, 斤 and 千克 convert to 公斤 (a 斤 of grain is half a 公斤): 80亿斤 is 400万吨.
    assert {units[u].base for u in ("吨", "万吨", "百万吨", "斤", "亿斤", "公斤", "千克", "万千克")} == {"公斤"}
    assert units["亿斤"].scale * 80 == units["万吨"].scale * 400
    assert [unit_stem(u) for u in ("亿斤", "百万吨", "万千克", "万亿元", "个百分点")] == [
        "斤",
        "吨",
        "千克",
        "元",
        "个百分点",
    ]
    m = vocabulary().unit_re.match("万多吨粮食")
    assert m is not None and (m.group("pre"), m.group("q2"), m.group("base")) == ("万", "多", "吨")


def test_a_pattern_takes_its_words_from_the_data_file():
    from planbook.vocabulary import pattern, words

    rx = pattern(r"(?P<neg>⟨fall⟩)$")
    assert words("fall") and all(rx.search("同比" + w) for w in ("下降", "减少"))
    assert rx.search("增长") is None


def test_every_word_list_compiles_and_names_a_used_list():
    import re

    from planbook.vocabulary import pattern, word_lists

    source = "".join(p.read_text(encoding="utf-8") for p in DATA_DIR.parent.rglob("*.py"))
    used = set(re.findall(r"⟨(\w+)⟩", source)) | set(re.findall(r'(?:words|mentions)\("(\w+)"\)', source))
    for name in word_lists():
        pattern(f"⟨{name}⟩")  # a broken word raises an error naming data/words.csv
        assert name in used, f"words.csv list {name!r} is not used by the reader"


def test_a_missing_list_is_an_error_naming_the_file():
    import pytest

    from planbook.vocabulary import pattern

    with pytest.raises(KeyError, match="words.csv"):
        pattern("⟨no_such_list⟩")


def test_a_word_cut_short_by_an_unquoted_comma_is_an_error_naming_the_file(monkeypatch):
    import pytest

    from planbook import vocabulary

    rows = [{"list": "goal_word", "word": "计划(?!执行|[，"}, {"list": "goal_word", "word": "力争"}]
    monkeypatch.setattr(vocabulary, "read_rows", lambda name: rows)
    vocabulary.word_lists.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"words\.csv: the word .* of 'goal_word' is no pattern"):
            vocabulary.word_lists()
    finally:
        monkeypatch.undo()
        vocabulary.word_lists.cache_clear()
    assert "力争" in vocabulary.word_lists()["goal_word"]


def test_variants_take_the_usual_name():
    from planbook.extract.names import canonical

    assert canonical("居民年人均可支配收入") == "居民人均可支配收入"
    assert canonical("全省生产总值") == "地区生产总值"
    assert canonical("城镇居民人均可支配收入") == "城镇居民人均可支配收入"  # not a variant: as written


def _own_copy(tmp_path, name: str, edit) -> Path:
    """A user's vocabulary folder holding one shipped file, edited."""
    folder = tmp_path / "vocab"
    folder.mkdir()
    text = (VOCAB_DIR / name).read_text(encoding="utf-8")
    (folder / name).write_text(edit(text), encoding="utf-8")
    return folder


def _drop_column(text: str, column: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    i = rows[0].index(column)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:i] + r[i + 1 :] for r in rows])
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "edit", "says"),
    [
        ("divisions.csv", lambda t: _drop_column(t, "level"), "the columns level are missing"),
        ("indicator_codes.csv", lambda t: _drop_column(t, "pattern"), "the columns pattern are missing"),
        ("target_rules.csv", lambda t: t + "band,GDP,not-a-number,\n", "could not convert"),
        ("span_words.csv", lambda t: t + "clause,(unclosed,\n", "no pattern"),
    ],
)
def test_a_broken_edited_copy_is_bad_input_naming_the_file(tmp_path, name, edit, says):
    folder = _own_copy(tmp_path, name, edit)
    env = {**os.environ, "PYTHONPATH": str(ROOT), VOCABULARY_ENV: str(folder)}
    done = subprocess.run(
        [sys.executable, "-m", "planbook", "targets", str(ROOT / "seeds" / "jingzhou-district-2020.txt"),
         "-o", str(tmp_path / "t.csv")],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and str(folder / name) in done.stderr, done.stderr
    assert says in done.stderr, done.stderr
