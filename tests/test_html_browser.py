"""The HTML explorer in a real headless Chromium (Debian's chromium + chromedriver, via Selenium).

The three questions a researcher brings are answered on the bundled example pages and on a graph
of a fixed 10,000-abstract sample of the corpus, each in at most three user actions (type a search
and press Enter, click a match, click), and the answers read from the page are compared with the
networkx graph (``html_questions``). Also: offline (no network request), no console errors, the
overview's budget, focus/expand/depth/back/forward, edge-type filter, the search list and "not
found", and the JavaScript name normaliser against ``paperkg.names.name_key``. Screenshots go to
test-artifacts/. .ci/run sets PAPERKG_REQUIRE_BROWSER=1 so a missing browser fails there.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import time

import pytest

from conftest import ROOT, SHARED, required
from html_questions import (
    code_of,
    datasets_of,
    linked,
    methods_on,
    pick_dataset,
    pick_method,
    pick_paper,
    results_on,
)
from paperkg.leaderboard import leaderboards
from paperkg.names import name_key

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
CORPUS = SHARED / "corpora" / "paperlists_abstracts.jsonl.gz"
SAMPLE, SEED = 10_000, 12


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
        "--window-size=1500,950",
        "--disable-background-networking",
        "--no-first-run",
    ]:
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(found[1]), options=opts)
    yield drv
    drv.quit()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """A build of a fixed random 10,000-abstract sample of the corpus (seeded; --jobs 2)."""
    from paperkg.pipeline import build

    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is not here")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    picked = sorted(random.Random(SEED).sample(range(len(lines)), SAMPLE))
    tmp = tmp_path_factory.mktemp("sample")
    src = tmp / "sample.jsonl"
    src.write_text("".join(lines[i] for i in picked), encoding="utf-8")
    return build([str(src)], out=tmp / "out", formats=["html"], jobs=2)


def _wait(drv, script: str, timeout: float = 180.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = drv.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


def _open(drv, build):
    drv.get_log("performance")
    drv.get((build.files[0].parent / "graph.html").as_uri())
    _wait(drv, "return window.paperkg && window.paperkg.state.ready")
    return drv


@pytest.fixture(scope="module", params=["bundled", "sample"])
def site(request, browser):
    """(driver, graph, name) for the bundled pages' page and for the 10k-sample page."""
    build = request.getfixturevalue("seed_build" if request.param == "bundled" else "sample_build")
    return _open(browser, build), build.graph, request.param


def _search(drv, text: str) -> None:
    """User action: type into the search box and press Enter."""
    from selenium.webdriver.common.keys import Keys

    box = drv.find_element("id", "search")
    box.clear()
    box.send_keys(text + Keys.ENTER)


