#!/usr/bin/env python3
"""The HTML explorer in headless Chromium: page size, open-to-usable time, panning frame rate.

    python benchmarks/html_explorer.py ../shared/corpora/paperlists_abstracts.jsonl.gz --jobs 2
    python benchmarks/html_explorer.py exports/graph.json          # a graph already built

Renders the explorer for the bundled example pages and for INPUT (a corpus to build, or a built
graph.json), opens each page from disk in Debian's chromium (Selenium + chromedriver, software
rendering) and reports: render seconds (Python), page MB, seconds from navigation to the first drawn
overview (the page's own clock, ``performance.now()`` at the first draw), frames per second while
the overview is panned for 3 s, by the page itself (``paperkg.panFps``, every edge drawn) and by
mouse events (Chrome DevTools Protocol; views with over 600 edges hide them while dragging), the time to list the matches of a search and
to focus on a node. Writes benchmarks/results/html_explorer.md, with the machine's load average
(other processes share the cores; say so when quoting the numbers).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from paperkg.export.html import write_html
from paperkg.export.nodelink import read_node_link
from paperkg.pipeline import build

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _driver() -> webdriver.Chrome:
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "chromium"
    for a in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1500,950",
    ]:
        opts.add_argument(a)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


def drag_fps(driver: webdriver.Chrome, seconds: float = 3.0) -> float:
    """Frames the page draws per second while the mouse drags the view (real input events via CDP)."""
    x, y = driver.execute_script(
        "const r = document.querySelector('#graph canvas').getBoundingClientRect();"
        "for (let k = 0; k < 400; k++) { const x = r.width * (0.2 + 0.6 * ((k * 37) % 100) / 100),"
        "  y = r.height * (0.2 + 0.6 * ((k * 61) % 100) / 100);"
        "  if (paperkg.network.getNodeAt({x, y}) === undefined && paperkg.network.getEdgeAt({x, y}) === undefined)"
        "    return [r.left + x, r.top + y]; }"
        "return [r.left + 5, r.top + 5];"
    )
    mouse = "Input.dispatchMouseEvent"
    f0 = driver.execute_script("return paperkg.state.frames")
    driver.execute_cdp_cmd(mouse, {"type": "mousePressed", "x": x, "y": y, "button": "left", "clickCount": 1})
    t, k = time.perf_counter(), 0
    while time.perf_counter() - t < seconds:
        k += 1
        dx, dy = 120 * math.sin(k / 12), 60 * math.cos(k / 12)
        driver.execute_cdp_cmd(
            mouse, {"type": "mouseMoved", "x": x + dx, "y": y + dy, "button": "left", "buttons": 1}
        )
    elapsed = time.perf_counter() - t
    driver.execute_cdp_cmd(
        mouse, {"type": "mouseReleased", "x": x, "y": y, "button": "left", "clickCount": 1}
    )
    return (driver.execute_script("return paperkg.state.frames") - f0) / elapsed


def measure(driver: webdriver.Chrome, page: Path, query: str) -> dict[str, float]:
    """Open the page and time what a user waits for."""
    t = time.perf_counter()
    driver.get(page.as_uri())
    while not driver.execute_script("return !!(window.paperkg && paperkg.state.ready)"):
        if time.perf_counter() - t > 600:
            raise SystemExit(f"{page} was not usable in 600 s")
        time.sleep(0.05)
    wall = time.perf_counter() - t
    usable = driver.execute_script("return paperkg.state.usableMs") / 1000
    fps = driver.execute_script("return paperkg.panFps(3000)")
    drag = drag_fps(driver)
    search_ms = driver.execute_script(
        "const t = performance.now(); paperkg.search(arguments[0]); return performance.now() - t", query
    )
    focus_ms = driver.execute_script(
        "const n = paperkg.nodes.get().sort((a, b) => b.value - a.value)[0].id;"
        "const t = performance.now(); paperkg.focus(n); return performance.now() - t"
    )
    return {
        "usable": usable,
        "wall": wall,
        "fps": fps,
        "drag": drag,
        "search_ms": search_ms,
        "focus_ms": focus_ms,
    }


def _graph(source: str, jobs: int) -> nx.MultiDiGraph:
    if source.endswith(".json"):
        return read_node_link(source)
    return build([source], out=None, jobs=jobs).graph


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="a corpus file to build, or a built graph.json")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--query", default="imagenet", help="search text timed on each page")
    args = ap.parse_args()
    load = os.getloadavg()
    graphs = [
        ("bundled example pages", build([str(ROOT / "examples" / "hf_daily")], out=None).graph),
        (Path(args.input).name, _graph(args.input, args.jobs)),
    ]
    driver = _driver()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, g in graphs:
            page = Path(tmp) / "graph.html"
            t = time.perf_counter()
            write_html(g, page)
            render = time.perf_counter() - t
            m = measure(driver, page, args.query)
            papers = sum(1 for _, d in g.nodes(data=True) if d["label"] == "Paper")
            rows.append((name, papers, g.number_of_nodes(), render, page.stat().st_size / 1e6, m))
            print(name, rows[-1][1:], flush=True)
    driver.quit()
    out = [
        f"Headless Debian chromium (software rendering, --disable-gpu), window 1500x950; {platform.machine()}, "
        f"{os.cpu_count()} cores; load average at start {load[0]:.1f} (the cores were shared with other jobs).",
        "",
        "| graph | papers | nodes | render s | page MB | open to usable s | (wall, incl. driver) | pan fps, edges drawn "
        "| mouse-drag fps | search ms | focus ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *(
            f"| {n} | {p} | {nn} | {r:.1f} | {mb:.1f} | {m['usable']:.2f} | {m['wall']:.2f} | {m['fps']:.0f} "
            f"| {m['drag']:.0f} "
            f"| {m['search_ms']:.0f} | {m['focus_ms']:.0f} |"
            for n, p, nn, r, mb, m in rows
        ),
    ]
    (HERE / "results" / "html_explorer.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
