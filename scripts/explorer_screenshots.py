#!/usr/bin/env python3
"""Screenshots of the HTML explorer for the README (docs/explorer*.png).

    python scripts/explorer_screenshots.py exports/graph.html [--large sample/graph.html] [--dataset ImageNet]

Opens the page(s) in headless Debian chromium and saves: the overview (docs/explorer.png), a focused
neighbourhood of the most-used method (docs/explorer-focus.png), a dataset's leaderboard found by
search (docs/explorer-leaderboard.png) and, with --large, the entity-level overview of a large build
(docs/explorer-field.png). Look at them before committing.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _open(drv: webdriver.Chrome, page: str) -> None:
    drv.get(Path(page).resolve().as_uri())
    while not drv.execute_script("return !!(window.paperkg && paperkg.state.ready)"):
        time.sleep(0.1)
    time.sleep(0.5)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("page", help="the bundled pages' graph.html")
    ap.add_argument("--large", help="a large build's graph.html (entity-level overview, leaderboard)")
    ap.add_argument("--dataset", default="ImageNet", help="dataset whose leaderboard is shown")
    args = ap.parse_args()
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "chromium"
    for a in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1500,900",
        "--hide-scrollbars",
    ]:
        opts.add_argument(a)
    drv = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    _open(drv, args.page)
    drv.save_screenshot(str(DOCS / "explorer.png"))
    method = drv.execute_script(
        "const S = paperkg.store; let best = -1;"
        "for (let i = 0; i < S.size; i++) if (S.type(i) === 'Method' && (best < 0 || S.degree(i) > S.degree(best))) best = i;"
        "return best;"
    )
    drv.execute_script("paperkg.focus(arguments[0], 2)", method)
    time.sleep(0.5)
    drv.save_screenshot(str(DOCS / "explorer-focus.png"))
    if args.large:
        _open(drv, args.large)
        drv.save_screenshot(str(DOCS / "explorer-field.png"))
    box = drv.find_element("id", "search")
    box.clear()
    box.send_keys(args.dataset + "\n")
    drv.find_element("css selector", "#matches a.match.t-Dataset, #matches a.match.t-Benchmark").click()
    time.sleep(0.5)
    drv.save_screenshot(str(DOCS / "explorer-leaderboard.png"))
    drv.quit()


if __name__ == "__main__":
    main()
