"""The notebook, executed headless (nbclient, a real kernel) against a demo warehouse: it runs
without an error and writes its figure as a PNG."""

from __future__ import annotations

import os

import nbformat
from nbclient import NotebookClient

from conftest import ROOT, shared, submit

NOTEBOOK = ROOT / "scripts" / "notebooks" / "astana_trends.ipynb"


def run_notebook(wh, figures):
    """Executes the notebook against a warehouse; returns it with its outputs."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    os.environ.update(MARSAD_WAREHOUSE=str(wh), MARSAD_FIGURES=str(figures))
    try:
        NotebookClient(
            nb, timeout=600, kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        ).execute()
    finally:
        os.environ.pop("MARSAD_WAREHOUSE")
        os.environ.pop("MARSAD_FIGURES")
    png = figures / "astana_trends.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                if o.output_type == "error"]
    return nb


def outputs(nb) -> str:
    return "\n".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )


def test_notebook_runs_on_a_demo_warehouse(tmp_path, demo_warehouse):
    nb = run_notebook(demo_warehouse, tmp_path / "figures")
    text = outputs(nb)
    # The co-occurrence table shows evidence sentences; the event windows show the demo's event.
    assert "npmi" in text and "evidence" in text
    assert "ministerial-2020-04-22" in text
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                if o.output_type == "error"]


def test_notebook_runs_on_real_news(tmp_path, jar):
    """Three days of SaudiNewsNet through the pipeline: the notebook's span, names and pairs
    hold on real data, not only on the samples."""
    dump = shared("saudinewsnet")
    wh = tmp_path / "warehouse"
    submit("pipeline", "--input", str(dump / "2015-07-2[123].json.gz"), "--source", "saudinewsnet",
           "--warehouse", str(wh), timeout=1200)
    nb = run_notebook(wh, tmp_path / "figures")
    text = outputs(nb)
    assert "dense span 2015-07-21 to 2015-07-23" in text
    # Names beside ids in the pairs table, ranked by G² with enough stories (the Yemen war and
    # Syria led those days: Aden, the Houthis, Iraq, Syria).
    assert "top pairs by g2" in text and "Syria" in text and "Q858" in text
