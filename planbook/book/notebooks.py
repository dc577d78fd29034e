"""Chapter notebooks: templates in book order, run with papermill, normalised to be deterministic."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from planbook.book.kernels import KERNEL_ARGS, KernelPool, kernel_name
from planbook.errors import BuildError

# Chapter notebooks in reading order: the topics, then next year's plan, then the audit; a region's
# chapters (notebooks/region/): its targets against outcomes, then its series.
BOOK_ORDER = ("overview", "agriculture", "industry", "environment", "livelihoods", "plan", "audit", "targets", "series")
# Papermill metadata that changes from run to run although the inputs did not.
TIMING_KEYS = ("start_time", "end_time", "duration")


@dataclass(frozen=True)
class NotebookTask:
    """One chapter of one report to execute: template, output, parameters and the hash of its inputs."""

    report_id: str
    template: Path
    output: Path
    params: dict
    inputs_hash: str


def chapter_key(template: Path) -> tuple[int, str]:
    """Order of chapters: BOOK_ORDER (by stem, optional NN- prefix ignored), other templates after, by name."""
    stem = re.sub(r"^\d+[-_]", "", template.stem)
    return (BOOK_ORDER.index(stem) if stem in BOOK_ORDER else len(BOOK_ORDER), template.stem)


def find_templates(templates_dir: Path) -> list[Path]:
    """Chapter notebook templates, in book order."""
    return sorted((p for p in templates_dir.glob("*.ipynb") if not p.name.startswith((".", "_"))), key=chapter_key)


def declared_parameters(template: Path) -> frozenset[str]:
    """Names the template's parameters cell assigns (``region_dir = ""``)."""
    nb = json.loads(template.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell.get("source", []))
            return frozenset(re.findall(r"^([A-Za-z_]\w*)\s*=", source, flags=re.MULTILINE))
    return frozenset()


def relative(path: Path, root: Path) -> str:
    """Posix path relative to root when inside it (stable across machines), else absolute."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def relative_from(path: Path, folder: Path) -> str:
    """Posix path of ``path`` relative to ``folder`` (``../../seeds/x.txt``)."""
    return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


def normalize_notebook(nb, input_rel: str, output_rel: str) -> None:
    """Remove what differs between two runs of the same inputs: timings, staging paths, random ids."""
    pm = nb.metadata.get("papermill")
    if pm is not None:
        for k in (*TIMING_KEYS, "exception"):
            pm.pop(k, None)
        pm["input_path"] = input_rel
        pm["output_path"] = output_rel
    seen: set[str] = set()
    for i, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {})
        meta.pop("execution", None)  # nbclient's iopub timestamps
        cpm = meta.get("papermill")
        if cpm is not None:
            for k in TIMING_KEYS:
                cpm.pop(k, None)
        tags = meta.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        if ("parameters" in tags or "injected-parameters" in tags) and "remove-cell" not in tags:
            meta["tags"] = [*tags, "remove-cell"]  # parameters are plumbing, not part of the page
        cid = cell.get("id")
        if not cid or cid in seen:
            cid = f"cell-{i}"
            cell["id"] = cid
        seen.add(cid)


def execute_notebook(task: NotebookTask, root: Path, pool: KernelPool | None = None) -> str:
    """Run one template with papermill; return the normalised notebook JSON (nothing written).

    With a ``pool`` the notebook runs in the worker's warm kernel, else in a kernel of its own.
    """
    task.output.parent.mkdir(parents=True, exist_ok=True)
    return run_template(
        task.template,
        task.output.parent,
        task.params,
        kernel_name(task.template),
        task.report_id,
        relative(task.template, root),
        relative(task.output, root),
        pool,
    )


def run_template(
    template: Path,
    cwd: Path,
    params: dict,
    name: str,
    unit: str,
    template_rel: str,
    output_rel: str,
    pool: KernelPool | None = None,
) -> str:
    """Execute ``template`` in ``cwd`` (kernel ``name``, warm from ``pool`` when given) and return its
    JSON normalised with the paths the book records (``template_rel``, ``output_rel``)."""
    # papermill and nbformat (~1.2 s) only when a notebook runs: a rebuild reusing every notebook runs none
    import nbformat
    import papermill as pm

    warm = {"km": pool.get(name, cwd)} if pool is not None else {}
    try:
        nb = pm.execute_notebook(
            str(template),
            None,
            parameters=params,
            # papermill changes this process's working directory for a kernel it starts itself (not
            # safe with several threads); a pooled kernel has already moved to the folder itself.
            cwd=None if warm else str(cwd),
            kernel_name=name,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            extra_arguments=KERNEL_ARGS,
            **warm,
        )
    except pm.PapermillExecutionError as exc:
        raise BuildError(
            f"{Path(template_rel).name} failed for {unit} in cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
        ) from None
    normalize_notebook(nb, template_rel, output_rel)
    return nbformat.writes(nb) + "\n"
