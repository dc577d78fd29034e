"""The stage order is a contract: text → extract → analysis → present → book, corpus beside present, cli on top.

Every module of ``planbook/`` belongs to a stage (its subpackage; a module at the package root is a
foundation unless ``ROOT_STAGES`` places it); a module may import its own stage and the stages
below it, never one above or beside it. The imports are read with ``ast`` (those inside functions
too), so an edge hidden in a function counts as one at the top.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "planbook"

# Lowest first. Stages of one rank (present, corpus) may not import each other.
RANKS = {
    "foundation": 0,  # model, vocabulary, spans, files, numbers … : the package root, importing no stage
    "text": 1,
    "extract": 2,
    "analysis": 3,
    "present": 4,
    "corpus": 4,  # the panel of many reports: extract and analysis on an executor
    "book": 5,  # shows the panel (corpus) and the chapters (present)
    "cli": 6,
}
# Modules at the package root that are not foundations: the stage they work in.
ROOT_STAGES = {
    "evaluate": "analysis",  # scores rows against a gold table (names normalised as analysis does)
    "evaluate_targets": "analysis",  # scores target pairs against chains
    "notebook": "book",  # the chapter notebooks' preamble
    "cli": "cli",
    "__main__": "cli",
}


@dataclass(frozen=True)
class Edge:
    """One import: the importing module, its line, the module imported."""

    module: str
    line: int
    imported: str

    def __str__(self) -> str:
        stages = f"{stage_of(self.module)} → {stage_of(self.imported)}"
        return f"{self.module}:{self.line} imports {self.imported} ({stages})"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in RANKS):
        return parts[1]  # a subpackage is its stage
    return ROOT_STAGES.get(parts[1], "foundation") if len(parts) == 2 else "foundation"


def imports_of(path: Path, root: Path) -> list[Edge]:
    """Every import of a ``planbook`` module in the file, at the top or inside a function."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    edges = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            # ``from planbook import evaluate`` imports the module planbook.evaluate.
            names = [f"{base}.{a.name}" if base == root.name else base for a in node.names]
        else:
            continue
        edges += [Edge(module, node.lineno, n) for n in dict.fromkeys(names) if n.split(".")[0] == root.name]
    return edges


def upward_edges(root: Path) -> list[Edge]:
    """Imports of a stage above the importer's, or of another stage of its rank."""
    bad = []
    for path in sorted(root.rglob("*.py")):
        for edge in imports_of(path, root):
            mine, theirs = stage_of(edge.module), stage_of(edge.imported)
            if theirs != mine and RANKS[theirs] >= RANKS[mine]:
                bad.append(edge)
    return bad


def test_no_module_imports_a_stage_above_its_own() -> None:
    bad = upward_edges(PACKAGE)
    assert not bad, "imports against the stage order:\n" + "\n".join(map(str, bad))


def test_every_subpackage_is_a_stage() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages <= set(RANKS), packages - set(RANKS)


def test_a_planted_upward_edge_is_named(tmp_path: Path) -> None:
    root = tmp_path / "planbook"
    for folder in ("text", "book"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "model.py").write_text("import json\n")
    (root / "text" / "load.py").write_text("from planbook.model import json\n\n\ndef f():\n    from ..book import x\n")
    (root / "book" / "pages.py").write_text("from planbook.text.load import f\n")
    (root / "notebook.py").write_text("from planbook.book.pages import f\n")
    (root / "spans.py").write_text("from planbook import notebook\n")
    found = [str(e) for e in upward_edges(root)]
    assert found == [
        "planbook.spans:1 imports planbook.notebook (foundation → book)",
        "planbook.text.load:5 imports planbook.book (text → book)",
    ]


def lazy_imports(path: Path) -> list[str]:
    """Imports inside a function without a comment (on the line or the line above) saying why they wait."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Import | ast.ImportFrom) and not _reason_given(lines, sub):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{sub.lineno}: {lines[sub.lineno - 1].strip()}")
    return found


def _reason_given(lines: list[str], node: ast.stmt) -> bool:
    """A comment on the import's lines, or on the line above the block of imports it stands in."""
    if any("#" in line for line in lines[node.lineno - 1 : node.end_lineno]):
        return True
    above = node.lineno - 2
    while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
        above -= 1
    return above >= 0 and lines[above].strip().startswith("#")


def test_imports_are_at_the_top_unless_a_comment_says_why() -> None:
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in lazy_imports(path)]
    assert not found, "imports inside functions, no reason given:\n" + "\n".join(found)
