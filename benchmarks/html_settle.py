#!/usr/bin/env python3
"""How long the HTML explorer takes to lay out and settle in headless Chromium (a benchmark).

    python benchmarks/html_settle.py ../shared/corpora/paperlists_abstracts.jsonl.gz --abstracts 1500 --max-nodes 6000

Builds two pages, the bundled example pages' graph and one of at least ``--max-nodes``-ish nodes from
the corpus, opens each from disk in Debian's chromium (Selenium + chromedriver), and reports the time
from navigation to the page's own "layout settled" signal (physics stopped) and the time the page
measured for stabilisation. Writes benchmarks/results/html_settle.md.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from paperkg.export.html import drawable, write_html
from paperkg.pipeline import build

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def settle(driver: webdriver.Chrome, page: Path, timeout: float = 600) -> tuple[float, int, int]:
    t = time.perf_counter()
    driver.get(page.as_uri())
    while time.perf_counter() - t < timeout:
        if driver.execute_script("return !!(window.paperkg && window.paperkg.state.stable)"):
            wall = time.perf_counter() - t
            ms = driver.execute_script("return paperkg.state.stabilizedMs")
            n = driver.execute_script("return paperkg.network.body.nodeIndices.length")
            return wall, ms, n
        time.sleep(0.1)
    raise SystemExit(f"{page} did not settle in {timeout} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--abstracts", type=int, default=1500)
    ap.add_argument("--max-nodes", type=int, default=6000)
    args = ap.parse_args()
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "chromium"
    for a in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
    ]:
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        seeds = build([str(ROOT / "examples" / "hf_daily")], out=None).graph
        big_in = Path(tmp) / "corpus.jsonl"
        with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
            big_in.write_text("".join(next(fh) for _ in range(args.abstracts)), encoding="utf-8")
        big = build([str(big_in)], out=None, jobs=2).graph
        for name, g in [("bundled example pages", seeds), (f"{args.abstracts} corpus abstracts", big)]:
            page = Path(tmp) / "graph.html"
            write_html(g, page, max_nodes=args.max_nodes)
            wall, ms, n = settle(driver, page)
            rows.append((name, len(drawable(g)), n, page.stat().st_size / 1e6, wall, ms / 1000))
    driver.quit()
    out = [
        "Headless Debian chromium (software rendering) on the 2-core machine; physics stops after stabilisation.",
        "",
        "| graph | nodes in graph | nodes drawn | page MB | open to settled s | stabilisation s (page's own clock) |",
        "|---|---|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d:.1f} | {e:.1f} | {f:.1f} |" for a, b, c, d, e, f in rows),
    ]
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "html_settle.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
