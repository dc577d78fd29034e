"""Shared pieces of the panel tests: a small corpus copied into a tmp folder, and tables read back in order."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from types import ModuleType

import duckdb

from planbook.corpus.schema import TABLES

ROOT = Path(__file__).resolve().parents[2]
HEBEI = ROOT / "tests" / "fixtures" / "hebei-province"
OTHERS = (
    ROOT / "tests" / "fixtures" / "baoding-city-2022-government-work-report.txt",
    ROOT / "seeds" / "jingzhou-district-2020.txt",
)


def copy_corpus(folder: Path, hebei_years: tuple[int, ...] | None = None, others: bool = True) -> Path:
    """The fixture reports (河北省 years as chosen, and the two seeds of other regions) copied into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted(HEBEI.glob("*.txt")):
        if hebei_years is None or int(p.stem.rsplit("-", 1)[1]) in hebei_years:
            shutil.copy(p, folder / p.name)
    if others:
        for p in OTHERS:
            shutil.copy(p, folder / p.name)
    return folder


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, in the table's declared order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t.name: con.execute(t.select_sql()).fetchall() for t in TABLES}
    finally:
        con.close()


def pid_after(item: tuple[int, float]) -> tuple[int, int]:
    """Sleep ``item[1]`` seconds, then return ``item[0]`` and the process id (where the task ran)."""
    time.sleep(item[1])
    return item[0], os.getpid()


def count_calls(monkeypatch, module: ModuleType, name: str) -> list[str]:
    """The file names ``module.name`` is called with during a test (the function still runs), in order."""
    seen: list[str] = []
    original = getattr(module, name)

    def counting(path, *args, **kwargs):
        seen.append(Path(path).name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return seen
