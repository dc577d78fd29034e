"""Offline, deterministic Altair charts for the book: a renderer and the vega scripts it relies on.

Why a renderer of our own: Altair's ``html`` renderer loads vega, vega-lite and vega-embed from a
CDN (no charts offline) and gives every chart a random ``altair-viz-<hex>`` id (nbval fails, the
executed notebooks differ on every run). The ``planbook`` renderer emits

* ``text/html``: ``<div id="vega-<hash of the spec>">`` holding the chart drawn as a static SVG
  picture (vl-convert; what plain Jupyter and nbviewer show), and a ``<script>`` that calls the
  page's global ``vegaEmbed`` to replace it with the interactive chart — no CDN; the book loads the
  scripts once per page from ``_static`` (``write_vega_assets``), and
* ``text/plain``: a one-line description (the chart title), for consoles and nbval diffs.

The Vega-Lite JSON mime type is deliberately *not* emitted: myst-nb's HTML builder ignores it
(its render priority picks ``text/html``), Altair 6's ``application/vnd.vegalite.v6.json`` is not
understood by JupyterLab's built-in vega renderer anyway, and it would double every chart's size in
the executed notebooks. Both emitted outputs are pure functions of the spec (plus a per-kernel
counter that only distinguishes repeated identical charts), so nbval compares them as they are.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbook.files import write_atomic

if TYPE_CHECKING:  # Altair is imported where it is used: the build's command line does not need it
    import altair as alt

RENDERER_NAME = "planbook"

# Where the bundle lives inside the book's _static folder. One file that defines the globals
# vega, vegaLite and vegaEmbed in dependency order (vega → vega-lite → vega-embed), so the page
# cannot load them in the wrong order — jupyter-book 1.x adds every _static/**/*.js itself, sorted
# by path, which once put vega-embed before vega when they were separate files.
ASSET_DIR = "vega"
BUNDLE_NAME = "vega-bundle.js"

# Embed options: keep the export menu (works offline), drop the actions that open other sites
# (the Vega editor) or show the spec.
EMBED_OPTIONS: dict[str, Any] = {
    "mode": "vega-lite",
    "renderer": "svg",
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}

# vl-convert's bundler imports the three libraries' *default* exports for the snippet; only
# vega-embed has one (vega and vega-lite come out as null), and vega-embed carries its own vega and
# vega-lite inside, so publishing vegaEmbed is what the charts need. Null globals are not published.
_SNIPPET = (
    "window.vegaEmbed = vegaEmbed;\nif (vega) { window.vega = vega; }\nif (vegaLite) { window.vegaLite = vegaLite; }\n"
)

_seen: Counter[str] = Counter()
# vl-convert's pictures by spec (its JSON): a kernel draws the same chart again (an empty panel, a chapter's
# chart that is also its only section's), and drawing is the costliest step of showing a chart.
_svgs: dict[str, str] = {}
SVG_CACHE = 256  # pictures kept (a report's chapters draw ~20)


def _spec_json(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _script_json(obj: Any, text: str = "") -> str:
    """JSON that is safe inside a <script> element (no ``</script>``, ``<!--`` or ``&`` entities); ``text``:
    the object's ``_spec_json`` when already made."""
    text = text or json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def chart_id(spec: dict, text: str = "") -> str:
    """Deterministic HTML id of a chart: a hash of its spec (``vega-<12 hex>``); ``text``: its ``_spec_json``
    when already made."""
    return "vega-" + hashlib.sha256((text or _spec_json(spec)).encode("utf-8")).hexdigest()[:12]


def _title(spec: dict) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title) if title else "untitled"