def _click_match(drv, node: str) -> None:
    """User action: click the node's entry in the search list (then wait for the new details)."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    old = drv.find_element("css selector", "#details > *")
    drv.find_element("css selector", f"#matches a.match[data-id={json.dumps(node)}]").click()
    WebDriverWait(drv, 60).until(expected_conditions.staleness_of(old))
    assert drv.execute_script("return paperkg.store.id(paperkg.state.selected)") == node


def _ids(drv, selector: str) -> set[str]:
    return {e.get_attribute("data-id") for e in drv.find_elements("css selector", selector)}


def test_q1_methods_evaluated_on_a_dataset_with_results_and_code(site):
    drv, g, name = site
    ds = pick_dataset(g)
    _search(drv, g.nodes[ds]["name"])
    _click_match(drv, ds)
    assert _ids(drv, "#details table.methods tbody tr") == methods_on(g, ds)
    for row in drv.find_elements("css selector", "#details table.methods tbody tr"):
        code = {a.text for a in row.find_elements("css selector", "td.code a")}
        assert code == code_of(g, row.get_attribute("data-id"))
    results = results_on(g, ds, "ON_DATASET")
    board = drv.find_elements("css selector", "#details table.leaderboard tbody tr")
    assert len(board) == len(results) > 0
    board_text = drv.find_element("css selector", "#details section.leaderboard-sec").get_attribute(
        "textContent"
    )
    assert all(
        g.nodes[r]["value_text"] in board_text and g.nodes[r]["sentence"] in board_text for r in results
    )
    ARTIFACTS.mkdir(exist_ok=True)
    drv.save_screenshot(str(ARTIFACTS / f"leaderboard-{name}.png"))


def test_q2_what_a_paper_proposes_and_its_code(site):
    drv, g, name = site
    paper = pick_paper(g)
    _search(drv, g.nodes[paper]["title"])
    _click_match(drv, paper)
    assert _ids(drv, "#details section.proposes a[data-id]") == linked(g, paper, {"PROPOSES"})
    hrefs = {a.get_attribute("href") for a in drv.find_elements("css selector", "#details section.code a")}
    assert hrefs == {"https://" + r for r in linked(g, paper, {"HAS_CODE"})}
    _wait(drv, "return !document.querySelector('#abstract.muted')")
    assert drv.find_elements("css selector", "#abstract a.hl")  # found entities highlighted
    ARTIFACTS.mkdir(exist_ok=True)
    drv.save_screenshot(str(ARTIFACTS / f"paper-{name}.png"))


def test_q3_datasets_a_method_uses(site):
    drv, g, _ = site
    method = pick_method(g)
    _search(drv, g.nodes[method]["name"])
    _click_match(drv, method)
    assert _ids(drv, "#details table.datasets tbody tr") == datasets_of(g, method)


def test_offline_and_no_console_errors(site):
    drv, _, _ = site
    severe = [e for e in drv.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    urls = []
    for entry in drv.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    assert [u for u in urls if not u.startswith(("file:", "data:", "about:", "blob:"))] == []


def test_overview_has_a_budget_per_type_and_says_what_it_left_out(site):
    drv, g, name = site
    drv.execute_script("paperkg.overview()")
    types = drv.execute_script("return paperkg.nodes.get().map((n) => n.ntype)")
    assert "Result" not in types and 0 < len(types) <= 400
    assert {"Method", "Dataset", "Task"} <= set(types)
    if name == "sample":  # large build: entity-level view, no paper boxes
        assert "Paper" not in types
    n_papers = sum(1 for _, d in g.nodes(data=True) if d["label"] == "Paper")
    holds = drv.find_element("id", "holds").text
    assert f"{n_papers:,} papers" in holds and "left out" in holds
    drv.save_screenshot(str(ARTIFACTS / f"overview-{name}.png"))


def test_search_lists_every_match_normalised_and_says_not_found(site):
    drv, g, _ = site
    target = pick_dataset(g)
    name = g.nodes[target]["name"]
    variants = {name, name.lower(), name.replace("-", " "), name.replace("-", "")}
    for text in variants:
        found = drv.execute_script("return paperkg.search(arguments[0]).map((m) => m.id)", text)
        assert target in found
    expected = {
        n
        for n, d in g.nodes(data=True)
        if d["label"] not in {"Paper", "Result"}
        and name_key(name)
        in {name_key(x) for x in [d["name"], *str(d.get("aliases") or "").split(" | ")] if x}
    }
    assert expected <= set(drv.execute_script("return paperkg.search(arguments[0]).map((m) => m.id)", name))
    _search(drv, "zzqx no such thing")
    assert "Not found" in drv.find_element("id", "matches").text


def test_js_name_normaliser_agrees_with_python(site):
    drv, g, _ = site
    names = [
        "CIFAR-10",
        "CIFAR10",
        "cifar 10",
        "ImageNet-1K",
        "ImageNet 1k",
        "Café-Net",
        "ResNet-50s",
        "GPT-4 Turbo",
        "  BERT_base ",
        "Llama/2",
        "MS-COCO",
        "corpus",
        "classes",
        "x\x1cy",
        "a.b.",
        "Studies",
        "boxes",
        "batches",
        "GANs",
        "bias",
    ]
    names += [d.get("name", "") for _, d in list(g.nodes(data=True))[:300]]
    assert drv.execute_script("return arguments[0].map(paperkgStore.nameKey)", names) == [
        name_key(n) for n in names
    ]


def test_focus_expand_depth_back_forward_and_edge_filter(site):
    from selenium.webdriver.common.action_chains import ActionChains

    drv, g, _ = site
    drv.execute_script("paperkg.overview()")
    node = drv.execute_script("return paperkg.nodes.get().sort((a, b) => b.value - a.value)[0].id")
    pos = drv.execute_script(
        "return paperkg.network.canvasToDOM(paperkg.network.getPositions([arguments[0]])[arguments[0]])", node
    )
    canvas = drv.find_element("css selector", "#graph canvas")
    ActionChains(drv).move_to_element_with_offset(
        canvas, pos["x"] - canvas.size["width"] / 2, pos["y"] - canvas.size["height"] / 2
    ).click().perform()
    view = drv.execute_script("return paperkg.state.view")
    assert view["kind"] == "focus" and view["centre"] == node
    node_id = drv.execute_script("return paperkg.store.id(arguments[0])", node)
    shown = set(drv.execute_script("return paperkg.nodes.getIds().map((i) => paperkg.store.id(i))"))
    neighbours = {
        n
        for n in set(g.successors(node_id)) | set(g.predecessors(node_id))
        if g.nodes[n]["label"] != "Result"
    }
    assert shown - {node_id} <= neighbours and len(shown) - 1 == min(len(neighbours), 40)
    one = len(shown)
    drv.find_element("css selector", "#depth option[value='2'], #depth option:nth-child(2)").click()
    assert drv.execute_script("return paperkg.nodes.length") > one
    drv.find_element("id", "back").click()
    assert drv.execute_script("return paperkg.nodes.length") == one
    drv.find_element("id", "forward").click()
    assert drv.execute_script("return paperkg.state.view.depth") == 2
    leaf = drv.execute_script("return paperkg.nodes.getIds().find((i) => i !== arguments[0])", node)
    before = drv.execute_script("return paperkg.nodes.length")
    drv.execute_script("paperkg.select(arguments[0])", leaf)
    drv.find_element("id", "expand").click()
    assert drv.execute_script("return paperkg.state.view.extra") == [leaf]
    assert drv.execute_script("return paperkg.nodes.length") >= before
    rel = drv.execute_script("return paperkg.edges.get()[0].rel")
    drv.find_element("css selector", f"#rels input[data-rel={json.dumps(rel)}]").click()
    assert (
        drv.execute_script(
            "return paperkg.edges.get().filter((e) => e.rel === arguments[0] && !e.hidden).length", rel
        )
        == 0
    )
    drv.find_element("css selector", f"#rels input[data-rel={json.dumps(rel)}]").click()
    assert (
        drv.execute_script(
            "return paperkg.edges.get().filter((e) => e.rel === arguments[0] && e.hidden).length", rel
        )
        == 0
    )


def test_leaderboard_sorts_by_value_when_its_header_is_clicked(site):
    drv, g, _ = site
    ds = pick_dataset(g)
    _search(drv, g.nodes[ds]["name"])
    _click_match(drv, ds)
    number = {g.nodes[r]["value_text"]: float(g.nodes[r]["value"]) for r in results_on(g, ds, "ON_DATASET")}
    tables = drv.find_elements("css selector", "#details table.leaderboard")
    table = max(tables, key=lambda t: len(t.find_elements("css selector", "tbody tr")))
    header = table.find_elements("css selector", "thead th")[1]
    assert header.text.startswith("value")

    def values() -> list[float]:
        cells = table.find_elements("css selector", "tbody tr td:nth-child(2)")
        return [number[max((k for k in number if c.text.startswith(k)), key=len)] for c in cells]

    header.click()
    assert values() == sorted(values())
    header.click()
    assert values() == sorted(values(), reverse=True)


def test_dataset_panel_shows_the_leaderboards_paperkg_builds(site):
    """The panel's boards are :func:`paperkg.leaderboard.leaderboards`: the same metrics in the same order,
    levels best first in the CLI's order, gains and reductions apart with what they are compared to."""
    drv, g, _ = site
    ds = pick_dataset(g)
    _search(drv, g.nodes[ds]["name"])
    _click_match(drv, ds)
    boards = leaderboards(g, g.nodes[ds]["name"])
    heads = drv.find_elements("css selector", "#details section.leaderboard-sec h4.metric")
    assert len(heads) == len(boards)
    assert all(
        h.text.startswith(b.metric or "(metric not stated)") for h, b in zip(heads, boards, strict=True)
    )
    shown_levels = [
        c.text for c in drv.find_elements("css selector", "#details table.levels tbody tr td:nth-child(2)")
    ]
    assert shown_levels == [r.value_text for b in boards for r in b.levels]
    change_rows = drv.find_elements("css selector", "#details table.changes tbody tr")
    expected = [(r.value_text, r.kind, r.compared_to) for b in boards for r in b.changes]
    shown = [tuple(td.text for td in row.find_elements("css selector", "td")[1:4]) for row in change_rows]
    assert shown == expected
