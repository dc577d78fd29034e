"""Tests of planbook/present/vega.py: a deterministic, CDN-free Altair renderer and the bundled vega scripts."""

from __future__ import annotations

import re
import shutil
import subprocess

import altair as alt
import pandas as pd
import pytest

from planbook.present import vega


@pytest.fixture
def chart():
    df = pd.DataFrame({"x": [1.0, -2.5], "label": ["甲</script><script>alert(1)</script>", "乙"]})
    return alt.Chart(df).mark_bar().encode(x="x:Q", y="label:N").properties(title="两个数")


@pytest.fixture(autouse=True)
def _renderer():
    before = alt.renderers.active
    vega.enable()
    vega.reset_ids()
    yield
    alt.renderers.enable(before)


def _bundle(chart):
    data = chart._repr_mimebundle_()
    return data[0] if isinstance(data, tuple) else data


def test_enable_makes_planbook_the_active_renderer():
    assert alt.renderers.active == vega.RENDERER_NAME


def test_output_is_html_and_text_without_vegalite_json(chart):
    bundle = _bundle(chart)
    assert set(bundle) == {"text/html", "text/plain"}
    assert bundle["text/plain"] == "<Chart: 两个数>"


def test_div_id_is_a_hash_of_the_spec_and_stable(chart):
    html = _bundle(chart)["text/html"]
    vega.reset_ids()
    assert _bundle(chart)["text/html"] == html
    assert f'<div id="{vega.chart_id(chart.to_dict())}"' in html
    assert "altair-viz" not in html


def test_same_chart_twice_gets_two_ids(chart):
    first, second = _bundle(chart)["text/html"], _bundle(chart)["text/html"]
    ids = [re.search(r'<div id="([^"]+)"', h).group(1) for h in (first, second)]
    assert ids[1] == ids[0] + "-2"


def test_no_cdn_and_no_script_breakout(chart):
    html = _bundle(chart)["text/html"]
    assert "src=" not in html and "cdn" not in html.lower() and "require" not in html
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert "\\u003c/script\\u003e" in html
    assert "vegaEmbed(el, spec, opt)" in html


def test_embed_options_drop_actions_that_leave_the_page(chart):
    html = _bundle(chart)["text/html"]
    assert '"editor":false' in html and '"export":true' in html


def test_write_vega_assets_writes_one_bundle_with_altair_versions(tmp_path):
    names = vega.write_vega_assets(tmp_path)
    assert names == ["vega/vega-bundle.js"]
    path = tmp_path / names[0]
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert f"vega-lite {alt.VEGALITE_VERSION}" in header and f"altair {alt.__version__}" in header
    mtime = path.stat().st_mtime_ns
    (tmp_path / "vega" / "old-vega.js").write_text("stale")
    assert vega.write_vega_assets(tmp_path) == names
    assert path.stat().st_mtime_ns == mtime  # not rewritten when versions are unchanged
    assert sorted(p.name for p in (tmp_path / "vega").iterdir()) == ["vega-bundle.js"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_bundle_defines_vega_embed(tmp_path):
    vega.write_vega_assets(tmp_path)
    script = (
        "globalThis.window = globalThis; globalThis.self = globalThis;"
        f"require({str(tmp_path / 'vega' / 'vega-bundle.js')!r});"
        "console.log(typeof window.vegaEmbed);"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "function", out.stderr


def test_a_spec_drawn_again_reuses_its_picture_with_its_own_ids(chart, monkeypatch):
    spec = chart.to_dict()
    vega._svgs.clear()
    fresh = vega.static_svg(spec, "p1")
    drawn = []
    monkeypatch.setattr(vega, "_draw", lambda s: drawn.append(s) or "")
    again = vega.static_svg(spec, "p2")
    assert not drawn  # the picture came from the kernel's cache, not from vl-convert again
    assert fresh and again == fresh.replace('id="p1-', 'id="p2-').replace("#p1-", "#p2-")
    assert vega.static_svg({**spec, "title": "另一个"}, "p3") == "" and len(drawn) == 1  # another spec is drawn
