"""What the build executes: units of the book whose chapters are notebooks — a report's chapters, or
the chapters of a region's reports together — each with its templates, parameters and inputs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from planbook.analysis.compare_data import TEMPLATES as COMPARE_TEMPLATES
from planbook.analysis.compare_data import ComparePart, compare_part
from planbook.analysis.region_data import RegionMember, RegionPart, region_parts
from planbook.book.notebooks import declared_parameters, find_templates, relative_from
from planbook.book.site import Folders, LoadedReport
from planbook.model import rows_frame

REGION_TEMPLATES = "region"  # notebooks/region/*.ipynb: the chapters of a region's part


@dataclass(frozen=True)
class Unit:
    """A folder of book/ (and data/) whose chapters are executed notebooks."""

    id: str
    templates: tuple[Path, ...]
    params: dict[str, object]  # papermill parameters, paths relative to the unit's folder
    inputs: tuple[bytes | str, ...]  # what its notebooks read: the report's bytes and rows, or its members'
    # Parameters given only to the templates that declare them (a report's region_dir: the overview's
    # summary judges last year's targets), and what those templates read besides.
    optional: dict[str, object] = field(default_factory=dict)
    optional_inputs: tuple[bytes | str, ...] = ()

    @property
    def names(self) -> set[str]:
        return {f"{t.stem}.ipynb" for t in self.templates}

    def run_of(self, template: Path) -> tuple[dict[str, object], tuple[bytes | str, ...]]:
        """The template's parameters and inputs: the unit's, with the optional ones it declares."""
        wanted = {k: v for k, v in self.optional.items() if k in declared_parameters(template)}
        return ({**self.params, **wanted}, (*self.inputs, *self.optional_inputs) if wanted else self.inputs)


def report_units(
    loaded: Sequence[LoadedReport], templates: Sequence[Path], folders: Folders, parts: Sequence[RegionPart] = ()
) -> list[Unit]:
    """A unit per report: its chapter templates, with the report file and its data folder as parameters;
    a report of a region offers its region's data folder (``region_dir``) to the templates that declare it."""
    rows_of = {item.report.id: item.rows_csv for item in loaded}
    region_of = {rid: part for part in parts for rid in part.report_ids}
    units = []
    for item in loaded:
        out_dir = folders.book / item.report.id
        params = {
            "report_path": relative_from(Path(item.report.path), out_dir),
            "report_id": item.report.id,
            "data_dir": relative_from(folders.data / item.report.id, out_dir),
        }
        inputs = (Path(item.report.path).read_bytes(), item.rows_csv)
        part = region_of.get(item.report.id)
        optional: dict[str, object] = {"region_dir": ""}
        optional_inputs: tuple[bytes | str, ...] = ()
        if part is not None:
            optional = {"region_dir": relative_from(folders.data / part.id, out_dir)}
            optional_inputs = (part.name, *(rows_of[i] for i in part.report_ids))
        units.append(Unit(item.report.id, tuple(templates), params, inputs, optional, optional_inputs))
    return units


def regions_of(loaded: Sequence[LoadedReport], templates_dir: Path) -> list[RegionPart]:
    """The regions with at least two of the reports (each such region is a part of the book, with a
    chapter per template in ``templates_dir/region/``)."""
    chapters = tuple(t.stem for t in find_templates(templates_dir / REGION_TEMPLATES))
    parts = region_parts([RegionMember(item.report, rows_frame(item.rows)) for item in loaded])
    return [replace(p, chapters=chapters) for p in parts]


def region_units(parts: Sequence[RegionPart], loaded: Sequence[LoadedReport], folders: Folders) -> list[Unit]:
    """A unit per region part: the region templates, reading the data the build writes for the region."""
    templates = tuple(find_templates(folders.templates / REGION_TEMPLATES))
    if not templates:
        return []
    rows_of = {item.report.id: item.rows_csv for item in loaded}
    units = []
    for part in parts:
        params = {"region_dir": relative_from(folders.data / part.id, folders.book / part.id), "report_paths": []}
        inputs = tuple(rows_of[i] for i in part.report_ids)
        units.append(Unit(part.id, templates, params, (part.name, *inputs)))
    return units


def compare_of(loaded: Sequence[LoadedReport], parts: Sequence[RegionPart], templates_dir: Path) -> ComparePart | None:
    """The part 地区比较 Regions compared when the reports cover more than one region (its chapters are the
    templates in ``templates_dir/compare/``), else None."""
    chapters = tuple(t.stem for t in find_templates(templates_dir / COMPARE_TEMPLATES))
    taken = {item.report.id for item in loaded} | {p.id for p in parts}
    reports = [item.report for item in loaded]
    return compare_part(reports, [rows_frame(item.rows) for item in loaded], chapters, taken)


def compare_units(part: ComparePart | None, folders: Folders) -> list[Unit]:
    """The unit of the part (none without it): its templates, reading the data the build writes for it."""
    if part is None:
        return []
    templates = tuple(find_templates(folders.templates / COMPARE_TEMPLATES))
    params = {"compare_dir": relative_from(folders.data / part.id, folders.book / part.id), "report_paths": []}
    return [Unit(part.id, templates, params, part.inputs)]
