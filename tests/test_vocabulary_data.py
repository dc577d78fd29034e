"""The two edited word lists (taxonomy, glossary) are well-formed and read the genre's usual names."""

from __future__ import annotations

import csv

import pytest

from planbook.extract.topics import classify
from planbook.model import CHAPTERS
from planbook.vocabulary import DATA_DIR, read_lists, read_rows, translate


def _rows(name: str) -> tuple[list[str], list[dict[str, str]]]:
    raw = (DATA_DIR / name).read_bytes()
    assert b"\r" not in raw, f"{name}: LF line ends only"
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def test_taxonomy_is_sorted_unique_and_complete():
    header, rows = _rows("taxonomy.csv")
    assert header == ["chapter", "keyword", "weight"]
    keys = [r["keyword"] for r in rows]
    assert len(keys) == len(set(keys)), "a keyword appears once"
    assert all(r["chapter"] in CHAPTERS and r["keyword"] and r["weight"] in ("1", "2", "3") for r in rows)
    assert [(r["chapter"], r["keyword"]) for r in rows] == sorted((r["chapter"], r["keyword"]) for r in rows)


def test_glossary_is_sorted_unique_and_complete():
    header, rows = _rows("glossary.csv")
    assert header == ["zh", "en", "note"]
    keys = [r["zh"] for r in rows]
    assert len(keys) == len(set(keys)), "a zh term appears once"
    assert all(r["zh"] and r["en"] for r in rows)
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("text", "chapter"),
    [
        ("城镇居民人均可支配收入", "livelihoods"),
        ("农民人均纯收入", "livelihoods"),
        ("森林覆盖率", "environment"),
        ("造林面积", "environment"),
        ("单位生产总值能耗", "environment"),
        ("粮食产量", "agriculture"),
        ("改造农村户厕", "agriculture"),
        ("规模以上工业增加值", "industry"),
        ("技术合同成交额", "industry"),
        ("社会消费品零售总额", "commerce"),
        ("金融机构人民币各项贷款余额", "commerce"),
        ("房地产开发投资", "investment"),
        ("新增市场主体", "business_env"),
        ("城镇登记失业率", "livelihoods"),
        ("生产安全事故死亡人数", "risk_poverty"),
        ("农作物受灾面积", "epidemic_flood"),
        ("居民消费价格指数", "overview"),
    ],
)
def test_usual_names_fall_into_their_chapter(text, chapter):
    assert classify(text)[0] == chapter


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("单位生产总值能耗", "energy consumption per unit of GRP"),
        ("新增国家级高新技术企业", "national high-tech enterprises"),
        ("旅游业总收入", "total tourism revenue"),
        ("常住人口城镇化率", "urbanization rate of the permanent resident population"),
    ],
)
def test_names_and_their_longest_known_part_translate(name, english):
    assert translate(name) == english


# One header shape: what a row is about first, ``note`` last. A list file (one word a row) opens with
# ``list,word``; taxonomy.csv and units.csv carry no note.
HEADERS = {
    "aliases.csv": "variant,canonical,note",
    "audit_vocabulary.csv": "list,word,note",
    "divisions.csv": "list,word,level,note",
    "glossary.csv": "zh,en,note",
    "indicator_codes.csv": (
        "code,pattern,clause_requires,clause_excludes,headline,growth_basis,units,label_zh,label_en,note"
    ),
    "indicator_name_trim.csv": "list,word,note",
    "indicator_terms.csv": "list,word,note",
    "not_quantities.csv": "list,word,note",
    "rates.csv": "suffix,measure,note",
    "regions.csv": "list,word,level,note",
    "report_facts.csv": "list,word,note",
    "span_words.csv": "list,word,note",
    "self_verdict_words.csv": "list,word,note",
    "target_rules.csv": "rule,subject,value,note",
    "taxonomy.csv": "chapter,keyword,weight",
    "units.csv": "unit,scale,base,dimension",
    "words.csv": "list,word,note",
}


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_every_data_file_has_its_declared_header(path) -> None:
    header, rows = _rows(path.name)
    assert ",".join(header) == HEADERS.get(path.name), f"{path.name}: declare its header in HEADERS"
    assert header[-1] == "note" or path.name in ("taxonomy.csv", "units.csv")
    assert rows == read_rows(path.name)  # the one loader reads it as it is


def test_every_declared_file_is_there() -> None:
    assert sorted(HEADERS) == sorted(p.name for p in DATA_DIR.glob("*.csv"))


@pytest.mark.parametrize("name", [n for n, h in HEADERS.items() if h.startswith("list,word,")])
def test_a_list_file_has_a_word_on_every_row(name) -> None:
    lists = read_lists(name)
    assert lists and all(name and all(words) for name, words in lists.items())


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_every_row_has_the_fields_of_its_header(path) -> None:
    # a pattern holding a comma ({1,2}) must be quoted, or it is cut there and the rest spills into the note
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    bad = [(n + 2, row) for n, row in enumerate(rows[1:]) if row and len(row) != len(rows[0])]
    assert bad == []


@pytest.mark.parametrize(
    ("listed", "marks"), [("part_of_year", "part_of_year_mark"), ("written_in_review_year", "review_year_mark")]
)
def test_every_word_of_a_list_holds_a_mark_of_its_quick_test(listed, marks) -> None:
    # the reader looks for the marks as written before it tries the list's pattern: a word without one is never found
    from planbook.vocabulary import words

    assert [w for w in words(listed) if not any(m in w for m in words(marks))] == []
