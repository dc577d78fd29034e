"""The book's search in Chinese (planbook.book.search): what is indexed and how a query is cut."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from planbook.book.search import JS_SPLITTER, SearchChinesePairs, han_pairs


def test_every_pair_of_chinese_characters_is_indexed():
    assert han_pairs("城镇新增就业5万人") == ["城镇", "镇新", "新增", "增就", "就业", "万人"]
    assert han_pairs("GDP增长") == ["增长"]
    assert han_pairs("一") == []


def test_the_index_holds_jiebas_words_pairs_and_latin_words():
    lang = SearchChinesePairs({})
    words = lang.split("全区地区生产总值增长5%，GDP growth")
    assert "生产总值" in words  # jieba's word, as Sphinx's own Chinese search indexes it
    assert {"地区", "区生", "生产", "产总", "总值"} <= set(words)  # the pairs: found whichever way jieba cut
    assert {"GDP", "growth"} <= set(words)


def _split_in_node(query: str) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = JS_SPLITTER + f"\nconsole.log(JSON.stringify(splitQuery({json.dumps(query)})));"
    return json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout)


def test_the_search_page_cuts_a_query_into_the_indexed_pairs():
    query = "城镇新增就业 GDP 地区生产总值"
    terms = _split_in_node(query)
    assert terms == ["城镇", "镇新", "新增", "增就", "就业", "GDP", "地区", "区生", "生产", "产总", "总值"]
    assert set(han_pairs(query)) <= set(terms)
    assert _split_in_node("一") == ["一"]
    assert _split_in_node("2020年GDP") == ["2020", "年", "GDP"]


def test_latin_words_stem_as_sphinx_stems_them_without_a_growing_list():
    from sphinx.search.zh import SearchChinese

    ours, sphinx = SearchChinesePairs({}), SearchChinese({})
    text = "GDP growth of the economy, CPI rose; PPIs and ratios 城镇 ies"
    before = len(SearchChinese.latin_terms)
    ours.split(text)
    # Sphinx's own list (shared by every page, searched for each word) grows no more: ``stem`` stays quick.
    assert len(SearchChinese.latin_terms) == before
    sphinx.split(text)
    for word in ["GDP", "growth", "economy", "ies", "ratios", "PPIs", "CPI", "rose", "城镇", "unseen"]:
        assert ours.stem(word) == sphinx.stem(word), word
