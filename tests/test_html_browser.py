"""The HTML explorer in a real headless Chromium (Debian's chromium + chromedriver, via Selenium).

Opens exports/graph.html from disk and checks: the canvas is drawn with the expected node count,
no console errors, no network requests, search focuses a node, the type filter hides nodes, the
neighbourhood view works, clicking a node fills the details panel. Saves a screenshot to
test-artifacts/graph.png. .ci/run sets PAPERKG_REQUIRE_BROWSER=1 so a missing browser fails there.
"""

from __future__ import annotations

import json
import shutil
import time

import pytest

from conftest import ROOT, required
from paperkg.export.html import drawable

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def browser():
    found = _chromium()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        found = None
    if not found:
        if required("PAPERKG_REQUIRE_BROWSER"):
            pytest.fail("chromium, chromedriver and selenium are required (run .ci/setup)")
        pytest.skip("chromium/chromedriver/selenium not installed")
    opts = webdriver.ChromeOptions()
    opts.binary_location = found[0]
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        "--disable-background-networking",
        "--no-first-run",
    ]:
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(found[1]), options=opts)
    yield drv
    drv.quit()


def _wait(drv, script: str, timeout: float = 120.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = drv.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


@pytest.fixture(scope="module")
def page(browser, seed_build):
    html = seed_build.files[0].parent / "graph.html"
    browser.get_log("performance")
    browser.get(html.as_uri())
    _wait(browser, "return window.paperkg && window.paperkg.state.stable")
    return browser


def test_graph_renders_with_all_nodes(page, seed_build):
    g = seed_build.graph
    assert page.execute_script("return paperkg.network.body.nodeIndices.length") == len(drawable(g))
    drawn = page.execute_script("""
        const c = document.querySelector('#graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;""")
    assert drawn > 5000, "canvas looks empty"
    ARTIFACTS.mkdir(exist_ok=True)
    page.save_screenshot(str(ARTIFACTS / "graph.png"))
    legend = page.find_element("id", "types").text
    assert "Method" in legend and "Dataset" in legend and "Paper" in legend


def test_no_console_errors_and_no_network_requests(page):
    severe = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    urls = []
    for entry in page.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    remote = [u for u in urls if not u.startswith(("file:", "data:", "about:", "blob:"))]
    assert remote == [] and any(u.startswith("file:") for u in urls)


def test_search_focuses_a_node_by_name_or_alias(page, seed_build):
    box = page.find_element("id", "search")
    box.clear()
    box.send_keys("omniquant")
    page.find_element("id", "search-go").click()
    selected = page.execute_script("return paperkg.network.getSelectedNodes()")
    assert len(selected) == 1
    node = seed_build.graph.nodes[selected[0]]
    assert "omniquant" in (node.get("name", "") + node.get("aliases", "") + node.get("title", "")).lower()
    assert "OmniQuant" in page.find_element("id", "details").text
    assert page.execute_script("return paperkg.search('no such thing at all zzz')") is None


def test_type_filter_hides_and_shows_nodes(page, seed_build):
    g = seed_build.graph
    n_papers = sum(1 for _, d in g.nodes(data=True) if d["label"] == "Paper")
    total = page.execute_script("return paperkg.visibleCount()")
    page.find_element("css selector", 'input[data-type="Paper"]').click()
    assert page.execute_script("return paperkg.visibleCount()") == total - n_papers
    page.find_element("css selector", 'input[data-type="Paper"]').click()
    assert page.execute_script("return paperkg.visibleCount()") == total


def test_neighbourhood_view_and_node_click(page, seed_build):
    from selenium.webdriver.common.action_chains import ActionChains

    g = seed_build.graph
    paper = next(
        n for n, d in g.nodes(data=True) if d["label"] == "Paper" and d["title"].startswith("OmniQuant:")
    )
    page.execute_script("paperkg.search(arguments[0])", g.nodes[paper]["title"])
    page.find_element("id", "neighbourhood").click()
    neighbours = (set(g.successors(paper)) | set(g.predecessors(paper))) & drawable(g)
    assert page.execute_script("return paperkg.visibleCount()") == 1 + len(neighbours)
    pos = page.execute_script(
        "const p = paperkg.network.getPositions([arguments[0]])[arguments[0]];"
        "return paperkg.network.canvasToDOM(p);",
        paper,
    )
    canvas = page.find_element("css selector", "#graph canvas")
    size = canvas.size
    ActionChains(page).move_to_element_with_offset(
        canvas, pos["x"] - size["width"] / 2, pos["y"] - size["height"] / 2
    ).click().perform()
    details = page.find_element("id", "details").text
    assert "Paper" in details and "OmniQuant" in details and "github.com/OpenGVLab/OmniQuant" in details
    page.find_element("id", "show-all").click()
    assert page.execute_script("return paperkg.visibleCount()") == len(drawable(g))


def test_dataset_details_list_its_results(page, seed_build):
    g = seed_build.graph
    ds = next(
        n
        for n, d in g.nodes(data=True)
        if d["label"] in {"Dataset", "Benchmark"}
        and any(k == "ON_DATASET" for _, _, k in g.in_edges(n, keys=True))
    )
    page.execute_script("paperkg.search(arguments[0])", g.nodes[ds]["name"])
    details = page.find_element("id", "details").text
    values = [g.nodes[r]["value_text"] for r, _, k in g.in_edges(ds, keys=True) if k == "ON_DATASET"]
    assert "Results" in details and all(v in details for v in values)
