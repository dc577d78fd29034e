"""Tests of planbook/book/publish.py: the atomic swap and the check for other hosts."""

from __future__ import annotations

from planbook.book.publish import external_references, publish


def test_publish_swaps_folders(tmp_path):
    old, new = tmp_path / "html", tmp_path / "new"
    old.mkdir()
    (old / "a").write_text("old")
    new.mkdir()
    (new / "a").write_text("new")
    publish(new, old)
    assert (old / "a").read_text() == "new" and not new.exists()
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    publish(fresh, tmp_path / "other" / "html")
    assert (tmp_path / "other" / "html").is_dir()


def test_external_references_finds_scripts_from_other_hosts(tmp_path):
    (tmp_path / "a.html").write_text(
        '<script src="https://cdn.example.org/x.js"></script><script src="_static/y.js"></script>'
        '<a href="https://example.org/">link</a>',
        encoding="utf-8",
    )
    assert external_references(tmp_path) == [("a.html", "https://cdn.example.org/x.js")]
    assert ("a.html", "https://example.org/") in external_references(tmp_path, links=True)
