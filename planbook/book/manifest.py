"""What a rebuild may reuse: input hashes of each executed notebook (``book/<id>/.manifest.json``)
and of the sources of the HTML (``.planbook-sources`` in the published folder)."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from planbook.files import write_atomic

MANIFEST = ".manifest.json"
MANIFEST_VERSION = 1
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def sha(data: bytes | str) -> str:
    """SHA-256 hex digest of bytes (text as UTF-8)."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def file_sha(path: Path) -> str:
    """SHA-256 of a file's bytes ("" when there is no such file)."""
    return sha(path.read_bytes()) if path.is_file() else ""


def source_hash(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of the planbook package source (every .py), which notebooks import."""
    h = hashlib.sha256()
    for p in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in p.parts:
            continue
        h.update(p.relative_to(package_dir).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def shared_data_hash(vocabulary: Sequence[Path]) -> str:
    """Hash of the vocabulary files in effect (glossary, units, word lists; ``vocabulary.vocabulary_files``) that
    notebooks read, by name and bytes: the shipped ones or a user's edited copies."""
    h = hashlib.sha256()
    for p in sorted(vocabulary, key=lambda p: p.name):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def common_hash(planbook_source: str, vocabulary: Sequence[Path], requirements: Path, renderer: str) -> str:
    """The inputs every notebook shares: planbook, the vocabulary in effect, Python, pinned packages, renderer."""
    return sha(
        json.dumps(
            {
                "planbook": planbook_source,
                "shared_data": shared_data_hash(vocabulary),
                "python": sys.version,
                "requirements": file_sha(requirements),
                "renderer": renderer,
            },
            sort_keys=True,
        )
    )


def notebook_hash(common: str, template: Path, params: dict, inputs: Sequence[bytes | str]) -> str:
    """The inputs of one executed notebook: the shared ones, its template, parameters and what it reads
    (a report's bytes and rows; a region's reports' rows)."""
    return sha(
        json.dumps(
            {
                "common": common,
                "template": sha(template.read_bytes()),
                "params": params,
                "inputs": [sha(x) for x in inputs],
            },
            sort_keys=True,
        )
    )


def read_manifest(path: Path) -> dict[str, dict]:
    """Entries ({notebook name: {inputs, output}}) of a manifest; empty when missing, unreadable or old."""
    try:
        m = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if m.get("version") != MANIFEST_VERSION:
        return {}
    return m.get("notebooks", {})


def write_manifest(path: Path, entries: dict[str, dict]) -> None:
    """Write the manifest (sorted, deterministic)."""
    doc = {"version": MANIFEST_VERSION, "notebooks": dict(sorted(entries.items()))}
    write_atomic(path, json.dumps(doc, indent=1, sort_keys=True) + "\n")


def is_current(entry: dict, inputs: str, output: Path) -> bool:
    """The notebook at ``output`` was executed from ``inputs`` and has not been changed since."""
    return entry.get("inputs") == inputs and output.is_file() and entry.get("output") == file_sha(output)


def tree_hash(paths: Sequence[Path]) -> str:
    """Hash of the names and contents of files (the HTML is rebuilt when it changes)."""
    h = hashlib.sha256()
    for p in sorted({q.resolve() for q in paths}):
        h.update(str(p).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
