"""marsad report in a real browser (Debian's chromium, headless, driven by Selenium), and marsad
graph's GraphML and GEXF read by networkx, on the demo warehouse."""

from __future__ import annotations

import re
import shutil

import networkx as nx
import pytest

from conftest import submit


def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if not binary or not driver:
        pytest.fail("chromium and chromedriver are not installed (.ci/run installs them with apt)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--window-size=1280,4000"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=opts)


def test_report_renders_in_chromium_without_errors(demo_warehouse, tmp_path):
    out = tmp_path / "report"
    run = submit("report", "--warehouse", str(demo_warehouse), "--out", str(out),
                 "--min-day-articles", "1", "--min-support", "1")
    assert "marsad report:" in run.stdout
    page = out / "report.html"
    html = page.read_text(encoding="utf-8")
    assert re.search(r'(src|href)\s*=\s*["\']?https?:', html) is None  # opens offline
    browser = chromium()
    try:
        browser.get(page.as_uri())
        errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        assert errors == []
        # The charts draw the series they should: coverage one per source shown, shares one per
        # member of the watch list (astana_guarantors: Iran, Russia, Turkey), daily and weekly.
        series = browser.execute_script(
            "return Array.from(document.querySelectorAll('svg.chart')).map(s => [s.id,"
            " s.querySelectorAll('g.series').length, +s.dataset.series,"
            " s.getBoundingClientRect().height])")
        charts = {cid: (n, declared, h) for cid, n, declared, h in series}
        assert set(charts) == {"coverage-chart", "share-day", "share-week"}
        assert charts["share-day"][0] == 3 and charts["share-week"][0] == 3
        assert charts["coverage-chart"][0] >= 1
        assert all(n == declared and h > 100 for n, declared, h in charts.values())
        drawn = browser.execute_script(
            "return document.querySelectorAll('#share-day g.series path,"
            " #share-day g.series circle').length")
        assert drawn >= 3
        # Names beside ids, Arabic isolated right-to-left, the demo calendar's event labelled.
        text = browser.find_element("tag name", "body").text
        assert "Iran" in text and "Russia" in text
        assert browser.execute_script("return document.querySelectorAll('bdi[dir=rtl]').length") > 0
        assert browser.execute_script(
            "return document.querySelectorAll('#share-day g.event').length") >= 1
        shot = tmp_path / "report.png"
        browser.save_screenshot(str(shot))
    finally:
        browser.quit()
    # Not blank: a screenshot of an empty page compresses to a few KB.
    from PIL import Image

    img = Image.open(shot).convert("L")
    colours = img.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50
    assert sum(n for n, v in colours if v < 200) > 0.01 * img.width * img.height


def test_graph_exports_read_by_networkx(demo_warehouse, tmp_path):
    gexf = tmp_path / "net.gexf"
    graphml = tmp_path / "net.graphml"
    args = ["graph", "--warehouse", str(demo_warehouse), "--period", "2020-04",
            "--min-support", "1", "--watchlist", "syria_actors"]
    submit(*args, "--out", str(gexf))
    submit(*args, "--format", "graphml", "--out", str(graphml))
    g = nx.read_graphml(graphml)
    x = nx.read_gexf(gexf)
    assert g.number_of_edges() >= 1
    assert set(g.nodes) == set(x.nodes)
    assert {tuple(sorted(e)) for e in g.edges} == {tuple(sorted(e)) for e in x.edges}
    # The watch list's members are nodes, with names, even where they have no edge.
    for qid in ("Q858", "Q159", "Q794", "Q43", "Q30"):
        assert qid in g.nodes and g.nodes[qid]["watched"] is True
    assert g.nodes["Q794"]["label"] == "Iran"
    for a, b, d in g.edges(data=True):
        assert d["n_ab"] >= 1 and "g2" in d and d["weight"] > 0
