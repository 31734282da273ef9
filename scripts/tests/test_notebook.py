"""The notebook, executed headless (nbclient, a real kernel) against a demo warehouse: it runs
without an error and writes its figure as a PNG."""

from __future__ import annotations

import os

import nbformat
from nbclient import NotebookClient

from conftest import ROOT, submit

NOTEBOOK = ROOT / "scripts" / "notebooks" / "astana_trends.ipynb"


def test_notebook_runs_on_a_demo_warehouse(tmp_path, jar):
    wh = tmp_path / "warehouse"
    out = submit("demo", "--warehouse", str(wh))
    assert "Marsad demo" in out.stdout
    figures = tmp_path / "figures"
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
    text = "\n".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )
    # The co-occurrence table shows evidence sentences; the event windows show the demo's event.
    assert "npmi" in text and "evidence" in text
    assert "ministerial-2020-04-22" in text
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                if o.output_type == "error"]