def render(spec: dict, **metadata: Any) -> tuple[dict[str, str], dict]:
    """Altair renderer: mimebundle with a deterministic ``<div id>`` and a ``vegaEmbed`` call, no CDN."""
    text = _spec_json(spec)
    base = chart_id(spec, text)
    _seen[base] += 1
    # A chart displayed twice in one notebook (e.g. shown and glued) needs two distinct ids; the
    # counter is per kernel and executions are sequential, so ids stay the same from run to run.
    div_id = base if _seen[base] == 1 else f"{base}-{_seen[base]}"
    options = {**EMBED_OPTIONS, **(metadata.get("embed_options") or {})}
    html = (
        f'<div id="{div_id}" class="planbook-vega">{static_svg(spec, div_id, text)}</div>\n'
        '<script type="text/javascript">\n'
        "(function (id, spec, opt) {\n"
        "  var s = document.currentScript, p = s && s.previousElementSibling;\n"
        "  var el = p && p.id === id ? p : document.getElementById(id);\n"
        "  function draw() {\n"
        "    if (!window.vegaEmbed) { return; }  // Jupyter, nbviewer: the static picture stays\n"
        "    window.vegaEmbed(el, spec, opt).catch(function (err) {\n"
        '      el.textContent = "[chart failed: " + err + "]";\n'
        "      console.error(err);\n"
        "    });\n"
        "  }\n"
        '  if (window.vegaEmbed || document.readyState === "complete") { draw(); }\n'
        '  else { window.addEventListener("load", draw); }\n'
        f"}})({json.dumps(div_id)}, {_script_json(spec, text)}, {_script_json(options)});\n"
        "</script>"
    )
    return {"text/html": html, "text/plain": f"<Chart: {_title(spec)}>"}, {}


def static_svg(spec: dict, prefix: str, text: str = "") -> str:
    """The chart drawn once as SVG (vl-convert, no browser), shown where no script draws it (plain Jupyter,
    nbviewer) and replaced by the interactive chart on the book's pages. Its ids carry ``prefix`` so two
    pictures on one page do not share a clip path; "" when vl-convert cannot draw the spec. ``text``: the
    spec's ``_spec_json`` when already made (the picture of a spec drawn before is reused)."""
    key = text or _spec_json(spec)
    svg = _svgs.get(key)
    if svg is None:
        svg = _draw(spec)
        if len(_svgs) >= SVG_CACHE:
            _svgs.clear()
        _svgs[key] = svg
    if not svg:
        return ""
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    return re.sub(r'(url\(#|href="#)([^")]+)', rf"\1{prefix}-\2", svg)


def _draw(spec: dict) -> str:
    """vl-convert's SVG of a spec, its marks' class renamed; "" when it cannot draw it."""
    # altair (~1.7 s to import) only where a chart is drawn: the build reads RENDERER_NAME and writes assets
    import altair as alt
    import vl_convert as vlc

    vl_version = "v" + "_".join(alt.VEGALITE_VERSION.split(".")[:2])
    try:
        svg = vlc.vegalite_to_svg(spec, vl_version=vl_version)
    except Exception:  # noqa: BLE001 - the interactive chart still draws; the picture is a courtesy
        return ""
    return svg.replace('class="marks"', 'class="planbook-static"', 1)


def enable() -> None:
    """Register and enable the ``planbook`` renderer (call once per kernel, e.g. in the preamble)."""
    # altair (~1.7 s to import) only where a chart is drawn: the build reads RENDERER_NAME and writes assets
    import altair as alt

    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, render)
    alt.renderers.enable(RENDERER_NAME)


class Displayable:
    """A chart that shows through the planbook renderer without re-validating its spec.

    Altair checks every spec against the Vega-Lite schema when it is displayed, which costs more
    than building the chart; the chart builders' specs are validated by the tests instead.
    """

    def __init__(self, chart: alt.TopLevelMixin) -> None:
        self.chart = chart

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict[str, str], dict]:
        return render(self.chart.to_dict(validate=False, context={"pre_transform": False}))


def displayable(chart: alt.TopLevelMixin) -> Displayable:
    """Wrap a chart for ``display``/``glue`` (see Displayable)."""
    return Displayable(chart)


def reset_ids() -> None:
    """Forget which charts were shown (ids restart as in a fresh kernel); for tests."""
    _seen.clear()


