"""The README stays a ten-minute read (at most 2,000 words), and every page it and docs/ link to exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MAX_WORDS = 2_000
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A word: a run of Chinese characters (荆州区2020年报告 is 荆州区, 2020, 年报告), or a run of other characters
# between spaces and Chinese ones that holds a letter or digit (markdown's | and --- are no words).
_WORD = re.compile(rf"[{_CJK}]+|[^\s{_CJK}]*[0-9A-Za-z][^\s{_CJK}]*")
_LINK = re.compile(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)")  # a relative link of markdown: [text](path#anchor)


def words(text: str) -> int:
    """The words of a text, each run of Chinese characters counted as one."""
    return len(_WORD.findall(text))


def test_words_counts_chinese_runs_and_latin_words() -> None:
    assert words("荆州区2020年报告 and GDP | --- → (`make book`)") == 7


def test_the_readme_is_at_most_2000_words() -> None:
    count = words((REPO / "README.md").read_text(encoding="utf-8"))
    assert count <= MAX_WORDS, f"README.md has {count} words; move details to docs/ (at most {MAX_WORDS})"


@pytest.mark.parametrize("page", [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))], ids=lambda p: p.name)
def test_every_relative_link_names_a_file(page: Path) -> None:
    links = _LINK.findall(page.read_text(encoding="utf-8"))
    missing = [link for link in links if not (page.parent / link).exists()]
    assert not missing, f"{page.relative_to(REPO)} links to missing files: {missing}"


def test_the_readme_links_every_docs_page() -> None:
    linked = set(_LINK.findall((REPO / "README.md").read_text(encoding="utf-8")))
    assert {f"docs/{p.name}" for p in (REPO / "docs").glob("*.md")} <= linked
