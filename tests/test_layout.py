"""The house rules of the package, checked on its source: short functions and modules, named results."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "planbook"
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 500
MAX_ORCHESTRATOR_LINES = 300  # planbook/book/build.py, the build's steps in order


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _tuple_sizes(node: ast.expr | None) -> list[int]:
    """Sizes of the ``tuple[...]`` annotations in a return annotation (``X | None`` looked into)."""
    if node is None:
        return []
    if isinstance(node, ast.BinOp):
        return _tuple_sizes(node.left) + _tuple_sizes(node.right)
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) in ("tuple", "Tuple"):
        inner = node.slice
        elts = inner.elts if isinstance(inner, ast.Tuple) else [inner]
        if any(isinstance(e, ast.Constant) and e.value is Ellipsis for e in elts):
            return []  # tuple[str, ...]: a sequence, not a record
        return [len(elts)]
    return []


def test_no_module_and_no_function_is_too_long() -> None:
    long = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        limit = MAX_ORCHESTRATOR_LINES if path == PACKAGE / "book" / "build.py" else MAX_MODULE_LINES
        if len(source.splitlines()) > limit:
            long.append(f"{path.relative_to(PACKAGE)}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}: {lines} lines")
    assert long == []


def test_no_function_returns_an_unnamed_tuple_of_more_than_two_values() -> None:
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if any(n > 2 for n in _tuple_sizes(node.returns)):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    assert found == []
