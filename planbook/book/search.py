"""Sphinx extension (listed in ``_config.yml``): the book's search index in Chinese.

Sphinx's own Chinese search (``html_search_language: zh``) cuts the text into words with jieba
(pinned in requirements.txt; its dictionary ships in the package, nothing is fetched). A word list
alone misses pages: jieba cuts 地区生产总值 on one page as 地区/生产总值 and 国内生产总值 on another
as one word, and a query the browser cannot cut (城镇新增就业) matches no word at all. So besides
jieba's words, every run of Chinese characters is also indexed as its overlapping pairs of
characters (生产, 产总, 总值), and the search page cuts a query's Chinese runs into the same pairs:
every page that holds the query holds all its pairs, so none is missed. Latin words are indexed and
searched as Sphinx does for every language (GDP, CPI).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import jieba
from sphinx.search.zh import SearchChinese

# CJK unified ideographs (with extension A and the compatibility block): the characters cut in pairs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{HAN}]+")
_HAN_ONLY = re.compile(f"[{HAN}]+")
SHORT_TEXT = 200  # characters: longer texts (a report's text, a table) are each on one page only

# The search page's splitQuery (Sphinx calls it for every query): Chinese runs become their pairs of
# characters (a lone character stays as it is), other words are split as Sphinx splits them.
JS_SPLITTER = r"""
function splitQuery(query) {
  const terms = [];
  const han = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+/gu;
  query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).forEach((word) => {
    let last = 0;
    for (const run of word.matchAll(han)) {
      if (run.index > last) terms.push(word.slice(last, run.index));
      const text = run[0];
      if (text.length < 2) terms.push(text);
      for (let i = 0; i + 2 <= text.length; i++) terms.push(text.slice(i, i + 2));
      last = run.index + text.length;
    }
    if (last < word.length) terms.push(word.slice(last));
  });
  return terms.filter((term) => term);
}
"""


def han_pairs(text: str) -> list[str]:
    """Overlapping pairs of characters of every run of Chinese characters (城镇新增 → 城镇, 镇新, 新增)."""
    return [run[i : i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)]


class SearchChinesePairs(SearchChinese):
    """Sphinx's Chinese search (jieba's words, Latin words stemmed) with every pair of Chinese characters."""

    js_splitter_code = JS_SPLITTER

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        logging.getLogger("jieba").setLevel(logging.WARNING)  # no "Building prefix dict" lines in the build
        # Sphinx keeps every Latin word of every page in a list (a class attribute) and ``stem`` looks
        # each word up in it: a book of 250 pages spent minutes there. A set gives the same answers.
        self.latin_words: set[str] = set()
        # Short texts come back page after page (the chapters' prose, table headings, units): each is cut once.
        self._words_of: dict[str, list[str]] = {}
        # The English stemmer (pure Python) is asked for the same words page after page; Sphinx remembers
        # its answers for one page only.
        self._stems: dict[str, str] = {}

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx's signature
        """jieba's words, the Latin words (remembered for ``stem``), then the pairs of Chinese characters."""
        known = self._words_of.get(input)
        if known is not None:
            return list(known)
        chinese = list(jieba.cut_for_search(input))
        latin = [term.strip() for term in self.latin1_letters.findall(input)]
        self.latin_words.update(latin)
        words = chinese + latin + han_pairs(input)
        if len(input) <= SHORT_TEXT:
            self._words_of[input] = words
        return list(words)

    def stem(self, word: str) -> str:
        """Sphinx's Chinese ``stem``: a Latin word of a page that stemming would cut below 3 letters stays whole."""
        if _HAN_ONLY.fullmatch(word):
            return word  # the English stemmer changes only Latin letters and apostrophes: most words here
        lower = word.lower()
        stemmed = self._stems.get(lower)
        if stemmed is None:
            stemmed = self._stems[lower] = self.stemmer.stemWord(lower)
        if word in self.latin_words and len(word) >= 3 and len(stemmed) < 3:
            return word.lower()
        return stemmed


# Extensions jupyter-book loads that do not say whether Sphinx may read and write pages in several
# processes, so Sphinx works in one: they keep nothing in the build environment (the numbering of
# sections across parts is assigned once, after reading; the LaTeX one only acts for LaTeX).
PARALLEL_SAFE = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")


def _parallel_safe(app: Any, config: Any) -> None:
    for name in PARALLEL_SAFE:
        ext = app.extensions.get(name)
        if ext is not None and ext.parallel_read_safe is None:
            ext.parallel_read_safe = ext.parallel_write_safe = True


def setup(app: Any) -> dict[str, Any]:
    """Register the language as ``zh`` (``html_search_language: zh`` in the configuration)."""
    app.add_search_language(SearchChinesePairs)
    app.connect("config-inited", _parallel_safe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