def versions() -> dict[str, str]:
    """Versions Altair expects and versions the vl-convert bundle provides."""
    # altair (~1.7 s to import) only where a chart is drawn: the build reads RENDERER_NAME and writes assets
    import altair as alt
    import vl_convert as vlc

    return {
        "altair": alt.__version__,
        "altair_vega": alt.VEGA_VERSION,
        "altair_vegalite": alt.VEGALITE_VERSION,
        "altair_vegaembed": alt.VEGAEMBED_VERSION,
        "vl_convert": getattr(vlc, "__version__", "unknown"),
        "bundle_vega": vlc.get_vega_version(),
        "bundle_vegaembed": vlc.get_vega_embed_version(),
    }


def _header(v: dict[str, str], vl_minor: str) -> str:
    return (
        f"/* planbook vega bundle v3: vega {v['bundle_vega']}, vega-lite {vl_minor}, "
        f"vega-embed {v['bundle_vegaembed']}; for altair {v['altair']} "
        f"(vega {v['altair_vega']}, vega-lite {v['altair_vegalite']}, vega-embed {v['altair_vegaembed']}); "
        f"built by vl-convert-python {v['vl_convert']} */\n"
    )


def _major(version: str) -> str:
    return version.lstrip("v").split(".")[0]


def write_vega_assets(static_dir: str | Path) -> list[str]:
    """Write vega, vega-lite and vega-embed (one vl-convert bundle, in that order) into ``static_dir``.

    Returns the written file names relative to ``static_dir``, in load order. Versions come from
    Altair (``alt.VEGA*_VERSION``); a bundle of another major version is refused. The file is only
    rewritten when the versions change, so rebuilds do not touch it.
    """
    # altair (~1.7 s to import) only where a chart is drawn: the build reads RENDERER_NAME and writes assets
    import altair as alt
    import vl_convert as vlc

    v = versions()
    vl_minor = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
    available = vlc.get_vegalite_versions()
    if vl_minor not in available:
        raise RuntimeError(
            f"vl-convert-python {v['vl_convert']} has no vega-lite {vl_minor} "
            f"(altair {v['altair']} needs {alt.VEGALITE_VERSION}; available: {', '.join(available)})"
        )
    for name, want, have in (
        ("vega", alt.VEGA_VERSION, v["bundle_vega"]),
        ("vega-embed", alt.VEGAEMBED_VERSION, v["bundle_vegaembed"]),
    ):
        if _major(want) != _major(have):
            raise RuntimeError(f"altair needs {name} {want}, vl-convert-python bundles {name} {have}")
    folder = Path(static_dir) / ASSET_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / BUNDLE_NAME
    header = _header(v, vl_minor)
    # Any other .js here would be loaded by jupyter-book too (it includes every _static/**/*.js).
    for stale in folder.glob("*.js"):
        if stale.name != BUNDLE_NAME:
            stale.unlink()
    if target.exists():
        with target.open(encoding="utf-8") as f:
            if f.readline() == header:
                return [f"{ASSET_DIR}/{BUNDLE_NAME}"]
    # Making the bundle takes vl-convert a second or more: keep one per set of versions in the
    # user's cache, so that a new book folder (a fresh clone, a benchmark) does not pay it again.
    cached = _cache_dir() / f"vega-bundle-{hashlib.sha256(header.encode()).hexdigest()[:16]}.js"
    if cached.is_file():
        content = cached.read_text(encoding="utf-8")
    else:
        bundle = vlc.javascript_bundle(_SNIPPET, vl_version=f"v{vl_minor}")
        # The bundle declares top-level consts (n, t, …); in a classic <script> they would share the
        # page's global scope with the theme's scripts, so it is wrapped in a function scope. It only
        # publishes window.vega, window.vegaLite and window.vegaEmbed.
        content = f"{header}(function () {{\n{bundle}\n}})();\n"
        write_atomic(cached, content)
    write_atomic(target, content)
    return [f"{ASSET_DIR}/{BUNDLE_NAME}"]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "planbook"
