"""The scripts that make the book's long tables sortable, filterable and searchable, served from the book.

DataTables (with its ColumnControl extension, jQuery inside) comes from the ``itables`` package
(pinned in requirements.txt), which ships it as one ES-module bundle. jupyter-book adds every
``_static/**/*.js`` to each page as a classic script, where an ``export`` is a syntax error, so the
bundle is written wrapped in a function that publishes ``window.planbookDataTables`` instead of
exporting. ``static/planbook-tables.js`` turns each ``table.planbook-table`` of more than 15 rows
into a DataTable when the page has loaded; without JavaScript the table stays a plain HTML table.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from planbook.files import write_atomic

ASSET_DIR = "datatables"
BUNDLE_NAME = "datatables-bundle.js"
CSS_NAME = "datatables-bundle.css"
LICENSE_NAME = "LICENSE-itables.txt"
PACKAGE = "itables"
# The module's closing export (``export{Md as DateTime,Go as ITable,vh as default,Tt as jQuery,...}``).
_EXPORT = re.compile(r"export\s*\{([^{}]*)\}\s*;?")


class AssetError(RuntimeError):
    """The installed itables does not ship the bundle as expected."""


def package_files() -> Path:
    """The folder of the installed itables that holds ``dt_bundle.js`` (the package is not imported)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise AssetError(f"{PACKAGE} is not installed (pip install -r requirements.txt)")
    return Path(next(iter(spec.submodule_search_locations)))


def exported_names(module: str) -> dict[str, str]:
    """Exported name → local name of the bundle's last ``export{…}`` statement."""
    found = list(_EXPORT.finditer(module))
    if not found:
        raise AssetError(f"{PACKAGE}'s dt_bundle.js has no export statement")
    names = {}
    for item in found[-1].group(1).split(","):
        local, _, exported = item.strip().partition(" as ")
        names[(exported or local).strip()] = local.strip()
    return names


def classic_script(module: str) -> str:
    """The ES-module bundle as a classic script that sets ``window.planbookDataTables``."""
    names = exported_names(module)
    missing = [n for n in ("default", "jQuery") if n not in names]
    if missing:
        raise AssetError(f"{PACKAGE}'s dt_bundle.js does not export {', '.join(missing)}")
    last = list(_EXPORT.finditer(module))[-1]
    publish = f"window.planbookDataTables = {{DataTable: {names['default']}, jQuery: {names['jQuery']}}};"
    body = module[: last.start()] + publish + module[last.end() :]
    header = f"/* DataTables from {PACKAGE} (licences at the end and in {LICENSE_NAME}) */\n"
    return f"{header}(function () {{\n{body}\n}})();\n"


def write_table_assets(static_dir: str | Path) -> list[str]:
    """Write the DataTables script, its CSS and the licence into ``static_dir/datatables``; their paths
    relative to ``static_dir`` (files whose bytes would not change are left as they are)."""
    source = package_files()
    license_file = next(iter(sorted(source.parent.glob(f"{PACKAGE}-*.dist-info/licenses/LICENSE"))), None)
    files = {
        BUNDLE_NAME: classic_script((source / "html" / "dt_bundle.js").read_text(encoding="utf-8")),
        CSS_NAME: (source / "html" / "dt_bundle.css").read_text(encoding="utf-8"),
        LICENSE_NAME: license_file.read_text(encoding="utf-8") if license_file else "MIT (itables)\n",
    }
    for name, text in files.items():
        write_atomic(Path(static_dir) / ASSET_DIR / name, text)
    return [f"{ASSET_DIR}/{name}" for name in files]
